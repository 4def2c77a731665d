//! The ICE candidate attribute (RFC 8839 §5.1, RFC 6544 §4.5 for `tcptype`) as
//! `addIceCandidate` receives it, and the line libwebrtc writes for it into the remote
//! description. Also where such a line goes in a description's text.

use crate::error::{quoted, Error, ErrorKind};

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
    /// `<foundation>`: 1 to 32 ice-chars.
    pub foundation: &'a str,
    /// `<component-id>`: 1 (RTP) or 2 (RTCP); libwebrtc takes any number.
    pub component: u32,
    /// `<transport>`.
    pub transport: CandidateTransport,
    /// `<priority>`.
    pub priority: u32,
    /// `<connection-address>`: an IP address or an FQDN (mDNS `….local` included), as written.
    pub address: &'a str,
    /// `<port>`.
    pub port: u16,
    /// `typ <cand-type>`.
    pub kind: CandidateType,
    /// `raddr` and `rport`, when both are given.
    pub related: Option<(&'a str, u16)>,
    /// `tcptype` (`active`, `passive` or `so`), TCP candidates only.
    pub tcp_type: Option<&'a str>,
    /// The `generation` extension (0 when absent, as libwebrtc assumes).
    pub generation: u32,
    /// The `ufrag` extension, when given.
    pub ufrag: Option<&'a str>,
    /// libwebrtc's `network-id` extension (0 when absent).
    pub network_id: u32,
    /// libwebrtc's `network-cost` extension (0 when absent).
    pub network_cost: u32,
}

fn invalid(candidate: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::Operation,
        format!(
            "Error processing ICE candidate {}: {why}",
            quoted(candidate)
        ),
    )
}

/// An address as libwebrtc writes it back: IPv6 in its canonical text (RFC 5952: lower case, the
/// longest run of zeros as `::`), anything else (IPv4, an FQDN or mDNS name) as given.
fn canonical_address(address: &str) -> String {
    match address.parse::<std::net::Ipv6Addr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => address.to_owned(),
    }
}

