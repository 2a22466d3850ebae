//! The application's shared state: the rendered site, the user store and the
//! configuration (Stripe's keys and the mailer among it), one `Arc` handlers take as their
//! state.

use crate::readiness::Readiness;
use crate::search_index::LazySearchIndex;
use crate::server::forwarded::TrustedProxies;
use crate::site::Site;
use std::sync::Arc;
use store::{Hasher, SessionLimits, Store};

/// How the app is deployed.
#[derive(Debug, Clone)]
pub struct Config {
    /// Served behind HTTPS (a TLS-terminating proxy): cookies get `Secure`
    /// and responses get HSTS.
    pub https: bool,
    pub sessions: SessionLimits,
    /// Stripe keys and endpoints; billing routes answer 503 without them.
    pub stripe: Option<StripeConfig>,
    /// The site's public address (`https://rustprep.example`), for absolute
    /// links in feeds, the sitemap and structured data.
    pub public_url: String,
    /// Proxies whose `Forwarded`/`X-Forwarded-For` name the client.
    pub trusted_proxies: TrustedProxies,
    /// Accounts one address (IPv6: one /64) may create per hour.
    pub signups_per_hour: i64,
    /// Where account emails go (`SMTP_URL`, `MAIL_FROM`). With it, new
    /// accounts wait for their emailed link and passwords can be reset by
    /// email; without it, accounts are active at once.
    pub mailer: Option<mail::Mailer>,
}

/// Keys and endpoints, from configuration.
#[derive(Debug, Clone)]
pub struct StripeConfig {
    /// `https://api.stripe.com` in production; a local stand-in in tests.
    pub api_base: String,
    pub secret_key: String,
    pub webhook_secret: String,
    pub price_id: String,
    /// Where Checkout sends the reader back (`https://rustprep.example`).
    pub public_url: String,
}

/// Sign-ups allowed per address per hour by default: enough for a family or
/// an office behind one address, too few to mass-create accounts.
pub const SIGNUPS_PER_HOUR: i64 = 20;

/// Everything a handler needs.
#[derive(Debug)]
pub struct App {
    pub site: Site,
    /// Built in the background after start-up (see `search_index`).
    pub search: LazySearchIndex,
    pub store: Store,
    pub config: Config,
    /// Calls to Stripe's API.
    pub http: reqwest::Client,
    /// Password hashing, bounded (see `store::Hasher`).
    pub hasher: Hasher,
    /// Whether `/readyz` says this instance should get traffic.
    pub readiness: Readiness,
}

pub type SharedApp = Arc<App>;

impl App {
    pub fn new(site: Site, search: LazySearchIndex, store: Store, config: Config) -> SharedApp {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .unwrap_or_default();
        Arc::new(App {
            site,
            search,
            store,
            config,
            http,
            hasher: Hasher::default(),
            readiness: Readiness::default(),
        })
    }
}
