//! JSEP offer/answer (RFC 9429) as Chromium 156 does it where the RFC leaves room.
//! [`JsepSession`] is the one owner of a peer connection's JSEP state: what must stay
//! stable across offers (session id and version, ICE credentials, mids, track ids, SSRCs),
//! the last created offer, the pending and negotiated descriptions, and what a rollback
//! undoes. Each operation returns what it changed, for the W3C objects to mirror.
//!
//! - [`snapshot`]: the inputs (the page's transceivers, the offer options) and their checks;
//! - `ids`: [`TransceiverId`] and [`Mid`], kept apart from bare integers and strings;
//! - `offer`: the offer pipeline, from m-line planning to the typed description;
//! - `answer`: reading a remote answer against the offer it answers;
//! - this module: the session, its state and the transitions between descriptions.

mod answer;
mod answering;
mod candidates;
mod extmap;
mod ids;
mod munge;
mod negotiate;
mod offer;
mod parameters;
mod remote_offer;
pub mod snapshot;

use crate::cert::Fingerprint;
use crate::error::{quoted, Error, ErrorKind};
use crate::ice::IceCredentials;
use crate::random::Random;
use crate::sdp::{is_token, FingerprintAttribute, Ssrc};

use answer::Answer;
use answering::{CreatedAnswer, PendingOffer};
use offer::{msid_semantic, CreatedOffer, OfferRecord, Owner};

pub use answer::NegotiatedMLine;
pub use answering::{
    AnswerOptions, LocalAnswerApplied, OfferedMLine, OfferedSctp, RemoteOfferApplied, RolledBack,
};
pub use candidates::{add_ice_candidate, remote_description_sdp, CandidateInit};
pub use ids::Mid;
pub use parameters::{CodecParameters, HeaderExtensionParameters, RtpParameters};
pub use snapshot::{
    CodecPreference, Direction, MediaKind, OfferOptions, Snapshot, TransceiverId,
    TransceiverSnapshot,
};

/// libwebrtc's first session version.
const FIRST_SESSION_VERSION: u64 = 2;
/// Why Chromium fails to apply an answer to an offer munged away from `a=setup:actpass`.
const OFFERER_SETUP: &str = "Offerer must use actpass value for setup attribute.";
/// Why Chromium fails to apply a local answer munged to `a=setup:actpass` (or holdconn).
const ANSWERER_SETUP: &str =
    "Answerer must use either active or passive value for setup attribute.";
/// Length of libwebrtc's RTCP CNAME.
const CNAME_LEN: usize = 16;

/// What the session remembers per transceiver id.
#[derive(Debug, Clone)]
struct TransceiverState {
    id: TransceiverId,
    kind: MediaKind,
    /// `None` once the offer that gave it out was rolled back (it gets a new one), or once
    /// an answer rejected its m-section (it is stopped: it never gets one again).
    mid: Option<Mid>,
    /// An answer rejected its m-section: webrtc-pc stops the transceiver.
    stopped: bool,
    /// Used when the snapshot has no track id; generated once.
    random_track_id: Option<String>,
    /// Generated when the transceiver first sends.
    ssrcs: Option<SenderSsrcs>,
}

impl TransceiverState {
    fn new(id: TransceiverId, kind: MediaKind, mid: Option<Mid>) -> Self {
        TransceiverState {
            id,
            kind,
            mid,
            stopped: false,
            random_track_id: None,
            ssrcs: None,
        }
    }
}

/// A sender's SSRCs, kept for every offer it sends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SenderSsrcs {
    primary: Ssrc,
    /// Video only: the retransmission (RTX) stream's.
    rtx: Option<Ssrc>,
}

/// The last completed exchange (W3C `currentLocalDescription` and
/// `currentRemoteDescription`), whichever side offered: what our description said per
/// m-line and what the remote one accepted, section for section. Later offers follow it.
#[derive(Debug, Clone)]
struct Negotiated {
    /// Our offer, or our answer read as the m-lines we would offer again.
    local: OfferRecord,
    /// The remote answer, or the remote offer read as what the remote side accepts.
    remote: Answer,
}

/// A transceiver's mid as an operation changed it, for the W3C `RTCRtpTransceiver.mid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MidChange {
    /// The transceiver's id (as in [`TransceiverSnapshot::id`]).
    pub transceiver: TransceiverId,
    /// Its mid now; `None` when it has none any more.
    pub mid: Option<Mid>,
}

