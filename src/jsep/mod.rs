//! JSEP offer generation (RFC 9429 §5.2) as Chromium 156 does it: [`JsepSession`]
//! keeps what must stay stable across offers of one peer connection (session id and
//! version, ICE credentials, mids, track ids, SSRCs, the applied offer) and writes each
//! offer from a [`Snapshot`] of the transceivers.

mod extmap;

use core::fmt::Write;

use crate::cert::Fingerprint;
use crate::codecs::{header_extensions, offered_codecs, HeaderExtension};
use crate::error::{Error, ErrorKind};
use crate::ice::IceCredentials;
use crate::random::Random;
use crate::sdp::{
    DataSection, Extmap, FingerprintAttribute, MediaSection, Msid, RtpSection, SessionDescription,
    Ssrcs, Transport,
};

use extmap::ExtensionIds;

pub use crate::sdp::{Direction, MediaKind};

/// libwebrtc's first session version.
const FIRST_SESSION_VERSION: u64 = 2;
/// The SCTP port Chromium offers.
const SCTP_PORT: u16 = 5000;
/// Chromium's SCTP send buffer size, offered as `a=max-message-size`.
const MAX_MESSAGE_SIZE: u32 = 262_144;
/// Length of libwebrtc's RTCP CNAME.
const CNAME_LEN: usize = 16;
/// The base64 alphabet libwebrtc draws random strings (the CNAME) from.
const BASE64_CHARS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// msid-id and msid-appdata are 1*64 token-char (RFC 8830).
const MAX_MSID_LEN: usize = 64;

/// One transceiver as the JS glue sees it when an operation runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransceiverSnapshot {
    /// Stable per transceiver, chosen by the glue.
    pub id: u32,
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
}

impl TransceiverSnapshot {
    /// A transceiver with no streams, no track and one encoding, as `addTransceiver(kind,
    /// {direction})` makes it.
    pub fn new(id: u32, kind: MediaKind, direction: Direction) -> Self {
        TransceiverSnapshot {
            id,
            kind,
            direction,
            stopped: false,
            stream_ids: Vec::new(),
            track_id: None,
            send_rids: Vec::new(),
        }
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

/// What an m-line carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Transceiver { id: u32, kind: MediaKind },
    Data,
}

/// One m-line of an offer, as remembered for the next offers.
#[derive(Debug, Clone)]
struct Section {
    owner: Owner,
    mid: String,
    /// Port 0: the transceiver is stopped or gone.
    rejected: bool,
    extmaps: Vec<Extmap<'static>>,
}

/// The parts of an offer later offers build on.
#[derive(Debug, Clone)]
struct Layout {
    ice: IceCredentials,
    sections: Vec<Section>,
}

#[derive(Debug, Clone)]
struct CreatedOffer {
    sdp: String,
    layout: Layout,
}

/// What the session remembers per transceiver id.
#[derive(Debug, Clone)]
struct TransceiverState {
    id: u32,
    kind: MediaKind,
    mid: String,
    /// Used when the snapshot has no track id; generated once.
    random_track_id: Option<String>,
    /// Primary and (video) RTX SSRC; generated when the transceiver first sends.
    ssrcs: Option<(u32, Option<u32>)>,
}

/// The JSEP state of one peer connection, and its offer writer.
#[derive(Debug)]
pub struct JsepSession {
    rng: Random,
    fingerprints: Vec<FingerprintAttribute>,
    session_id: u64,
    next_version: u64,
    /// Credentials of offers while no offer has been applied.
    initial_ice: IceCredentials,
    cname: String,
    next_mid: u32,
    transceivers: Vec<TransceiverState>,
    data_mid: Option<String>,
    last_offer: Option<CreatedOffer>,
    applied: Option<Layout>,
}

impl JsepSession {
    /// A session for a peer connection whose certificates have `fingerprints`.
    pub fn new(fingerprints: Vec<Fingerprint>, mut rng: Random) -> Result<JsepSession, Error> {
        // Below 2^61 so that the id survives a JavaScript Number round trip unchanged
        // in magnitude checks (WPT requires < 2^62 in older and < 2^64 in newer copies).
        let session_id = rng.next_u64()? >> 3;
        let initial_ice = IceCredentials::generate(&mut rng)?;
        let cname = random_chars(&mut rng, CNAME_LEN)?;
        Ok(JsepSession {
            rng,
            fingerprints: fingerprints
                .iter()
                .map(FingerprintAttribute::from)
                .collect(),
            session_id,
            next_version: FIRST_SESSION_VERSION,
            initial_ice,
            cname,
            next_mid: 0,
            transceivers: Vec::new(),
            data_mid: None,
            last_offer: None,
            applied: None,
        })
    }

