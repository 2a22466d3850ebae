//! The interview sheet's pages: `/kit/{id}/sheet` (printable: one
//! question a page, black on white, no navigation) and `/kit/{id}/sheet.md`;
//! and the private downloads the kit answers with. The shared
//! co-interviewer view builds the same sheet (`sheet_model`) for its
//! viewer's access and without the owner's notes.

use super::sheet_model::{items, to_markdown};
use super::{Interviewer, own_set, views};
use crate::app::SharedApp;
use crate::errors::PageError;
use crate::html::private_page;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `GET /kit/{id}/sheet`.
pub(crate) async fn page(
    State(app): State<SharedApp>,
    who: Interviewer,
    Path(set_id): Path<String>,
) -> Result<Response, PageError> {
    let set = own_set(&app, &who, &set_id).await?;
    let sheet = items(&app.site.bank, &set, Some(&who.access), true);
    let html = views::sheet(app.site.layout(true), &set.name, set.total_minutes(), &sheet, None)?;
    Ok(private_page(StatusCode::OK, html))
}

/// `GET /kit/{id}/sheet.md`: the sheet as a Markdown download.
pub(crate) async fn markdown(
    State(app): State<SharedApp>,
    who: Interviewer,
    Path(set_id): Path<String>,
) -> Result<Response, PageError> {
    let set = own_set(&app, &who, &set_id).await?;
    let sheet = items(&app.site.bank, &set, Some(&who.access), true);
    Ok(download(
        &to_markdown(&set.name, set.total_minutes(), &sheet),
        "sheet.md",
        MARKDOWN,
    ))
}

pub(crate) const MARKDOWN: &str = "text/markdown; charset=utf-8";

/// A private download with this name.
pub(crate) fn download(body: &str, name: &str, content_type: &'static str) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body.to_owned(),
    )
        .into_response()
}
