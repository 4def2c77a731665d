//! The ICE candidate attribute (RFC 8839 §5.1, RFC 6544 §4.5 for `tcptype`) as
//! `addIceCandidate` receives it, and the line libwebrtc writes for it into the remote
//! description. Also where such a line goes in a description's text.

use super::ip::{write_address, Ip};

/// `<cand-type>` (RFC 8839 §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateType {
    /// `host`.
    Host,
    /// `srflx`.
    Srflx,
    /// `prflx`.
    Prflx,
    /// `relay`.
    Relay,
}

impl CandidateType {
    /// The token as written in SDP.
    pub fn as_str(self) -> &'static str {
        match self {
            CandidateType::Host => "host",
            CandidateType::Srflx => "srflx",
            CandidateType::Prflx => "prflx",
            CandidateType::Relay => "relay",
        }
    }
}

/// `<transport>`: the ones libwebrtc takes (case-insensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateTransport {
    /// `udp`.
    Udp,
    /// `tcp` (RFC 6544).
    Tcp,
    /// `ssltcp` (libwebrtc's TLS-over-TCP candidates).
    Ssltcp,
}

/// One parsed `candidate-attribute`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// `<foundation>`: libwebrtc takes any non-empty token (RFC 8839: 1 to 32 ice-chars).
    pub foundation: &'a str,
    /// `<component-id>`: 1 (RTP) or 2 (RTCP); libwebrtc takes any `int`, negative ones too.
    pub component: i32,
    /// `<transport>`.
    pub transport: CandidateTransport,
    /// `<priority>`.
    pub priority: u32,
    /// `<connection-address>`: an IP address or a hostname (mDNS `….local` included), as written
    /// (libwebrtc takes an empty one too).
    pub address: &'a str,
    /// `<port>`.
    pub port: u16,
    /// `typ <cand-type>`.
    pub kind: CandidateType,
    /// `raddr` (as written, empty when only `rport` is given) and `rport` (0 when absent); `None`
    /// when neither names anything, as libwebrtc's nil related address.
    pub related: Option<(&'a str, u16)>,
    /// `tcptype` (`active`, `passive` or `so`): TCP and SSLTCP candidates only (written for TCP).
    pub tcp_type: Option<&'a str>,
    /// The `generation` extension (0 when absent, as libwebrtc assumes).
    pub generation: u32,
    /// The `ufrag` extension, when given.
    pub ufrag: Option<&'a str>,
    /// libwebrtc's `network-id` extension (0 when absent).
    pub network_id: u16,
    /// libwebrtc's `network-cost` extension (0 when absent; at most 999, as libwebrtc caps it).
    pub network_cost: u16,
}

/// An address as libwebrtc compares and writes it back: an IP literal canonical, else as given.
fn canonical_address(address: &str) -> String {
    let mut out = String::new();
    write_address(address, address, &mut out);
    out
}

/// libwebrtc's highest network cost (`rtc::kNetworkCostMax`).
const MAX_NETWORK_COST: u16 = 999;

