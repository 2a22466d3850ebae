//! A reader's plan as the account and billing pages show it: premium until
//! when, free, or premium that ended.

use crate::html::human_instant;
use crate::viewer::Member;

/// What the account and billing pages show about a reader's plan.
pub struct PlanFacts<'a> {
    pub email: &'a str,
    pub premium_until: Option<i64>,
    pub now: i64,
}

impl PlanFacts<'_> {
    /// The plan of this member now.
    pub fn of(member: &Member) -> PlanFacts<'_> {
        PlanFacts {
            email: &member.user.email,
            premium_until: member.user.premium_until,
            now: store::now(),
        }
    }

    /// "Premium, until 24 November 2026", "Free (premium ended ...)" or "Free".
    pub fn plan(&self) -> String {
        match self.premium_until {
            Some(until) if until > self.now => format!("Premium, until {}", human_instant(until)),
            Some(until) => format!("Free (premium ended {})", human_instant(until)),
            None => "Free".to_owned(),
        }
    }

    /// Whether premium is on now.
    pub fn active(&self) -> bool {
        self.premium_until.is_some_and(|until| until > self.now)
    }
}
