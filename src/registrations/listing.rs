//! An event's registrations as organizers browse them: words to find, filters (mode, status,
//! attended, organization, answers), a sort on any column, and pages of [`PAGE_SIZE`]. One
//! SQL query per page plus one count, on an index range of the event; only a filter on
//! answers (JSON, stored differently by each backend) reads the event's matching rows and
//! filters them here.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, registration};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, QueryResult, Value};
use uuid::Uuid;

use crate::check_in::policy::like_pattern;
use crate::db::stmt;

pub const PAGE_SIZE: u64 = 50;

/// The columns the table sorts on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Name,
    Organization,
    Mode,
    Status,
    Registered,
    Attended,
}

impl SortBy {
    pub const ALL: [SortBy; 6] =
        [SortBy::Name, SortBy::Organization, SortBy::Mode, SortBy::Status, SortBy::Registered, SortBy::Attended];

    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Organization => "organization",
            SortBy::Mode => "mode",
            SortBy::Status => "status",
            SortBy::Registered => "registered",
            SortBy::Attended => "attended",
        }
    }

    pub fn parse(s: &str) -> Option<SortBy> {
        SortBy::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The ORDER BY terms, ascending; `r.id` last, so pages never overlap.
    fn order(self, descending: bool) -> String {
        let dir = if descending { "DESC" } else { "ASC" };
        let terms = match self {
            SortBy::Name => format!("LOWER(r.last_name) {dir}, LOWER(r.first_name) {dir}"),
            SortBy::Organization => format!("LOWER(r.organization) {dir}, LOWER(r.last_name) ASC"),
            SortBy::Mode => format!("r.mode {dir}, LOWER(r.last_name) ASC"),
            SortBy::Status => format!("r.status {dir}, LOWER(r.last_name) ASC"),
            SortBy::Registered => format!("r.created_at {dir}"),
            // Those who came first (by when they came), then the others, whatever the backend's
            // place for NULLs.
            SortBy::Attended => format!(
                "CASE WHEN c.checked_in_at IS NULL AND j.first_joined_at IS NULL THEN 1 ELSE 0 END ASC, \
                 COALESCE(c.checked_in_at, j.first_joined_at) {dir}"
            ),
        };
        format!("{terms}, r.id {dir}")
    }
}

/// What the organizer asked to see.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Words found in the name, email or organization (case-insensitive).
    pub words: Option<String>,
    pub mode: Option<AttendanceMode>,
    pub status: Option<RegistrationStatus>,
    /// `Some(true)`: checked in or joined online; `Some(false)`: neither.
    pub attended: Option<bool>,
    /// Exactly this organization.
    pub organization: Option<String>,
    /// Answers to questions, by key: a choice's value, one of a multi's values, `yes`/`no`.
    pub answers: Vec<(String, String)>,
    pub sort: SortBy,
    pub descending: bool,
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub registration: registration::Model,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub joined_at: Option<DateTime<Utc>>,
}

/// One page of the list, and how many match in all.
pub struct Listing {
    pub rows: Vec<Row>,
    pub total: u64,
}

/// The table's SELECT: every registration column, and when the person came.
const SELECT: &str = "SELECT r.*, c.checked_in_at AS checked_in_at, j.first_joined_at AS joined_at";

const FROM: &str = "FROM registration r \
     LEFT JOIN checkin c ON c.active_registration_id = r.id \
     LEFT JOIN online_join j ON j.registration_id = r.id";

/// The WHERE clause and its values.
fn conditions(event_id: Uuid, filter: &Filter) -> (String, Vec<Value>) {
    let mut sql = String::from("r.event_id = ?");
    let mut values: Vec<Value> = vec![event_id.into()];
    if let Some(words) = filter.words.as_deref().filter(|q| !q.trim().is_empty()) {
        sql.push_str(
            " AND (LOWER(r.first_name) LIKE ? ESCAPE '!' OR LOWER(r.last_name) LIKE ? ESCAPE '!' \
             OR LOWER(r.email) LIKE ? ESCAPE '!' OR LOWER(r.organization) LIKE ? ESCAPE '!')",
        );
        let pattern = like_pattern(&words.trim().to_lowercase());
        values.extend((0..4).map(|_| Value::from(pattern.clone())));
    }
    if let Some(mode) = filter.mode {
        sql.push_str(" AND r.mode = ?");
        values.push(mode.as_str().into());
    }
    if let Some(status) = filter.status {
        sql.push_str(" AND r.status = ?");
        values.push(status.as_str().into());
    }
    match filter.attended {
        Some(true) => sql.push_str(" AND (c.id IS NOT NULL OR j.id IS NOT NULL)"),
        Some(false) => sql.push_str(" AND c.id IS NULL AND j.id IS NULL"),
        None => {}
    }
    if let Some(org) = &filter.organization {
        sql.push_str(" AND r.organization = ?");
        values.push(org.clone().into());
    }
    (sql, values)
}

