//! `rustprep serve`: build the bank, open the store, serve until a signal
//! (or, for a test harness, until standard input closes).

use crate::authoring::{checked, read_dir, say};
use crate::options::{LimitArgs, LogFormat, MailArgs, StripeArgs};
use anyhow::{Context, Result};
use bank::{Bank, Renderer, Sources};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// Logs go to standard error, filtered by `RUST_LOG` (default `info`, which
/// includes one `access` line per request), as text or one JSON object per line.
pub(super) fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Pretty => logs.init(),
        LogFormat::Json => logs.json().flatten_event(true).init(),
    }
}

pub(super) struct ServeOptions {
    pub(super) addr: SocketAddr,
    pub(super) data_dir: PathBuf,
    pub(super) content: Option<PathBuf>,
    pub(super) exit_on_stdin_close: bool,
    pub(super) database_url: Option<String>,
    pub(super) https: bool,
    /// Defaults to the address actually bound.
    pub(super) public_url: Option<String>,
    pub(super) limits: LimitArgs,
    pub(super) stripe: StripeArgs,
    pub(super) mail: MailArgs,
    /// Where to serve Prometheus metrics; none when unset.
    pub(super) metrics_addr: Option<SocketAddr>,
}

pub(super) fn serve(options: ServeOptions, embedded: &'static [(&'static str, &'static str)]) -> Result<ExitCode> {
    let started = Instant::now();
    let sources = match &options.content {
        Some(dir) => read_dir(dir)?,
        None => Sources::from_files(embedded.iter().copied()),
    };
    let bank = Arc::new(Bank::build(checked(&sources)?, &Renderer::default()));
    let bank_ms = started.elapsed().as_millis() as u64;
    let data_dir = &options.data_dir;
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating the data directory {}", data_dir.display()))?;
    let search = web::LazySearchIndex::build_in_background(Arc::clone(&bank));
    let trusted_proxies = web::TrustedProxies::parse(&options.limits.trusted_proxy)
        .map_err(|error| anyhow::anyhow!("--trusted-proxy: {error}"))?;
    let mailer = options.mail.mailer()?;
    let open_files = web::raise_descriptor_limit();
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .with_context(|| format!("listening on {}", options.addr))?;
        let local = listener.local_addr()?;
        let public_url = options
            .public_url
            .unwrap_or_else(|| format!("http://{local}"))
            .trim_end_matches('/')
            .to_owned();
        let site = web::Site::new(Arc::clone(&bank), &public_url).context("rendering the site")?;
        let site_ms = started.elapsed().as_millis() as u64;
        let store = store::Store::open(data_dir, options.database_url.as_deref())
            .await
            .context("opening the user database")?;
        let config = web::Config {
            https: options.https,
            sessions: Default::default(),
            stripe: options.stripe.config(public_url.clone()),
            public_url,
            trusted_proxies,
            signups_per_hour: options.limits.signups_per_hour,
            mailer,
        };
        let billing = if config.stripe.is_some() { "on" } else { "off" };
        let mail = config
            .mailer
            .as_ref()
            .map_or("off", |mailer| mailer.server())
            .to_owned();
        let metrics_at = match options.metrics_addr {
            Some(addr) => Some(serve_metrics(addr, store.clone()).await?),
            None => None,
        };
        let app = web::App::new(site, search, store, config);
        warm_in_background(Arc::clone(&app));
        clean_up_kit_daily(app.store.clone(), options.limits.kit_retention_days).await;
        tracing::info!(
            questions = bank.questions().len(),
            database = ?app.store.backend(),
            billing,
            mail,
            open_files,
            bank_ms,
            site_ms,
            ready_in_ms = started.elapsed().as_millis() as u64,
            "serving"
        );
        // The first line on stdout says where we listen (tests read it).
        say(format_args!("listening on http://{local}"));
        if let Some(metrics_at) = metrics_at {
            say(format_args!("metrics on http://{metrics_at}/metrics"));
        }
        let limits = options.limits.connections();
        let delay = std::time::Duration::from_secs(options.limits.shutdown_delay);
        let stopping = drain_then_stop(Arc::clone(&app), options.exit_on_stdin_close, delay);
        web::serve(listener, web::router(app), limits, stopping).await?;
        tracing::info!("stopped");
        Ok(ExitCode::SUCCESS)
    });
    // Requests have drained by now. Standard input (`--exit-on-stdin-close`)
    // is read on a blocking thread that ends only when it closes, and
    // dropping the runtime would wait for it: after a SIGTERM the process
    // would never exit. Give blocking work a moment, then leave.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served
}

