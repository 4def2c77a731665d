//! The answering side of a session (RFC 9429 §5.3, §5.10, §5.11 with W3C webrtc-pc's
//! transceiver matching): applying a remote offer, writing the answer to it as Chromium 156
//! does, applying that answer (final or provisional) and rolling a remote offer back.

use std::sync::Arc;

use crate::codecs::{header_extensions, CodecPreference};
use crate::error::{Error, ErrorKind};
use crate::ice::IceCredentials;
use crate::sdp::{
    CodecList, DataSection, Direction, DtlsSetup, Extmap, MediaKind, MediaSection, Msid,
    RtpSection, SessionDescription, Setup, Ssrcs, Transport, UnsupportedSection,
};

use super::answer::{AcceptedFeedback, Answer, AnsweredMLine, NegotiatedMLine};
use super::ids::{Mid, TransceiverId};
use super::negotiate::{answer_extmaps, answer_formats, OfferedFormat, OfferedRtpmap};
use super::offer::{Echo, MLine, OfferRecord, Owner, MAX_MESSAGE_SIZE, SCTP_PORT};
use super::remote_offer::{read_offer, OfferedMedia, OfferedSection, RemoteOffer};
use super::snapshot::{Snapshot, TransceiverSnapshot};
use super::{
    msid_semantic, DtlsRole, JsepSession, Made, MidChange, Negotiated, SctpAnswer, SenderSsrcs,
    TransceiverState,
};

/// `createAnswer()` options. W3C `RTCAnswerOptions` has no members, but Chromium honours
/// `voiceActivityDetection: false` (it leaves comfort noise out), and so does this crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerOptions {
    /// When false, comfort noise (CN) is left out of audio sections.
    pub voice_activity_detection: bool,
}

impl Default for AnswerOptions {
    fn default() -> Self {
        AnswerOptions {
            voice_activity_detection: true,
        }
    }
}

/// One m-section of an applied remote offer, for the W3C objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferedMLine {
    /// The transceiver that carries it: matched, or made by this offer (`created`); `None`
    /// for the data section and for sections this side cannot take.
    pub id: Option<TransceiverId>,
    /// The transceiver's kind.
    pub kind: Option<MediaKind>,
    /// The transceiver was made for this section (webrtc-pc: a new `recvonly` transceiver
    /// whose receiver track is muted); the caller makes it with `id` and `kind`. A rejected
    /// section gets one too, which the caller stops (webrtc-pc "set the session description").
    pub created: bool,
    /// The section's mid (the offer's, or one made up when it had none).
    pub mid: Mid,
    /// The offered direction seen from this side (`inactive` when rejected): what the remote
    /// side sends to us decides the track events.
    pub direction: Direction,
    /// The offerer rejected the section (port 0): its transceiver is stopped.
    pub rejected: bool,
    /// The stream ids of its `a=msid` lines when the remote side sends.
    pub remote_stream_ids: Vec<String>,
}

/// What the remote offer says of the SCTP association.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferedSctp {
    /// The offer's `a=max-message-size`, if it has one.
    pub max_message_size: Option<u64>,
}

/// What [`JsepSession::set_remote_offer`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteOfferApplied {
    /// Every m-section, in order.
    pub sections: Vec<OfferedMLine>,
    /// The data section, when the offer has one this side takes.
    pub sctp: Option<OfferedSctp>,
    /// What the implicit rollback of the applied local offer undid, when there was one.
    pub rolled_back: Option<RolledBack>,
}

/// What [`JsepSession::set_local_answer`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalAnswerApplied {
    /// Transceivers that lost their mid: the answer rejected their m-section.
    pub mids: Vec<MidChange>,
    /// Our side's view of every m-section, in order.
    pub sections: Vec<NegotiatedMLine>,
    /// The SCTP association, when the answer accepted the data section.
    pub sctp: Option<SctpAnswer>,
    /// The applied answer as Chromium serializes it (W3C `localDescription.sdp`): the
    /// created answer, with what a munged one changed.
    pub sdp: String,
}

/// What [`JsepSession::rollback`] undid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RolledBack {
    /// Transceivers that lost their mid.
    pub mids: Vec<MidChange>,
    /// Transceivers the rolled-back remote offer made: webrtc-pc removes those that
    /// `addTrack()` has not since taken (the caller knows which).
    pub created: Vec<TransceiverId>,
}

/// `set_local_answer` with no remote offer applied.
const NO_OFFER_TO_ANSWER: &str = "Cannot set a local answer: no remote offer has been applied";

/// The applied remote offer awaiting our answer.
#[derive(Debug, Clone)]
pub(super) struct PendingOffer {
    offer: RemoteOffer,
    /// Per section: what carries it on this side.
    owners: Vec<Option<Owner>>,
    /// Transceivers this offer made.
    created: Vec<TransceiverId>,
    /// Transceivers (and the data channels, `None`) this offer gave a mid.
    associated: Vec<Option<TransceiverId>>,
    /// Our answers' ICE credentials.
    ice: IceCredentials,
    /// A provisional answer has been applied.
    provisional: bool,
    /// Per section, what the last answer negotiated, for the next answer to reuse.
    negotiations: Vec<Option<Negotiation>>,
}

impl PendingOffer {
    /// Our answers' ICE credentials once a provisional answer with them is applied.
    pub(super) fn applied_ice(&self) -> Option<&IceCredentials> {
        self.provisional.then_some(&self.ice)
    }

