//! JSEP offer/answer (RFC 9429) for the offering side, as Chromium 156 does it where
//! the RFC leaves room: [`JsepSession`] keeps what must stay stable across offers of
//! one peer connection (session id and version, ICE credentials, mids, track ids,
//! SSRCs, the applied descriptions), writes each offer from a [`Snapshot`] of the
//! transceivers, applies the remote answer and rolls back an unanswered offer.

mod answer;
mod extmap;

use core::fmt::Write;
use std::sync::Arc;

use crate::cert::Fingerprint;
use crate::codecs::{apply_preferences, header_extensions, offered_codecs, HeaderExtension};
use crate::error::{Error, ErrorKind};
use crate::ice::IceCredentials;
use crate::random::Random;
use crate::sdp::{
    is_token_char, Codec, CodecList, DataSection, Extmap, FingerprintAttribute, MediaSection, Msid,
    RtpSection, SessionDescription, Ssrcs, Transport,
};

use answer::{Answer, AnsweredSection};
use extmap::ExtensionIds;

pub use crate::codecs::CodecPreference;
pub use crate::sdp::{Direction, MediaKind};
pub use answer::NegotiatedSection;

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
    /// `setCodecPreferences()`: the codecs to offer, in order; empty for the defaults.
    pub codec_preferences: Vec<CodecPreference>,
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
            codec_preferences: Vec::new(),
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

/// The payload formats of one m-section: one of the pre-rendered default lists, or a
/// list made for it (codec preferences, or following an answer).
#[derive(Debug, Clone)]
enum Formats {
    Default(&'static CodecList),
    Custom(Arc<CodecList>),
}

impl core::ops::Deref for Formats {
    type Target = CodecList;

