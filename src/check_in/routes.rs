//! Check-in API for staff at the door: scan, undo, walk-in, search. Thin handlers over
//! `check_in::service`; every answer is a staff view, without the registrant's secrets.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::door;
use super::input::{CheckInInput, RoomSettingsInput, WalkInInput};
use super::policy;
use super::room;
use super::search::{self, Cursor};
use super::service::{self, Desk};
use super::together;
use super::view::{CheckInAnswer, ExitAnswer, RoomView, StaffRegistrationView};
use crate::db::keep;
use crate::error::{AppError, AppResult, ErrorBody, FieldError};
use crate::events::service as events;
use crate::web::AppState;
use crate::web::extract::{ApiJson, PathId, PathIds};
use crate::web::identity::{Organizer, Staff};

/// Check a ticket in. Always 200 with a `result`; a second scan reports the first time.
#[utoipa::path(post, path = "/api/v1/events/{id}/checkins", tag = "check-in", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")), request_body = CheckInInput,
    responses((status = 200, body = CheckInAnswer,
            description = "checked_in, already_checked_in, unknown, cancelled, not_confirmed or capacity_full"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn check_in(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<CheckInInput>,
) -> AppResult<(StatusCode, Json<serde_json::Value>)> {
    let meta = input.door().map_err(AppError::Validation)?;
    let ticket = input.parse().map_err(AppError::Validation)?;
    let scan = door::Scan { ticket, direction: door::Direction::Entry, meta };
    door_answer(&state, &user, event_id, scan).await
}

/// One scan through the replayable door, answered as its status and JSON.
async fn door_answer(
    state: &AppState,
    user: &crate::web::identity::CurrentUser,
    event_id: uuid::Uuid,
    scan: door::Scan,
) -> AppResult<(StatusCode, Json<serde_json::Value>)> {
    let desk = Desk::for_user(state.db.read(), user).await?;
    // Plain entrance scans for one event are written together (`together.rs`); the others alone.
    let answer = together::scan(&state.db, together::Scanning { event_id, scan, desk }).await?;
    if let Some(result) = answer.body["result"].as_str() {
        metrics::counter!("convene_checkins_total", "result" => result.to_owned()).increment(1);
    }
    Ok((StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK), Json(answer.body)))
}

/// Undo a registration's check-in (the log keeps it, marked undone).
#[utoipa::path(delete, path = "/api/v1/events/{id}/checkins/{registration_id}", tag = "check-in",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"),
        ("registration_id" = uuid::Uuid, Path, description = "the checked-in registration")),
    responses((status = 204, description = "undone"), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody, description = "no active check-in")))]
