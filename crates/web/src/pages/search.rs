//! Search: `/search`, server-rendered (the JSON face is `api::search`). Results
//! come in rank order; a reader without access gets no hit and no snippet
//! from premium text (the index does not read it for them).

use crate::app::SharedApp;
use crate::encoding::HTML;
use crate::errors::PageError;
use crate::filter::QuestionFilter;
use crate::html::Layout;
use crate::observe::names::SEARCH_DURATION;
use crate::site::pages::{Choice, level_choices, topic_choices};
use crate::viewer::Viewer;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use bank::Question;
use search::MAX_QUERY_CHARS;

/// How many results a search returns at most.
const MAX_RESULTS: usize = 30;

/// One result with its question.
pub struct SearchResult<'a> {
    pub question: &'a Question,
    pub snippet_html: String,
    pub score: f32,
}

/// Parses `q` and the filters; refuses what cannot be searched.
pub(crate) fn parse(uri: &Uri) -> Result<(String, QuestionFilter), PageError> {
    let query = uri.query();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
        .map_err(|_| PageError::bad_request("The search is not valid URL encoding (or not UTF-8)."))?;
    let text = pairs
        .iter()
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.trim().to_owned())
        .unwrap_or_default();
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(PageError::bad_request(format!(
            "Searches are limited to {MAX_QUERY_CHARS} characters; shorten yours."
        )));
    }
    let filter = QuestionFilter::from_query(query).map_err(PageError::bad_request)?;
    Ok((text, filter))
}

/// The best results for `text` among the questions `filter` keeps: the
/// filter applies inside the search, so each result shown is one of the best
/// matching ones, and snippets are made for those only.
pub(crate) fn run<'a>(
    app: &'a SharedApp,
    viewer: &Viewer,
    text: &str,
    filter: &QuestionFilter,
) -> Result<Vec<SearchResult<'a>>, PageError> {
    let access = viewer.member().and_then(|member| member.access());
    let bank = &app.site.bank;
    let keep = |slug: &str| bank.question(slug).is_some_and(|question| filter.matches(question));
    let keep: Option<&dyn Fn(&str) -> bool> = if filter.is_empty() { None } else { Some(&keep) };
    let started = std::time::Instant::now();
    let hits = app.search.search_where(text, access, MAX_RESULTS, keep);
    metrics::histogram!(SEARCH_DURATION).record(started.elapsed().as_secs_f64());
    let hits = hits.map_err(|error| PageError::bad_request(error.to_string()))?;
    Ok(hits
        .into_iter()
        .filter_map(|hit| {
            let question = bank.question(&hit.slug)?;
            Some(SearchResult {
                question,
                snippet_html: hit.snippet_html,
                score: hit.score,
            })
        })
        .collect())
}

pub(crate) fn cache_control(viewer: &Viewer) -> &'static str {
    if viewer.member().is_some() {
        "private, no-cache"
    } else {
        "no-cache"
    }
}

pub async fn page(State(app): State<SharedApp>, viewer: Viewer, uri: Uri) -> Result<Response, PageError> {
    let (text, filter) = parse(&uri)?;
    let results = if text.is_empty() {
        Vec::new()
    } else {
        run(&app, &viewer, &text, &filter)?
    };
    let premium = viewer.member().is_some_and(|member| member.access().is_some());
    let layout = app.site.layout(viewer.member().is_some());
    let html = search_page(layout, &text, &filter, &results, premium)?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HTML),
            (header::CACHE_CONTROL, cache_control(&viewer)),
        ],
        html,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    layout: &'a Layout,
    query: &'a str,
    level_choices: Vec<Choice>,
    topic_choices: Vec<Choice>,
    results: &'a [SearchResult<'a>],
    premium: bool,
}

fn search_page(
    layout: &Layout,
    query: &str,
    filter: &QuestionFilter,
    results: &[SearchResult<'_>],
    premium: bool,
) -> askama::Result<String> {
    SearchPage {
        layout,
        query,
        level_choices: level_choices(filter),
        topic_choices: topic_choices(filter),
        results,
        premium,
    }
    .render()
}
