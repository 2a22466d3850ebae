//! Search benchmark: query latency on the real bank (anonymous and premium
//! readers), then index build time, memory and query latency on a synthetic
//! bank of 100,000 questions made from the real answers' text.
//!
//!     cargo run --release -p search --example search_bench

use bank::{Access, Bank, Renderer, Sources, check};
use search::{Entry, SearchIndex, Texts};
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn queries(root: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join("tests/fixtures/search-queries.toml")).expect("fixture");
    text.lines()
        .filter_map(|line| line.strip_prefix("text = "))
        .map(|q| q.trim_matches('"').replace("\\\"", "\""))
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn latencies(index: &SearchIndex, queries: &[String], access: Option<&Access>, rounds: usize) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds {
        for query in queries {
            let started = Instant::now();
            let hits = index.search(query, access, 10).expect("search");
            times.push(started.elapsed());
            std::hint::black_box(hits);
        }
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

fn rss_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// CPU time this process has used (user and system), which a shared machine's
/// load does not inflate the way it does wall-clock time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses): utime and
    // stime are the 12th and 13th of them, in clock ticks (100 a second).
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: Vec<f64> = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    ticks.iter().sum::<f64>() / 100.0
}

/// A synthetic bank of any size made from the real answers. Like the real
/// bank, it holds the text the index quotes (here: makes it again from entry
/// numbers), so the index's own cost is what is measured.
struct Synthetic {
    originals: Vec<Entry>,
}

impl Synthetic {
    /// The question at `n`: a copy of a real one, varied so terms and lengths
    /// differ, as a real bank's would.
    fn entry(&self, n: usize) -> Entry {
        let base = self.base(n);
        let mixed = self.mixed(n);
        Entry {
            slug: format!("{}-{n}", base.slug),
            title: format!("{} (variant {n})", base.title),
            phrasings: mixed.title.clone(),
            topics: String::new(),
            open_text: self.open_text(n).into_owned(),
            premium_text: self.premium_text(n).into_owned(),
        }
    }

    fn base(&self, n: usize) -> &Entry {
        &self.originals[n % self.originals.len()]
    }

    fn mixed(&self, n: usize) -> &Entry {
        &self.originals[(n * 7 + 3) % self.originals.len()]
    }
}

impl Texts for Synthetic {
    fn open_text(&self, entry: usize) -> Cow<'_, str> {
        Cow::Borrowed(&self.base(entry).open_text)
    }

    fn premium_text(&self, entry: usize) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{}\n{}",
            self.base(entry).premium_text,
            self.mixed(entry).open_text
        ))
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let sources = Sources::from_dir(&root.join("content")).expect("content");
    let bank = Arc::new(Bank::build(
        check(&sources, time::OffsetDateTime::now_utc().date()).expect("valid bank"),
        &Renderer::default(),
    ));
    let queries = queries(&root);
    let access = Access::from_entitlement(i64::MAX, 0).expect("a test entitlement");

    let started = Instant::now();
    let index = SearchIndex::build(Arc::clone(&bank)).expect("index");
    println!(
        "real bank: {} questions indexed in {:.1} ms",
        bank.questions().len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    for (who, proof) in [("anonymous", None), ("premium", Some(&access))] {
        let (p50, p99) = latencies(&index, &queries, proof, 50);
        println!(
            "  {who:<9} {} queries: p50 {:>7.1} µs  p99 {:>7.1} µs",
            queries.len() * 50,
            p50.as_secs_f64() * 1e6,
            p99.as_secs_f64() * 1e6
        );
    }

    let originals: Vec<Entry> = bank
        .questions()
        .iter()
        .map(|q| {
            let (open_text, premium_text) = q.searchable_text();
            Entry {
                slug: q.slug.to_string(),
                title: q.title.clone(),
                phrasings: q.aliases.join("\n"),
                topics: String::new(),
                open_text,
                premium_text,
            }
        })
        .collect();
    let open: usize = originals.iter().map(|entry| entry.open_text.len()).sum();
    let premium: usize = originals.iter().map(|entry| entry.premium_text.len()).sum();
    println!(
        "real bank text: {:.0} KiB open, {:.0} KiB premium",
        open as f64 / 1024.0,
        premium as f64 / 1024.0
    );
    let size: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let before = rss_mib();
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let synthetic = Arc::new(Synthetic { originals });
    let entries = (0..size).map(|n| synthetic.entry(n));
    let big = SearchIndex::from_entries(entries, Arc::clone(&synthetic)).expect("synthetic index");
    let build = started.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    let after = rss_mib();
    println!(
        "synthetic bank: {size} questions indexed in {:.1} s ({cpu:.1} s of CPU), resident memory +{:.0} MiB",
        build.as_secs_f64(),
        after - before
    );
    for (who, proof) in [("anonymous", None), ("premium", Some(&access))] {
        let (p50, p99) = latencies(&big, &queries, proof, 5);
        println!(
            "  {who:<9} {} queries: p50 {:>7.2} ms  p99 {:>7.2} ms",
            queries.len() * 5,
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3
        );
    }
}
