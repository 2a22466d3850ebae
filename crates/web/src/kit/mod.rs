//! The interviewer kit at `/kit` and `/api/v1/kit/...` (issue 14): question
//! sets built from search and browse filters, the printable interview
//! sheet, interviews scored per question, and share links for a
//! co-interviewer and a candidate. The kit is for readers with access: a
//! signed-in reader without it gets the paywall page explaining the kit
//! (403). The rows live in `store`; this room joins them to HTTP.

pub(crate) mod api;
mod api_docs;
pub(crate) mod api_interviews;
mod follow_ups;
pub(crate) mod interviews;
pub(crate) mod items;
mod picker;
pub(crate) mod sets;
pub(crate) mod share;
pub(crate) mod sheet;
mod sheet_model;
mod summary;
mod views;

pub use api_docs::KitApi;

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::html::private_page;
use crate::viewer::{Member, Viewer};
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use bank::Access;
use store::StoreError;

/// A signed-in reader with access: who may use the kit.
#[derive(Debug)]
pub(crate) struct Interviewer {
    pub member: Box<Member>,
    pub access: Access,
}

impl Interviewer {
    pub fn id(&self) -> &str {
        &self.member.user.id
    }
}

impl FromRequestParts<SharedApp> for Interviewer {
    type Rejection = Response;

    /// Pages send an anonymous reader to log in and show the kit's paywall
    /// page to a reader without access; the API answers 401 and 403.
    async fn from_request_parts(parts: &mut Parts, app: &SharedApp) -> Result<Interviewer, Response> {
        let api = parts.uri.path().starts_with("/api/");
        let member = match Viewer::from_request_parts(parts, app).await {
            Ok(Viewer::Member(member)) => member,
            Ok(Viewer::Anonymous) if api => {
                return Err(PageError::new(
                    StatusCode::UNAUTHORIZED,
                    "Sign in",
                    "Sign in, or send an API token, to use the interviewer kit.",
                )
                .into_response());
            }
            Ok(Viewer::Anonymous) => return Err(Redirect::to("/login").into_response()),
            Err(error) => return Err(error.into_response()),
        };
        match member.access().copied() {
            Some(access) => Ok(Interviewer { member, access }),
            None if api => Err(PageError::forbidden(PAYWALL).into_response()),
            None => Err(paywall(app)),
        }
    }
}

/// Why a reader without access cannot use the kit.
const PAYWALL: &str = "The interviewer kit is for subscribers: build question sets, print the interview sheet with \
     rubrics and follow-ups, and score interviews. Nothing was changed.";

/// The paywall page: what the kit does and where to subscribe.
fn paywall(app: &SharedApp) -> Response {
    match views::paywall(app.site.layout(true)) {
        Ok(html) => private_page(StatusCode::FORBIDDEN, html),
        Err(error) => PageError::from(error).into_response(),
    }
}

/// A store refusal as the reader sees it: another reader's (or no) set or
/// interview is 404, input the store refuses 400, an ended interview 409.
/// Nothing was changed in any of these cases.
pub(crate) fn refused(error: StoreError) -> PageError {
    match error {
        StoreError::NotFound => not_found(),
        StoreError::Invalid(message) => PageError::bad_request(format!("{message}; nothing was changed.")),
        StoreError::OutOfOrder(message) => PageError::new(
            StatusCode::CONFLICT,
            "Not recorded",
            format!("{message}; nothing was recorded."),
        ),
        other => other.into(),
    }
}

pub(crate) fn not_found() -> PageError {
    PageError::new(
        StatusCode::NOT_FOUND,
        "Not found",
        "You have no question set, question or interview at this address.",
    )
}

/// The reader's set, or 404.
pub(crate) async fn own_set(app: &SharedApp, who: &Interviewer, set_id: &str) -> Result<store::KitSet, PageError> {
    app.store
        .kit_set(who.id(), set_id)
        .await
        .map_err(refused)?
        .ok_or_else(not_found)
}

/// A slug the bank serves, or 404 naming it.
pub(crate) fn known_question<'a>(app: &'a SharedApp, slug: &str) -> Result<&'a bank::Question, PageError> {
    app.site.bank.question(slug).ok_or_else(|| {
        PageError::new(
            StatusCode::NOT_FOUND,
            "No such question",
            format!(
                "There is no question `{}`; nothing was changed.",
                slug.chars().take(80).collect::<String>()
            ),
        )
    })
}

/// A Unix time as RFC 3339 (UTC), as the API gives every time.
pub(crate) fn rfc3339(unix: i64) -> String {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_default()
}