/// ICE usernames and passwords of the applied descriptions (see
/// [`JsepSession::ice_parameters`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IceParameters {
    /// This side's, from the local description.
    pub local: Option<IceCredentials>,
    /// The remote side's, from the remote description.
    pub remote: Option<IceCredentials>,
}

/// What [`JsepSession::set_local_description`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalOfferApplied {
    /// The mid of every transceiver with an m-line in the offer.
    pub mids: Vec<MidChange>,
    /// The offer has m-lines that are not rejected, so ICE has something to gather for.
    pub has_m_lines: bool,
    /// The offer's ICE credentials differ from those of the offer it follows (an ICE restart).
    pub ice_restart: bool,
    /// The offer has a data m-section that is not rejected (webrtc-pc makes `pc.sctp` then).
    pub data_section: bool,
    /// The applied offer as Chromium serializes it (W3C `localDescription.sdp`): the
    /// created offer, with what a munged one changed (see `munge`).
    pub sdp: String,
}

/// Our side of the DTLS association (RFC 8842 §5.3), as an answer fixes it: the client uses
/// even SCTP stream ids, the server odd ones (RFC 8832 §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DtlsRole {
    /// The answer said `a=setup:passive`: we connect.
    Client,
    /// The answer said `a=setup:active` (or nothing, RFC 4145's default): we accept.
    Server,
}

/// What the answer to an accepted data m-section says of the SCTP association.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SctpAnswer {
    /// Our DTLS role: the first such answer's, kept by later ones.
    pub dtls_role: DtlsRole,
    /// Its `a=max-message-size`, if it has one.
    pub max_message_size: Option<u64>,
}

/// What [`JsepSession::set_remote_description`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteAnswerApplied {
    /// Transceivers that lost their mid: the answer rejected their m-section, which stops them.
    pub mids: Vec<MidChange>,
    /// Our side's view of every m-section, in order.
    pub sections: Vec<NegotiatedMLine>,
    /// The SCTP association, when the answer accepted the data m-section.
    pub sctp: Option<SctpAnswer>,
}

/// The JSEP state of one peer connection, in both roles: `createOffer`,
/// `setLocalDescription` of an offer, `setRemoteDescription` of its answer or pranswer; a
/// remote offer, `createAnswer` and `setLocalDescription` of the answer (in `answering`);
/// rollback; with everything that must stay stable across exchanges.
///
/// ```
/// use rtc_offer_polyfill::cert::Fingerprint;
/// use rtc_offer_polyfill::jsep::{
///     Direction, JsepSession, MediaKind, MidChange, OfferOptions, Snapshot, TransceiverSnapshot,
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
/// let applied = session.set_local_description(&offer)?;
/// assert_eq!(applied.mids, [MidChange { transceiver: 1.into(), mid: Some("0".into()) }]);
///
/// // setRemoteDescription with the peer's answer (here: it only receives).
/// let answer = offer
///     .replace("a=setup:actpass", "a=setup:active")
///     .replace("a=sendrecv", "a=recvonly");
/// let negotiated = session.set_remote_description(&answer)?;
/// assert_eq!(negotiated.sections[0].current_direction, Direction::SendOnly);
/// assert!(!session.negotiation_needed(&snapshot));
///
/// // A later offer follows the answer (RFC 9429 §5.2.2: no `a=rtcp` once the answer
/// // accepted rtcp-mux) and keeps the session id, mids and ICE credentials.
/// let reoffer = session.create_offer(&snapshot, &OfferOptions::default())?;
/// assert!(reoffer.contains("a=mid:0\r\n") && !reoffer.contains("a=rtcp:"));
///
/// // A malformed answer is an RTCError sdp-syntax-error (an OperationError) naming its line.
/// session.set_local_description(&reoffer)?;
/// let err = session.set_remote_description("v=0\r\nbogus\r\n").unwrap_err();
/// assert_eq!((err.kind.error_detail(), err.line), (Some("sdp-syntax-error"), Some(2)));
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
    data_mid: Option<Mid>,
    /// W3C `[[LastCreatedOffer]]`: emptied when an answer is applied.
    last_offer: Option<CreatedOffer>,
    /// What the last created offer or answer was made from, while no other call changed the
    /// session since (each public `&mut self` method clears it unless it repeats): one made
    /// from the same again is that one under the next session version.
    repeatable: Option<Repeatable>,
    /// The applied local offer awaiting an answer (W3C `pendingLocalDescription`).
    pending_local: Option<OfferRecord>,
    /// The applied remote offer awaiting our answer (W3C `pendingRemoteDescription`).
    pending_remote: Option<PendingOffer>,
    /// W3C `[[LastCreatedAnswer]]`.
    last_answer: Option<CreatedAnswer>,
    /// `[[LastCreatedAnswer]]` once a rollback or a new remote offer took the plan it was
    /// written from (its transceivers may be gone): its SDP and options, which
    /// `set_local_answer` still applies as webrtc-pc and Chromium do, over a fresh answer.
    stale_answer: Option<(String, AnswerOptions)>,
    /// A remote pranswer answers the pending local offer (`have-remote-pranswer`).
    provisional_remote: bool,
    /// The last answered exchange.
    negotiated: Option<Negotiated>,
    /// W3C `[[LocalIceCredentialsToReplace]]`, as the number of the `restartIce()` call
    /// that set it: offers restart ICE until an offer made after that call is answered.
    ice_to_replace: Option<u64>,
    restart_ice_calls: u64,
    /// Fixed by the first answer that accepts the data m-section (the association keeps it).
    dtls_role: Option<DtlsRole>,
    /// The highest transceiver id a remote offer made: never handed out again, even once
    /// a rollback removed that transceiver.
    max_created_id: u32,
    /// The SDP of the applied local offer (read when its answer completes the exchange).
    pending_local_sdp: String,
    /// What the applied remote offer's sections give the parameters our answer completes.
    pending_remote_sections: Vec<parameters::SectionParameters>,
    /// What each transceiver's m-section negotiated in the last completed exchange.
    parameters: Vec<RtpParameters>,
    /// Our DTLS role as the last completed exchange's answer fixed it.
    negotiated_dtls_role: Option<DtlsRole>,
    /// Why a description Chromium accepted then failed to apply (a munged a=setup): from then
    /// on Chromium fails every createOffer/createAnswer/setLocalDescription/setRemoteDescription.
    session_error: Option<String>,
}

