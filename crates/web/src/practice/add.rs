//! Putting cards in the review queue: one question ("Practise this"), one
//! quiz, or every question of a topic or level (from browse pages). The
//! forms on prerendered pages carry no token (see `forms`); a signed-out
//! reader is sent to log in. Adding is idempotent: a card already there
//! keeps its schedule.

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::private_page;
use crate::practice::cards::Target;
use crate::practice::failure::Failure;
use crate::practice::forms::accepted;
use crate::practice::views::{self, Confirm};
use crate::viewer::SignedIn;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use bank::{Bank, Level, Question, Topic};
use serde::Deserialize;
use store::Card;

/// What to add: exactly one of a slug, a topic or a level.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddForm {
    slug: Option<String>,
    topic: Option<String>,
    level: Option<String>,
    csrf: Option<String>,
}

/// The cards a form asks for, the field and value to confirm with, and
/// what to call them.
struct Request<'a> {
    targets: Vec<Target<'a>>,
    field: &'static str,
    value: String,
    what: String,
}

/// Every question of the bank that `keep` accepts.
fn questions<'a>(bank: &'a Bank, keep: impl Fn(&Question) -> bool) -> Vec<Target<'a>> {
    bank.questions()
        .iter()
        .filter(|q| keep(q))
        .map(Target::Question)
        .collect()
}

fn read<'a>(bank: &'a Bank, form: &AddForm) -> Result<Request<'a>, Failure> {
    match (&form.slug, &form.topic, &form.level) {
        (Some(slug), None, None) => {
            let target = Target::find(bank, slug).ok_or(Failure::NotFound("No question or quiz has this slug."))?;
            Ok(Request {
                what: format!("“{}”", target.title()),
                targets: vec![target],
                field: "slug",
                value: slug.clone(),
            })
        }
        (None, Some(topic), None) => {
            let topic = Topic::parse(topic).ok_or(Failure::NotFound("There is no such topic."))?;
            Ok(Request {
                targets: questions(bank, |q| q.topics.contains(&topic)),
                field: "topic",
                value: topic.to_string(),
                what: format!("every question of the topic {}", topic.label()),
            })
        }
        (None, None, Some(level)) => {
            let level = Level::parse(level).ok_or(Failure::NotFound("There is no such level."))?;
            Ok(Request {
                targets: questions(bank, |q| q.level == level),
                field: "level",
                value: level.to_string(),
                what: format!("every {} question", level.label().to_lowercase()),
            })
        }
        _ => Err(Failure::Invalid("Send exactly one of slug, topic or level".into())),
    }
}

/// `POST /practice/cards`.
pub async fn add(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    headers: HeaderMap,
    ValidForm(form): ValidForm<AddForm>,
) -> Result<Response, PageError> {
    let request = read(&app.site.bank, &form)?;
    if !accepted(&member, form.csrf.as_deref(), &headers)? {
        let confirm = Confirm {
            message: format!("Add {} to your review queue?", request.what),
            action: "/practice/cards",
            field: request.field,
            value: request.value,
            button: "Add to my review queue",
        };
        let html = views::confirm(app.site.layout(true), &member.csrf, &confirm)?;
        return Ok(private_page(StatusCode::OK, html));
    }
    let now = store::now();
    let cards = request
        .targets
        .iter()
        .map(|target| target.new_card(member.access(), now))
        .collect::<Result<Vec<Card>, Failure>>()?;
    let added = app
        .store
        .add_cards(&member.user.id, &cards)
        .await
        .map_err(Failure::from)?;
    Ok(Redirect::to(&format!("/practice/review?added={added}")).into_response())
}
