//! The offer pipeline (RFC 9429 §5.2): which m-lines an offer has and in what order
//! (recycling rejected ones), their header extension ids, payload formats and BUNDLE group,
//! following the applied answer where there is one, and the typed description the writer
//! turns into SDP.

use std::sync::Arc;

use crate::codecs::{apply_preferences, offered_codecs, HeaderExtension, RID_EXTENSIONS};
use crate::error::{Error, ErrorKind};
use crate::ice::IceCredentials;
use crate::sdp::{
    Codec, CodecList, DataSection, DtlsSetup, Extmap, MediaSection, Msid, PayloadType, RtpSection,
    SessionDescription, Ssrc, Ssrcs, Transport, UnsupportedSection,
};

use super::answer::AnsweredMLine;
use super::extmap::ExtensionIds;
use super::ids::{Mid, TransceiverId};
use super::negotiate::follow_negotiated;
use super::snapshot::{Direction, MediaKind, OfferOptions, Snapshot, TransceiverSnapshot};
use super::{JsepSession, Made, SenderSsrcs};

/// The SCTP port Chromium offers.
pub(super) const SCTP_PORT: u16 = 5000;
/// Chromium's SCTP send buffer size, offered as `a=max-message-size`.
pub(super) const MAX_MESSAGE_SIZE: u32 = 262_144;
/// The protocol of RTP m-sections in offers (RFC 8843 §5.1's JSEP profile).
pub(super) const RTP_PROTO: &str = "UDP/TLS/RTP/SAVPF";

/// What an m-line carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    /// The transceiver with this id.
    Transceiver { id: TransceiverId, kind: MediaKind },
    /// Every data channel (one `m=application` for all).
    Data,
    /// A remote offer's m-section this side could not take (unknown media or protocol, a
    /// second data section): rejected for good, kept in place with its [`Echo`].
    Unsupported,
}

/// What an [`Owner::Unsupported`] m-line repeats of the offer that had it: `<media>`,
/// `<proto>` and the `<fmt>` list.
#[derive(Debug)]
pub(super) struct Echo {
    pub(super) media: String,
    pub(super) proto: String,
    pub(super) formats: String,
}

/// The payload formats of one m-section: one of the pre-rendered default lists, or a
/// list made for it (codec preferences, or following an answer).
#[derive(Debug, Clone)]
pub(super) enum Formats {
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
pub(super) struct MLine {
    pub(super) owner: Owner,
    pub(super) mid: Mid,
    /// Port 0: the transceiver is stopped or gone.
    pub(super) rejected: bool,
    extmaps: Vec<Extmap<'static>>,
    /// The offered direction (`inactive` when rejected).
    pub(super) direction: Direction,
    /// The sender's stream ids when the offer was made (what `a=msid` says when it sends).
    pub(super) stream_ids: Vec<String>,
    /// What its transceiver offers: none once it is gone or the answer rejected the
    /// section; a stopping transceiver's rejected section keeps them, as in Chromium.
    header_extensions: &'static [HeaderExtension],
    /// The payload formats (unused for the data section).
    pub(super) formats: Formats,
    /// Whether `a=rtcp` and `a=rtcp-rsize` are written (RFC 9429 §5.2.2 drops them
    /// after an answer with rtcp-mux / without rtcp-rsize).
    rtcp: bool,
    rtcp_rsize: bool,
    /// Its transceiver sends simulcast layers (`a=rid` and `a=simulcast` are written).
    simulcast: bool,
    /// The answer it follows declined the simulcast we offered: as Chromium 156 does, the
    /// layers after the first are offered paused.
    simulcast_declined: bool,
    /// What a munged local description applied, which later offers keep (as Chromium 156's
    /// do: the order until an answer to it, the fmtp parameters and SSRCs after it too).
    pub(super) munged: Munged,
    /// An [`Owner::Unsupported`] m-line's echo of the offer's m= line.
    pub(super) echo: Option<Arc<Echo>>,
}

/// What a munged local description changed of one m-section (see `munge`): the payload
/// types in the order its m= line listed them (later offers list them first, then the
/// others), the fmtp parameters it changed, and the SSRCs and `a=ssrc-group` values it added
/// (legacy simulcast: Chromium's sender takes them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Munged {
    pub(super) order: Vec<PayloadType>,
    pub(super) fmtp: Vec<(PayloadType, String)>,
    pub(super) ssrc_groups: Vec<String>,
    pub(super) ssrcs: Vec<Ssrc>,
    /// It kept a RED format whose fmtp names a payload type it removed: Chromium applies it,
    /// and then no createOffer() succeeds.
    pub(super) dangling_red: bool,
}

