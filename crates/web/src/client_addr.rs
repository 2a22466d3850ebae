//! The client's address, resolved through trusted proxies
//! (`server::forwarded`), and the key rate limits count it under: the IPv4
//! address, or the IPv6 /64, the block one host or home is given, so
//! rotating through its 2^64 addresses gains nothing.

use crate::app::SharedApp;
use crate::server::PeerAddr;
use crate::server::forwarded::canonical;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::IpAddr;

/// The key rate limits count under: the IPv4 address, or the IPv6 /64.
pub fn rate_key(address: IpAddr) -> String {
    match canonical(address) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let net = ipnet::Ipv6Net::new(v6, 64).map_or(v6, |net| net.trunc().addr());
            format!("{net}/64")
        }
    }
}

/// The client's address, resolved through trusted proxies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The key rate limits count this client under.
    pub fn rate_key(self) -> String {
        rate_key(self.0)
    }
}

impl FromRequestParts<SharedApp> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &SharedApp) -> Result<ClientAddr, Infallible> {
        let PeerAddr(peer) = PeerAddr::from_request_parts(parts, app).await?;
        Ok(ClientAddr(app.config.trusted_proxies.client(peer, &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    #[test]
    fn ipv6_is_grouped_by_64_and_mapped_ipv4_is_ipv4() {
        assert_eq!(rate_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(rate_key(ip("2001:db8:1:2::ffff")), rate_key(ip("2001:db8:1:2:1::")));
        assert_ne!(rate_key(ip("2001:db8:1:2::1")), rate_key(ip("2001:db8:1:3::1")));
        assert_eq!(rate_key(ip("::ffff:192.0.2.1")), "192.0.2.1");
        assert_eq!(rate_key(ip("192.0.2.1")), "192.0.2.1");
    }
}
