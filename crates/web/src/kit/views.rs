//! The kit's templates and the plain values they show.

use super::follow_ups::FollowUp;
use super::picker::{Choice, Picked};
use super::sheet_model::SheetItem;
use super::summary::InterviewSummary;
use crate::html::{Layout, Titled, human_instant};
use askama::Template;
use store::{KitInterview, KitSet};

#[derive(Template)]
#[template(path = "kit/paywall.html")]
struct Paywall<'a> {
    layout: &'a Layout,
}

pub(crate) fn paywall(layout: &Layout) -> askama::Result<String> {
    Paywall { layout }.render()
}

/// A set as the list shows it.
pub(crate) struct Listed {
    pub id: String,
    pub name: String,
    pub questions: usize,
    pub minutes: i64,
    pub updated: String,
}

impl Listed {
    pub fn of(set: &KitSet) -> Listed {
        Listed {
            id: set.id.clone(),
            name: set.name.clone(),
            questions: set.items.len(),
            minutes: set.total_minutes(),
            updated: human_instant(set.updated_at),
        }
    }
}

#[derive(Template)]
#[template(path = "kit/index.html")]
struct Index<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    sets: Vec<Listed>,
    max_sets: usize,
    max_items: usize,
}

pub(crate) fn index(layout: &Layout, csrf: &str, sets: Vec<Listed>) -> askama::Result<String> {
    Index {
        layout,
        csrf,
        sets,
        max_sets: store::MAX_KIT_SETS,
        max_items: store::MAX_KIT_ITEMS,
    }
    .render()
}

/// A question of the set on its edit page.
pub(crate) struct EditItem {
    pub slug: String,
    pub title: String,
    pub minutes: i64,
    pub note: String,
    pub follow_ups: Vec<FollowUp>,
    pub first: bool,
    pub last: bool,
}

impl Titled for EditItem {
    fn title(&self) -> &str {
        &self.title
    }
}

/// What the set's edit page shows.
pub(crate) struct SetPage<'a> {
    pub set: &'a KitSet,
    pub items: Vec<EditItem>,
    pub picker: Picked<'a>,
    pub levels: Vec<Choice>,
    pub experiences: Vec<Choice>,
    pub topics: Vec<Choice>,
    /// Live share links, by kind name.
    pub shared: Vec<&'static str>,
}

impl SetPage<'_> {
    /// Whether a question is in the set already (the picker says so
    /// instead of offering it).
    pub fn in_set(&self, slug: &str) -> bool {
        self.set.items.iter().any(|item| item.slug == slug)
    }
}

#[derive(Template)]
#[template(path = "kit/set.html")]
struct SetTemplate<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    page: SetPage<'a>,
    total: i64,
    max_items: usize,
}

pub(crate) fn set(layout: &Layout, csrf: &str, page: SetPage<'_>) -> askama::Result<String> {
    SetTemplate {
        layout,
        csrf,
        total: page.set.total_minutes(),
        max_items: store::MAX_KIT_ITEMS,
        page,
    }
    .render()
}

#[derive(Template)]
#[template(path = "kit/sheet.html")]
struct Sheet<'a> {
    layout: &'a Layout,
    name: &'a str,
    total: i64,
    items: &'a [SheetItem],
    /// Why premium sections are missing on a shared sheet, if they are.
    locked: Option<&'a str>,
}

pub(crate) fn sheet(
    layout: &Layout,
    name: &str,
    total: i64,
    items: &[SheetItem],
    locked: Option<&str>,
) -> askama::Result<String> {
    Sheet {
        layout,
        name,
        total,
        items,
        locked,
    }
    .render()
}

#[derive(Template)]
#[template(path = "kit/link.html")]
struct Link<'a> {
    layout: &'a Layout,
    set: &'a KitSet,
    kind: &'a str,
    url: &'a str,
}

pub(crate) fn link(layout: &Layout, set: &KitSet, kind: &str, url: &str) -> askama::Result<String> {
    Link { layout, set, kind, url }.render()
}

#[derive(Template)]
#[template(path = "kit/candidate.html")]
struct Candidate<'a> {
    layout: &'a Layout,
    csrf: Option<&'a str>,
    token: &'a str,
    name: &'a str,
    titles: Vec<(String, String)>,
    queued: Option<u64>,
}

pub(crate) struct CandidateView<'a> {
    pub csrf: Option<&'a str>,
    pub token: &'a str,
    pub name: &'a str,
    /// (slug, title) in order.
    pub titles: Vec<(String, String)>,
    pub queued: Option<u64>,
}

pub(crate) fn candidate(layout: &Layout, view: CandidateView<'_>) -> askama::Result<String> {
    Candidate {
        layout,
        csrf: view.csrf,
        token: view.token,
        name: view.name,
        titles: view.titles,
        queued: view.queued,
    }
    .render()
}

/// An interview as the set's list shows it.
pub(crate) struct PastInterview {
    pub id: String,
    pub label: String,
    pub started: String,
    pub ended: bool,
    pub marked: usize,
}

impl PastInterview {
    pub fn of(interview: &KitInterview) -> PastInterview {
        PastInterview {
            id: interview.id.clone(),
            label: interview.label.clone(),
            started: human_instant(interview.started_at),
            ended: interview.ended_at.is_some(),
            marked: interview.marks.len(),
        }
    }
}

#[derive(Template)]
#[template(path = "kit/interviews.html")]
struct Interviews<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    set: &'a KitSet,
    past: Vec<PastInterview>,
    label: String,
}

pub(crate) fn interviews(
    layout: &Layout,
    csrf: &str,
    set: &KitSet,
    past: Vec<PastInterview>,
    label: String,
) -> askama::Result<String> {
    Interviews {
        layout,
        csrf,
        set,
        past,
        label,
    }
    .render()
}

#[derive(Template)]
#[template(path = "kit/interview.html")]
struct Interview<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    set: &'a KitSet,
    interview: &'a KitInterview,
    summary: &'a InterviewSummary,
    marks: [&'static str; 4],
}

pub(crate) fn interview(
    layout: &Layout,
    csrf: &str,
    set: &KitSet,
    interview: &KitInterview,
    summary: &InterviewSummary,
) -> askama::Result<String> {
    Interview {
        layout,
        csrf,
        set,
        interview,
        summary,
        marks: ["weak", "solid", "strong", "skipped"],
    }
    .render()
}