/// What the last created offer or answer was made from (see `JsepSession::repeatable`).
#[derive(Debug, PartialEq)]
struct Repeatable {
    snapshot: Snapshot,
    made: Made,
}

/// Which description was made, with its options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Made {
    Offer(OfferOptions),
    Answer(AnswerOptions),
}

impl JsepSession {
    /// Moves the last created description to the next session version, if it was `made`
    /// from `snapshot` and no other call changed the session since (it is then what writing
    /// it afresh would give), and returns that version. `None` otherwise.
    pub(crate) fn repeat(&mut self, snapshot: &Snapshot, made: Made) -> Option<u64> {
        let same = self.repeatable.as_ref();
        if !same.is_some_and(|r| r.made == made && r.snapshot == *snapshot) {
            return None;
        }
        let sdp = match made {
            Made::Offer(_) => &mut self.last_offer.as_mut()?.sdp,
            Made::Answer(_) => &mut self.last_answer.as_mut()?.sdp,
        };
        let version = self.next_version;
        *sdp = crate::sdp::with_session_version(sdp, version)?;
        self.next_version += 1;
        Some(version)
    }

    /// Remembers what the description just created was made from, for [`Self::repeat`].
    fn made(&mut self, snapshot: &Snapshot, made: Made) {
        self.repeatable = Some(Repeatable {
            snapshot: snapshot.clone(),
            made,
        });
    }

    /// A session for a peer connection whose certificates have `fingerprints`. Each
    /// must have a hash function name (an RFC 8122 token) and a digest, else a
    /// `TypeError`: the `a=fingerprint` line would not parse.
    pub fn new(fingerprints: Vec<Fingerprint>, mut rng: Random) -> Result<JsepSession, Error> {
        for fp in &fingerprints {
            if !is_token(&fp.algorithm) || fp.digest.is_empty() {
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
        let cname = rng.base64_string(CNAME_LEN)?;
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
            repeatable: None,
            pending_local: None,
            pending_remote: None,
            last_answer: None,
            stale_answer: None,
            provisional_remote: false,
            negotiated: None,
            ice_to_replace: None,
            restart_ice_calls: 0,
            dtls_role: None,
            max_created_id: 0,
            pending_local_sdp: String::new(),
            pending_remote_sections: Vec::new(),
            parameters: Vec::new(),
            negotiated_dtls_role: None,
            session_error: None,
        })
    }

