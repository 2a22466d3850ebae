//! What a card is about and how its rows meet the practice rules: a slug
//! names a bank question (other phrasings lead to it) or a quiz; a store
//! card becomes a `practice::CardState` and back; a review becomes a log row.

use crate::practice::failure::Failure;
use crate::practice::quizzes::{ShelfQuiz, shelf};
use bank::{Access, Bank, Lookup, Question};
use practice::{CardState, Phase, ReviewRecord};
use store::{Card, CardKind, ReviewLog};

/// What a card asks about.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Question(&'a Question),
    Quiz(&'a ShelfQuiz),
}

impl<'a> Target<'a> {
    /// The question (by slug or another phrasing) or quiz `slug` names.
    pub fn find(bank: &'a Bank, slug: &str) -> Option<Target<'a>> {
        match bank.lookup(slug) {
            Some(Lookup::Question(question) | Lookup::Alias(question)) => Some(Target::Question(question)),
            None => shelf(bank).quiz(slug).map(Target::Quiz),
        }
    }

    /// The target of a card the reader has.
    pub fn of_card(bank: &'a Bank, kind: CardKind, slug: &str) -> Option<Target<'a>> {
        match kind {
            CardKind::Question => bank.question(slug).map(Target::Question),
            CardKind::Quiz => shelf(bank).quiz(slug).map(Target::Quiz),
        }
    }

    pub fn kind(&self) -> CardKind {
        match self {
            Target::Question(_) => CardKind::Question,
            Target::Quiz(_) => CardKind::Quiz,
        }
    }

    pub fn slug(&self) -> &'a str {
        match self {
            Target::Question(question) => question.slug.as_str(),
            Target::Quiz(quiz) => &quiz.slug,
        }
    }

    pub fn title(&self) -> &'a str {
        match self {
            Target::Question(question) => &question.title,
            Target::Quiz(quiz) => &quiz.title,
        }
    }

    /// Whether the reader may practise it: every question (its short answer
    /// is free), a quiz only when it is free or the reader has access.
    pub fn is_open(&self, access: Option<&Access>) -> bool {
        match self {
            Target::Question(_) => true,
            Target::Quiz(quiz) => quiz.open(access).is_some(),
        }
    }

    /// A new card for it, or `Locked` when the reader may not practise it.
    pub fn new_card(&self, access: Option<&Access>, now: i64) -> Result<Card, Failure> {
        if self.is_open(access) {
            Ok(Card::new(self.kind(), self.slug(), now))
        } else {
            Err(Failure::Locked)
        }
    }
}

/// The store's card as the practice rules see it; an error if its stored
/// state is not one the rules know. Every page and API of the room reads
/// cards through this (and reviews through [`record_of`]), each deciding
/// what a corrupt row means for its answer.
pub fn state_of(card: &Card) -> Result<CardState, practice::Error> {
    let state = Phase::from_number(card.state)?;
    Ok(CardState {
        due: card.due,
        stability: card.stability,
        difficulty: card.difficulty,
        elapsed_days: card.elapsed_days,
        scheduled_days: card.scheduled_days,
        reps: card.reps,
        lapses: card.lapses,
        state,
        last_review: card.last_review,
        added_at: card.added_at,
    })
}

/// The card row for a new state of `card`.
pub fn card_with(card: &Card, state: &CardState) -> Card {
    Card {
        kind: card.kind,
        slug: card.slug.clone(),
        due: state.due,
        stability: state.stability,
        difficulty: state.difficulty,
        elapsed_days: state.elapsed_days,
        scheduled_days: state.scheduled_days,
        reps: state.reps,
        lapses: state.lapses,
        state: state.state.number(),
        last_review: state.last_review,
        added_at: card.added_at,
    }
}

/// The log row of a review of `card`, with the reader's written answer.
pub fn log_of(card: &Card, record: &ReviewRecord, answer: Option<String>) -> ReviewLog {
    ReviewLog {
        kind: card.kind,
        slug: card.slug.clone(),
        grade: record.grade.number(),
        reviewed_at: record.reviewed_at,
        elapsed_days: record.elapsed_days,
        scheduled_days: record.scheduled_days,
        state_before: record.state_before.number(),
        state_after: record.state_after.number(),
        stability_before: record.stability_before,
        stability_after: record.stability_after,
        difficulty_before: record.difficulty_before,
        difficulty_after: record.difficulty_after,
        answer,
    }
}

/// A log row as the practice rules read it; an error if a stored grade or
/// state is not one they know.
pub fn record_of(log: &ReviewLog) -> Result<ReviewRecord, practice::Error> {
    Ok(ReviewRecord {
        grade: practice::Grade::from_number(log.grade.into())?,
        reviewed_at: log.reviewed_at,
        elapsed_days: log.elapsed_days,
        scheduled_days: log.scheduled_days,
        state_before: Phase::from_number(log.state_before)?,
        state_after: Phase::from_number(log.state_after)?,
        stability_before: log.stability_before,
        stability_after: log.stability_after,
        difficulty_before: log.difficulty_before,
        difficulty_after: log.difficulty_after,
    })
}
