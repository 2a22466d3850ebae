//! The one error type of the crate. Every variant is a rule a caller broke
//! (a value out of range, a name that means nothing, a mock that cannot be
//! filled), worded so the web layer can show it to the reader as it is.

use thiserror::Error;

/// What went wrong, in words a reader can act on.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    #[error("desired retention must be between 0.80 and 0.97, not {0}")]
    Retention(f64),
    #[error("new cards per day must be between 0 and 100, not {0}")]
    NewPerDay(i64),
    #[error("unknown grade {0:?}: expected again, hard, good, easy or 1 to 4")]
    UnknownGrade(String),
    #[error("unknown self-grade {0:?}: expected weak, solid or strong")]
    UnknownSelfGrade(String),
    #[error("unknown card state {0}: expected 0 (new), 1 (learning), 2 (review) or 3 (relearning)")]
    UnknownPhase(i16),
    #[error("time {0} (Unix seconds) is out of the range the scheduler handles")]
    TimeOutOfRange(i64),
    #[error("the card's memory state is invalid (stability {stability}, difficulty {difficulty})")]
    InvalidMemory { stability: f64, difficulty: f64 },
    #[error("a mock interview has 3 to 10 questions, not {0}")]
    MockSize(usize),
    #[error("only {found} questions match the filters; the mock needs {wanted}")]
    NotEnoughQuestions { wanted: usize, found: usize },
}
