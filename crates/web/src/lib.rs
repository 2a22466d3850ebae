//! The HTTP face of rustprep: routes, server-rendered pages, the JSON API and
//! the server loop. Pages come from the immutable `bank::Bank`; everything an
//! anonymous reader can ask for is rendered and compressed at start-up.

mod api;
mod encoding;
mod filter;
mod render;
mod routes;
mod server;
mod site;

pub use routes::{MAX_URI_LEN, router};
pub use server::{HEADER_READ_TIMEOUT, serve};
pub use site::Site;
