//! Every page as each kind of reader sees it, rendered and compressed once.
//! Pages differ only by *look*: anonymous, signed in, or premium (which
//! carries the proof of access). Any page renders on its first request, then
//! is kept; right after start-up [`Site::warm`] renders and compresses the
//! anonymous look of everything linked from the site on a background thread,
//! so the server answers at once and readers rarely wait for a render. The
//! set of pages is finite (valid filters, known slugs), so the cache is
//! bounded.

use crate::encoding::{ATOM, CSS, DAY, Encoded, HTML, IMMUTABLE, JS, JSON, PRIVATE, REVALIDATE, SVG, TEXT, XML};
use crate::filter::QuestionFilter;
use crate::html::{self, Layout};
use axum::http::StatusCode;
use bank::{Access, Bank, Experience, Level, Topic};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::thread;

pub mod discovery;
pub mod json;
pub mod pages;

const STYLE: &str = include_str!("../../static/style.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");
/// Keys 1-4 on the review page (the only script; the CSP allows same-origin scripts).
const PRACTICE_JS: &str = include_str!("../../static/practice.js");

/// Who a page is rendered for. Only `Premium` can show premium sections, and
/// it can only be made from an [`Access`].
#[derive(Debug, Clone, Copy)]
pub enum Look<'a> {
    Anonymous,
    SignedIn,
    Premium(&'a Access),
}

