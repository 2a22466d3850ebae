//! A TCP relay between the server and PostgreSQL that a test can break in
//! the two ways a database goes away: refusing connections (the listener
//! closed, every relayed connection cut) and a frozen network (connections
//! stay open, accepted even, but not one byte is forwarded).

use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// Where PostgreSQL listens on this machine.
const POSTGRES: &str = "127.0.0.1:5432";

/// What the relay does with traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Forward,
    /// The port refuses connections; relayed ones are cut.
    Refuse,
    /// Everything stays connected; nothing moves.
    Freeze,
}

/// The relay, running on its own runtime until dropped.
pub struct DbProxy {
    pub port: u16,
    mode: watch::Sender<Mode>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl DbProxy {
    pub fn start() -> DbProxy {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("proxy runtime");
        let listener = runtime
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .expect("bind the proxy");
        let address = listener.local_addr().expect("proxy address");
        let (mode, watching) = watch::channel(Mode::Forward);
        runtime.spawn(serve(listener, address, watching));
        DbProxy {
            port: address.port(),
            mode,
            runtime: Some(runtime),
        }
    }

    /// The URL of `database` (a `postgres://...:5432/name` URL) through the relay.
    pub fn url_for(&self, database: &str) -> String {
        database.replace(":5432/", &format!(":{}/", self.port))
    }

    pub fn set(&self, mode: Mode) {
        self.mode.send_replace(mode);
    }
}

impl Drop for DbProxy {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Accepts while not refusing; closes the listener while refusing and
/// binds the same port again afterwards.
async fn serve(first: TcpListener, address: SocketAddr, mut mode: watch::Receiver<Mode>) {
    let mut listener = Some(first);
    loop {
        let Some(open) = listener.take() else {
            if mode.wait_for(|now| *now != Mode::Refuse).await.is_err() {
                return;
            }
            listener = Some(rebind(address).await);
            continue;
        };
        let for_relay = mode.clone();
        tokio::select! {
            accepted = open.accept() => {
                if let Ok((client, _)) = accepted {
                    tokio::spawn(relay(client, for_relay));
                }
                listener = Some(open);
            }
            refusing = mode.wait_for(|now| *now == Mode::Refuse) => {
                if refusing.is_err() {
                    return;
                }
                drop(open);
            }
        }
    }
}

async fn rebind(address: SocketAddr) -> TcpListener {
    loop {
        match TcpListener::bind(address).await {
            Ok(listener) => return listener,
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

/// One relayed connection; it ends when either side closes or the relay
/// starts refusing.
async fn relay(client: TcpStream, mode: watch::Receiver<Mode>) {
    let Ok(server) = TcpStream::connect(POSTGRES).await else {
        return;
    };
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    tokio::select! {
        () = pump(client_read, server_write, mode.clone()) => {}
        () = pump(server_read, client_write, mode) => {}
    }
}

/// Copies one direction, holding every chunk while frozen.
async fn pump(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, mut mode: watch::Receiver<Mode>) {
    let mut buffer = vec![0; 16 * 1024];
    loop {
        let read = tokio::select! {
            read = from.read(&mut buffer) => read,
            _ = mode.wait_for(|now| *now == Mode::Refuse) => return,
        };
        let Ok(length @ 1..) = read else { return };
        let forwarding = match mode.wait_for(|now| *now != Mode::Freeze).await {
            Ok(now) => *now == Mode::Forward,
            Err(_) => false,
        };
        if !forwarding || to.write_all(&buffer[..length]).await.is_err() {
            return;
        }
    }
}
