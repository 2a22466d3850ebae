//! The practice room: saved questions and private notes, the review queue
//! (FSRS, through the `practice` crate), practice settings, "what does this
//! print?" quizzes on the web, and their JSON API. The rules live in
//! `practice` and the rows in `store`; this room only joins them to HTTP.
//! Mock interviews (`mock/`) and the progress page (`progress/`) are
//! neighbours with their own folders.

pub mod add;
pub mod api;
pub mod api_cards;
mod api_docs;
pub mod cards;
mod failure;
mod forms;
pub(crate) mod mock;
pub(crate) mod progress;
mod queue;
pub mod quiz_pages;
mod quizzes;
pub mod review;
pub mod saved;
pub mod settings;
mod views;

pub use api_docs::PracticeApi;