    fn deref(&self) -> &CodecList {
        match self {
            Formats::Default(list) => list,
            Formats::Custom(list) => list,
        }
    }
}

/// One m-line of an offer, as remembered for the next offers.
#[derive(Debug, Clone)]
struct Section {
    owner: Owner,
    mid: String,
    /// Port 0: the transceiver is stopped or gone.
    rejected: bool,
    extmaps: Vec<Extmap<'static>>,
    /// The offered direction (`inactive` when rejected).
    direction: Direction,
    /// What its transceiver offers: none once it is gone or the answer rejected the
    /// section; a stopping transceiver's rejected section keeps them, as in Chromium.
    header_extensions: &'static [HeaderExtension],
    /// The payload formats (unused for the data section).
    formats: Formats,
    /// Whether `a=rtcp` and `a=rtcp-rsize` are written (RFC 9429 §5.2.2 drops them
    /// after an answer with rtcp-mux / without rtcp-rsize).
    rtcp: bool,
    rtcp_rsize: bool,
}

impl Section {
    fn new(owner: Owner, mid: String, rejected: bool) -> Self {
        Section {
            owner,
            mid,
            rejected,
            extmaps: Vec::new(),
            direction: Direction::Inactive,
            header_extensions: &[],
            formats: Formats::Default(offered_codecs(MediaKind::Audio, Direction::Inactive, true)),
            rtcp: true,
            rtcp_rsize: true,
        }
    }
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
    /// `None` once the offer that gave it out was rolled back: it gets a new one.
    mid: Option<String>,
    /// Used when the snapshot has no track id; generated once.
    random_track_id: Option<String>,
    /// Primary and (video) RTX SSRC; generated when the transceiver first sends.
    ssrcs: Option<(u32, Option<u32>)>,
}

/// The JSEP state of one peer connection on the offering side: `createOffer`,
/// `setLocalDescription` of an offer, `setRemoteDescription` of its answer and rollback,
/// with everything that must stay stable across offers.
///
/// ```
/// use rtc_offer_polyfill::cert::Fingerprint;
/// use rtc_offer_polyfill::jsep::{
///     Direction, JsepSession, MediaKind, OfferOptions, Snapshot, TransceiverSnapshot,
/// };
/// use rtc_offer_polyfill::random::Random;
///
/// # fn main() -> Result<(), rtc_offer_polyfill::Error> {
/// let fingerprint = Fingerprint { algorithm: "sha-256".into(), digest: vec![0xAB; 32] };
/// let mut session = JsepSession::new(vec![fingerprint], Random::os())?;
/// let snapshot = Snapshot {
///     transceivers: vec![TransceiverSnapshot::new(1, MediaKind::Audio, Direction::SendRecv)],
///     data_channel: false,
/// };
///
/// // createOffer, then setLocalDescription: the transceiver gets its mid.
/// let offer = session.create_offer(&snapshot, &OfferOptions::default())?;
/// assert_eq!(session.set_local_description(&offer)?, [(1, "0".to_string())]);
///
/// // setRemoteDescription with the peer's answer (here: it only receives).
/// let answer = offer
///     .replace("a=setup:actpass", "a=setup:active")
///     .replace("a=sendrecv", "a=recvonly");
/// let negotiated = session.set_remote_description(&answer)?;
/// assert_eq!(negotiated[0].current_direction, Direction::SendOnly);
///
/// // A later offer follows the answer (RFC 9429 §5.2.2: no `a=rtcp` once the answer
/// // accepted rtcp-mux) and keeps the session id, mids and ICE credentials.
/// let reoffer = session.create_offer(&snapshot, &OfferOptions::default())?;
/// assert!(reoffer.contains("a=mid:0\r\n") && !reoffer.contains("a=rtcp:"));
///
/// // A malformed answer is an OperationError naming its line.
/// session.set_local_description(&reoffer)?;
/// let err = session.set_remote_description("v=0\r\nbogus\r\n").unwrap_err();
/// assert_eq!((err.kind.name(), err.line), ("OperationError", Some(2)));
/// // An unanswered offer can be rolled back.
/// session.rollback()?;
/// # Ok(())
/// # }
/// ```
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
    /// The applied local offer awaiting an answer (W3C `pendingLocalDescription`).
    pending_local: Option<Layout>,
    /// The answered local offer (`currentLocalDescription`) and its answer.
    current_local: Option<Layout>,
    current_remote: Option<Answer>,
}