    /// Applies `sdp` as the local offer: the last created offer, or one munged the way
    /// Chromium 156 accepts (see `munge`: same m-lines and kinds, ICE credentials, the
    /// same fingerprints).
    pub fn set_local_description(&mut self, sdp: &str) -> Result<LocalOfferApplied, Error> {
        self.apply_local_offer(Some(sdp))
    }

    /// Applies the last created offer as it is: [`Self::set_local_description`] of it, for a
    /// caller that knows it was given back unchanged (the wasm boundary, which then neither
    /// copies it in nor compares it).
    pub fn set_last_created_offer(&mut self) -> Result<LocalOfferApplied, Error> {
        self.apply_local_offer(None)
    }

    /// `given`, or the last created offer unchanged when None, as the local offer.
    fn apply_local_offer(&mut self, given: Option<&str>) -> Result<LocalOfferApplied, Error> {
        self.repeatable = None;
        self.check_session()?;
        if self.pending_remote.is_some() {
            return Err(Error::new(
                ErrorKind::InvalidState,
                "Cannot set a local offer while a remote offer is applied",
            ));
        }
        let Some(offer) = &self.last_offer else {
            return Err(Error::new(
                ErrorKind::InvalidModification,
                "The SDP does not match the previously created offer: no offer was created",
            ));
        };
        let mut record = offer.record.clone();
        let sdp = match given {
            Some(sdp) if sdp != offer.sdp => {
                let created = offer.sdp.clone();
                self.apply_munged_offer(&created, sdp, &mut record)?
            }
            _ => offer.sdp.clone(),
        };
        let ice_restart = self.base().is_some_and(|base| base.ice != record.ice);
        let mut mids = Vec::new();
        for m_line in &record.m_lines {
            // The offer's mids are the transceivers' again (an offer applied after a
            // rollback of itself gets back the mids the rollback took away).
            match m_line.owner {
                Owner::Transceiver { id, .. } => {
                    if let Some(state) = self.transceivers.iter_mut().find(|t| t.id == id) {
                        state.mid = Some(m_line.mid.clone());
                    }
                    mids.push(MidChange {
                        transceiver: id,
                        mid: Some(m_line.mid.clone()),
                    });
                }
                Owner::Data => self.data_mid = Some(m_line.mid.clone()),
                Owner::Unsupported => {}
            }
        }
        let has_m_lines = record.m_lines.iter().any(|m| !m.rejected);
        let data_section = record
            .m_lines
            .iter()
            .any(|m| matches!(m.owner, Owner::Data) && !m.rejected);
        self.pending_local = Some(record);
        self.pending_local_sdp = sdp.to_string();
        Ok(LocalOfferApplied {
            mids,
            has_m_lines,
            ice_restart,
            data_section,
            sdp,
        })
    }