    /// Writes an offer for `snapshot`; it becomes the last created offer.
    pub fn create_offer(
        &mut self,
        snapshot: &Snapshot,
        options: &OfferOptions,
    ) -> Result<String, Error> {
        validate(snapshot)?;
        self.check_kinds(snapshot)?;
        self.assign_mids(snapshot);
        let mut sections = self.layout_sections(snapshot);
        assign_extension_ids(self.applied.as_ref(), snapshot, &mut sections);
        self.prepare_senders(snapshot, &sections)?;

        // Offers reuse the applied offer's credentials (or, before any, the session's).
        let current = self
            .applied
            .as_ref()
            .map_or(&self.initial_ice, |a| &a.ice)
            .clone();
        let ice = if options.ice_restart {
            self.fresh_ice(&current)?
        } else {
            current
        };
        let version = self.next_version;
        self.next_version += 1;

        let mut sdp = String::with_capacity(self.last_offer.as_ref().map_or(2048, |o| o.sdp.len()));
        let description = self.describe(snapshot, options, &sections, &ice, version);
        description
            .write_to(&mut sdp)
            .map_err(|_| Error::new(ErrorKind::Operation, "could not write the offer"))?;
        self.last_offer = Some(CreatedOffer {
            sdp: sdp.clone(),
            layout: Layout { ice, sections },
        });
        Ok(sdp)
    }

    /// Applies `sdp` as the local offer. It must be exactly the last created offer.
    /// Returns `(transceiver id, mid)` for every transceiver with an m-section in it.
    pub fn set_local_description(&mut self, sdp: &str) -> Result<Vec<(u32, String)>, Error> {
        let Some(offer) = &self.last_offer else {
            return Err(Error::new(
                ErrorKind::InvalidModification,
                "The SDP does not match the previously created offer: no offer was created",
            ));
        };
        if offer.sdp != sdp {
            // Split at '\n' (a char, not the "\r\n" string: no substring searcher in wasm);
            // the '\r' left on each line does not change where they first differ.
            let (ours, theirs) = (offer.sdp.split('\n'), sdp.split('\n'));
            let line = ours
                .clone()
                .zip(theirs.clone())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| ours.count().min(theirs.count()))
                + 1;
            return Err(Error::new(
                ErrorKind::InvalidModification,
                format!(
                    "The SDP does not match the previously created offer (line {line} differs)"
                ),
            ));
        }
        let layout = offer.layout.clone();
        let mids = layout
            .sections
            .iter()
            .filter_map(|s| match s.owner {
                Owner::Transceiver { id, .. } => Some((id, s.mid.clone())),
                Owner::Data => None,
            })
            .collect();
        self.applied = Some(layout);
        Ok(mids)
    }

    /// The SDP of the last created offer, if any.
    pub fn last_created_offer(&self) -> Option<&str> {
        self.last_offer.as_ref().map(|o| o.sdp.as_str())
    }

    fn state(&self, id: u32) -> Option<&TransceiverState> {
        self.transceivers.iter().find(|t| t.id == id)
    }

    /// A transceiver's kind never changes; a snapshot saying otherwise is a glue bug.
    fn check_kinds(&self, snapshot: &Snapshot) -> Result<(), Error> {
        for t in &snapshot.transceivers {
            if self.state(t.id).is_some_and(|s| s.kind != t.kind) {
                return Err(Error::new(
                    ErrorKind::Type,
                    format!("transceiver {} changed its kind", t.id),
                ));
            }
        }
        Ok(())
    }

    fn new_mid(&mut self) -> String {
        let mid = self.next_mid.to_string();
        self.next_mid += 1;
        mid
    }

    /// Gives every transceiver, then the data channel, a mid on first appearance.
    fn assign_mids(&mut self, snapshot: &Snapshot) {
        for t in snapshot.transceivers.iter().filter(|t| !t.stopped) {
            if self.state(t.id).is_none() {
                let mid = self.new_mid();
                self.transceivers.push(TransceiverState {
                    id: t.id,
                    kind: t.kind,
                    mid,
                    random_track_id: None,
                    ssrcs: None,
                });
            }
        }
        if snapshot.data_channel && self.data_mid.is_none() {
            self.data_mid = Some(self.new_mid());
        }
    }

