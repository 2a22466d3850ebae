//! What the interview sheet holds, for whoever views it: each question
//! with its short answer, what a strong answer covers and the chosen
//! follow-ups (both only through `full_answer(access)`), the note (the
//! owner's view only) and the time budget; and the sheet as Markdown.

use super::follow_ups::{FollowUp, follow_ups, plain_text, section};
use crate::html::Titled;
use bank::{Access, Bank, SectionKind};
use std::fmt::Write;
use store::KitSet;

/// One question as the sheet shows it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct SheetItem {
    pub position: i64,
    pub slug: String,
    pub title: String,
    pub minutes: i64,
    pub short_answer_html: String,
    /// "What a strong answer covers"; `None` without access.
    pub strong_answer_html: Option<String>,
    /// The chosen follow-ups; empty without access.
    pub follow_ups: Vec<SheetFollowUp>,
    /// The owner's note; never on a shared sheet.
    pub note: Option<String>,
}

impl Titled for SheetItem {
    fn title(&self) -> &str {
        &self.title
    }
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct SheetFollowUp {
    pub question: String,
    pub answer_html: String,
}

impl From<FollowUp> for SheetFollowUp {
    fn from(follow_up: FollowUp) -> SheetFollowUp {
        SheetFollowUp {
            question: follow_up.question,
            answer_html: follow_up.answer_html,
        }
    }
}

/// The sheet of a set for a viewer with this access; `notes` says whether
/// the owner's notes are shown. Questions no longer in the bank are left out.
pub(crate) fn items(bank: &Bank, set: &KitSet, access: Option<&Access>, notes: bool) -> Vec<SheetItem> {
    set.items
        .iter()
        .filter_map(|item| {
            let question = bank.question(&item.slug)?;
            Some(SheetItem {
                position: item.position,
                slug: item.slug.clone(),
                title: question.title.clone(),
                minutes: item.minutes,
                short_answer_html: question.short_answer_html.clone(),
                strong_answer_html: section(question, access, SectionKind::StrongAnswer).map(str::to_owned),
                follow_ups: follow_ups(question, access, &item.follow_ups)
                    .into_iter()
                    .filter(|follow_up| follow_up.chosen)
                    .map(SheetFollowUp::from)
                    .collect(),
                note: (notes && !item.note.is_empty()).then(|| item.note.clone()),
            })
        })
        .collect()
}

/// The sheet as Markdown.
pub(crate) fn to_markdown(name: &str, total_minutes: i64, sheet: &[SheetItem]) -> String {
    let mut out = format!(
        "# {name}\n\n{} questions, {total_minutes} minutes in all.\n",
        sheet.len()
    );
    for item in sheet {
        let _ = write!(
            out,
            "\n## {}. {} ({} min)\n\n**Short answer.** {}\n",
            item.position,
            item.title,
            item.minutes,
            plain_text(&item.short_answer_html)
        );
        if let Some(strong) = &item.strong_answer_html {
            let _ = write!(out, "\n**What a strong answer covers**\n\n{}\n", plain_text(strong));
        }
        if !item.follow_ups.is_empty() {
            out.push_str("\n**Follow-ups**\n");
            for follow_up in &item.follow_ups {
                let _ = write!(
                    out,
                    "\n- {}\n\n  {}\n",
                    follow_up.question,
                    plain_text(&follow_up.answer_html).replace('\n', "\n  ")
                );
            }
        }
        if let Some(note) = &item.note {
            let _ = write!(out, "\n**Note.** {note}\n");
        }
    }
    out
}
