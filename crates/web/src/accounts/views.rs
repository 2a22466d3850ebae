//! The account pages' templates: sign-up, login and the account page.

use crate::billing::plan::PlanFacts;
use crate::html::{Layout, human_instant};
use askama::Template;

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    email: &'a str,
    error: &'a str,
}

pub fn signup(layout: &Layout, csrf: &str, email: &str, error: &str) -> askama::Result<String> {
    SignupPage {
        layout,
        csrf,
        email,
        error,
    }
    .render()
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    email: &'a str,
    error: &'a str,
}

pub fn login(layout: &Layout, csrf: &str, email: &str, error: &str) -> askama::Result<String> {
    LoginPage {
        layout,
        csrf,
        email,
        error,
    }
    .render()
}

/// An API token as the account page lists it.
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created: String,
    pub last_used: String,
}

impl TokenRow {
    pub fn new(token: &store::ApiToken) -> TokenRow {
        TokenRow {
            id: token.id.clone(),
            name: token.name.clone(),
            created: human_instant(token.created_at),
            last_used: token.last_used_at.map(human_instant).unwrap_or_else(|| "never".into()),
        }
    }
}

/// What the account page shows besides the plan.
pub struct AccountView<'a> {
    pub notice: &'a str,
    pub error: &'a str,
    pub tokens: Vec<TokenRow>,
    /// A token just created, shown this once.
    pub new_token: &'a str,
    /// The site sends mail, so the email address can be changed.
    pub mail_on: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    email: &'a str,
    plan: String,
    view: AccountView<'a>,
}

pub fn account(layout: &Layout, csrf: &str, facts: &PlanFacts<'_>, view: AccountView<'_>) -> askama::Result<String> {
    AccountPage {
        layout,
        csrf,
        email: facts.email,
        plan: facts.plan(),
        view,
    }
    .render()
}
