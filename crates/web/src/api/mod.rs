//! The JSON API under `/api/v1`, and its OpenAPI document. Account and
//! practice endpoints live with their rooms; this room serves the bank.

pub mod openapi;
pub mod questions;
pub mod search;
