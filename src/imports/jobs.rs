//! Partner-list imports as background jobs: the upload is checked (event open, columns
//! found) and stored at once, then rows go in chunks of at most [`CHUNK`] rows and
//! [`CHUNK_TIME`], each chunk its own
//! transaction through the write door, so public registrations wait for one chunk at most,
//! never for the whole file, and no request timeout cuts the import. A chunk commits its rows,
//! their report and the job's progress together: after a crash or restart the job resumes at
//! the first row not done, on whichever instance takes its lease.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use chrono::{DateTime, Duration, Utc};
use entity::{import_job, import_job_chunk};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::registrations::{self, ImportError, ImportOptions, ImportReport, Importer, Outcome, RowReport};
use crate::db::{Db, FetchUnique, Keep};
use crate::error::FieldError;

/// Rows per transaction at most: enough that the commits do not dominate.
pub const CHUNK: usize = 100;
/// A chunk stops taking rows after this long (a slower database, a busy machine): a
/// registration waiting behind it (for the write door, or the event's lock) waits well under a
/// second.
pub const CHUNK_TIME: std::time::Duration = std::time::Duration::from_millis(200);
/// How long a running job stays with its instance without progress before another takes it.
const LEASE: Duration = Duration::seconds(60);

pub const QUEUED: &str = "queued";
pub const RUNNING: &str = "running";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";

