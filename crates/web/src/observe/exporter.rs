//! The Prometheus endpoint: the `metrics` facade's recorder from
//! `metrics-exporter-prometheus`, rendered at `/metrics` on a listener of its
//! own (`--metrics-addr`), never the public one. Served by our own
//! `server::serve` rather than the exporter's built-in listener, so the
//! scrape port gets the same header, idle and connection limits as the site.

use crate::observe::names::{DESCRIPTIONS, SECONDS_BUCKETS};
use crate::server::{ConnectionLimits, serve};
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use metrics_exporter_prometheus::{BuildError, Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;

/// Set once the recorder is installed: the request layer skips building
/// per-request labels (an allocation each) while metrics are off.
static ENABLED: AtomicBool = AtomicBool::new(false);

/// How often histograms are drained when nobody scrapes, so memory stays bounded.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// The installed recorder, ready to render.
#[derive(Debug, Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
}

/// Whether metrics are being recorded (an exporter was installed).
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

impl Metrics {
    /// Installs the process-wide recorder; every `_seconds` series becomes a
    /// Prometheus histogram with [`SECONDS_BUCKETS`]. Fails if a recorder
    /// is already installed.
    pub fn install() -> Result<Metrics, BuildError> {
        let handle = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".to_owned()), &SECONDS_BUCKETS)?
            .install_recorder()?;
        for (name, help) in DESCRIPTIONS.into_iter().chain(store::telemetry::DESCRIPTIONS) {
            describe(name, help);
        }
        ENABLED.store(true, Ordering::Relaxed);
        Ok(Metrics { handle })
    }

    /// Serves `GET /metrics` on `listener` (anything else is a 404) until
    /// the process ends; the pool figures are read from `store` at each scrape.
    pub async fn serve(self, listener: TcpListener, store: store::Store) -> std::io::Result<()> {
        let handle = self.handle.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(UPKEEP_EVERY);
            loop {
                every.tick().await;
                handle.run_upkeep();
            }
        });
        let router = Router::new().route("/metrics", get(render)).with_state((self, store));
        serve(listener, router, ConnectionLimits::default(), std::future::pending()).await
    }
}

/// The scrape: current pool use, then every series in the text format.
async fn render(State((metrics, store)): State<(Metrics, store::Store)>) -> impl IntoResponse {
    store.record_pool_use();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        metrics.handle.render(),
    )
}

/// Registers a series' help text under the kind its name announces (the
/// exporter keys help by name; the kind is for other recorders).
fn describe(name: &'static str, help: &'static str) {
    if name.ends_with("_total") {
        metrics::describe_counter!(name, help);
    } else if name.ends_with("_seconds") {
        metrics::describe_histogram!(name, help);
    } else {
        metrics::describe_gauge!(name, help);
    }
}
