//! Who is asking: an anonymous reader, or a member with a live session (and,
//! if their entitlement is valid now, the proof of premium access).

use crate::app::SharedApp;
use crate::cookies;
use crate::site::Look;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use bank::Access;
use std::convert::Infallible;
use store::{Token, User};

/// The reader of a request.
#[derive(Debug)]
pub enum Viewer {
    Anonymous,
    Member(Box<Member>),
}

/// A signed-in reader.
#[derive(Debug)]
pub struct Member {
    pub user: User,
    pub csrf: String,
    pub token: Token,
    access: Option<Access>,
}

impl Member {
    /// The proof of premium access, if the entitlement is valid now.
    pub fn access(&self) -> Option<&Access> {
        self.access.as_ref()
    }
}

impl Viewer {
    /// How pages look to this reader.
    pub fn look(&self) -> Look<'_> {
        match self {
            Viewer::Anonymous => Look::Anonymous,
            Viewer::Member(member) => match &member.access {
                Some(access) => Look::Premium(access),
                None => Look::SignedIn,
            },
        }
    }

    pub fn member(&self) -> Option<&Member> {
        match self {
            Viewer::Member(member) => Some(member),
            Viewer::Anonymous => None,
        }
    }
}

impl FromRequestParts<SharedApp> for Viewer {
    type Rejection = Infallible;

    /// Reads the session cookie. No cookie costs nothing; a cookie costs one
    /// query. If the database fails, the reader is treated as anonymous (the
    /// free pages keep working) and the cause is logged.
    async fn from_request_parts(parts: &mut Parts, app: &SharedApp) -> Result<Viewer, Infallible> {
        let Some(token) = cookies::get(&parts.headers, cookies::SESSION).and_then(Token::parse) else {
            return Ok(Viewer::Anonymous);
        };
        match app.store.session(&token, app.config.sessions).await {
            Ok(Some(session)) => {
                let access = session
                    .user
                    .premium_until
                    .and_then(|until| Access::from_entitlement(until, store::now()));
                Ok(Viewer::Member(Box::new(Member {
                    user: session.user,
                    csrf: session.csrf_token,
                    token,
                    access,
                })))
            }
            Ok(None) => Ok(Viewer::Anonymous),
            Err(error) => {
                tracing::error!(%error, "session lookup failed; serving the anonymous view");
                Ok(Viewer::Anonymous)
            }
        }
    }
}
