//! A connection's socket with an idle deadline: if no byte moves either way
//! for `timeout` while the server waits on it, the read or write fails with
//! `TimedOut` and hyper drops the connection.
//!
//! hyper's HTTP/1 `header_read_timeout` starts only once a request begins,
//! and hyper-util's `auto` builder first reads the preface to choose HTTP/1
//! or HTTP/2 with no deadline at all, so a socket that sent nothing, or an
//! HTTP/2 connection that went quiet, stayed open forever (review F2). The
//! deadline lives here, under both protocols, so it covers every case. A
//! slow but steady trickle keeps it alive: the request-body deadline
//! (`tower_http`'s `RequestBodyDeadlineLayer`) and the header-read timeout
//! bound those.
//!
//! The timer is moved lazily: a read or write that moves bytes only notes
//! the time, and when the timer fires the deadline is pushed to that time
//! plus `timeout` if it is later. Resetting tokio's timer on every read and
//! write took the timer driver's lock two or three times per request (seen
//! in `perf` under load); now it is touched about once per `timeout`.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// Something to tell when bytes move (the connection registry keeps the
/// time, to pick the least recently active connection to close).
pub trait Activity: Send + Sync {
    fn touched(&self);
}

/// `inner` with an idle deadline.
pub struct IdleTimeout<T> {
    inner: T,
    timeout: Duration,
    deadline: Pin<Box<Sleep>>,
    /// When bytes last moved: the deadline is this plus `timeout`.
    last_progress: Instant,
    activity: Arc<dyn Activity>,
}

impl<T> IdleTimeout<T> {
    pub fn new(inner: T, timeout: Duration, activity: Arc<dyn Activity>) -> IdleTimeout<T> {
        IdleTimeout {
            inner,
            timeout,
            deadline: Box::pin(tokio::time::sleep(timeout)),
            last_progress: Instant::now(),
            activity,
        }
    }

    fn progress(&mut self) {
        self.last_progress = Instant::now();
        self.activity.touched();
    }

    /// Called when the inner socket is not ready: fails once `timeout` has
    /// passed since bytes last moved.
    fn expired<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        loop {
            match self.deadline.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) => {
                    let deadline = self.last_progress + self.timeout;
                    if deadline <= Instant::now() {
                        return Poll::Ready(Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "connection idle past its deadline",
                        )));
                    }
                    // Bytes moved since the timer was set: wait for the rest.
                    self.deadline.as_mut().reset(deadline);
                }
            }
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for IdleTimeout<T> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.progress();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => this.expired(cx),
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for IdleTimeout<T> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write(cx, data) {
            Poll::Ready(Ok(written)) => {
                if written > 0 {
                    this.progress();
                }
                Poll::Ready(Ok(written))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => this.expired(cx),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write_vectored(cx, data) {
            Poll::Ready(Ok(written)) => {
                if written > 0 {
                    this.progress();
                }
                Poll::Ready(Ok(written))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => this.expired(cx),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    struct Nobody;
    impl Activity for Nobody {
        fn touched(&self) {}
    }

    #[tokio::test(start_paused = true)]
    async fn a_silent_peer_times_out_and_a_talking_one_does_not() {
        let (client, server) = tokio::io::duplex(64);
        let mut server = IdleTimeout::new(server, Duration::from_secs(5), Arc::new(Nobody));
        let mut client = client;
        let talker = tokio::spawn(async move {
            for _ in 0..3 {
                tokio::time::sleep(Duration::from_secs(4)).await;
                client.write_all(b"x").await.expect("write");
            }
            client
        });
        let mut byte = [0u8; 1];
        for _ in 0..3 {
            server.read_exact(&mut byte).await.expect("a byte within the deadline");
        }
        let _client = talker.await.expect("task");
        let silent = server.read(&mut byte).await;
        assert_eq!(silent.map_err(|error| error.kind()), Err(io::ErrorKind::TimedOut));
    }
}
