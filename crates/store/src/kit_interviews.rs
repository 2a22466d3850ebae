//! Interviews run from a question set: started for a candidate label, a
//! mark (weak, solid, strong, or skipped) and a note per question while it
//! runs, then ended. Interviews are deleted with their set, on request, or
//! by the retention clean-up ([`Store::delete_kit_interviews_before`]).
//! Another reader's interview id is "not found".

use crate::Timestamp;
use crate::bounded::{commit, on};
use crate::db::Store;
use crate::error::StoreError;
use crate::input::{check_slug, check_text};
use crate::kit_sets::check_name;
use crate::secret::new_id;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// How long interviews are kept unless configured otherwise, in days.
pub const DEFAULT_KIT_RETENTION_DAYS: u32 = 180;

/// The interviewer's judgement of one answer, or that it was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Weak,
    Solid,
    Strong,
    Skipped,
}

impl Mark {
    pub const ALL: [Mark; 4] = [Mark::Weak, Mark::Solid, Mark::Strong, Mark::Skipped];

    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Weak => "weak",
            Mark::Solid => "solid",
            Mark::Strong => "strong",
            Mark::Skipped => "skipped",
        }
    }

    pub fn parse(text: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|mark| mark.as_str() == text)
    }
}

/// An interview and its marks, by question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KitInterview {
    pub id: String,
    pub set_id: String,
    pub label: String,
    pub started_at: Timestamp,
    pub ended_at: Option<Timestamp>,
    pub marks: Vec<KitMark>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KitMark {
    pub slug: String,
    pub mark: Mark,
    pub note: String,
    pub marked_at: Timestamp,
}

impl KitInterview {
    /// The mark given to a question, if any.
    pub fn mark_of(&self, slug: &str) -> Option<&KitMark> {
        self.marks.iter().find(|mark| mark.slug == slug)
    }
}

const INTERVIEW_COLUMNS: &str = "id, set_id, label, started_at, ended_at";

fn mark_from_row(row: &AnyRow) -> Result<KitMark, sqlx::Error> {
    let mark: String = row.try_get("mark")?;
    Ok(KitMark {
        slug: row.try_get("slug")?,
        mark: Mark::parse(&mark).ok_or_else(|| sqlx::Error::Decode(format!("unknown mark `{mark}`").into()))?,
        note: row.try_get("note")?,
        marked_at: row.try_get("marked_at")?,
    })
}

fn interview_from_row(row: &AnyRow, marks: Vec<KitMark>) -> Result<KitInterview, sqlx::Error> {
    Ok(KitInterview {
        id: row.try_get("id")?,
        set_id: row.try_get("set_id")?,
        label: row.try_get("label")?,
        started_at: row.try_get("started_at")?,
        ended_at: row.try_get("ended_at")?,
        marks,
    })
}

impl Store {
    /// Starts an interview from the reader's set. `NotFound` for another
    /// reader's set, `Invalid` for a bad label.
    pub async fn start_kit_interview(
        &self,
        user_id: &str,
        set_id: &str,
        label: &str,
        at: Timestamp,
    ) -> Result<KitInterview, StoreError> {
        let label = check_name("the candidate's label", label)?;
        let id = new_id();
        let inserted = sqlx::query(
            "INSERT INTO kit_interviews (id, set_id, user_id, label, started_at) \
             SELECT $1, id, user_id, $2, $3 FROM kit_sets WHERE id = $4 AND user_id = $5",
        )
        .bind(&id)
        .bind(&label)
        .bind(at)
        .bind(set_id)
        .bind(user_id)
        .execute(self.bounded())
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(KitInterview {
            id,
            set_id: set_id.to_owned(),
            label,
            started_at: at,
            ended_at: None,
            marks: Vec::new(),
        })
    }

    /// The reader's interview; `None` if it is another reader's or gone.
    pub async fn kit_interview(&self, user_id: &str, interview_id: &str) -> Result<Option<KitInterview>, StoreError> {
        let Some(row) = sqlx::query(&format!(
            "SELECT {INTERVIEW_COLUMNS} FROM kit_interviews WHERE id = $1 AND user_id = $2"
        ))
        .bind(interview_id)
        .bind(user_id)
        .fetch_optional(self.bounded())
        .await?
        else {
            return Ok(None);
        };
        let marks =
            sqlx::query("SELECT slug, mark, note, marked_at FROM kit_marks WHERE interview_id = $1 ORDER BY slug")
                .bind(interview_id)
                .fetch_all(self.bounded())
                .await?
                .iter()
                .map(mark_from_row)
                .collect::<Result<_, _>>()?;
        Ok(Some(interview_from_row(&row, marks)?))
    }