impl MLine {
    fn new(owner: Owner, mid: Mid, rejected: bool) -> Self {
        MLine {
            owner,
            mid,
            rejected,
            extmaps: Vec::new(),
            direction: Direction::Inactive,
            stream_ids: Vec::new(),
            header_extensions: &[],
            formats: Formats::Default(offered_codecs(MediaKind::Audio, Direction::Inactive, true)),
            rtcp: true,
            rtcp_rsize: true,
            simulcast: false,
            simulcast_declined: false,
            munged: Munged::default(),
            echo: None,
        }
    }

    /// The place of a remote offer's m-section this side could not take: rejected, and
    /// written again as the offer had it (RFC 9429 §5.2.2: m-lines keep their places).
    pub(super) fn unsupported(mid: Mid, echo: Echo) -> MLine {
        MLine {
            echo: Some(Arc::new(echo)),
            ..MLine::new(Owner::Unsupported, mid, true)
        }
    }
}

impl MLine {
    /// The m-line of an answer we wrote, remembered as if we had offered it: what later
    /// offers keep (mid, extension ids, payload types) and what the negotiation-needed check
    /// compares (`direction` is the transceiver's then, which decided its a=msid).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn answered(
        owner: Owner,
        mid: Mid,
        rejected: bool,
        direction: Direction,
        stream_ids: Vec<String>,
        extmaps: Vec<Extmap<'static>>,
        header_extensions: &'static [HeaderExtension],
        formats: Arc<CodecList>,
        rtcp_rsize: bool,
    ) -> MLine {
        MLine {
            extmaps,
            direction,
            stream_ids,
            header_extensions,
            formats: Formats::Custom(formats),
            rtcp: false,
            rtcp_rsize,
            ..MLine::new(owner, mid, rejected)
        }
    }

    /// Its extmaps.
    pub(super) fn extmaps(&self) -> &[Extmap<'static>] {
        &self.extmaps
    }
}

/// What is remembered of an offer: the parts later offers build on.
#[derive(Debug, Clone)]
pub(super) struct OfferRecord {
    pub(super) ice: IceCredentials,
    pub(super) m_lines: Vec<MLine>,
    /// The `restartIce()` call whose credentials this offer replaces (see
    /// [`JsepSession::restart_ice`]).
    pub(super) replaces_ice: Option<u64>,
    /// The mid of the first m-section a munged offer gave an `a=setup` other than actpass:
    /// Chromium applies such an offer but fails to apply any answer to it.
    pub(super) not_actpass: Option<Mid>,
}

/// The codecs one m-section of the last completed exchange negotiated.
pub(super) struct NegotiatedCodecs<'a> {
    mid: &'a Mid,
    kind: MediaKind,
    codecs: Vec<&'a Codec>,
}

/// The last created offer: its SDP and its record.
#[derive(Debug, Clone)]
pub(super) struct CreatedOffer {
    pub(super) sdp: String,
    pub(super) record: OfferRecord,
}