    /// The offerer's ICE credentials (its first section's that has them).
    pub(super) fn remote_ice(&self) -> Option<IceCredentials> {
        self.offer.sections.iter().find_map(|s| {
            Some(IceCredentials {
                ufrag: s.ice_ufrag.clone()?,
                pwd: s.ice_pwd.clone()?,
            })
        })
    }

    /// The mids of the offer's sections not on port 0.
    pub(super) fn section_mids(&self) -> Vec<&str> {
        let sections = self.offer.sections.iter().filter(|s| !s.port_zero);
        sections.map(|s| s.mid.as_str()).collect()
    }

    /// The mid of the offer's first m-section.
    pub(super) fn first_mid(&self) -> Option<&str> {
        self.offer.sections.first().map(|s| s.mid.as_str())
    }
}

/// One section's negotiated formats and extensions: a pure function of the offered
/// section, which is fixed while its offer is pending, and of these inputs. Repeated
/// createAnswer() calls reuse it instead of matching every codec pair again.
#[derive(Debug, Clone)]
struct Negotiation {
    direction: Direction,
    preferences: Vec<CodecPreference>,
    voice_activity_detection: bool,
    /// `None` when no codec is common.
    formats: Option<Arc<CodecList>>,
    extmaps: Vec<Extmap<'static>>,
}

/// The last created answer: its SDP and what it will negotiate.
#[derive(Debug, Clone)]
pub(super) struct CreatedAnswer {
    pub(super) sdp: String,
    /// What it was written with, for [`JsepSession::set_local_answer`] to write it afresh.
    options: AnswerOptions,
    local: OfferRecord,
    /// How each section this side owns was answered, from which [`remote_answer`] makes
    /// the record of the exchange once the answer is applied (repeated createAnswer()
    /// calls need not build it).
    answered: Vec<AnsweredSection>,
    /// The first BUNDLE group of the answer.
    bundle: Vec<Mid>,
    sections: Vec<NegotiatedMLine>,
    sctp: Option<SctpAnswer>,
}

/// One owned section of an answer: its index in the offer and how it was answered.
#[derive(Debug, Clone, Copy)]
struct AnsweredSection {
    index: usize,
    rejected: bool,
    direction: Direction,
}

/// One section of an answer being written.
struct Planned {
    index: usize,
    owner: Option<Owner>,
    rejected: bool,
    direction: Direction,
    kind: Option<MediaKind>,
    formats: Option<Arc<CodecList>>,
    extmaps: Vec<Extmap<'static>>,
}

impl PendingOffer {
    /// The offer has the trickle ICE option.
    pub(super) fn trickle(&self) -> bool {
        self.offer.trickle
    }
}

impl JsepSession {
    /// Applies `sdp` as a remote offer (RFC 9429 §5.10, webrtc-pc "set the session
    /// description" with `remote`): in `stable`, over a pending remote offer, or over an applied
    /// local offer, which it rolls back first (webrtc-pc's implicit rollback). Each m-section
    /// is matched to a transceiver of `snapshot`: the one with its mid, else for a section the
    /// remote side wants to receive on the first `addTrack()`-made transceiver of its kind
    /// without a mid, else a new one this returns as `created`. Nothing changes on an error:
    /// syntax errors carry their line in [`Error::line`], offers this side cannot answer are
    /// `InvalidAccessError`s naming the line.
    pub fn set_remote_offer(
        &mut self,
        sdp: &str,
        snapshot: &Snapshot,
    ) -> Result<RemoteOfferApplied, Error> {
        self.repeatable = None;
        self.check_session()?;
        snapshot.validate()?;
        self.check_kinds(snapshot)?;
        let (offer, remote_sections) = crate::sdp::parse(sdp)
            .and_then(|parsed| Ok((read_offer(&parsed)?, super::parameters::sections(&parsed))))?;
        self.check_media_kept(&offer)?;
        // webrtc-pc's implicit rollback of an applied local offer, once the offer is known good.
        let rolled_back = match self.pending_local.is_some() {
            true => Some(self.rollback()?),
            false => None,
        };
        self.drop_proposed_mids();
        let previous = self.pending_remote.take();
        let (mut created, mut associated, ice) = match previous {
            Some(p) => (p.created, p.associated, p.ice),
            None => (Vec::new(), Vec::new(), self.answer_ice(&offer)?),
        };
        let mut owners = Vec::with_capacity(offer.sections.len());
        let mut sections = Vec::with_capacity(offer.sections.len());
        let mut sctp = None;
        let mut next_id = self.next_transceiver_id(snapshot);
        for section in &offer.sections {
            let rejected = section.port_zero;
            let direction = match rejected {
                true => Direction::Inactive,
                false => section.direction.reversed(),
            };
            let (owner, is_new) = match section.media {
                OfferedMedia::Rtp(kind) => {
                    match self.match_transceiver(snapshot, section, kind, &owners) {
                        Some(id) => (Some(Owner::Transceiver { id, kind }), false),
                        // webrtc-pc makes a transceiver for a rejected section too, and stops
                        // it (the answer rejects the section; the final one removes it).
                        None => {
                            let id = TransceiverId::from(next_id);
                            self.max_created_id = self.max_created_id.max(next_id);
                            next_id = next_id.saturating_add(1);
                            self.transceivers
                                .push(TransceiverState::new(id, kind, None));
                            created.push(id);
                            (Some(Owner::Transceiver { id, kind }), true)
                        }
                    }
                }
                OfferedMedia::Data if !owners.contains(&Some(Owner::Data)) => {
                    if !rejected {
                        sctp = Some(OfferedSctp {
                            max_message_size: section.max_message_size,
                        });
                    }
                    (Some(Owner::Data), false)
                }
                _ => (None, false),
            };
            match owner {
                Some(Owner::Transceiver { id, kind }) => {
                    if self.state(id).is_none() {
                        // Matched before any description gave it a mid.
                        self.transceivers
                            .push(TransceiverState::new(id, kind, None));
                    }
                    if let Some(state) = self.transceivers.iter_mut().find(|t| t.id == id) {
                        if state.mid.as_ref() != Some(&section.mid) {
                            state.mid = Some(section.mid.clone());
                            associated.push(Some(id));
                        }
                    }
                }
                Some(Owner::Data) if self.data_mid.as_ref() != Some(&section.mid) => {
                    self.data_mid = Some(section.mid.clone());
                    associated.push(None);
                }
                _ => {}
            }
            let (id, kind) = match owner {
                Some(Owner::Transceiver { id, kind }) => (Some(id), Some(kind)),
                _ => (None, None),
            };
            sections.push(OfferedMLine {
                id,
                kind,
                created: is_new,
                mid: section.mid.clone(),
                direction,
                rejected,
                remote_stream_ids: match direction.receives() {
                    true => section.stream_ids.clone(),
                    false => Vec::new(),
                },
            });
            owners.push(owner);
        }
        self.pending_remote = Some(PendingOffer {
            negotiations: vec![None; offer.sections.len()],
            offer,
            owners,
            created,
            associated,
            ice,
            provisional: false,
        });
        self.pending_remote_sections = remote_sections;
        self.forget_answer_plan();
        Ok(RemoteOfferApplied {
            sections,
            sctp,
            rolled_back,
        })
    }

