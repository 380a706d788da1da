//! Import jobs over the API: upload a partner list and follow it while it runs in the
//! background (`jobs`), instead of waiting on one long request.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::jobs;
use super::registrations::{ImportOptions, ImportReport, Importer};
use super::routes::{CsvBody, flags};
use crate::db::keep;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::events::view::utc;
use crate::exports::routes::QueryPairs;
use crate::web::AppState;
use crate::web::extract::{PathId, PathIds};
use crate::web::identity::Organizer;

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
pub async fn start(
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
pub async fn show(
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
