//! Sending the site's account emails (activation, password reset, email
//! change) over SMTP with lettre. `SMTP_URL` says where and how
//! ([`SmtpUrl`]); every letter goes out as plain text with a simple HTML
//! alternative, and is sent by a background task so no request waits on the
//! mail server. Knows nothing of HTTP, templates or the database.

mod smtp_url;

pub use smtp_url::{Security, SmtpUrl};

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::fmt;

/// What can go wrong setting up or sending mail.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP_URL: {0}")]
    Url(String),
    #[error("MAIL_FROM `{0}` is not an address like `rustprep <noreply@example.com>`")]
    From(String),
    #[error("`{0}` is not an address mail can be sent to")]
    To(String),
    #[error("building the message: {0}")]
    Message(#[from] lettre::error::Error),
    #[error("sending: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

/// One letter: the same words as plain text and as simple HTML. No images,
/// no tracking pixels, no rewritten links.
#[derive(Debug, Clone)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The configured mail server and sender. Cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// `smtps://host:465`, for logs (never the credentials).
    server: String,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("server", &self.server)
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// A mailer for `SMTP_URL` and `MAIL_FROM`; checks both, connects to nothing.
    pub fn new(smtp_url: &str, from: &str) -> Result<Mailer, MailError> {
        let url = SmtpUrl::parse(smtp_url)?;
        let from = from.parse().map_err(|_| MailError::From(from.to_owned()))?;
        Ok(Mailer {
            transport: url.transport()?,
            server: url.to_string(),
            from,
        })
    }

    /// Where mail goes, for logs: `smtp://host:587 (STARTTLS)`.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// Sends a letter now.
    pub async fn send(&self, letter: &Letter) -> Result<(), MailError> {
        let message = self.message(letter)?;
        self.transport.send(message).await?;
        Ok(())
    }

    /// Sends a letter from a background task: the caller (a request) does
    /// not wait for the mail server. A failure is logged, without the
    /// letter's link.
    pub fn send_later(&self, letter: Letter) {
        let mailer = self.clone();
        tokio::spawn(async move {
            match mailer.send(&letter).await {
                Ok(()) => tracing::info!(subject = %letter.subject, "mail sent"),
                Err(error) => {
                    tracing::error!(%error, subject = %letter.subject, server = %mailer.server, "mail not sent")
                }
            }
        });
    }

    fn message(&self, letter: &Letter) -> Result<Message, MailError> {
        let to: Mailbox = letter.to.parse().map_err(|_| MailError::To(letter.to.clone()))?;
        let part = |kind: ContentType, content: &str| {
            // Quoted-printable keeps long links intact and readable in the source.
            let body = Body::new_with_encoding(content.to_owned(), ContentTransferEncoding::QuotedPrintable)
                .unwrap_or_else(|_| Body::new(content.to_owned()));
            SinglePart::builder().header(kind).body(body)
        };
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(letter.subject.clone())
            .multipart(
                MultiPart::alternative()
                    .singlepart(part(ContentType::TEXT_PLAIN, &letter.text))
                    .singlepart(part(ContentType::TEXT_HTML, &letter.html)),
            )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_text_with_an_html_alternative() {
        let mailer = Mailer::new("smtp://localhost:2525?tls=none", "rustprep <noreply@example.com>").expect("mailer");
        let letter = Letter {
            to: "reader@example.com".into(),
            subject: "Reset your password".into(),
            text: "Open https://example.com/password/reset?token=abc".into(),
            html: "<p><a href=\"https://example.com/\">Open</a></p>".into(),
        };
        let raw = String::from_utf8(mailer.message(&letter).expect("message").formatted()).expect("ASCII");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain") && raw.contains("text/html"), "{raw}");
        assert!(raw.contains("token=3Dabc"), "quoted-printable: {raw}");
        assert!(Mailer::new("smtp://localhost?tls=none", "not an address").is_err());
    }
}
