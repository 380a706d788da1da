//! Organizer API for events: thin handlers over `events::service`.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header::LOCATION};
use serde::Serialize;
use utoipa::ToSchema;

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
