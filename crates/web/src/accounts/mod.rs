//! Accounts: sign-up, login and logout (pages and API), the account page
//! with its tokens, password change, data download and deletion.

pub mod account;
pub mod auth;
mod views;
