//! Request bodies, checked strictly: the right content type, a size limit,
//! valid encoding (URL-encoded forms or JSON) and no unknown fields.
//! Anything else is a 4xx answer and changes nothing.

use crate::app::SharedApp;
use crate::errors::PageError;
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
    let body = Bytes::from_request(request, app).await.map_err(|_| too_large())?;
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
        serde_urlencoded::from_bytes(&body)
            .map(ValidForm)
            .map_err(|error| PageError::bad_request(format!("The form could not be read: {error}.")))
    }
}

impl<T: DeserializeOwned> FromRequest<SharedApp> for ValidJson<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, app: &SharedApp) -> Result<Self, PageError> {
        let body = body_of(request, app, "application/json", "Unsupported body encoding").await?;
        serde_json::from_slice(&body)
            .map(ValidJson)
            .map_err(|error| PageError::bad_request(format!("The JSON body could not be read: {error}.")))
    }
}