impl JsepSession {
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
        match self.repeat_last_offer(snapshot, options) {
            Some(sdp) => Ok(sdp),
            None => self.offer_afresh(snapshot, options),
        }
    }

    /// [`create_offer`](Self::create_offer) when the last offer does not repeat: plans and
    /// writes one (the wasm boundary, which repeats an offer from its own strings, calls this
    /// after [`JsepSession::repeat`]).
    pub(crate) fn offer_afresh(
        &mut self,
        snapshot: &Snapshot,
        options: &OfferOptions,
    ) -> Result<String, Error> {
        self.repeatable = None;
        self.check_session()?;
        if self.pending_remote.is_some() {
            // webrtc-pc createOffer: only in stable or have-local-offer.
            return Err(Error::new(
                ErrorKind::InvalidState,
                "Cannot create an offer while a remote offer is applied",
            ));
        }
        snapshot.validate()?;
        self.check_kinds(snapshot)?;
        self.assign_mids(snapshot);
        let mut sections = self.plan_m_lines(snapshot);
        if sections.iter().any(|s| s.munged.dangling_red) {
            return Err(Error::new(
                ErrorKind::Operation,
                "RED codec pointing to nonexistent PT",
            ));
        }
        let answered = self.answered_sections(&sections);
        assign_extension_ids(self.base(), &mut sections, &answered);
        let negotiated = self.negotiated_codecs();
        choose_formats(snapshot, options, &mut sections, &answered, &negotiated);
        let bundle = self.bundle(&sections, &answered);
        self.prepare_senders(snapshot, &sections)?;

        // Offers reuse the applied offer's credentials (or, before any, the session's).
        let current = self.base().map_or(&self.initial_ice, |a| &a.ice).clone();
        let ice = if options.ice_restart || self.ice_to_replace.is_some() {
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
            record: OfferRecord {
                ice,
                m_lines: sections,
                replaces_ice: self.ice_to_replace,
                not_actpass: None,
            },
        });
        // An ICE restart draws new credentials for every offer: those never repeat.
        if !options.ice_restart && self.ice_to_replace.is_none() {
            self.made(snapshot, Made::Offer(*options));
        }
        Ok(sdp)
    }

    /// The last created offer again under the next session version, if `snapshot` and
    /// `options` are those it was made from and no other call changed the session since:
    /// what [`create_offer`](Self::create_offer) would write, without planning and writing
    /// it. `None` otherwise (an offer restarting ICE never repeats: it draws new credentials).
    pub fn repeat_last_offer(
        &mut self,
        snapshot: &Snapshot,
        options: &OfferOptions,
    ) -> Option<String> {
        self.repeat(snapshot, Made::Offer(*options))?;
        self.last_created_offer().map(str::to_owned)
    }

    /// The current answer's view of the m-line at `index` when it still has the mid
    /// the answered offer gave it (not recycled since).
    fn answered(&self, index: usize, mid: &Mid) -> Option<&AnsweredMLine> {
        let negotiated = self.negotiated.as_ref()?;
        let local = negotiated.local.m_lines.get(index)?;
        let answer = negotiated.remote.sections.get(index)?;
        (local.mid == *mid).then_some(answer)
    }

    /// Per section, the answer it follows: present for existing, non-recycled,
    /// non-rejected sections the current answer accepted.
    /// Empty (no allocation) before any answer: read it with [`answer_at`].
    fn answered_sections(&self, sections: &[MLine]) -> Vec<Option<&AnsweredMLine>> {
        if self.negotiated.is_none() {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(sections.len());
        out.extend(sections.iter().enumerate().map(|(index, section)| {
            self.answered(index, &section.mid)
                .filter(|a| !a.rejected && !section.rejected)
        }));
        out
    }

    /// The codecs of the last completed exchange, per accepted RTP m-section: ours (offered
    /// or answered) with the payload types the answer kept. Re-offers keep those numbers.
    fn negotiated_codecs(&self) -> Vec<NegotiatedCodecs<'_>> {
        let Some(negotiated) = &self.negotiated else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (local, remote) in negotiated
            .local
            .m_lines
            .iter()
            .zip(&negotiated.remote.sections)
        {
            let Owner::Transceiver { kind, .. } = local.owner else {
                continue;
            };
            if local.rejected || remote.rejected {
                continue;
            }
            let codecs = local
                .formats
                .codecs()
                .iter()
                .filter(|c| remote.formats.contains(&c.payload_type))
                .collect();
            out.push(NegotiatedCodecs {
                mid: &local.mid,
                kind,
                codecs,
            });
        }
        out
    }

    /// The m-lines in order: those of the applied offer keep their place (a stopped or
    /// vanished transceiver's becomes rejected, as does a section the answer rejected;
    /// a vanished transceiver's or answer-rejected media section may be recycled), new
    /// transceivers follow in snapshot order, the data section comes last.
    fn plan_m_lines(&self, snapshot: &Snapshot) -> Vec<MLine> {
        let mut sections = Vec::new();
        let mut recyclable = Vec::new();
        for (index, old) in self
            .base()
            .iter()
            .flat_map(|a| a.m_lines.iter())
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
                Owner::Transceiver { id, .. } => match snapshot.transceiver(id) {
                    Some(t) => t.stopped,
                    None => {
                        recyclable.push(sections.len());
                        true
                    }
                },
                Owner::Unsupported => true,
            };
            let mut section = MLine::new(old.owner, old.mid.clone(), rejected);
            section.munged.clone_from(&old.munged);
            section.echo.clone_from(&old.echo);
            sections.push(section);
        }
        let mut recyclable = recyclable.into_iter();
        let mut place = |sections: &mut Vec<MLine>, section: MLine| match recyclable
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
                place(&mut sections, MLine::new(owner, mid, false));
            }
        }
        let has_data = sections.iter().any(|s| s.owner == Owner::Data);
        if let (true, false, Some(mid)) = (snapshot.data_channel, has_data, &self.data_mid) {
            place(&mut sections, MLine::new(Owner::Data, mid.clone(), false));
        }
        for (index, section) in sections.iter_mut().enumerate() {
            let Owner::Transceiver { id, .. } = section.owner else {
                continue;
            };
            let t = snapshot.transceiver(id);
            if let Some(t) = t.filter(|_| !section.rejected) {
                section.direction = t.direction;
                section.stream_ids.clone_from(&t.stream_ids);
                section.simulcast = t.direction.sends() && !t.simulcast_rids().is_empty();
            }
            let answer_rejected = self
                .answered(index, &section.mid)
                .is_some_and(|a| a.rejected);
            if !answer_rejected {
                section.header_extensions = t.map_or(&[], TransceiverSnapshot::header_extensions);
            }
        }
        sections
    }

    /// The mids of the `a=group:BUNDLE` line: every live section before any answer;
    /// after one, the answer's group minus rejected sections plus new or re-enabled
    /// ones (RFC 9429 §5.2.2), in m-line order.
    fn bundle<'s>(
        &self,
        sections: &'s [MLine],
        answered: &[Option<&AnsweredMLine>],
    ) -> Vec<&'s str> {
        let mut mids = Vec::with_capacity(sections.len());
        for (index, section) in sections.iter().enumerate() {
            let bundled = match (answer_at(answered, index), &self.negotiated) {
                (Some(_), Some(negotiated)) => negotiated.remote.bundle.contains(&section.mid),
                _ => true,
            };
            if !section.rejected && bundled {
                mids.push(section.mid.as_str());
            }
        }
        mids
    }

    /// Track ids and SSRCs for every sending section, made once and kept.
    pub(super) fn prepare_senders(
        &mut self,
        snapshot: &Snapshot,
        sections: &[MLine],
    ) -> Result<(), Error> {
        for section in sections.iter().filter(|s| !s.rejected) {
            let Owner::Transceiver { id, kind } = section.owner else {
                continue;
            };
            let Some(t) = snapshot.transceiver(id).filter(|t| t.direction.sends()) else {
                continue;
            };
            let Some(index) = self.transceivers.iter().position(|s| s.id == id) else {
                continue;
            };
            if t.track_id.is_none() && self.transceivers[index].random_track_id.is_none() {
                let uuid = self.rng.uuid_v4()?;
                self.transceivers[index].random_track_id = Some(uuid);
            }
            if t.simulcast_rids().is_empty() && self.transceivers[index].ssrcs.is_none() {
                let primary = self.fresh_ssrc(&[])?;
                let rtx = match kind {
                    MediaKind::Audio => None,
                    MediaKind::Video => Some(self.fresh_ssrc(&[primary])?),
                };
                self.transceivers[index].ssrcs = Some(SenderSsrcs { primary, rtx });
            }
        }
        Ok(())
    }

    /// A random non-zero SSRC not used by any transceiver of this session (nor `also`).
    fn fresh_ssrc(&mut self, also: &[Ssrc]) -> Result<Ssrc, Error> {
        loop {
            let mut bytes = [0u8; 4];
            self.rng.fill(&mut bytes)?;
            let ssrc = Ssrc::from(u32::from_le_bytes(bytes));
            let taken = also.contains(&ssrc)
                || self.transceivers.iter().any(|t| {
                    t.ssrcs
                        .is_some_and(|s| s.primary == ssrc || s.rtx == Some(ssrc))
                });
            if ssrc.get() != 0 && !taken {
                return Ok(ssrc);
            }
        }
    }

    /// New credentials for an ICE restart: both ufrag and pwd differ from `current`.
    pub(super) fn fresh_ice(&mut self, current: &IceCredentials) -> Result<IceCredentials, Error> {
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
        sections: &'a [MLine],
        bundle: Vec<&'a str>,
        ice: &'a IceCredentials,
        version: u64,
    ) -> SessionDescription<'a> {
        let transport = Transport {
            ice_ufrag: &ice.ufrag,
            ice_pwd: &ice.pwd,
            fingerprints: &self.fingerprints,
            // An offerer always proposes actpass (RFC 8842 §5.2).
            setup: DtlsSetup::ActPass,
        };
        let mut media = Vec::with_capacity(sections.len());
        for section in sections {
            let kind = match section.owner {
                Owner::Data => {
                    media.push(MediaSection::Data(DataSection {
                        port: if section.rejected { 0 } else { 9 },
                        transport,
                        mid: Some(section.mid.as_str()),
                        sctp_port: SCTP_PORT,
                        max_message_size: Some(MAX_MESSAGE_SIZE),
                    }));
                    continue;
                }
                Owner::Unsupported => {
                    if let Some(echo) = &section.echo {
                        media.push(MediaSection::Unsupported(UnsupportedSection {
                            media: &echo.media,
                            proto: &echo.proto,
                            formats: &echo.formats,
                            mid: Some(section.mid.as_str()),
                        }));
                    }
                    continue;
                }
                Owner::Transceiver { kind, .. } => kind,
            };
            let live = match section.owner {
                Owner::Transceiver { id, .. } if !section.rejected => snapshot.transceiver(id),
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
            let send_rids = sender.map_or(&[][..], |(t, _)| t.simulcast_rids());
            let paused_rids = sender.map_or(&[][..], |(t, _)| &t.paused_rids[..]);
            let ssrcs = match sender {
                Some((_, state)) if send_rids.is_empty() => {
                    state.ssrcs.map(|SenderSsrcs { primary, rtx }| Ssrcs {
                        primary,
                        rtx,
                        cname: &self.cname,
                        groups: &section.munged.ssrc_groups,
                        more: &section.munged.ssrcs,
                    })
                }
                _ => None,
            };
            media.push(MediaSection::Rtp(RtpSection {
                kind,
                port: if section.rejected { 0 } else { 9 },
                proto: RTP_PROTO,
                transport,
                mid: Some(section.mid.as_str()),
                extmap_allow_mixed: false,
                extmaps: &section.extmaps,
                direction: section.direction,
                msid,
                rtcp: section.rtcp,
                rtcp_rsize: section.rtcp_rsize,
                rtcp_xr: true,
                codecs: &section.formats,
                ssrcs,
                ssrc_msid: true,
                send_rids,
                first_rid_only: section.simulcast_declined,
                paused_rids,
            }));
        }
        SessionDescription {
            session_id: self.session_id,
            session_version: version,
            bundle: if bundle.is_empty() {
                Vec::new()
            } else {
                vec![bundle]
            },
            extmap_allow_mixed: true,
            msid_semantic: msid_semantic(&media),
            media,
        }
    }
}

