//! The interview sheet: every question of a set on one page with what the
//! interviewer needs (the short answer, what a strong answer covers, the
//! chosen follow-ups with their answers, the note, the time budget), at
//! `/kit/{id}/sheet` (printable) and `/kit/{id}/sheet.md`. The shared
//! co-interviewer view builds the same sheet for its viewer's access and
//! without the owner's notes.

use super::follow_ups::{FollowUp, follow_ups, plain_text, section};
use super::{Interviewer, own_set, views};
use crate::app::SharedApp;
use crate::errors::PageError;
use crate::html::private_page;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bank::{Access, Bank, SectionKind};
use std::fmt::Write;
use store::KitSet;

/// One question as the sheet shows it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct SheetItem {
    pub position: i64,
    pub slug: String,
    pub title: String,
    pub minutes: i64,
    pub short_answer_html: String,
    /// "What a strong answer covers"; `None` without access.
    pub strong_answer_html: Option<String>,
    /// The chosen follow-ups; empty without access.
    pub follow_ups: Vec<SheetFollowUp>,
    /// The owner's note; never on a shared sheet.
    pub note: Option<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct SheetFollowUp {
    pub question: String,
    pub answer_html: String,
}

impl From<FollowUp> for SheetFollowUp {
    fn from(follow_up: FollowUp) -> SheetFollowUp {
        SheetFollowUp {
            question: follow_up.question,
            answer_html: follow_up.answer_html,
        }
    }
}

/// The sheet of a set for a viewer with this access; `notes` says whether
/// the owner's notes are shown. Questions no longer in the bank are left out.
pub(crate) fn items(bank: &Bank, set: &KitSet, access: Option<&Access>, notes: bool) -> Vec<SheetItem> {
    set.items
        .iter()
        .filter_map(|item| {
            let question = bank.question(&item.slug)?;
            Some(SheetItem {
                position: item.position,
                slug: item.slug.clone(),
                title: question.title.clone(),
                minutes: item.minutes,
                short_answer_html: question.short_answer_html.clone(),
                strong_answer_html: section(question, access, SectionKind::StrongAnswer).map(str::to_owned),
                follow_ups: follow_ups(question, access, &item.follow_ups)
                    .into_iter()
                    .filter(|follow_up| follow_up.chosen)
                    .map(SheetFollowUp::from)
                    .collect(),
                note: (notes && !item.note.is_empty()).then(|| item.note.clone()),
            })
        })
        .collect()
}

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

/// The sheet as Markdown.
pub(crate) fn to_markdown(name: &str, total_minutes: i64, sheet: &[SheetItem]) -> String {
    let mut out = format!(
        "# {name}\n\n{} questions, {total_minutes} minutes in all.\n",
        sheet.len()
    );
    for item in sheet {
        let _ = write!(
            out,
            "\n## {}. {} ({} min)\n\n**Short answer.** {}\n",
            item.position,
            item.title,
            item.minutes,
            plain_text(&item.short_answer_html)
        );
        if let Some(strong) = &item.strong_answer_html {
            let _ = write!(out, "\n**What a strong answer covers**\n\n{}\n", plain_text(strong));
        }
        if !item.follow_ups.is_empty() {
            out.push_str("\n**Follow-ups**\n");
            for follow_up in &item.follow_ups {
                let _ = write!(
                    out,
                    "\n- {}\n\n  {}\n",
                    follow_up.question,
                    plain_text(&follow_up.answer_html).replace('\n', "\n  ")
                );
            }
        }
        if let Some(note) = &item.note {
            let _ = write!(out, "\n**Note.** {note}\n");
        }
    }
    out
}
