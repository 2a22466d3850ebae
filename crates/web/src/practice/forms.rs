//! Forms on prerendered pages. A question or browse page is rendered once
//! for every reader of a look, so its "Save" and "Practise this" forms can
//! carry no member's CSRF token. Such a form is accepted when the browser
//! proves it was sent from this site (`Sec-Fetch-Site: same-origin`, or an
//! `Origin` naming this host; every current browser sends one of them on a
//! form post). Without that proof the reader gets a confirmation page whose
//! form carries their token, so the write still needs one of the two
//! defences and never rests on neither.

use crate::csrf::check_member_csrf;
use crate::errors::PageError;
use crate::viewer::Member;
use axum::http::{HeaderMap, header};

/// Whether the form may be applied now: its token matches (a form from one
/// of our private pages), or, without a token, the browser says it came
/// from this site. `Ok(false)`: ask the reader to confirm.
pub fn accepted(member: &Member, csrf: Option<&str>, headers: &HeaderMap) -> Result<bool, PageError> {
    match csrf {
        Some(token) => check_member_csrf(&member.csrf, token).map(|()| true),
        None => Ok(sent_from_this_site(headers)),
    }
}

fn sent_from_this_site(headers: &HeaderMap) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return site == "same-origin";
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, authority)| authority == host),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (header::HeaderName::from_static(name), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn only_a_browser_that_names_this_site_is_taken_at_its_word() {
        assert!(sent_from_this_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(sent_from_this_site(&headers(&[
            ("host", "a.test"),
            ("origin", "http://a.test")
        ])));
        assert!(!sent_from_this_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(
            !sent_from_this_site(&headers(&[("host", "a.test")])),
            "no proof: confirm"
        );
        assert!(!sent_from_this_site(&headers(&[
            ("host", "a.test"),
            ("origin", "http://b.test")
        ])));
    }
}
