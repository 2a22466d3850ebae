//! The open connections, and a cap on how many there may be.
//!
//! Every connection holds a file descriptor. With none left, `accept` fails
//! and the site stops answering: 1,100 idle sockets against a 1,024 limit
//! served 0 of 25 requests (review F2). So the server keeps fewer
//! connections than the limit allows (the rest of the descriptors stay free
//! for the database, Stripe and files), and at the cap a new connection
//! takes the place of the *least recently active idle* one (no request in
//! flight): an attacker's silent sockets are the first to go, a reader's
//! request in progress never is. Only when every connection is busy is a new
//! one refused, with a plain 503.

use crate::observe::names::OPEN_CONNECTIONS;
use crate::server::idle_io::Activity;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;
use tokio::sync::Notify;

/// Descriptors kept free for everything that is not a client connection:
/// the database pool (SQLite: 3 files per connection), the listener, the
/// runtime, Stripe calls, logs.
pub const RESERVED_DESCRIPTORS: u64 = 128;

/// What the server and one connection share.
#[derive(Debug)]
pub struct Connection {
    /// Requests in flight on this connection.
    busy: AtomicUsize,
    /// Milliseconds since the registry started, when a byte last moved.
    last_active: AtomicU64,
    started: Instant,
    /// Told when the registry wants the connection closed.
    pub evicted: Notify,
}

impl Activity for Connection {
    fn touched(&self) {
        self.last_active.store(millis_since(self.started), Ordering::Relaxed);
    }
}

impl Connection {
    /// Marks a request in flight until the guard is dropped.
    pub fn request(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(self))
    }
}

/// A request in flight.
#[derive(Debug)]
pub struct Busy(Arc<Connection>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

fn millis_since(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The registry of open connections.
#[derive(Debug)]
pub struct Registry {
    open: Mutex<BTreeMap<u64, Arc<Connection>>>,
    next: AtomicU64,
    started: Instant,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            open: Mutex::new(BTreeMap::new()),
            next: AtomicU64::new(0),
            started: Instant::now(),
        }
    }
}

/// A connection's place in the registry; leaving it frees the place.
#[derive(Debug)]
pub struct Lease {
    id: u64,
    registry: Arc<Registry>,
    pub connection: Arc<Connection>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.registry.lock().remove(&self.id);
        metrics::gauge!(OPEN_CONNECTIONS).decrement(1.0);
    }
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Arc<Connection>>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many connections are open.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// A place for a new connection, closing the least recently active idle
    /// one if `cap` are open; `None` if all of them are busy.
    pub fn admit(self: &Arc<Self>, cap: usize) -> Option<Lease> {
        let mut open = self.lock();
        while open.len() >= cap.max(1) {
            if !evict_one(&mut open) {
                return None;
            }
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let connection = Arc::new(Connection {
            busy: AtomicUsize::new(0),
            last_active: AtomicU64::new(millis_since(self.started)),
            started: self.started,
            evicted: Notify::new(),
        });
        open.insert(id, Arc::clone(&connection));
        metrics::gauge!(OPEN_CONNECTIONS).increment(1.0);
        Some(Lease {
            id,
            registry: Arc::clone(self),
            connection,
        })
    }

    /// Closes the least recently active idle connection (out of descriptors);
    /// false if there was none.
    pub fn evict_idle(&self) -> bool {
        evict_one(&mut self.lock())
    }
}

fn evict_one(open: &mut BTreeMap<u64, Arc<Connection>>) -> bool {
    let victim = open
        .iter()
        .filter(|(_, connection)| connection.busy.load(Ordering::Acquire) == 0)
        .min_by_key(|(id, connection)| (connection.last_active.load(Ordering::Relaxed), **id))
        .map(|(id, _)| *id);
    match victim.and_then(|id| open.remove(&id)) {
        Some(connection) => {
            connection.evicted.notify_one();
            true
        }
        None => false,
    }
}

/// The most connections to keep open now: the configured cap, and in any
/// case [`RESERVED_DESCRIPTORS`] below the open-file limit. Read at every
/// accept, because an operator can lower the limit of a running process
/// (`prlimit`), as the review did.
pub fn cap(configured: Option<usize>) -> usize {
    let by_descriptors = descriptor_limit()
        .map(|limit| usize::try_from(limit.saturating_sub(RESERVED_DESCRIPTORS).max(16)).unwrap_or(usize::MAX))
        .unwrap_or(usize::MAX);
    configured.unwrap_or(usize::MAX).min(by_descriptors)
}

#[cfg(unix)]
fn descriptor_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

#[cfg(not(unix))]
fn descriptor_limit() -> Option<u64> {
    None
}

/// Raises the soft open-file limit to the hard one (systemd gives services
/// 1,024 soft and 524,288 hard): descriptors cost little, and running out
/// of them stops the site. Returns the limit in force.
pub fn raise_descriptor_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, getrlimit, setrlimit};
        let mut limit = getrlimit(Resource::Nofile);
        if limit.current < limit.maximum {
            limit.current = limit.maximum;
            if setrlimit(Resource::Nofile, limit).is_err() {
                tracing::warn!("could not raise the open-file limit");
            }
        }
    }
    descriptor_limit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_cap_the_least_recently_active_idle_connection_makes_room() {
        let registry = Arc::new(Registry::default());
        let first = registry.admit(2).expect("room");
        let second = registry.admit(2).expect("room");
        std::thread::sleep(std::time::Duration::from_millis(5));
        first.connection.touched();
        let _third = registry.admit(2).expect("the idle second makes room");
        assert_eq!(registry.len(), 2);
        drop(second); // its task ends once told; the place was already freed
        let busy = first.connection.request();
        let _third_busy = _third.connection.request();
        assert!(registry.admit(2).is_none(), "every connection busy: refused");
        drop(busy);
        assert!(registry.admit(2).is_some(), "idle again: evictable");
        assert!(cap(Some(10)) <= 10);
    }
}
