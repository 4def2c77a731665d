//! IP address literals as libwebrtc reads and writes them in candidate lines: glibc's
//! `inet_pton` (IPv4 strictly as four decimal bytes without leading zeros; IPv6 with up to four hex
//! digits a group, one `::`, an IPv4 tail; no zone) and `inet_ntop` (lower case, the first longest
//! run of two or more zero groups as `::`, `::a.b.c.d` and `::ffff:a.b.c.d` dotted). Anything else
//! is a hostname to libwebrtc. Hand-written rather than `std::net`: smaller wasm, and `std::net`
//! writes `::a.b.c.d` in hex.

/// An IP address literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ip {
    /// Four bytes.
    V4([u8; 4]),
    /// Eight 16-bit groups (an IPv4-mapped address stays IPv6, as in libwebrtc).
    V6([u16; 8]),
}

impl Ip {
    /// Reads `text` as `inet_pton` would (IPv4 first), or `None` for a hostname.
    pub fn parse(text: &str) -> Option<Ip> {
        v4(text).map(Ip::V4).or_else(|| v6(text).map(Ip::V6))
    }

    /// Appends the address as `inet_ntop` writes it.
    pub fn write(&self, out: &mut String) {
        match *self {
            Ip::V4(bytes) => write_v4(bytes, out),
            Ip::V6(groups) => write_v6(groups, out),
        }
    }
}

/// `text` as libwebrtc writes a candidate's address back: an IP literal in its canonical form,
/// else `hostname` (the text itself for the address, empty for the related address).
pub fn write_address(text: &str, hostname: &str, out: &mut String) {
    match Ip::parse(text) {
        Some(ip) => ip.write(out),
        None => out.push_str(hostname),
    }
}

fn v4(text: &str) -> Option<[u8; 4]> {
    let mut bytes = [0u8; 4];
    let mut parts = text.split('.');
    for byte in &mut bytes {
        let part = parts.next()?.as_bytes();
        if part.is_empty() || part.len() > 3 || (part.len() > 1 && part[0] == b'0') {
            return None;
        }
        let mut value = 0u16;
        for &digit in part {
            if !digit.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u16::from(digit - b'0');
        }
        *byte = u8::try_from(value).ok()?;
    }
    parts.next().is_none().then_some(bytes)
}

/// The groups of `part` (`:`-separated, none when empty) into `out` from `at`; the last one may
/// be an IPv4 address (two groups) when `last` says `part` ends the address. Returns the new end.
fn groups(part: &str, last: bool, out: &mut [u16; 8], mut at: usize) -> Option<usize> {
    if part.is_empty() {
        return Some(at);
    }
    let mut fields = part.split(':').peekable();
    while let Some(field) = fields.next() {
        if last && fields.peek().is_none() && field.contains('.') {
            let [a, b, c, d] = v4(field)?;
            *out.get_mut(at)? = u16::from_be_bytes([a, b]);
            *out.get_mut(at + 1)? = u16::from_be_bytes([c, d]);
            return Some(at + 2);
        }
        if field.is_empty() || field.len() > 4 {
            return None;
        }
        let mut value = 0u16;
        for digit in field.chars() {
            value = value << 4 | digit.to_digit(16)? as u16;
        }
        *out.get_mut(at)? = value;
        at += 1;
    }
    Some(at)
}

fn v6(text: &str) -> Option<[u16; 8]> {
    let mut head = [0u16; 8];
    match text.split_once("::") {
        None => (groups(text, true, &mut head, 0)? == 8).then_some(head),
        Some((before, after)) => {
            let mut tail = [0u16; 8];
            let head_len = groups(before, false, &mut head, 0)?;
            let tail_len = groups(after, true, &mut tail, 0)?;
            // `::` stands for at least one zero group.
            if head_len + tail_len > 7 {
                return None;
            }
            head[8 - tail_len..].copy_from_slice(&tail[..tail_len]);
            Some(head)
        }
    }
}

