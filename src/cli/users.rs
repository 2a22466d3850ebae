//! `rustprep users`: list accounts, grant or revoke premium, make a password
//! reset link, on the database the server uses.

use crate::authoring::say;
use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::Path;
use std::process::ExitCode;

#[derive(Subcommand)]
pub(super) enum UsersAction {
    /// List accounts with their plan.
    List,
    /// Give an account premium for N days from now.
    Grant {
        email: String,
        #[arg(long)]
        days: u32,
    },
    /// End an account's premium now.
    Revoke { email: String },
    /// Print a single-use password reset link for an account (valid 30
    /// minutes), for the operator to hand over when the site sends no mail.
    ResetLink {
        email: String,
        /// The site's public address, as readers reach it.
        #[arg(long, env = "RUSTPREP_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        public_url: String,
    },
}

pub(super) fn users(data_dir: &Path, database_url: Option<&str>, action: UsersAction) -> Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        std::fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
        let store = store::Store::open(data_dir, database_url)
            .await
            .context("opening the user database")?;
        let email = |text: &str| store::Email::parse(text).with_context(|| format!("`{text}` is not an email address"));
        let now = store::now();
        let show = |user: &store::User| {
            let plan = match user.premium_until {
                Some(until) if until > now => format!("premium until {}", timestamp(until)),
                Some(until) => format!("free (premium ended {})", timestamp(until)),
                None => "free".to_owned(),
            };
            let waiting = if user.active { "" } else { "  (not activated)" };
            format!(
                "{}  {}  created {}{waiting}",
                user.email,
                plan,
                timestamp(user.created_at)
            )
        };
        match action {
            UsersAction::List => {
                let users = store.list_users().await?;
                for user in &users {
                    say(show(user));
                }
                say(format_args!("{} account(s)", users.len()));
            }
            UsersAction::Grant { email: address, days } => {
                let until = now + i64::from(days) * 86_400;
                let user = store
                    .set_premium_until(&email(&address)?, Some(until))
                    .await
                    .map_err(users_error)?;
                say(show(&user));
            }
            UsersAction::ResetLink {
                email: address,
                public_url,
            } => {
                let user = store
                    .user_by_email(&email(&address)?)
                    .await?
                    .ok_or_else(|| users_error(store::StoreError::NoSuchUser))?;
                let token = store.create_link(&user.id, store::LinkPurpose::Reset, None).await?;
                let base = public_url.trim_end_matches('/');
                say(format_args!("{base}/password/reset?token={}", token.as_str()));
                say(format_args!(
                    "valid once, for {} minutes, for {}",
                    store::RESET_LINK_SECONDS / 60,
                    user.email
                ));
            }
            UsersAction::Revoke { email: address } => {
                let user = store
                    .set_premium_until(&email(&address)?, Some(now))
                    .await
                    .map_err(users_error)?;
                say(show(&user));
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn users_error(error: store::StoreError) -> anyhow::Error {
    match error {
        store::StoreError::NoSuchUser => anyhow::anyhow!("no account has this email"),
        other => other.into(),
    }
}

/// "2026-11-24 19:00 UTC".
fn timestamp(unix: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| at.format(&format).ok())
        .unwrap_or_default()
}