impl JsepSession {
    /// A session for a peer connection whose certificates have `fingerprints`. Each
    /// must have a hash function name (an RFC 8122 token) and a digest, else a
    /// `TypeError`: the `a=fingerprint` line would not parse.
    pub fn new(fingerprints: Vec<Fingerprint>, mut rng: Random) -> Result<JsepSession, Error> {
        for fp in &fingerprints {
            let named = !fp.algorithm.is_empty() && fp.algorithm.chars().all(is_token_char);
            if !named || fp.digest.is_empty() {
                return Err(Error::new(
                    ErrorKind::Type,
                    format!(
                        "invalid certificate fingerprint {} with a {}-byte digest",
                        quoted(&fp.algorithm),
                        fp.digest.len()
                    ),
                ));
            }
        }
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
            pending_local: None,
            current_local: None,
            current_remote: None,
        })
    }

    /// Writes an offer for `snapshot`; it becomes the last created offer.
    ///
    /// Before any answer, the offer follows the initial-offer rules (RFC 9429 §5.2.1)
    /// with the applied offer's m-lines, mids and ICE credentials kept; once an answer
    /// is applied it also follows that answer (§5.2.2): per negotiated m-section only
    /// the header extensions and RTCP feedback the answer accepted, formats in the
    /// answer's order (unless codec preferences say otherwise), `a=rtcp` and
    /// `a=rtcp-rsize` as the answer allows, the BUNDLE group the answer formed, and
    /// sections the answer rejected kept at port 0 or recycled by new transceivers.
    pub fn create_offer(
        &mut self,
        snapshot: &Snapshot,
        options: &OfferOptions,
    ) -> Result<String, Error> {
        validate(snapshot)?;
        self.check_kinds(snapshot)?;
        self.assign_mids(snapshot);
        let mut sections = self.layout_sections(snapshot);
        let answered = self.answered_sections(&sections);
        assign_extension_ids(self.base(), &mut sections, &answered);
        choose_formats(snapshot, options, &mut sections, &answered);
        let bundle = self.bundle(&sections, &answered);
        self.prepare_senders(snapshot, &sections)?;

        // Offers reuse the applied offer's credentials (or, before any, the session's).
        let current = self.base().map_or(&self.initial_ice, |a| &a.ice).clone();
        let ice = if options.ice_restart {
            self.fresh_ice(&current)?
        } else {
            current
        };
        let version = self.next_version;
        self.next_version += 1;

        let mut sdp = String::with_capacity(self.last_offer.as_ref().map_or(2048, |o| o.sdp.len()));
        let description = self.describe(snapshot, &sections, bundle, &ice, version);
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
        let mut mids = Vec::new();
        for section in &layout.sections {
            // The offer's mids are the transceivers' again (an offer applied after a
            // rollback of itself gets back the mids the rollback took away).
            match section.owner {
                Owner::Transceiver { id, .. } => {
                    if let Some(state) = self.transceivers.iter_mut().find(|t| t.id == id) {
                        state.mid = Some(section.mid.clone());
                    }
                    mids.push((id, section.mid.clone()));
                }
                Owner::Data => self.data_mid = Some(section.mid.clone()),
            }
        }
        self.pending_local = Some(layout);
        Ok(mids)
    }

    /// Applies `sdp` as the remote answer to the applied local offer (RFC 9429 §5.10).
    ///
    /// The answer must parse (else an `OperationError`) and answer the offer: the same
    /// m-lines in the same order with the same mids; for every accepted section ICE
    /// credentials, a fingerprint, `a=setup` active or passive (if present), rtcp-mux
    /// for RTP, a direction the offered one allows and only offered payload types; a
    /// BUNDLE group of answered mids (else an `InvalidAccessError`). Syntax errors carry
    /// the offending line in [`Error::line`]; the others name it in their message. On an
    /// error the state is unchanged.
    ///
    /// On success the offer becomes the current local description and the answer the
    /// current remote one; returns our side's view of every m-section, in order.
    pub fn set_remote_description(&mut self, sdp: &str) -> Result<Vec<NegotiatedSection>, Error> {
        let Some(offer) = &self.pending_local else {
            return Err(Error::new(
                ErrorKind::InvalidState,
                "Cannot set a remote answer: no local offer has been applied",
            ));
        };
        let parsed = crate::sdp::parse(sdp)?;
        let (answer, negotiated) = answer::read_answer(&parsed, &offer.sections)?;
        self.current_local = self.pending_local.take();
        self.current_remote = Some(answer);
        Ok(negotiated)
    }

    /// Rolls back the applied local offer that has no answer yet (W3C
    /// `setLocalDescription({type: 'rollback'})`): the description state returns to the
    /// last answered exchange (or to none). The mids that offer gave out are not used
    /// again: their transceivers get new ones in the next offer, as in Chromium.
    pub fn rollback(&mut self) -> Result<(), Error> {
        let Some(pending) = self.pending_local.take() else {
            return Err(Error::new(
                ErrorKind::InvalidState,
                "Cannot roll back: no local offer has been applied since the last answer",
            ));
        };
        let current = self.current_local.as_ref();
        for section in &pending.sections {
            if current.is_some_and(|c| c.sections.iter().any(|s| s.mid == section.mid)) {
                continue;
            }
            let mid = Some(&section.mid);
            match section.owner {
                Owner::Transceiver { id, .. } => {
                    let state = self.transceivers.iter_mut().find(|t| t.id == id);
                    if let Some(state) = state.filter(|t| t.mid.as_ref() == mid) {
                        state.mid = None;
                    }
                }
                Owner::Data if self.data_mid.as_ref() == mid => self.data_mid = None,
                Owner::Data => {}
            }
        }
        Ok(())
    }

    /// Whether the applied answer says the remote side takes trickled ICE candidates
    /// (`a=ice-options:trickle`); `None` before an answer (W3C `canTrickleIceCandidates`).
    pub fn remote_can_trickle(&self) -> Option<bool> {
        self.current_remote.as_ref().map(|answer| answer.trickle)
    }

    /// The SDP of the last created offer, if any.
    pub fn last_created_offer(&self) -> Option<&str> {
        self.last_offer.as_ref().map(|o| o.sdp.as_str())
    }

    /// What the next offer builds on: the pending local offer, else the current one.
    fn base(&self) -> Option<&Layout> {
        self.pending_local.as_ref().or(self.current_local.as_ref())
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
            match self.transceivers.iter().position(|s| s.id == t.id) {
                Some(index) => {
                    if self.transceivers[index].mid.is_none() {
                        let mid = self.new_mid();
                        self.transceivers[index].mid = Some(mid);
                    }
                }
                None => {
                    let mid = Some(self.new_mid());
                    self.transceivers.push(TransceiverState {
                        id: t.id,
                        kind: t.kind,
                        mid,
                        random_track_id: None,
                        ssrcs: None,
                    });
                }
            }
        }
        if snapshot.data_channel && self.data_mid.is_none() {
            self.data_mid = Some(self.new_mid());
        }
    }

    /// The current answer's view of the m-line at `index` when it still has the mid
    /// the answered offer gave it (not recycled since).
    fn answered(&self, index: usize, mid: &str) -> Option<&AnsweredSection> {
        let local = self.current_local.as_ref()?.sections.get(index)?;
        let answer = self.current_remote.as_ref()?.sections.get(index)?;
        (local.mid == mid).then_some(answer)
    }

    /// Per section, the answer it follows: present for existing, non-recycled,
    /// non-rejected sections the current answer accepted.
    /// Empty (no allocation) before any answer: read it with [`answer_at`].
    fn answered_sections(&self, sections: &[Section]) -> Vec<Option<&AnsweredSection>> {
        if self.current_remote.is_none() {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(sections.len());
        out.extend(sections.iter().enumerate().map(|(index, section)| {
            self.answered(index, &section.mid)
                .filter(|a| !a.rejected && !section.rejected)
        }));
        out
    }

    /// The m-lines in order: those of the applied offer keep their place (a stopped or
    /// vanished transceiver's becomes rejected, as does a section the answer rejected;
    /// a vanished transceiver's or answer-rejected media section may be recycled), new
    /// transceivers follow in snapshot order, the data section comes last.
    fn layout_sections(&self, snapshot: &Snapshot) -> Vec<Section> {
        let mut sections = Vec::new();
        let mut recyclable = Vec::new();
        for (index, old) in self
            .base()
            .iter()
            .flat_map(|a| a.sections.iter())
            .enumerate()
        {
            let answer_rejected = self.answered(index, &old.mid).is_some_and(|a| a.rejected);
            let rejected = match old.owner {
                // A rejected data section comes back when there are data channels again
                // (Chromium re-enables it with its mid; it is never recycled for media).
                Owner::Data => answer_rejected && !snapshot.data_channel,
                // The answer stopped the transceiver (webrtc-pc: a rejected m-section
                // stops its transceiver); the glue drops it from its set.
                Owner::Transceiver { .. } if answer_rejected => {
                    recyclable.push(sections.len());
                    true
                }
                Owner::Transceiver { id, .. } => match find(snapshot, id) {
                    Some(t) => t.stopped,
                    None => {
                        recyclable.push(sections.len());
                        true
                    }
                },
            };
            sections.push(Section::new(old.owner, old.mid.clone(), rejected));
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
            let mid = self.state(t.id).and_then(|s| s.mid.clone());
            if let (false, Some(mid)) = (placed, mid) {
                let owner = Owner::Transceiver {
                    id: t.id,
                    kind: t.kind,
                };
                place(&mut sections, Section::new(owner, mid, false));
            }
        }
        let has_data = sections.iter().any(|s| s.owner == Owner::Data);
        if let (true, false, Some(mid)) = (snapshot.data_channel, has_data, &self.data_mid) {
            place(&mut sections, Section::new(Owner::Data, mid.clone(), false));
        }
        for (index, section) in sections.iter_mut().enumerate() {
            let Owner::Transceiver { id, .. } = section.owner else {
                continue;
            };
            let t = find(snapshot, id);
            if !section.rejected {
                section.direction = t.map_or(Direction::Inactive, |t| t.direction);
            }
            let answer_rejected = self
                .answered(index, &section.mid)
                .is_some_and(|a| a.rejected);
            if !answer_rejected {
                section.header_extensions = t.map_or(&[], capabilities);
            }
        }
        sections
    }

    /// The mids of the `a=group:BUNDLE` line: every live section before any answer;
    /// after one, the answer's group minus rejected sections plus new or re-enabled
    /// ones (RFC 9429 §5.2.2), in m-line order.
    fn bundle<'s>(
        &self,
        sections: &'s [Section],
        answered: &[Option<&AnsweredSection>],
    ) -> Vec<&'s str> {
        let mut mids = Vec::with_capacity(sections.len());
        for (index, section) in sections.iter().enumerate() {
            let bundled = match (answer_at(answered, index), &self.current_remote) {
                (Some(_), Some(remote)) => remote.bundle.contains(&section.mid),
                _ => true,
            };
            if !section.rejected && bundled {
                mids.push(section.mid.as_str());
            }
        }
        mids
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
        sections: &'a [Section],
        bundle: Vec<&'a str>,
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
                        port: if section.rejected { 0 } else { 9 },
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
                direction: section.direction,
                msid,
                rtcp: section.rtcp,
                rtcp_rsize: section.rtcp_rsize,
                codecs: &section.formats,
                ssrcs,
                send_rids,
            }));
        }
        SessionDescription {
            session_id: self.session_id,
            session_version: version,
            bundle,
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

/// The header extensions a transceiver offers.
fn capabilities(t: &TransceiverSnapshot) -> &'static [HeaderExtension] {
    header_extensions(t.kind, !simulcast_rids(t).is_empty())
}