fn row(result: &QueryResult) -> Result<Row, DbErr> {
    Ok(Row {
        registration: registration::Model::from_query_result(result, "")?,
        checked_in_at: result.try_get("", "checked_in_at")?,
        joined_at: result.try_get("", "joined_at")?,
    })
}

/// Whether a stored answer matches what the filter asks for.
fn answer_matches(answer: Option<&serde_json::Value>, wanted: &str) -> bool {
    match answer {
        Some(serde_json::Value::String(s)) => s == wanted,
        Some(serde_json::Value::Array(items)) => items.iter().any(|i| i.as_str() == Some(wanted)),
        Some(serde_json::Value::Bool(b)) => (if *b { "yes" } else { "no" }) == wanted,
        _ => false,
    }
}

/// Page `page` (from 1) of the event's registrations matching `filter`.
pub async fn list(db: &impl ConnectionTrait, event_id: Uuid, filter: &Filter, page: u64) -> Result<Listing, DbErr> {
    let backend = db.get_database_backend();
    let (conditions, values) = conditions(event_id, filter);
    let order = filter.sort.order(filter.descending);
    let select = format!("{SELECT} {FROM} WHERE {conditions} ORDER BY {order}");
    let offset = (page.max(1) - 1) * PAGE_SIZE;
    if filter.answers.is_empty() {
        let count_sql = format!("SELECT COUNT(*) AS n {FROM} WHERE {conditions}");
        let counted = db.query_one_raw(stmt(backend, &count_sql, values.clone())).await?;
        let total = counted.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0);
        let paged = format!("{select} LIMIT {PAGE_SIZE} OFFSET {offset}");
        let rows = db.query_all_raw(stmt(backend, &paged, values)).await?.iter().map(row).collect::<Result<_, _>>()?;
        return Ok(Listing { rows, total: u64::try_from(total).unwrap_or(0) });
    }
    let matching = all_matching(db, event_id, filter).await?;
    let total = matching.len() as u64;
    let rows = matching.into_iter().skip(offset as usize).take(PAGE_SIZE as usize).collect();
    Ok(Listing { rows, total })
}

/// Every registration of the event matching `filter`, in its order (for badges, and for a
/// filter on answers).
pub async fn all_matching(db: &impl ConnectionTrait, event_id: Uuid, filter: &Filter) -> Result<Vec<Row>, DbErr> {
    let (conditions, values) = conditions(event_id, filter);
    let order = filter.sort.order(filter.descending);
    let select = format!("{SELECT} {FROM} WHERE {conditions} ORDER BY {order}");
    let mut matching = Vec::new();
    for result in db.query_all_raw(stmt(db.get_database_backend(), &select, values)).await? {
        let r = row(&result)?;
        if filter.answers.iter().all(|(key, wanted)| answer_matches(r.registration.answers().get(key), wanted)) {
            matching.push(r);
        }
    }
    Ok(matching)
}

/// The rows of `ids` (a selection in the table) that belong to the event, in name order.
pub async fn selected_rows(db: &impl ConnectionTrait, event_id: Uuid, ids: &[Uuid]) -> Result<Vec<Row>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(", ");
    let order = SortBy::Name.order(false);
    let sql = format!("{SELECT} {FROM} WHERE r.event_id = ? AND r.id IN ({marks}) ORDER BY {order}");
    let mut values: Vec<Value> = vec![event_id.into()];
    values.extend(ids.iter().map(|id| Value::from(*id)));
    db.query_all_raw(stmt(db.get_database_backend(), &sql, values)).await?.iter().map(row).collect()
}

/// The organizations registered for the event, for the filter's list.
pub async fn organizations(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Vec<String>, DbErr> {
    let sql = "SELECT DISTINCT organization FROM registration WHERE event_id = ? AND organization <> '' ORDER BY organization";
    let rows = db.query_all_raw(stmt(db.get_database_backend(), sql, vec![event_id.into()])).await?;
    rows.iter().map(|r| r.try_get::<String>("", "organization")).collect()
}

/// The registrations of `ids` that belong to the event, in name order (for a selection).
pub async fn selected(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<registration::Model>, DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(registration::Column::LastName)
        .order_by_asc(registration::Column::FirstName)
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_match_by_value_in_every_kind() {
        assert!(answer_matches(Some(&json!("vegetarian")), "vegetarian"));
        assert!(!answer_matches(Some(&json!("halal")), "vegetarian"));
        assert!(answer_matches(Some(&json!(["a", "vegetarian"])), "vegetarian"));
        assert!(answer_matches(Some(&json!(true)), "yes") && answer_matches(Some(&json!(false)), "no"));
        assert!(!answer_matches(None, "no"), "no answer is not an answer no");
    }
}
