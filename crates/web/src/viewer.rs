//! Who is asking: an anonymous reader, or a member with a live session (and,
//! if their entitlement is valid now, the proof of premium access).

use crate::app::SharedApp;
use crate::cookies;
use crate::errors::PageError;
use crate::site::Look;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Redirect, Response};
use bank::Access;
use store::{StoreError, Token, User};

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
    /// The token forms must carry. For a reader who came with an API token
    /// it is a fresh random value nobody has, so such a reader can submit
    /// no form.
    pub csrf: String,
    /// The session cookie's token; `None` for an API-token reader.
    pub session: Option<Token>,
    access: Option<Access>,
}

impl Member {
    /// The proof of premium access, if the entitlement is valid now.
    pub fn access(&self) -> Option<&Access> {
        self.access.as_ref()
    }
}

impl Viewer {
    /// A signed-in reader, with proof of access if their entitlement is valid now.
    fn signed_in(user: User, csrf: String, session: Option<Token>) -> Viewer {
        let access = user
            .premium_until
            .and_then(|until| Access::from_entitlement(until, store::now()));
        Viewer::Member(Box::new(Member {
            user,
            csrf,
            session,
            access,
        }))
    }

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

/// Where an API token (`Authorization: Bearer`) is accepted: the API only.
/// A token is for scripts; it must not open the account page, the data
/// export or billing, which a leaked token otherwise did (review F8).
const TOKEN_PATHS: &str = "/api/";

/// The parts of the API where a token may also write: the practice API
/// (add cards, grade them, keep notes), which flashcard scripts drive, and
/// the interviewer kit's (issue 14). Elsewhere under `/api/` a token only
/// reads (issue 10).
const TOKEN_WRITE_PATHS: [&str; 2] = ["/api/v1/practice/", "/api/v1/kit/"];

/// Whether a request may be authenticated by an API token.
fn token_allowed(parts: &Parts) -> bool {
    let path = parts.uri.path();
    let reads = matches!(parts.method, Method::GET | Method::HEAD);
    path.starts_with(TOKEN_PATHS) && (reads || TOKEN_WRITE_PATHS.iter().any(|prefix| path.starts_with(prefix)))
}

impl FromRequestParts<SharedApp> for Viewer {
    type Rejection = PageError;

    /// Reads an API token (under `/api/` only, see [`token_allowed`]) or the session cookie; either
    /// costs one query (none if it was read in the last second, see
    /// `store::SESSION_CACHE_TTL`). A request with neither is anonymous.
    ///
    /// If the database cannot be reached, a request that presented
    /// credentials gets a 503 page (JSON under `/api/`) saying "We can't
    /// check your account right now", with `Retry-After`, on every route,
    /// public pages included. We chose the 503 over the public page with a
    /// notice: the locked page, even with a notice, reads to a paying
    /// reader as a lost subscription, and one answer for every route cannot
    /// show premium text by mistake (review F7). Anonymous requests never
    /// touch the database and keep being served. Other failures are logged
    /// and the reader treated as anonymous, so free pages keep working.
    async fn from_request_parts(parts: &mut Parts, app: &SharedApp) -> Result<Viewer, PageError> {
        let bearer = token_allowed(parts)
            .then(|| parts.headers.get(header::AUTHORIZATION))
            .flatten()
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .and_then(|token| Token::parse(token.trim()));
        if let Some(secret) = bearer {
            return match app.store.user_for_api_token(&secret).await {
                Ok(Some(user)) => Ok(Viewer::signed_in(user, Token::generate().as_str().to_owned(), None)),
                Ok(None) => Ok(Viewer::Anonymous),
                Err(error) => lookup_failed(error),
            };
        }
        let cookie = cookies::get(&parts.headers, cookies::session(app.config.https));
        let Some(token) = cookie.and_then(Token::parse) else {
            return Ok(Viewer::Anonymous);
        };
        match app.store.session(&token, app.config.sessions).await {
            Ok(Some(session)) => Ok(Viewer::signed_in(session.user, session.csrf_token, Some(token))),
            Ok(None) => Ok(Viewer::Anonymous),
            Err(error) => lookup_failed(error),
        }
    }
}

fn lookup_failed(error: StoreError) -> Result<Viewer, PageError> {
    if error.is_unavailable() {
        tracing::warn!(cause = %error, "session or token lookup failed: store unavailable");
        return Err(PageError::account_unchecked());
    }
    tracing::error!(%error, "session or token lookup failed; serving the anonymous view");
    Ok(Viewer::Anonymous)
}

/// A signed-in reader, for pages and forms only members use. An anonymous
/// request is sent to the login page instead.
#[derive(Debug)]
pub struct SignedIn(pub Box<Member>);

impl FromRequestParts<SharedApp> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &SharedApp) -> Result<SignedIn, Response> {
        match Viewer::from_request_parts(parts, app).await {
            Ok(Viewer::Member(member)) => Ok(SignedIn(member)),
            Ok(Viewer::Anonymous) => Err(Redirect::to("/login").into_response()),
            Err(error) => Err(error.into_response()),
        }
    }
}
