//! Backups of the SQLite database: a consistent copy taken while the server
//! runs, checked before it gets its name; and the check itself, which
//! `restore` uses too.

use crate::db::MIGRATOR;
use crate::error::StoreError;
use crate::lock::{DATABASE_FILE, DataDirLock};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, Row};
use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why a backup or restore refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{} already exists; a backup never replaces a file", .0.display())]
    Exists(PathBuf),
    #[error("there is no database at {}", .0.display())]
    NoDatabase(PathBuf),
    #[error("{} already holds a database", .0.display())]
    TargetHasDatabase(PathBuf),
    #[error("{} is not a rustprep database: {reason}", .path.display())]
    NotRustprep { path: PathBuf, reason: String },
    #[error("{} failed SQLite's integrity check: {detail}", .path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl BackupError {
    /// The same refusal, naming `path` instead of the file checked (a
    /// temporary copy of it).
    pub(crate) fn naming(self, path: &Path) -> BackupError {
        match self {
            BackupError::NotRustprep { reason, .. } => BackupError::NotRustprep {
                path: path.to_owned(),
                reason,
            },
            BackupError::Corrupt { detail, .. } => BackupError::Corrupt {
                path: path.to_owned(),
                detail,
            },
            other => other,
        }
    }
}

/// What a checked copy holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The file's size in bytes.
    pub bytes: u64,
    /// Accounts in it.
    pub users: i64,
    /// Migrations applied to it (all known to this build).
    pub migrations: usize,
}

/// Copies the SQLite database of `data_dir` to `file`, which must not exist,
/// while servers keep using the database; checks the copy before it gets its
/// name.
///
/// **Why `VACUUM INTO`, and why the copy is consistent under concurrent
/// writes.** `VACUUM INTO` is one statement that reads the source inside one
/// read transaction. In WAL mode a read transaction sees the database as of
/// the moment it began: SQLite notes how far the write-ahead log reached
/// then (the reader's end mark) and reads each page from the log up to that
/// mark, or else from the main file. Writers meanwhile only append frames
/// past the mark, and a checkpoint neither copies frames past the oldest
/// reader's mark into the main file nor restarts the log under a reader. So
/// the copy is the database as of one commit: every transaction committed
/// before the backup began is in it, none committed later is, not even in
/// part. Writers are never blocked (a WAL reader holds no lock a writer
/// waits for; the server's automatic checkpoints are passive), and the copy
/// never has to start over. The online backup API
/// (`sqlite3_backup_*`) would be as consistent, but sqlx reaches it only
/// through the raw connection handle, that is `unsafe` FFI this workspace
/// forbids, and no crate in the dependency tree wraps it; it also restarts
/// its copy whenever another connection writes between its steps.
/// `VACUUM INTO` writes one self-contained file in rollback-journal mode
/// (no `-wal` to carry along), without free pages.
///
/// The copy is written to a temporary file beside `file`, flushed to disk
/// (SQLite does not sync what `VACUUM INTO` writes), checked
/// ([`inspect`]), then hard-linked to `file`, which fails rather than
/// replace a file that appeared meanwhile; `file` therefore never exists
/// half-written. The data directory's shared lock is held throughout, so a
/// restore cannot replace the database mid-copy. The source is opened
/// read-only, so the backup changes nothing in it (with no server running,
/// SQLite may create its empty `-wal` and `-shm` files).
pub async fn backup(data_dir: &Path, file: &Path) -> Result<Summary, BackupError> {
    let source = data_dir.join(DATABASE_FILE);
    if !source.is_file() {
        return Err(BackupError::NoDatabase(source));
    }
    let _lock = DataDirLock::shared(data_dir)?;
    if file.symlink_metadata().is_ok() {
        return Err(BackupError::Exists(file.to_owned()));
    }
    let (dir, name) = split(file)?;
    let temp = TempFile::create(dir.join(format!(".{name}.backup-{}", std::process::id())))?;
    let mut connection = connect(&source, true).await?;
    let target = temp
        .path
        .to_str()
        .ok_or_else(|| io_error(&temp.path, "the path is not UTF-8"))?;
    sqlx::query("VACUUM INTO ?")
        .bind(target)
        .execute(&mut connection)
        .await
        .map_err(StoreError::from)?;
    connection.close().await.map_err(StoreError::from)?;
    sync(&temp.path)?;
    let mut summary = inspect(&temp.path).await?;
    link_new(&temp.path, file)?;
    drop(temp);
    sync(&dir)?;
    summary.bytes = size(file)?;
    Ok(summary)
}

