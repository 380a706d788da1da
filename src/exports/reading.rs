//! Reading an export's registrations: how many, and page by page by keyset
//! (`registration.id > last id`, ids being UUID v7 and so in order of arrival), one short
//! query each (see `attendees` for why).
//!
//! On SQLite a page is read as one JSON array that SQLite builds: through sqlx each row is
//! otherwise handed from SQLite's thread to the reader with a wake-up and a copy of each of its
//! values, which was most of an export's time (BENCHMARKS.md, issue 24). A page with a value
//! not in the form expected is read again row by row, so both readings give the same rows.

use chrono::{DateTime, NaiveDateTime, Utc};
use entity::RegistrationStatus;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult};
use serde_json::Value;
use uuid::Uuid;

use super::attendees::{AttendeeRow, ExportFilter, PAGE_SIZE};
use crate::db::stmt;

// Erased registrations keep their row with empty personal cells (NULL columns read as "").
const SELECT: &str = "SELECT r.id, COALESCE(r.first_name, '') AS first_name, COALESCE(r.last_name, '') AS last_name, \
COALESCE(r.email, '') AS email, r.organization, r.mode, r.status, \
r.language, r.created_at, r.answers, c.checked_in_at AS checked_in_at, j.first_joined_at AS joined_online_at \
FROM registration r \
LEFT JOIN checkin c ON c.active_registration_id = r.id \
LEFT JOIN online_join j ON j.registration_id = r.id \
WHERE r.event_id = ?";

/// The `WHERE` clause's filter part and its values.
fn filter_sql(filter: &ExportFilter, sql: &mut String, values: &mut Vec<sea_orm::Value>) {
    if let Some(mode) = filter.mode {
        sql.push_str(" AND r.mode = ?");
        values.push(mode.as_str().into());
    }
    if let Some(status) = filter.status {
        sql.push_str(" AND r.status = ?");
        values.push(status.as_str().into());
    }
    if filter.active_only {
        sql.push_str(" AND r.status NOT IN (?, ?)");
        values.push(RegistrationStatus::Cancelled.as_str().into());
        values.push(RegistrationStatus::Declined.as_str().into());
    }
    match filter.checked_in {
        Some(true) => sql.push_str(" AND c.id IS NOT NULL"),
        Some(false) => sql.push_str(" AND c.id IS NULL"),
        None => {}
    }
}

