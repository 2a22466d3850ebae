//! The command line: `serve`, `users`, `backup`, `restore`, `check` and
//! `examples`. Configuration comes from flags or environment variables, with
//! defaults that need no set-up.

mod backup;
mod serve;
mod users;

use crate::authoring;
use crate::options::{DatabaseArgs, LimitArgs, MailArgs, OperationArgs, StripeArgs};
use clap::{Parser, Subcommand};
use serve::{ServeOptions, init_tracing, serve};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use users::{UsersAction, users};

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
        #[command(flatten)]
        mail: MailArgs,
        #[command(flatten)]
        operations: OperationArgs,
    },
    /// Manage accounts: list them, grant or revoke premium, make a password
    /// reset link.
    Users {
        #[command(flatten)]
        database: DatabaseArgs,
        /// Directory for user data (the SQLite database lives here).
        #[arg(long, env = "RUSTPREP_DATA_DIR", default_value = "./data")]
        data_dir: PathBuf,
        #[command(subcommand)]
        action: UsersAction,
    },
    /// Copy the SQLite database while the server runs: a consistent
    /// snapshot, checked, written to FILE (which must not exist).
    Backup {
        /// Where to write the copy; never overwritten.
        file: PathBuf,
        /// Directory for user data (the SQLite database lives here).
        #[arg(long, env = "RUSTPREP_DATA_DIR", default_value = "./data")]
        data_dir: PathBuf,
        /// Must be unset: for PostgreSQL the command refuses and points to
        /// pg_dump (README, "Backups").
        #[arg(long = "database-url", env = "DATABASE_URL", hide_env_values = true)]
        database_url: Option<String>,
    },
    /// Put a backup in place as the database of a stopped data directory.
    Restore {
        /// The backup to restore (made by `rustprep backup`).
        file: PathBuf,
        /// The data directory to restore into (created if missing); no
        /// server may be running on it.
        #[arg(long, env = "RUSTPREP_DATA_DIR")]
        data_dir: PathBuf,
        /// Replace the database the data directory already holds.
        #[arg(long)]
        force: bool,
        /// Must be unset: for PostgreSQL the command refuses and points to
        /// pg_restore (README, "Backups").
        #[arg(long = "database-url", env = "DATABASE_URL", hide_env_values = true)]
        database_url: Option<String>,
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
            mail,
            operations,
        } => {
            init_tracing(operations.log_format);
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
                mail,
                metrics_addr: operations.metrics_addr,
            };
            serve(options, embedded)
        }
        Command::Users {
            database,
            data_dir,
            action,
        } => users(&data_dir, database.url.as_deref(), action),
        Command::Backup {
            file,
            data_dir,
            database_url,
        } => backup::backup(&file, &data_dir, database_url.as_deref()),
        Command::Restore {
            file,
            data_dir,
            force,
            database_url,
        } => backup::restore(&file, &data_dir, database_url.as_deref(), force),
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
