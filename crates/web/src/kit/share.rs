//! Share links. The owner makes (or replaces) and revokes them on the
//! set's page; the link itself is shown once, when made, because only its
//! hash is stored. `/kit/shared/{token}` is the read-only sheet for a
//! co-interviewer: premium sections only when the viewer has access, never
//! the owner's notes or interviews. `/kit/candidate/{token}` lists the
//! titles only; a signed-in candidate can add them all to their review
//! queue. A revoked or unknown link is 404.

use super::sets::{share_kind, to_set};
use super::views::{self, CandidateView};
use super::{Interviewer, own_set, refused};
use crate::app::SharedApp;
use crate::csrf::{CsrfOnly, check_member_csrf};
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::private_page;
use crate::viewer::{SignedIn, Viewer};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::{Card, CardKind, KitSet, ShareKind};

type AppState = State<SharedApp>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KindForm {
    csrf: String,
    kind: String,
}

/// The path a link of this kind opens.
pub(crate) fn link_path(kind: ShareKind, token: &str) -> String {
    match kind {
        ShareKind::CoInterviewer => format!("/kit/shared/{token}"),
        ShareKind::Candidate => format!("/kit/candidate/{token}"),
    }
}

/// `POST /kit/{id}/share`: makes a link (revoking the previous one of its
/// kind) and shows it, once.
pub(crate) async fn create(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(form): ValidForm<KindForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, &form.csrf)?;
    let kind = share_kind(&form.kind)?;
    let set = own_set(&app, &who, &set_id).await?;
    let token = app
        .store
        .create_kit_share(who.id(), &set_id, kind, store::now())
        .await
        .map_err(refused)?;
    let url = format!("{}{}", app.config.public_url, link_path(kind, token.as_str()));
    let html = views::link(app.site.layout(true), &set, kind.as_str(), &url)?;
    Ok(private_page(StatusCode::OK, html))
}

/// `POST /kit/{id}/share/revoke`.
pub(crate) async fn revoke(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(form): ValidForm<KindForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, &form.csrf)?;
    let kind = share_kind(&form.kind)?;
    own_set(&app, &who, &set_id).await?;
    app.store
        .revoke_kit_share(who.id(), &set_id, kind, store::now())
        .await?;
    Ok(to_set(&set_id))
}

/// The set a live link opens, or 404.
pub(crate) async fn shared(app: &SharedApp, token: &str, kind: ShareKind) -> Result<KitSet, PageError> {
    app.store.shared_kit_set(token, kind).await?.ok_or_else(|| {
        PageError::new(
            StatusCode::NOT_FOUND,
            "Link not found",
            "This link was revoked, or never existed. Ask whoever sent it for a new one.",
        )
    })
}

/// `GET /kit/shared/{token}`: the sheet, for whoever holds the link.
pub(crate) async fn sheet(
    State(app): AppState,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let set = shared(&app, &token, ShareKind::CoInterviewer).await?;
    let access = viewer.member().and_then(|member| member.access());
    let items = super::sheet_model::items(&app.site.bank, &set, access, false);
    let locked = access
        .is_none()
        .then_some("Subscribers see what a strong answer covers and the follow-ups here; you see the questions and their short answers.");
    let layout = app.site.layout(viewer.member().is_some());
    let html = views::sheet(layout, &set.name, set.total_minutes(), &items, locked)?;
    Ok(private_page(StatusCode::OK, html))
}

#[derive(Debug, Deserialize)]
pub(crate) struct QueuedQuery {
    queued: Option<u64>,
}

/// `GET /kit/candidate/{token}`: the questions' titles, to practise.
pub(crate) async fn candidate(
    State(app): AppState,
    viewer: Viewer,
    Path(token): Path<String>,
    Query(query): Query<QueuedQuery>,
) -> Result<Response, PageError> {
    let set = shared(&app, &token, ShareKind::Candidate).await?;
    let titles = set
        .items
        .iter()
        .filter_map(|item| {
            let question = app.site.bank.question(&item.slug)?;
            Some((item.slug.clone(), question.title_html.clone()))
        })
        .collect();
    let member = viewer.member();
    let view = CandidateView {
        csrf: member.map(|member| member.csrf.as_str()),
        token: &token,
        name: &set.name,
        titles,
        queued: query.queued,
    };
    let html = views::candidate(app.site.layout(member.is_some()), view)?;
    Ok(private_page(StatusCode::OK, html))
}

/// `POST /kit/candidate/{token}/queue`: adds the set's questions to the
/// signed-in reader's review queue (questions already in it keep their
/// schedule).
pub(crate) async fn queue(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Path(token): Path<String>,
    ValidForm(form): ValidForm<CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, form.csrf())?;
    let set = shared(&app, &token, ShareKind::Candidate).await?;
    let now = store::now();
    let cards: Vec<Card> = set
        .items
        .iter()
        .filter(|item| app.site.bank.question(&item.slug).is_some())
        .map(|item| Card::new(CardKind::Question, &item.slug, now))
        .collect();
    let added = app.store.add_cards(&member.user.id, &cards).await?;
    Ok(Redirect::to(&format!("/kit/candidate/{token}?queued={added}")).into_response())
}
