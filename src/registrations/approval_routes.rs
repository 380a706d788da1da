//! The organizers' decisions on requests (`access: approval`): approve or decline one.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use super::approval;
use crate::check_in::view::StaffRegistrationView;
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, AppResult, ErrorBody, FieldErrors};
use crate::history::Actor;
use crate::web::AppState;
use crate::web::extract::{OptionalApiJson, PathIds};
use crate::web::identity::Organizer;

/// Approve a pending request: it is seated, or waitlisted when the mode is full, as a new
/// registration would be now, and mailed.
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations/{registration_id}/approve", tag = "registrations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"), ("registration_id" = uuid::Uuid, Path, description = "the request")),
    responses((status = 200, body = StaffRegistrationView, description = "`confirmed` or `waitlisted`"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "conflict (not pending), capacity_full (full, no waitlist), registration_closed (ended or cancelled)")))]
pub async fn approve(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathIds(event_id, registration_id): PathIds,
) -> AppResult<Json<StaffRegistrationView>> {
    let actor = Actor::Organizer(user.email);
    let approved = state
        .db
        .write(move |txn| keep(async move { approval::approve(txn, event_id, registration_id, &actor, now()).await }))
        .await?;
    Ok(Json(StaffRegistrationView::new(&approved, None)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DeclineInput {
    /// Words for the person, in the decline mail (at most 2,000 characters).
    pub message: Option<String>,
}

/// Decline a pending request, with an optional message for the person; it is mailed.
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations/{registration_id}/decline", tag = "registrations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"), ("registration_id" = uuid::Uuid, Path, description = "the request")),
    request_body(content = Option<DeclineInput>, description = "optional"),
    responses((status = 200, body = StaffRegistrationView, description = "`declined`"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "conflict (not pending), registration_closed (ended or cancelled)"),
        (status = 422, body = ErrorBody)))]
pub async fn decline(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathIds(event_id, registration_id): PathIds,
    OptionalApiJson(input): OptionalApiJson<DeclineInput>,
) -> AppResult<Json<StaffRegistrationView>> {
    let message = approval::clean_message(input.message.as_deref())
        .map_err(|e| AppError::Validation(FieldErrors::one("message", e)))?;
    let actor = Actor::Organizer(user.email);
    let declined = state
        .db
        .write(move |txn| {
            keep(async move { approval::decline(txn, event_id, registration_id, message, &actor, now()).await })
        })
        .await?;
    Ok(Json(StaffRegistrationView::new(&declined, None)))
}