    /// Writes an answer to the pending remote offer for `snapshot` (RFC 9429 §5.3, as
    /// Chromium 156 answers); it becomes the last created answer. Changes nothing else.
    pub fn create_answer(
        &mut self,
        snapshot: &Snapshot,
        options: &AnswerOptions,
    ) -> Result<String, Error> {
        match self.repeat_last_answer(snapshot, options) {
            Some(sdp) => Ok(sdp),
            None => self.answer_afresh(snapshot, options),
        }
    }

    /// [`create_answer`](Self::create_answer) when the last answer does not repeat (see
    /// `offer_afresh`).
    pub(crate) fn answer_afresh(
        &mut self,
        snapshot: &Snapshot,
        options: &AnswerOptions,
    ) -> Result<String, Error> {
        self.repeatable = None;
        let no_offer = "Cannot create an answer: no remote offer has been applied";
        let created = self.fresh_answer(snapshot, *options, no_offer)?;
        let sdp = created.sdp.clone();
        self.last_answer = Some(created);
        self.stale_answer = None;
        self.made(snapshot, Made::Answer(*options));
        Ok(sdp)
    }

    /// The last created answer again under the next session version, if `snapshot` and
    /// `options` are those it was made from and no other call changed the session since:
    /// what [`create_answer`](Self::create_answer) would write, without writing it.
    pub fn repeat_last_answer(
        &mut self,
        snapshot: &Snapshot,
        options: &AnswerOptions,
    ) -> Option<String> {
        self.repeat(snapshot, Made::Answer(*options))?;
        self.last_created_answer().map(str::to_owned)
    }

