//! Restoring a backup into a stopped data directory.

use crate::backup::{BackupError, Summary, TempFile, inspect, remove_side_files, side_file, size, sync};
use crate::error::StoreError;
use crate::lock::{DATABASE_FILE, DataDirLock};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::Path;
use std::time::Duration;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The restored database, as checked.
    pub summary: Summary,
    /// Whether a database was there before (and is now replaced).
    pub replaced: bool,
    /// Why the replaced database's write-ahead log could not be folded in
    /// first, if it could not (it was discarded with the database).
    pub warning: Option<String>,
}

/// Makes the backup `file` the database of `data_dir` (created if missing).
///
/// Refuses while any rustprep process has the database open: it takes the
/// data directory's exclusive lock ([`DataDirLock`]), which every server and
/// command holds shared, and keeps it to the end, so no server can start
/// mid-restore either. Refuses to replace an existing database (or its
/// side files) unless `replace`. The backup is copied into the data
/// directory under a temporary name, flushed to disk and checked there
/// ([`inspect`]: integrity, migrations), so what gets the database's name is
/// exactly what was checked. A backup with a non-empty `-wal` beside it is
/// refused: that is a live database, not a self-contained copy.
///
/// The switch: the old database's write-ahead log is first checkpointed
/// into it and its `-wal`, `-shm` (and any `-journal`) removed, then the
/// checked copy is renamed over `rustprep.db`, the directory flushed after
/// each step. A crash at any point leaves a whole database under the name,
/// the old one or the restored one, and never the restored one with the old
/// one's log beside it (SQLite would replay that log into it).
pub async fn restore(file: &Path, data_dir: &Path, replace: bool) -> Result<Restored, BackupError> {
    std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Io {
        context: format!("creating {}", data_dir.display()),
        cause: source,
    })?;
    let _lock = DataDirLock::exclusive(data_dir)?;
    let target = data_dir.join(DATABASE_FILE);
    let present = std::iter::once(target.clone())
        .chain(["-wal", "-shm", "-journal"].map(|suffix| side_file(&target, suffix)))
        .any(|path| path.symlink_metadata().is_ok());
    if present && !replace {
        return Err(BackupError::TargetHasDatabase(target));
    }
    if !file.is_file() {
        return Err(BackupError::NoDatabase(file.to_owned()));
    }
    if std::fs::metadata(side_file(file, "-wal")).is_ok_and(|log| log.len() > 0) {
        return Err(BackupError::NotRustprep {
            path: file.to_owned(),
            reason: "a non-empty write-ahead log (-wal) lies beside it: it is a live database, not a backup \
                     (make one with `rustprep backup`)"
                .to_owned(),
        });
    }
    let temp = TempFile::create(data_dir.join(format!(".{DATABASE_FILE}.restore-{}", std::process::id())))?;
    copy(file, &temp.path)?;
    let summary = inspect(&temp.path).await.map_err(|error| error.naming(file))?;
    // A read-only look at a WAL-mode file may leave an empty -wal and -shm.
    remove_side_files(&temp.path)?;
    let warning = if present {
        let warning = fold_log(&target).await.err().map(|error| error.to_string());
        remove_side_files(&target)?;
        sync(data_dir)?;
        warning
    } else {
        None
    };
    std::fs::rename(&temp.path, &target).map_err(|source| StoreError::Io {
        context: format!("renaming the restored copy to {}", target.display()),
        cause: source,
    })?;
    temp.keep();
    sync(data_dir)?;
    Ok(Restored {
        summary: Summary {
            bytes: size(&target)?,
            ..summary
        },
        replaced: present,
        warning,
    })
}

/// Copies `from` into the empty file `to` and flushes it to disk.
fn copy(from: &Path, to: &Path) -> Result<(), StoreError> {
    let io = |context: String| move |source| StoreError::Io { context, cause: source };
    let mut source = std::fs::File::open(from).map_err(io(format!("opening {}", from.display())))?;
    let mut copy = std::fs::OpenOptions::new()
        .write(true)
        .open(to)
        .map_err(io(format!("opening {}", to.display())))?;
    std::io::copy(&mut source, &mut copy).map_err(io(format!("copying {} to {}", from.display(), to.display())))?;
    copy.sync_all()
        .map_err(io(format!("flushing {} to disk", to.display())))
}

/// Checkpoints the old database's write-ahead log into it, so the database
/// file is whole on its own before its log is removed.
async fn fold_log(database: &Path) -> Result<(), StoreError> {
    if !database.is_file() {
        return Ok(());
    }
    let mut connection = SqliteConnectOptions::new()
        .filename(database)
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await?;
    let busy: i64 = sqlx::query_scalar("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut connection)
        .await?;
    connection.close().await?;
    if busy != 0 {
        return Err(StoreError::Io {
            context: format!("checkpointing {}", database.display()),
            cause: std::io::Error::other("the checkpoint could not finish"),
        });
    }
    Ok(())
}
