//! Counts for organizers and the door.

use axum::Json;
use axum::extract::State;

use super::stats::{self, EventStats};
use crate::auth::Staff;
use crate::error::{AppResult, ErrorBody};
use crate::events::service as events;
use crate::web::AppState;
use crate::web::extract::PathId;

/// Live counts: seats, waitlist, check-ins, online joins, attendance.
#[utoipa::path(get, path = "/api/v1/events/{id}/stats", tag = "attendance", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")),
    responses((status = 200, body = EventStats), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn event_stats(State(state): State<AppState>, _: Staff, PathId(id): PathId) -> AppResult<Json<EventStats>> {
    let event = events::get(&state.db.read, id).await?;
    Ok(Json(stats::for_event(&state.db.read, &event).await?))
}
