//! Organizer endpoints for imports: the CSV is the request body (`text/csv`, up to 10 MiB).
//! A partner list may also go in as a job followed while it runs in the background (`jobs`),
//! instead of one long request.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::attendance::{self, AttendanceReport};
use super::jobs;
use super::registrations::{self, ImportOptions, ImportReport, Importer};
use crate::db::{Discard, Keep, keep};
use crate::error::{AppError, AppResult, ErrorBody, FieldError, FieldErrors};
use crate::events::view::utc;
use crate::exports::routes::QueryPairs;
use crate::imports::registrations::ImportError;
use crate::web::AppState;
use crate::web::extract::{PathId, PathIds};
use crate::web::identity::Organizer;

/// Largest CSV accepted by the import endpoints (the JSON limit does not apply to them).
pub const CSV_BODY_LIMIT: usize = 10 * 1024 * 1024;

/// A CSV request body: 400 without a CSV content type, 413 past [`CSV_BODY_LIMIT`].
pub struct CsvBody(pub Bytes);

fn is_csv(req: &Request) -> bool {
    let Some(value) = req.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "text/csv" | "application/csv" | "text/plain" | "text/tab-separated-values" | "application/vnd.ms-excel"
    )
}

impl<S: Send + Sync> FromRequest<S> for CsvBody {
    type Rejection = AppError;

    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        if !is_csv(&req) {
            return Err(AppError::BadRequest("expected a CSV body with Content-Type: text/csv".into()));
        }
        // Read directly with our own limit: `DefaultBodyLimit` (64 KiB for the API) only
        // governs axum's extractors.
        match axum::body::to_bytes(req.into_body(), CSV_BODY_LIMIT).await {
            Ok(bytes) => Ok(CsvBody(bytes)),
            Err(e) if is_length_limit(&e) => Err(AppError::PayloadTooLarge),
            Err(e) => Err(AppError::BadRequest(format!("could not read the request body: {e}"))),
        }
    }
}

fn is_length_limit(err: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = e.source();
    }
    false
}

/// `true`/`false` flags of the query string; anything else is 422 naming the flag.
fn flags<const N: usize>(query: &QueryPairs, names: [&str; N]) -> AppResult<[bool; N]> {
    let mut values = [false; N];
    let mut errors = FieldErrors::new();
    for (key, value) in query.iter() {
        if let Some(i) = names.iter().position(|n| *n == key) {
            match value.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => values[i] = true,
                "false" | "0" | "" => values[i] = false,
                _ => {
                    errors.insert(key.to_owned(), FieldError::new("not_boolean"));
                }
            }
        }
    }
    if errors.is_empty() { Ok(values) } else { Err(AppError::Validation(errors)) }
}