    /// The m-lines in order: those of the applied offer keep their place (a stopped or
    /// vanished transceiver's becomes rejected; a vanished one's may be recycled), new
    /// transceivers follow in snapshot order, the data section comes last.
    fn layout_sections(&self, snapshot: &Snapshot) -> Vec<Section> {
        let mut sections = Vec::new();
        let mut recyclable = Vec::new();
        for old in self.applied.iter().flat_map(|a| &a.sections) {
            let rejected = match old.owner {
                Owner::Data => false,
                Owner::Transceiver { id, .. } => match find(snapshot, id) {
                    Some(t) => t.stopped,
                    None => {
                        recyclable.push(sections.len());
                        true
                    }
                },
            };
            sections.push(Section {
                owner: old.owner,
                mid: old.mid.clone(),
                rejected,
                extmaps: Vec::new(),
            });
        }
        let mut recyclable = recyclable.into_iter();
        let mut place = |sections: &mut Vec<Section>, section: Section| match recyclable
            .next()
            .and_then(|index| sections.get_mut(index))
        {
            Some(slot) => *slot = section,
            None => sections.push(section),
        };
        for t in snapshot.transceivers.iter().filter(|t| !t.stopped) {
            let placed = sections
                .iter()
                .any(|s| matches!(s.owner, Owner::Transceiver { id, .. } if id == t.id));
            if let (false, Some(state)) = (placed, self.state(t.id)) {
                let section = Section {
                    owner: Owner::Transceiver {
                        id: t.id,
                        kind: t.kind,
                    },
                    mid: state.mid.clone(),
                    rejected: false,
                    extmaps: Vec::new(),
                };
                place(&mut sections, section);
            }
        }
        let has_data = sections.iter().any(|s| s.owner == Owner::Data);
        if let (true, false, Some(mid)) = (snapshot.data_channel, has_data, &self.data_mid) {
            let section = Section {
                owner: Owner::Data,
                mid: mid.clone(),
                rejected: false,
                extmaps: Vec::new(),
            };
            place(&mut sections, section);
        }
        sections
    }

    /// Track ids and SSRCs for every sending section, made once and kept.
    fn prepare_senders(&mut self, snapshot: &Snapshot, sections: &[Section]) -> Result<(), Error> {
        for section in sections.iter().filter(|s| !s.rejected) {
            let Owner::Transceiver { id, kind } = section.owner else {
                continue;
            };
            let Some(t) = find(snapshot, id).filter(|t| t.direction.sends()) else {
                continue;
            };
            let Some(index) = self.transceivers.iter().position(|s| s.id == id) else {
                continue;
            };
            if t.track_id.is_none() && self.transceivers[index].random_track_id.is_none() {
                let uuid = random_uuid(&mut self.rng)?;
                self.transceivers[index].random_track_id = Some(uuid);
            }
            if simulcast_rids(t).is_empty() && self.transceivers[index].ssrcs.is_none() {
                let primary = self.fresh_ssrc(&[])?;
                let rtx = match kind {
                    MediaKind::Audio => None,
                    MediaKind::Video => Some(self.fresh_ssrc(&[primary])?),
                };
                self.transceivers[index].ssrcs = Some((primary, rtx));
            }
        }
        Ok(())
    }

    /// A random non-zero SSRC not used by any transceiver of this session (nor `also`).
    fn fresh_ssrc(&mut self, also: &[u32]) -> Result<u32, Error> {
        loop {
            let mut bytes = [0u8; 4];
            self.rng.fill(&mut bytes)?;
            let ssrc = u32::from_le_bytes(bytes);
            let taken = also.contains(&ssrc)
                || self
                    .transceivers
                    .iter()
                    .any(|t| t.ssrcs.is_some_and(|(p, r)| p == ssrc || r == Some(ssrc)));
            if ssrc != 0 && !taken {
                return Ok(ssrc);
            }
        }
    }

