//! `SMTP_URL`, read strictly: `smtp://host[:port]` speaks STARTTLS and
//! refuses a server that does not offer it; `smtps://host[:port]` is TLS
//! from the first byte. Mail goes unencrypted only when asked for by name,
//! `smtp://localhost:2525?tls=none`, and only to this machine (a local
//! relay or a test sink). `user:password@` logs in after TLS is up.

use crate::MailError;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use std::fmt;
use std::time::Duration;
use url::{Host, Url};

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: plain at first, upgraded with STARTTLS before anything is sent.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Implicit,
    /// `smtp://...?tls=none` to a loopback host only.
    None,
}

/// A checked `SMTP_URL`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    pub host: String,
    pub port: u16,
    pub security: Security,
    credentials: Option<(String, String)>,
}

/// How long one SMTP exchange may take before the letter is given up.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

impl SmtpUrl {
    pub fn parse(text: &str) -> Result<SmtpUrl, MailError> {
        let bad = |why: &str| MailError::Url(why.to_owned());
        let url = Url::parse(text).map_err(|error| bad(&format!("not a URL ({error})")))?;
        let host = url.host().ok_or_else(|| bad("no host"))?;
        let tls = match url.query_pairs().collect::<Vec<_>>().as_slice() {
            [] => None,
            [(key, value)] if key == "tls" && value == "none" => Some("none"),
            _ => return Err(bad("the only query it takes is `?tls=none`")),
        };
        let security = match (url.scheme(), tls) {
            ("smtp", None) => Security::StartTls,
            ("smtps", None) => Security::Implicit,
            ("smtp", Some(_)) if is_loopback(&host) => Security::None,
            ("smtp", Some(_)) => return Err(bad("`?tls=none` is allowed only to localhost")),
            ("smtps", Some(_)) => return Err(bad("`smtps://` always uses TLS")),
            (scheme, _) => return Err(bad(&format!("the scheme must be smtp or smtps, not `{scheme}`"))),
        };
        let port = url.port().unwrap_or(match security {
            Security::Implicit => 465,
            Security::StartTls | Security::None => 587,
        });
        let credentials = match (url.username(), url.password()) {
            ("", None) => None,
            (user, Some(password)) => Some((decode(user)?, decode(password)?)),
            (_, None) => return Err(bad("a user name needs a password (`user:password@host`)")),
        };
        Ok(SmtpUrl {
            host: host.to_string().trim_matches(['[', ']']).to_owned(),
            port,
            security,
            credentials,
        })
    }

    /// The lettre transport for this URL.
    pub(crate) fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
        let tls = || TlsParameters::new(self.host.clone());
        let tls = match self.security {
            Security::StartTls => Tls::Required(tls()?),
            Security::Implicit => Tls::Wrapper(tls()?),
            Security::None => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

/// The URL without its credentials, for logs.
impl fmt::Display for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (scheme, how) = match self.security {
            Security::StartTls => ("smtp", "STARTTLS"),
            Security::Implicit => ("smtps", "TLS"),
            Security::None => ("smtp", "no TLS, local"),
        };
        write!(f, "{scheme}://{}:{} ({how})", self.host, self.port)
    }
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SmtpUrl({self})")
    }
}

/// Whether the host is this machine. (`smtp:` is not a scheme the URL
/// standard knows, so an IPv4 address comes as a domain name.)
fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => {
            name.eq_ignore_ascii_case("localhost")
                || name
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|address| address.is_loopback())
        }
        Host::Ipv4(address) => address.is_loopback(),
        Host::Ipv6(address) => address.is_loopback(),
    }
}

fn decode(part: &str) -> Result<String, MailError> {
    url::form_urlencoded::parse(format!("x={part}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .ok_or_else(|| MailError::Url("unreadable credentials".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> SmtpUrl {
        SmtpUrl::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[test]
    fn smtp_means_starttls_and_smtps_implicit_tls() {
        let starttls = parsed("smtp://mail.example.com");
        assert_eq!((starttls.security, starttls.port), (Security::StartTls, 587));
        let implicit = parsed("smtps://user:p%40ss@mail.example.com:2465");
        assert_eq!((implicit.security, implicit.port), (Security::Implicit, 2465));
        assert_eq!(implicit.credentials, Some(("user".into(), "p@ss".into())));
        assert_eq!(
            implicit.to_string(),
            "smtps://mail.example.com:2465 (TLS)",
            "no password in logs"
        );
    }

    #[test]
    fn plain_smtp_only_by_name_and_only_to_this_machine() {
        for local in [
            "smtp://localhost:2525?tls=none",
            "smtp://127.0.0.1:2525?tls=none",
            "smtp://[::1]:25?tls=none",
        ] {
            assert_eq!(parsed(local).security, Security::None, "{local}");
        }
        for refused in [
            "smtp://mail.example.com?tls=none",
            "smtps://localhost?tls=none",
            "smtp://localhost?tls=opportunistic",
            "http://localhost",
            "smtp://user@mail.example.com",
            "not a url",
        ] {
            assert!(SmtpUrl::parse(refused).is_err(), "{refused}");
        }
    }
}