/// Checks the upload and stores it as a queued job; the whole-file errors (event closed,
/// columns missing, unreadable) answer at once.
pub async fn create(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    file: Vec<u8>,
    by: &Importer,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<import_job::Model, ImportError> {
    let prepared = registrations::prepare(db, event_id, &file, now).await?;
    let job = import_job::Model {
        id: Uuid::now_v7(),
        event_id,
        notify: options.notify,
        invite: options.invite,
        by_user_id: by.user_id,
        by_email: by.email.clone(),
        file,
        total_rows: i32::try_from(prepared.table.rows.len()).unwrap_or(i32::MAX),
        done_rows: 0,
        status: QUEUED.to_owned(),
        error: None,
        lease_until: None,
        created_at: now,
        updated_at: now,
        finished_at: None,
    };
    import_job::Entity::insert(job.clone().into_active_model()).exec_without_returning(db).await?;
    Ok(job)
}

/// The job `job_id` of `event_id`, without its file.
pub async fn find(db: &impl ConnectionTrait, event_id: Uuid, job_id: Uuid) -> Result<Option<import_job::Model>, DbErr> {
    import_job::Entity::find_by_id(job_id).filter(import_job::Column::EventId.eq(event_id)).unique(db).await
}

/// The report of the rows done so far, in file order.
pub async fn report(db: &impl ConnectionTrait, job: &import_job::Model) -> Result<ImportReport, DbErr> {
    let chunks = import_job_chunk::Entity::find()
        .filter(import_job_chunk::Column::JobId.eq(job.id))
        .order_by_asc(import_job_chunk::Column::FirstRow)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(usize::try_from(job.done_rows).unwrap_or(0));
    for chunk in chunks {
        let stored: Vec<StoredRow> =
            serde_json::from_str(&chunk.rows).map_err(|e| DbErr::Custom(format!("unreadable import report: {e}")))?;
        rows.extend(stored.into_iter().map(StoredRow::into_report));
    }
    Ok(ImportReport::new(false, rows))
}

/// Wakes the runner of this instance when a job is queued (others find it within a second).
pub static QUEUED_HERE: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Runs every job there is to run (queued, or running with an expired lease), until none is
/// left or `stop` says so. Returns how many rows were done.
pub async fn run_pending(db: &Db, stop: &tokio::sync::watch::Receiver<bool>) -> Result<usize, ImportError> {
    let mut rows = 0;
    while !*stop.borrow() {
        let Some(job) = claim(db).await? else { break };
        rows += run(db, job, stop).await?;
    }
    Ok(rows)
}

/// Runs the job `job_id` here, if no other instance is running it (the command line's
/// import); returns how many rows were done here.
pub async fn run_one(db: &Db, job_id: Uuid, stop: &tokio::sync::watch::Receiver<bool>) -> Result<usize, ImportError> {
    match take(db, vec![job_id]).await? {
        Some(job) => run(db, job, stop).await,
        None => Ok(0),
    }
}

/// Takes the lease of one job to run, if any.
async fn claim(db: &Db) -> Result<Option<import_job::Model>, DbErr> {
    let now = crate::domain::now();
    let candidates = import_job::Entity::find()
        .select_only()
        .column(import_job::Column::Id)
        .filter(runnable(now))
        .order_by_asc(import_job::Column::CreatedAt)
        .into_tuple::<Uuid>()
        .all(db.read())
        .await?;
    take(db, candidates).await
}

/// Takes the lease of the first of `candidates` still runnable.
async fn take(db: &Db, candidates: Vec<Uuid>) -> Result<Option<import_job::Model>, DbErr> {
    let now = crate::domain::now();
    for id in candidates {
        let taken = db
            .write_alone(move |txn| {
                Box::pin(async move {
                    let result = import_job::Entity::update_many()
                        .col_expr(import_job::Column::Status, Expr::value(RUNNING))
                        .col_expr(import_job::Column::LeaseUntil, Expr::value(now + LEASE))
                        .col_expr(import_job::Column::UpdatedAt, Expr::value(now))
                        .filter(import_job::Column::Id.eq(id))
                        .filter(runnable(now))
                        .exec(txn)
                        .await?;
                    Ok::<_, DbErr>(Keep(result.rows_affected == 1))
                })
            })
            .await?;
        if taken {
            return import_job::Entity::find_by_id(id).unique(db.read()).await;
        }
    }
    Ok(None)
}

fn runnable(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(import_job::Column::Status.eq(QUEUED))
        .add(Condition::all().add(import_job::Column::Status.eq(RUNNING)).add(import_job::Column::LeaseUntil.lt(now)))
}

/// Runs `job` chunk by chunk from its first row not done; stops early (lease kept until it
/// expires) when `stop` turns true.
async fn run(db: &Db, job: import_job::Model, stop: &tokio::sync::watch::Receiver<bool>) -> Result<usize, ImportError> {
    let prepared = match registrations::prepare(db.read(), job.event_id, &job.file, crate::domain::now()).await {
        Ok(prepared) => prepared,
        Err(ImportError::Db(e)) => return Err(ImportError::Db(e)),
        // The event closed or went since the upload: the job ends, saying why.
        Err(err) => {
            finish(db, job.id, Some(err.to_string())).await?;
            return Ok(0);
        }
    };
    let prepared = std::sync::Arc::new(prepared);
    let by = Importer { user_id: job.by_user_id, email: job.by_email.clone() };
    let options = ImportOptions { dry_run: false, notify: job.notify, invite: job.invite };
    let mut done = usize::try_from(job.done_rows).unwrap_or(0);
    let mut seen = prepared.seen_after(done);
    let total = prepared.table.rows.len();
    let mut rows = 0;
    while done < total {
        if *stop.borrow() {
            // Shutting down between two chunks: give the job back at once, not after its lease.
            release(db, job.id).await?;
            return Ok(rows);
        }
        let end = (done + CHUNK).min(total);
        // The chunk works on a copy: a rolled-back chunk leaves `seen` as it was.
        let (prepared, mut chunk_seen, by) = (prepared.clone(), seen.clone(), by.clone());
        let job_id = job.id;
        let from = done;
        // A chunk: its rows, their report and the progress, committed together.
        let progressed = db
            .write_alone(move |txn| {
                Box::pin(async move {
                    let now = crate::domain::now();
                    let started = std::time::Instant::now();
                    let mut reports = Vec::with_capacity(end - from);
                    for (line, row) in &prepared.table.rows[from..end] {
                        reports.push(prepared.import_row(txn, &mut chunk_seen, *line, row, &by, options, now).await?);
                        if started.elapsed() >= CHUNK_TIME {
                            break;
                        }
                    }
                    let end = from + reports.len();
                    let advanced = import_job::Entity::update_many()
                        .col_expr(import_job::Column::DoneRows, Expr::value(i32::try_from(end).unwrap_or(i32::MAX)))
                        .col_expr(import_job::Column::LeaseUntil, Expr::value(now + LEASE))
                        .col_expr(import_job::Column::UpdatedAt, Expr::value(now))
                        .filter(import_job::Column::Id.eq(job_id))
                        .filter(import_job::Column::DoneRows.eq(i32::try_from(from).unwrap_or(i32::MAX)))
                        .exec(txn)
                        .await?;
                    if advanced.rows_affected != 1 {
                        // Another instance took the job over: this chunk is not ours to write.
                        return Ok::<_, ImportError>(crate::db::Discard(None));
                    }
                    let stored: Vec<StoredRow> = reports.iter().map(StoredRow::from_report).collect();
                    let chunk = import_job_chunk::Model {
                        job_id,
                        first_row: i32::try_from(from).unwrap_or(i32::MAX),
                        rows: serde_json::to_string(&stored).map_err(|e| DbErr::Custom(e.to_string()))?,
                    };
                    import_job_chunk::Entity::insert(chunk.into_active_model()).exec_without_returning(txn).await?;
                    Ok(Keep(Some((chunk_seen, end))))
                })
            })
            .await?;
        let Some((progressed_seen, end)) = progressed else { return Ok(rows) };
        seen = progressed_seen;
        rows += end - from;
        done = end;
    }
    finish(db, job.id, None).await?;
    tracing::info!(job = %job.id, rows = total, "import finished");
    Ok(rows)
}

/// Queues a running job again, for any instance to resume.
async fn release(db: &Db, job_id: Uuid) -> Result<(), DbErr> {
    db.write_alone(move |txn| {
        Box::pin(async move {
            import_job::Entity::update_many()
                .col_expr(import_job::Column::Status, Expr::value(QUEUED))
                .col_expr(import_job::Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(import_job::Column::Id.eq(job_id))
                .filter(import_job::Column::Status.eq(RUNNING))
                .exec(txn)
                .await?;
            Ok::<_, DbErr>(Keep(()))
        })
    })
    .await
}

async fn finish(db: &Db, job_id: Uuid, error: Option<String>) -> Result<(), DbErr> {
    db.write_alone(move |txn| {
        Box::pin(async move {
            let now = crate::domain::now();
            import_job::Entity::update_many()
                .col_expr(import_job::Column::Status, Expr::value(if error.is_some() { FAILED } else { DONE }))
                .col_expr(import_job::Column::Error, Expr::value(error))
                .col_expr(import_job::Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(import_job::Column::FinishedAt, Expr::value(now))
                .col_expr(import_job::Column::UpdatedAt, Expr::value(now))
                .filter(import_job::Column::Id.eq(job_id))
                .exec(txn)
                .await?;
            Ok::<_, DbErr>(Keep(()))
        })
    })
    .await
}

/// A row report as stored: its problems as codes and parameters, worded again when read.
#[derive(Debug, Serialize, Deserialize)]
struct StoredRow {
    row: u64,
    outcome: Outcome,
    email: String,
    registration_id: Option<Uuid>,
    status: Option<entity::RegistrationStatus>,
    problems: Vec<StoredProblem>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredProblem {
    field: String,
    code: String,
    params: Vec<(String, String)>,
}

impl StoredRow {
    fn from_report(report: &RowReport) -> StoredRow {
        StoredRow {
            row: report.row,
            outcome: report.outcome,
            email: report.email.clone(),
            registration_id: report.registration_id,
            status: report.status,
            problems: report
                .problems
                .iter()
                .map(|(field, e)| StoredProblem {
                    field: field.clone(),
                    code: e.code.to_owned(),
                    params: e.params.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
                })
                .collect(),
        }
    }

    fn into_report(self) -> RowReport {
        let problems = self
            .problems
            .into_iter()
            .map(|p| {
                let error =
                    p.params.into_iter().fold(FieldError::new(intern(p.code)), |e, (k, v)| e.with(intern(k), v));
                (p.field, error)
            })
            .collect();
        RowReport {
            registration_id: self.registration_id,
            status: self.status,
            ..RowReport::new(self.row, self.outcome, problems, self.email)
        }
    }
}

/// Field error codes and parameter names are `&'static str`: the few distinct ones read back
/// from storage are kept once for the life of the process.
fn intern(text: String) -> &'static str {
    static KNOWN: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Mutex::default);
    let Ok(mut known) = KNOWN.lock() else { return "invalid_value" };
    if let Some(existing) = known.get(text.as_str()) {
        return existing;
    }
    let leaked: &'static str = Box::leak(text.into_boxed_str());
    known.insert(leaked);
    leaked
}
