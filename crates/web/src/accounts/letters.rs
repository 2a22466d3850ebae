//! The account emails: what each says, rendered as plain text and simple
//! HTML (`templates/accounts/mail.*`), and sent by the mailer's background
//! task. Letters with a link make the link here, once the letter may go:
//! mail to one address is rate-limited (`MAILS_PER_ADDRESS`), so nobody can
//! use the site to flood someone's inbox.

use crate::app::SharedApp;
use crate::errors::PageError;
use askama::Template;
use mail::{Letter, Mailer};
use store::{Email, Limit, LinkPurpose, mail_scope, now};

/// Letters one address may be sent per hour (sign-ups, resets, email changes).
const MAILS_PER_ADDRESS: i64 = 5;
/// The window mail to an address is counted in (the limiter's rows are
/// swept after an hour, see `limits`).
const MAIL_WINDOW_SECONDS: i64 = 3600;

#[derive(Template)]
#[template(path = "accounts/mail.txt")]
struct TextLetter<'a> {
    lines: &'a [String],
    link_label: &'a str,
    link_href: &'a str,
    footer: &'a str,
}

#[derive(Template)]
#[template(path = "accounts/mail.html")]
struct HtmlLetter<'a> {
    subject: &'a str,
    lines: &'a [String],
    link_label: &'a str,
    link_href: &'a str,
    footer: &'a str,
}

/// What a letter says, before it is rendered.
struct Draft<'a> {
    subject: &'a str,
    lines: Vec<String>,
    /// The button and its address; empty for a notice without a link.
    link: (&'a str, String),
    footer: &'a str,
}

/// Said under every letter that carries a link.
const NOT_YOU: &str = "If you did not ask for this, ignore this email: nothing changes.";

impl Draft<'_> {
    fn render(&self, to: &str) -> Result<Letter, PageError> {
        let (link_label, link_href) = (self.link.0, self.link.1.as_str());
        let text = TextLetter {
            lines: &self.lines,
            link_label,
            link_href,
            footer: self.footer,
        }
        .render()?;
        let html = HtmlLetter {
            subject: self.subject,
            lines: &self.lines,
            link_label,
            link_href,
            footer: self.footer,
        }
        .render()?;
        Ok(Letter {
            to: to.to_owned(),
            subject: self.subject.to_owned(),
            text,
            html,
        })
    }
}

/// The mailer, if the site sends mail.
pub fn mailer(app: &SharedApp) -> Option<&Mailer> {
    app.config.mailer.as_ref()
}

/// Counts one letter to `to` against its hourly share; false (and nothing
/// is to be sent) past it, or when the site sends no mail. The reader sees
/// the same page either way, so the limit reveals nothing about accounts.
async fn may_send(app: &SharedApp, to: &str) -> Result<bool, PageError> {
    if mailer(app).is_none() {
        return Ok(false);
    }
    let scope = mail_scope(to);
    let limit = Limit {
        scope: &scope,
        max: MAILS_PER_ADDRESS,
        since: now() - MAIL_WINDOW_SECONDS,
    };
    // A reservation's row stays: it is the record of this letter.
    let allowed = app.store.reserve_attempt(&[limit]).await?.is_some();
    if !allowed {
        tracing::warn!("mail to one address limited; not sent");
    }
    Ok(allowed)
}

/// Sends a letter in the background, within the address's share.
async fn send(app: &SharedApp, to: &str, draft: Draft<'_>) -> Result<(), PageError> {
    if let (true, Some(mailer)) = (may_send(app, to).await?, mailer(app)) {
        mailer.send_later(draft.render(to)?);
    }
    Ok(())
}

/// What a link letter is about: whose account, what the link does, where
/// it opens.
struct LinkFor<'a> {
    user_id: &'a str,
    purpose: LinkPurpose,
    new_email: Option<&'a Email>,
    path: &'a str,
}