/// The stream ids of `a=msid-semantic: WMS`: libwebrtc looks only at the first audio
/// and the first video section and lists their stream ids sorted (a `std::set`).
pub(super) fn msid_semantic<'a>(media: &[MediaSection<'a>]) -> Vec<&'a str> {
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

/// Fills each section's extmaps: ids of the applied offer's live sections first, then
/// every section's capabilities in m-line order (see [`extmap`]); a section an answer
/// negotiated keeps only the extensions that answer accepted (RFC 9429 §5.2.2), and the
/// RID extensions while it signals simulcast: Chromium refuses an offer with rids but
/// without them (its own re-offer after an answer that declined both is such an offer).
fn assign_extension_ids(
    base: Option<&OfferRecord>,
    sections: &mut [MLine],
    answered: &[Option<&AnsweredMLine>],
) {
    let mut ids = ExtensionIds::new();
    for (old, new) in base.iter().flat_map(|a| &a.m_lines).zip(sections.iter()) {
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
                let simulcast = section.simulcast;
                section.extmaps.retain(|e| {
                    answer.extensions.iter().any(|uri| uri == e.uri)
                        || simulcast && RID_EXTENSIONS.contains(&e.uri)
                });
            }
        }
    }
}

/// Chooses each RTP section's payload formats: the direction's defaults, filtered and
/// ordered by codec preferences (RFC 9429 §5.2.1); in a section an answer negotiated,
/// without preferences, the answer's formats first in its order and the rest after,
/// and only the RTCP feedback the answer accepted for the formats it listed (§5.2.2).
/// Once an exchange is complete, the defaults take the payload types it negotiated (see
/// [`follow_negotiated`]): a remote offerer may have numbered the same codecs otherwise.
/// Also drops `a=rtcp` after an answer with rtcp-mux (always: we require it) and
/// `a=rtcp-rsize` after one without it, and pauses the simulcast layers after the first
/// once an answer declined simulcast.
fn choose_formats(
    snapshot: &Snapshot,
    options: &OfferOptions,
    sections: &mut [MLine],
    answered: &[Option<&AnsweredMLine>],
    negotiated: &[NegotiatedCodecs<'_>],
) {
    let mut taken: Vec<PayloadType> = negotiated
        .iter()
        .flat_map(|n| n.codecs.iter().map(|c| c.payload_type))
        .collect();
    // Codecs earlier sections of this offer renumbered: later ones number them alike.
    let mut renumbered_before: Vec<(MediaKind, Codec)> = Vec::new();
    for (index, section) in sections.iter_mut().enumerate() {
        let Owner::Transceiver { id, kind } = section.owner else {
            continue;
        };
        let answer = answer_at(answered, index);
        let defaults = offered_codecs(kind, section.direction, options.voice_activity_detection);
        let renumbered = match negotiated.is_empty() {
            true => None,
            false => {
                // The section's own negotiated codecs first, then those of its kind elsewhere,
                // then those this offer renumbered already.
                let own = |n: &&NegotiatedCodecs<'_>| answer.is_some() && *n.mid == section.mid;
                let same_kind = negotiated.iter().filter(|n| n.kind == kind);
                let codecs: Vec<&Codec> = same_kind
                    .clone()
                    .filter(own)
                    .chain(same_kind.filter(|n| !own(n)))
                    .flat_map(|n| n.codecs.iter().copied())
                    .chain(
                        renumbered_before
                            .iter()
                            .filter(|(k, _)| *k == kind)
                            .map(|(_, c)| c),
                    )
                    .collect();
                follow_negotiated(
                    kind,
                    defaults.codecs(),
                    &codecs,
                    &taken,
                    reserved_payload_types(),
                )
            }
        };
        if let Some(codecs) = &renumbered {
            for codec in codecs {
                if !taken.contains(&codec.payload_type) {
                    taken.push(codec.payload_type);
                    renumbered_before.push((kind, codec.clone()));
                }
            }
        }
        let available = renumbered.as_deref().unwrap_or(defaults.codecs());
        let preferences = match snapshot.transceiver(id) {
            Some(t) if !section.rejected => t.codec_preferences.as_slice(),
            _ => &[],
        };
        let preferred = apply_preferences(kind, available, preferences);
        let munged = &section.munged;
        // A munged order is that of the local description no answer has followed yet (or of
        // our munged answer): Chromium's offers follow it.
        let chosen = match (preferred, answer) {
            (Some(preferred), _) => Some(preferred),
            (None, _) if !munged.order.is_empty() => {
                Some(in_answer_order(available, &munged.order))
            }
            (None, Some(answer)) => Some(in_answer_order(available, &answer.formats)),
            (None, None) if !munged.fmtp.is_empty() => Some(in_answer_order(available, &[])),
            (None, None) => renumbered.as_ref().map(|codecs| codecs.iter().collect()),
        };
        if let Some(answer) = answer {
            section.rtcp = false;
            section.rtcp_rsize = answer.rtcp_rsize;
            section.simulcast_declined = !answer.simulcast;
        }
        section.formats = match chosen {
            Some(chosen) => custom_formats(defaults, chosen, answer, &section.munged.fmtp),
            None => Formats::Default(defaults),
        };
    }
}

/// Every payload type of our default lists: a codec that must move takes a number none of
/// them has, when one is left, so that it clashes with no section's defaults.
fn reserved_payload_types() -> &'static [PayloadType] {
    static RESERVED: std::sync::OnceLock<Vec<PayloadType>> = std::sync::OnceLock::new();
    RESERVED.get_or_init(|| {
        let lists = [
            offered_codecs(MediaKind::Audio, Direction::SendRecv, true),
            offered_codecs(MediaKind::Video, Direction::SendRecv, true),
            offered_codecs(MediaKind::Video, Direction::RecvOnly, true),
        ];
        let mut pts: Vec<PayloadType> = Vec::new();
        for codec in lists.iter().flat_map(|l| l.codecs()) {
            if !pts.contains(&codec.payload_type) {
                pts.push(codec.payload_type);
            }
        }
        pts
    })
}

