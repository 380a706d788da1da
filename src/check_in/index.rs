//! The check-in index: what an offline desk needs to recognise a ticket and show a name, and
//! nothing it could leak (no ticket code, token, email or answer: the code as its SHA-256).
//! Its cursor is the event's revision: every change to a registration or its check-in takes
//! the event's lock, which bumps the revision, and stamps the registration with it.

use chrono::{DateTime, Utc};
use entity::{RegistrationStatus, checkin, index_download, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::FetchUnique;
use crate::events::view::utc;

/// Stamps `registration_id` with the event's current revision: its check-in changed.
pub async fn touch(db: &impl ConnectionTrait, registration_id: Uuid, revision: i64) -> Result<(), DbErr> {
    registration::Entity::update_many()
        .col_expr(registration::Column::IndexRevision, Expr::value(revision))
        .filter(registration::Column::Id.eq(registration_id))
        .exec(db)
        .await?;
    Ok(())
}

/// One entry of the index, or a removal.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum IndexEntry {
    Present {
        registration_id: Uuid,
        /// Lowercase hex SHA-256 of the normalized ticket code.
        code_sha256: String,
        first_name: String,
        last_name: String,
        organization: String,
        mode: entity::AttendanceMode,
        status: RegistrationStatus,
        checked_in_at: Option<String>,
    },
    Removed {
        registration_id: Uuid,
        removed: bool,
    },
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckInIndex {
    /// Pass as `?cursor=` for the changes since this answer.
    pub cursor: String,
    pub entries: Vec<IndexEntry>,
}

/// The index of `event_id`: all active registrations, or (with `since`) those changed since
/// that cursor, cancelled ones as removals (and one handed to a colleague as a removal of the
/// old entry followed by the new one).
pub async fn read(db: &impl ConnectionTrait, event_id: Uuid, since: Option<i64>) -> Result<CheckInIndex, DbErr> {
    // The revision first: every row stamped at or below it is committed already, so nothing
    // is skipped; a row committed meanwhile comes again next time, harmlessly.
    let revision = entity::event::Entity::find_by_id(event_id).unique(db).await?.map_or(0, |e| e.revision);
    let mut query = registration::Entity::find().filter(registration::Column::EventId.eq(event_id));
    query = match since {
        Some(cursor) => query.filter(registration::Column::IndexRevision.gt(cursor)),
        None => query
            .filter(registration::Column::Status.is_in(RegistrationStatus::OPEN))
            .filter(registration::Column::ErasedAt.is_null()),
    };
    let rows = query.order_by_asc(registration::Column::Id).all(db).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut checked_in = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let found: Vec<(Uuid, DateTime<Utc>)> = checkin::Entity::find()
            .select_only()
            .column(checkin::Column::RegistrationId)
            .column(checkin::Column::CheckedInAt)
            .filter(checkin::Column::ActiveRegistrationId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        checked_in.extend(found);
    }
    let mut entries = Vec::with_capacity(rows.len());
    for r in rows {
        // Handed to a colleague since the cursor: the former holder's entry goes, the new one
        // (same registration, new ticket) follows it.
        if since.is_some_and(|cursor| r.transferred_revision.is_some_and(|at| at > cursor)) {
            entries.push(IndexEntry::Removed { registration_id: r.id, removed: true });
        }
        entries.push(match r.status {
            _ if r.is_erased() => IndexEntry::Removed { registration_id: r.id, removed: true },
            RegistrationStatus::Cancelled | RegistrationStatus::Declined => {
                IndexEntry::Removed { registration_id: r.id, removed: true }
            }
            _ => IndexEntry::Present {
                registration_id: r.id,
                // The stored ticket code is already its SHA-256.
                code_sha256: r.ticket_code.clone().unwrap_or_default(),
                checked_in_at: checked_in.get(&r.id).copied().map(utc),
                first_name: r.first_name().to_owned(),
                last_name: r.last_name().to_owned(),
                organization: r.organization,
                mode: r.mode,
                status: r.status,
            },
        });
    }
    Ok(CheckInIndex { cursor: revision.to_string(), entries })
}

/// Records a download for the audit trail (and in the audit all organizers read).
pub async fn record_download(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    who: (Option<Uuid>, String),
    since: Option<i64>,
    entries: usize,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let count = u64::try_from(entries).unwrap_or(u64::MAX);
    crate::privacy::audit::record(db, &who.1, crate::privacy::audit::Action::CheckinIndex, Some(event_id), count, at)
        .await?;
    let row = index_download::Model {
        id: Uuid::now_v7(),
        event_id,
        user_id: who.0,
        who: who.1,
        since_cursor: since,
        entries: i32::try_from(entries).unwrap_or(i32::MAX),
        at,
    };
    index_download::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(())
}
