//! RTP header extension ids for one offer, chosen the way libwebrtc's
//! `GetOfferedRtpHeaderExtensionsWithIds` chooses them.
//!
//! Extensions already in the applied local offer keep their ids; every other extension
//! is taken, transceiver by transceiver in m-line order, at its preferred id unless a
//! different URI already holds that id. Then it gets the highest free id counting down
//! from 14 (and, with `a=extmap-allow-mixed`, two-byte ids from 15 up once 1–14 are
//! gone). One URI keeps one id across all sections of the offer, since they are
//! bundled. This is why video's toffset (preferred 1) becomes 14 and
//! video-orientation (preferred 3) becomes 13 when an audio section comes first.

use crate::codecs::{header_extensions, HeaderExtension};
use crate::sdp::{Extmap, MediaKind};

const ONE_BYTE_MAX_ID: u16 = 14;
const TWO_BYTE_MAX_ID: u16 = 255;

/// libwebrtc's `UsedRtpHeaderExtensionIds` in its two-byte-allowed mode.
struct UsedIds {
    /// Bit `id` set when `id` is taken (ids 0–255).
    used: [u64; 4],
    next: u16,
}

impl UsedIds {
    fn new() -> Self {
        UsedIds {
            used: [0; 4],
            next: ONE_BYTE_MAX_ID,
        }
    }

    fn is_used(&self, id: u16) -> bool {
        let id = usize::from(id);
        self.used
            .get(id / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    fn mark(&mut self, id: u16) {
        let id = usize::from(id);
        if let Some(word) = self.used.get_mut(id / 64) {
            *word |= 1 << (id % 64);
        }
    }

    fn find_unused(&mut self) -> u16 {
        if self.next <= ONE_BYTE_MAX_ID {
            while self.next >= 1 && self.is_used(self.next) {
                self.next -= 1;
            }
        }
        if self.next < 1 {
            self.next = ONE_BYTE_MAX_ID + 1;
        }
        if self.next > ONE_BYTE_MAX_ID {
            while self.next <= TWO_BYTE_MAX_ID && self.is_used(self.next) {
                self.next += 1;
            }
        }
        self.next
    }

    /// `preferred` if it is free, else the next free id; marks the result used.
    fn take(&mut self, preferred: u16) -> u16 {
        let id = if self.is_used(preferred) {
            self.find_unused()
        } else {
            preferred
        };
        self.mark(id);
        id
    }
}

/// The extensions offered per media kind and the ids they got.
pub(super) struct ExtensionIds {
    audio: Vec<Extmap<'static>>,
    video: Vec<Extmap<'static>>,
    all: Vec<Extmap<'static>>,
    ids: UsedIds,
}

impl ExtensionIds {
    pub(super) fn new() -> Self {
        // Room for every extension of both engines: no regrowth while merging.
        let capacity = header_extensions(MediaKind::Audio, true).len()
            + header_extensions(MediaKind::Video, true).len();
        ExtensionIds {
            audio: Vec::with_capacity(capacity),
            video: Vec::with_capacity(capacity),
            all: Vec::with_capacity(capacity),
            ids: UsedIds::new(),
        }
    }

    /// Adds `extensions` (ids as wished) to the `kind` list unless already there
    /// (libwebrtc's `MergeRtpHdrExts`).
    pub(super) fn merge(
        &mut self,
        kind: MediaKind,
        extensions: impl IntoIterator<Item = Extmap<'static>>,
    ) {
        let ExtensionIds {
            audio,
            video,
            all,
            ids,
        } = self;
        let offered = match kind {
            MediaKind::Audio => audio,
            MediaKind::Video => video,
        };
        for wished in extensions {
            if offered.iter().any(|e| e.uri == wished.uri) {
                continue;
            }
            match all.iter().find(|e| e.uri == wished.uri) {
                Some(existing) => offered.push(*existing),
                None => {
                    let extmap = Extmap {
                        id: ids.take(wished.id),
                        uri: wished.uri,
                    };
                    all.push(extmap);
                    offered.push(extmap);
                }
            }
        }
    }

    /// Merges a transceiver's capabilities at their preferred ids.
    pub(super) fn merge_capabilities(&mut self, kind: MediaKind, caps: &[HeaderExtension]) {
        self.merge(
            kind,
            caps.iter().map(|c| Extmap {
                id: c.preferred_id,
                uri: c.uri,
            }),
        );
    }

    /// The extmap lines of one section: the `kind` list, in its order, limited to the
    /// extensions this section's transceiver offers.
    pub(super) fn for_section(
        &self,
        kind: MediaKind,
        caps: &[HeaderExtension],
    ) -> Vec<Extmap<'static>> {
        let offered = match kind {
            MediaKind::Audio => &self.audio,
            MediaKind::Video => &self.video,
        };
        let mut extmaps = Vec::with_capacity(caps.len());
        extmaps.extend(
            offered
                .iter()
                .filter(|e| caps.iter().any(|c| c.uri == e.uri))
                .copied(),
        );
        extmaps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[Extmap<'static>]) -> Vec<u16> {
        list.iter().map(|e| e.id).collect()
    }

    fn offer(kinds: &[(MediaKind, bool)]) -> Vec<Vec<u16>> {
        let mut ext = ExtensionIds::new();
        for &(kind, simulcast) in kinds {
            ext.merge_capabilities(kind, header_extensions(kind, simulcast));
        }
        kinds
            .iter()
            .map(|&(kind, simulcast)| {
                ids(&ext.for_section(kind, header_extensions(kind, simulcast)))
            })
            .collect()
    }

    #[test]
    fn audio_then_video_moves_colliding_video_ids_down_from_14() {
        let got = offer(&[(MediaKind::Audio, false), (MediaKind::Video, false)]);
        assert_eq!(got[0], [1, 2, 3, 4]);
        assert_eq!(got[1], [14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11]);
    }

    #[test]
    fn video_alone_keeps_preferred_ids() {
        let got = offer(&[(MediaKind::Video, true)]);
        assert_eq!(got[0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14]);
    }

    #[test]
    fn audio_then_simulcast_video_counts_down_past_taken_ids() {
        // Not in the captures; what the same algorithm gives for the two extensions
        // that only simulcast senders offer.
        let got = offer(&[(MediaKind::Audio, false), (MediaKind::Video, true)]);
        assert_eq!(got[1], [14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11, 12, 9]);
    }

    #[test]
    fn exhausted_one_byte_ids_continue_at_15() {
        let mut used = UsedIds::new();
        for id in 1..=14 {
            used.mark(id);
        }
        assert_eq!(used.take(3), 15);
        assert_eq!(used.take(3), 16);
    }

    #[test]
    fn applied_ids_win_over_preferred_ones() {
        // An applied video-only offer, then audio added: audio's colliding ids move.
        let mut ext = ExtensionIds::new();
        let video = header_extensions(MediaKind::Video, false);
        ext.merge_capabilities(MediaKind::Video, video);
        let applied = ext.for_section(MediaKind::Video, video);

        let mut next = ExtensionIds::new();
        next.merge(MediaKind::Video, applied.iter().copied());
        next.merge_capabilities(MediaKind::Video, video);
        next.merge_capabilities(MediaKind::Audio, header_extensions(MediaKind::Audio, false));
        let audio = next.for_section(MediaKind::Audio, header_extensions(MediaKind::Audio, false));
        assert_eq!(ids(&audio), [14, 2, 4, 9]);
        assert_eq!(
            ids(&next.for_section(MediaKind::Video, video)),
            ids(&applied)
        );
    }
}