impl<'a> Candidate<'a> {
    /// Parses `text`: `candidate:<…>`, optionally after `a=` (webrtc-pc lets pages pass the
    /// whole attribute line). Unknown extension attributes are skipped, as libwebrtc does.
    pub fn parse(text: &'a str) -> Result<Candidate<'a>, Error> {
        let bad = |why: &str| invalid(text, why);
        let body = text.strip_prefix("a=").unwrap_or(text);
        let body = body
            .strip_prefix("candidate:")
            .ok_or_else(|| bad("expected \"candidate:\""))?;
        let fields: Vec<&str> = body.split(' ').collect();
        if fields.len() < 8 || fields[6] != "typ" {
            return Err(bad("expected <foundation> <component> <transport> <priority> <address> <port> typ <type>"));
        }
        let foundation = fields[0];
        // libwebrtc checks no length or characters (RFC 8839 would: 1 to 32 ice-chars).
        if foundation.is_empty() {
            return Err(bad("empty foundation"));
        }
        let component = number(fields[1]).ok_or_else(|| bad("bad component id"))?;
        let transport = match fields[2].to_ascii_lowercase().as_str() {
            "udp" => CandidateTransport::Udp,
            "tcp" => CandidateTransport::Tcp,
            "ssltcp" => CandidateTransport::Ssltcp,
            _ => return Err(bad("unsupported transport")),
        };
        let priority = number(fields[3]).ok_or_else(|| bad("bad priority"))?;
        let address = fields[4];
        if address.is_empty() {
            return Err(bad("empty address"));
        }
        let port = number(fields[5]).ok_or_else(|| bad("bad port"))?;
        let kind = match fields[7] {
            "host" => CandidateType::Host,
            "srflx" => CandidateType::Srflx,
            "prflx" => CandidateType::Prflx,
            "relay" => CandidateType::Relay,
            _ => return Err(bad("unknown candidate type")),
        };
        let mut candidate = Candidate {
            foundation,
            component,
            transport,
            priority,
            address,
            port,
            kind,
            related: None,
            tcp_type: None,
            generation: 0,
            ufrag: None,
            network_id: 0,
            network_cost: 0,
        };
        // Name-value pairs; libwebrtc ignores a last name without a value.
        let rest = &fields[8..fields.len() - (fields.len() - 8) % 2];
        let mut raddr = None;
        let mut rport = None;
        for pair in rest.chunks(2) {
            let (name, value) = (pair[0], pair[1]);
            match name {
                "raddr" => raddr = Some(value),
                "rport" => rport = Some(number(value).ok_or_else(|| bad("bad rport"))?),
                "tcptype" => {
                    if !matches!(value, "active" | "passive" | "so") {
                        return Err(bad("bad tcptype"));
                    }
                    candidate.tcp_type = Some(value);
                }
                "generation" => {
                    candidate.generation = number(value).ok_or_else(|| bad("bad generation"))?
                }
                "ufrag" => candidate.ufrag = Some(value),
                "network-id" => {
                    candidate.network_id = number(value).ok_or_else(|| bad("bad network-id"))?
                }
                "network-cost" => {
                    candidate.network_cost = number(value).ok_or_else(|| bad("bad network-cost"))?
                }
                _ => {}
            }
        }
        // libwebrtc takes a related address without a port as port 0, and a port alone as nothing.
        candidate.related = raddr.map(|address| (address, rport.unwrap_or(0)));
        if candidate.tcp_type.is_some() && transport == CandidateTransport::Udp {
            return Err(bad("tcptype on a UDP candidate"));
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
    /// `remoteDescription.sdp`: transport in lower case, IPv6 addresses canonical, `tcptype` for
    /// TCP always, `generation` always, `ufrag` never,
    /// `network-id`/`network-cost` only when non-zero, other extensions dropped.
    pub fn to_sdp(&self) -> String {
        let transport = match self.transport {
            CandidateTransport::Udp => "udp",
            CandidateTransport::Tcp => "tcp",
            CandidateTransport::Ssltcp => "ssltcp",
        };
        let mut out = format!(
            "candidate:{} {} {transport} {} {} {} typ {}",
            self.foundation,
            self.component,
            self.priority,
            canonical_address(self.address),
            self.port,
            self.kind.as_str()
        );
        if let Some((address, port)) = self.related {
            out.push_str(&format!(
                " raddr {} rport {port}",
                canonical_address(address)
            ));
        }
        // A TCP candidate without tcptype is passive to libwebrtc, which writes so.
        if self.transport == CandidateTransport::Tcp {
            out.push_str(" tcptype ");
            out.push_str(self.tcp_type.unwrap_or("passive"));
        }
        out.push_str(&format!(" generation {}", self.generation));
        if self.network_id > 0 {
            out.push_str(&format!(" network-id {}", self.network_id));
        }
        if self.network_cost > 0 {
            out.push_str(&format!(" network-cost {}", self.network_cost));
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

/// An address family as libwebrtc tells them apart; a hostname (FQDN, mDNS) has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    None,
    V4,
    V6,
}

fn family(address: &str) -> Family {
    if address.parse::<std::net::Ipv4Addr>().is_ok() {
        Family::V4
    } else if address.parse::<std::net::Ipv6Addr>().is_ok() {
        Family::V6
    } else {
        Family::None
    }
}

/// Where libwebrtc says media and RTCP go by default, from a section's candidates (UDP only,
/// IPv4 over IPv6): `(address type, address, port)`, the dummy `IN IP4 0.0.0.0` port 9 when none
/// (or only a hostname) qualifies. `preference` ranks candidates within one family.
fn default_destination(
    candidates: &[Candidate<'_>],
    component: u32,
    preference: impl Fn(&Candidate<'_>) -> u32,
) -> (&'static str, String, u16) {
    let mut best: Option<(&Candidate<'_>, u32, Family)> = None;
    for candidate in candidates {
        if candidate.component != component || candidate.transport != CandidateTransport::Udp {
            continue;
        }
        let (rank, kind) = (preference(candidate), family(candidate.address));
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
        _ => ("IP4", "0.0.0.0".to_owned(), 9),
    }
}

/// `sdp` with m-section `section`'s `c=` line and m= port (the RTP default destination: the
/// highest `priority >> 24`) and its `a=rtcp` line (the RTCP one: relay over srflx over host)
/// following `candidates`, as libwebrtc updates them when a remote candidate is added. Lines the
/// section lacks stay absent; a rejected section's port 0 stays.
pub fn with_default_destinations(
    sdp: &str,
    section: usize,
    candidates: &[Candidate<'_>],
) -> String {
    let Some((lines, start, end)) = section_lines(sdp, section) else {
        return sdp.to_owned();
    };
    let (rtp_type, rtp_address, rtp_port) =
        default_destination(candidates, 1, |c| c.priority >> 24);
    let (rtcp_type, rtcp_address, rtcp_port) =
        default_destination(candidates, 2, |c| match c.kind {
            CandidateType::Host => 1,
            CandidateType::Srflx => 2,
            CandidateType::Relay => 3,
            CandidateType::Prflx => 0,
        });
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
            let error = Candidate::parse(text).unwrap_err();
            assert_eq!(error.kind, ErrorKind::Operation, "{text}");
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
