//! The search index, built on a thread of its own after start-up so the
//! server answers at once (issue 12: building it took a quarter of the
//! start-up). A search that arrives before it is ready waits for it (a few
//! tens of milliseconds, once); nothing else does.

use bank::Bank;
use search::SearchIndex;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// A search index that may still be building. Dereferencing it waits until
/// it is built.
#[derive(Debug, Clone)]
pub struct LazySearchIndex {
    index: Arc<OnceLock<SearchIndex>>,
}

impl LazySearchIndex {
    /// Starts building the index for `bank` on a new thread. The bank was
    /// checked, so building cannot fail short of a bug; if it does, the
    /// process exits with the error, as it did when the build blocked
    /// start-up, rather than serve a site whose search never answers.
    pub fn build_in_background(bank: Arc<Bank>) -> LazySearchIndex {
        let index = Arc::new(OnceLock::new());
        let slot = Arc::clone(&index);
        let build = move || match SearchIndex::build(bank) {
            Ok(built) => {
                let _ = slot.set(built);
                tracing::info!("search index built");
            }
            Err(error) => {
                tracing::error!(%error, "building the search index failed");
                std::process::exit(1);
            }
        };
        if let Err(error) = std::thread::Builder::new().name("search-index".into()).spawn(build) {
            tracing::error!(%error, "no thread to build the search index");
            std::process::exit(1);
        }
        LazySearchIndex { index }
    }

    /// An index that is already built.
    pub fn ready(index: SearchIndex) -> LazySearchIndex {
        LazySearchIndex {
            index: Arc::new(OnceLock::from(index)),
        }
    }
}

impl Deref for LazySearchIndex {
    type Target = SearchIndex;

    fn deref(&self) -> &SearchIndex {
        if let Some(index) = self.index.get() {
            return index;
        }
        // Only in the first moments after start-up. Waiting blocks this
        // worker thread, so tell the runtime to move its other tasks away.
        match tokio::runtime::Handle::try_current() {
            Ok(_) => tokio::task::block_in_place(|| self.index.wait()),
            Err(_) => self.index.wait(),
        }
    }
}
