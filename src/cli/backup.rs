//! `rustprep backup` and `rustprep restore`: the SQLite database of a data
//! directory, copied while the server runs and put back while it is
//! stopped. PostgreSQL has its own tools (pg_dump, pg_restore); the README's
//! "Backups" section says how.

use crate::authoring::say;
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::ExitCode;

/// Takes a consistent, checked copy of `DATA_DIR/rustprep.db` at `file`.
pub(super) fn backup(file: &Path, data_dir: &Path, database_url: Option<&str>) -> Result<ExitCode> {
    sqlite_only(database_url, "backup", "pg_dump -Fc")?;
    let summary = runtime()?.block_on(store::backup(data_dir, file)).map_err(explain)?;
    say(format_args!(
        "backed up {} to {}: {}, {} account(s), {} migration(s); integrity check ok",
        data_dir.join(store::DATABASE_FILE).display(),
        file.display(),
        size(summary.bytes),
        summary.users,
        summary.migrations,
    ));
    Ok(ExitCode::SUCCESS)
}

/// Makes the backup `file` the database of the stopped data directory.
pub(super) fn restore(file: &Path, data_dir: &Path, database_url: Option<&str>, force: bool) -> Result<ExitCode> {
    sqlite_only(database_url, "restore", "pg_restore --clean --if-exists")?;
    let restored = runtime()?
        .block_on(store::restore(file, data_dir, force))
        .map_err(explain)?;
    if let Some(warning) = &restored.warning {
        eprintln!("rustprep: warning: the replaced database's write-ahead log was discarded: {warning}");
    }
    let summary = &restored.summary;
    say(format_args!(
        "restored {} into {}{}: {}, {} account(s), {} migration(s); integrity check ok",
        file.display(),
        data_dir.join(store::DATABASE_FILE).display(),
        if restored.replaced {
            " (replacing the database there)"
        } else {
            ""
        },
        size(summary.bytes),
        summary.users,
        summary.migrations,
    ));
    Ok(ExitCode::SUCCESS)
}

/// Both commands work on the SQLite file of a data directory; a database
/// named by `DATABASE_URL` is not theirs (the URL may hold a password: only
/// its scheme is shown).
fn sqlite_only(database_url: Option<&str>, command: &str, tool: &str) -> Result<()> {
    let Some(url) = database_url else { return Ok(()) };
    let scheme = url.split(':').next().unwrap_or_default();
    if scheme == "postgres" || scheme == "postgresql" {
        bail!(
            "DATABASE_URL names a PostgreSQL database; `rustprep {command}` works on the SQLite database of a \
             data directory. For PostgreSQL use {tool}: see \"Backups\" in the README"
        );
    }
    bail!(
        "DATABASE_URL is set (`{scheme}:...`); `rustprep {command}` works on the SQLite database of the data \
         directory (DATA_DIR/{}): unset DATABASE_URL",
        store::DATABASE_FILE
    )
}

fn explain(error: store::BackupError) -> anyhow::Error {
    match error {
        store::BackupError::TargetHasDatabase(path) => anyhow::anyhow!(
            "{} already holds a database; pass --force to replace it (with the server stopped)",
            path.display()
        ),
        other => other.into(),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// "1.2 MiB (1234567 bytes)".
fn size(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib >= 1.0 {
        format!("{mib:.1} MiB ({bytes} bytes)")
    } else {
        format!("{:.1} KiB ({bytes} bytes)", bytes as f64 / 1024.0)
    }
}
