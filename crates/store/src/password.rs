//! Passwords: the policy a new password must meet, and Argon2id hashing with
//! OWASP's parameters (19 MiB, 2 passes, 1 lane), run on threads of its own so
//! a hash (tens of milliseconds) never stalls the async workers, and a
//! bounded number at a time so a burst of logins cannot exhaust memory.

use crate::error::StoreError;
use crate::telemetry::HashInFlight;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// Common passwords of 12 or more characters (shorter ones fail the length
/// rule anyway), compared case-insensitively.
const COMMON: &str = include_str!("common-passwords.txt");

/// Why a new password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("use at least {min} characters")]
    TooShort { min: usize },
    #[error("use at most {max} characters")]
    TooLong { max: usize },
    #[error("this password is too common; pick one that is not on lists of leaked passwords")]
    Common,
}

/// The rules for new passwords. Passwords are checked exactly as typed: no
/// trimming, no case folding, any Unicode.
#[derive(Debug, Clone, Copy)]
pub struct PasswordPolicy {
    pub min_chars: usize,
    pub max_chars: usize,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            min_chars: 12,
            max_chars: 256,
        }
    }
}

impl PasswordPolicy {
    pub fn check(&self, password: &str) -> Result<(), PasswordError> {
        let chars = password.chars().count();
        if chars < self.min_chars {
            return Err(PasswordError::TooShort { min: self.min_chars });
        }
        if chars > self.max_chars {
            return Err(PasswordError::TooLong { max: self.max_chars });
        }
        if is_common(password) {
            return Err(PasswordError::Common);
        }
        Ok(())
    }
}

fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    let mut chars = lower.chars();
    let first = chars.next();
    let one_repeated_char = chars.all(|c| Some(c) == first);
    one_repeated_char || COMMON.lines().any(|common| common == lower)
}

fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).expect("OWASP parameters are valid")
}

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
}

thread_local! {
    /// The Argon2 working memory of this hashing thread, allocated once and
    /// reused. Letting argon2 allocate and free 19 MiB per hash made glibc
    /// raise its mmap threshold and keep the freed blocks in per-thread
    /// arenas: 25 parallel logins left +220 MB resident even with two
    /// hashing threads.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Runs Argon2 `argon` into `out` with this thread's working memory.
fn run_argon2(argon: &Argon2<'_>, blocks: usize, password: &[u8], salt: &[u8], out: &mut [u8]) -> bool {
    MEMORY.with_borrow_mut(|memory| {
        memory.resize(blocks, Block::default());
        argon
            .hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
            .is_ok()
    })
}

/// Hashes on the calling thread (a hashing thread): a PHC string.
fn hash_here(password: &[u8]) -> Result<String, StoreError> {
    let failed = |error: &dyn std::fmt::Display| StoreError::Hashing(error.to_string());
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|error| failed(&error))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    if !run_argon2(&argon2(), params().block_count(), password, &salt, &mut out) {
        return Err(StoreError::Hashing("argon2 refused its input".into()));
    }
    let salt = SaltString::encode_b64(&salt).map_err(|error| failed(&error))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params()).map_err(|error| failed(&error))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|error| failed(&error))?),
    };
    Ok(hash.to_string())
}

/// Verifies on the calling thread; any malformed stored hash is a mismatch.
/// The comparison is constant-time (`Output`'s equality).
fn verify_here(password: &[u8], stored: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let (Ok(params), Ok(algorithm)) = (Params::try_from(&hash), Algorithm::try_from(hash.algorithm)) else {
        return false;
    };
    let Ok(version) = hash.version.map(Version::try_from).transpose() else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = params.block_count();
    let argon = Argon2::new(algorithm, version.unwrap_or_default(), params);
    let mut out = vec![0u8; expected.len()];
    run_argon2(&argon, blocks, password, salt, &mut out) && Output::new(&out).is_ok_and(|output| output == expected)
}

/// Runs password hashes on a few threads of its own, a bounded number at a
/// time.
///
/// Each Argon2id run holds 19 MiB. Unbounded on tokio's blocking pool, 300
/// simultaneous logins ran about 150 at once, about 3 GB (review F3). A
/// semaphore alone is not enough: each blocking-pool thread that ever
/// hashed keeps its own malloc arena holding the 19 MiB, and the pool
/// grows to hundreds of threads (120 parallel logins still peaked at
/// +490 MB). So hashes run on `workers` dedicated threads (one per CPU: more
/// cannot finish sooner), at most `queue` more wait in a bounded channel,
/// and anything beyond is refused at once with [`StoreError::Busy`] (the web
/// layer answers 503 with `Retry-After`). Memory is then bounded by
/// `workers` × 19 MiB, and a request waits at most `queue / workers` hashes.
#[derive(Debug)]
pub struct Hasher {
    jobs: SyncSender<Job>,
}

type Job = Box<dyn FnOnce() + Send>;

impl Default for Hasher {
    /// One worker per CPU, and a queue of eight per worker (a wait of a few
    /// hundred milliseconds at most).
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        Hasher::new(cpus, 8 * cpus)
    }
}