pub async fn undo_check_in(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathIds(event_id, registration_id): PathIds,
) -> AppResult<StatusCode> {
    let desk = Desk::for_user(state.db.read(), &user).await?;
    state
        .db
        .write(move |txn| {
            keep(async move { service::undo(txn, event_id, registration_id, &desk, crate::domain::now()).await })
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Register someone at the door and check them in, in person. Email optional; consent is
/// recorded as given at the desk; the room's capacity applies.
#[utoipa::path(post, path = "/api/v1/events/{id}/walkins", tag = "check-in", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")), request_body = WalkInInput,
    responses((status = 201, body = CheckInAnswer, description = "registered and checked in"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody,
            description = "capacity_full (nothing stored), already_registered, registration_closed, mode_not_offered"),
        (status = 422, body = ErrorBody)))]
pub async fn walk_in(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<WalkInInput>,
) -> AppResult<(StatusCode, Json<serde_json::Value>)> {
    let meta =
        super::input::door_meta(input.nonce.as_deref(), None, input.override_cap).map_err(AppError::Validation)?;
    // The request as sent, without its nonce: what a replay must repeat.
    let mut content = serde_json::to_value(&input).unwrap_or_default();
    if let Some(object) = content.as_object_mut() {
        object.remove("nonce");
    }
    let new = input.parse().map_err(AppError::Validation)?;
    let desk = Desk::for_user(state.db.read(), &user).await?;
    let answer = state
        .db
        .write(move |txn| {
            keep(async move { door::walk_in(txn, event_id, (new, content), meta, &desk, crate::domain::now()).await })
        })
        .await?;
    metrics::counter!("convene_walkins_total").increment(1);
    Ok((StatusCode::from_u16(answer.status).unwrap_or(StatusCode::CREATED), Json(answer.body)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to find in the name, organization or (organizers only) email; at least 2
    /// characters for the checkin role; organizers may omit it to list everyone.
    q: Option<String>,
    /// 1 to 100; 20 by default.
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub items: Vec<StaffRegistrationView>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Search an event's registrations by name, organization or email, in pages. The checkin
/// role and desk sessions neither search nor see emails, and make 60 searches a minute.
#[utoipa::path(get, path = "/api/v1/events/{id}/registrations", tag = "check-in", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"), SearchParams),
    responses((status = 200, body = SearchResults), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "q too short for the checkin role, limit or cursor invalid"),
        (status = 429, body = ErrorBody, description = "more than 60 searches a minute by a desk")))]
pub async fn search_registrations(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathId(event_id): PathId,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> AppResult<Json<SearchResults>> {
    let Query(params) = params.map_err(|e| AppError::BadRequest(format!("invalid query string: {}", e.body_text())))?;
    let desk_session = user.event_scope.is_some();
    if search::search_is_limited(user.role, desk_session) {
        state.desk_search_limit.check(user.id)?;
    }
    let with_emails = search::search_sees_emails(user.role, desk_session);
    let terms =
        policy::parse_search(params.q.as_deref(), params.limit.as_deref(), user.role).map_err(AppError::Validation)?;
    let cursor = match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(raw) => {
            Some(Cursor::decode(raw).ok_or_else(|| AppError::field("cursor", FieldError::new("invalid_cursor")))?)
        }
    };
    events::get(state.db.read(), event_id).await?;
    let page = search::search(state.db.read(), event_id, &terms, cursor.as_ref(), with_emails).await?;
    let view = |(reg, at): &(_, _)| {
        let view = StaffRegistrationView::new(reg, *at);
        if with_emails { view } else { StaffRegistrationView { email: None, ..view } }
    };
    Ok(Json(SearchResults { items: page.items.iter().map(view).collect(), next_cursor: page.next.map(|c| c.encode()) }))
}

/// The room now: exit scans on or off, its cap, and (with exit scans) who is inside.
#[utoipa::path(get, path = "/api/v1/events/{id}/room", tag = "check-in", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")),
    responses((status = 200, body = RoomView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn room_status(
    State(state): State<AppState>,
    _: Staff,
    PathId(event_id): PathId,
) -> AppResult<Json<RoomView>> {
    let event = events::get(state.db.read(), event_id).await?;
    Ok(Json(RoomView::from(&room::status(state.db.read(), &event).await?)))
}

/// Turn exit scans on or off for an event, and set the room's own cap.
#[utoipa::path(put, path = "/api/v1/events/{id}/room", tag = "check-in", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")), request_body = RoomSettingsInput,
    responses((status = 200, body = RoomView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_room(
    State(state): State<AppState>,
    _: Organizer,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<RoomSettingsInput>,
) -> AppResult<Json<RoomView>> {
    let (exit_scans, room_cap) = input.parse().map_err(AppError::Validation)?;
    let status = state
        .db
        .write_alone(move |txn| {
            keep(async move {
                let event = events::get(txn, event_id).await?;
                room::set_settings(txn, event_id, exit_scans, room_cap, crate::domain::now()).await?;
                Ok::<_, AppError>(room::status(txn, &event).await?)
            })
        })
        .await?;
    Ok(Json(RoomView::from(&status)))
}

/// Scan a ticket on the way out (events with exit scans on; otherwise 409 `conflict`).
/// Scanning it at the entrance again (`POST …/checkins`) brings the person back in.
#[utoipa::path(post, path = "/api/v1/events/{id}/exits", tag = "check-in", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")), request_body = CheckInInput,
    responses((status = 200, body = ExitAnswer, description = "checked_out, already_out, not_checked_in or unknown"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "exit scans are off"),
        (status = 422, body = ErrorBody)))]
pub async fn check_out(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<CheckInInput>,
) -> AppResult<(StatusCode, Json<serde_json::Value>)> {
    let meta = input.door().map_err(AppError::Validation)?;
    let ticket = input.parse().map_err(AppError::Validation)?;
    door_answer(&state, &user, event_id, door::Scan { ticket, direction: door::Direction::Exit, meta }).await
}
