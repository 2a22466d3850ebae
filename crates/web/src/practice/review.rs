//! `/practice/review`: the next card alone, an optional box to write an
//! answer first, "Show answer", then the four grades, each saying when the
//! card would come back. Plain forms; `static/practice.js` only adds keys
//! 1-4. Every form carries the card's version, so a double submit or a
//! stale tab is refused (409) instead of applied twice.

use crate::app::SharedApp;
use crate::csrf::check_member_csrf;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::private_page;
use crate::practice::cards::Target;
use crate::practice::failure::Failure;
use crate::practice::queue::{self, Entry, Grading, Loaded};
use crate::practice::views::{self, Back, Button, Empty, Front, Revealed, ReviewPage, Side, Version};
use crate::viewer::{Member, SignedIn};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bank::SectionKind;
use practice::{Grade, format_interval};
use serde::Deserialize;
use store::{CardKind, CardVersion};

type AppState = State<SharedApp>;

#[derive(Debug, Deserialize)]
pub struct ReviewQuery {
    added: Option<u64>,
}

/// The next card's front, or "nothing due".
pub async fn show(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Query(query): Query<ReviewQuery>,
) -> Result<Response, PageError> {
    let now = store::now();
    let snapshot = queue::snapshot(&app, &member, now).await?;
    let due = Loaded::due_now(&app, &member, &snapshot, now)?;
    let queue = due.queue();
    let side = match queue.next() {
        Some(entry) => Side::Front(front(entry, &member)),
        None => Side::Empty(empty(&Loaded::of(&app, &member, &snapshot, now)?)),
    };
    let notice = query.added.map(|n| match n {
        1 => "1 card added to your review queue.".to_owned(),
        n => format!("{n} cards added to your review queue (cards already there keep their schedule)."),
    });
    let page = ReviewPage {
        csrf: &member.csrf,
        notice: notice.unwrap_or_default(),
        due: queue.due_count(),
        new: queue.new_count(),
        side,
    };
    Ok(private_page(
        StatusCode::OK,
        views::review(app.site.layout(true), &page)?,
    ))
}

/// "Nothing due": when the next card comes back, or that there are none.
fn empty(all: &Loaded<'_>) -> Empty {
    Empty {
        next: all
            .queue()
            .next_due_at()
            .map(|at| format_interval(at - all.now))
            .unwrap_or_default(),
        no_cards: all.entries.is_empty(),
    }
}

fn front<'a>(entry: &Entry<'a>, member: &Member) -> Front<'a> {
    Front {
        kind: entry.card.kind.as_str(),
        slug: entry.card.slug.clone(),
        title: entry.target.title(),
        program: match entry.target {
            Target::Quiz(quiz) => quiz.open(member.access()).map(|body| body.program_html.as_str()),
            Target::Question(_) => None,
        },
        version: Version::of(entry.card.version()),
    }
}

/// The card a review form names, at the version it showed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardForm {
    csrf: String,
    kind: String,
    slug: String,
    reps: i64,
    last_review: String,
    #[serde(default)]
    answer: String,
    grade: Option<String>,
}

impl CardForm {
    fn kind(&self) -> Result<CardKind, Failure> {
        CardKind::parse(&self.kind).ok_or(Failure::Invalid("The card kind is question or quiz".into()))
    }

    fn version(&self) -> Result<CardVersion, Failure> {
        let last_review = match self.last_review.as_str() {
            "" => None,
            text => Some(
                text.parse()
                    .map_err(|_| Failure::Invalid("The card's version is malformed".into()))?,
            ),
        };
        Ok(CardVersion {
            reps: self.reps,
            last_review,
        })
    }
}

/// "Show answer": the back of the card, with the reader's answer and the
/// four grades.
pub async fn reveal(
    State(app): AppState,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<CardForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    if form.answer.len() > store::MAX_TEXT_BYTES {
        return Err(Failure::Invalid("Your answer is over 10 KB".into()).into());
    }
    let now = store::now();
    let snapshot = queue::fresh_snapshot(&app, &member, now).await?;
    let loaded = Loaded::of(&app, &member, &snapshot, now)?;
    let kind = form.kind()?;
    let entry = loaded
        .entries
        .iter()
        .find(|entry| entry.is(Some(kind), &form.slug))
        .ok_or(Failure::NotFound("You have no such card."))?;
    if entry.card.version() != form.version()? {
        return Err(Failure::Stale.into());
    }
    let scheduler = loaded.scheduler()?;
    let preview = scheduler.preview(&entry.state, loaded.now).map_err(Failure::Corrupt)?;
    let back = Back {
        answer: form.answer.clone(),
        buttons: preview
            .iter()
            .zip(1..)
            .map(|(&(grade, due), key)| Button {
                grade: grade.as_str(),
                label: label(grade),
                key,
                when: format_interval(due - loaded.now),
            })
            .collect(),
        revealed: revealed(entry, &member),
    };
    let page = ReviewPage {
        csrf: &member.csrf,
        notice: String::new(),
        due: 0,
        new: 0,
        side: Side::Back(front(entry, &member), back),
    };
    Ok(private_page(
        StatusCode::OK,
        views::review(app.site.layout(true), &page)?,
    ))
}

fn label(grade: Grade) -> &'static str {
    match grade {
        Grade::Again => "Again",
        Grade::Hard => "Hard",
        Grade::Good => "Good",
        Grade::Easy => "Easy",
    }
}

/// What "Show answer" shows: the short answer to everyone; "What a strong
/// answer covers" only through `full_answer`, which wants access (or a free
/// sample); a quiz's answer and explanation (its card is in the queue only
/// when the reader may open it).
fn revealed(entry: &Entry<'_>, member: &Member) -> Revealed {
    match entry.target {
        Target::Question(question) => Revealed::Question(
            question.short_answer_html.clone(),
            question
                .full_answer(member.access())
                .and_then(|full| full.sections().iter().find(|s| s.kind == SectionKind::StrongAnswer))
                .map(|section| section.html.clone()),
        ),
        Target::Quiz(quiz) => match quiz.open(member.access()) {
            Some(body) => Revealed::Quiz(body.outcome(), body.shown_answer(), body.explanation_html.clone()),
            None => Revealed::Locked,
        },
    }
}

/// A grade: applied once, then on to the next card.
pub async fn grade(
    State(app): AppState,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<CardForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    let grade =
        Grade::parse(form.grade.as_deref().unwrap_or_default()).map_err(|error| Failure::Invalid(error.to_string()))?;
    let grading = Grading {
        kind: Some(form.kind()?),
        expected: Some(form.version()?),
        slug: form.slug,
        grade,
        answer: Some(form.answer),
    };
    queue::grade(&app, &member, grading).await?;
    Ok(Redirect::to("/practice/review").into_response())
}
