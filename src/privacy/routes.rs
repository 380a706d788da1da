//! The privacy API: erasing an event or a person, the registrant's own data, the audit.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::audit;
use super::data::{self, PersonalData};
use super::policy;
use super::service::{self, Person};
use crate::domain::now;
use crate::error::{AppError, AppResult, ErrorBody, FieldError};
use crate::events::service as events;
use crate::events::view::utc;
use crate::history::Actor;
use crate::registrations::service::find_by_manage_token;
use crate::web::AppState;
use crate::web::extract::{PathId, PathToken};
use crate::web::identity::Organizer;
use crate::web::security::SecretJson;

#[derive(Debug, Serialize, ToSchema)]
pub struct ErasedCount {
    pub erased: u64,
}

/// Erase the personal data of every registration of an event that has ended or is cancelled.
#[utoipa::path(post, path = "/api/v1/events/{id}/erase", tag = "privacy", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "event id")),
    responses((status = 200, body = ErasedCount), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "the event has not ended")))]
pub async fn erase_event(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(event_id): PathId,
) -> AppResult<Json<ErasedCount>> {
    let event = events::get(state.db.read(), event_id).await?;
    if !policy::may_erase_event(&event, now()) {
        return Err(AppError::conflict("conflict", "the event has not ended: cancel it, or wait for its end"));
    }
    let erased = service::erase_event(
        &state.db,
        &state.config.mail.outbox_dir,
        event_id,
        (Actor::Organizer(user.email), audit::Action::EraseEvent),
        now(),
    )
    .await?;
    Ok(Json(ErasedCount { erased }))
}

/// Erase one registration's personal data: an organizer (by registration id, with a Bearer
/// token) or the registrant (by their manage token).
#[utoipa::path(delete, path = "/api/v1/registrations/{manage_token}/personal-data", tag = "privacy",
    params(("manage_token" = String, Path, description = "the registrant's manage token, or a registration id (organizers)")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn erase_person(
    State(state): State<AppState>,
    organizer: Result<Organizer, AppError>,
    PathToken(which): PathToken,
) -> AppResult<StatusCode> {
    // A registration id is a UUID; a manage token never is.
    let (person, actor) = match Uuid::try_parse(&which) {
        Ok(id) => (Person::Id(id), Actor::Organizer(organizer?.0.email)),
        Err(_) => (Person::Token(which), Actor::Registrant),
    };
    service::erase_person(&state.db, &state.config.mail.outbox_dir, person, actor, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everything the server holds about the registrant's registration.
#[utoipa::path(get, path = "/api/v1/registrations/{manage_token}/data", tag = "privacy",
    params(("manage_token" = String, Path, description = "the registrant's secret manage token")),
    responses((status = 200, body = PersonalData), (status = 404, body = ErrorBody)))]
pub async fn personal_data(
    State(state): State<AppState>,
    PathToken(token): PathToken,
) -> AppResult<SecretJson<PersonalData>> {
    let db = state.db.read();
    let (reg, event) = find_by_manage_token(db, &token).await?.ok_or(AppError::NotFound)?;
    Ok(SecretJson(data::collect(db, &reg, &event, &state.base_url).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    pub event_id: Option<String>,
    /// 1 to 100, default 50
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub event_id: Option<Uuid>,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditEntryView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The audit, newest first: exports, check-in index downloads, erasures, settings changes.
#[utoipa::path(get, path = "/api/v1/audit", tag = "privacy", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = AuditList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn audit_list(
    State(state): State<AppState>,
    _: Organizer,
    Query(query): Query<AuditQuery>,
) -> AppResult<Json<AuditList>> {
    let uuid = |field: &str, raw: Option<&str>, code: &'static str| match raw {
        None => Ok(None),
        Some(raw) => Uuid::try_parse(raw).map(Some).map_err(|_| AppError::field(field, FieldError::new(code))),
    };
    let event_id = uuid("event_id", query.event_id.as_deref(), "invalid_event_id")?;
    let before = uuid("cursor", query.cursor.as_deref(), "invalid_list_cursor")?;
    let limit = match query.limit.as_deref().map(str::parse::<u64>) {
        None => 50,
        Some(Ok(n)) if (1..=100).contains(&n) => n,
        Some(_) => return Err(AppError::field("limit", FieldError::new("invalid_page_size"))),
    };
    let page = audit::list(state.db.read(), event_id, before, limit).await?;
    let items = page
        .items
        .into_iter()
        .map(|e| AuditEntryView {
            at: utc(e.at),
            actor: e.actor,
            action: e.action,
            event_id: e.event_id,
            count: e.count,
        })
        .collect();
    Ok(Json(AuditList { items, next_cursor: page.next_cursor.map(|id| id.to_string()) }))
}
