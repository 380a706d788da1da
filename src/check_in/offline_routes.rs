//! The API an offline desk stands on: a batch of scans replayed when the network returns,
//! and the check-in index it recognises tickets with meanwhile (API.md "Check-in without a
//! network").

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::door::{self, Direction, DoorError, Scan};
use super::index::{self, CheckInIndex};
use super::input::CheckInInput;
use super::service::Desk;
use crate::db::keep;
use crate::error::{AppError, AppResult, ErrorBody, FieldError, FieldErrors};
use crate::events::service as events;
use crate::web::AppState;
use crate::web::extract::{ApiJson, PathId};
use crate::web::identity::Staff;

/// At most this many scans in one batch.
pub const MAX_SCANS: usize = 500;
/// The largest batch body.
pub const BATCH_LIMIT: usize = 256 * 1024;
/// Scans per transaction: each check-in is a savepoint, and PostgreSQL keeps 64
/// subtransactions in its cache before it slows down.
const CHUNK: usize = 50;

#[derive(Debug, Deserialize, ToSchema)]
pub struct BatchInput {
    /// Each `{"nonce", "code" | "registration_id", "scanned_at", "kind": "entry" | "exit",
    /// "override_cap"}`.
    #[schema(value_type = Option<Vec<Object>>)]
    pub scans: Option<Vec<Value>>,
}

#[derive(Debug, Deserialize)]
struct BatchScan {
    #[serde(flatten)]
    scan: CheckInInput,
    kind: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchAnswer {
    /// One per scan, in the same order: the single request's answer with its `nonce`, or
    /// `{"nonce", "result": "invalid", "error"}`.
    #[schema(value_type = Vec<Object>)]
    pub results: Vec<Value>,
}

fn invalid(nonce: &Value, error: AppError) -> Value {
    let fields = match &error {
        AppError::Validation(fields) => Some(fields.clone()),
        _ => None,
    };
    json!({"nonce": nonce, "result": "invalid",
           "error": {"code": error.code(), "message": error.public_message(), "fields": fields}})
}

/// One item read into a scan, or why it cannot be one.
fn read_scan(item: Value) -> Result<Scan, AppError> {
    let parsed: BatchScan = serde_json::from_value(item)
        .map_err(|e| AppError::field("scan", FieldError::new("invalid_value").with("detail", e)))?;
    let direction = match parsed.kind.as_deref() {
        None | Some("entry") => Direction::Entry,
        Some("exit") => Direction::Exit,
        Some(_) => return Err(AppError::field("kind", FieldError::new("invalid_scan_kind"))),
    };
    let meta = parsed.scan.door().map_err(AppError::Validation)?;
    let ticket = parsed.scan.parse().map_err(AppError::Validation)?;
    Ok(Scan { ticket, direction, meta })
}

/// Scans made while the desk was offline, replayed at once: each answered as its single
/// request would be; an invalid one fails alone.
#[utoipa::path(post, path = "/api/v1/events/{id}/checkins/batch", tag = "check-in", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")), request_body = BatchInput,
    responses((status = 200, body = BatchAnswer), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "scans missing or more than 500")))]
pub async fn scan_batch(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<BatchInput>,
) -> AppResult<Json<BatchAnswer>> {
    let items = input.scans.ok_or_else(|| AppError::field("scans", FieldError::new("required")))?;
    if items.len() > MAX_SCANS {
        return Err(AppError::Validation(FieldErrors::one(
            "scans",
            FieldError::new("too_many_scans").with("max", MAX_SCANS),
        )));
    }
    events::get(state.db.read(), event_id).await?;
    let desk = Desk::for_user(state.db.read(), &user).await?;
    let mut answered = vec![Value::Null; items.len()];
    let mut pending: Vec<(usize, Value, Scan)> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let nonce = item.get("nonce").cloned().unwrap_or(Value::Null);
        match read_scan(item) {
            Ok(scan) => pending.push((i, nonce, scan)),
            Err(error) => answered[i] = invalid(&nonce, error),
        }
    }
    for chunk in pending.chunks(CHUNK) {
        let chunk: Vec<(usize, Value, Scan)> = chunk.to_vec();
        let desk = desk.clone();
        let done = state
            .db
            .write_alone(move |txn| {
                keep(async move {
                    let event = events::get(txn, event_id).await.map_err(|_| DoorError::NotFound)?;
                    let mut done = Vec::with_capacity(chunk.len());
                    for (i, nonce, scan) in chunk {
                        let answer = match door::scan(txn, &event, &scan, &desk, crate::domain::now()).await {
                            Ok(answer) => {
                                let mut body = answer.body;
                                if let Some(object) = body.as_object_mut() {
                                    object.insert("nonce".to_owned(), nonce);
                                }
                                body
                            }
                            Err(DoorError::Db(e)) => return Err(DoorError::Db(e)),
                            Err(other) => invalid(&nonce, other.into()),
                        };
                        done.push((i, answer));
                    }
                    Ok::<_, DoorError>(done)
                })
            })
            .await?;
        for (i, answer) in done {
            answered[i] = answer;
        }
    }
    Ok(Json(BatchAnswer { results: answered }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IndexParams {
    /// The `cursor` of an earlier answer: only what changed since.
    cursor: Option<String>,
}

/// The event's tickets for a desk that may lose its network: names, modes, statuses,
/// check-in times, and each ticket code only as its SHA-256. Each download is recorded.
#[utoipa::path(get, path = "/api/v1/events/{id}/checkin-index", tag = "check-in", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"), IndexParams),
    responses((status = 200, body = CheckInIndex), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "not a cursor of this index")))]
pub async fn checkin_index(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathId(event_id): PathId,
    Query(params): Query<IndexParams>,
) -> AppResult<Json<CheckInIndex>> {
    let since = match params.cursor.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(raw) => Some(
            raw.parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| AppError::field("cursor", FieldError::new("invalid_cursor")))?,
        ),
    };
    events::get(state.db.read(), event_id).await?;
    let index = index::read(state.db.read(), event_id, since).await?;
    let desk = Desk::for_user(state.db.read(), &user).await?;
    let who = (desk.user_id.or(Some(user.id)), desk.label);
    let entries = index.entries.len();
    state
        .db
        .write(move |txn| keep(index::record_download(txn, event_id, who, since, entries, crate::domain::now())))
        .await?;
    Ok(Json(index))
}
