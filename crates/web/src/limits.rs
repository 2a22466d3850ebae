//! Rate limits on logins and sign-ups, per client address (see
//! `client_addr`: the address behind a trusted proxy, IPv6 by /64).
//!
//! Each attempt is reserved in the store *before* its password is hashed or
//! checked, so requests that arrive together are counted together: 60
//! parallel guesses used to be checked 40-60 times against a limit of 5
//! (review F5). Failed logins are limited per address (30 / 15 min) and per
//! account-and-address pair (5 / 15 min), so an attacker elsewhere cannot
//! lock the owner out; sign-ups per address (20 / hour by default).

use crate::app::SharedApp;
use crate::client_addr::ClientAddr;
use crate::errors::PageError;
use crate::observe::names::{LOGIN_FAILURES, RATE_LIMITED};
use store::{Email, Limit, User, now, pair_scope};

/// The window failed logins are counted in.
const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;
/// Failed logins allowed per window from one address, any accounts.
const FAILURES_PER_ADDRESS: i64 = 30;
/// Failed logins allowed per window for one account from one address.
const FAILURES_PER_ACCOUNT_AND_ADDRESS: i64 = 5;
/// The window sign-ups are counted in; also the longest window, so rows
/// older than this are swept.
const SIGNUP_WINDOW_SECONDS: i64 = 3600;

/// What a login attempt came to.
#[derive(Debug)]
pub enum LoginOutcome {
    Accepted(User),
    Refused,
    Limited,
}

/// Checks credentials within the rate limits. Verifies a password even when
/// there is no account, so both failures take as long and read the same.
pub async fn authenticate(
    app: &SharedApp,
    email: &str,
    password: &str,
    client: ClientAddr,
) -> Result<LoginOutcome, PageError> {
    let key = client.rate_key();
    let address_scope = format!("ip:{key}");
    let pair = pair_scope(&email.trim().to_lowercase(), &key);
    let since = now() - FAILURE_WINDOW_SECONDS;
    let limits = [
        Limit {
            scope: &address_scope,
            max: FAILURES_PER_ADDRESS,
            since,
        },
        Limit {
            scope: &pair,
            max: FAILURES_PER_ACCOUNT_AND_ADDRESS,
            since,
        },
    ];
    let Some(attempt) = app.store.reserve_attempt(&limits).await? else {
        metrics::counter!(RATE_LIMITED, "limit" => "login").increment(1);
        return Ok(LoginOutcome::Limited);
    };
    let found = match Email::parse(email) {
        Some(email) => app.store.user_with_hash(&email).await?,
        None => None,
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let valid = match app.hasher.verify(password.to_owned(), hash).await {
        Ok(valid) => valid,
        Err(error) => {
            // Not checked (too many in flight): it does not count.
            app.store.forget_attempt(attempt).await?;
            return Err(error.into());
        }
    };
    match user.filter(|_| valid) {
        Some(user) => {
            app.store.forget_attempt(attempt).await?;
            app.store
                .clear_login_failures(&pair, now() - SIGNUP_WINDOW_SECONDS)
                .await?;
            Ok(LoginOutcome::Accepted(user))
        }
        // The reservation stays: it is the record of this failure.
        None => {
            metrics::counter!(LOGIN_FAILURES).increment(1);
            Ok(LoginOutcome::Refused)
        }
    }
}

/// Reserves a sign-up for this client; false if the address has made as
/// many accounts as it may this hour.
pub async fn reserve_signup(app: &SharedApp, client: ClientAddr) -> Result<bool, PageError> {
    let scope = format!("signup:{}", client.rate_key());
    let limit = Limit {
        scope: &scope,
        max: app.config.signups_per_hour,
        since: now() - SIGNUP_WINDOW_SECONDS,
    };
    let reserved = app.store.reserve_attempt(&[limit]).await?.is_some();
    if !reserved {
        metrics::counter!(RATE_LIMITED, "limit" => "signup").increment(1);
    }
    Ok(reserved)
}