impl<'a> Candidate<'a> {
    /// Parses `text`: `candidate:<…>`, optionally after `a=` (webrtc-pc lets pages pass the
    /// whole attribute line), as libwebrtc does: `raddr`, `rport` and `tcptype` count only in that
    /// order right after the type (elsewhere they are unknown extensions, which are skipped).
    /// An error says why, in libwebrtc's words.
    pub fn parse(text: &'a str) -> Result<Candidate<'a>, &'static str> {
        let body = text.strip_prefix("a=").unwrap_or(text);
        let body = body
            .strip_prefix("candidate:")
            .ok_or("Expect line: candidate:<candidate-str>")?;
        let fields: Vec<&str> = body.split(' ').collect();
        if fields.len() < 8 || fields[6] != "typ" {
            return Err("Expect at least 8 fields.");
        }
        let foundation = fields[0];
        if foundation.is_empty() {
            return Err("Empty foundation");
        }
        let component = signed(fields[1]).ok_or("Invalid component id")?;
        let transport = match fields[2].to_ascii_lowercase().as_str() {
            "udp" => CandidateTransport::Udp,
            "tcp" => CandidateTransport::Tcp,
            "ssltcp" => CandidateTransport::Ssltcp,
            _ => return Err("Unsupported transport type"),
        };
        let priority = number(fields[3]).ok_or("Invalid priority")?;
        let port = number(fields[5]).ok_or("Invalid port")?;
        let kind = match fields[7] {
            "host" => CandidateType::Host,
            "srflx" => CandidateType::Srflx,
            "prflx" => CandidateType::Prflx,
            "relay" => CandidateType::Relay,
            _ => return Err("Unsupported candidate type"),
        };
        let mut at = 8;
        let mut field = |name: &str| {
            let value = (fields.get(at) == Some(&name))
                .then(|| fields.get(at + 1).copied())
                .flatten();
            if value.is_some() {
                at += 2;
            }
            value
        };
        let raddr = field("raddr");
        let rport = match field("rport") {
            Some(value) => Some(number(value).ok_or("Invalid port")?),
            None => None,
        };
        let tcp_type = field("tcptype");
        if let Some(value) = tcp_type {
            if !matches!(value, "active" | "passive" | "so") {
                return Err("Invalid TCP candidate type");
            }
            if transport == CandidateTransport::Udp {
                return Err("Invalid non-TCP candidate");
            }
        }
        let related = match (raddr.unwrap_or(""), rport.unwrap_or(0)) {
            ("", 0) => None,
            related => Some(related),
        };
        let mut candidate = Candidate {
            foundation,
            component,
            transport,
            priority,
            address: fields[4],
            port,
            kind,
            related,
            tcp_type,
            generation: 0,
            ufrag: None,
            network_id: 0,
            network_cost: 0,
        };
        // Name-value pairs; a last name without a value is ignored.
        for pair in fields[at..].chunks_exact(2) {
            let value = pair[1];
            match pair[0] {
                "generation" => candidate.generation = number(value).ok_or("Invalid generation")?,
                "ufrag" => candidate.ufrag = Some(value),
                "network-id" => candidate.network_id = number(value).ok_or("Invalid network-id")?,
                "network-cost" => {
                    let cost: u16 = number(value).ok_or("Invalid network-cost")?;
                    candidate.network_cost = cost.min(MAX_NETWORK_COST);
                }
                _ => {}
            }
        }
        Ok(candidate)
    }

    /// Whether libwebrtc would take `other` for the same candidate (`Candidate::IsEquivalent`,
    /// priority and network cost aside): it ignores a candidate it already has. A missing `ufrag`
    /// stands for `section_ufrag`, as libwebrtc fills it in.
    pub fn is_equivalent(&self, other: &Candidate<'_>, section_ufrag: Option<&str>) -> bool {
        self.foundation == other.foundation
            && self.component == other.component
            && self.transport == other.transport
            && canonical_address(self.address) == canonical_address(other.address)
            && self.port == other.port
            && self.kind == other.kind
            && self.related.map(|(a, p)| (canonical_address(a), p))
                == other.related.map(|(a, p)| (canonical_address(a), p))
            && self.generation == other.generation
            && self.network_id == other.network_id
            && self.ufrag.or(section_ufrag) == other.ufrag.or(section_ufrag)
    }

    /// The attribute line (without `a=` and line end) as libwebrtc writes it into
    /// `remoteDescription.sdp`: numbers without leading zeros, transport in lower case, IP
    /// addresses canonical (a related address that is no IP literal as nothing: libwebrtc keeps
    /// only its IP), `tcptype` for TCP always, `generation` always, `ufrag` never,
    /// `network-id`/`network-cost` only when non-zero, other extensions dropped.
    pub fn to_sdp(&self) -> String {
        let transport = match self.transport {
            CandidateTransport::Udp => "udp",
            CandidateTransport::Tcp => "tcp",
            CandidateTransport::Ssltcp => "ssltcp",
        };
        let mut out = String::with_capacity(96);
        out.push_str("candidate:");
        out.push_str(self.foundation);
        for number in [
            self.component.to_string(),
            transport.into(),
            self.priority.to_string(),
        ] {
            out.push(' ');
            out.push_str(&number);
        }
        out.push(' ');
        write_address(self.address, self.address, &mut out);
        out.push(' ');
        out.push_str(&self.port.to_string());
        out.push_str(" typ ");
        out.push_str(self.kind.as_str());
        if let Some((address, port)) = self.related {
            out.push_str(" raddr ");
            write_address(address, "", &mut out);
            out.push_str(" rport ");
            out.push_str(&port.to_string());
        }
        // A TCP candidate without tcptype is passive to libwebrtc, which writes so.
        if self.transport == CandidateTransport::Tcp {
            out.push_str(" tcptype ");
            out.push_str(self.tcp_type.unwrap_or("passive"));
        }
        out.push_str(" generation ");
        out.push_str(&self.generation.to_string());
        for (name, value) in [
            (" network-id ", self.network_id),
            (" network-cost ", self.network_cost),
        ] {
            if value > 0 {
                out.push_str(name);
                out.push_str(&value.to_string());
            }
        }
        out
    }
}

