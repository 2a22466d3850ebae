//! The practice rules: when a card comes back (FSRS), which card is next in a
//! reader's review queue, how a mock interview is picked and scored, and the
//! progress figures. Pure logic over plain data (Unix seconds, FSRS numbers,
//! question slugs, levels and topics as the caller names them): knows nothing
//! of HTTP, SQL or the bank, so the store and the web layer meet here only
//! through the shapes of [`CardState`] and [`ReviewRecord`].

mod card;
mod day;
mod error;
mod grade;
mod settings;

pub use card::{CardState, Phase, ReviewRecord};
pub use day::{SECONDS_PER_DAY, UtcDay};
pub use error::Error;
pub use grade::Grade;
pub use settings::{
    DEFAULT_NEW_PER_DAY, DEFAULT_RETENTION, NEW_PER_DAY_RANGE, RETENTION_RANGE, Settings, check_new_per_day,
    check_retention,
};
