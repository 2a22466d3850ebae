//! The reader's progress figures: their cards and the last 90 days of their
//! review log, from the store, filed under the bank's levels and topics,
//! computed by the practice rules (`practice::Progress`).

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::practice::cards::{record_of, state_of};
use ::practice::{HISTORY_DAYS, Progress, SECONDS_PER_DAY, TaggedCard};
use bank::Bank;
use store::{Card, CardKind};

/// A stored value the practice rules do not know (a state or grade number
/// out of range) is corrupt data: our failure, not the reader's.
fn corrupt(error: ::practice::Error) -> PageError {
    PageError::internal(&error)
}

/// The level and topics a card's question or quiz is filed under; `None`
/// for one the bank no longer holds (it cannot be reviewed, so it counts
/// nowhere).
fn tags(bank: &Bank, card: &Card) -> Option<(String, Vec<String>)> {
    let (level, topics) = match card.kind {
        CardKind::Question => {
            let question = bank.question(&card.slug)?;
            (question.level, &question.topics)
        }
        CardKind::Quiz => {
            let quiz = bank.quizzes().iter().find(|quiz| quiz.slug.as_str() == card.slug)?;
            (quiz.level, &quiz.topics)
        }
    };
    let topics = topics.iter().map(|topic| topic.as_str().to_owned()).collect();
    Some((level.as_str().to_owned(), topics))
}

/// The reader's progress now.
pub(crate) async fn progress(app: &SharedApp, user_id: &str) -> Result<Progress, PageError> {
    let now = store::now();
    let bank = &app.site.bank;
    let mut cards = Vec::new();
    for card in app.store.cards(user_id).await? {
        if let Some((level, topics)) = tags(bank, &card) {
            let card = state_of(&card).map_err(corrupt)?;
            cards.push(TaggedCard { card, level, topics });
        }
    }
    // Whole UTC days: from the first second of the oldest day shown.
    let since = (now.div_euclid(SECONDS_PER_DAY) - i64::from(HISTORY_DAYS) + 1) * SECONDS_PER_DAY;
    let reviews = app
        .store
        .reviews_since(user_id, since)
        .await?
        .iter()
        .map(|log| record_of(log).map_err(corrupt))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Progress::compute(&cards, &reviews, now))
}
