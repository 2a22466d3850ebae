//! The practice rules: when a card comes back (FSRS), which card is next in a
//! reader's review queue, how a mock interview is picked and scored, and the
//! progress figures. Pure logic over plain data (Unix seconds, FSRS numbers,
//! question slugs, levels and topics as the caller names them): knows nothing
//! of HTTP, SQL or the bank, so the store and the web layer meet here only
//! through the shapes of [`CardState`] and [`ReviewRecord`].
//!
//! Days are UTC days throughout ([`UtcDay`]): the new-card cap, reviews per
//! day, the streak and the forecast roll over at 00:00 UTC for every reader.
//!
//! # Why rs-fsrs, not fsrs
//!
//! Both come from the Open Spaced Repetition group. We use **rs-fsrs** (1.2,
//! FSRS-5), a scheduler and nothing else: its `Card` (due, stability,
//! difficulty, elapsed and scheduled days, reps, lapses, New / Learning /
//! Review / Relearning, last review) is exactly the card our store keeps, and
//! it runs the short-term learning steps (1, 5 and 10 minutes) itself. Its
//! only required dependency is chrono. A clean debug build of it took 4.9 s here
//! (2 shared cores, 3.9 s of CPU).
//!
//! **fsrs** (6.6, FSRS-6, the engine inside Anki) brings the parameter
//! optimizer, simulator and evaluation with it: 43 crates including ndarray,
//! rayon, rand, snafu and strum (the burn ML framework is now only a dev
//! dependency), and a clean debug build took 40 s (28 s of CPU), eight times
//! as long, on every clean build of the workspace. It also gives memory
//! states and intervals in days only: the card life cycle and learning steps
//! would be ours to write. We need neither the optimizer nor the cost now;
//! review logs keep what an optimizer needs (grade, elapsed days, states
//! before and after), so weights can be fitted to a reader later: FSRS-5
//! weights go to [`Scheduler::with_weights`]; moving to FSRS-6 would mean
//! moving to fsrs, with the same logs.

mod card;
mod day;
mod error;
mod fsrs_card;
mod grade;
mod interval;
mod mock;
mod progress;
mod queue;
mod scheduler;
mod settings;

pub use card::{CardState, Phase, ReviewRecord};
pub use day::{SECONDS_PER_DAY, UtcDay};
pub use error::Error;
pub use grade::Grade;
pub use interval::format_interval;
pub use mock::{Candidate, ItemScore, MOCK_SIZE, MockItem, MockScore, SelfGrade, TopicScore, pick_mock, score_mock};
pub use progress::{
    Counts, DayCount, FORECAST_DAYS, HISTORY_DAYS, MASTERED_STABILITY, Progress, RETENTION_DAYS, TaggedCard,
    due_forecast, retention, reviews_per_day, streak,
};
pub use queue::Queue;
pub use scheduler::{Scheduler, Weights};
pub use settings::{
    DEFAULT_NEW_PER_DAY, DEFAULT_RETENTION, NEW_PER_DAY_RANGE, RETENTION_RANGE, Settings, check_new_per_day,
    check_retention,
};
