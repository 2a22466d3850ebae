//! Share links to a question set: a co-interviewer link (a read-only
//! sheet) and a candidate link (the titles, to practise). Only the SHA-256
//! of a link's token is stored, so the link is shown once, when made. A set
//! has at most one live link of each kind: making a new one revokes the
//! old one. Links never reach the set's interviews.

use crate::Timestamp;
use crate::bounded::{commit, on};
use crate::db::Store;
use crate::error::StoreError;
use crate::kit_sets::KitSet;
use crate::secret::Token;
use serde::Serialize;
use sqlx::Row;

/// Who a share link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShareKind {
    /// The whole sheet, read-only (premium sections only for a viewer with
    /// access).
    CoInterviewer,
    /// The questions' titles only.
    Candidate,
}

impl ShareKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ShareKind::CoInterviewer => "co-interviewer",
            ShareKind::Candidate => "candidate",
        }
    }

    pub fn parse(text: &str) -> Option<ShareKind> {
        [ShareKind::CoInterviewer, ShareKind::Candidate]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// A live share link as its owner sees it later (never the token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KitShare {
    pub set_id: String,
    pub kind: ShareKind,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

impl Store {
    /// Makes a share link of this kind to the reader's set, revoking the
    /// previous one of the same kind; returns its token (shown once).
    /// `NotFound` for another reader's set.
    pub async fn create_kit_share(
        &self,
        user_id: &str,
        set_id: &str,
        kind: ShareKind,
        at: Timestamp,
    ) -> Result<Token, StoreError> {
        let token = Token::generate();
        let mut tx = self.begin().await?;
        revoke(&mut tx, user_id, set_id, kind, at).await?;
        let inserted = sqlx::query(
            "INSERT INTO kit_shares (token_hash, set_id, user_id, kind, created_at) \
             SELECT $1, id, user_id, $2, $3 FROM kit_sets WHERE id = $4 AND user_id = $5",
        )
        .bind(token.hashed())
        .bind(kind.as_str())
        .bind(at)
        .bind(set_id)
        .bind(user_id)
        .execute(on(&mut tx))
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        commit(tx).await?;
        Ok(token)
    }

    /// Revokes the reader's live link of this kind to the set; false if
    /// there was none (or the set is another reader's).
    pub async fn revoke_kit_share(
        &self,
        user_id: &str,
        set_id: &str,
        kind: ShareKind,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let revoked = revoke(&mut tx, user_id, set_id, kind, at).await?;
        commit(tx).await?;
        Ok(revoked)
    }

    /// The share links the reader made, newest first, revoked ones included
    /// (for the data export and the set's page).
    pub async fn kit_shares(&self, user_id: &str) -> Result<Vec<KitShare>, StoreError> {
        let rows = sqlx::query(
            "SELECT set_id, kind, created_at, revoked_at FROM kit_shares WHERE user_id = $1 \
             ORDER BY created_at DESC, set_id",
        )
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                Ok(KitShare {
                    set_id: row.try_get("set_id")?,
                    kind: ShareKind::parse(&kind)
                        .ok_or_else(|| sqlx::Error::Decode(format!("unknown share kind `{kind}`").into()))?,
                    created_at: row.try_get("created_at")?,
                    revoked_at: row.try_get("revoked_at")?,
                })
            })
            .collect()
    }

    /// The set a live link of this kind opens; `None` for an unknown,
    /// malformed or revoked token, or a link of the other kind.
    pub async fn shared_kit_set(&self, token: &str, kind: ShareKind) -> Result<Option<KitSet>, StoreError> {
        let Some(token) = Token::parse(token) else {
            return Ok(None);
        };
        let row =
            sqlx::query("SELECT set_id FROM kit_shares WHERE token_hash = $1 AND kind = $2 AND revoked_at IS NULL")
                .bind(token.hashed())
                .bind(kind.as_str())
                .fetch_optional(self.bounded())
                .await?;
        match row {
            Some(row) => self.kit_set_by_id(&row.try_get::<String, _>(0)?).await,
            None => Ok(None),
        }
    }
}

async fn revoke(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: &str,
    set_id: &str,
    kind: ShareKind,
    at: Timestamp,
) -> Result<bool, StoreError> {
    let revoked = sqlx::query(
        "UPDATE kit_shares SET revoked_at = $1 \
         WHERE set_id = $2 AND user_id = $3 AND kind = $4 AND revoked_at IS NULL",
    )
    .bind(at)
    .bind(set_id)
    .bind(user_id)
    .bind(kind.as_str())
    .execute(on(tx))
    .await?;
    Ok(revoked.rows_affected() > 0)
}
