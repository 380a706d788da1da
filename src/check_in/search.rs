//! Staff search over an event's registrations, with keyset paging.
//!
//! Each word of the query must appear (case-insensitively) in the first name, last name,
//! organization or (for organizers) email: `LOWER(col) LIKE ? ESCAPE '!'`, which reads the same on SQLite,
//! PostgreSQL and MariaDB. (SQLite's `LOWER` folds ASCII only, so there `é` and `É` differ.)
//! Pages follow `(last_name, first_name, id)`: a cursor is the last row's key, opaque to
//! clients, so a page never repeats or skips a row however many registrations arrive between
//! two requests.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use entity::registration::{self, Column};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use entity::Role;

use super::policy::{SearchTerms, like_pattern};
use super::service::check_in_times;

/// Searches a minute for a desk session or a checkin account (API.md): enough for a busy door,
/// too few to page through the registrants.
pub const SEARCHES_PER_MINUTE: u32 = 60;

/// Whether a staff search may look at and show email addresses: organizers in the back
/// office, never the checkin role or a desk session (whose links get passed around).
pub fn search_sees_emails(role: Role, desk_session: bool) -> bool {
    role >= Role::Organizer && !desk_session
}

/// Whether staff searches by this role or session are rate-limited (see
/// [`SEARCHES_PER_MINUTE`]).
pub fn search_is_limited(role: Role, desk_session: bool) -> bool {
    !search_sees_emails(role, desk_session)
}

/// Where the next page starts: the key of the last row shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub last_name: String,
    pub first_name: String,
    pub id: Uuid,
}

impl Cursor {
    fn of(reg: &registration::Model) -> Cursor {
        Cursor { last_name: reg.last_name().to_owned(), first_name: reg.first_name().to_owned(), id: reg.id }
    }

    pub fn encode(&self) -> String {
        let json = serde_json::json!([self.last_name, self.first_name, self.id]);
        URL_SAFE_NO_PAD.encode(json.to_string())
    }

    /// `None` for anything this server did not hand out.
    pub fn decode(raw: &str) -> Option<Cursor> {
        if raw.len() > 2048 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(raw.trim()).ok()?;
        let (last_name, first_name, id): (String, String, Uuid) = serde_json::from_slice(&bytes).ok()?;
        // Names never hold control characters; a NUL byte would even be refused by PostgreSQL.
        if last_name.chars().chain(first_name.chars()).any(char::is_control) {
            return None;
        }
        Some(Cursor { last_name, first_name, id })
    }
}

/// One page of results: each registration with its active check-in time.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub items: Vec<(registration::Model, Option<DateTime<Utc>>)>,
    pub next: Option<Cursor>,
}

fn matches_term(term: &str, with_emails: bool) -> Condition {
    let pattern = like_pattern(term);
    let columns: &[Column] = if with_emails {
        &[Column::FirstName, Column::LastName, Column::Email, Column::Organization]
    } else {
        &[Column::FirstName, Column::LastName, Column::Organization]
    };
    columns.iter().copied().fold(Condition::any(), |any, col| {
        let lowered = Expr::expr(Func::lower(Expr::col((registration::Entity, col))));
        any.add(lowered.like(LikeExpr::new(pattern.clone()).escape('!')))
    })
}

fn after(cursor: &Cursor) -> Condition {
    let Cursor { last_name, first_name, id } = cursor;
    Condition::any().add(Column::LastName.gt(last_name.as_str())).add(
        Condition::all().add(Column::LastName.eq(last_name.as_str())).add(
            Condition::any()
                .add(Column::FirstName.gt(first_name.as_str()))
                .add(Condition::all().add(Column::FirstName.eq(first_name.as_str())).add(Column::Id.gt(*id))),
        ),
    )
}

/// Searches `event_id`'s registrations (every status, so the desk sees a cancellation too);
/// the email column only `with_emails` (see `policy::search_sees_emails`).
#[tracing::instrument(skip_all)]
pub async fn search(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    terms: &SearchTerms,
    cursor: Option<&Cursor>,
    with_emails: bool,
) -> Result<SearchPage, DbErr> {
    // Erased registrations are never found (their names are gone; an empty term lists all).
    let mut condition = Condition::all().add(Column::EventId.eq(event_id)).add(Column::ErasedAt.is_null());
    for term in &terms.terms {
        condition = condition.add(matches_term(term, with_emails));
    }
    if let Some(cursor) = cursor {
        condition = condition.add(after(cursor));
    }
    let mut rows = registration::Entity::find()
        .filter(condition)
        .order_by_asc(Column::LastName)
        .order_by_asc(Column::FirstName)
        .order_by_asc(Column::Id)
        .limit(terms.limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > terms.limit;
    rows.truncate(usize::try_from(terms.limit).unwrap_or(usize::MAX));
    let next = if more { rows.last().map(Cursor::of) } else { None };
    let times = check_in_times(db, rows.iter().map(|r| r.id)).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let at = times.get(&r.id).copied();
            (r, at)
        })
        .collect();
    Ok(SearchPage { items, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_garbage_is_refused() {
        let cursor = Cursor { last_name: "El Idrissi".into(), first_name: "Amina".into(), id: Uuid::now_v7() };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        let nul = URL_SAFE_NO_PAD.encode(serde_json::json!(["a\u{0}", "b", Uuid::nil()]).to_string());
        for bad in ["", "!!", "bm90IGpzb24", "WzEsMiwzXQ", &"A".repeat(3000), &nul] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }
}
