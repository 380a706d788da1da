//! Organizer API for events: thin handlers over `events::service`.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header::LOCATION};
use serde::Serialize;
use utoipa::ToSchema;

use super::editions::{self, CopyInput, InvitePreviousInput};
use super::input::EventInput;
use super::service;
use super::view::EventView;
use crate::db::keep;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::AppState;
use crate::web::extract::{ApiJson, JsonObject, PathId};
use crate::web::identity::Organizer;

#[derive(Debug, Serialize, ToSchema)]
pub struct EventList {
    pub items: Vec<EventView>,
}

/// Create an event.
#[utoipa::path(post, path = "/api/v1/events", tag = "events", request_body = EventInput,
    security(("bearer" = [])),
    responses((status = 201, body = EventView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_event(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    ApiJson(input): ApiJson<EventInput>,
) -> AppResult<(StatusCode, HeaderMap, Json<EventView>)> {
    let spec = input.parse().map_err(AppError::Validation)?;
    let event = state
        .db
        .write(move |txn| keep(async move { service::create(txn, spec, Some(user.id), crate::domain::now()).await }))
        .await?;
    let mut headers = HeaderMap::new();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/events/{}", event.id)) {
        headers.insert(LOCATION, location);
    }
    Ok((StatusCode::CREATED, headers, Json(EventView::from(&event))))
}

/// List events, latest first.
#[utoipa::path(get, path = "/api/v1/events", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = EventList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_events(State(state): State<AppState>, _: Organizer) -> AppResult<Json<EventList>> {
    let events = service::list(state.db.read()).await?;
    Ok(Json(EventList { items: events.iter().map(EventView::from).collect() }))
}

/// Read one event.
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")),
    responses((status = 200, body = EventView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn get_event(State(state): State<AppState>, _: Organizer, PathId(id): PathId) -> AppResult<Json<EventView>> {
    let event = service::get(state.db.read(), id).await?;
    Ok(Json(EventView::from(&event)))
}

/// Change an event with a JSON Merge Patch (RFC 7396): an absent field is unchanged, `null`
/// clears it. Raising a capacity promotes the waitlist; lowering it below the confirmed count,
/// or removing a mode that has active registrations, is 409.
#[utoipa::path(patch, path = "/api/v1/events/{id}", tag = "events", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")),
    request_body(content = EventInput, content_type = "application/merge-patch+json"),
    responses((status = 200, body = EventView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch_event(
    State(state): State<AppState>,
    _: Organizer,
    PathId(id): PathId,
    JsonObject(patch): JsonObject,
) -> AppResult<Json<EventView>> {
    let event = state
        .db
        .write(move |txn| keep(async move { service::update(txn, id, &patch, crate::domain::now()).await }))
        .await?;
    Ok(Json(EventView::from(&event)))
}

/// Copy an event into a new draft at new times: the same texts, translations, questions,
/// programme, modes, capacities and door settings; no registrations, invitations or desk
/// links. `registration_closes_at` and the programme move with `starts_at`.
#[utoipa::path(post, path = "/api/v1/events/{id}/copy", tag = "events", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "the event to copy")), request_body = CopyInput,
    responses((status = 201, body = EventView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "conflict: the slug is taken"),
        (status = 422, body = ErrorBody)))]
pub async fn copy_event(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(id): PathId,
    ApiJson(input): ApiJson<CopyInput>,
) -> AppResult<(StatusCode, HeaderMap, Json<EventView>)> {
    let event = state
        .db
        .write(move |txn| {
            keep(async move { editions::copy(txn, id, input, Some(user.id), crate::domain::now()).await })
        })
        .await?;
    let mut headers = HeaderMap::new();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/events/{}", event.id)) {
        headers.insert(LOCATION, location);
    }
    Ok((StatusCode::CREATED, headers, Json(EventView::from(&event))))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Invited {
    pub invited: usize,
}

/// Invite the people of an earlier edition (those who attended, or all who registered) and
/// the contacts who asked for future invitations, each once, in their language.
#[utoipa::path(post, path = "/api/v1/events/{id}/invite-previous", tag = "events", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "the event to invite to (published)")),
    request_body = InvitePreviousInput,
    responses((status = 202, body = Invited), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "registration_closed: the event is not published"),
        (status = 422, body = ErrorBody)))]
pub async fn invite_previous(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(id): PathId,
    ApiJson(input): ApiJson<InvitePreviousInput>,
) -> AppResult<(StatusCode, Json<Invited>)> {
    let invited = state
        .db
        .write_alone(move |txn| {
            keep(async move { editions::invite_previous(txn, id, input, Some(user.id), crate::domain::now()).await })
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(Invited { invited })))
}