    /// Applies `sdp` as the remote answer to the applied local offer (RFC 9429 §5.10).
    ///
    /// The answer must parse (else an [`ErrorKind::SdpSyntax`] error) and answer the offer: the same
    /// m-lines in the same order with the same mids; for every accepted section ICE
    /// credentials, a fingerprint, `a=setup` active or passive (if present), rtcp-mux
    /// for RTP, a direction the offered one allows and only offered payload types; a
    /// BUNDLE group of answered mids (else an `InvalidAccessError`). Syntax errors carry
    /// the offending line in [`Error::line`]; the others name it in their message. On an
    /// error the state is unchanged.
    ///
    /// On success the offer and the answer become the current descriptions, the last
    /// created offer is emptied, and transceivers whose m-section is rejected are stopped.
    pub fn set_remote_description(&mut self, sdp: &str) -> Result<RemoteAnswerApplied, Error> {
        self.repeatable = None;
        let Some(offer) = self.pending_local.take() else {
            return Err(Error::new(
                ErrorKind::InvalidState,
                "Cannot set a remote answer: no local offer has been applied",
            ));
        };
        let read = self.check_session().and_then(|()| {
            let parsed = crate::sdp::parse(sdp)?;
            let read = answer::read_answer(&parsed, &offer.m_lines)?;
            let role = parameters::dtls_role(&parsed, false);
            Ok((read, parameters::sections(&parsed), role))
        });
        let ((answer, sections), remote_sections, dtls_role) = match read {
            Ok(read) => read,
            Err(err) => {
                self.pending_local = Some(offer);
                return Err(err);
            }
        };
        if let Some(mid) = &offer.not_actpass {
            let error = self.fail_setup(
                ErrorKind::InvalidAccess,
                "remote answer",
                mid.as_str(),
                OFFERER_SETUP,
            );
            self.pending_local = Some(offer);
            return Err(error);
        }
        self.provisional_remote = false;
        let mut mids = Vec::new();
        for section in sections.iter().filter(|s| s.rejected) {
            let Some(id) = section.id else { continue };
            if let Some(state) = self.transceivers.iter_mut().find(|t| t.id == id) {
                state.stopped = true;
                if state.mid.take().is_some() {
                    mids.push(MidChange {
                        transceiver: id,
                        mid: None,
                    });
                }
            }
        }
        if self.ice_to_replace.is_some() && offer.replaces_ice == self.ice_to_replace {
            self.ice_to_replace = None;
        }
        let sctp = answer.sctp.map(|sctp| SctpAnswer {
            dtls_role: *self.dtls_role.get_or_insert(sctp.dtls_role),
            ..sctp
        });
        // Later offers follow the answer's order now (README, Decisions), not the munged one.
        let mut offer = offer;
        for m_line in &mut offer.m_lines {
            m_line.munged.order.clear();
        }
        self.negotiated = Some(Negotiated {
            local: offer,
            remote: answer,
        });
        self.last_offer = None;
        if let Ok(local) = crate::sdp::parse(&core::mem::take(&mut self.pending_local_sdp)) {
            self.read_parameters(parameters::sections(&local), remote_sections, dtls_role);
        }
        Ok(RemoteAnswerApplied {
            mids,
            sections,
            sctp,
        })
    }

    /// Applies `sdp` as a provisional remote answer (W3C `pranswer`) to the applied local
    /// offer: checked as [`JsepSession::set_remote_description`] checks an answer, but the offer
    /// stays pending (a final answer, or another pranswer, follows) and nothing is negotiated.
    /// Reports each section as that answer would (`mids` is empty: nothing is stopped yet).
    pub fn set_remote_pranswer(&mut self, sdp: &str) -> Result<RemoteAnswerApplied, Error> {
        self.repeatable = None;
        let Some(offer) = &self.pending_local else {
            return Err(Error::new(
                ErrorKind::InvalidState,
                "Cannot set a remote pranswer: no local offer has been applied",
            ));
        };
        self.check_session()?;
        let (_, sections) = crate::sdp::parse(sdp)
            .and_then(|parsed| answer::read_answer(&parsed, &offer.m_lines))?;
        if let Some(mid) = offer.not_actpass.clone() {
            let kind = ErrorKind::InvalidAccess;
            return Err(self.fail_setup(kind, "remote pranswer", mid.as_str(), OFFERER_SETUP));
        }
        self.provisional_remote = true;
        Ok(RemoteAnswerApplied {
            mids: Vec::new(),
            sections,
            sctp: None,
        })
    }

    /// Rolls back the applied offer that has no answer yet (W3C `{type: 'rollback'}`): the
    /// description state returns to the last answered exchange (or to none).
    ///
    /// For a local offer, the mids it gave out are not used again: their transceivers get
    /// new ones in the next offer, as in Chromium. For a remote offer, the mids it gave are
    /// taken back and the transceivers it made are listed in [`RolledBack::created`].
    pub fn rollback(&mut self) -> Result<RolledBack, Error> {
        self.repeatable = None;
        self.check_session()?;
        if let Some(rolled) = self.rollback_remote() {
            return Ok(rolled);
        }
        if self.provisional_remote {
            return Err(Error::new(
                ErrorKind::InvalidState,
                "Cannot roll back: a remote pranswer has been applied",
            ));
        }
        let Some(pending) = self.pending_local.take() else {
            return Err(Error::new(
                ErrorKind::InvalidState,
                "Cannot roll back: no offer has been applied since the last answer",
            ));
        };
        let current = self.negotiated.as_ref().map(|n| &n.local);
        let mut mids = Vec::new();
        for m_line in &pending.m_lines {
            if current.is_some_and(|c| c.m_lines.iter().any(|s| s.mid == m_line.mid)) {
                continue;
            }
            let mid = Some(&m_line.mid);
            match m_line.owner {
                Owner::Transceiver { id, .. } => {
                    let state = self.transceivers.iter_mut().find(|t| t.id == id);
                    if let Some(state) = state.filter(|t| t.mid.as_ref() == mid) {
                        state.mid = None;
                        mids.push(MidChange {
                            transceiver: id,
                            mid: None,
                        });
                    }
                }
                Owner::Data if self.data_mid.as_ref() == mid => self.data_mid = None,
                Owner::Data | Owner::Unsupported => {}
            }
        }
        Ok(RolledBack {
            mids,
            created: Vec::new(),
        })
    }

