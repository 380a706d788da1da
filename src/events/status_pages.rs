//! Publishing, closing and cancelling an event from the back office. Closing and cancelling go
//! through a confirmation page that says what will happen and whom it mails; cancelling asks
//! for the event's title to be typed and takes a message that goes into every mail. A closed
//! event can be opened again.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde_json::json;

use crate::db::keep;
use crate::domain::{clean_multiline, now};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::events::service::{self as events, EventError};
use crate::i18n::t;
use crate::web::AppState;
use crate::web::form::FormFields;
use crate::web::identity::{CurrentUser, OrganizerPage};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

/// The confirmation page for `action` (`close` or `cancel`).
pub async fn confirm_page(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    Path((id, action)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let status = match action.as_str() {
        "close" => "closed",
        "cancel" => "cancelled",
        _ => return Err(AppError::NotFound),
    };
    confirmation(&state, &me, lang, id, status, "", FieldErrors::new()).await
}

async fn confirmation(
    state: &AppState,
    me: &CurrentUser,
    lang: PageLang,
    id: uuid::Uuid,
    status: &str,
    note: &str,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let mailed = events::mailed_on_cancel(state.db.read(), id).await?;
    let labels = [
        ("confirm_title".to_owned(), t(lang.lang, "confirm-type-title", &[])),
        ("note".to_owned(), t(lang.lang, "confirm-note", &[])),
    ];
    let code = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        event => context! { id => id.to_string(), title => &e.title },
        status => status, mailed => mailed, note => note,
        errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels),
        ..chrome(me, "events")
    };
    Ok(Page::new("admin/confirm_status.html", lang, ctx).status(code).into_response())
}

/// Publish (or reopen), close or cancel. Closing and cancelling come from their confirmation
/// page: cancelling needs the title typed, and mails the message with the cancellation.
pub async fn set_status(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    Path(id): Path<String>,
    form: FormFields,
) -> Result<Response, AppError> {
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let status = form.get("status").unwrap_or("");
    if !matches!(status, "draft" | "published" | "closed" | "cancelled") {
        return Err(AppError::field("status", FieldError::new("invalid_event_status")));
    }
    let raw_note = form.get("note").unwrap_or("");
    if status == "cancelled" {
        let e = events::get(state.db.read(), id).await?;
        let mut errors = FieldErrors::new();
        let typed = form.get("confirm_title").unwrap_or("").trim();
        if typed != e.title.trim() {
            errors.insert("confirm_title", FieldError::new("title_mismatch"));
        }
        if let Err(e) = clean_multiline(Some(raw_note), false, 2000) {
            errors.insert("note", e);
        }
        if !errors.is_empty() {
            return confirmation(&state, &me, lang, id, status, raw_note, errors).await;
        }
    }
    let note = clean_multiline(Some(raw_note), false, 2000).ok().filter(|n| !n.is_empty());
    let mailed = if status == "cancelled" { events::mailed_on_cancel(state.db.read(), id).await? } else { 0 };
    let patch = json!({ "status": status });
    let changed = state
        .db
        .write(move |txn| keep(async move { events::update_with_note(txn, id, &patch, note, now()).await }))
        .await;
    match changed {
        Ok(_) => Ok(Redirect::to(&format!("/admin/events/{id}?done={status}&mailed={mailed}")).into_response()),
        Err(EventError::Conflict(_, error)) => {
            let errors = FieldErrors::one("status", error);
            confirmation(&state, &me, lang, id, status, raw_note, errors).await
        }
        Err(other) => Err(other.into()),
    }
}
