//! Progress at `/practice` and `/api/v1/practice/progress`: how many cards
//! are new, learning, due and mastered per level and topic, reviews per day
//! over 90 days and the due forecast for 14 as server-drawn SVG charts,
//! retention on due reviews, the streak, and the mock history.

pub(crate) mod api;
mod chart;
mod figures;
pub(crate) mod page;
