//! The command line: `serve`, `users`, `check` and `examples`. Configuration comes from
//! flags or environment variables, with defaults that need no set-up.

use crate::authoring::{self, checked, read_dir, say};
use crate::options::{DatabaseArgs, LimitArgs, StripeArgs};
use anyhow::{Context, Result};
use bank::{Bank, Renderer, Sources};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "rustprep",
    version,
    about = "Rust interview questions, answered and verified"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once at start-up; boxing buys nothing (fires in some build configurations only)"
)]
enum Command {
    /// Serve the site.
    Serve {
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, env = "RUSTPREP_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Directory for user data (the SQLite database lives here).
        #[arg(long, env = "RUSTPREP_DATA_DIR", default_value = "./data")]
        data_dir: PathBuf,
        /// Serve the bank from this content directory instead of the copy
        /// built into the binary (for authors previewing edits).
        #[arg(long, env = "RUSTPREP_CONTENT")]
        content: Option<PathBuf>,
        /// Exit when standard input closes (lets a test harness own the server).
        #[arg(long, hide = true)]
        exit_on_stdin_close: bool,
        /// The site is served to readers over HTTPS (by a TLS-terminating
        /// proxy): cookies get `Secure` and responses HSTS.
        #[arg(long, env = "RUSTPREP_HTTPS")]
        https: bool,
        /// The site's public address, for links Stripe sends readers back to.
        #[arg(long, env = "RUSTPREP_PUBLIC_URL")]
        public_url: Option<String>,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        stripe: StripeArgs,
    },
    /// Manage accounts: list them, grant or revoke premium.
    Users {
        #[command(flatten)]
        database: DatabaseArgs,
        /// Directory for user data (the SQLite database lives here).
        #[arg(long, env = "RUSTPREP_DATA_DIR", default_value = "./data")]
        data_dir: PathBuf,
        #[command(subcommand)]
        action: UsersAction,
    },
    /// Validate the whole bank; prints `file:line: message` per problem.
    Check {
        /// The content directory to check.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Also print questions and list entries per level and topic, the
        /// answers not reviewed in the last 12 months, those awaiting a
        /// sourced review, and the drafts.
        #[arg(long)]
        report: bool,
        /// Report only the problems of these questions (and their review
        /// records), for an author working while others edit the rest.
        #[arg(long = "only", value_name = "SLUG")]
        only: Vec<String>,
    },
    /// Compile and run every code example of the bank.
    Examples {
        /// The content directory whose examples to run.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The pinned crate set (`Cargo.toml` and `Cargo.lock`) examples build against.
        #[arg(long, default_value = "content/examples")]
        crates: PathBuf,
        /// Where the generated example packages are built.
        #[arg(long, default_value = "target/bank-examples")]
        build_dir: PathBuf,
        /// Cargo's target directory (default: `BUILD_DIR/target`); authors
        /// working side by side share one, so the crates build once.
        #[arg(long)]
        target_dir: Option<PathBuf>,
        /// Only the examples of these questions (whether or not the rest of
        /// the bank passes `check`).
        #[arg(long = "only", value_name = "SLUG")]
        only: Vec<String>,
    },
}

#[derive(Subcommand)]
enum UsersAction {
    /// List accounts with their plan.
    List,
    /// Give an account premium for N days from now.
    Grant {
        email: String,
        #[arg(long)]
        days: u32,
    },
    /// End an account's premium now.
    Revoke { email: String },
}

