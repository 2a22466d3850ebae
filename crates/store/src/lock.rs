//! Who is using the SQLite database of a data directory.
//!
//! Every process that opens `DATA_DIR/rustprep.db` through [`Store::open`]
//! (the server, `rustprep users`) and `rustprep backup` hold a shared
//! advisory lock (`flock`) on `DATA_DIR/rustprep.db.lock` for as long as they
//! run; `rustprep restore` needs the exclusive lock, so it cannot replace the
//! files under a running server, and a server cannot start in the middle of
//! a restore. The kernel drops the lock when the process ends, however it
//! ends (a SIGKILL included), so a crash never leaves a stale lock behind.
//! The lock file itself is never removed: it holds no data.
//!
//! [`Store::open`]: crate::Store::open

use crate::error::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The SQLite database's file name in the data directory.
pub const DATABASE_FILE: &str = "rustprep.db";
/// The lock file's name in the data directory.
pub const LOCK_FILE: &str = "rustprep.db.lock";

/// A held lock on a data directory's database; released when dropped.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
}

impl DataDirLock {
    /// The shared lock: any number of servers and commands may use the
    /// database together. Fails at once while a restore holds the exclusive one.
    pub fn shared(data_dir: &Path) -> Result<DataDirLock, StoreError> {
        let (file, path) = open(data_dir)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(DataDirLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::BeingRestored(path)),
            Err(TryLockError::Error(source)) => Err(lock_failed(path, source)),
        }
    }

    /// The exclusive lock: no other rustprep process has the database open.
    /// Fails at once if one does.
    pub fn exclusive(data_dir: &Path) -> Result<DataDirLock, StoreError> {
        let (file, path) = open(data_dir)?;
        match file.try_lock() {
            Ok(()) => Ok(DataDirLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::InUse(path)),
            Err(TryLockError::Error(source)) => Err(lock_failed(path, source)),
        }
    }
}

/// Opens the lock file read-only (a lock needs no more, and a file another
/// user created stays usable), creating it if it is missing.
fn open(data_dir: &Path) -> Result<(File, PathBuf), StoreError> {
    let path = data_dir.join(LOCK_FILE);
    let file = match File::open(&path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path),
        opened => opened,
    };
    let file = file.map_err(|source| lock_failed(path.clone(), source))?;
    Ok((file, path))
}

fn lock_failed(path: PathBuf, source: std::io::Error) -> StoreError {
    StoreError::Io {
        context: format!("locking {}", path.display()),
        cause: source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_holders_keep_out_the_exclusive_one_and_the_other_way_round() {
        let dir = std::env::temp_dir().join(format!("rustprep-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let first = DataDirLock::shared(&dir).expect("shared");
        let second = DataDirLock::shared(&dir).expect("shared twice");
        assert!(matches!(DataDirLock::exclusive(&dir), Err(StoreError::InUse(_))));
        drop((first, second));
        let exclusive = DataDirLock::exclusive(&dir).expect("exclusive once all are gone");
        assert!(matches!(DataDirLock::shared(&dir), Err(StoreError::BeingRestored(_))));
        drop(exclusive);
        DataDirLock::shared(&dir).expect("shared again");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