/// Makes a link (committed before the request is answered) and mails it,
/// within the address's share; no link is made for a letter not sent.
async fn send_link(
    app: &SharedApp,
    to: &str,
    what: LinkFor<'_>,
    draft: impl FnOnce(String) -> Draft<'static>,
) -> Result<(), PageError> {
    let Some(mailer) = mailer(app) else { return Ok(()) };
    if !may_send(app, to).await? {
        return Ok(());
    }
    let token = app
        .store
        .create_link(what.user_id, what.purpose, what.new_email)
        .await?;
    let href = format!("{}{}?token={}", app.config.public_url, what.path, token.as_str());
    mailer.send_later(draft(href).render(to)?);
    Ok(())
}

/// The link that activates a new account.
pub async fn activation(app: &SharedApp, user_id: &str, to: &str) -> Result<(), PageError> {
    let what = LinkFor {
        user_id,
        purpose: LinkPurpose::Activate,
        new_email: None,
        path: "/account/activate",
    };
    send_link(app, to, what, |href| Draft {
        subject: "Activate your rustprep account",
        lines: vec![
            format!("Someone, probably you, created a rustprep account for {to}."),
            "Open this link within 24 hours to activate it; then log in with the password you chose.".into(),
        ],
        link: ("Activate my account", href),
        footer: NOT_YOU,
    })
    .await
}

/// Sent instead of an activation link when the address has an account
/// already: sign-up answers the same either way, and the owner learns of it.
pub async fn already_registered(app: &SharedApp, to: &str) -> Result<(), PageError> {
    let draft = Draft {
        subject: "You already have a rustprep account",
        lines: vec![
            format!("Someone, probably you, tried to create a rustprep account for {to}, which already has one."),
            "Log in with your password, or choose a new one if you have forgotten it.".into(),
        ],
        link: (
            "Choose a new password",
            format!("{}/password/forgot", app.config.public_url),
        ),
        footer: "If this was not you, you need not do anything: your account did not change.",
    };
    send(app, to, draft).await
}

/// The single-use link that sets a new password.
pub async fn reset(app: &SharedApp, user_id: &str, to: &str) -> Result<(), PageError> {
    let what = LinkFor {
        user_id,
        purpose: LinkPurpose::Reset,
        new_email: None,
        path: "/password/reset",
    };
    send_link(app, to, what, |href| Draft {
        subject: "Choose a new rustprep password",
        lines: vec![
            format!("Someone, probably you, asked to reset the password of the rustprep account {to}."),
            "This link works once, within 30 minutes. Setting a new password logs out every session and revokes your API tokens.".into(),
        ],
        link: ("Choose a new password", href),
        footer: NOT_YOU,
    })
    .await
}

/// Sent to the new address of an email change.
pub async fn confirm_new_email(app: &SharedApp, user_id: &str, new_email: &Email) -> Result<(), PageError> {
    let to = new_email.as_str();
    let what = LinkFor {
        user_id,
        purpose: LinkPurpose::Email,
        new_email: Some(new_email),
        path: "/account/email/confirm",
    };
    send_link(app, to, what, |href| Draft {
        subject: "Confirm your new rustprep email address",
        lines: vec![
            format!("Someone, probably you, asked to move a rustprep account to {to}."),
            "Open this link within 24 hours to confirm; until then the account keeps its old address.".into(),
        ],
        link: ("Confirm this address", href),
        footer: NOT_YOU,
    })
    .await
}

/// Sent to the old address once an email change is done.
pub async fn email_changed(app: &SharedApp, to: &str, new_email: &str) -> Result<(), PageError> {
    let draft = Draft {
        subject: "Your rustprep email address was changed",
        lines: vec![
            format!("The rustprep account that used {to} now uses {new_email}."),
            "If this was not you, someone else knows your password: contact the site's operator at once.".into(),
        ],
        link: ("", String::new()),
        footer: "This is a notice; you need not answer it.",
    };
    send(app, to, draft).await
}