/// Import a partner list: registers each row (or, with `invite=true`, mails each partner a
/// personal invitation link). Answers a report with one entry per row.
#[utoipa::path(post, path = "/api/v1/events/{id}/imports/registrations", tag = "imports", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"),
        ("dry_run" = Option<String>, Query, description = "true: validate and rehearse, write nothing"),
        ("notify" = Option<String>, Query, description = "true: queue confirmation and waitlist mails (default false)"),
        ("invite" = Option<String>, Query, description = "true: mail invitation links instead of registering")),
    request_body(content = String, content_type = "text/csv",
        description = "first_name,last_name,email,organization,language,mode (any case; extra columns ignored)"),
    responses((status = 200, body = ImportReport), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "registration_closed"), (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn import_registrations(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(event_id): PathId,
    query: QueryPairs,
    CsvBody(body): CsvBody,
) -> AppResult<Json<ImportReport>> {
    let [dry_run, notify, invite] = flags(&query, ["dry_run", "notify", "invite"])?;
    let options = ImportOptions { dry_run, notify, invite };
    let by = Importer { user_id: Some(user.id), email: user.email };
    // A dry run is the same work, discarded.
    let report = state
        .db
        .write_alone(move |txn| {
            Box::pin(async move {
                let report =
                    registrations::import(txn, event_id, &body, &by, options, crate::domain::now(), || {}).await?;
                Ok::<_, ImportError>(if dry_run { Discard(report) } else { Keep(report) })
            })
        })
        .await?;
    Ok(Json(report))
}

/// Import a video platform's attendance report: marks the online joins of matching
/// registrations and reports the rows that matched none.
#[utoipa::path(post, path = "/api/v1/events/{id}/imports/attendance", tag = "imports", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"),
        ("dry_run" = Option<String>, Query, description = "true: match and report, write nothing")),
    request_body(content = String, content_type = "text/csv",
        description = "a participant report: an email column and a join time column (e.g. 12/13/2021 09:47:00 AM, in the event's time zone)"),
    responses((status = 200, body = AttendanceReport), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn import_attendance(
    State(state): State<AppState>,
    _: Organizer,
    PathId(event_id): PathId,
    query: QueryPairs,
    CsvBody(body): CsvBody,
) -> AppResult<Json<AttendanceReport>> {
    let [dry_run] = flags(&query, ["dry_run"])?;
    let report = state
        .db
        .write_alone(move |txn| {
            Box::pin(async move {
                let report = attendance::import(txn, event_id, &body, dry_run).await?;
                Ok::<_, AppError>(if dry_run { Discard(report) } else { Keep(report) })
            })
        })
        .await?;
    Ok(Json(report))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportJobView {
    pub id: Uuid,
    pub event_id: Uuid,
    /// `queued`, `running`, `done` or `failed`.
    pub status: String,
    /// Data rows in the file, and how many are done.
    pub total_rows: i32,
    pub done_rows: i32,
    /// Why a failed job stopped (the event closed meanwhile, say).
    pub error: Option<String>,
    pub created_at: String,
    pub finished_at: Option<String>,
    /// The per-row report, once the job is done.
    pub report: Option<ImportReport>,
}

impl ImportJobView {
    pub fn new(job: &entity::import_job::Model, report: Option<ImportReport>) -> ImportJobView {
        ImportJobView {
            id: job.id,
            event_id: job.event_id,
            status: job.status.clone(),
            total_rows: job.total_rows,
            done_rows: job.done_rows,
            error: job.error.clone(),
            created_at: utc(job.created_at),
            finished_at: job.finished_at.map(utc),
            report,
        }
    }
}

/// Start importing a partner list in the background; answers at once with the job to follow.
#[utoipa::path(post, path = "/api/v1/events/{id}/imports/registrations/jobs", tag = "imports", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "event id"),
        ("notify" = Option<String>, Query, description = "true: queue confirmation and waitlist mails (default false)"),
        ("invite" = Option<String>, Query, description = "true: mail invitation links instead of registering")),
    request_body(content = String, content_type = "text/csv",
        description = "first_name,last_name,email,organization,language,mode (any case; extra columns ignored)"),
    responses((status = 202, body = ImportJobView, description = "queued; follow the Location"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "registration_closed"),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn start_job(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(event_id): PathId,
    query: QueryPairs,
    CsvBody(body): CsvBody,
) -> AppResult<Response> {
    let [notify, invite] = flags(&query, ["notify", "invite"])?;
    let options = ImportOptions { dry_run: false, notify, invite };
    let by = Importer { user_id: Some(user.id), email: user.email };
    let file = body.to_vec();
    let job = state
        .db
        .write_alone(move |txn| {
            keep(async move { jobs::create(txn, event_id, file, &by, options, crate::domain::now()).await })
        })
        .await?;
    jobs::QUEUED_HERE.notify_one();
    let location = format!("/api/v1/events/{event_id}/imports/jobs/{}", job.id);
    let mut response = (StatusCode::ACCEPTED, Json(ImportJobView::new(&job, None))).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

/// An import job's progress, and its report once done.
#[utoipa::path(get, path = "/api/v1/events/{id}/imports/jobs/{job_id}", tag = "imports", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "event id"), ("job_id" = Uuid, Path, description = "import job id")),
    responses((status = 200, body = ImportJobView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn show_job(
    State(state): State<AppState>,
    _: Organizer,
    PathIds(event_id, job_id): PathIds,
) -> AppResult<Json<ImportJobView>> {
    let db = state.db.read();
    let job = jobs::find(db, event_id, job_id).await?.ok_or(AppError::NotFound)?;
    let report = match job.status.as_str() {
        jobs::DONE | jobs::FAILED => Some(jobs::report(db, &job).await?),
        _ => None,
    };
    Ok(Json(ImportJobView::new(&job, report)))
}