    /// W3C `restartIce()`: when a local description has been applied, offers restart ICE
    /// from now on until an offer made after this call is answered.
    pub fn restart_ice(&mut self) {
        self.repeatable = None;
        self.restart_ice_calls += 1;
        self.ice_to_replace = self.base().map(|_| self.restart_ice_calls);
    }

    /// webrtc-pc "check if negotiation is needed" for the transceivers and data channels of
    /// `snapshot`, against the last answered exchange (the caller checks that the signaling
    /// state is stable). A transceiver `stopped` in the snapshot needs negotiation until an
    /// applied exchange rejects its m-section.
    pub fn negotiation_needed(&self, snapshot: &Snapshot) -> bool {
        if self.ice_to_replace.is_some() {
            return true;
        }
        let Some(negotiated) = &self.negotiated else {
            return snapshot.data_channel || !snapshot.transceivers.is_empty();
        };
        let lines = negotiated
            .local
            .m_lines
            .iter()
            .zip(&negotiated.remote.sections);
        let mut data_negotiated = false;
        for (m_line, answered) in lines.clone() {
            if m_line.owner == Owner::Data {
                data_negotiated = !answered.rejected;
            }
        }
        if snapshot.data_channel && !data_negotiated {
            return true;
        }
        snapshot.transceivers.iter().any(|t| {
            let line = lines.clone().find(
                |(m_line, _)| matches!(m_line.owner, Owner::Transceiver { id, .. } if id == t.id),
            );
            let Some((offered, answered)) = line.filter(|(m_line, _)| !m_line.rejected) else {
                // Not in the offer, or stopped in it: a live transceiver needs an m-line.
                return !t.stopped || line.is_none();
            };
            if t.stopped {
                return !answered.rejected;
            }
            // The same stream ids in any order give the same a=msid lines.
            let same_streams = offered.stream_ids.len() == t.stream_ids.len()
                && t.stream_ids
                    .iter()
                    .all(|id| offered.stream_ids.contains(id));
            let msid_changed = !offered.direction.sends() || !same_streams;
            let direction_changed = match answered.offered_direction {
                // We answered: our direction as far as the offer allowed it.
                Some(allowed) => answered.current_direction != t.direction.intersect(allowed),
                None => {
                    offered.direction != t.direction && answered.current_direction != t.direction
                }
            };
            (t.direction.sends() && msid_changed) || direction_changed
        })
    }

    /// Whether the remote description (a pending remote offer, else the last exchange's)
    /// says the remote side takes trickled ICE candidates (`a=ice-options:trickle`); `None`
    /// before any (W3C `canTrickleIceCandidates`).
    pub fn remote_can_trickle(&self) -> Option<bool> {
        match &self.pending_remote {
            Some(pending) => Some(pending.trickle()),
            None => self.negotiated.as_ref().map(|n| n.remote.trickle),
        }
    }

    /// The SDP of the last created offer: `None` before the first offer and once an
    /// answer has been applied (W3C `[[LastCreatedOffer]]`).
    pub fn last_created_offer(&self) -> Option<&str> {
        self.last_offer.as_ref().map(|o| o.sdp.as_str())
    }

    /// The random bytes the session has drawn, when its [`Random`] records them (the wasm
    /// build's offer-only part).
    #[cfg(all(target_arch = "wasm32", feature = "wasm-session"))]
    pub(crate) fn random_drawn(&self) -> &[u8] {
        self.rng.drawn()
    }

    /// The RTCP CNAME of every sender's `a=ssrc` lines (W3C `RTCRtcpParameters.cname`).
    pub fn cname(&self) -> &str {
        &self.cname
    }

    /// What the last completed exchange negotiated for each transceiver's m-section, in
    /// m-line order; empty before one (W3C: the codecs of `getParameters()` are empty until
    /// an answer is applied, also while a remote offer awaits ours).
    pub fn rtp_parameters(&self) -> &[RtpParameters] {
        &self.parameters
    }