/// A decimal number without sign.
fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A decimal `int`, as libwebrtc reads the component id: a minus sign allowed.
fn signed(text: &str) -> Option<i32> {
    match text.strip_prefix('-') {
        Some(digits) => number::<i64>(digits).and_then(|n| i32::try_from(-n).ok()),
        None => number(text),
    }
}

/// An address family as libwebrtc tells them apart; a hostname (FQDN, mDNS) has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    None,
    V4,
    V6,
}

fn family(address: &str) -> Family {
    match Ip::parse(address) {
        Some(Ip::V4(_)) => Family::V4,
        Some(Ip::V6(_)) => Family::V6,
        None => Family::None,
    }
}

/// Where libwebrtc says media (component 1) or RTCP (2) go by default, from a section's candidates
/// (UDP only; IPv4 over IPv6; within a family relay over srflx over host over prflx, the first of
/// equals): `(address type, address, port)`, the dummy `IN IP4 0.0.0.0` port 9 when none (or only
/// a hostname) qualifies. Chromium 156 ranks by type, not priority (probed side by side in
/// tests/browser/icecandidate.test.js).
fn default_destination(
    candidates: &[Candidate<'_>],
    component: i32,
) -> (&'static str, String, u16) {
    let mut best: Option<(&Candidate<'_>, u32, Family)> = None;
    for candidate in candidates {
        if candidate.component != component || candidate.transport != CandidateTransport::Udp {
            continue;
        }
        let rank = match candidate.kind {
            CandidateType::Prflx => 0,
            CandidateType::Host => 1,
            CandidateType::Srflx => 2,
            CandidateType::Relay => 3,
        };
        let kind = family(candidate.address);
        let skip = match best {
            Some((_, best_rank, best_kind)) => {
                (rank <= best_rank && kind == best_kind)
                    || (best_kind == Family::V4 && kind == Family::V6)
            }
            None => rank == 0 && kind == Family::None,
        };
        if !skip {
            best = Some((candidate, rank, kind));
        }
    }
    match best {
        Some((candidate, _, Family::V4)) => ("IP4", candidate.address.to_owned(), candidate.port),
        Some((candidate, _, Family::V6)) => {
            ("IP6", canonical_address(candidate.address), candidate.port)
        }
        // An empty address is no hostname to libwebrtc: its port stays.
        Some((candidate, _, Family::None)) if candidate.address.is_empty() => {
            ("IP4", "0.0.0.0".to_owned(), candidate.port)
        }
        _ => ("IP4", "0.0.0.0".to_owned(), 9),
    }
}

/// `sdp` with m-section `section`'s `c=` line and m= port (the RTP default destination) and its
/// `a=rtcp` line (the RTCP one) following `candidates`, as libwebrtc updates them when a remote candidate is added. Lines the
/// section lacks stay absent; a rejected section's port 0 stays.
pub fn with_default_destinations(
    sdp: &str,
    section: usize,
    candidates: &[Candidate<'_>],
) -> String {
    let Some((lines, start, end)) = section_lines(sdp, section) else {
        return sdp.to_owned();
    };
    let (rtp_type, rtp_address, rtp_port) = default_destination(candidates, 1);
    let (rtcp_type, rtcp_address, rtcp_port) = default_destination(candidates, 2);
    let mut out = String::with_capacity(sdp.len() + 32);
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_end_matches(['\r', '\n']);
        let ending = &line[body.len()..];
        let replaced = if i == start {
            let mut words: Vec<&str> = body.split(' ').collect();
            let port = rtp_port.to_string();
            if words.len() > 1 && words[1] != "0" {
                words[1] = &port;
            }
            Some(words.join(" "))
        } else if i > start && i < end && body.starts_with("c=") {
            Some(format!("c=IN {rtp_type} {rtp_address}"))
        } else if i > start && i < end && body.starts_with("a=rtcp:") {
            Some(format!("a=rtcp:{rtcp_port} IN {rtcp_type} {rtcp_address}"))
        } else {
            None
        };
        match replaced {
            Some(text) => {
                out.push_str(&text);
                out.push_str(ending);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The lines of m-section `section` (0-based) of `sdp`, each with its line end.
fn section_lines(sdp: &str, section: usize) -> Option<(Vec<&str>, usize, usize)> {
    let lines: Vec<&str> = sdp.split_inclusive('\n').collect();
    let mut starts = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.starts_with("m="))
        .map(|(i, _)| i);
    let start = starts.nth(section)?;
    let end = starts.next().unwrap_or(lines.len());
    Some((lines, start, end))
}

/// The values (`candidate:…`) of the `a=candidate` lines of m-section `section` of `sdp`.
pub fn section_candidates(sdp: &str, section: usize) -> Vec<&str> {
    let Some((lines, start, end)) = section_lines(sdp, section) else {
        return Vec::new();
    };
    lines[start + 1..end]
        .iter()
        .filter_map(|line| line.trim_end_matches(['\r', '\n']).strip_prefix("a="))
        .filter(|value| value.starts_with("candidate:"))
        .collect()
}

/// `sdp` with `a=<attribute>` added to its m-section `section` (0-based) where libwebrtc
/// writes candidates: after the section's last `a=candidate`, else after its `a=rtcp`, else
/// before its first other attribute (so after `c=`/`b=`), else at its end. The line ends
/// like the m= line does.
pub fn with_section_attribute(sdp: &str, section: usize, attribute: &str) -> String {
    let Some((lines, start, end)) = section_lines(sdp, section) else {
        return sdp.to_owned();
    };
    let body = &lines[start + 1..end];
    let last = |prefix: &str| body.iter().rposition(|line| line.starts_with(prefix));
    let at = start
        + 1
        + last("a=candidate:")
            .or_else(|| last("a=rtcp:"))
            .map(|i| i + 1)
            .or_else(|| body.iter().position(|line| line.starts_with("a=")))
            .unwrap_or(body.len());
    let ending = if lines[start].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(sdp.len() + attribute.len() + 4);
    for (i, line) in lines.iter().enumerate() {
        if i == at {
            out.push_str("a=");
            out.push_str(attribute);
            out.push_str(ending);
        }
        out.push_str(line);
    }
    if at == lines.len() {
        if !out.ends_with('\n') {
            out.push_str(ending);
        }
        out.push_str("a=");
        out.push_str(attribute);
        out.push_str(ending);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field_and_writes_libwebrtc_s_line() {
        let c = Candidate::parse(
            "a=candidate:3 2 TCP 1686052607 1.2.3.4 4444 typ srflx raddr 192.168.1.5 rport 54321 tcptype passive ufrag abc network-cost 50 foo bar",
        )
        .unwrap();
        assert_eq!(c.foundation, "3");
        assert_eq!(c.component, 2);
        assert_eq!(c.transport, CandidateTransport::Tcp);
        assert_eq!(c.priority, 1686052607);
        assert_eq!((c.address, c.port), ("1.2.3.4", 4444));
        assert_eq!(c.kind, CandidateType::Srflx);
        assert_eq!(c.related, Some(("192.168.1.5", 54321)));
        assert_eq!(c.tcp_type, Some("passive"));
        assert_eq!(c.ufrag, Some("abc"));
        assert_eq!(
            c.to_sdp(),
            "candidate:3 2 tcp 1686052607 1.2.3.4 4444 typ srflx raddr 192.168.1.5 rport 54321 tcptype passive generation 0 network-cost 50"
        );
    }

    #[test]
    fn rejects_what_libwebrtc_rejects() {
        for text in [
            "",
            "garbage",
            "candidate:1 1 udp 1 1.1.1.1 1 typ",
            "candidate:1 1 sctp 1 1.1.1.1 1 typ host",
            "candidate:1 1 udp 1 1.1.1.1 1 typ bogus",
            "candidate:1 1 udp -1 1.1.1.1 1 typ host",
            "candidate:1 1 udp 1 1.1.1.1 70000 typ host",
            "candidate:1 1 udp 1 1.1.1.1 1 type host",
            "candidate:1 1 udp 1 1.1.1.1 1 typ host generation x",
            "candidate:1 1 udp 1 1.1.1.1 1 typ host tcptype active",
            "1 1 udp 1 1.1.1.1 1 typ host",
        ] {
            assert!(Candidate::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn writes_back_what_chromium_156_writes() {
        let line = |text| Candidate::parse(text).unwrap().to_sdp();
        assert_eq!(
            line("candidate:1 1 UDP 2122260223 2001:DB8:0:0::1 54321 typ host"),
            "candidate:1 1 udp 2122260223 2001:db8::1 54321 typ host generation 0"
        );
        assert_eq!(
            line("candidate:3 1 ssltcp 1 1.2.3.4 443 typ host"),
            "candidate:3 1 ssltcp 1 1.2.3.4 443 typ host generation 0"
        );
        assert_eq!(
            line("candidate:4 1 tcp 1 1.2.3.4 9 typ host"),
            "candidate:4 1 tcp 1 1.2.3.4 9 typ host tcptype passive generation 0"
        );
        assert_eq!(
            line("candidate:2 2 udp 41885439 10.0.0.1 3478 typ relay raddr 192.168.1.5 rport 5000 generation 3 network-id 2 network-cost 10"),
            "candidate:2 2 udp 41885439 10.0.0.1 3478 typ relay raddr 192.168.1.5 rport 5000 generation 3 network-id 2 network-cost 10"
        );
        let long = format!(
            "candidate:{} 1 udp 1 Example.COM 9 typ host",
            "a".repeat(40)
        );
        assert_eq!(line(&long), format!("{long} generation 0"));
    }

    #[test]
    fn takes_what_libwebrtc_takes() {
        let c =
            Candidate::parse("candidate:1 0 udp 1 1.1.1.1 1 typ srflx raddr 2.2.2.2 generation")
                .unwrap();
        assert_eq!(c.component, 0);
        assert_eq!(c.related, Some(("2.2.2.2", 0)));
        assert_eq!(
            c.to_sdp(),
            "candidate:1 0 udp 1 1.1.1.1 1 typ srflx raddr 2.2.2.2 rport 0 generation 0"
        );
    }

    /// Each as Chromium 156 wrote it (tests/browser/icecandidate.test.js probes them side by side).
    #[test]
    fn reads_as_libwebrtc_does_the_spellings_of_other_engines() {
        let line = |text| Candidate::parse(text).unwrap().to_sdp();
        for (text, written) in [
            // raddr, rport and tcptype count only in that order right after the type.
            (
                "candidate:7 1 udp 1 1.2.3.4 7 typ srflx rport 5 raddr 5.6.7.8",
                "candidate:7 1 udp 1 1.2.3.4 7 typ srflx raddr  rport 5 generation 0",
            ),
            (
                "candidate:9 1 udp 1 1.2.3.4 9 typ host generation 0 tcptype active",
                "candidate:9 1 udp 1 1.2.3.4 9 typ host generation 0",
            ),
            (
                "candidate:10 1 tcp 1 1.2.3.4 10 typ host generation 0 tcptype active",
                "candidate:10 1 tcp 1 1.2.3.4 10 typ host tcptype passive generation 0",
            ),
            (
                "candidate:11 1 udp 1 1.2.3.4 11 typ srflx generation 0 raddr 5.6.7.8 rport 9",
                "candidate:11 1 udp 1 1.2.3.4 11 typ srflx generation 0",
            ),
            (
                "candidate:8 1 udp 1 1.2.3.4 8 typ srflx rport 0",
                "candidate:8 1 udp 1 1.2.3.4 8 typ srflx generation 0",
            ),
            // A related address that is no IP literal is written as nothing.
            (
                "candidate:35 1 udp 1 1.2.3.4 35 typ relay raddr foo.local rport 3",
                "candidate:35 1 udp 1 1.2.3.4 35 typ relay raddr  rport 3 generation 0",
            ),
            (
                "candidate:12 1 udp 1 1.2.3.4 12 typ host network-cost 5000",
                "candidate:12 1 udp 1 1.2.3.4 12 typ host generation 0 network-cost 999",
            ),
            (
                "candidate:17 1 ssltcp 1 1.2.3.4 17 typ host tcptype active",
                "candidate:17 1 ssltcp 1 1.2.3.4 17 typ host generation 0",
            ),
            (
                "candidate:23 -1 udp 01 1.2.3.4 023 typ host generation 07",
                "candidate:23 -1 udp 1 1.2.3.4 23 typ host generation 7",
            ),
            (
                "candidate:0 1 UDP 2122252543 ::FFFF:C000:0201 49203 typ srflx raddr ::1.2.3.4 rport 1",
                "candidate:0 1 udp 2122252543 ::ffff:192.0.2.1 49203 typ srflx raddr ::1.2.3.4 rport 1 generation 0",
            ),
            (
                "candidate:1 1 udp 1  34 typ host",
                "candidate:1 1 udp 1  34 typ host generation 0",
            ),
        ] {
            assert_eq!(line(text), written, "{text}");
        }
        for (text, why) in [
            (
                "candidate:13 1 udp 1 1.2.3.4 13 typ host network-id 70000",
                "Invalid network-id",
            ),
            (
                "candidate:15 1 udp 1 1.2.3.4 15 typ host tcptype active",
                "Invalid non-TCP candidate",
            ),
            (
                "candidate:34 1 udp 1 1.2.3.4 34 typ relay raddr 5.6.7.8 rport 3 tcptype bogus",
                "Invalid TCP candidate type",
            ),
            (
                "candidate:19 1 udp 1 1.2.3.4 19 typ host generation 4294967296",
                "Invalid generation",
            ),
            (
                "candidate:31 4294967296 udp 1 1.2.3.4 31 typ host",
                "Invalid component id",
            ),
            (
                "candidate:24 1 udp +1 1.2.3.4 24 typ host",
                "Invalid priority",
            ),
            (
                "candidate:27 1 udp 1 1.2.3.4 27 TYP host",
                "Expect at least 8 fields.",
            ),
        ] {
            assert_eq!(Candidate::parse(text), Err(why), "{text}");
        }
    }

    #[test]
    fn default_destinations_rank_by_type_not_priority() {
        let sdp = "v=0\r\nm=audio 9 X 0\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n";
        let candidates: Vec<Candidate<'_>> = [
            "candidate:0 1 udp 2122252543 192.168.1.2 49203 typ host",
            "candidate:3 1 udp 92217087 203.0.113.5 55000 typ relay",
            "candidate:1 1 udp 1686052863 198.51.100.1 49204 typ srflx",
            "candidate:4 1 udp 2122187007 2001:db8::2 49205 typ relay",
            "candidate:5 2 udp 1 198.51.100.1 49206 typ srflx",
        ]
        .into_iter()
        .map(|text| Candidate::parse(text).unwrap())
        .collect();
        assert_eq!(
            with_default_destinations(sdp, 0, &candidates),
            "v=0\r\nm=audio 55000 X 0\r\nc=IN IP4 203.0.113.5\r\na=rtcp:49206 IN IP4 198.51.100.1\r\n"
        );
    }

    #[test]
    fn lines_go_where_libwebrtc_writes_them() {
        let sdp = "v=0\r\nm=audio 9 X 0\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:u\r\nm=video 9 X 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n";
        let one = with_section_attribute(sdp, 0, "candidate:a");
        let two = with_section_attribute(&one, 0, "candidate:b");
        let three = with_section_attribute(&two, 1, "candidate:c");
        assert_eq!(
            three,
            "v=0\r\nm=audio 9 X 0\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=candidate:a\r\na=candidate:b\r\na=ice-ufrag:u\r\nm=video 9 X 96\r\nc=IN IP4 0.0.0.0\r\na=candidate:c\r\na=mid:1\r\n"
        );
        assert_eq!(
            with_section_attribute("v=0\nm=audio 9 X 0\n", 0, "end-of-candidates"),
            "v=0\nm=audio 9 X 0\na=end-of-candidates\n"
        );
    }
}
