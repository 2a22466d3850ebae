//! Mock interviews: a reader's timed set of 3 to 10 questions, kept with
//! their answers and self-grades. Creating, reading, listing and finishing
//! a mock are here; an item's steps (start, reveal, grade) are in
//! `mock_items`. A mock is only ever visible to its owner: another reader's
//! mock id is "not found".

use crate::Timestamp;
use crate::bounded::{commit, on};
use crate::db::Store;
use crate::error::StoreError;
use crate::input::check_slug;
use crate::secret::new_id;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

/// How many questions a mock has.
pub const MOCK_ITEMS: RangeInclusive<usize> = 3..=10;
/// The minutes per question a reader may choose.
pub const MOCK_MINUTES: RangeInclusive<i64> = 1..=30;
/// The most topics a mock's filter names.
pub const MAX_MOCK_TOPICS: usize = 50;

/// How the reader judged their own answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SelfGrade {
    Weak,
    Solid,
    Strong,
}

impl SelfGrade {
    pub fn as_str(self) -> &'static str {
        match self {
            SelfGrade::Weak => "weak",
            SelfGrade::Solid => "solid",
            SelfGrade::Strong => "strong",
        }
    }

    pub fn parse(text: &str) -> Option<SelfGrade> {
        match text {
            "weak" => Some(SelfGrade::Weak),
            "solid" => Some(SelfGrade::Solid),
            "strong" => Some(SelfGrade::Strong),
            _ => None,
        }
    }
}

/// What a new mock is made of: the filter it was picked with and the
/// questions picked, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockPlan {
    /// The level filter (a level slug), `None` for any level.
    pub level: Option<String>,
    /// The topic filter (topic slugs), empty for any topic.
    pub topics: Vec<String>,
    pub minutes_per_question: i64,
    /// The questions' slugs, in the order they are asked.
    pub slugs: Vec<String>,
}

/// A mock interview and its items, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mock {
    pub id: String,
    pub level: Option<String>,
    pub topics: Vec<String>,
    pub minutes_per_question: i64,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub items: Vec<MockItem>,
}

/// One question of a mock. The deadline is set by the server when the item
/// starts: `started_at` plus the mock's minutes per question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MockItem {
    /// 1 for the first question.
    pub position: i64,
    pub slug: String,
    pub started_at: Option<Timestamp>,
    pub deadline: Option<Timestamp>,
    pub revealed_at: Option<Timestamp>,
    pub self_grade: Option<SelfGrade>,
    /// What the reader wrote before revealing the answer (at most 10 KB).
    pub answer: Option<String>,
}

const MOCK_COLUMNS: &str = "id, level, topics, minutes_per_question, created_at, finished_at";
pub(crate) const ITEM_COLUMNS: &str = "position, slug, started_at, deadline, revealed_at, self_grade, answer";

impl MockPlan {
    fn check(&self) -> Result<(), StoreError> {
        if !MOCK_ITEMS.contains(&self.slugs.len()) {
            return Err(StoreError::Invalid(format!(
                "a mock interview has {} to {} questions",
                MOCK_ITEMS.start(),
                MOCK_ITEMS.end()
            )));
        }
        if !MOCK_MINUTES.contains(&self.minutes_per_question) {
            return Err(StoreError::Invalid(format!(
                "minutes per question must be from {} to {}",
                MOCK_MINUTES.start(),
                MOCK_MINUTES.end()
            )));
        }
        let mut seen = HashSet::new();
        for slug in &self.slugs {
            check_slug("a question", slug)?;
            if !seen.insert(slug) {
                return Err(StoreError::Invalid(format!("`{slug}` is in the mock twice")));
            }
        }
        if let Some(level) = &self.level {
            check_slug("the level", level)?;
        }
        if self.topics.len() > MAX_MOCK_TOPICS {
            return Err(StoreError::Invalid(format!("at most {MAX_MOCK_TOPICS} topics")));
        }
        for topic in &self.topics {
            check_slug("a topic", topic)?;
        }
        Ok(())
    }
}

impl Mock {
    fn from_row(row: &AnyRow, items: Vec<MockItem>) -> Result<Mock, sqlx::Error> {
        let topics: String = row.try_get("topics")?;
        Ok(Mock {
            id: row.try_get("id")?,
            level: row.try_get("level")?,
            // Topic slugs cannot hold commas (`check_slug`).
            topics: topics
                .split(',')
                .filter(|topic| !topic.is_empty())
                .map(str::to_owned)
                .collect(),
            minutes_per_question: row.try_get("minutes_per_question")?,
            created_at: row.try_get("created_at")?,
            finished_at: row.try_get("finished_at")?,
            items,
        })
    }
}

