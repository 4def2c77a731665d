//! What an operation is given: the transceivers as the page has them (a [`Snapshot`]) and
//! the normalized `RTCOfferOptions`, with the checks that keep their values out of the SDP's
//! syntax.

use crate::codecs::{header_extensions, HeaderExtension};
use crate::error::{quoted, Error, ErrorKind};
use crate::sdp::is_msid_id;

pub use super::ids::TransceiverId;
pub use crate::codecs::CodecPreference;
pub use crate::sdp::{Direction, MediaKind};

/// One transceiver as the JS glue sees it when an operation runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransceiverSnapshot {
    /// Stable per transceiver, chosen by the glue.
    pub id: TransceiverId,
    /// Audio or video (never changes for one id).
    pub kind: MediaKind,
    /// The transceiver's `direction`.
    pub direction: Direction,
    /// Stopped or stopping (createOffer treats both alike).
    pub stopped: bool,
    /// The sender's associated MediaStream ids.
    pub stream_ids: Vec<String>,
    /// The sender's track id; `None` when it has no track (a random id is used then).
    pub track_id: Option<String>,
    /// Simulcast rids when there are two or more encodings, else empty. Signalled
    /// (`a=rid` + `a=simulcast`, no SSRCs) for video only.
    pub send_rids: Vec<String>,
    /// The rids of `send_rids` whose encoding is inactive (`active: false`): offered paused
    /// (`~rid` in `a=simulcast`), as Chromium offers them.
    pub paused_rids: Vec<String>,
    /// `setCodecPreferences()`: the codecs to offer, in order; empty for the defaults.
    pub codec_preferences: Vec<CodecPreference>,
    /// `addTrack()` made it or took it over: a remote offer's m-section may claim it by
    /// kind (webrtc-pc; `addTransceiver()`-made ones are never matched that way).
    pub added_by_track: bool,
}

impl TransceiverSnapshot {
    /// A transceiver with no streams, no track and one encoding, as `addTransceiver(kind,
    /// {direction})` makes it.
    pub fn new(id: impl Into<TransceiverId>, kind: MediaKind, direction: Direction) -> Self {
        TransceiverSnapshot {
            id: id.into(),
            kind,
            direction,
            stopped: false,
            stream_ids: Vec::new(),
            track_id: None,
            send_rids: Vec::new(),
            paused_rids: Vec::new(),
            codec_preferences: Vec::new(),
            added_by_track: false,
        }
    }
    /// The rids to signal: two or more, on video only (Chromium sends a single audio
    /// encoding, and audio sections have no rid header extension).
    pub(super) fn simulcast_rids(&self) -> &[String] {
        match self.kind {
            MediaKind::Video if self.send_rids.len() >= 2 => &self.send_rids,
            _ => &[],
        }
    }

    /// The header extensions it offers.
    pub(super) fn header_extensions(&self) -> &'static [HeaderExtension] {
        header_extensions(self.kind, !self.simulcast_rids().is_empty())
    }
}

/// The transceivers (in the order they were added) and whether any data channel exists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Every transceiver of the connection, in the order they were added.
    pub transceivers: Vec<TransceiverSnapshot>,
    /// Whether any RTCDataChannel exists (one `m=application` section for all).
    pub data_channel: bool,
}

impl Snapshot {
    /// The transceiver with `id`, if the snapshot has it.
    pub(super) fn transceiver(&self, id: TransceiverId) -> Option<&TransceiverSnapshot> {
        self.transceivers.iter().find(|t| t.id == id)
    }

    /// Rejects snapshot values that would break the SDP's syntax (the glue never sends them).
    pub(super) fn validate(&self) -> Result<(), Error> {
        let invalid = |what: &str, value: &str| {
            Err(Error::new(
                ErrorKind::Type,
                format!(
                    "invalid {what} {} in the transceiver snapshot",
                    quoted(value)
                ),
            ))
        };
        for (i, t) in self.transceivers.iter().enumerate() {
            if self.transceivers[..i].iter().any(|o| o.id == t.id) {
                return invalid("duplicate transceiver id", &t.id.get().to_string());
            }
            let ids = t.stream_ids.iter().chain(&t.track_id);
            for id in ids {
                if !is_msid_id(id) {
                    return invalid("stream or track id", id);
                }
            }
            // RFC 8830 forbids repeating an msid; the W3C API keeps stream ids unique.
            for (j, id) in t.stream_ids.iter().enumerate() {
                if t.stream_ids[..j].contains(id) {
                    return invalid("duplicate stream id", id);
                }
            }
            for rid in &t.send_rids {
                let ok = !rid.is_empty()
                    && rid
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !ok {
                    return invalid("rid", rid);
                }
            }
        }
        Ok(())
    }
}

/// The normalized `RTCOfferOptions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferOptions {
    /// New ICE ufrag and pwd for this offer.
    pub ice_restart: bool,
    /// When false, comfort noise (CN) is left out of audio sections.
    pub voice_activity_detection: bool,
}

impl Default for OfferOptions {
    fn default() -> Self {
        OfferOptions {
            ice_restart: false,
            voice_activity_detection: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_line_breaking_ids() {
        let mut transceiver = TransceiverSnapshot::new(1, MediaKind::Audio, Direction::SendRecv);
        transceiver.stream_ids = vec!["a\r\nb".into()];
        let snapshot = Snapshot {
            transceivers: vec![transceiver],
            data_channel: false,
        };
        let err = snapshot.validate().unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type);
    }
}
