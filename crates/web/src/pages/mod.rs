//! The pages of the bank: lists, questions, search and downloads.

pub mod export;
pub mod questions;
pub mod search;
