//! Mock interviews: picking the questions of a timed mock and scoring it from
//! the reader's own grades. Questions are known here by slug, level and
//! topics as the caller names them; timing and storage are the caller's.

mod pick;
mod score;

pub use pick::{Candidate, MOCK_SIZE, pick_mock};
pub use score::{ItemScore, MockItem, MockScore, SelfGrade, TopicScore, score_mock};
