//! Saved questions and private notes: save or unsave a question (from its
//! page or the practice page of the question), keep a plain-text note on it
//! (at most 10 KB, always shown escaped), and `/practice/saved`, the list
//! with each note's first line.

use crate::app::SharedApp;
use crate::csrf::check_member_csrf;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::{human_instant, private_page};
use crate::practice::failure::Failure;
use crate::practice::forms::accepted;
use crate::practice::views::{self, Confirm, QuestionPractice, SavedRow};
use crate::viewer::SignedIn;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use bank::{Lookup, Question};
use practice::format_interval;
use serde::Deserialize;
use store::CardKind;

type AppState = State<SharedApp>;

/// The bank question a form or path names (another phrasing leads to it).
pub fn question<'a>(app: &'a SharedApp, slug: &str) -> Result<&'a Question, Failure> {
    match app.site.bank.lookup(slug) {
        Some(Lookup::Question(question) | Lookup::Alias(question)) => Ok(question),
        None => Err(Failure::NotFound("No question has this slug.")),
    }
}

/// `/practice/saved`.
pub async fn list(State(app): AppState, SignedIn(member): SignedIn) -> Result<Response, PageError> {
    let saved = app.store.saved_questions(&member.user.id).await?;
    let rows = saved
        .into_iter()
        .filter_map(|row| {
            let question = app.site.bank.question(&row.slug)?;
            Some(SavedRow {
                slug: row.slug,
                title: question.title.clone(),
                saved: human_instant(row.saved_at),
                note: row.note_first_line.unwrap_or_default(),
            })
        })
        .collect();
    let html = views::saved(app.site.layout(true), rows)?;
    Ok(private_page(StatusCode::OK, html))
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `/practice/questions/{slug}`: the reader's own side of a question.
pub async fn page(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Path(slug): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let question = question(&app, &slug)?;
    if question.slug.as_str() != slug {
        return Ok(Redirect::permanent(&format!("/practice/questions/{}", question.slug)).into_response());
    }
    let user = &member.user.id;
    let (saved, note, card) = tokio::try_join!(
        app.store.is_saved(user, &slug),
        app.store.note(user, &slug),
        app.store.card(user, CardKind::Question, &slug),
    )?;
    let now = store::now();
    let view = QuestionPractice {
        slug: &slug,
        title: &question.title,
        saved,
        note: note.map(|note| note.body).unwrap_or_default(),
        card: card.map(|card| match card.due - now {
            wait if wait > 0 => format!("In your review queue; it comes back in {}.", format_interval(wait)),
            _ => "In your review queue, due now.".to_owned(),
        }),
        notice: match done.done.as_deref() {
            Some("saved") => "Saved.",
            Some("unsaved") => "Removed from your saved questions.",
            Some("note") => "Note kept.",
            Some("added") => "Added to your review queue.",
            _ => "",
        },
    };
    let html = views::question_practice(app.site.layout(true), &member.csrf, &view)?;
    Ok(private_page(StatusCode::OK, html))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlugForm {
    slug: String,
    csrf: Option<String>,
}

/// Saves a question; from its prerendered page (see `forms`) or ours.
pub async fn save(
    State(app): AppState,
    SignedIn(member): SignedIn,
    headers: HeaderMap,
    ValidForm(form): ValidForm<SlugForm>,
) -> Result<Response, PageError> {
    let question = question(&app, &form.slug)?;
    if !accepted(&member, form.csrf.as_deref(), &headers)? {
        let confirm = Confirm {
            message: format!("Save “{}”?", question.title),
            action: "/practice/saved",
            field: "slug",
            value: question.slug.to_string(),
            button: "Save question",
        };
        return Ok(private_page(
            StatusCode::OK,
            views::confirm(app.site.layout(true), &member.csrf, &confirm)?,
        ));
    }
    app.store
        .save_question(&member.user.id, question.slug.as_str(), store::now())
        .await?;
    Ok(Redirect::to(&format!("/practice/questions/{}?done=saved", question.slug)).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenSlugForm {
    slug: String,
    csrf: String,
}

/// Unsaves a question (from our pages only: they carry the token).
pub async fn unsave(
    State(app): AppState,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<TokenSlugForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    let question = question(&app, &form.slug)?;
    app.store
        .unsave_question(&member.user.id, question.slug.as_str())
        .await?;
    Ok(Redirect::to(&format!("/practice/questions/{}?done=unsaved", question.slug)).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteForm {
    slug: String,
    csrf: String,
    body: String,
}

/// Keeps the reader's note (an empty one deletes it). Over 10 KB: 400 and
/// the note is left as it was.
pub async fn note(
    State(app): AppState,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<NoteForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    let question = question(&app, &form.slug)?;
    app.store
        .put_note(&member.user.id, question.slug.as_str(), &form.body, store::now())
        .await
        .map_err(Failure::from)?;
    Ok(Redirect::to(&format!("/practice/questions/{}?done=note", question.slug)).into_response())
}