/// Checks that `path` is a sound rustprep database this build can serve:
/// `PRAGMA integrity_check` says `ok`, it has sqlx's migrations table, every
/// migration in it succeeded and is one this build knows (a newer build's
/// database would not start here), and it has a `users` table. Opens the
/// file read-only; counts its accounts.
pub async fn inspect(path: &Path) -> Result<Summary, BackupError> {
    let not_ours = |reason: String| BackupError::NotRustprep {
        path: path.to_owned(),
        reason,
    };
    let mut connection = connect(path, true).await.map_err(|error| not_ours(error.to_string()))?;
    let rows = sqlx::query("PRAGMA integrity_check")
        .fetch_all(&mut connection)
        .await
        .map_err(|error| not_ours(error.to_string()))?;
    let verdict: Vec<String> = rows.iter().filter_map(|row| row.try_get(0).ok()).collect();
    if verdict != ["ok"] {
        let detail = verdict.into_iter().take(5).collect::<Vec<_>>().join("; ");
        return Err(BackupError::Corrupt {
            path: path.to_owned(),
            detail,
        });
    }
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
        .fetch_all(&mut connection)
        .await
        .map_err(StoreError::from)?;
    for table in ["_sqlx_migrations", "users"] {
        if !tables.iter().any(|name| name == table) {
            return Err(not_ours(format!("it has no `{table}` table")));
        }
    }
    let applied: Vec<(i64, bool)> = sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut connection)
        .await
        .map_err(StoreError::from)?;
    if applied.is_empty() {
        return Err(not_ours("no migration was ever applied to it".to_owned()));
    }
    for (version, success) in &applied {
        if !success {
            return Err(not_ours(format!("migration {version} failed part-way")));
        }
        if !MIGRATOR.iter().any(|known| known.version == *version) {
            return Err(not_ours(format!(
                "migration {version} is unknown to this build (the database comes from a newer rustprep)"
            )));
        }
    }
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&mut connection)
        .await
        .map_err(StoreError::from)?;
    connection.close().await.map_err(StoreError::from)?;
    Ok(Summary {
        bytes: size(path)?,
        users,
        migrations: applied.len(),
    })
}

/// One connection to an existing SQLite file (never created here).
async fn connect(path: &Path, read_only: bool) -> Result<SqliteConnection, StoreError> {
    let connection = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .read_only(read_only)
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await?;
    Ok(connection)
}

/// The directory (absolute, so SQLite never reads the name as a URI) and
/// file name of `file`.
fn split(file: &Path) -> Result<(PathBuf, String), StoreError> {
    let name = file
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| io_error(file, "names no file (or not in UTF-8)"))?;
    let parent = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let dir = parent.canonicalize().map_err(|source| StoreError::Io {
        context: format!("the directory of {}", file.display()),
        cause: source,
    })?;
    Ok((dir, name.to_owned()))
}

/// Gives `temp` the name `file` unless `file` exists. A hard link fails
/// with `AlreadyExists` instead of replacing; on a file system without hard
/// links, a rename after checking `file` is absent (a narrow race).
fn link_new(temp: &Path, file: &Path) -> Result<(), BackupError> {
    match std::fs::hard_link(temp, file) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Err(BackupError::Exists(file.to_owned())),
        Err(_) if file.symlink_metadata().is_ok() => Err(BackupError::Exists(file.to_owned())),
        Err(_) => std::fs::rename(temp, file).map_err(|source| {
            StoreError::Io {
                context: format!("naming the backup {}", file.display()),
                cause: source,
            }
            .into()
        }),
    }
}

/// Flushes a file, or a directory's entries, to disk.
pub(crate) fn sync(path: &Path) -> Result<(), StoreError> {
    File::open(path)
        .and_then(|file| file.sync_all())
        .map_err(|source| StoreError::Io {
            context: format!("flushing {} to disk", path.display()),
            cause: source,
        })
}

pub(crate) fn size(path: &Path) -> Result<u64, StoreError> {
    std::fs::metadata(path)
        .map(|metadata| metadata.len())
        .map_err(|source| StoreError::Io {
            context: format!("reading the size of {}", path.display()),
            cause: source,
        })
}

/// `path` with SQLite's suffix for a side file (`-wal`, `-shm`, `-journal`).
pub(crate) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// SQLite's side files of a database.
pub(crate) const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Removes a database's side files that exist.
pub(crate) fn remove_side_files(path: &Path) -> Result<(), StoreError> {
    for suffix in SIDE_FILES {
        let side = side_file(path, suffix);
        match std::fs::remove_file(&side) {
            Err(error) if error.kind() != ErrorKind::NotFound => {
                return Err(StoreError::Io {
                    context: format!("removing {}", side.display()),
                    cause: error,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

fn io_error(path: &Path, message: &str) -> StoreError {
    StoreError::Io {
        context: path.display().to_string(),
        cause: std::io::Error::new(ErrorKind::InvalidInput, message.to_owned()),
    }
}

/// A new, empty file that is removed (with any side files SQLite left) when
/// dropped, unless [`TempFile::keep`] was called.
#[derive(Debug)]
pub(crate) struct TempFile {
    pub(crate) path: PathBuf,
    keep: bool,
}

impl TempFile {
    pub(crate) fn create(path: PathBuf) -> Result<TempFile, StoreError> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|source| StoreError::Io {
                context: format!("creating {}", path.display()),
                cause: source,
            })?;
        Ok(TempFile { path, keep: false })
    }

    /// The file was renamed away: nothing to remove.
    pub(crate) fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = remove_side_files(&self.path);
    }
}