/// The answer section `index` follows (see [`JsepSession::answered_sections`]).
fn answer_at<'a>(
    answered: &[Option<&'a AnsweredMLine>],
    index: usize,
) -> Option<&'a AnsweredMLine> {
    answered.get(index).copied().flatten()
}

/// `available` with the payload types the answer listed first, in its order.
fn in_answer_order<'c>(available: &'c [Codec], answer_formats: &[PayloadType]) -> Vec<&'c Codec> {
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
/// answer listed limited to what it accepted and the `fmtp` parameters a munged local
/// description set; the pre-rendered default list itself when that changes nothing.
fn custom_formats(
    defaults: &'static CodecList,
    chosen: Vec<&Codec>,
    answer: Option<&AnsweredMLine>,
    fmtp: &[(PayloadType, String)],
) -> Formats {
    let mut codecs = Vec::with_capacity(chosen.len());
    for codec in chosen {
        let mut codec = codec.clone();
        if let Some((_, params)) = fmtp.iter().find(|(pt, _)| *pt == codec.payload_type) {
            codec.fmtp = Some(params.clone());
        }
        if let Some(answer) = answer.filter(|a| a.formats.contains(&codec.payload_type)) {
            codec.rtcp_feedback.retain(|fb| {
                answer.feedback.iter().any(|accepted| {
                    let pt = accepted.payload_type;
                    pt.is_none_or(|pt| pt == codec.payload_type)
                        && accepted
                            .feedback
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
