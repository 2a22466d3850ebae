//! The paywall as a type: the premium part of an answer is reachable only
//! through a value that proves the reader may see it.

use time::Date;

/// Proof that the reader holds a premium entitlement valid today. There is no
/// other way to make one, and `Question::full_answer` demands one for every
/// question that is not a free sample.
#[derive(Debug, Clone, Copy)]
pub struct Access {
    until: Date,
}

impl Access {
    /// Proves access from a verified entitlement's end date: `None` once it
    /// has lapsed.
    pub fn from_entitlement(until: Date, today: Date) -> Option<Access> {
        (until >= today).then_some(Access { until })
    }

    /// The last day the entitlement covers.
    pub fn until(&self) -> Date {
        self.until
    }
}
