//! Counting cards by how far along they are: new, learning, due now and
//! mastered.

use crate::card::{CardState, Phase};

/// The stability, in days, from which a card counts as mastered. FSRS
/// stability is the interval after which the chance of recalling the card
/// has fallen to 90%: at 21 days or more, the reader would still answer it
/// nine times in ten three weeks after the last review. It is the bar Anki
/// sets for a "mature" card (an interval of 21 days), in FSRS's own terms.
pub const MASTERED_STABILITY: f64 = 21.0;

/// How many cards are in each condition. `new`, `learning` and `mastered`
/// never overlap (a card in Review with a lower stability is in none of
/// them); `due` is what is waiting now and overlaps `learning` and
/// `mastered`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub cards: u32,
    /// Never reviewed.
    pub new: u32,
    /// Learning or relearning.
    pub learning: u32,
    /// Reviewed and due at the moment counted.
    pub due: u32,
    /// In Review with a stability of at least [`MASTERED_STABILITY`] days.
    pub mastered: u32,
}

impl Counts {
    /// Counts `card` as it is at `now`.
    pub fn add(&mut self, card: &CardState, now: i64) {
        let count = |total: &mut u32, yes: bool| *total = total.saturating_add(u32::from(yes));
        count(&mut self.cards, true);
        count(&mut self.new, card.state == Phase::New);
        count(&mut self.learning, card.state.is_learning());
        count(&mut self.due, card.is_due(now));
        count(&mut self.mastered, is_mastered(card));
    }
}

/// In Review and stable for three weeks: see [`MASTERED_STABILITY`].
fn is_mastered(card: &CardState) -> bool {
    card.state == Phase::Review && card.stability >= MASTERED_STABILITY
}