impl Hasher {
    /// Starts `workers` threads; they end when the `Hasher` is dropped.
    pub fn new(workers: usize, queue: usize) -> Hasher {
        let (jobs, waiting) = sync_channel::<Job>(queue);
        let waiting = Arc::new(Mutex::new(waiting));
        for n in 0..workers.max(1) {
            let waiting = Arc::clone(&waiting);
            let spawned = std::thread::Builder::new()
                .name(format!("password-hash-{n}"))
                .spawn(move || {
                    loop {
                        let job = waiting.lock().unwrap_or_else(PoisonError::into_inner).recv();
                        match job {
                            Ok(job) => job(),
                            Err(_) => break, // the Hasher is gone
                        }
                    }
                });
            if let Err(error) = spawned {
                tracing::error!(%error, "could not start a password-hashing thread");
            }
        }
        Hasher { jobs }
    }

    /// Runs `work` on a hashing thread, if there is room in the queue.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, StoreError> {
        let (done, result) = tokio::sync::oneshot::channel();
        // Counted from here until the job has run, or is dropped unrun
        // (queue full, or the hasher stopped).
        let in_flight = HashInFlight::start();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
            drop(in_flight);
        });
        self.jobs.try_send(job).map_err(|error| match error {
            TrySendError::Full(_) => StoreError::Busy,
            TrySendError::Disconnected(_) => StoreError::Hashing("no hashing thread is running".into()),
        })?;
        result
            .await
            .map_err(|_| StoreError::Hashing("the hashing thread stopped".into()))
    }

    /// Hashes a password (PHC string format, salt included).
    pub async fn hash(&self, password: String) -> Result<String, StoreError> {
        self.run(move || hash_here(password.as_bytes())).await?
    }

    /// Checks a password against a stored hash. With `None` (no such
    /// account) it checks against a fixed hash and answers false, so an
    /// unknown email costs the same time as a wrong password.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, StoreError> {
        self.run(move || {
            let known = stored.is_some();
            let hash_text = stored.unwrap_or_else(|| DUMMY_HASH.clone());
            verify_here(password.as_bytes(), &hash_text) && known
        })
        .await
    }
}

/// An Argon2id hash (same parameters) of a random password nobody knows,
/// made on first use.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let mut secret = [0u8; 32];
    let _ = getrandom::fill(&mut secret);
    hash_here(&secret).unwrap_or_default()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_counts_characters_and_refuses_common_passwords() {
        let policy = PasswordPolicy::default();
        assert_eq!(policy.check("short"), Err(PasswordError::TooShort { min: 12 }));
        assert_eq!(
            policy.check("ééééééééééé"),
            Err(PasswordError::TooShort { min: 12 }),
            "11 characters"
        );
        assert_eq!(policy.check("aaaaaaaaaaaaaaaa"), Err(PasswordError::Common));
        assert_eq!(policy.check("Password1234"), Err(PasswordError::Common));
        assert!(policy.check(&"x".repeat(300)).is_err());
        assert!(policy.check("  violet kettle drum  ").is_ok(), "spaces count as typed");
        assert!(policy.check(&"ab".repeat(64)).is_ok(), "128 characters are accepted");
    }

    #[tokio::test]
    async fn hashes_verify_and_unknown_accounts_never_match() {
        let hasher = Hasher::default();
        let hash = hasher.hash("tangerine-orbit-42".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let verify = |password: &str, stored| hasher.verify(password.into(), stored);
        assert!(verify("tangerine-orbit-42", Some(hash.clone())).await.expect("verify"));
        assert!(!verify("tangerine-orbit-43", Some(hash)).await.expect("verify"));
        assert!(!verify("anything at all", None).await.expect("verify"));
    }

    #[test]
    fn hashes_made_by_the_argon2_crate_still_verify() {
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::encode_b64(b"sixteen byte salt").expect("salt");
        let made_before = argon2()
            .hash_password(b"old passphrase here", &salt)
            .expect("hash")
            .to_string();
        assert!(verify_here(b"old passphrase here", &made_before));
        assert!(!verify_here(b"old passphrase hers", &made_before));
        assert!(!verify_here(
            b"old passphrase here",
            "$argon2id$v=19$m=19456,t=2,p=1$bad"
        ));
        let ours = hash_here(b"old passphrase here").expect("hash");
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{ours}");
    }

    #[tokio::test]
    async fn past_the_queue_hashing_is_refused_not_queued() {
        let hasher = Arc::new(Hasher::new(1, 2));
        let burst: Vec<_> = (0..12)
            .map(|n| {
                let hasher = Arc::clone(&hasher);
                tokio::spawn(async move { hasher.verify(format!("guess {n}"), None).await })
            })
            .collect();
        let mut busy = 0;
        for outcome in burst {
            match outcome.await.expect("task") {
                Ok(valid) => assert!(!valid),
                Err(StoreError::Busy) => busy += 1,
                Err(other) => panic!("{other}"),
            }
        }
        assert!(busy >= 9, "at most 1 running and 2 waiting: {busy} refused of 12");
    }
}
