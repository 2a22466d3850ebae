//! Everything an anonymous reader can be sent, rendered and compressed once
//! at start-up; filtered lists are rendered on first request and kept (the
//! set of valid filters is finite, so the cache is bounded).

use crate::api;
use crate::encoding::{CSS, DAY, Encoded, HTML, IMMUTABLE, REVALIDATE, SVG};
use crate::filter::QuestionFilter;
use crate::render::{self, Layout};
use axum::http::StatusCode;
use bank::{Bank, Experience, Level, Topic};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::thread;

const STYLE: &str = include_str!("../static/style.css");
const FAVICON: &str = include_str!("../static/favicon.svg");

/// The prerendered site.
#[derive(Debug)]
pub struct Site {
    pub bank: Arc<Bank>,
    pub layout: Layout,
    /// Anonymous question pages by slug.
    question_pages: HashMap<String, Encoded>,
    /// Anonymous API answers by slug.
    question_json: HashMap<String, Encoded>,
    /// Fixed pages by path.
    fixed: HashMap<String, Encoded>,
    listings: RwLock<HashMap<QuestionFilter, Arc<Encoded>>>,
    pub not_found: Encoded,
}

impl Site {
    pub fn new(bank: Arc<Bank>) -> Result<Site, askama::Error> {
        let stylesheet_text = format!("{STYLE}\n{}", bank::markdown::highlight_css());
        let stylesheet_path = format!("/static/style.{:08x}.css", short_hash(&stylesheet_text));
        let layout = Layout::new(&bank, stylesheet_path.clone());

        let pages: Vec<(String, String)> = vec![
            ("/".into(), render::landing(&layout, &bank)?),
            ("/faq".into(), render::faq(&layout, &bank)?),
            ("/rust/2026".into(), render::list_2026(&layout, &bank)?),
        ];
        let mut question_bodies = Vec::new();
        let mut json_bodies = Vec::new();
        for question in bank.questions() {
            let slug = question.slug.to_string();
            question_bodies.push((slug.clone(), render::question(&layout, &bank, question, None)?));
            json_bodies.push((slug, api::question_json(question, None)));
        }
        let not_found_body = render::error(
            &layout,
            "Page not found",
            "There is no page at this address. The question may have moved; browse the list instead.",
        )?;

        let question_pages = encode_all(question_bodies, Encoded::html);
        let question_json = encode_all(json_bodies, Encoded::json);
        let mut fixed = encode_all(pages, Encoded::html);
        let api_list = api::list_json(&bank, &QuestionFilter::default());
        fixed.insert("/api/v1/questions".into(), Encoded::json(api_list));
        fixed.insert(
            stylesheet_path,
            Encoded::new(StatusCode::OK, CSS, IMMUTABLE, stylesheet_text),
        );
        for path in ["/favicon.ico", "/static/favicon.svg"] {
            fixed.insert(path.into(), Encoded::new(StatusCode::OK, SVG, DAY, FAVICON));
        }
        let site = Site {
            bank,
            layout,
            question_pages,
            question_json,
            fixed,
            listings: RwLock::new(HashMap::new()),
            not_found: Encoded::new(StatusCode::NOT_FOUND, HTML, REVALIDATE, not_found_body),
        };
        site.warm_browse_pages()?;
        Ok(site)
    }

    /// Renders the browse pages linked from every page (all, each level, band
    /// and topic) before the first request.
    fn warm_browse_pages(&self) -> Result<(), askama::Error> {
        let filters = std::iter::once(QuestionFilter::default())
            .chain(Level::ALL.iter().map(|&level| QuestionFilter {
                level: Some(level),
                ..Default::default()
            }))
            .chain(Experience::ALL.iter().map(|&band| QuestionFilter {
                experience: Some(band),
                ..Default::default()
            }))
            .chain(Topic::ALL.iter().map(|&topic| QuestionFilter {
                topic: Some(topic),
                ..Default::default()
            }));
        for filter in filters {
            self.listing(&filter)?;
        }
        Ok(())
    }

    pub fn question_page(&self, slug: &str) -> Option<&Encoded> {
        self.question_pages.get(slug)
    }

    pub fn question_json(&self, slug: &str) -> Option<&Encoded> {
        self.question_json.get(slug)
    }

    pub fn fixed(&self, path: &str) -> Option<&Encoded> {
        self.fixed.get(path)
    }

    /// The question list for a filter, rendered on first use.
    pub fn listing(&self, filter: &QuestionFilter) -> Result<Arc<Encoded>, askama::Error> {
        if let Some(page) = self
            .listings
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(filter)
        {
            return Ok(Arc::clone(page));
        }
        let page = Arc::new(Encoded::html(render::questions(&self.layout, &self.bank, filter)?));
        let mut listings = self.listings.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(Arc::clone(listings.entry(*filter).or_insert(page)))
    }
}

/// Compresses many bodies on all cores (compression is most of start-up).
fn encode_all(bodies: Vec<(String, String)>, encode: impl Fn(String) -> Encoded + Sync) -> HashMap<String, Encoded> {
    let threads = thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = bodies.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<(String, String)>> = Vec::new();
    let mut bodies = bodies.into_iter().peekable();
    while bodies.peek().is_some() {
        chunks.push(bodies.by_ref().take(chunk).collect());
    }
    thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(|| {
                    chunk
                        .into_iter()
                        .map(|(key, body)| (key, encode(body)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    })
}

fn short_hash(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}