    /// Our DTLS role as the last completed exchange fixed it; `None` before one (W3C
    /// `RTCTransportStats.dtlsRole` is then `unknown`).
    pub fn negotiated_dtls_role(&self) -> Option<DtlsRole> {
        self.negotiated_dtls_role
    }

    /// The mid libwebrtc names the BUNDLE transport after: the first m-section's of our
    /// applied description (the pending local offer, else the current local description),
    /// else of the applied remote offer; `None` before any description.
    pub fn transport_mid(&self) -> Option<&str> {
        let local = self.base().and_then(|record| record.m_lines.first());
        match (local, &self.pending_remote) {
            (Some(m), _) => Some(m.mid.as_str()),
            (None, Some(pending)) => pending.first_mid(),
            (None, None) => None,
        }
    }

    /// The mids of the applied description's m-sections in use (not on port 0), of the
    /// same description [`Self::transport_mid`] reads: before an answer bundles them,
    /// libwebrtc gives each its own transport unless the bundle policy is max-bundle.
    pub fn section_mids(&self) -> Vec<&str> {
        match (self.base(), &self.pending_remote) {
            (Some(record), _) => record
                .m_lines
                .iter()
                .filter(|m| !m.rejected)
                .map(|m| m.mid.as_str())
                .collect(),
            (None, Some(pending)) => pending.section_mids(),
            (None, None) => Vec::new(),
        }
    }

    /// The ICE parameters of the applied descriptions (W3C `RTCIceTransport`
    /// `getLocalParameters()` and `getRemoteParameters()`): ours from the local description
    /// (a pending offer, a provisional answer, else the last exchange's), the remote side's
    /// from the remote one (a pending offer, else the last exchange's); `None` before one.
    pub fn ice_parameters(&self) -> IceParameters {
        let answering = self.pending_remote.as_ref().and_then(|p| p.applied_ice());
        let local = self
            .pending_local
            .as_ref()
            .map(|o| &o.ice)
            .or(answering)
            .or(self.negotiated.as_ref().map(|n| &n.local.ice))
            .cloned();
        let negotiated = self.negotiated.as_ref().and_then(|n| {
            Some(IceCredentials {
                ufrag: n.remote.ice_ufrag.clone()?,
                pwd: n.remote.ice_pwd.clone()?,
            })
        });
        let remote = match &self.pending_remote {
            Some(pending) => pending.remote_ice(),
            None => negotiated,
        };
        IceParameters { local, remote }
    }

    /// Records what a completed exchange negotiated (the [`parameters::sections`] of its local
    /// and remote descriptions, and our DTLS role as its answer fixes it), once the
    /// transceivers have their mids.
    fn read_parameters(
        &mut self,
        local: Vec<parameters::SectionParameters>,
        remote: Vec<parameters::SectionParameters>,
        dtls_role: DtlsRole,
    ) {
        self.negotiated_dtls_role = Some(dtls_role);
        let transceivers = &self.transceivers;
        self.parameters = parameters::read(local, remote, |mid| {
            transceivers
                .iter()
                .find(|t| t.mid.as_ref() == Some(mid))
                .map(|t| (t.id, t.ssrcs.map(|s| (s.primary, s.rtx))))
        });
    }

    /// Chromium's refusal of every description operation once one failed to apply (see
    /// `session_error`).
    fn check_session(&self) -> Result<(), Error> {
        match &self.session_error {
            None => Ok(()),
            Some(description) => Err(Error::new(
                ErrorKind::Operation,
                format!(
                    "Session error code: ERROR_CONTENT. Session error description: {description}."
                ),
            )),
        }
    }

    /// Records that applying the `what` description failed because of `description`
    /// (Chromium's session error) and returns the error for that call.
    fn fail_to_apply(&mut self, kind: ErrorKind, what: &str, description: String) -> Error {
        let error = Error::new(kind, format!("Failed to set {what} sdp: {description}"));
        self.session_error = Some(description);
        error
    }

    /// Chromium's failure to apply a description whose m-section `mid` has an `a=setup` its
    /// type may not have (`reason`).
    fn fail_setup(&mut self, kind: ErrorKind, what: &str, mid: &str, reason: &str) -> Error {
        let description =
            format!("Failed to apply the description for m= section with mid='{mid}': {reason}");
        self.fail_to_apply(kind, what, description)
    }

