//! A reader's queue as the practice rules order it, loaded from the store,
//! and grading a card in it: the one path every review takes, from a page
//! or the API, so "not yours", "not due" and "graded twice" are refused
//! alike everywhere.

use crate::app::SharedApp;
use crate::practice::cards::{Target, card_with, log_of, record_of, state_of};
use crate::practice::failure::Failure;
use crate::viewer::Member;
use practice::{CardState, Grade, Queue, ReviewRecord, Scheduler, UtcDay};
use std::sync::Arc;
use store::{Card, CardKind, CardVersion, PracticeSettings, PracticeSnapshot};

/// One of the reader's cards, with what it asks about.
#[derive(Debug)]
pub struct Entry<'a> {
    pub card: &'a Card,
    pub state: CardState,
    pub target: Target<'a>,
}

impl AsRef<CardState> for Entry<'_> {
    fn as_ref(&self) -> &CardState {
        &self.state
    }
}

impl Entry<'_> {
    pub fn is(&self, kind: Option<CardKind>, slug: &str) -> bool {
        self.card.slug == slug && kind.is_none_or(|kind| self.card.kind == kind)
    }
}

/// A reader's cards they may practise now, today's reviews and settings.
#[derive(Debug)]
pub struct Loaded<'a> {
    pub entries: Vec<Entry<'a>>,
    /// Cards the reader has but may not see now (a quiz after access lapsed).
    pub locked: Vec<&'a Card>,
    records: Vec<ReviewRecord>,
    pub settings: PracticeSettings,
    pub now: i64,
}

/// The reader's cards, today's reviews and settings as last read (at most
/// a second ago, see `store::PracticeSnapshot`): for showing the queue.
pub async fn snapshot(app: &SharedApp, member: &Member, now: i64) -> Result<Arc<PracticeSnapshot>, Failure> {
    Ok(app
        .store
        .practice_snapshot(&member.user.id, UtcDay::of(now).start())
        .await?)
}

/// The same, read from the database now: for deciding a write.
pub async fn fresh_snapshot(app: &SharedApp, member: &Member, now: i64) -> Result<Arc<PracticeSnapshot>, Failure> {
    Ok(app
        .store
        .load_practice_snapshot(&member.user.id, UtcDay::of(now).start())
        .await?)
}

impl<'a> Loaded<'a> {
    /// The queue `snapshot` holds at `now`, as `member` may see it.
    pub fn of(
        app: &'a SharedApp,
        member: &Member,
        snapshot: &'a PracticeSnapshot,
        now: i64,
    ) -> Result<Loaded<'a>, Failure> {
        Loaded::with(app, member, snapshot, now, |_| true)
    }

    /// The same with only the cards due at `now` (new cards are due from
    /// the moment they are added): enough to show the queue, but not to say
    /// when the next card falls due or whether the reader has any. Most of
    /// a long-time reader's cards are not due, and every card kept costs a
    /// look-up in the bank.
    pub fn due_now(
        app: &'a SharedApp,
        member: &Member,
        snapshot: &'a PracticeSnapshot,
        now: i64,
    ) -> Result<Loaded<'a>, Failure> {
        Loaded::with(app, member, snapshot, now, |card| card.due <= now)
    }

    fn with(
        app: &'a SharedApp,
        member: &Member,
        snapshot: &'a PracticeSnapshot,
        now: i64,
        keep: impl Fn(&Card) -> bool,
    ) -> Result<Loaded<'a>, Failure> {
        let mut entries = Vec::new();
        let mut locked = Vec::new();
        for card in snapshot.cards.iter().filter(|card| keep(card)) {
            match Target::of_card(&app.site.bank, card.kind, &card.slug) {
                Some(target) if target.is_open(member.access()) => entries.push(Entry {
                    state: state_of(card).map_err(Failure::Corrupt)?,
                    card,
                    target,
                }),
                Some(_) => locked.push(card),
                // A question or quiz no longer in the bank: nothing to show.
                None => {}
            }
        }
        Ok(Loaded {
            entries,
            locked,
            records: snapshot.reviews.iter().filter_map(|log| record_of(log).ok()).collect(),
            settings: snapshot.settings,
            now,
        })
    }

    /// The queue now: due cards, then today's new ones.
    pub fn queue(&self) -> Queue<'_, Entry<'a>> {
        let new_per_day = u32::try_from(self.settings.new_per_day).unwrap_or(0);
        Queue::build(&self.entries, self.now, &self.records, new_per_day)
    }

    pub fn scheduler(&self) -> Result<Scheduler, Failure> {
        Scheduler::new(self.settings.desired_retention).map_err(Failure::Corrupt)
    }

    /// How many reviews today.
    pub fn reviews_today(&self) -> usize {
        self.records.len()
    }
}

/// One grading, as a form or the API sends it.
#[derive(Debug)]
pub struct Grading {
    pub kind: Option<CardKind>,
    pub slug: String,
    /// The card's version the page showed; `None` from the API (then a
    /// second grade finds the card no longer due).
    pub expected: Option<CardVersion>,
    pub grade: Grade,
    /// What the reader wrote before revealing, kept with the review.
    pub answer: Option<String>,
}

/// Applies a grade to one of the reader's cards and returns the card as it
/// is now. Refused, with nothing changed, when the reader has no such card
/// (another reader's card is simply not theirs), may not see it, it is not
/// in their queue now, or it changed since the page was read.
pub async fn grade(app: &SharedApp, member: &Member, grading: Grading) -> Result<Card, Failure> {
    let now = store::now();
    let snapshot = fresh_snapshot(app, member, now).await?;
    let loaded = Loaded::of(app, member, &snapshot, now)?;
    let Some(entry) = loaded.entries.iter().find(|e| e.is(grading.kind, &grading.slug)) else {
        let locked = loaded.locked.iter().any(|card| card.slug == grading.slug);
        return Err(if locked {
            Failure::Locked
        } else {
            Failure::NotFound("You have no card for this slug in your review queue.")
        });
    };
    if let Some(expected) = grading.expected
        && expected != entry.card.version()
    {
        return Err(Failure::Stale);
    }
    if !loaded.queue().cards().any(|due| std::ptr::eq(due, entry)) {
        return Err(Failure::NotDue);
    }
    let scheduler = loaded.scheduler()?;
    let (after, record) = scheduler
        .review(&entry.state, grading.grade, loaded.now)
        .map_err(Failure::Corrupt)?;
    let updated = card_with(entry.card, &after);
    let answer = grading.answer.filter(|text| !text.trim().is_empty());
    let log = log_of(entry.card, &record, answer);
    app.store
        .apply_review(&member.user.id, entry.card.version(), &updated, &log)
        .await?;
    Ok(updated)
}