    /// Applies `sdp`, which must be the last created answer, as the local answer; a
    /// `provisional` one (W3C `pranswer`) leaves the offer pending. When a rollback or a new
    /// remote offer came since that answer was created, it is checked as a munged version of
    /// the answer `create_answer` would write now for `snapshot`.
    pub fn set_local_answer(
        &mut self,
        sdp: &str,
        provisional: bool,
        snapshot: &Snapshot,
    ) -> Result<LocalAnswerApplied, Error> {
        self.repeatable = None;
        let no_offer = || Error::new(ErrorKind::InvalidState, NO_OFFER_TO_ANSWER);
        if self.pending_remote.is_none() {
            return Err(no_offer());
        }
        self.check_session()?;
        let mut answer = match (&self.last_answer, &self.stale_answer) {
            (Some(answer), _) => answer.clone(),
            (None, Some((stale, options))) if stale == sdp => {
                // Written only to check the stale one against (which keeps its own o= line):
                // applied or refused, it uses up no session version.
                let version = self.next_version;
                let fresh = self.fresh_answer(snapshot, *options, NO_OFFER_TO_ANSWER);
                self.next_version = version;
                fresh?
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidModification,
                    "The SDP does not match the previously created answer",
                ))
            }
        };
        let applied_sdp = if answer.sdp == sdp {
            answer.sdp.clone()
        } else {
            let applied = super::munge::applied_local(&answer.sdp, sdp, "answer")?;
            if let Some(mid) = &applied.bad_setup {
                let kind = ErrorKind::Operation;
                return Err(self.fail_setup(kind, "local answer", mid, super::ANSWERER_SETUP));
            }
            if let Some(bad_rtx) = &applied.bad_rtx {
                return Err(self.fail_rtx("local answer", bad_rtx));
            }
            if let Some(ice) = applied.ice {
                answer.local.ice = ice;
            }
            // Later offers keep its formats and SSRCs, as Chromium's do.
            for (m_line, munged) in answer.local.m_lines.iter_mut().zip(applied.munged) {
                m_line.munged = munged;
            }
            applied.sdp
        };
        let Some(pending) = &mut self.pending_remote else {
            return Err(no_offer());
        };
        if provisional {
            pending.provisional = true;
            return Ok(LocalAnswerApplied {
                mids: Vec::new(),
                sections: answer.sections,
                sctp: answer.sctp,
                sdp: applied_sdp,
            });
        }
        let remote = remote_answer(&pending.offer, &answer);
        let mut mids = Vec::new();
        for section in answer.sections.iter().filter(|s| s.rejected) {
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
        if let Some(sctp) = answer.sctp {
            self.dtls_role.get_or_insert(sctp.dtls_role);
        }
        self.pending_remote = None;
        self.last_answer = None;
        self.stale_answer = None;
        self.last_offer = None;
        self.negotiated = Some(Negotiated {
            local: answer.local,
            remote,
        });
        if let Ok(local) = crate::sdp::parse(sdp) {
            let remote = core::mem::take(&mut self.pending_remote_sections);
            let role = super::parameters::dtls_role(&local, true);
            self.read_parameters(super::parameters::sections(&local), remote, role);
        }
        Ok(LocalAnswerApplied {
            mids,
            sections: answer.sections,
            sctp: answer.sctp,
            sdp: applied_sdp,
        })
    }

    /// Whether a remote offer is applied and not yet answered (or only provisionally).
    pub fn has_remote_offer(&self) -> bool {
        self.pending_remote.is_some()
    }

    /// The SDP of the last created answer (W3C `[[LastCreatedAnswer]]`): `None` before one
    /// and once an answer is applied. A rollback or a new remote offer keeps it.
    pub fn last_created_answer(&self) -> Option<&str> {
        match (&self.last_answer, &self.stale_answer) {
            (Some(answer), _) => Some(&answer.sdp),
            (None, stale) => stale.as_ref().map(|(sdp, _)| sdp.as_str()),
        }
    }

    /// The last created answer while it answers the applied remote offer as it was planned:
    /// `None` before one, once one is applied, and once a rollback or another remote offer
    /// came since (when [`last_created_answer`](Self::last_created_answer) still has it).
    pub fn current_answer(&self) -> Option<&str> {
        self.last_answer.as_ref().map(|a| a.sdp.as_str())
    }

    /// Keeps the last created answer's SDP once what it was planned from is gone.
    fn forget_answer_plan(&mut self) {
        if let Some(answer) = self.last_answer.take() {
            self.stale_answer = Some((answer.sdp, answer.options));
        }
    }

    /// An answer to the pending remote offer for `snapshot`, not yet the last created one;
    /// `no_offer` is the error's message when there is no remote offer.
    fn fresh_answer(
        &mut self,
        snapshot: &Snapshot,
        options: AnswerOptions,
        no_offer: &'static str,
    ) -> Result<CreatedAnswer, Error> {
        let Some(mut pending) = self.pending_remote.take() else {
            return Err(Error::new(ErrorKind::InvalidState, no_offer));
        };
        let written = match self.check_session() {
            Ok(()) => self.write_answer(&mut pending, snapshot, &options),
            Err(error) => Err(error),
        };
        self.pending_remote = Some(pending);
        written
    }

    /// Undoes the pending remote offer: mids it gave are taken back, transceivers it made
    /// are forgotten (and listed for the caller to remove or keep).
    pub(super) fn rollback_remote(&mut self) -> Option<RolledBack> {
        let pending = self.pending_remote.take()?;
        self.forget_answer_plan();
        let mut rolled = RolledBack::default();
        let negotiated_mids: Vec<&Mid> = self
            .negotiated
            .iter()
            .flat_map(|n| n.local.m_lines.iter().map(|m| &m.mid))
            .collect();
        for owner in &pending.associated {
            match owner {
                Some(id) => {
                    let Some(state) = self.transceivers.iter_mut().find(|t| t.id == *id) else {
                        continue;
                    };
                    let keep = state.mid.as_ref().is_some_and(|m| {
                        negotiated_mids.contains(&m)
                            && self.negotiated.as_ref().is_some_and(|n| {
                                n.local.m_lines.iter().any(|l| {
                                    l.mid == *m
                                        && l.owner
                                            == Owner::Transceiver {
                                                id: *id,
                                                kind: state.kind,
                                            }
                                })
                            })
                    });
                    if !keep && state.mid.take().is_some() {
                        rolled.mids.push(MidChange {
                            transceiver: *id,
                            mid: None,
                        });
                    }
                }
                None => {
                    let negotiated = self
                        .data_mid
                        .as_ref()
                        .is_some_and(|m| negotiated_mids.contains(&m));
                    if !negotiated {
                        self.data_mid = None;
                    }
                }
            }
        }
        self.transceivers
            .retain(|t| !pending.created.contains(&t.id));
        rolled
            .mids
            .retain(|c| !pending.created.contains(&c.transceiver));
        rolled.created = pending.created;
        Some(rolled)
    }

    /// Whether a description gave `owner` the mid `mid`: the current one (our answer or
    /// offer, read as our m-lines) or the pending remote offer. A mid `create_offer` gave a
    /// transceiver (or the data channel) for an offer not applied is only a proposal.
    fn described(&self, owner: Owner, mid: &Mid) -> bool {
        let negotiated = self.negotiated.iter().flat_map(|n| &n.local.m_lines);
        let in_negotiated = negotiated
            .clone()
            .any(|m| m.mid == *mid && m.owner == owner);
        let in_pending = self.pending_remote.as_ref().is_some_and(|p| {
            p.offer
                .sections
                .iter()
                .zip(&p.owners)
                .any(|(s, o)| s.mid == *mid && *o == Some(owner))
        });
        in_negotiated || in_pending
    }

    /// The mids descriptions gave, with the media type of what holds them.
    fn described_mids(&self) -> Vec<(&Mid, OfferedMedia)> {
        let transceivers = self.transceivers.iter().filter_map(|t| {
            let mid = t.mid.as_ref()?;
            let owner = Owner::Transceiver {
                id: t.id,
                kind: t.kind,
            };
            self.described(owner, mid)
                .then_some((mid, OfferedMedia::Rtp(t.kind)))
        });
        let data = self
            .data_mid
            .as_ref()
            .filter(|mid| self.described(Owner::Data, mid))
            .map(|mid| (mid, OfferedMedia::Data));
        transceivers.chain(data).collect()
    }

    /// RFC 9429 §5.10 / libwebrtc: an m-section keeps its media type across offers: a mid a
    /// description gave our transceivers or data channels may not come back as another kind
    /// of section.
    fn check_media_kept(&self, offer: &RemoteOffer) -> Result<(), Error> {
        let described = self.described_mids();
        for section in &offer.sections {
            let holder = described.iter().find(|(mid, _)| **mid == section.mid);
            if holder.is_some_and(|(_, media)| *media != section.media) {
                return Err(Error::new(
                    ErrorKind::InvalidAccess,
                    format!(
                        "Line {}: the m-section with mid {} changed its media type.",
                        section.line,
                        crate::error::quoted(section.mid.as_str())
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Forgets the mids only a created, unapplied offer proposed (webrtc-pc: a transceiver
    /// has no mid until a description gives it one): a remote offer may use them for other
    /// sections, and the transceivers get fresh ones in our next offer.
    fn drop_proposed_mids(&mut self) {
        let proposed: Vec<TransceiverId> = self
            .transceivers
            .iter()
            .filter(|t| {
                t.mid.as_ref().is_some_and(|mid| {
                    let owner = Owner::Transceiver {
                        id: t.id,
                        kind: t.kind,
                    };
                    !self.described(owner, mid)
                })
            })
            .map(|t| t.id)
            .collect();
        for state in self.transceivers.iter_mut() {
            if proposed.contains(&state.id) {
                state.mid = None;
            }
        }
        if self
            .data_mid
            .as_ref()
            .is_some_and(|mid| !self.described(Owner::Data, mid))
        {
            self.data_mid = None;
        }
    }

    /// The transceiver an offered RTP section belongs to: the one with its mid, else the
    /// first `addTrack()`-made one of its kind with no mid when the remote side would receive.
    fn match_transceiver(
        &self,
        snapshot: &Snapshot,
        section: &OfferedSection,
        kind: MediaKind,
        taken: &[Option<Owner>],
    ) -> Option<TransceiverId> {
        let by_mid = self
            .transceivers
            .iter()
            .find(|t| t.mid.as_ref() == Some(&section.mid) && t.kind == kind && !t.stopped);
        if let Some(state) = by_mid {
            return Some(state.id);
        }
        if section.port_zero || !section.direction.receives() {
            return None;
        }
        snapshot
            .transceivers
            .iter()
            .filter(|t| t.kind == kind && t.added_by_track && !t.stopped)
            .filter(|t| {
                self.state(t.id)
                    .is_none_or(|s| s.mid.is_none() && !s.stopped)
            })
            .find(|t| {
                !taken
                    .iter()
                    .any(|o| matches!(o, Some(Owner::Transceiver { id, .. }) if *id == t.id))
            })
            .map(|t| t.id)
    }

    /// An id no transceiver of the snapshot or the session has, nor any earlier remote offer
    /// made (a rolled-back offer's transceivers may live on in an offer created before it).
    fn next_transceiver_id(&self, snapshot: &Snapshot) -> u32 {
        let known = snapshot
            .transceivers
            .iter()
            .map(|t| t.id.get())
            .chain(self.transceivers.iter().map(|t| t.id.get()))
            .chain([self.max_created_id]);
        known.max().map_or(1, |max| max.saturating_add(1))
    }

    /// The ICE credentials our answers to `offer` use: those of the last exchange unless the
    /// offer restarts ICE (new remote credentials), fresh ones for the first exchange.
    fn answer_ice(&mut self, offer: &RemoteOffer) -> Result<IceCredentials, Error> {
        let Some(base) = self.base() else {
            return Ok(self.initial_ice.clone());
        };
        let current = base.ice.clone();
        let remote_ufrag = offer.sections.iter().find_map(|s| s.ice_ufrag.as_deref());
        let known = self
            .negotiated
            .as_ref()
            .and_then(|n| n.remote.ice_ufrag.as_deref());
        match (remote_ufrag, known) {
            (Some(new), Some(old)) if new != old => self.fresh_ice(&current),
            _ => Ok(current),
        }
    }

    /// Chooses each section's direction, formats and extensions and writes the answer.
    fn write_answer(
        &mut self,
        pending: &mut PendingOffer,
        snapshot: &Snapshot,
        options: &AnswerOptions,
    ) -> Result<CreatedAnswer, Error> {
        snapshot.validate()?;
        self.check_kinds(snapshot)?;
        if self.dtls_role.is_none() && offer_setup(&pending.offer) == Some(Setup::HoldConn) {
            // Chromium 156 fails here too: it makes no transport for a holdconn offer.
            return Err(Error::new(
                ErrorKind::Operation,
                "Failed to create the answer: the offer's a=setup:holdconn leaves no DTLS role to take",
            ));
        }
        let mut planned = Vec::with_capacity(pending.offer.sections.len());
        let sections = pending.offer.sections.iter().zip(&pending.owners);
        for (index, ((section, owner), negotiation)) in
            sections.zip(&mut pending.negotiations).enumerate()
        {
            planned.push(self.plan_section(index, section, *owner, snapshot, options, negotiation));
        }
        let pending = &*pending;
        let offer = &pending.offer;
        // RFC 8843 §7.3.3: a group whose tagged (first) section is rejected is rejected whole.
        let mut bundle: Vec<Vec<&Mid>> = Vec::with_capacity(offer.bundle.len());
        for group in &offer.bundle {
            let accepted = |mid: &Mid| {
                offer
                    .sections
                    .iter()
                    .position(|s| s.mid == *mid)
                    .is_some_and(|i| !planned[i].rejected)
            };
            let tagged_ok = group.first().is_some_and(accepted);
            let mids: Vec<&Mid> = group.iter().filter(|m| tagged_ok && accepted(m)).collect();
            if !tagged_ok {
                for mid in group {
                    if let Some(i) = offer.sections.iter().position(|s| s.mid == *mid) {
                        planned[i].rejected = true;
                        planned[i].direction = Direction::Inactive;
                    }
                }
            }
            bundle.push(mids);
        }
        let m_lines = self.answer_m_lines(&planned, offer, snapshot);
        self.prepare_senders(snapshot, &m_lines)?;
        let dtls_role = self.dtls_role.unwrap_or(match offer_setup(offer) {
            // RFC 8842 §5.2: the answerer takes the role the offerer left it; Chromium
            // (and JSEP's SHOULD) answers actpass with active.
            Some(Setup::Active) => DtlsRole::Server,
            _ => DtlsRole::Client,
        });
        let setup = match dtls_role {
            DtlsRole::Client => DtlsSetup::Active,
            DtlsRole::Server => DtlsSetup::Passive,
        };
        let version = self.next_version;
        self.next_version += 1;
        let mut sdp =
            String::with_capacity(self.last_answer.as_ref().map_or(2048, |a| a.sdp.len()));
        let description = self.describe_answer(
            pending, snapshot, &planned, &m_lines, &bundle, setup, version,
        );
        description
            .write_to(&mut sdp)
            .map_err(|_| Error::new(ErrorKind::Operation, "could not write the answer"))?;

        let mut answered = Vec::with_capacity(planned.len());
        let mut negotiated = Vec::with_capacity(planned.len());
        let mut sctp = None;
        for plan in &planned {
            let section = &offer.sections[plan.index];
            let owner = plan.owner;
            if owner == Some(Owner::Data) && !plan.rejected {
                sctp = Some(SctpAnswer {
                    dtls_role,
                    max_message_size: section.max_message_size,
                });
            }
            answered.push(AnsweredSection {
                index: plan.index,
                rejected: plan.rejected,
                direction: plan.direction,
            });
            if owner.is_none() {
                // A section this side cannot take: remembered in place, nothing to mirror.
                continue;
            }
            negotiated.push(NegotiatedMLine {
                id: match owner {
                    Some(Owner::Transceiver { id, .. }) => Some(id),
                    _ => None,
                },
                mid: section.mid.clone(),
                current_direction: match (owner, plan.rejected) {
                    (_, true) => Direction::Inactive,
                    (Some(Owner::Data), false) => Direction::SendRecv,
                    _ => plan.direction,
                },
                rejected: plan.rejected,
                remote_stream_ids: match plan.direction.receives() && !plan.rejected {
                    true => section.stream_ids.clone(),
                    false => Vec::new(),
                },
            });
        }
        Ok(CreatedAnswer {
            sdp,
            options: *options,
            local: OfferRecord {
                ice: pending.ice.clone(),
                m_lines,
                replaces_ice: None,
                not_actpass: None,
            },
            answered,
            bundle: bundle.first().map_or(Vec::new(), |g| {
                g.iter().map(|m| (*m).clone()).collect::<Vec<Mid>>()
            }),
            sections: negotiated,
            sctp,
        })
    }

    /// One section's answer: rejected when the offer rejected it, its transceiver was
    /// stopped by an earlier exchange, or no codec is common; a stopping transceiver's is
    /// `inactive` on a live port, as Chromium answers (the stop completes in a later offer).
    /// `negotiation` is the section's last one, reused when its inputs are the same.
    fn plan_section(
        &self,
        index: usize,
        section: &OfferedSection,
        owner: Option<Owner>,
        snapshot: &Snapshot,
        options: &AnswerOptions,
        negotiation: &mut Option<Negotiation>,
    ) -> Planned {
        let mut plan = Planned {
            index,
            owner,
            rejected: section.port_zero || owner.is_none(),
            direction: Direction::Inactive,
            kind: None,
            formats: None,
            extmaps: Vec::new(),
        };
        let Some(Owner::Transceiver { id, kind }) = owner else {
            return plan;
        };
        plan.kind = Some(kind);
        let transceiver = snapshot.transceiver(id);
        let stopped = self.state(id).is_none_or(|s| s.stopped) || transceiver.is_none();
        plan.rejected |= stopped;
        let wanted = match transceiver {
            Some(t) if !t.stopped => t.direction,
            _ => Direction::Inactive,
        };
        plan.direction = match plan.rejected {
            true => Direction::Inactive,
            false => section.direction.reversed().intersect(wanted),
        };
        let preferences = transceiver.map_or(&[][..], |t| t.codec_preferences.as_slice());
        let vad = options.voice_activity_detection;
        let negotiated = match negotiation {
            Some(n)
                if n.direction == plan.direction
                    && n.preferences == preferences
                    && n.voice_activity_detection == vad =>
            {
                n
            }
            _ => negotiation.insert(negotiate(section, kind, plan.direction, preferences, vad)),
        };
        match &negotiated.formats {
            Some(formats) => plan.formats = Some(Arc::clone(formats)),
            None => {
                plan.rejected = true;
                plan.direction = Direction::Inactive;
            }
        }
        plan.extmaps = negotiated.extmaps.clone();
        plan
    }

    /// The answer's m-lines as later offers remember them.
    fn answer_m_lines(
        &self,
        planned: &[Planned],
        offer: &RemoteOffer,
        snapshot: &Snapshot,
    ) -> Vec<MLine> {
        let mut m_lines = Vec::with_capacity(planned.len());
        for plan in planned {
            let section = &offer.sections[plan.index];
            let Some(owner) = plan.owner else {
                m_lines.push(MLine::unsupported(
                    section.mid.clone(),
                    Echo {
                        media: section.media_token.clone(),
                        proto: section.proto.clone(),
                        formats: section.formats_text.clone(),
                    },
                ));
                continue;
            };
            let m_line = match owner {
                Owner::Data => MLine::answered(
                    owner,
                    section.mid.clone(),
                    plan.rejected,
                    Direction::SendRecv,
                    Vec::new(),
                    Vec::new(),
                    &[],
                    Arc::new(CodecList::new(Vec::new())),
                    false,
                ),
                // Pending offers never give a section this owner (theirs is None).
                Owner::Unsupported => continue,
                Owner::Transceiver { id, kind } => {
                    let t = snapshot
                        .transceiver(id)
                        .filter(|t| !t.stopped && !plan.rejected);
                    let mut m_line = MLine::answered(
                        owner,
                        section.mid.clone(),
                        plan.rejected,
                        t.map_or(Direction::Inactive, |t| t.direction),
                        t.map_or(Vec::new(), |t| t.stream_ids.clone()),
                        plan.extmaps.clone(),
                        t.map_or(
                            header_extensions(kind, false),
                            TransceiverSnapshot::header_extensions,
                        ),
                        plan.formats
                            .clone()
                            .unwrap_or_else(|| Arc::new(CodecList::new(Vec::new()))),
                        section.rtcp_rsize,
                    );
                    // SSRCs a munged local description added stay the sender's, as in Chromium.
                    let applied = self.base().into_iter().flat_map(|b| &b.m_lines);
                    if let Some(old) = applied.into_iter().find(|m| m.owner == owner) {
                        m_line
                            .munged
                            .ssrc_groups
                            .clone_from(&old.munged.ssrc_groups);
                        m_line.munged.ssrcs.clone_from(&old.munged.ssrcs);
                    }
                    m_line
                }
            };
            m_lines.push(m_line);
        }
        m_lines
    }

    /// The typed answer.
    #[allow(clippy::too_many_arguments)]
    fn describe_answer<'a>(
        &'a self,
        pending: &'a PendingOffer,
        snapshot: &'a Snapshot,
        planned: &'a [Planned],
        m_lines: &'a [MLine],
        bundle: &[Vec<&'a Mid>],
        setup: DtlsSetup,
        version: u64,
    ) -> SessionDescription<'a> {
        let offer = &pending.offer;
        let transport = Transport {
            ice_ufrag: &pending.ice.ufrag,
            ice_pwd: &pending.ice.pwd,
            fingerprints: &self.fingerprints,
            setup,
        };
        let empty: &'a CodecList = empty_codecs();
        let mut media = Vec::with_capacity(planned.len());
        for plan in planned {
            let section = &offer.sections[plan.index];
            let mid = section.has_mid.then_some(section.mid.as_str());
            let port = if plan.rejected { 0 } else { 9 };
            match plan.owner {
                None | Some(Owner::Unsupported) => {
                    media.push(MediaSection::Unsupported(UnsupportedSection {
                        media: &section.media_token,
                        proto: &section.proto,
                        formats: &section.formats_text,
                        mid,
                    }))
                }
                Some(Owner::Data) => media.push(MediaSection::Data(DataSection {
                    port,
                    transport,
                    mid,
                    sctp_port: SCTP_PORT,
                    max_message_size: answer_max_message_size(section.max_message_size),
                })),
                Some(Owner::Transceiver { id, kind }) => {
                    let m_line = m_lines.iter().find(|m| m.mid == section.mid);
                    let sender = snapshot
                        .transceiver(id)
                        .filter(|t| !plan.rejected && !t.stopped && t.direction.sends())
                        .zip(self.state(id));
                    let msid = sender.and_then(|(t, state)| {
                        let track_id =
                            t.track_id.as_deref().or(state.random_track_id.as_deref())?;
                        Some(Msid {
                            stream_ids: &t.stream_ids,
                            track_id,
                        })
                    });
                    let ssrcs = sender.and_then(|(_, state)| {
                        state.ssrcs.map(|SenderSsrcs { primary, rtx }| Ssrcs {
                            primary,
                            rtx,
                            cname: &self.cname,
                            groups: m_line.map_or(&[][..], |m| &m.munged.ssrc_groups),
                            more: m_line.map_or(&[][..], |m| &m.munged.ssrcs),
                        })
                    });
                    media.push(MediaSection::Rtp(RtpSection {
                        kind,
                        port,
                        proto: &section.proto,
                        transport,
                        mid,
                        extmap_allow_mixed: section.extmap_allow_mixed,
                        extmaps: m_line.map_or(&[][..], |m| m.extmaps()),
                        direction: plan.direction,
                        msid,
                        rtcp: true,
                        rtcp_rsize: section.rtcp_rsize,
                        rtcp_xr: section.rtcp_xr,
                        codecs: plan.formats.as_deref().unwrap_or(empty),
                        ssrcs,
                        ssrc_msid: false,
                        send_rids: &[],
                        first_rid_only: false,
                        paused_rids: &[],
                    }));
                }
            }
        }
        SessionDescription {
            session_id: self.session_id,
            session_version: version,
            bundle: bundle
                .iter()
                .map(|g| g.iter().map(|m| m.as_str()).collect())
                .collect(),
            extmap_allow_mixed: offer.extmap_allow_mixed,
            msid_semantic: msid_semantic(&media),
            media,
        }
    }
}

/// An offered section's formats and extensions for our side's `direction` (jsep/negotiate).
fn negotiate(
    section: &OfferedSection,
    kind: MediaKind,
    direction: Direction,
    preferences: &[CodecPreference],
    voice_activity_detection: bool,
) -> Negotiation {
    let offered: Vec<OfferedFormat<'_>> = section
        .codecs
        .iter()
        .map(|c| OfferedFormat {
            payload_type: c.payload_type,
            rtpmap: c
                .rtpmap
                .as_ref()
                .map(|(name, clock_rate, channels)| OfferedRtpmap {
                    encoding_name: name,
                    clock_rate: *clock_rate,
                    channels: *channels,
                }),
            fmtp: c.fmtp.as_deref(),
            feedback: c.feedback.iter().map(String::as_str).collect(),
        })
        .collect();
    let codecs = answer_formats(
        kind,
        &offered,
        section.direction,
        direction,
        preferences,
        voice_activity_detection,
    );
    let offered_extmaps: Vec<Extmap<'_>> = section
        .extmaps
        .iter()
        .map(|(id, uri)| Extmap { id: *id, uri })
        .collect();
    Negotiation {
        direction,
        preferences: preferences.to_vec(),
        voice_activity_detection,
        formats: (!codecs.is_empty()).then(|| Arc::new(CodecList::new(codecs))),
        extmaps: answer_extmaps(kind, &offered_extmaps),
    }
}

/// RFC 8841 §6's default for a description without `a=max-message-size`.
const DEFAULT_MAX_MESSAGE_SIZE: u64 = 65_536;

/// The answer's `a=max-message-size`: the smaller of the offer's and ours; like libwebrtc,
/// no line when that is the default.
fn answer_max_message_size(offered: Option<u64>) -> Option<u32> {
    let size = offered
        .unwrap_or(DEFAULT_MAX_MESSAGE_SIZE)
        .min(u64::from(MAX_MESSAGE_SIZE));
    (size != DEFAULT_MAX_MESSAGE_SIZE).then(|| u32::try_from(size).unwrap_or(MAX_MESSAGE_SIZE))
}

/// An empty format list, for sections that have no codec in common.
fn empty_codecs() -> &'static CodecList {
    static EMPTY: std::sync::OnceLock<CodecList> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| CodecList::new(Vec::new()))
}

/// The offerer's DTLS role proposal: the first accepted section's `a=setup`.
fn offer_setup(offer: &RemoteOffer) -> Option<Setup> {
    offer
        .sections
        .iter()
        .filter(|s| !s.port_zero && s.media != OfferedMedia::Unsupported)
        .find_map(|s| s.setup)
}

/// The exchange `answer` completes as later offers remember the remote side: the offer
/// read as what the remote side accepts.
fn remote_answer(offer: &RemoteOffer, answer: &CreatedAnswer) -> Answer {
    Answer {
        sections: answer
            .answered
            .iter()
            .map(|a| remote_view(&offer.sections[a.index], a))
            .collect(),
        bundle: answer.bundle.clone(),
        trickle: offer.trickle,
        sctp: None,
        ice_ufrag: offer.sections.iter().find_map(|s| s.ice_ufrag.clone()),
        ice_pwd: offer.sections.iter().find_map(|s| s.ice_pwd.clone()),
    }
}

/// The remote offer's section read as what the remote side accepts, for later offers.
fn remote_view(section: &OfferedSection, answered: &AnsweredSection) -> AnsweredMLine {
    let mut feedback = Vec::new();
    for codec in &section.codecs {
        for fb in &codec.feedback {
            feedback.push(AcceptedFeedback {
                payload_type: Some(codec.payload_type),
                feedback: fb.clone(),
            });
        }
    }
    AnsweredMLine {
        rejected: answered.rejected,
        current_direction: answered.direction,
        simulcast: false,
        formats: section.codecs.iter().map(|c| c.payload_type).collect(),
        feedback,
        extensions: section.extmaps.iter().map(|(_, uri)| uri.clone()).collect(),
        rtcp_rsize: section.rtcp_rsize,
        offered_direction: Some(match section.port_zero {
            true => Direction::Inactive,
            false => section.direction.reversed(),
        }),
    }
}
