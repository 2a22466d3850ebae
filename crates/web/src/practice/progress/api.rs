//! `GET /api/v1/practice/progress`: the progress figures as JSON.

use super::figures::progress;
use crate::app::SharedApp;
use crate::errors::PageError;
use crate::practice::api::{member, private_json};
use crate::practice::mock::PastMock;
use crate::viewer::Viewer;
use ::practice::{Counts, DayCount};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Cards by condition; `due` overlaps `learning` and `mastered`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CountsJson {
    pub cards: u32,
    pub new: u32,
    pub learning: u32,
    pub due: u32,
    pub mastered: u32,
}

impl From<&Counts> for CountsJson {
    fn from(counts: &Counts) -> CountsJson {
        CountsJson {
            cards: counts.cards,
            new: counts.new,
            learning: counts.learning,
            due: counts.due,
            mastered: counts.mastered,
        }
    }
}

/// A count on one UTC day.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DayJson {
    /// YYYY-MM-DD (UTC).
    pub day: String,
    pub count: u32,
}

fn days(days: &[DayCount]) -> Vec<DayJson> {
    days.iter()
        .map(|day| DayJson {
            day: day.day.to_string(),
            count: day.count,
        })
        .collect()
}

/// The reader's progress.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ProgressJson {
    pub total: CountsJson,
    /// By level slug.
    pub by_level: BTreeMap<String, CountsJson>,
    /// By topic slug; a card under two topics counts in both.
    pub by_topic: BTreeMap<String, CountsJson>,
    /// The last 90 UTC days, oldest first, today last.
    pub reviews_per_day: Vec<DayJson>,
    /// The next 14 UTC days, today first (overdue cards count today).
    pub due_forecast: Vec<DayJson>,
    /// Share of due reviews (cards in review) not graded Again over the
    /// last 30 days, 0 to 1; null without any.
    pub retention: Option<f64>,
    /// UTC days in a row with a review, up to today (or yesterday).
    pub streak: u32,
    /// Mock interviews, newest first (each in full at `/api/v1/practice/mocks/{id}`).
    pub mocks: Vec<PastMock>,
}

#[utoipa::path(get, path = "/api/v1/practice/progress", tag = "practice",
    responses(
        (status = 200, description = "Cards by condition per level and topic, reviews per day, due forecast, retention, streak", body = ProgressJson),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn show(State(app): State<SharedApp>, viewer: Viewer) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let progress = progress(&app, &member.user.id).await?;
    let mocks = app.store.mocks(&member.user.id).await?;
    let mocks = mocks.iter().map(|mock| PastMock::of(&app.site.bank, mock)).collect();
    let map = |by: &BTreeMap<String, Counts>| by.iter().map(|(name, counts)| (name.clone(), counts.into())).collect();
    let body = ProgressJson {
        total: (&progress.total).into(),
        by_level: map(&progress.by_level),
        by_topic: map(&progress.by_topic),
        reviews_per_day: days(&progress.reviews_per_day),
        due_forecast: days(&progress.due_forecast),
        retention: progress.retention,
        streak: progress.streak,
        mocks,
    };
    Ok(private_json(StatusCode::OK, body))
}
