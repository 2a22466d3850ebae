//! What an operator sees of the running site: Prometheus metrics on a
//! listener of their own (`exporter`), one access line and one request id
//! per request (`access`), and the names of every series (`names`).

pub mod access;
pub mod exporter;
pub mod names;