pub fn main(embedded: &'static [(&'static str, &'static str)]) -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Serve {
            addr,
            data_dir,
            content,
            exit_on_stdin_close,
            https,
            public_url,
            limits,
            database,
            stripe,
        } => {
            init_tracing();
            let options = ServeOptions {
                addr,
                data_dir,
                content,
                exit_on_stdin_close,
                database_url: database.url,
                https,
                public_url,
                limits,
                stripe,
            };
            serve(options, embedded)
        }
        Command::Users {
            database,
            data_dir,
            action,
        } => users(&data_dir, database.url.as_deref(), action),
        Command::Check { content, report, only } => authoring::check(&content, report, &only),
        Command::Examples {
            content,
            crates,
            build_dir,
            target_dir,
            only,
        } => authoring::examples(&authoring::ExampleRun {
            content: &content,
            crates: &crates,
            build_dir: &build_dir,
            target_dir: target_dir.as_deref(),
            only: &only,
        }),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("rustprep: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

struct ServeOptions {
    addr: SocketAddr,
    data_dir: PathBuf,
    content: Option<PathBuf>,
    exit_on_stdin_close: bool,
    database_url: Option<String>,
    https: bool,
    /// Defaults to the address actually bound.
    public_url: Option<String>,
    limits: LimitArgs,
    stripe: StripeArgs,
}

fn serve(options: ServeOptions, embedded: &'static [(&'static str, &'static str)]) -> Result<ExitCode> {
    let started = Instant::now();
    let sources = match &options.content {
        Some(dir) => read_dir(dir)?,
        None => Sources::from_files(embedded.iter().copied()),
    };
    let bank = Arc::new(Bank::build(checked(&sources)?, &Renderer::default()));
    let data_dir = &options.data_dir;
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating the data directory {}", data_dir.display()))?;
    let search = search::SearchIndex::build(&bank).context("building the search index")?;
    let trusted_proxies = web::TrustedProxies::parse(&options.limits.trusted_proxy)
        .map_err(|error| anyhow::anyhow!("--trusted-proxy: {error}"))?;
    let open_files = web::raise_descriptor_limit();
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
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
        };
        let billing = if config.stripe.is_some() { "on" } else { "off" };
        let app = web::App::new(site, search, store, config);
        tracing::info!(
            questions = bank.questions().len(),
            database = ?app.store.backend(),
            billing,
            open_files,
            ready_in_ms = started.elapsed().as_millis() as u64,
            "serving"
        );
        // The first line on stdout says where we listen (tests read it).
        say(format_args!("listening on http://{local}"));
        let limits = options.limits.connections();
        web::serve(
            listener,
            web::router(app),
            limits,
            shutdown_signal(options.exit_on_stdin_close),
        )
        .await?;
        tracing::info!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}

fn users(data_dir: &Path, database_url: Option<&str>, action: UsersAction) -> Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        std::fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
        let store = store::Store::open(data_dir, database_url)
            .await
            .context("opening the user database")?;
        let email = |text: &str| store::Email::parse(text).with_context(|| format!("`{text}` is not an email address"));
        let now = store::now();
        let show = |user: &store::User| {
            let plan = match user.premium_until {
                Some(until) if until > now => format!("premium until {}", timestamp(until)),
                Some(until) => format!("free (premium ended {})", timestamp(until)),
                None => "free".to_owned(),
            };
            format!("{}  {}  created {}", user.email, plan, timestamp(user.created_at))
        };
        match action {
            UsersAction::List => {
                let users = store.list_users().await?;
                for user in &users {
                    say(show(user));
                }
                say(format_args!("{} account(s)", users.len()));
            }
            UsersAction::Grant { email: address, days } => {
                let until = now + i64::from(days) * 86_400;
                let user = store
                    .set_premium_until(&email(&address)?, Some(until))
                    .await
                    .map_err(users_error)?;
                say(show(&user));
            }
            UsersAction::Revoke { email: address } => {
                let user = store
                    .set_premium_until(&email(&address)?, Some(now))
                    .await
                    .map_err(users_error)?;
                say(show(&user));
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn users_error(error: store::StoreError) -> anyhow::Error {
    match error {
        store::StoreError::NoSuchUser => anyhow::anyhow!("no account has this email"),
        other => other.into(),
    }
}

/// "2026-11-24 19:00 UTC".
fn timestamp(unix: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| at.format(&format).ok())
        .unwrap_or_default()
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
