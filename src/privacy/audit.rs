//! The audit: who exported, downloaded the check-in index, erased, mailed or changed
//! settings, when, and how many rows it concerned. It names users, desk links or "system",
//! never a registrant.

use chrono::{DateTime, Utc};
use entity::audit_entry;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// What was done: the published `action` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Export,
    CheckinIndex,
    EraseEvent,
    ErasePerson,
    RetentionErase,
    SettingsChange,
    Mailing,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Export => "export",
            Action::CheckinIndex => "checkin_index",
            Action::EraseEvent => "erase_event",
            Action::ErasePerson => "erase_person",
            Action::RetentionErase => "retention_erase",
            Action::SettingsChange => "settings_change",
            Action::Mailing => "mailing",
        }
    }
}

/// The actor of the retention job and other work Convene does by itself.
pub const SYSTEM: &str = "system";

/// Records `action` by `actor` (a user's email, a desk link's label or [`SYSTEM`]).
pub async fn record(
    db: &impl ConnectionTrait,
    actor: &str,
    action: Action,
    event_id: Option<Uuid>,
    count: u64,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = audit_entry::Model {
        id: Uuid::now_v7(),
        at,
        actor: actor.chars().take(320).collect(),
        action: action.as_str().to_owned(),
        event_id,
        count: i64::try_from(count).unwrap_or(i64::MAX),
    };
    audit_entry::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(())
}

pub struct Page {
    pub items: Vec<audit_entry::Model>,
    pub next_cursor: Option<Uuid>,
}

/// Entries newest first, for one event or all; `before` is the previous page's cursor.
pub async fn list(
    db: &impl ConnectionTrait,
    event_id: Option<Uuid>,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Page, DbErr> {
    let mut query = audit_entry::Entity::find();
    if let Some(event_id) = event_id {
        query = query.filter(audit_entry::Column::EventId.eq(event_id));
    }
    if let Some(before) = before {
        query = query.filter(audit_entry::Column::Id.lt(before));
    }
    let mut items = query.order_by_desc(audit_entry::Column::Id).limit(limit + 1).all(db).await?;
    let next_cursor = if items.len() as u64 > limit {
        items.truncate(limit as usize);
        items.last().map(|e| e.id)
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

/// [`record`] in a write of its own, for a handler or command that writes nothing else.
pub async fn record_now(
    db: &crate::db::Db,
    actor: &str,
    action: Action,
    event_id: Option<Uuid>,
    count: u64,
) -> Result<(), DbErr> {
    let actor = actor.to_owned();
    db.write(move |txn| {
        crate::db::keep(async move { record(txn, &actor, action, event_id, count, crate::domain::now()).await })
    })
    .await
}