/// Fills each section's extmaps: ids of the applied offer's live sections first, then
/// every section's capabilities in m-line order (see [`extmap`]); a section an answer
/// negotiated keeps only the extensions that answer accepted (RFC 9429 §5.2.2).
fn assign_extension_ids(
    base: Option<&Layout>,
    sections: &mut [Section],
    answered: &[Option<&AnsweredSection>],
) {
    let mut ids = ExtensionIds::new();
    for (old, new) in base.iter().flat_map(|a| &a.sections).zip(sections.iter()) {
        if let Owner::Transceiver { kind, .. } = old.owner {
            if !old.rejected && !new.rejected && old.mid == new.mid {
                ids.merge(kind, old.extmaps.iter().copied());
            }
        }
    }
    for section in sections.iter() {
        if let Owner::Transceiver { kind, .. } = section.owner {
            ids.merge_capabilities(kind, section.header_extensions);
        }
    }
    for (index, section) in sections.iter_mut().enumerate() {
        if let Owner::Transceiver { kind, .. } = section.owner {
            section.extmaps = ids.for_section(kind, section.header_extensions);
            if let Some(answer) = answer_at(answered, index) {
                section
                    .extmaps
                    .retain(|e| answer.extensions.iter().any(|uri| uri == e.uri));
            }
        }
    }
}

