//! Serialization of the model: CRLF after every line, libwebrtc's attribute order.
//!
//! Lines are assembled with `put!` rather than `write!`: an offer is ~150 short
//! pieces, and going through `core::fmt`'s dynamic machinery for each of them costs
//! more than the rest of offer generation together.

use core::fmt::{self, Write};
use core::ops::Range;

use super::{
    DataSection, MediaSection, RtpSection, SessionDescription, Transport, UnsupportedSection,
};

/// Something that writes itself into SDP text.
trait Piece {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result;
}

impl Piece for str {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result {
        out.write_str(self)
    }
}

impl Piece for String {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result {
        out.write_str(self)
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result {
        (**self).put(out)
    }
}

impl Piece for u64 {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut n = *self;
        loop {
            start -= 1;
            // n % 10 < 10, so the cast cannot truncate.
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        // ASCII digits are always valid UTF-8.
        out.write_str(core::str::from_utf8(&digits[start..]).unwrap_or_default())
    }
}

impl Piece for u32 {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result {
        u64::from(*self).put(out)
    }
}

impl Piece for super::Ssrc {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result {
        self.get().put(out)
    }
}

impl Piece for super::PayloadType {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result {
        u32::from(self.get()).put(out)
    }
}

impl Piece for u16 {
    fn put<W: Write>(&self, out: &mut W) -> fmt::Result {
        u64::from(*self).put(out)
    }
}

/// Writes each piece in turn, returning early on error.
macro_rules! put {
    ($out:expr, $($piece:expr),+ $(,)?) => {{
        $( Piece::put(&$piece, $out)?; )+
    }};
}

/// The `<fmt>` list and the rtpmap / rtcp-fb / fmtp lines of `codecs` (see
/// [`CodecList`](super::CodecList)), put piece by piece: with `write!` the formatting machinery
/// was an eighth of writing an answer (profiled in Node).
pub(super) fn codec_text(codecs: &[super::Codec]) -> Result<(String, String), fmt::Error> {
    let (mut payload_types, mut lines) = (String::new(), String::new());
    for codec in codecs {
        let pt = codec.payload_type;
        if !payload_types.is_empty() {
            payload_types.push(' ');
        }
        pt.put(&mut payload_types)?;
        put!(
            &mut lines,
            "a=rtpmap:",
            pt,
            " ",
            codec.encoding_name,
            "/",
            codec.clock_rate
        );
        if let Some(channels) = codec.channels {
            put!(&mut lines, "/", u32::from(channels));
        }
        lines.push_str("\r\n");
        for feedback in &codec.rtcp_feedback {
            put!(&mut lines, "a=rtcp-fb:", pt, " ", feedback, "\r\n");
        }
        if let Some(fmtp) = &codec.fmtp {
            put!(&mut lines, "a=fmtp:", pt, " ", fmtp, "\r\n");
        }
    }
    Ok((payload_types, lines))
}

/// Where the o= line's `<sess-version>` is in `sdp` (as [`SessionDescription::write_to`]
/// writes it: "v=0\r\no=- <sess-id> <sess-version> IN IP4 ..."); `None` without one.
pub(crate) fn session_version_range(sdp: &str) -> Option<Range<usize>> {
    let id_at = sdp.find("\r\no=- ")? + 6;
    let start = id_at + sdp[id_at..].find(' ')? + 1;
    Some(start..start + sdp[start..].find(' ')?)
}

/// `sdp` with `version` as its o= line's `<sess-version>`; `None` without one.
pub(crate) fn with_session_version(sdp: &str, version: u64) -> Option<String> {
    let at = session_version_range(sdp)?;
    let mut out = String::with_capacity(sdp.len() + 1);
    out.push_str(&sdp[..at.start]);
    version.put(&mut out).ok()?;
    out.push_str(&sdp[at.end..]);
    Some(out)
}

impl SessionDescription<'_> {
    /// Writes the description to `out`.
    pub fn write_to<W: Write>(&self, out: &mut W) -> fmt::Result {
        put!(
            out,
            "v=0\r\no=- ",
            self.session_id,
            " ",
            self.session_version,
            " IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
        );
        for group in &self.bundle {
            put!(out, "a=group:BUNDLE");
            for mid in group {
                put!(out, " ", mid);
            }
            put!(out, "\r\n");
        }
        if self.extmap_allow_mixed {
            put!(out, "a=extmap-allow-mixed\r\n");
        }
        put!(out, "a=msid-semantic: WMS");
        for id in &self.msid_semantic {
            put!(out, " ", id);
        }
        put!(out, "\r\n");
        for section in &self.media {
            match section {
                MediaSection::Rtp(rtp) => rtp.write_to(out)?,
                MediaSection::Data(data) => data.write_to(out)?,
                MediaSection::Unsupported(section) => section.write_to(out)?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for SessionDescription<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl Transport<'_> {
    fn write_to<W: Write>(&self, out: &mut W) -> fmt::Result {
        put!(
            out,
            "a=ice-ufrag:",
            self.ice_ufrag,
            "\r\na=ice-pwd:",
            self.ice_pwd,
            "\r\na=ice-options:trickle\r\n"
        );
        for fp in self.fingerprints {
            put!(
                out,
                "a=fingerprint:",
                fp.hash_function,
                " ",
                fp.value,
                "\r\n"
            );
        }
        put!(out, "a=setup:", self.setup.as_str(), "\r\n");
        Ok(())
    }
}

impl RtpSection<'_> {
    fn write_to<W: Write>(&self, out: &mut W) -> fmt::Result {
        put!(
            out,
            "m=",
            self.kind.as_str(),
            " ",
            self.port,
            " ",
            self.proto,
            " ",
            // libwebrtc: "The fmt must never be empty. If no codecs are found, set the fmt
            // attribute to 0" (an answer's section with no codec in common).
            match self.codecs.payload_types() {
                "" => "0",
                pts => pts,
            },
            "\r\nc=IN IP4 0.0.0.0\r\n"
        );
        if self.rtcp {
            put!(out, "a=rtcp:9 IN IP4 0.0.0.0\r\n");
        }
        self.transport.write_to(out)?;
        if let Some(mid) = self.mid {
            put!(out, "a=mid:", mid, "\r\n");
        }
        if self.extmap_allow_mixed {
            put!(out, "a=extmap-allow-mixed\r\n");
        }
        for extmap in self.extmaps {
            put!(out, "a=extmap:", extmap.id, " ", extmap.uri, "\r\n");
        }
        put!(out, "a=", self.direction.as_str(), "\r\n");
        if let Some(msid) = &self.msid {
            if msid.stream_ids.is_empty() {
                put!(out, "a=msid:- ", msid.track_id, "\r\n");
            }
            for stream_id in msid.stream_ids {
                put!(out, "a=msid:", stream_id, " ", msid.track_id, "\r\n");
            }
        }
        put!(out, "a=rtcp-mux\r\n");
        if self.rtcp_rsize {
            put!(out, "a=rtcp-rsize\r\n");
        }
        if self.rtcp_xr {
            put!(out, "a=rtcp-xr:rcvr-rtt=all\r\n");
        }
        put!(out, self.codecs.lines());
        if let Some(ssrcs) = &self.ssrcs {
            if let Some(rtx) = ssrcs.rtx {
                put!(out, "a=ssrc-group:FID ", ssrcs.primary, " ", rtx, "\r\n");
            }
            for group in ssrcs.groups {
                put!(out, "a=ssrc-group:", group, "\r\n");
            }
            let more = ssrcs.more.iter().copied();
            for ssrc in core::iter::once(ssrcs.primary).chain(ssrcs.rtx).chain(more) {
                put!(out, "a=ssrc:", ssrc, " cname:", ssrcs.cname, "\r\n");
                if let Some(msid) = self.msid.filter(|_| self.ssrc_msid) {
                    // libwebrtc's legacy ssrc-level msid names only the first stream.
                    let stream = msid.stream_ids.first().map_or("-", String::as_str);
                    put!(
                        out,
                        "a=ssrc:",
                        ssrc,
                        " msid:",
                        stream,
                        " ",
                        msid.track_id,
                        "\r\n"
                    );
                }
            }
        }
        for rid in self.send_rids {
            put!(out, "a=rid:", rid, " send\r\n");
        }
        if !self.send_rids.is_empty() {
            put!(out, "a=simulcast:send ");
            for (i, rid) in self.send_rids.iter().enumerate() {
                put!(out, if i == 0 { "" } else { ";" });
                if (i > 0 && self.first_rid_only) || self.paused_rids.contains(rid) {
                    put!(out, "~");
                }
                put!(out, rid);
            }
            put!(out, "\r\n");
        }
        Ok(())
    }
}

impl DataSection<'_> {
    fn write_to<W: Write>(&self, out: &mut W) -> fmt::Result {
        put!(
            out,
            "m=application ",
            self.port,
            " UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
        );
        self.transport.write_to(out)?;
        if let Some(mid) = self.mid {
            put!(out, "a=mid:", mid, "\r\n");
        }
        put!(out, "a=sctp-port:", self.sctp_port, "\r\n");
        if let Some(size) = self.max_message_size {
            put!(out, "a=max-message-size:", size, "\r\n");
        }
        Ok(())
    }
}

impl UnsupportedSection<'_> {
    fn write_to<W: Write>(&self, out: &mut W) -> fmt::Result {
        put!(
            out,
            "m=",
            self.media,
            " 0 ",
            self.proto,
            " ",
            self.formats,
            "\r\nc=IN IP4 0.0.0.0\r\n"
        );
        if let Some(mid) = self.mid {
            put!(out, "a=mid:", mid, "\r\n");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::Piece;

    fn codecs() -> CodecList {
        CodecList::new(vec![
            Codec {
                payload_type: PayloadType::new(111).unwrap(),
                encoding_name: "opus".into(),
                clock_rate: 48000,
                channels: Some(2),
                rtcp_feedback: vec!["transport-cc".into()],
                fmtp: Some("minptime=10;useinbandfec=1".into()),
            },
            Codec {
                payload_type: PayloadType::new(0).unwrap(),
                encoding_name: "PCMU".into(),
                clock_rate: 8000,
                channels: None,
                rtcp_feedback: vec![],
                fmtp: None,
            },
        ])
    }

    #[test]
    fn writes_sections_in_libwebrtc_order() {
        let codecs = codecs();
        let fingerprints = [FingerprintAttribute {
            hash_function: "sha-256".into(),
            value: "AB:CD".into(),
        }];
        let transport = Transport {
            ice_ufrag: "uf",
            ice_pwd: "pw",
            fingerprints: &fingerprints,
            setup: DtlsSetup::ActPass,
        };
        let streams = ["s1".to_string(), "s2".to_string()];
        let rids = ["a".to_string(), "b".to_string()];
        let desc = SessionDescription {
            session_id: 42,
            session_version: 7,
            bundle: vec![vec!["0", "1"]],
            extmap_allow_mixed: true,
            msid_semantic: vec!["s1", "s2"],
            media: vec![
                MediaSection::Rtp(RtpSection {
                    kind: MediaKind::Audio,
                    port: 9,
                    proto: "UDP/TLS/RTP/SAVPF",
                    transport,
                    mid: Some("0"),
                    extmap_allow_mixed: false,
                    extmaps: &[Extmap {
                        id: 1,
                        uri: "urn:x",
                    }],
                    direction: Direction::SendOnly,
                    msid: Some(Msid {
                        stream_ids: &streams,
                        track_id: "t",
                    }),
                    rtcp: true,
                    rtcp_rsize: true,
                    rtcp_xr: true,
                    codecs: &codecs,
                    ssrcs: Some(Ssrcs {
                        primary: Ssrc::from(5),
                        rtx: Some(Ssrc::from(6)),
                        cname: "c",
                        groups: &[],
                        more: &[],
                    }),
                    ssrc_msid: true,
                    send_rids: &rids,
                    first_rid_only: false,
                    paused_rids: &[],
                }),
                MediaSection::Data(DataSection {
                    port: 9,
                    transport,
                    mid: Some("1"),
                    sctp_port: 5000,
                    max_message_size: Some(262144),
                }),
            ],
        };
        let expected = "v=0\r\no=- 42 7 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
            a=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS s1 s2\r\n\
            m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n\
            a=ice-ufrag:uf\r\na=ice-pwd:pw\r\na=ice-options:trickle\r\n\
            a=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\na=mid:0\r\n\
            a=extmap:1 urn:x\r\na=sendonly\r\na=msid:s1 t\r\na=msid:s2 t\r\n\
            a=rtcp-mux\r\na=rtcp-rsize\r\na=rtcp-xr:rcvr-rtt=all\r\n\
            a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n\
            a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\n\
            a=ssrc-group:FID 5 6\r\na=ssrc:5 cname:c\r\na=ssrc:5 msid:s1 t\r\n\
            a=ssrc:6 cname:c\r\na=ssrc:6 msid:s1 t\r\n\
            a=rid:a send\r\na=rid:b send\r\na=simulcast:send a;b\r\n\
            m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n\
            a=ice-ufrag:uf\r\na=ice-pwd:pw\r\na=ice-options:trickle\r\n\
            a=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\na=mid:1\r\n\
            a=sctp-port:5000\r\na=max-message-size:262144\r\n";
        assert_eq!(desc.to_string(), expected);
    }

    #[test]
    fn numbers_are_written_in_full() {
        fn text(n: impl Piece) -> String {
            let mut out = String::new();
            n.put(&mut out).unwrap();
            out
        }
        assert_eq!(text(0u64), "0");
        assert_eq!(text(u64::MAX), "18446744073709551615");
        assert_eq!(text(u32::MAX), "4294967295");
        assert_eq!(text(10u16), "10");
        assert_eq!(text(Ssrc::from(u32::MAX)), "4294967295");
        assert_eq!(text(PayloadType::new(127).unwrap()), "127");
    }

    #[test]
    fn empty_session_has_no_bundle_and_no_trailing_space() {
        let desc = SessionDescription {
            session_id: 1,
            session_version: 2,
            bundle: vec![],
            extmap_allow_mixed: true,
            msid_semantic: vec![],
            media: vec![],
        };
        assert_eq!(
            desc.to_string(),
            "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
             a=extmap-allow-mixed\r\na=msid-semantic: WMS\r\n"
        );
    }
}
