//! The mailings API (API.md, "Mailings to registrants"): write, list, read, cancel, preview.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::input::{self, MailingInput};
use super::service::{self, Author};
use super::view::{MailingList, MailingView, PreviewView, view, views};
use crate::domain::now;
use crate::error::{AppError, AppResult, ErrorBody, FieldError};
use crate::web::AppState;
use crate::web::extract::{ApiJson, PathId, PathIds};
use crate::web::identity::Organizer;

/// Write to a group of the event's registrants, now or at `send_at`.
#[utoipa::path(post, path = "/api/v1/events/{id}/mailings", tag = "mailings", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")),
    request_body = MailingInput,
    responses((status = 201, body = MailingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_mailing(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<MailingInput>,
) -> AppResult<(StatusCode, Json<MailingView>)> {
    let draft = input::parse(input).map_err(AppError::Validation)?;
    let author = Author { user_id: Some(user.id), email: user.email };
    let mailing = service::create(&state.db, event_id, draft, author, None, now()).await?;
    let view = view(state.db.read(), &mailing).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The event's mailings, newest first.
#[utoipa::path(get, path = "/api/v1/events/{id}/mailings", tag = "mailings", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")),
    responses((status = 200, body = MailingList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn list_mailings(
    State(state): State<AppState>,
    _: Organizer,
    PathId(event_id): PathId,
) -> AppResult<Json<MailingList>> {
    crate::events::service::get(state.db.read(), event_id).await?;
    let mailings = service::list(state.db.read(), event_id).await?;
    Ok(Json(MailingList { items: views(state.db.read(), &mailings).await? }))
}

/// One mailing, with where its sending stands.
#[utoipa::path(get, path = "/api/v1/events/{id}/mailings/{mailing_id}", tag = "mailings", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"), ("mailing_id" = uuid::Uuid, Path, description = "mailing id")),
    responses((status = 200, body = MailingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn get_mailing(
    State(state): State<AppState>,
    _: Organizer,
    PathIds(event_id, mailing_id): PathIds,
) -> AppResult<Json<MailingView>> {
    let mailing = service::get(state.db.read(), event_id, mailing_id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(state.db.read(), &mailing).await?))
}

/// Cancel a scheduled mailing: nothing of it is sent.
#[utoipa::path(delete, path = "/api/v1/events/{id}/mailings/{mailing_id}", tag = "mailings", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"), ("mailing_id" = uuid::Uuid, Path, description = "mailing id")),
    responses((status = 200, body = MailingView, description = "`cancelled`"), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "conflict: sending has started")))]
pub async fn cancel_mailing(
    State(state): State<AppState>,
    _: Organizer,
    PathIds(event_id, mailing_id): PathIds,
) -> AppResult<Json<MailingView>> {
    let mailing = service::cancel(&state.db, event_id, mailing_id, now()).await?;
    Ok(Json(view(state.db.read(), &mailing).await?))
}

/// A mailing as one registrant of the event will read it (nothing is stored or sent).
#[utoipa::path(post, path = "/api/v1/events/{id}/mailings/preview", tag = "mailings", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")),
    request_body(content = MailingInput, description = "the mailing, with `registration_id`"),
    responses((status = 200, body = PreviewView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "no such registration at this event"),
        (status = 422, body = ErrorBody)))]
pub async fn preview_mailing(
    State(state): State<AppState>,
    _: Organizer,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<MailingInput>,
) -> AppResult<Json<PreviewView>> {
    let registration_id = input.registration_id;
    let draft = input::parse(input);
    let registration_id = match (registration_id, &draft) {
        (Some(id), Ok(_)) => id,
        (None, _) => {
            let mut errors = draft.err().unwrap_or_default();
            errors.insert("registration_id", FieldError::new("required"));
            return Err(AppError::Validation(errors));
        }
        (Some(_), Err(errors)) => return Err(AppError::Validation(errors.clone())),
    };
    let draft = draft.map_err(AppError::Validation)?;
    let rendered =
        service::preview(state.db.read(), event_id, registration_id, (&draft.subject, &draft.body), &state.base_url)
            .await?
            .ok_or(AppError::NotFound)?;
    Ok(Json(PreviewView {
        subject: rendered.subject,
        body: rendered.body,
        language: rendered.language.code().to_owned(),
    }))
}