    /// New credentials for an ICE restart: both ufrag and pwd differ from `current`.
    fn fresh_ice(&mut self, current: &IceCredentials) -> Result<IceCredentials, Error> {
        loop {
            let ice = IceCredentials::generate(&mut self.rng)?;
            if ice.ufrag != current.ufrag && ice.pwd != current.pwd {
                return Ok(ice);
            }
        }
    }

    /// The typed description of one offer, borrowing from the session and snapshot.
    fn describe<'a>(
        &'a self,
        snapshot: &'a Snapshot,
        options: &OfferOptions,
        sections: &'a [Section],
        ice: &'a IceCredentials,
        version: u64,
    ) -> SessionDescription<'a> {
        let transport = Transport {
            ice_ufrag: &ice.ufrag,
            ice_pwd: &ice.pwd,
            fingerprints: &self.fingerprints,
        };
        let mut media = Vec::with_capacity(sections.len());
        for section in sections {
            let kind = match section.owner {
                Owner::Data => {
                    media.push(MediaSection::Data(DataSection {
                        transport,
                        mid: &section.mid,
                        sctp_port: SCTP_PORT,
                        max_message_size: MAX_MESSAGE_SIZE,
                    }));
                    continue;
                }
                Owner::Transceiver { kind, .. } => kind,
            };
            let live = match section.owner {
                Owner::Transceiver { id, .. } if !section.rejected => find(snapshot, id),
                _ => None,
            };
            let direction = live.map_or(Direction::Inactive, |t| t.direction);
            let sender = live
                .filter(|t| t.direction.sends())
                .zip(live.and_then(|t| self.state(t.id)));
            let msid = sender.and_then(|(t, state)| {
                let track_id = t.track_id.as_deref().or(state.random_track_id.as_deref())?;
                Some(Msid {
                    stream_ids: &t.stream_ids,
                    track_id,
                })
            });
            let send_rids = sender.map_or(&[][..], |(t, _)| simulcast_rids(t));
            let ssrcs = match sender {
                Some((_, state)) if send_rids.is_empty() => {
                    state.ssrcs.map(|(primary, rtx)| Ssrcs {
                        primary,
                        rtx,
                        cname: &self.cname,
                    })
                }
                _ => None,
            };
            media.push(MediaSection::Rtp(RtpSection {
                kind,
                port: if section.rejected { 0 } else { 9 },
                transport,
                mid: &section.mid,
                extmaps: &section.extmaps,
                direction,
                msid,
                codecs: offered_codecs(kind, direction, options.voice_activity_detection),
                ssrcs,
                send_rids,
            }));
        }
        SessionDescription {
            session_id: self.session_id,
            session_version: version,
            bundle: {
                let mut mids = Vec::with_capacity(sections.len());
                mids.extend(sections.iter().filter(|s| !s.rejected).map(|s| &*s.mid));
                mids
            },
            msid_semantic: msid_semantic(&media),
            media,
        }
    }
}

/// The stream ids of `a=msid-semantic: WMS`: libwebrtc looks only at the first audio
/// and the first video section and lists their stream ids sorted (a `std::set`).
fn msid_semantic<'a>(media: &[MediaSection<'a>]) -> Vec<&'a str> {
    let mut ids = Vec::new();
    for kind in [MediaKind::Audio, MediaKind::Video] {
        let first = media.iter().find_map(|m| match m {
            MediaSection::Rtp(rtp) if rtp.kind == kind => Some(rtp),
            _ => None,
        });
        if let Some(msid) = first.and_then(|rtp| rtp.msid) {
            // Sorted insertion: a handful of ids, and no generic sort in the wasm.
            for id in msid.stream_ids {
                if let Err(at) = ids.binary_search(&id.as_str()) {
                    ids.insert(at, id.as_str());
                }
            }
        }
    }
    ids
}

/// The header extensions a section's transceiver offers (none once it is gone).
fn capabilities(snapshot: &Snapshot, section: &Section) -> &'static [HeaderExtension] {
    match section.owner {
        Owner::Transceiver { id, kind } => match find(snapshot, id) {
            Some(t) => header_extensions(kind, !simulcast_rids(t).is_empty()),
            None => &[],
        },
        Owner::Data => &[],
    }
}

