//! A tiny SMTP server for tests: a tokio listener on a free port that
//! speaks just enough SMTP (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT)
//! to take the server's letters, and keeps them for the test to read. The
//! server reaches it as `smtp://127.0.0.1:PORT?tls=none`.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One letter as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message (headers and body) as sent, dot-stuffing undone.
    pub data: String,
}

impl Received {
    /// The message with quoted-printable undone (soft line breaks joined,
    /// `=XX` decoded), as a reader's mail program shows it.
    pub fn decoded(&self) -> String {
        let joined = self.data.replace("=\r\n", "");
        let bytes = joined.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes.get(i + 1..i + 3).and_then(|pair| std::str::from_utf8(pair).ok());
            match (bytes[i], hex.and_then(|pair| u8::from_str_radix(pair, 16).ok())) {
                (b'=', Some(byte)) => {
                    out.push(byte);
                    i += 3;
                }
                (byte, _) => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    pub fn subject(&self) -> String {
        self.data
            .lines()
            .find_map(|line| line.strip_prefix("Subject: "))
            .unwrap_or_default()
            .to_owned()
    }

    /// The site path of the link to `path` in the letter, with its token:
    /// `/password/reset?token=...`.
    pub fn link(&self, path: &str) -> String {
        let text = self.decoded();
        let marker = format!("{path}?token=");
        let start = text
            .find(&marker)
            .unwrap_or_else(|| panic!("no {marker} link in the letter:\n{text}"));
        let token: String = text[start + marker.len()..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        assert_eq!(token.len(), 64, "a whole token in {text}");
        format!("{marker}{token}")
    }
}

type Mailbox = Arc<(Mutex<Vec<(Received, bool)>>, Condvar)>;

/// The running sink. It lives as long as the test binary.
pub struct SmtpSink {
    pub port: u16,
    mailbox: Mailbox,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let mailbox: Mailbox = Arc::default();
        let (ready, port) = std::sync::mpsc::channel();
        let kept = Arc::clone(&mailbox);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("sink runtime");
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the sink");
                let _ = ready.send(listener.local_addr().expect("sink address").port());
                while let Ok((stream, _)) = listener.accept().await {
                    tokio::spawn(session(stream, Arc::clone(&kept)));
                }
            });
        });
        SmtpSink {
            port: port.recv().expect("the sink started"),
            mailbox,
        }
    }

    /// `SMTP_URL` for the server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.port)
    }

    /// The next letter to `address` not returned before, waiting for it to
    /// arrive (the server sends from a background task).
    pub fn next_to(&self, address: &str) -> Received {
        let (lock, arrived) = &*self.mailbox;
        let mut letters = lock.lock().expect("mailbox");
        for _ in 0..600 {
            if let Some((letter, taken)) = letters
                .iter_mut()
                .find(|(letter, taken)| !taken && letter.to.iter().any(|to| to == address))
            {
                *taken = true;
                return letter.clone();
            }
            letters = arrived
                .wait_timeout(letters, Duration::from_millis(100))
                .expect("mailbox")
                .0;
        }
        panic!("no letter to {address} arrived within a minute");
    }

    /// How many letters to `address` have arrived so far.
    pub fn count_to(&self, address: &str) -> usize {
        let letters = self.mailbox.0.lock().expect("mailbox");
        letters
            .iter()
            .filter(|(letter, _)| letter.to.iter().any(|to| to == address))
            .count()
    }
}

/// `<a@b>` or `a@b` after `MAIL FROM:` / `RCPT TO:`.
fn address(argument: &str) -> String {
    argument
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(['<', '>'])
        .to_owned()
}

/// One SMTP conversation.
async fn session(stream: TcpStream, mailbox: Mailbox) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink ESMTP ready\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("HELO") || upper.starts_with("RSET") || upper.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if let Some(rest) = upper.strip_prefix("MAIL FROM:") {
            from = address(&command[command.len() - rest.len()..]);
            to.clear();
            b"250 OK\r\n"
        } else if let Some(rest) = upper.strip_prefix("RCPT TO:") {
            to.push(address(&command[command.len() - rest.len()..]));
            b"250 OK\r\n"
        } else if upper == "DATA" {
            write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            let data = read_data(&mut lines).await?;
            let (lock, arrived) = &*mailbox;
            let letter = Received {
                from: from.clone(),
                to: std::mem::take(&mut to),
                data,
            };
            lock.lock().expect("mailbox").push((letter, false));
            arrived.notify_all();
            b"250 OK: queued\r\n"
        } else if upper == "QUIT" {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

/// The lines of a DATA section up to the lone `.`, dot-stuffing undone.
async fn read_data(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> std::io::Result<String> {
    let mut data = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 || line == ".\r\n" || line == ".\n" {
            return Ok(data);
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}
