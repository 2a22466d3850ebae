//! The HTTP face of rustprep: routes, server-rendered pages, the JSON API,
//! accounts and billing, and the server loop. Pages come from the immutable
//! `bank::Bank`; user data from `store::Store`. Everything an anonymous
//! reader can ask for is rendered and compressed at start-up.

mod account;
mod api;
mod app;
mod auth;
mod billing;
mod client_addr;
mod cookies;
mod csrf;
mod discovery;
mod encoding;
mod errors;
mod export;
mod filter;
mod forms;
mod html;
mod limits;
mod openapi;
mod prerendered;
mod render;
mod routes;
mod search_page;
mod security;
mod server;
mod site;
mod viewer;

pub use app::{App, Config, SIGNUPS_PER_HOUR, SharedApp, StripeConfig};
pub use billing::stripe;
pub use routes::{MAX_URI_LEN, router};
pub use server::connections::raise_descriptor_limit;
pub use server::forwarded::TrustedProxies;
pub use server::{ConnectionLimits, HEADER_READ_TIMEOUT, PeerAddr, serve};
pub use site::Site;
