//! A card's scheduling state and the log entry a review leaves, in the plain
//! shapes the store keeps (Unix seconds, FSRS's numbers). This crate and the
//! store agree on these shapes and nothing else; the web layer maps rows to
//! them. A card is a bank question or a quiz the reader practises; which one
//! is the caller's business, keyed outside this crate.

use crate::error::Error;
use crate::grade::Grade;

/// Where a card is in FSRS's life cycle. The numbers are the store's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// Never reviewed.
    New,
    /// Reviewed for the first time recently: shown again within minutes.
    Learning,
    /// Remembered: shown again after days to months.
    Review,
    /// Forgotten after having been remembered: shown again within minutes.
    Relearning,
}

impl Phase {
    /// The number the store keeps (0 New to 3 Relearning).
    pub fn number(self) -> i16 {
        match self {
            Phase::New => 0,
            Phase::Learning => 1,
            Phase::Review => 2,
            Phase::Relearning => 3,
        }
    }

    /// The phase the store numbers `number`.
    pub fn from_number(number: i16) -> Result<Phase, Error> {
        match number {
            0 => Ok(Phase::New),
            1 => Ok(Phase::Learning),
            2 => Ok(Phase::Review),
            3 => Ok(Phase::Relearning),
            _ => Err(Error::UnknownPhase(number)),
        }
    }

    /// Learning or relearning: the card comes back within minutes.
    pub fn is_learning(self) -> bool {
        matches!(self, Phase::Learning | Phase::Relearning)
    }
}

impl TryFrom<i16> for Phase {
    type Error = Error;

    fn try_from(number: i16) -> Result<Phase, Error> {
        Phase::from_number(number)
    }
}

/// A card's scheduling state, mirroring FSRS's card (and the store's row).
#[derive(Debug, Clone, PartialEq)]
pub struct CardState {
    /// When the card should next be shown (Unix seconds).
    pub due: i64,
    /// FSRS stability: the interval, in days, after which recall falls to 90%.
    pub stability: f64,
    /// FSRS difficulty, 1 (easy) to 10 (hard).
    pub difficulty: f64,
    /// Days between the last two reviews.
    pub elapsed_days: i64,
    /// Days the card was last scheduled for (0 while learning).
    pub scheduled_days: i64,
    /// Reviews so far.
    pub reps: i64,
    /// Times the card was forgotten after having been remembered.
    pub lapses: i64,
    pub state: Phase,
    /// When it was last reviewed (None for a new card).
    pub last_review: Option<i64>,
    /// When the reader added it: new cards are introduced oldest first.
    pub added_at: i64,
}

impl CardState {
    /// A card the reader adds at `now` and has never reviewed: due at once.
    pub fn new(now: i64) -> CardState {
        CardState {
            due: now,
            stability: 0.0,
            difficulty: 0.0,
            elapsed_days: 0,
            scheduled_days: 0,
            reps: 0,
            lapses: 0,
            state: Phase::New,
            last_review: None,
            added_at: now,
        }
    }

    /// A card that has been reviewed and whose time has come (new cards are
    /// not "due": they wait for the day's new-card allowance).
    pub fn is_due(&self, now: i64) -> bool {
        self.state != Phase::New && self.due <= now
    }
}

impl AsRef<CardState> for CardState {
    fn as_ref(&self) -> &CardState {
        self
    }
}

/// The log entry one review leaves: enough to optimize FSRS's parameters
/// later and to draw the progress figures. The card's key and the reader's
/// written answer are the caller's to add when storing it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRecord {
    pub grade: Grade,
    /// When the review happened (Unix seconds).
    pub reviewed_at: i64,
    /// Whole days since the card's previous review (0 for a new card).
    pub elapsed_days: i64,
    /// Days the card had been scheduled for before this review, as FSRS's
    /// own log keeps it: against `elapsed_days` it shows an early or late
    /// review. The new interval is in the card.
    pub scheduled_days: i64,
    pub state_before: Phase,
    pub state_after: Phase,
    pub stability_before: f64,
    pub stability_after: f64,
    pub difficulty_before: f64,
    pub difficulty_after: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_card_is_waiting_but_not_due() {
        let card = CardState::new(1_000);
        assert_eq!(card.state, Phase::New);
        assert_eq!((card.due, card.added_at, card.last_review), (1_000, 1_000, None));
        assert!(!card.is_due(2_000));
    }

    #[test]
    fn phases_keep_the_store_numbers() {
        for number in 0..4 {
            assert_eq!(Phase::from_number(number).map(Phase::number), Ok(number));
        }
        assert_eq!(Phase::try_from(4), Err(Error::UnknownPhase(4)));
        assert_eq!(Phase::from_number(-1), Err(Error::UnknownPhase(-1)));
    }
}
