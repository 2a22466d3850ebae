//! Request bodies, checked strictly: the right content type, a size limit,
//! valid encoding (URL-encoded forms or JSON) and no unknown fields.
//! Anything else is a 4xx answer and changes nothing.

use crate::app::SharedApp;
use crate::errors::PageError;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use bytes::Bytes;
use serde::de::DeserializeOwned;

/// The most a form may send (our largest form is a few hundred bytes).
pub const FORM_LIMIT: usize = 16 * 1024;

/// A form body parsed into `T` (whose fields are `deny_unknown_fields`).
#[derive(Debug)]
pub struct ValidForm<T>(pub T);

/// A JSON body parsed into `T` (whose fields are `deny_unknown_fields`).
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

/// Reads a body of the given media type, within the size limit.
async fn body_of(request: Request, app: &SharedApp, media: &str, label: &'static str) -> Result<Bytes, PageError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let matches = content_type.is_some_and(|value| {
        value
            .split(';')
            .next()
            .is_some_and(|found| found.trim().eq_ignore_ascii_case(media))
    });
    if !matches {
        return Err(PageError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            label,
            format!("Send this request as {media}."),
        ));
    }
    let too_large = || {
        PageError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Request too large",
            "This request sent more data than this address accepts.",
        )
    };
    let body = Bytes::from_request(request, app)
        .await
        .map_err(|rejection| match rejection {
            BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => too_large(),
            // The body did not arrive within the server's body deadline.
            _ => PageError::new(
                StatusCode::REQUEST_TIMEOUT,
                "Request too slow",
                "This request's data arrived too slowly. Try again.",
            ),
        })?;
    if body.len() > FORM_LIMIT {
        return Err(too_large());
    }
    Ok(body)
}

impl<T: DeserializeOwned> FromRequest<SharedApp> for ValidForm<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, app: &SharedApp) -> Result<Self, PageError> {
        let body = body_of(
            request,
            app,
            "application/x-www-form-urlencoded",
            "Unsupported form encoding",
        )
        .await?;
        let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
            .map_err(|error| PageError::bad_request(format!("The form could not be read: {error}.")))?;
        if fields
            .iter()
            .any(|(name, value)| has_control(name) || has_control(value))
        {
            return Err(control_characters());
        }
        serde_urlencoded::from_bytes(&body)
            .map(ValidForm)
            .map_err(|error| PageError::bad_request(format!("The form could not be read: {error}.")))
    }
}

impl<T: DeserializeOwned> FromRequest<SharedApp> for ValidJson<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, app: &SharedApp) -> Result<Self, PageError> {
        let body = body_of(request, app, "application/json", "Unsupported body encoding").await?;
        let read =
            |error: serde_json::Error| PageError::bad_request(format!("The JSON body could not be read: {error}."));
        let value: serde_json::Value = serde_json::from_slice(&body).map_err(read)?;
        if json_has_control(&value) {
            return Err(control_characters());
        }
        serde_json::from_value(value).map(ValidJson).map_err(read)
    }
}

/// Control characters other than tab and line breaks. No field of ours may
/// hold one, and PostgreSQL refuses NUL in text outright: a NUL in a login
/// email was a 500 there and a 401 on SQLite (review F12). Refused here,
/// before any query, both databases answer alike.
pub fn has_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

fn json_has_control(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(text) => has_control(text),
        serde_json::Value::Array(items) => items.iter().any(json_has_control),
        serde_json::Value::Object(fields) => fields
            .iter()
            .any(|(key, value)| has_control(key) || json_has_control(value)),
        _ => false,
    }
}

fn control_characters() -> PageError {
    PageError::bad_request("A field holds a control character (such as NUL); remove it and try again.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_in_text_and_json() {
        assert!(has_control("a\0b"));
        assert!(has_control("bell\u{7}"));
        assert!(!has_control("tab\tand\r\nlines, ünïcode"));
        let json: serde_json::Value = serde_json::from_str(r#"{"a":["x",{"b":"\u0000"}]}"#).expect("json");
        assert!(json_has_control(&json));
    }
}
