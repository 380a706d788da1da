//! The stop link of an invitation mail: `/invitations/{token}/stop` asks first (a mail
//! scanner following the link must not stop anything), then stops future invitations.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use minijinja::context;

use super::service;
use crate::db::keep;
use crate::domain::now;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::lang::PageLang;
use crate::web::pages::{Page, not_found_page};

/// "a•••@example.org": enough for the person to recognise their address, not to learn one.
fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => format!("{}•••@{domain}", local.chars().next().unwrap_or('•')),
        None => "•••".to_owned(),
    }
}

pub async fn stop_page(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(invitation) = service::invitation_for_stop(state.db.read(), &token).await? else {
        return Ok(not_found_page(lang));
    };
    let ctx = context! { email => masked(&invitation.email), token => token, done => false };
    Ok(Page::new("public/stop_invitations.html", lang, ctx).secret().into_response())
}

pub async fn stop(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(invitation) = service::invitation_for_stop(state.db.read(), &token).await? else {
        return Ok(not_found_page(lang));
    };
    let email = invitation.email.clone();
    state.db.write(move |txn| keep(async move { service::stop(txn, &email, now()).await })).await?;
    let ctx = context! { email => masked(&invitation.email), token => token, done => true };
    Ok(Page::new("public/stop_invitations.html", lang, ctx).secret().into_response())
}
