//! What can go wrong in a practice request, said once for pages and once for
//! the API. Every variant but `Store` and `Corrupt` is the request's fault
//! (a 4xx that changed nothing); a store failure is 503 or 500 as
//! elsewhere, and a stored row the practice rules reject is ours (500).

use crate::errors::PageError;
use axum::http::StatusCode;
use store::StoreError;

#[derive(Debug)]
pub enum Failure {
    /// No such question, quiz or card (for this reader).
    NotFound(&'static str),
    /// The card is not in the reader's queue now: not due yet, or a new
    /// card beyond today's allowance.
    NotDue,
    /// The card changed since the page was read: a double submit.
    Stale,
    /// A quiz that needs access the reader does not have.
    Locked,
    /// Input out of range or malformed, with the reason.
    Invalid(String),
    Store(StoreError),
    /// A stored card, review or setting the practice rules reject.
    Corrupt(practice::Error),
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Failure {
        match error {
            StoreError::NotFound => Failure::NotFound("You have no such card."),
            StoreError::StaleReview => Failure::Stale,
            StoreError::Invalid(reason) => Failure::Invalid(reason),
            other => Failure::Store(other),
        }
    }
}

impl Failure {
    fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            Failure::NotFound(message) => (StatusCode::NOT_FOUND, (*message).to_owned()),
            Failure::NotDue => (
                StatusCode::CONFLICT,
                "This card is not due now; nothing was recorded.".to_owned(),
            ),
            Failure::Stale => (
                StatusCode::CONFLICT,
                "This card was reviewed since the page was loaded (a double submit?); nothing was recorded.".to_owned(),
            ),
            Failure::Locked => (
                StatusCode::FORBIDDEN,
                "This quiz is for subscribers; nothing was recorded.".to_owned(),
            ),
            Failure::Invalid(reason) => (StatusCode::BAD_REQUEST, format!("{reason}; nothing was changed.")),
            Failure::Store(_) | Failure::Corrupt(_) => (StatusCode::INTERNAL_SERVER_ERROR, String::new()),
        }
    }

    /// The failure as the site's error page (JSON under `/api/`: the
    /// guard renders it so).
    pub fn page(self) -> PageError {
        match self {
            Failure::Store(error) => error.into(),
            Failure::Corrupt(error) => PageError::internal(&error),
            other => {
                let (status, message) = other.status_and_message();
                PageError::new(status, "Not recorded", message)
            }
        }
    }
}

impl From<Failure> for PageError {
    fn from(failure: Failure) -> PageError {
        failure.page()
    }
}
