//! The HTTP face of rustprep: routes, server-rendered pages, the JSON API,
//! accounts and billing, and the server loop. Pages come from the immutable
//! `bank::Bank`; user data from `store::Store`. Everything an anonymous
//! reader can ask for is rendered and compressed at start-up.

// The core: state, errors, encodings, security and the rendered site. It
// imports none of the rooms below it.
mod app;
mod client_addr;
mod cookies;
mod csrf;
mod encoding;
mod errors;
mod filter;
mod forms;
mod gate;
mod guard;
mod html;
mod limits;
mod observe;
mod prerendered;
mod readiness;
mod search_index;
mod security;
mod server;
mod site;
mod viewer;

// The rooms, one folder per capability, and the one place routes are listed.
mod accounts;
mod api;
mod billing;
mod kit;
mod pages;
mod practice;
mod routes;

pub use app::{App, Config, SIGNUPS_PER_HOUR, SharedApp, StripeConfig};
pub use billing::stripe;
pub use guard::MAX_URI_LEN;
pub use observe::exporter::Metrics;
pub use readiness::Readiness;
pub use routes::router;
pub use search_index::LazySearchIndex;
pub use server::connections::raise_descriptor_limit;
pub use server::forwarded::TrustedProxies;
pub use server::{ConnectionLimits, HEADER_READ_TIMEOUT, PeerAddr, serve};
pub use site::Site;
