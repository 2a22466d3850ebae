//! The paywall as a type: the premium part of an answer is reachable only
//! through a value that proves the reader may see it.

/// Proof that the reader holds a premium entitlement valid now. There is no
/// other way to make one, and `Question::full_answer` demands one for every
/// question that is not a free sample.
#[derive(Debug, Clone, Copy)]
pub struct Access {
    until: i64,
}

impl Access {
    /// Proves access from a verified entitlement's end (Unix seconds): `None`
    /// once it has passed.
    pub fn from_entitlement(until: i64, now: i64) -> Option<Access> {
        (until > now).then_some(Access { until })
    }

    /// When the entitlement ends (Unix seconds).
    pub fn until(&self) -> i64 {
        self.until
    }
}