fn write_decimal(value: u8, out: &mut String) {
    if value >= 100 {
        out.push(char::from(b'0' + value / 100));
    }
    if value >= 10 {
        out.push(char::from(b'0' + value / 10 % 10));
    }
    out.push(char::from(b'0' + value % 10));
}

fn write_v4(bytes: [u8; 4], out: &mut String) {
    for (i, byte) in bytes.into_iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        write_decimal(byte, out);
    }
}

fn write_v6(groups: [u16; 8], out: &mut String) {
    // The first longest run of zero groups, if two or more long.
    let (mut best, mut best_len, mut run) = (0, 0, 0);
    for (i, &group) in groups.iter().enumerate() {
        run = if group == 0 { run + 1 } else { 0 };
        if run > best_len {
            (best, best_len) = (i + 1 - run, run);
        }
    }
    if best_len < 2 {
        best_len = 0;
    }
    let mut i = 0;
    while i < 8 {
        if best_len > 0 && i == best {
            out.push(':');
            i += best_len;
            if i == 8 {
                out.push(':');
            }
            continue;
        }
        if i > 0 {
            out.push(':');
        }
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && groups[5] == 0xffff)) {
            let [a, b] = groups[6].to_be_bytes();
            let [c, d] = groups[7].to_be_bytes();
            write_v4([a, b, c, d], out);
            return;
        }
        let group = groups[i];
        let mut shift = 12;
        while shift > 0 && group >> shift == 0 {
            shift -= 4;
        }
        loop {
            out.push(char::from_digit(u32::from(group >> shift & 0xf), 16).unwrap_or('0'));
            if shift == 0 {
                break;
            }
            shift -= 4;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> Option<String> {
        Ip::parse(text).map(|ip| {
            let mut out = String::new();
            ip.write(&mut out);
            out
        })
    }

    /// Each value as Chromium 156 wrote it into `remoteDescription.sdp` (probed side by side in
    /// tests/browser/icecandidate.test.js).
    #[test]
    fn reads_and_writes_as_chromium_156() {
        for (text, written) in [
            ("192.0.2.1", "192.0.2.1"),
            ("0.0.0.0", "0.0.0.0"),
            ("255.255.255.255", "255.255.255.255"),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("::FFFF:C000:0201", "::ffff:192.0.2.1"),
            ("0:0:0:0:0:ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("::ffff:0:1.2.3.4", "::ffff:0:102:304"),
            ("::1.2.3.4", "::1.2.3.4"),
            ("::0.1.0.0", "::0.1.0.0"),
            ("::0.0.0.1", "::1"),
            ("64:ff9b::1.2.3.4", "64:ff9b::102:304"),
            ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
            ("FE80::ABCD", "fe80::abcd"),
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
            ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
            ("1:0:0:2:0:0:3:4", "1::2:0:0:3:4"),
            ("::", "::"),
            ("::1", "::1"),
            ("1::", "1::"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
            ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
            ("0001::1", "1::1"),
        ] {
            assert_eq!(canonical(text).as_deref(), Some(written), "{text}");
        }
    }

    #[test]
    fn hostnames_to_libwebrtc() {
        for text in [
            "999.1.1.1",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "01.02.03.04",
            "1.02.3.4",
            "0x7f.0.0.1",
            "1.2.3.4%eth0",
            "1.2.3.4:5",
            "fe80::1%eth0",
            "fe80::1%2",
            "[2001:db8::1]",
            "2001:db8::1::2",
            "12345::1",
            "00001::1",
            "::ffff:1.2.3",
            "::ffff:01.2.3.4",
            "1.2.3.4::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            "1::2:3:4:5:6:7:8",
            ":1::2",
            "1::2:",
            "Example.local",
            "",
            "-",
        ] {
            assert_eq!(Ip::parse(text), None, "{text}");
        }
    }
}
