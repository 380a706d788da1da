//! Organizer API for an event's mails: their delivery status, and resending one.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use entity::{OutboxStatus, outbox_email};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{listing, outbox};
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, AppResult, ErrorBody, FieldError};
use crate::events::service as events;
use crate::events::view::utc;
use crate::web::AppState;
use crate::web::extract::{PathId, PathIds};
use crate::web::identity::Organizer;

#[derive(Debug, Serialize, ToSchema)]
pub struct MailView {
    pub id: Uuid,
    /// confirmation, waitlisted, cancelled, manage_link, no_seat_freed, event_updated,
    /// event_cancelled, reminder
    pub kind: String,
    pub registration_id: Option<Uuid>,
    pub recipient: Option<String>,
    pub language: entity::Language,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<String>,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailList {
    pub items: Vec<MailView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct MailQuery {
    /// pending, sending, sent, failed or deferred
    pub status: Option<String>,
    /// 1 to 100, default 50
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

fn view(row: outbox_email::Model, recipient: Option<String>) -> MailView {
    let pending = matches!(row.status, OutboxStatus::Pending | OutboxStatus::Deferred);
    MailView {
        id: row.id,
        kind: row.kind,
        registration_id: row.registration_id,
        recipient,
        language: row.language,
        status: row.status,
        attempts: row.attempts,
        next_attempt_at: pending.then(|| utc(row.next_attempt_at)),
        last_error: row.last_error,
        sent_at: row.sent_at.map(utc),
        created_at: utc(row.created_at),
    }
}

/// An event's mails, newest first, with their delivery status.
#[utoipa::path(get, path = "/api/v1/events/{id}/mails", tag = "mail", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "event id"), MailQuery),
    responses((status = 200, body = MailList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_mails(
    State(state): State<AppState>,
    _: Organizer,
    PathId(event_id): PathId,
    Query(query): Query<MailQuery>,
) -> AppResult<Json<MailList>> {
    let db = state.db.read();
    events::get(db, event_id).await?;
    let limit = match query.limit.as_deref().map(str::parse::<u64>) {
        None => 50,
        Some(Ok(n)) if (1..=100).contains(&n) => n,
        Some(_) => return Err(AppError::field("limit", FieldError::new("invalid_page_size"))),
    };
    let status = match query.status.as_deref() {
        None => None,
        Some("pending") => Some(OutboxStatus::Pending),
        Some("sending") => Some(OutboxStatus::Sending),
        Some("sent") => Some(OutboxStatus::Sent),
        Some("failed") => Some(OutboxStatus::Failed),
        Some("deferred") => Some(OutboxStatus::Deferred),
        Some(_) => return Err(AppError::field("status", FieldError::new("invalid_mail_status"))),
    };
    let before = match query.cursor.as_deref() {
        None => None,
        Some(cursor) => Some(
            Uuid::parse_str(cursor).map_err(|_| AppError::field("cursor", FieldError::new("invalid_list_cursor")))?,
        ),
    };
    let page = listing::list(db, event_id, status, before, limit).await?;
    let items = page.items.into_iter().map(|(row, recipient)| view(row, recipient)).collect();
    let next_cursor = page.next_cursor.map(|id| id.to_string());
    Ok(Json(MailList { items, next_cursor }))
}

/// Queue a mail again, rebuilt from the current registration with its attachments.
#[utoipa::path(post, path = "/api/v1/events/{id}/mails/{mail_id}/resend", tag = "mail", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "event id"), ("mail_id" = Uuid, Path, description = "mail id")),
    responses((status = 202, body = MailView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn resend_mail(
    State(state): State<AppState>,
    _: Organizer,
    PathIds(event_id, mail_id): PathIds,
) -> AppResult<(StatusCode, Json<MailView>)> {
    if !outbox::can_be_written_again(state.db.read(), event_id, mail_id).await? {
        return Err(AppError::conflict(
            "secret_unavailable",
            "this mail's ticket and links cannot be written again: the server's secret key is not the one they were made with; issue new links to the person",
        ));
    }
    let copy = state
        .db
        .write(move |txn| keep(outbox::resend_in_event(txn, event_id, mail_id, now())))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::ACCEPTED, Json(view(copy, None))))
}
