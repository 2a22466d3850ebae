//! The two cookies we set: the session (`rp_session`) and, for forms shown
//! before login, a CSRF token (`rp_csrf`, double-submit). Both `HttpOnly`,
//! `SameSite=Lax`, `Path=/`, and `Secure` behind HTTPS.

use axum::http::{HeaderMap, HeaderValue, header};

pub const SESSION: &str = "rp_session";
pub const CSRF: &str = "rp_csrf";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cookies_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; rp_session=abc; b=2"));
        assert_eq!(get(&headers, SESSION), Some("abc"));
        assert_eq!(get(&headers, CSRF), None);
        let cookie = set(SESSION, "abc", 60, true);
        assert_eq!(
            cookie,
            "rp_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
    }
}