/// How many registrations the export will hold (for a progress bar).
pub async fn count(db: &impl ConnectionTrait, event_id: Uuid, filter: &ExportFilter) -> Result<u64, DbErr> {
    let mut sql = "SELECT COUNT(*) AS n FROM registration r \
LEFT JOIN checkin c ON c.active_registration_id = r.id WHERE r.event_id = ?"
        .to_owned();
    let mut values = vec![event_id.into()];
    filter_sql(filter, &mut sql, &mut values);
    let row = db.query_one_raw(stmt(db.get_database_backend(), &sql, values)).await?;
    Ok(row.and_then(|r| r.try_get::<i64>("", "n").ok()).map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}

/// A cursor over an event's registrations, in order of arrival, one page at a time.
#[derive(Debug, Clone)]
pub struct AttendeePages {
    event_id: Uuid,
    filter: ExportFilter,
    after: Option<Uuid>,
    done: bool,
    page_size: u64,
}

impl AttendeePages {
    pub fn new(event_id: Uuid, filter: ExportFilter) -> AttendeePages {
        AttendeePages { event_id, filter, after: None, done: false, page_size: PAGE_SIZE }
    }

    /// The next page's query and its values.
    fn page_query(&self) -> (String, Vec<sea_orm::Value>) {
        let mut sql = SELECT.to_owned();
        let mut values: Vec<sea_orm::Value> = vec![self.event_id.into()];
        if let Some(after) = self.after {
            sql.push_str(" AND r.id > ?");
            values.push(after.into());
        }
        filter_sql(&self.filter, &mut sql, &mut values);
        sql.push_str(&format!(" ORDER BY r.id LIMIT {}", self.page_size));
        (sql, values)
    }

    /// The next page, or `None` once every row was read.
    pub async fn next(&mut self, db: &impl ConnectionTrait) -> Result<Option<Vec<AttendeeRow>>, DbErr> {
        if self.done {
            return Ok(None);
        }
        let (sql, values) = self.page_query();
        let backend = db.get_database_backend();
        let as_json = match backend {
            DbBackend::Sqlite => sqlite_page(db, &sql, values.clone()).await,
            _ => Ok(None),
        };
        let rows = match as_json {
            Ok(Some(rows)) => rows,
            other => {
                if let Err(err) = other {
                    tracing::debug!(error = %err, "export page: read again row by row");
                }
                AttendeeRow::find_by_statement(stmt(backend, &sql, values)).all(db).await?
            }
        };
        if (rows.len() as u64) < self.page_size {
            self.done = true;
        }
        match rows.last() {
            Some(last) => {
                self.after = Some(last.id);
                Ok(Some(rows))
            }
            None => Ok(None),
        }
    }
}

/// One row of [`sqlite_page`]'s array: its values in [`SELECT`]'s order (serde reads a struct
/// from an array field by field).
#[derive(serde::Deserialize)]
struct JsonRow {
    id: String,
    first_name: String,
    last_name: String,
    email: String,
    organization: String,
    mode: String,
    status: String,
    language: String,
    created_at: String,
    answers: Option<Value>,
    checked_in_at: Option<String>,
    joined_online_at: Option<String>,
}

impl JsonRow {
    /// The row, or `None` when its id or a time is not in the form expected.
    fn into_row(self) -> Option<AttendeeRow> {
        let time = |t: Option<String>| t.map(|t| sqlite_time(&t).ok_or(())).transpose().ok();
        Some(AttendeeRow {
            id: Uuid::try_parse(&self.id).ok()?,
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            organization: self.organization,
            mode: self.mode,
            status: self.status,
            language: self.language,
            created_at: sqlite_time(&self.created_at)?,
            answers: self.answers.filter(|a| !a.is_null()),
            checked_in_at: time(self.checked_in_at)?,
            joined_online_at: time(self.joined_online_at)?,
        })
    }
}

/// The page `sql` selects, as one JSON array built by SQLite; `None` when a value is not in
/// the form expected (an id not stored as 16 bytes, a time in another form).
async fn sqlite_page(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<Option<Vec<AttendeeRow>>, DbErr> {
    let sql = format!(
        "SELECT json_group_array(json_array(lower(hex(id)), first_name, last_name, email, organization, mode, \
         status, language, created_at, json(answers), checked_in_at, joined_online_at)) AS page FROM ({sql})"
    );
    let row = db.query_one_raw(stmt(DbBackend::Sqlite, &sql, values)).await?;
    let Some(page) = row.and_then(|r| r.try_get::<String>("", "page").ok()) else { return Ok(None) };
    let Ok(read) = serde_json::from_str::<Vec<JsonRow>>(&page) else { return Ok(None) };
    let Some(mut rows) = read.into_iter().map(JsonRow::into_row).collect::<Option<Vec<_>>>() else { return Ok(None) };
    // The array holds the page's rows in the inner query's order; an aggregate does not promise it.
    rows.sort_by_key(|r| r.id);
    Ok(Some(rows))
}

/// A time as sqlx writes it to SQLite (RFC 3339), or as SQLite's own functions do (UTC).
fn sqlite_time(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    ["%F %T%.f", "%FT%T%.f"].iter().find_map(|f| NaiveDateTime::parse_from_str(text, f).ok()).map(|at| at.and_utc())
}

#[cfg(test)]
mod tests {
    use sea_orm::EntityTrait;

    use super::*;

    /// The demo's meeting (answers, check-ins, online joins, waiting list) and its second
    /// event, read as JSON pages of 7 and row by row: the same rows, page after page.
    #[tokio::test]
    async fn a_page_read_as_json_is_the_page_read_row_by_row() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("export.db").display());
        crate::demo::seed(&crate::config::Config::with_database(url.clone())).await.expect("demo");
        let db = crate::db::Db::connect(&url).await.expect("open");
        let events = entity::event::Entity::find().all(db.read()).await.expect("events");
        let mut compared = 0;
        for event in events {
            let filters = [ExportFilter::default(), ExportFilter { checked_in: Some(true), ..Default::default() }];
            for filter in filters {
                let mut pages = AttendeePages { page_size: 7, ..AttendeePages::new(event.id, filter) };
                loop {
                    let (sql, values) = pages.page_query();
                    let by_rows = AttendeeRow::find_by_statement(stmt(DbBackend::Sqlite, &sql, values.clone()))
                        .all(db.read())
                        .await
                        .expect("rows");
                    let as_json = sqlite_page(db.read(), &sql, values).await.expect("query");
                    assert_eq!(as_json.as_ref(), Some(&by_rows), "{sql}");
                    compared += by_rows.len();
                    let next = pages.next(db.read()).await.expect("next");
                    assert_eq!(next.unwrap_or_default(), by_rows);
                    if pages.done {
                        break;
                    }
                }
            }
        }
        assert!(compared > 40, "the demo's registrations were compared ({compared})");
    }

    #[test]
    fn times_are_read_as_sqlx_and_sqlite_write_them() {
        let at = |s: &str| sqlite_time(s).map(|t| t.to_rfc3339());
        assert_eq!(at("2026-12-13T09:47:00.123+01:00").as_deref(), Some("2026-12-13T08:47:00.123+00:00"));
        assert_eq!(at("2026-12-13 08:47:00").as_deref(), Some("2026-12-13T08:47:00+00:00"));
        assert_eq!(at("13/12/2026"), None);
    }
}