/// Chooses each RTP section's payload formats: the direction's defaults, filtered and
/// ordered by codec preferences (RFC 9429 §5.2.1); in a section an answer negotiated,
/// without preferences, the answer's formats first in its order and the rest after,
/// and only the RTCP feedback the answer accepted for the formats it listed (§5.2.2).
/// Also drops `a=rtcp` after an answer with rtcp-mux (always: we require it) and
/// `a=rtcp-rsize` after one without it.
fn choose_formats(
    snapshot: &Snapshot,
    options: &OfferOptions,
    sections: &mut [Section],
    answered: &[Option<&AnsweredSection>],
) {
    for (index, section) in sections.iter_mut().enumerate() {
        let Owner::Transceiver { id, kind } = section.owner else {
            continue;
        };
        let answer = answer_at(answered, index);
        let defaults = offered_codecs(kind, section.direction, options.voice_activity_detection);
        let preferences = match find(snapshot, id) {
            Some(t) if !section.rejected => t.codec_preferences.as_slice(),
            _ => &[],
        };
        let preferred = apply_preferences(kind, defaults.codecs(), preferences);
        let chosen = match (preferred, answer) {
            (Some(preferred), _) => Some(preferred),
            (None, Some(answer)) => Some(in_answer_order(defaults.codecs(), &answer.formats)),
            (None, None) => None,
        };
        if let Some(answer) = answer {
            section.rtcp = false;
            section.rtcp_rsize = answer.rtcp_rsize;
        }
        section.formats = match chosen {
            Some(chosen) => custom_formats(defaults, chosen, answer),
            None => Formats::Default(defaults),
        };
    }
}

