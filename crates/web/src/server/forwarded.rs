//! Which proxies we believe, and the client address they name. Behind a TLS
//! proxy every reader arrives from the proxy's address, so one reader's
//! failed logins locked everyone out (review F4). The client address is
//! therefore read from `Forwarded` or `X-Forwarded-For`, but only when the
//! TCP peer is a proxy the operator listed (`--trusted-proxy`): anyone else
//! could write any address there. What the address is used for (rate limits,
//! IPv6 grouped by /64) is in `client_addr`.

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::IpAddr;
use std::str::FromStr;

/// The proxies whose forwarding headers we believe.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses `10.0.0.0/8, 127.0.0.1, ::1` (CIDRs or single addresses).
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        list.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                IpNet::from_str(item)
                    .or_else(|_| IpAddr::from_str(item).map(IpNet::from))
                    .map_err(|_| format!("`{item}` is not an address or CIDR block"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    /// Whether `address` is one of the proxies we believe.
    pub(crate) fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address: the peer, unless the peer is a trusted proxy;
    /// then the nearest address in the forwarding chain that is not itself
    /// a trusted proxy (the right-most entries were added by our proxies; the
    /// left-most could have been written by the client).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return canonical(peer);
        }
        let chain = forwarded_for(headers);
        for hop in chain.iter().rev() {
            match hop {
                Some(address) if self.trusts(*address) => continue,
                Some(address) => return canonical(*address),
                // "unknown", an obfuscated name or garbage: stop at the last proxy we trust.
                None => break,
            }
        }
        canonical(peer)
    }
}

/// The `for=` addresses of `Forwarded` (RFC 7239), or else the entries of
/// `X-Forwarded-For`, in order; `None` for an entry that is no address.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|line| line.split(','))
            .map(str::trim)
            .collect::<Vec<_>>()
    };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(key, _)| key.eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| parse_node(value.trim_matches('"')))
            })
            .collect();
    }
    values("x-forwarded-for")
        .iter()
        .map(|entry| parse_node(entry))
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]`, `[2001:db8::1]:4711`, `2001:db8::1`.
fn parse_node(text: &str) -> Option<IpAddr> {
    if let Ok(address) = IpAddr::from_str(text) {
        return Some(address);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']').and_then(|(inner, _)| IpAddr::from_str(inner).ok());
    }
    text.rsplit_once(':').and_then(|(host, _)| IpAddr::from_str(host).ok())
}

/// IPv4-mapped IPv6 (`::ffff:192.0.2.1`) as the IPv4 address it is.
pub fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").expect("valid");
        let xff = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.1.2.3")]);
        assert_eq!(
            proxies.client(ip("127.0.0.1"), &xff),
            ip("203.0.113.9"),
            "nearest untrusted hop"
        );
        assert_eq!(
            proxies.client(ip("192.0.2.5"), &xff),
            ip("192.0.2.5"),
            "peer not trusted"
        );
        let forwarded = headers(&[("forwarded", r#"for="[2001:db8::7]:4711";proto=https"#)]);
        assert_eq!(proxies.client(ip("10.9.9.9"), &forwarded), ip("2001:db8::7"));
        let unknown = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(proxies.client(ip("10.9.9.9"), &unknown), ip("10.9.9.9"));
        assert_eq!(proxies.client(ip("127.0.0.1"), &HeaderMap::new()), ip("127.0.0.1"));
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("").is_ok());
    }
}
