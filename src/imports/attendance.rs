//! Online attendance import: a video platform's participant report (one row per join, so a
//! reconnecting person appears more than once; US-style local times such as
//! `12/13/2021 09:47:00 AM` in the event's time zone; guests without an email) marks the
//! online joins of the matching registrations.
//!
//! Rows match registrations by normalized email. Repeated rows of one person merge into one
//! join record (first and last join time, number of joins), which merges in turn with a join
//! already recorded (by the personal link or an earlier import): earliest first join, latest
//! last join, and the larger count, so importing the same report twice changes nothing.
//! Runs in the caller's transaction and never commits.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use entity::{RegistrationStatus, event, online_join, registration};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::FieldError;

use super::registrations::ImportError;
use super::table::{self, cell};
use crate::db::FetchUnique;
use crate::domain::EmailAddress;
use crate::events::view::zone;

/// What became of one report row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceOutcome {
    /// The row's person is registered: their join is recorded.
    Matched,
    /// Another join of a person seen on an earlier row: merged into that record.
    Merged,
    /// Not recorded; `reason` says why: `no_email`, `invalid_email`, `no_such_registration`,
    /// `registration_cancelled`, `invalid_time`.
    Unmatched,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttendanceRowReport {
    /// Line number in the file (the header is line 1).
    pub row: u64,
    pub outcome: AttendanceOutcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub name: String,
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_id: Option<Uuid>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct AttendanceSummary {
    pub rows: usize,
    pub matched: usize,
    pub merged: usize,
    pub unmatched: usize,
    /// Distinct registrations whose online join is now recorded.
    pub registrations_marked: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttendanceReport {
    pub dry_run: bool,
    pub rows: Vec<AttendanceRowReport>,
    pub summary: AttendanceSummary,
}

const LOCAL_FORMATS: [&str; 8] = [
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
];

/// A report time: RFC 3339 as is, otherwise local time in the event's zone (US style first).
pub fn parse_time(raw: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t.with_timezone(&Utc));
    }
    let naive = LOCAL_FORMATS.iter().find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())?;
    // In the autumn's repeated hour the earlier reading wins; the spring gap has no reading.
    tz.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc))
}

/// One person's joins in this report.
struct Joins {
    first: DateTime<Utc>,
    last: DateTime<Utc>,
    count: i32,
    first_row: u64,
}

/// How an email matched the event's registrations.
#[derive(Clone, Copy)]
enum Match {
    Active(Uuid),
    Cancelled,
    None,
}

async fn find(db: &impl ConnectionTrait, event_id: Uuid, email: &str) -> Result<Match, DbErr> {
    if let Some(reg) = crate::registrations::service::find_active_by_email(db, event_id, email).await? {
        return Ok(Match::Active(reg.id));
    }
    let any = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Email.eq(email))
        .filter(registration::Column::Status.eq(RegistrationStatus::Cancelled))
        .one(db)
        .await?;
    Ok(if any.is_some() { Match::Cancelled } else { Match::None })
}

