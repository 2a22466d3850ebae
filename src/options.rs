//! Option groups of `rustprep serve` and `rustprep users`: the database,
//! limits on clients and connections, Stripe, and mail. Kept apart from the
//! command definitions so each file reads on its own.

#[derive(clap::Args)]
pub struct DatabaseArgs {
    /// PostgreSQL instead of the SQLite file in the data directory:
    /// `postgres://user@host/db`.
    #[arg(long = "database-url", env = "DATABASE_URL")]
    pub url: Option<String>,
}

/// Who may speak for clients, and how much one client and one connection may take.
#[derive(clap::Args)]
pub struct LimitArgs {
    /// Proxies (CIDRs or addresses, comma-separated) whose `Forwarded` /
    /// `X-Forwarded-For` name the client, for rate limits. Set it to the
    /// TLS proxy's address when `--https` is served through one.
    #[arg(long, env = "RUSTPREP_TRUSTED_PROXY", default_value = "")]
    pub trusted_proxy: String,
    /// Most open client connections (default: what the open-file limit allows).
    #[arg(long, env = "RUSTPREP_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// Accounts one address (IPv6: one /64) may create per hour.
    #[arg(long, env = "RUSTPREP_SIGNUPS_PER_HOUR", default_value_t = web::SIGNUPS_PER_HOUR)]
    pub signups_per_hour: i64,
    /// Seconds between a SIGTERM (or Ctrl-C) and closing the listener:
    /// `/readyz` answers 503 at once, new requests are still served for this
    /// long so a load balancer polling readiness stops sending them, then
    /// in-flight requests finish and the process exits 0.
    #[arg(long, env = "RUSTPREP_SHUTDOWN_DELAY", default_value_t = 0)]
    pub shutdown_delay: u64,
    /// Seconds a connection may stay silent (tests shorten it).
    #[arg(long, hide = true, default_value_t = 20)]
    pub idle_timeout: u64,
    /// Seconds a request body may take to arrive (tests shorten it).
    #[arg(long, hide = true, default_value_t = 20)]
    pub body_timeout: u64,
    /// Days the interviewer kit keeps an interview; a daily clean-up
    /// deletes older ones.
    #[arg(long, env = "RUSTPREP_KIT_RETENTION_DAYS", default_value_t = store::DEFAULT_KIT_RETENTION_DAYS,
        value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub kit_retention_days: u32,
}

impl LimitArgs {
    pub fn connections(&self) -> web::ConnectionLimits {
        web::ConnectionLimits {
            idle_timeout: std::time::Duration::from_secs(self.idle_timeout.max(1)),
            body_timeout: std::time::Duration::from_secs(self.body_timeout.max(1)),
            max_connections: self.max_connections,
        }
    }
}

#[derive(clap::Args)]
pub struct StripeArgs {
    /// Stripe's API base URL (a local stand-in in tests).
    #[arg(long, env = "STRIPE_API_BASE", default_value = "https://api.stripe.com")]
    pub stripe_api_base: String,
    /// Secret API key; without it, billing is off.
    #[arg(long, env = "STRIPE_SECRET_KEY", hide_env_values = true)]
    pub stripe_secret_key: Option<String>,
    /// Webhook signing secret (`whsec_...`).
    #[arg(long, env = "STRIPE_WEBHOOK_SECRET", hide_env_values = true)]
    pub stripe_webhook_secret: Option<String>,
    /// The subscription's price id (`price_...`).
    #[arg(long, env = "STRIPE_PRICE_ID")]
    pub stripe_price_id: Option<String>,
}

impl StripeArgs {
    /// Billing is on only when all three secrets are given.
    pub fn config(self, public_url: String) -> Option<web::StripeConfig> {
        Some(web::StripeConfig {
            api_base: self.stripe_api_base.trim_end_matches('/').to_owned(),
            secret_key: self.stripe_secret_key?,
            webhook_secret: self.stripe_webhook_secret?,
            price_id: self.stripe_price_id?,
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }
}

#[derive(clap::Args)]
pub struct MailArgs {
    /// The mail server for account emails: `smtp://host:587` (STARTTLS),
    /// `smtps://host:465` (TLS), `user:password@` to log in;
    /// `smtp://localhost:PORT?tls=none` for a relay on this machine. Without
    /// it, accounts are active at once and no email is sent.
    #[arg(long, env = "SMTP_URL", hide_env_values = true, requires = "mail_from")]
    pub smtp_url: Option<String>,
    /// The sender of account emails: `rustprep <noreply@example.com>`.
    #[arg(long, env = "MAIL_FROM", requires = "smtp_url")]
    pub mail_from: Option<String>,
}

impl MailArgs {
    /// The mailer, if mail is configured; a bad `SMTP_URL` or `MAIL_FROM`
    /// stops the server at start.
    pub fn mailer(&self) -> anyhow::Result<Option<mail::Mailer>> {
        match (&self.smtp_url, &self.mail_from) {
            (Some(url), Some(from)) => Ok(Some(mail::Mailer::new(url, from)?)),
            _ => Ok(None),
        }
    }
}

/// How an operator watches the server: metrics and the log format.
#[derive(clap::Args)]
pub struct OperationArgs {
    /// Serve Prometheus metrics at `/metrics` on this address (a listener of
    /// its own, never the public one). Off when unset.
    #[arg(long, env = "RUSTPREP_METRICS_ADDR")]
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// Log lines for people (`pretty`) or one JSON object per line (`json`).
    #[arg(long, env = "RUSTPREP_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
}

/// The format of the log on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// tracing-subscriber's human-readable lines.
    Pretty,
    /// One JSON object per line, fields at the top level.
    Json,
}
