//! Random tokens for session cookies, CSRF and ids, and their stored form.

use sha2::{Digest, Sha256};
use std::fmt;

/// 256 random bits as lowercase hex. Debug output never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// A fresh token from the operating system's CSPRNG.
    pub fn generate() -> Token {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the OS random source is available");
        Token(hex::encode(bytes))
    }

    /// Accepts a token as it came back from a client: 64 lowercase hex digits.
    pub fn parse(text: &str) -> Option<Token> {
        (text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
            .then(|| Token(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database keeps instead of the token itself.
    pub fn hashed(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(..)")
    }
}

/// A random 128-bit id for rows, as hex.
pub(crate) fn new_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    hex::encode(bytes)
}