/// Records the report's joins for `event_id`, in the caller's transaction.
#[tracing::instrument(skip_all)]
pub async fn import(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    bytes: &[u8],
    dry_run: bool,
) -> Result<AttendanceReport, ImportError> {
    let event = event::Entity::find_by_id(event_id).unique(db).await?.ok_or(ImportError::NotFound)?;
    let tz = zone(&event);
    let table = table::read(bytes)?;
    let email_col = table.column_containing(&["email"]).or_else(|| table.column_containing(&["mail"]));
    let join_col = table.column_containing(&["join"]);
    let (Some(email_col), Some(join_col)) = (email_col, join_col) else {
        let error = FieldError::new("file_missing_columns")
            .with("columns", "email, join time")
            .with("found", table.headers.join(", "));
        return Err(ImportError::Unreadable(error));
    };
    let name_col = table.column_containing(&["name"]);

    let mut matches: HashMap<String, Match> = HashMap::new();
    let mut joins: BTreeMap<Uuid, Joins> = BTreeMap::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let raw_email = cell(row, Some(email_col));
        let mut report = AttendanceRowReport {
            row: *line,
            outcome: AttendanceOutcome::Unmatched,
            reason: None,
            name: cell(row, name_col).to_owned(),
            email: raw_email.to_owned(),
            registration_id: None,
        };
        let unmatched = |mut r: AttendanceRowReport, reason: &str| {
            r.reason = Some(reason.to_owned());
            r
        };
        if raw_email.is_empty() {
            rows.push(unmatched(report, "no_email"));
            continue;
        }
        let Ok(email) = EmailAddress::parse(raw_email) else {
            rows.push(unmatched(report, "invalid_email"));
            continue;
        };
        report.email = email.as_str().to_owned();
        let Some(joined_at) = parse_time(cell(row, Some(join_col)), tz) else {
            rows.push(unmatched(report, "invalid_time"));
            continue;
        };
        let found = match matches.get(email.as_str()) {
            Some(m) => *m,
            None => {
                let m = find(db, event_id, email.as_str()).await?;
                matches.insert(email.as_str().to_owned(), m);
                m
            }
        };
        let registration_id = match found {
            Match::Active(id) => id,
            Match::Cancelled => {
                rows.push(unmatched(report, "registration_cancelled"));
                continue;
            }
            Match::None => {
                rows.push(unmatched(report, "no_such_registration"));
                continue;
            }
        };
        report.registration_id = Some(registration_id);
        match joins.get_mut(&registration_id) {
            Some(seen) => {
                seen.first = seen.first.min(joined_at);
                seen.last = seen.last.max(joined_at);
                seen.count += 1;
                report.outcome = AttendanceOutcome::Merged;
                report.reason = Some(format!("same person as row {}", seen.first_row));
            }
            None => {
                joins.insert(registration_id, Joins { first: joined_at, last: joined_at, count: 1, first_row: *line });
                report.outcome = AttendanceOutcome::Matched;
            }
        }
        rows.push(report);
    }

    for (registration_id, seen) in &joins {
        record(db, event_id, *registration_id, seen).await?;
    }
    let count = |o: AttendanceOutcome| rows.iter().filter(|r| r.outcome == o).count();
    let summary = AttendanceSummary {
        rows: rows.len(),
        matched: count(AttendanceOutcome::Matched),
        merged: count(AttendanceOutcome::Merged),
        unmatched: count(AttendanceOutcome::Unmatched),
        registrations_marked: joins.len(),
    };
    Ok(AttendanceReport { dry_run, rows, summary })
}

/// Writes or merges one registration's join record.
async fn record(db: &impl ConnectionTrait, event_id: Uuid, registration_id: Uuid, seen: &Joins) -> Result<(), DbErr> {
    let existing =
        online_join::Entity::find().filter(online_join::Column::RegistrationId.eq(registration_id)).unique(db).await?;
    match existing {
        Some(row) => {
            let (first, last) = (row.first_joined_at.min(seen.first), row.last_joined_at.max(seen.last));
            let count = row.join_count.max(seen.count);
            if (first, last, count) != (row.first_joined_at, row.last_joined_at, row.join_count) {
                let mut active = row.into_active_model();
                active.first_joined_at = Set(first);
                active.last_joined_at = Set(last);
                active.join_count = Set(count);
                active.update(db).await?;
            }
        }
        None => {
            let row = online_join::Model {
                id: Uuid::now_v7(),
                event_id,
                registration_id,
                first_joined_at: seen.first,
                last_joined_at: seen.last,
                join_count: seen.count,
                source: "import".into(),
            };
            online_join::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_style_times_are_read_in_the_event_zone() {
        let tz: Tz = "Europe/Brussels".parse().unwrap_or(Tz::UTC);
        let t = parse_time("12/13/2021 09:47:00 AM", tz).map(|t| t.to_rfc3339());
        assert_eq!(t.as_deref(), Some("2021-12-13T08:47:00+00:00"));
        let pm = parse_time("12/13/2021 01:08:00 PM", tz).map(|t| t.to_rfc3339());
        assert_eq!(pm.as_deref(), Some("2021-12-13T12:08:00+00:00"));
        assert!(parse_time("2021-12-13T09:47:00+01:00", tz).is_some());
        assert!(parse_time("tomorrow", tz).is_none());
        // 02:30 does not exist in Brussels on 28 March 2021.
        assert!(parse_time("03/28/2021 02:30:00 AM", tz).is_none());
    }
}