    /// Chromium's failure to apply a description with a dangling rtx format (see
    /// `munge::Applied::bad_rtx`).
    /// What a munged local offer changes in the `record` of the created one (see `munge`);
    /// the applied SDP as Chromium serializes it.
    #[cfg(feature = "answer")]
    fn apply_munged_offer(
        &mut self,
        created: &str,
        sdp: &str,
        record: &mut offer::OfferRecord,
    ) -> Result<String, Error> {
        let applied = munge::applied_local(created, sdp, "offer")?;
        if let Some(bad_rtx) = &applied.bad_rtx {
            return Err(self.fail_rtx("local offer", bad_rtx));
        }
        // Chromium's next offers keep munged credentials and formats.
        if let Some(ice) = applied.ice {
            record.ice = ice;
        }
        for (m_line, munged) in record.m_lines.iter_mut().zip(applied.munged) {
            m_line.munged = munged;
        }
        record.not_actpass = applied.bad_setup.map(Mid::from);
        // And munged mids: the transceivers take them.
        for (m_line, mid) in record.m_lines.iter_mut().zip(applied.mids) {
            m_line.mid = Mid::from(mid);
        }
        Ok(applied.sdp)
    }

    /// Without the SDP parser (the wasm build's offer-only part), a munged offer is the full
    /// part's to apply: the glue moves the session there first.
    #[cfg(not(feature = "answer"))]
    fn apply_munged_offer(
        &mut self,
        _created: &str,
        _sdp: &str,
        _record: &mut offer::OfferRecord,
    ) -> Result<String, Error> {
        Err(Error::new(
            ErrorKind::Operation,
            "a munged offer needs the core's full part",
        ))
    }

    fn fail_rtx(&mut self, what: &str, bad_rtx: &str) -> Error {
        let description = format!("Failed to set local {bad_rtx}.");
        self.fail_to_apply(ErrorKind::Operation, what, description)
    }

    /// What the next offer builds on: the pending local offer, else the current one.
    fn base(&self) -> Option<&OfferRecord> {
        self.pending_local
            .as_ref()
            .or(self.negotiated.as_ref().map(|n| &n.local))
    }

    fn state(&self, id: TransceiverId) -> Option<&TransceiverState> {
        self.transceivers.iter().find(|t| t.id == id)
    }

    /// A transceiver's kind never changes; a snapshot saying otherwise is a glue bug.
    fn check_kinds(&self, snapshot: &Snapshot) -> Result<(), Error> {
        for t in &snapshot.transceivers {
            if self.state(t.id).is_some_and(|s| s.kind != t.kind) {
                return Err(Error::new(
                    ErrorKind::Type,
                    format!("transceiver {} changed its kind", t.id.get()),
                ));
            }
        }
        Ok(())
    }

    /// The next numeric mid no m-line of any description uses (a remote offer may have
    /// taken some).
    fn new_mid(&mut self) -> Mid {
        loop {
            let mid = Mid::from(self.next_mid.to_string());
            self.next_mid += 1;
            if !self.mid_in_use(&mid) {
                return mid;
            }
        }
    }

    fn mid_in_use(&self, mid: &Mid) -> bool {
        let records = self
            .pending_local
            .iter()
            .chain(self.negotiated.as_ref().map(|n| &n.local));
        self.transceivers
            .iter()
            .any(|t| t.mid.as_ref() == Some(mid))
            || self.data_mid.as_ref() == Some(mid)
            || records.flat_map(|r| &r.m_lines).any(|m| m.mid == *mid)
    }

    /// Gives every live transceiver, then the data channel, a mid on first appearance.
    fn assign_mids(&mut self, snapshot: &Snapshot) {
        for t in snapshot.transceivers.iter().filter(|t| !t.stopped) {
            match self.transceivers.iter().position(|s| s.id == t.id) {
                Some(index) => {
                    let state = &self.transceivers[index];
                    if state.mid.is_none() && !state.stopped {
                        let mid = self.new_mid();
                        self.transceivers[index].mid = Some(mid);
                    }
                }
                None => {
                    let mid = Some(self.new_mid());
                    self.transceivers
                        .push(TransceiverState::new(t.id, t.kind, mid));
                }
            }
        }
        if snapshot.data_channel && self.data_mid.is_none() {
            self.data_mid = Some(self.new_mid());
        }
    }
}
