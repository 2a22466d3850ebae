//! An interview's summary: the mark and note per question, the marks per
//! topic, and the time taken; as the page shows it and as Markdown and
//! JSON downloads. Points: weak 0, solid 1, strong 2; a skipped or unmarked
//! question has none and does not count towards an average.

use super::rfc3339;
use crate::html::Titled;
use bank::Bank;
use serde::Serialize;
use std::fmt::Write;
use store::{KitInterview, KitSet, Mark};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct InterviewSummary {
    pub label: String,
    pub set_name: String,
    /// RFC 3339.
    pub started_at: String,
    pub ended_at: Option<String>,
    /// Whole minutes from start to end (to now while it runs).
    pub minutes_taken: i64,
    /// The sum of the questions' time budgets.
    pub minutes_planned: i64,
    pub points: u32,
    pub max_points: u32,
    pub questions: Vec<QuestionScore>,
    pub topics: Vec<TopicScore>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QuestionScore {
    pub position: i64,
    pub slug: String,
    pub title: String,
    /// weak, solid, strong or skipped; `None` until marked.
    pub mark: Option<String>,
    pub note: String,
    pub minutes: i64,
}

impl Titled for QuestionScore {
    fn title(&self) -> &str {
        &self.title
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TopicScore {
    pub topic: String,
    pub label: String,
    pub weak: u32,
    pub solid: u32,
    pub strong: u32,
    pub skipped: u32,
    /// Average points per scored question (0 weak to 2 strong).
    pub average: Option<f64>,
}

fn points(mark: Mark) -> Option<u32> {
    match mark {
        Mark::Weak => Some(0),
        Mark::Solid => Some(1),
        Mark::Strong => Some(2),
        Mark::Skipped => None,
    }
}

/// The summary of an interview run from `set`, at `now`.
pub(crate) fn summarize(bank: &Bank, set: &KitSet, interview: &KitInterview, now: i64) -> InterviewSummary {
    let mut topics: Vec<TopicScore> = Vec::new();
    let mut questions = Vec::new();
    let (mut total, mut max) = (0, 0);
    for item in &set.items {
        let question = bank.question(&item.slug);
        let marked = interview.mark_of(&item.slug);
        if let (Some(question), Some(marked)) = (question, marked) {
            for topic in &question.topics {
                let index = topics
                    .iter()
                    .position(|t| t.topic == topic.as_str())
                    .unwrap_or_else(|| {
                        topics.push(TopicScore {
                            topic: topic.as_str().to_owned(),
                            label: topic.label().to_owned(),
                            weak: 0,
                            solid: 0,
                            strong: 0,
                            skipped: 0,
                            average: None,
                        });
                        topics.len() - 1
                    });
                let score = &mut topics[index];
                match marked.mark {
                    Mark::Weak => score.weak += 1,
                    Mark::Solid => score.solid += 1,
                    Mark::Strong => score.strong += 1,
                    Mark::Skipped => score.skipped += 1,
                }
            }
        }
        if let Some(got) = marked.and_then(|m| points(m.mark)) {
            total += got;
            max += 2;
        }
        questions.push(QuestionScore {
            position: item.position,
            slug: item.slug.clone(),
            title: question.map_or_else(|| item.slug.clone(), |q| q.title.clone()),
            mark: marked.map(|m| m.mark.as_str().to_owned()),
            note: marked.map(|m| m.note.clone()).unwrap_or_default(),
            minutes: item.minutes,
        });
    }
    for score in &mut topics {
        let scored = score.weak + score.solid + score.strong;
        score.average = (scored > 0).then(|| f64::from(score.solid + 2 * score.strong) / f64::from(scored));
    }
    topics.sort_by(|a, b| a.label.cmp(&b.label));
    let end = interview.ended_at.unwrap_or(now);
    InterviewSummary {
        label: interview.label.clone(),
        set_name: set.name.clone(),
        started_at: rfc3339(interview.started_at),
        ended_at: interview.ended_at.map(rfc3339),
        minutes_taken: (end - interview.started_at).max(0) / 60,
        minutes_planned: set.total_minutes(),
        points: total,
        max_points: max,
        questions,
        topics,
    }
}

/// The summary as Markdown.
pub(crate) fn to_markdown(summary: &InterviewSummary) -> String {
    let mut out = format!(
        "# {}: {}\n\nStarted {}{}. Time taken: {} minutes of {} planned. Score: {} of {} points \
         (weak 0, solid 1, strong 2).\n\n## Questions\n\n",
        summary.set_name,
        summary.label,
        summary.started_at,
        summary
            .ended_at
            .as_ref()
            .map_or_else(String::new, |end| format!(", ended {end}")),
        summary.minutes_taken,
        summary.minutes_planned,
        summary.points,
        summary.max_points
    );
    for question in &summary.questions {
        let _ = writeln!(
            out,
            "{}. {}: {}{}",
            question.position,
            question.title,
            question.mark.as_deref().unwrap_or("not marked"),
            if question.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", question.note.replace('\n', " "))
            }
        );
    }
    out.push_str("\n## By topic\n\n| Topic | Weak | Solid | Strong | Skipped | Average |\n|---|---|---|---|---|---|\n");
    for topic in &summary.topics {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            topic.label,
            topic.weak,
            topic.solid,
            topic.strong,
            topic.skipped,
            topic.average.map_or_else(|| "-".to_owned(), |a| format!("{a:.1}"))
        );
    }
    out
}