impl MockItem {
    pub(crate) fn from_row(row: &AnyRow) -> Result<MockItem, sqlx::Error> {
        let grade: Option<String> = row.try_get("self_grade")?;
        let self_grade = grade
            .map(|text| {
                SelfGrade::parse(&text)
                    .ok_or_else(|| sqlx::Error::Decode(format!("unknown self-grade `{text}`").into()))
            })
            .transpose()?;
        Ok(MockItem {
            position: row.try_get("position")?,
            slug: row.try_get("slug")?,
            started_at: row.try_get("started_at")?,
            deadline: row.try_get("deadline")?,
            revealed_at: row.try_get("revealed_at")?,
            self_grade,
            answer: row.try_get("answer")?,
        })
    }
}

impl Store {
    /// Creates a mock with its items (positions 1..=n), none started. A bad
    /// plan (size, minutes, a repeated or malformed slug) is `Invalid`, an
    /// unknown user `NoSuchUser`; either way nothing is created.
    pub async fn create_mock(&self, user_id: &str, plan: &MockPlan, at: Timestamp) -> Result<Mock, StoreError> {
        plan.check()?;
        let id = new_id();
        let mut tx = self.begin().await?;
        sqlx::query(&format!(
            "INSERT INTO mocks (user_id, {MOCK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, NULL)"
        ))
        .bind(user_id)
        .bind(&id)
        .bind(&plan.level)
        .bind(plan.topics.join(","))
        .bind(plan.minutes_per_question)
        .bind(at)
        .execute(on(&mut tx))
        .await
        .map_err(StoreError::from_user_write)?;
        let mut items = Vec::with_capacity(plan.slugs.len());
        for (position, slug) in (1..).zip(&plan.slugs) {
            sqlx::query("INSERT INTO mock_items (mock_id, position, slug) VALUES ($1, $2, $3)")
                .bind(&id)
                .bind(position)
                .bind(slug)
                .execute(on(&mut tx))
                .await?;
            items.push(MockItem {
                position,
                slug: slug.clone(),
                started_at: None,
                deadline: None,
                revealed_at: None,
                self_grade: None,
                answer: None,
            });
        }
        commit(tx).await?;
        Ok(Mock {
            id,
            level: plan.level.clone(),
            topics: plan.topics.clone(),
            minutes_per_question: plan.minutes_per_question,
            created_at: at,
            finished_at: None,
            items,
        })
    }

    /// The reader's mock with this id; `None` if there is none or it is
    /// another reader's.
    pub async fn mock(&self, user_id: &str, mock_id: &str) -> Result<Option<Mock>, StoreError> {
        let Some(row) = sqlx::query(&format!(
            "SELECT {MOCK_COLUMNS} FROM mocks WHERE id = $1 AND user_id = $2"
        ))
        .bind(mock_id)
        .bind(user_id)
        .fetch_optional(self.bounded())
        .await?
        else {
            return Ok(None);
        };
        let items = sqlx::query(&format!(
            "SELECT {ITEM_COLUMNS} FROM mock_items WHERE mock_id = $1 ORDER BY position"
        ))
        .bind(mock_id)
        .fetch_all(self.bounded())
        .await?
        .iter()
        .map(MockItem::from_row)
        .collect::<Result<_, _>>()?;
        Ok(Some(Mock::from_row(&row, items)?))
    }

    /// The reader's mocks, newest first, with their items.
    pub async fn mocks(&self, user_id: &str) -> Result<Vec<Mock>, StoreError> {
        // Mocks first: a mock created meanwhile has all its items or is not listed.
        let rows = sqlx::query(&format!(
            "SELECT {MOCK_COLUMNS} FROM mocks WHERE user_id = $1 ORDER BY created_at DESC, id"
        ))
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        let item_rows = sqlx::query(&format!(
            "SELECT i.mock_id, {} FROM mock_items i JOIN mocks m ON m.id = i.mock_id \
             WHERE m.user_id = $1 ORDER BY i.mock_id, i.position",
            ITEM_COLUMNS
                .split(", ")
                .map(|column| format!("i.{column}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        let mut items: HashMap<String, Vec<MockItem>> = HashMap::new();
        for row in &item_rows {
            let mock_id: String = row.try_get("mock_id")?;
            items.entry(mock_id).or_default().push(MockItem::from_row(row)?);
        }
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("id")?;
                Ok(Mock::from_row(row, items.remove(&id).unwrap_or_default())?)
            })
            .collect()
    }

    /// Finishes the reader's mock at `at`: its items can no longer change.
    /// Finishing it again keeps the first time. `NotFound` for a mock that
    /// is not the reader's.
    pub async fn finish_mock(&self, user_id: &str, mock_id: &str, at: Timestamp) -> Result<Mock, StoreError> {
        sqlx::query("UPDATE mocks SET finished_at = $1 WHERE id = $2 AND user_id = $3 AND finished_at IS NULL")
            .bind(at)
            .bind(mock_id)
            .bind(user_id)
            .execute(self.bounded())
            .await?;
        self.mock(user_id, mock_id).await?.ok_or(StoreError::NotFound)
    }
}
