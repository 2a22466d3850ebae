//! `GET /practice`: the progress page.

use super::chart::{Chart, bar_chart};
use super::figures::progress;
use crate::app::SharedApp;
use crate::errors::PageError;
use crate::html::{Layout, private_page};
use crate::practice::mock::PastMock;
use crate::viewer::SignedIn;
use ::practice::{Counts, Progress, RETENTION_DAYS};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bank::{Level, Topic};

/// A row of a counts table: a level or topic and its cards.
struct CountRow {
    label: &'static str,
    counts: Counts,
}

#[derive(Template)]
#[template(path = "practice/progress.html")]
struct ProgressPage<'a> {
    layout: &'a Layout,
    total: Counts,
    levels: Vec<CountRow>,
    topics: Vec<CountRow>,
    /// Reviews per day, then the due forecast.
    charts: [Chart; 2],
    /// "87% of 23 due reviews remembered (last 30 days)", or why there is none.
    retention: String,
    streak: u32,
    past: Vec<PastMock>,
}

/// The rows of a table, in the bank's order, for the names present.
fn rows<T: Copy>(
    all: &[T],
    name: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    by_name: &std::collections::BTreeMap<String, Counts>,
) -> Vec<CountRow> {
    all.iter()
        .filter_map(|&item| {
            let counts = *by_name.get(name(item))?;
            Some(CountRow {
                label: label(item),
                counts,
            })
        })
        .collect()
}

fn retention_text(progress: &Progress, reviews: usize) -> String {
    match progress.retention {
        Some(share) => format!(
            "{:.0}% of due reviews remembered over the last {RETENTION_DAYS} days",
            share * 100.0
        ),
        None if reviews == 0 => "No reviews yet.".to_owned(),
        None => format!("No due reviews in the last {RETENTION_DAYS} days (only new and learning cards)."),
    }
}

pub(crate) async fn show(State(app): State<SharedApp>, SignedIn(member): SignedIn) -> Result<Response, PageError> {
    let progress = progress(&app, &member.user.id).await?;
    let mocks = app.store.mocks(&member.user.id).await?;
    let reviews: usize = progress.reviews_per_day.iter().map(|day| day.count as usize).sum();
    let page = ProgressPage {
        layout: app.site.layout(true),
        total: progress.total,
        levels: rows(Level::ALL, Level::as_str, Level::label, &progress.by_level),
        topics: rows(Topic::ALL, Topic::as_str, Topic::label, &progress.by_topic),
        charts: [
            bar_chart(
                "reviews-chart",
                "Reviews per day, last 90 days",
                &progress.reviews_per_day,
                "reviews",
            ),
            bar_chart(
                "forecast-chart",
                "Cards due per day, next 14 days",
                &progress.due_forecast,
                "cards due",
            ),
        ],
        retention: retention_text(&progress, reviews),
        streak: progress.streak,
        past: mocks.iter().map(|mock| PastMock::of(&app.site.bank, mock)).collect(),
    };
    Ok(private_page(StatusCode::OK, page.render()?))
}
