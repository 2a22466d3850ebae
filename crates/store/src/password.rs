//! Passwords: the policy a new password must meet, and Argon2id hashing with
//! OWASP's parameters (19 MiB, 2 passes, 1 lane), run on the blocking pool so
//! a hash (tens of milliseconds) never stalls the async workers.

use crate::error::StoreError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;

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

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password (PHC string format, salt included).
pub async fn hash_password(password: String) -> Result<String, StoreError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|error| StoreError::Hashing(error.to_string()))?;
        let salt = SaltString::encode_b64(&salt).map_err(|error| StoreError::Hashing(error.to_string()))?;
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| StoreError::Hashing(error.to_string()))
    })
    .await
    .map_err(|error| StoreError::Hashing(error.to_string()))?
}

/// Checks a password against a stored hash. With `None` (no such account) it
/// checks against a fixed hash and answers false, so an unknown email costs
/// the same time as a wrong password.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash_text = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(hash) = PasswordHash::new(&hash_text) else {
            return false;
        };
        argon2().verify_password(password.as_bytes(), &hash).is_ok() && known
    })
    .await
    .unwrap_or(false)
}

/// An Argon2id hash (same parameters) of a random password nobody knows,
/// made on first use.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let mut bytes = [0u8; 32];
    let _ = getrandom::fill(&mut bytes);
    let salt = SaltString::encode_b64(&bytes[..16]).expect("16 bytes make a valid salt");
    argon2()
        .hash_password(&bytes[16..], &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
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
        let hash = hash_password("tangerine-orbit-42".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("tangerine-orbit-42".into(), Some(hash.clone())).await);
        assert!(!verify_password("tangerine-orbit-43".into(), Some(hash)).await);
        assert!(!verify_password("anything at all".into(), None).await);
    }
}