/// The answer section `index` follows (see [`JsepSession::answered_sections`]).
fn answer_at<'a>(
    answered: &[Option<&'a AnsweredSection>],
    index: usize,
) -> Option<&'a AnsweredSection> {
    answered.get(index).copied().flatten()
}

/// `available` with the payload types the answer listed first, in its order.
fn in_answer_order<'c>(available: &'c [Codec], answer_formats: &[u8]) -> Vec<&'c Codec> {
    let mut out = Vec::with_capacity(available.len());
    for pt in answer_formats {
        if let Some(codec) = available.iter().find(|c| c.payload_type == *pt) {
            if !out.iter().any(|c: &&Codec| c.payload_type == *pt) {
                out.push(codec);
            }
        }
    }
    for codec in available {
        if !out.iter().any(|c| c.payload_type == codec.payload_type) {
            out.push(codec);
        }
    }
    out
}

/// The formats `chosen` from `defaults`, with the RTCP feedback of each format the
/// answer listed limited to what it accepted; the pre-rendered default list itself
/// when that changes nothing.
fn custom_formats(
    defaults: &'static CodecList,
    chosen: Vec<&Codec>,
    answer: Option<&AnsweredSection>,
) -> Formats {
    let mut codecs = Vec::with_capacity(chosen.len());
    for codec in chosen {
        let mut codec = codec.clone();
        if let Some(answer) = answer.filter(|a| a.formats.contains(&codec.payload_type)) {
            codec.rtcp_feedback.retain(|fb| {
                answer.feedback.iter().any(|(pt, accepted)| {
                    pt.is_none_or(|pt| pt == codec.payload_type)
                        && accepted
                            .split(' ')
                            .filter(|w| !w.is_empty())
                            .eq(fb.split(' '))
                })
            });
        }
        codecs.push(codec);
    }
    match codecs == defaults.codecs() {
        true => Formats::Default(defaults),
        false => Formats::Custom(Arc::new(CodecList::new(codecs))),
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
        let mut transceiver = TransceiverSnapshot::new(1, MediaKind::Audio, Direction::SendRecv);
        transceiver.stream_ids = vec!["a\r\nb".into()];
        let snapshot = Snapshot {
            transceivers: vec![transceiver],
            data_channel: false,
        };
        let err = validate(&snapshot).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type);
    }
}
