//! The partner-list upload in the back office: the same import as `convene import
//! registrations` and the API. A dry run answers its report at once; a real import runs as a
//! job whose page shows its progress, then its per-row report.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::{Value, context};

use axum::response::Redirect;

use super::jobs;
use crate::db::{Discard, Keep, keep};
use crate::domain::Language;
use crate::domain::now;
use crate::error::{AppError, FieldError};
use crate::events::service as events;
use crate::events::view::questions;
use crate::i18n::t;
use crate::imports::registrations::{self as import, ImportError, ImportOptions, ImportReport, Importer, Outcome};
use crate::web::AppState;
use crate::web::extract::{PathId, PathIds};
use crate::web::identity::OrganizerPage;
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

/// Largest partner list accepted from the form.
pub const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

fn page(
    user: &crate::web::identity::CurrentUser,
    lang: PageLang,
    event: Value,
    report: Option<Value>,
    error: Option<FieldError>,
) -> Response {
    job_page(user, lang, event, None, report, error)
}

fn job_page(
    user: &crate::web::identity::CurrentUser,
    lang: PageLang,
    event: Value,
    job: Option<Value>,
    report: Option<Value>,
    error: Option<FieldError>,
) -> Response {
    let error = error.map(|e| e.for_people(lang.lang));
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let ctx = context! { event => event, job => job, report => report, error => error, ..chrome(user, "events") };
    Page::new("admin/import.html", lang, ctx).status(status).into_response()
}

/// An import job's page: its progress while it runs (the page reloads itself), its report
/// once done.
pub async fn job(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathIds(id, job_id): PathIds,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let e = events::get(db, id).await?;
    let job = jobs::find(db, id, job_id).await?.ok_or(AppError::NotFound)?;
    let finished = matches!(job.status.as_str(), jobs::DONE | jobs::FAILED);
    let report = if finished { Some(report_view(&jobs::report(db, &job).await?, &e, lang.lang, true)) } else { None };
    let percent = if job.total_rows > 0 { i64::from(job.done_rows) * 100 / i64::from(job.total_rows) } else { 100 };
    let view = context! {
        status => &job.status, done => job.done_rows, total => job.total_rows, percent => percent,
        running => !finished, error => &job.error,
    };
    let event = context! { id => id.to_string(), title => &e.title };
    Ok(job_page(&me, lang, event, Some(view), report, None))
}

pub async fn form(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    Ok(page(&me, lang, context! { id => id.to_string(), title => e.title }, None, None))
}

pub async fn upload(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let event = context! { id => id.to_string(), title => &e.title };
    let mut file = Vec::new();
    let mut options = ImportOptions::default();
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name().unwrap_or("") {
            "file" => {
                file = field
                    .bytes()
                    .await
                    .map_err(|e| AppError::BadRequest(format!("the upload broke off: {e}")))?
                    .to_vec()
            }
            "dry_run" => options.dry_run = true,
            "notify" => options.notify = true,
            "invite" => options.invite = true,
            _ => {}
        }
    }
    if file.is_empty() {
        return Ok(page(&me, lang, event, None, Some(FieldError::new("file_missing"))));
    }
    let by = Importer { user_id: Some(me.id), email: me.email.clone() };
    if !options.dry_run {
        // A real import runs as a job: the page follows it instead of waiting on the upload.
        let created = state
            .db
            .write_alone(move |txn| keep(async move { jobs::create(txn, id, file, &by, options, now()).await }))
            .await;
        return match created {
            Ok(job) => {
                jobs::QUEUED_HERE.notify_one();
                Ok(Redirect::to(&format!("/admin/events/{id}/import/{}", job.id)).into_response())
            }
            Err(ImportError::Unreadable(error) | ImportError::Closed(error)) => {
                Ok(page(&me, lang, event, None, Some(error)))
            }
            Err(ImportError::NotFound) => Err(AppError::NotFound),
            Err(ImportError::Db(e)) => Err(e.into()),
        };
    }
    let imported = state
        .db
        .write_alone(move |txn| {
            Box::pin(async move {
                let report = import::import(txn, id, &file, &by, options, now(), || {}).await?;
                // A dry run is the same work, discarded.
                Ok::<_, ImportError>(if options.dry_run { Discard(report) } else { Keep(report) })
            })
        })
        .await;
    let report = match imported {
        Ok(report) => report,
        Err(ImportError::Unreadable(error) | ImportError::Closed(error)) => {
            return Ok(page(&me, lang, event, None, Some(error)));
        }
        Err(ImportError::NotFound) => return Err(AppError::NotFound),
        Err(ImportError::Db(e)) => return Err(e.into()),
    };
    let report = report_view(&report, &e, lang.lang, false);
    Ok(page(&me, lang, event, Some(report), None))
}

/// The report as the page shows it: outcomes as words, reasons as sentences naming each
/// column by its label, in `lang`. A real import (`only_skipped`) lists the rows that were
/// not imported, the others being counted: thousands of "Registered" lines help nobody.
fn report_view(report: &ImportReport, event: &entity::event::Model, lang: Language, only_skipped: bool) -> Value {
    let label = |field: &str| match field.strip_prefix("answers.") {
        Some(key) => questions(event)
            .into_iter()
            .find(|q| q.key == key)
            .map(|q| q.label_in(lang.code()).to_owned())
            .unwrap_or_else(|| key.to_owned()),
        None if field == "mode" => t(lang, "checkin-list-mode", &[]),
        None => t(lang, &format!("field-{field}"), &[]),
    };
    let rows: Vec<Value> = report
        .rows
        .iter()
        .filter(|r| !only_skipped || !matches!(r.outcome, Outcome::Created | Outcome::Invited))
        .map(|r| {
            context! {
                row => r.row, email => &r.email, outcome => r.outcome.as_str(),
                status => r.status.map(|s| s.as_str()), reasons => r.reasons_for(lang, label),
            }
        })
        .collect();
    context! {
        dry_run => report.dry_run, summary => Value::from(minijinja::value::Serde(&report.summary)), rows => rows,
        only_skipped => only_skipped,
    }
}
