//! The two cookies we set: the session and, for forms shown before login,
//! a CSRF token (double-submit). Both `HttpOnly`, `SameSite=Lax`, `Path=/`.
//! Served over HTTPS they are `Secure` and named with the `__Host-` prefix:
//! a browser then accepts them only from this host, over HTTPS, for the
//! whole site, so a sibling subdomain cannot plant one (review F13). Plain
//! HTTP cannot use the prefix, so the names depend on the deployment.

use axum::http::{HeaderMap, HeaderValue, header};

/// The session cookie.
pub fn session(https: bool) -> &'static str {
    if https { "__Host-rp_session" } else { "rp_session" }
}

/// The pre-login CSRF cookie.
pub fn csrf(https: bool) -> &'static str {
    if https { "__Host-rp_csrf" } else { "rp_csrf" }
}

/// The value of cookie `name` in a request, if present.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value; `max_age` of 0 deletes the cookie.
pub fn set(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// What logout and account deletion send: the browser drops this site's
/// cache (premium pages are `private, no-cache`, reachable in history on a
/// shared computer), cookies and storage.
pub const CLEAR_SITE_DATA: HeaderValue = HeaderValue::from_static("\"cache\", \"cookies\", \"storage\"");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cookies_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; rp_session=abc; b=2"));
        assert_eq!(get(&headers, session(false)), Some("abc"));
        assert_eq!(get(&headers, csrf(false)), None);
        assert_eq!(
            get(&headers, session(true)),
            None,
            "the plain name is not the HTTPS one"
        );
        let cookie = set(session(true), "abc", 60, true);
        assert_eq!(
            cookie,
            "__Host-rp_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
    }
}
