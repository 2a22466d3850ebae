//! Form bodies, checked strictly: the right content type, a size limit,
//! valid URL encoding and no unknown fields. Anything else is a 4xx page
//! and changes nothing.

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

impl<T: DeserializeOwned> FromRequest<SharedApp> for ValidForm<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, app: &SharedApp) -> Result<Self, PageError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok());
        let is_form = content_type.is_some_and(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
        });
        if !is_form {
            return Err(PageError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported form encoding",
                "Send this form as application/x-www-form-urlencoded.",
            ));
        }
        let body = Bytes::from_request(request, app).await.map_err(|_| {
            PageError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Form too large",
                "This form sent more data than any of our forms holds.",
            )
        })?;
        if body.len() > FORM_LIMIT {
            return Err(PageError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Form too large",
                "This form sent more data than any of our forms holds.",
            ));
        }
        serde_urlencoded::from_bytes(&body)
            .map(ValidForm)
            .map_err(|error| PageError::bad_request(format!("The form could not be read: {error}.")))
    }
}
