//! The client's address, for throttling: the peer, or behind trusted
//! proxies the nearest untrusted hop of `X-Forwarded-For`.

use axum::http::{request::Parts, HeaderMap};
use leptos::prelude::*;
use std::net::IpAddr;

/// The client's address, for sign-in throttling: the socket peer, or,
/// when the peer is a trusted proxy (`HANDOFF_TRUSTED_PROXY`), the
/// right-most address in `X-Forwarded-For` that is not one of them.
pub fn client_address() -> String {
    let Some(parts) = use_context::<Parts>() else {
        return "unknown".to_string();
    };
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    use_context::<TrustedProxies>()
        .unwrap_or_default()
        .client_ip(peer, &parts.headers)
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// One trusted range: an address and how many leading bits must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    net: IpAddr,
    bits: u8,
}

impl Range {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.net, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.bits)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.bits))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// The load balancers (`HANDOFF_TRUSTED_PROXY`) whose `X-Forwarded-For`
/// Handoff believes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Range>);

impl TrustedProxies {
    /// A comma-separated list of IPs and CIDR ranges, e.g.
    /// `10.0.0.0/8, 192.0.2.7, fd00::/8`. Empty: none.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut ranges = Vec::new();
        for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (addr, bits) = item.split_once('/').unwrap_or((item, ""));
            let bad = || {
                format!(
                    "has {item:?}, which is not an IP address or CIDR range: use e.g. 10.0.0.0/8, 192.0.2.7"
                )
            };
            let net: IpAddr = addr.trim().parse().map_err(|_| bad())?;
            let net = net.to_canonical();
            let max = if net.is_ipv4() { 32 } else { 128 };
            let bits = if bits.is_empty() {
                max
            } else {
                bits.trim()
                    .parse::<u8>()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(bad)?
            };
            ranges.push(Range { net, bits });
        }
        Ok(Self(ranges))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|r| r.contains(ip))
    }

    /// The client behind `peer`: the peer itself unless it is trusted; then
    /// the right-most `X-Forwarded-For` hop that is not trusted (or the
    /// left-most, if all are). A hop that is not an address ends the walk.
    pub fn client_ip(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer?.to_canonical();
        if !self.trusts(peer) {
            return Some(peer);
        }
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else {
                break;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        Some(client)
    }
}

/// `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(values: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_static(v));
        }
        h
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client_ip(ip("203.0.113.9"), &forwarded(&["1.2.3.4"])),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
        let lb = TrustedProxies::parse("10.0.0.0/8, 192.0.2.7").unwrap();
        let h = forwarded(&["6.6.6.6, 198.51.100.4", "10.1.2.3"]);
        // The client forged 6.6.6.6; the load balancer appended the real one.
        assert_eq!(lb.client_ip(ip("192.0.2.7"), &h), ip("198.51.100.4"));
        // A peer that is not trusted cannot speak for anyone else.
        assert_eq!(lb.client_ip(ip("198.51.100.99"), &h), ip("198.51.100.99"));
        // All hops trusted: the left-most; a garbage hop ends the walk.
        assert_eq!(
            lb.client_ip(ip("10.0.0.1"), &forwarded(&["10.9.9.9, 10.0.0.2"])),
            ip("10.9.9.9")
        );
        assert_eq!(
            lb.client_ip(ip("10.0.0.1"), &forwarded(&["1.1.1.1, junk"])),
            ip("10.0.0.1")
        );
        assert_eq!(
            lb.client_ip(ip("10.0.0.1"), &forwarded(&["[2001:db8::1]:4711"])),
            ip("2001:db8::1")
        );
        // An IPv4 peer seen through a dual-stack socket is still trusted.
        assert_eq!(
            lb.client_ip(ip("::ffff:10.0.0.1"), &forwarded(&["198.51.100.4"])),
            ip("198.51.100.4")
        );
        assert_eq!(
            lb.client_ip(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn bad_entries_are_refused() {
        for bad in ["10.0.0.0/33", "lb.internal", "10.0.0.0/x", "::/129"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
        assert!(TrustedProxies::parse(" ").unwrap().is_empty());
    }
}