/// Fills each section's extmaps: ids of the applied offer's live sections first, then
/// every section's capabilities in m-line order (see [`extmap`]).
fn assign_extension_ids(applied: Option<&Layout>, snapshot: &Snapshot, sections: &mut [Section]) {
    let mut ids = ExtensionIds::new();
    for (old, new) in applied
        .iter()
        .flat_map(|a| &a.sections)
        .zip(sections.iter())
    {
        if let Owner::Transceiver { kind, .. } = old.owner {
            if !old.rejected && !new.rejected && old.mid == new.mid {
                ids.merge(kind, old.extmaps.iter().copied());
            }
        }
    }
    for section in sections.iter() {
        if let Owner::Transceiver { kind, .. } = section.owner {
            ids.merge_capabilities(kind, capabilities(snapshot, section));
        }
    }
    for section in sections.iter_mut() {
        if let Owner::Transceiver { kind, .. } = section.owner {
            section.extmaps = ids.for_section(kind, capabilities(snapshot, section));
        }
    }
}

/// The rids to signal: two or more, on video only (Chromium sends a single audio
/// encoding, and audio sections have no rid header extension).
fn simulcast_rids(t: &TransceiverSnapshot) -> &[String] {
    match t.kind {
        MediaKind::Video if t.send_rids.len() >= 2 => &t.send_rids,
        _ => &[],
    }
}

fn find(snapshot: &Snapshot, id: u32) -> Option<&TransceiverSnapshot> {
    snapshot.transceivers.iter().find(|t| t.id == id)
}

/// RFC 8866 token-char: what msid ids may contain.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`{|}~".contains(c)
}

/// Rejects snapshot values that would break the SDP's syntax (the glue never sends them).
fn validate(snapshot: &Snapshot) -> Result<(), Error> {
    let invalid = |what: &str, value: &str| {
        Err(Error::new(
            ErrorKind::Type,
            format!(
                "invalid {what} {} in the transceiver snapshot",
                quoted(value)
            ),
        ))
    };
    for (i, t) in snapshot.transceivers.iter().enumerate() {
        if snapshot.transceivers[..i].iter().any(|o| o.id == t.id) {
            return invalid("duplicate transceiver id", &t.id.to_string());
        }
        let ids = t.stream_ids.iter().chain(&t.track_id);
        for id in ids {
            if id.is_empty() || id.len() > MAX_MSID_LEN || !id.chars().all(is_token_char) {
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

/// `value` in double quotes, escaped as `{:?}` would but without the Unicode tables that
/// `{:?}` needs to decide what is printable (non-ASCII is always escaped here).
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    out.extend(value.chars().flat_map(char::escape_default));
    out.push('"');
    out
}

/// `len` random characters of the base64 alphabet (one byte's low 6 bits each).
fn random_chars(rng: &mut Random, len: usize) -> Result<String, Error> {
    let mut bytes = vec![0u8; len];
    rng.fill(&mut bytes)?;
    Ok(bytes
        .iter()
        .map(|b| char::from(BASE64_CHARS[usize::from(b & 63)]))
        .collect())
}

/// A random (version 4) UUID in lowercase 8-4-4-4-12 form, like a track id.
fn random_uuid(rng: &mut Random) -> Result<String, Error> {
    let mut b = [0u8; 16];
    rng.fill(&mut b)?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        // Writing into a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_shape() {
        let mut rng = Random::seeded(3);
        for _ in 0..100 {
            let u = random_uuid(&mut rng).unwrap();
            let parts: Vec<&str> = u.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(parts[2].starts_with('4'));
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
            assert!(u
                .chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        }
    }

    #[test]
    fn cname_is_16_base64_chars() {
        let cname = random_chars(&mut Random::seeded(9), CNAME_LEN).unwrap();
        assert_eq!(cname.len(), 16);
        assert!(cname.bytes().all(|c| BASE64_CHARS.contains(&c)));
    }

    #[test]
    fn quoted_escapes_controls_quotes_and_non_ascii() {
        assert_eq!(quoted("a\r\nb\"é"), r#""a\r\nb\"\u{e9}""#);
    }

    #[test]
    fn rejects_line_breaking_ids() {
        let snapshot = Snapshot {
            transceivers: vec![TransceiverSnapshot {
                id: 1,
                kind: MediaKind::Audio,
                direction: Direction::SendRecv,
                stopped: false,
                stream_ids: vec!["a\r\nb".into()],
                track_id: None,
                send_rids: vec![],
            }],
            data_channel: false,
        };
        let err = validate(&snapshot).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type);
    }
}
