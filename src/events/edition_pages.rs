//! The back office's "next edition" pages: copy this event to new dates, and invite the
//! people of an earlier edition (with the contacts who asked to be invited).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;

use super::editions::{self, CopyInput, InvitePreviousInput};
use super::form_rows::{instant, local_input};
use super::service::{self as events, EventError};
use super::view::zone;
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, FieldErrors};
use crate::i18n::{format_span, t};
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::{CurrentUser, OrganizerPage};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

fn copy_page(
    me: &CurrentUser,
    lang: PageLang,
    e: &entity::event::Model,
    values: minijinja::Value,
    errors: FieldErrors,
) -> Response {
    let labels = [
        ("title".to_owned(), t(lang.lang, "event-title", &[])),
        ("slug".to_owned(), t(lang.lang, "event-slug", &[])),
        ("starts_at".to_owned(), t(lang.lang, "event-starts", &[])),
        ("ends_at".to_owned(), t(lang.lang, "event-ends", &[])),
    ];
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        event => context! { id => e.id.to_string(), title => &e.title, timezone => &e.timezone, retention_days => e.retention_days },
        values => values, errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels),
        ..chrome(me, "events")
    };
    Page::new("admin/copy_event.html", lang, ctx).status(status).into_response()
}

/// The copy form, filled with the same dates a year later.
pub async fn copy_form(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let year = chrono::Duration::days(364); // the same weekday a year later
    let values = context! {
        title => &e.title,
        starts_at => local_input(e.starts_at + year, zone(&e)),
        ends_at => local_input(e.ends_at + year, zone(&e)),
    };
    Ok(copy_page(&me, lang, &e, values, FieldErrors::new()))
}

pub async fn copy(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let mut errors = FieldErrors::new();
    let input = CopyInput {
        starts_at: instant(&form, "starts_at", zone(&e), &mut errors),
        ends_at: instant(&form, "ends_at", zone(&e), &mut errors),
        title: form.owned("title"),
        slug: form.owned("slug").filter(|s| !s.trim().is_empty()),
    };
    let values = context! { title => form.get("title"), slug => form.get("slug"), starts_at => form.get("starts_at"), ends_at => form.get("ends_at") };
    if !errors.is_empty() {
        return Ok(copy_page(&me, lang, &e, values, errors));
    }
    let by = me.id;
    match state.db.write(move |txn| keep(editions::copy(txn, id, input, Some(by), now()))).await {
        Ok(copy) => Ok(Redirect::to(&format!("/admin/events/{}/edit?done=copied", copy.id)).into_response()),
        Err(EventError::Invalid(errors)) => Ok(copy_page(&me, lang, &e, values, errors)),
        Err(EventError::Conflict(field, error)) => Ok(copy_page(&me, lang, &e, values, FieldErrors::one(field, error))),
        Err(other) => Err(other.into()),
    }
}

async fn invite_page(
    state: &AppState,
    me: &CurrentUser,
    lang: PageLang,
    e: &entity::event::Model,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let earlier: Vec<minijinja::Value> = events::list(state.db.read())
        .await?
        .into_iter()
        .filter(|other| other.id != e.id && other.starts_at < e.starts_at)
        .map(|other| {
            let when = format_span(other.starts_at, other.ends_at, zone(&other), lang.lang);
            context! { id => other.id.to_string(), title => other.title, when => when }
        })
        .collect();
    let contacts = crate::contacts::service::all(state.db.read()).await?.len();
    let labels = [("from_event_id".to_owned(), t(lang.lang, "invite-from", &[]))];
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        event => context! { id => e.id.to_string(), title => &e.title, status => e.status.as_str() },
        earlier => earlier, contacts => contacts,
        errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels),
        ..chrome(me, "events")
    };
    Ok(Page::new("admin/invite_previous.html", lang, ctx).status(status).into_response())
}

pub async fn invite_form(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    invite_page(&state, &me, lang, &e, FieldErrors::new()).await
}

pub async fn invite(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let input = InvitePreviousInput {
        from_event_id: form.owned("from_event_id"),
        attended_only: Some(form.get("who") != Some("all")),
    };
    let by = me.id;
    match state.db.write_alone(move |txn| keep(editions::invite_previous(txn, id, input, Some(by), now()))).await {
        Ok(n) => Ok(Redirect::to(&format!("/admin/events/{id}?done=invited&mailed={n}")).into_response()),
        Err(EventError::Invalid(errors)) => invite_page(&state, &me, lang, &e, errors).await,
        Err(other) => Err(other.into()),
    }
}