/// Completes when the listener should close: on a shutdown signal,
/// readiness goes false first (`/readyz` answers 503), then new requests are
/// still served for `delay` while a load balancer notices; after that the
/// server stops accepting and lets in-flight requests finish.
async fn drain_then_stop(app: web::SharedApp, exit_on_stdin_close: bool, delay: std::time::Duration) {
    shutdown_signal(exit_on_stdin_close).await;
    app.readiness.drain();
    tracing::info!(delay_s = delay.as_secs(), "shutting down: not ready, draining");
    tokio::time::sleep(delay).await;
}

/// Installs the metrics recorder and serves `/metrics` on `addr` in the
/// background; an address that cannot be bound stops the server at start.
/// Returns the address bound.
async fn serve_metrics(addr: SocketAddr, store: store::Store) -> Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("--metrics-addr: listening on {addr}"))?;
    let local = listener.local_addr()?;
    let metrics = web::Metrics::install().context("installing the metrics recorder")?;
    tokio::spawn(async move {
        if let Err(error) = metrics.serve(listener, store).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    });
    tracing::info!(%local, "metrics at /metrics");
    Ok(local)
}

/// Completes on Ctrl-C, SIGTERM, or (if asked) when stdin closes.
async fn shutdown_signal(exit_on_stdin_close: bool) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    let stdin_closed = async {
        if exit_on_stdin_close {
            use tokio::io::AsyncReadExt;
            let mut buffer = [0u8; 64];
            let mut stdin = tokio::io::stdin();
            while matches!(stdin.read(&mut buffer).await, Ok(n) if n > 0) {}
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
        () = stdin_closed => {}
    }
}

/// Renders and compresses the anonymous pages off the request path, so the
/// server answers from the first millisecond and readers rarely wait for a
/// render (issue 12: start-up went from over a second to the time it takes
/// to build the bank).
fn warm_in_background(app: web::SharedApp) {
    let spawned = std::thread::Builder::new().name("warm-pages".into()).spawn(move || {
        let started = Instant::now();
        match app.site.warm() {
            Ok(()) => tracing::info!(in_ms = started.elapsed().as_millis() as u64, "pages warmed"),
            Err(error) => tracing::error!(%error, "warming the pages failed; they render on request"),
        }
    });
    if let Err(error) = spawned {
        tracing::warn!(%error, "no warming thread; pages render on request");
    }
}

/// Deletes the interviewer kit's interviews older than the retention:
/// once before serving (so a server started after a long stop never shows
/// an expired interview), then once a day for as long as it runs.
async fn clean_up_kit_daily(store: store::Store, retention_days: u32) {
    const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);
    let clean_up = move |store: store::Store| async move {
        let cutoff = store::now() - i64::from(retention_days) * DAY.as_secs() as i64;
        match store.delete_kit_interviews_before(cutoff).await {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(deleted, retention_days, "old kit interviews deleted"),
            Err(error) => tracing::warn!(%error, "the kit's clean-up failed; it runs again in a day"),
        }
    };
    clean_up(store.clone()).await;
    tokio::spawn(async move {
        let mut daily = tokio::time::interval_at(tokio::time::Instant::now() + DAY, DAY);
        loop {
            daily.tick().await;
            clean_up(store.clone()).await;
        }
    });
}
