//! Finding questions to add to a set, on its edit page: a search (the
//! site's index, with the reader's access) and the browse filters (level,
//! experience, topic), together or apart. Without either, nothing is listed.

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::filter::QuestionFilter;
use axum::http::Uri;
use bank::{Access, Experience, Level, Question, Topic};
use search::MAX_QUERY_CHARS;

/// The most questions a search or filter lists.
const MAX_LISTED: usize = 50;

/// A `<select>` option of the picker's filters.
pub(crate) struct Choice {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

/// What the picker found.
pub(crate) struct Picked<'a> {
    pub query: String,
    pub filter: QuestionFilter,
    pub results: Vec<&'a Question>,
    /// Whether a search or filter was given at all.
    pub asked: bool,
}

impl Picked<'_> {
    /// The search and filter as hidden fields of an "Add" form, so adding
    /// leads back to these results.
    pub fn search_fields(&self) -> Vec<(&'static str, &str)> {
        let mut fields = vec![("q", self.query.as_str())];
        fields.extend(self.filter_fields());
        fields
    }

    /// The filter as hidden fields of the "add all" form.
    pub fn filter_fields(&self) -> Vec<(&'static str, &'static str)> {
        let mut fields = Vec::new();
        if let Some(level) = self.filter.level {
            fields.push(("level", level.as_str()));
        }
        if let Some(band) = self.filter.experience {
            fields.push(("experience", band.as_str()));
        }
        if let Some(topic) = self.filter.topic {
            fields.push(("topic", topic.as_str()));
        }
        fields
    }
}

/// Reads `q`, `level`, `experience` and `topic` from the page's address
/// and lists the matching questions, best first for a search, in bank
/// order for filters alone.
pub(crate) fn pick<'a>(app: &'a SharedApp, uri: &Uri, access: &Access) -> Result<Picked<'a>, PageError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(uri.query().unwrap_or(""))
        .map_err(|_| PageError::bad_request("The search is not valid URL encoding (or not UTF-8)."))?;
    let query = pairs
        .iter()
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.trim().to_owned())
        .unwrap_or_default();
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(PageError::bad_request(format!(
            "Searches are limited to {MAX_QUERY_CHARS} characters; shorten yours."
        )));
    }
    let filter = QuestionFilter::from_query(uri.query()).map_err(PageError::bad_request)?;
    let results = matching(app, &query, &filter, access)?;
    Ok(Picked {
        asked: !query.is_empty() || !filter.is_empty(),
        query,
        filter,
        results,
    })
}

/// The questions a search and filter find (at most [`MAX_LISTED`]).
pub(crate) fn matching<'a>(
    app: &'a SharedApp,
    query: &str,
    filter: &QuestionFilter,
    access: &Access,
) -> Result<Vec<&'a Question>, PageError> {
    let bank = &app.site.bank;
    if query.is_empty() {
        if filter.is_empty() {
            return Ok(Vec::new());
        }
        return Ok(bank
            .questions()
            .iter()
            .filter(|question| filter.matches(question))
            .take(MAX_LISTED)
            .collect());
    }
    let keep = |slug: &str| bank.question(slug).is_some_and(|question| filter.matches(question));
    let keep: Option<&dyn Fn(&str) -> bool> = if filter.is_empty() { None } else { Some(&keep) };
    let hits = app
        .search
        .search_where(query, Some(access), MAX_LISTED, keep)
        .map_err(|error| PageError::bad_request(error.to_string()))?;
    Ok(hits.iter().filter_map(|hit| bank.question(&hit.slug)).collect())
}

pub(crate) fn level_choices(filter: &QuestionFilter) -> Vec<Choice> {
    Level::ALL
        .iter()
        .map(|&level| Choice {
            value: level.as_str(),
            label: level.label(),
            selected: filter.level == Some(level),
        })
        .collect()
}

pub(crate) fn experience_choices(filter: &QuestionFilter) -> Vec<Choice> {
    Experience::ALL
        .iter()
        .map(|&band| Choice {
            value: band.as_str(),
            label: band.label(),
            selected: filter.experience == Some(band),
        })
        .collect()
}

pub(crate) fn topic_choices(filter: &QuestionFilter) -> Vec<Choice> {
    Topic::ALL
        .iter()
        .map(|&topic| Choice {
            value: topic.as_str(),
            label: topic.label(),
            selected: filter.topic == Some(topic),
        })
        .collect()
}
