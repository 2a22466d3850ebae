//! A reader's interviewer-kit data as a whole: what "download my data"
//! lists, and the explicit deletion with the account (children first, in
//! the deletion's transaction, not resting on `ON DELETE CASCADE`).

use crate::db::Store;
use crate::error::StoreError;
use crate::{KitInterview, KitSet, KitShare};
use serde::Serialize;

/// The reader's kit in the data export.
#[derive(Debug, Serialize)]
pub struct KitExport {
    /// Question sets with their items, newest first.
    pub sets: Vec<KitSet>,
    /// Interviews with their marks, newest first.
    pub interviews: Vec<KitInterview>,
    /// Share links made (never their tokens), revoked ones included.
    pub share_links: Vec<KitShare>,
}

/// Statements deleting a reader's kit rows (`$1`: the user id).
pub(crate) const DELETES: [&str; 5] = [
    "DELETE FROM kit_marks WHERE interview_id IN (SELECT id FROM kit_interviews WHERE user_id = $1)",
    "DELETE FROM kit_interviews WHERE user_id = $1",
    "DELETE FROM kit_shares WHERE user_id = $1",
    "DELETE FROM kit_items WHERE set_id IN (SELECT id FROM kit_sets WHERE user_id = $1)",
    "DELETE FROM kit_sets WHERE user_id = $1",
];

impl Store {
    pub(crate) async fn export_kit(&self, user_id: &str) -> Result<KitExport, StoreError> {
        Ok(KitExport {
            sets: self.kit_sets(user_id).await?,
            interviews: self.kit_interviews(user_id, None).await?,
            share_links: self.kit_shares(user_id).await?,
        })
    }
}