impl Look<'_> {
    fn key(&self) -> LookKey {
        match self {
            Look::Anonymous => LookKey::Anonymous,
            Look::SignedIn => LookKey::SignedIn,
            Look::Premium(_) => LookKey::Premium,
        }
    }

    fn access(&self) -> Option<&Access> {
        match self {
            Look::Premium(access) => Some(access),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum LookKey {
    Anonymous,
    SignedIn,
    Premium,
}

/// A page of the site, independent of who reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Landing,
    Faq,
    List2026,
    NotFound,
    Listing(QuestionFilter),
    /// A question page, by index in the bank.
    Question(usize),
    /// A question in the JSON API, by index in the bank.
    QuestionJson(usize),
    /// The API's question list.
    ListJson(QuestionFilter),
}

/// The rendered site.
#[derive(Debug)]
pub struct Site {
    pub bank: Arc<Bank>,
    /// The public address absolute links start with.
    base: String,
    anonymous: Layout,
    signed_in: Layout,
    assets: HashMap<String, Encoded>,
    pages: RwLock<HashMap<(Page, LookKey), Arc<Encoded>>>,
}

impl Site {
    pub fn new(bank: Arc<Bank>, base: &str) -> Result<Site, askama::Error> {
        let stylesheet_text = format!("{STYLE}\n{}", bank::markdown::highlight_css());
        let stylesheet_path = format!("/static/style.{:08x}.css", short_hash(&stylesheet_text));
        let mut assets = HashMap::new();
        assets.insert(
            stylesheet_path.clone(),
            Encoded::new(StatusCode::OK, CSS, IMMUTABLE, stylesheet_text),
        );
        assets.insert(
            "/static/practice.js".to_owned(),
            Encoded::new(StatusCode::OK, JS, DAY, PRACTICE_JS),
        );
        for path in ["/favicon.ico", "/static/favicon.svg"] {
            assets.insert(path.to_owned(), Encoded::new(StatusCode::OK, SVG, DAY, FAVICON));
        }
        for (path, body) in [
            ("/api/v1/list-2026", json::list_2026_json(&bank)),
            ("/api/v1/topics", json::topics_json(&bank)),
            ("/api/v1/levels", json::levels_json(&bank)),
        ] {
            assets.insert(path.into(), Encoded::new(StatusCode::OK, JSON, REVALIDATE, body));
        }
        assets.insert(
            "/robots.txt".into(),
            Encoded::new(StatusCode::OK, TEXT, DAY, discovery::robots(base)),
        );
        assets.insert(
            "/sitemap.xml".into(),
            Encoded::new(StatusCode::OK, XML, REVALIDATE, discovery::sitemap(&bank, base)),
        );
        assets.insert(
            "/feed.xml".into(),
            Encoded::new(StatusCode::OK, ATOM, REVALIDATE, discovery::atom(&bank, base)),
        );
        Ok(Site {
            anonymous: Layout::new(&bank, stylesheet_path.clone(), false),
            signed_in: Layout::new(&bank, stylesheet_path, true),
            bank,
            base: base.to_owned(),
            assets,
            pages: RwLock::new(HashMap::new()),
        })
    }

    /// Renders and compresses, on all cores, every page an anonymous reader
    /// can reach by a link, and compresses the assets, so none of that
    /// happens on a request. Meant for a background thread after start-up;
    /// pages asked for meanwhile render on demand.
    pub fn warm(&self) -> Result<(), askama::Error> {
        for asset in self.assets.values() {
            asset.compress();
        }
        let mut pages = vec![Page::Landing, Page::Faq, Page::List2026, Page::NotFound];
        pages.push(Page::ListJson(QuestionFilter::default()));
        pages.extend(browse_filters().map(Page::Listing));
        for index in 0..self.bank.questions().len() {
            pages.push(Page::Question(index));
            pages.push(Page::QuestionJson(index));
        }
        let threads = thread::available_parallelism().map_or(2, |n| n.get());
        let chunk = pages.len().div_ceil(threads).max(1);
        thread::scope(|scope| {
            let handles: Vec<_> = pages
                .chunks(chunk)
                .map(|chunk| {
                    scope.spawn(move || {
                        chunk.iter().try_for_each(|&page| {
                            self.page(page, Look::Anonymous)?.compress();
                            Ok(())
                        })
                    })
                })
                .collect();
            handles
                .into_iter()
                .try_for_each(|handle| handle.join().unwrap_or(Ok(())))
        })
    }

    /// A page as `look` sees it, rendered on first use.
    pub fn page(&self, page: Page, look: Look<'_>) -> Result<Arc<Encoded>, askama::Error> {
        let key = (page, look.key());
        if let Some(found) = self
            .pages
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&key)
        {
            return Ok(Arc::clone(found));
        }
        let rendered = Arc::new(self.render(page, look)?);
        let mut cache = self.pages.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(Arc::clone(cache.entry(key).or_insert(rendered)))
    }

    pub fn asset(&self, path: &str) -> Option<&Encoded> {
        self.assets.get(path)
    }

    /// The frame for pages a reader in this look sees.
    pub fn layout(&self, signed_in: bool) -> &Layout {
        if signed_in { &self.signed_in } else { &self.anonymous }
    }

    fn render(&self, page: Page, look: Look<'_>) -> Result<Encoded, askama::Error> {
        let layout = self.layout(!matches!(look, Look::Anonymous));
        let cache_control = if matches!(look, Look::Anonymous) {
            REVALIDATE
        } else {
            PRIVATE
        };
        let bank = &self.bank;
        let html = |body: String| Encoded::new(StatusCode::OK, HTML, cache_control, body);
        Ok(match page {
            Page::Landing => html(pages::landing(layout, bank)?),
            Page::Faq => html(pages::faq(layout, bank)?),
            Page::List2026 => html(pages::list_2026(layout, bank)?),
            Page::NotFound => Encoded::new(
                StatusCode::NOT_FOUND,
                HTML,
                cache_control,
                html::error(
                    layout,
                    "Page not found",
                    "There is no page at this address. Browse the questions instead.",
                )?,
            ),
            Page::Listing(filter) => html(pages::questions(layout, bank, &filter)?),
            Page::Question(index) => html(pages::question(
                layout,
                bank,
                &bank.questions()[index],
                look.access(),
                &self.base,
            )?),
            Page::QuestionJson(index) => Encoded::new(
                StatusCode::OK,
                JSON,
                cache_control,
                json::question_json(&bank.questions()[index], look.access()),
            ),
            Page::ListJson(filter) => Encoded::new(
                StatusCode::OK,
                JSON,
                REVALIDATE,
                json::list_json(bank, &filter, json::Paging::default()),
            ),
        })
    }
}

/// The list pages linked from every page: all, each level, band and topic.
fn browse_filters() -> impl Iterator<Item = QuestionFilter> {
    std::iter::once(QuestionFilter::default())
        .chain(Level::ALL.iter().copied().map(QuestionFilter::level))
        .chain(Experience::ALL.iter().copied().map(QuestionFilter::experience))
        .chain(Topic::ALL.iter().copied().map(QuestionFilter::topic))
}

fn short_hash(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}