    /// The reader's interviews, newest first; of one set, or all of them
    /// when `set_id` is `None` (the data export).
    pub async fn kit_interviews(&self, user_id: &str, set_id: Option<&str>) -> Result<Vec<KitInterview>, StoreError> {
        let of_set = if set_id.is_some() { " AND set_id = $2" } else { "" };
        let query = format!(
            "SELECT {INTERVIEW_COLUMNS} FROM kit_interviews WHERE user_id = $1{of_set} ORDER BY started_at DESC, id"
        );
        let mut query = sqlx::query(&query).bind(user_id);
        if let Some(set_id) = set_id {
            query = query.bind(set_id);
        }
        let rows = query.fetch_all(self.bounded()).await?;
        let mark_rows = sqlx::query(
            "SELECT m.interview_id, m.slug, m.mark, m.note, m.marked_at FROM kit_marks m \
             JOIN kit_interviews i ON i.id = m.interview_id WHERE i.user_id = $1 ORDER BY m.slug",
        )
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        let mut marks: HashMap<String, Vec<KitMark>> = HashMap::new();
        for row in &mark_rows {
            let id: String = row.try_get("interview_id")?;
            marks.entry(id).or_default().push(mark_from_row(row)?);
        }
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("id")?;
                Ok(interview_from_row(row, marks.remove(&id).unwrap_or_default())?)
            })
            .collect()
    }

    /// Marks a question of a running interview (marking it again replaces
    /// the mark). `NotFound` for another reader's interview or a question
    /// not in its set; `OutOfOrder` once it has ended; `Invalid` for a note
    /// over 10 KB. Nothing changes on an error.
    pub async fn mark_kit_question(
        &self,
        user_id: &str,
        interview_id: &str,
        slug: &str,
        mark: Mark,
        note: &str,
        at: Timestamp,
    ) -> Result<KitMark, StoreError> {
        check_slug("the question", slug)?;
        check_text("the note", note)?;
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "SELECT i.ended_at FROM kit_interviews i JOIN kit_items k ON k.set_id = i.set_id \
             WHERE i.id = $1 AND i.user_id = $2 AND k.slug = $3",
        )
        .bind(interview_id)
        .bind(user_id)
        .bind(slug)
        .fetch_optional(on(&mut tx))
        .await?
        .ok_or(StoreError::NotFound)?;
        let ended: Option<Timestamp> = row.try_get(0)?;
        if ended.is_some() {
            return Err(StoreError::OutOfOrder(
                "this interview has ended; its marks can no longer change",
            ));
        }
        sqlx::query(
            "INSERT INTO kit_marks (interview_id, slug, mark, note, marked_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (interview_id, slug) DO UPDATE SET mark = excluded.mark, note = excluded.note, \
             marked_at = excluded.marked_at",
        )
        .bind(interview_id)
        .bind(slug)
        .bind(mark.as_str())
        .bind(note)
        .bind(at)
        .execute(on(&mut tx))
        .await?;
        commit(tx).await?;
        Ok(KitMark {
            slug: slug.to_owned(),
            mark,
            note: note.to_owned(),
            marked_at: at,
        })
    }

    /// Ends the reader's interview at `at`; ending it again keeps the first
    /// time. `NotFound` for another reader's interview.
    pub async fn end_kit_interview(
        &self,
        user_id: &str,
        interview_id: &str,
        at: Timestamp,
    ) -> Result<KitInterview, StoreError> {
        sqlx::query("UPDATE kit_interviews SET ended_at = $1 WHERE id = $2 AND user_id = $3 AND ended_at IS NULL")
            .bind(at)
            .bind(interview_id)
            .bind(user_id)
            .execute(self.bounded())
            .await?;
        self.kit_interview(user_id, interview_id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Deletes the reader's interview and its marks; false if it is not
    /// the reader's.
    pub async fn delete_kit_interview(&self, user_id: &str, interview_id: &str) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "DELETE FROM kit_marks WHERE interview_id IN \
             (SELECT id FROM kit_interviews WHERE id = $1 AND user_id = $2)",
        )
        .bind(interview_id)
        .bind(user_id)
        .execute(on(&mut tx))
        .await?;
        let deleted = sqlx::query("DELETE FROM kit_interviews WHERE id = $1 AND user_id = $2")
            .bind(interview_id)
            .bind(user_id)
            .execute(on(&mut tx))
            .await?;
        commit(tx).await?;
        Ok(deleted.rows_affected() > 0)
    }

    /// The retention clean-up: deletes every interview started before
    /// `cutoff`, with its marks; returns how many were deleted.
    pub async fn delete_kit_interviews_before(&self, cutoff: Timestamp) -> Result<u64, StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "DELETE FROM kit_marks WHERE interview_id IN (SELECT id FROM kit_interviews WHERE started_at < $1)",
        )
        .bind(cutoff)
        .execute(on(&mut tx))
        .await?;
        let deleted = sqlx::query("DELETE FROM kit_interviews WHERE started_at < $1")
            .bind(cutoff)
            .execute(on(&mut tx))
            .await?;
        commit(tx).await?;
        Ok(deleted.rows_affected())
    }
}
