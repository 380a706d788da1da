//! The retention job: erases the personal data of every event whose retention has run out,
//! at start and every minute, on any number of instances (the event lock makes a second
//! erasure of the same event a no-op).

use std::path::Path;

use chrono::{DateTime, Utc};
use entity::event;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};

use super::audit::Action;
use super::policy;
use crate::db::Db;
use crate::history::Actor;

/// Erases every event due at `now`; returns how many registrations it erased. On its first
/// run (`announce`) it logs what it is about to erase, and when the next erasure is due.
pub async fn run_due(db: &Db, mail_dir: &Path, now: DateTime<Utc>, announce: bool) -> anyhow::Result<u64> {
    let pending = event::Entity::find().filter(event::Column::PersonalDataErasedAt.is_null()).all(db.read()).await?;
    let (due, later): (Vec<_>, Vec<_>) = pending.into_iter().partition(|e| policy::retention_due(e, now));
    if announce {
        match later.iter().map(|e| (policy::event_erasure_due_at(e), e)).min_by_key(|(at, _)| *at) {
            Some((at, e)) => tracing::info!(event = %e.slug, due_at = %at, "retention: next erasure"),
            None => tracing::info!("retention: no other event has personal data to erase"),
        }
        for e in &due {
            let people = count_unerased(db, e.id).await?;
            tracing::warn!(event = %e.slug, registrations = people, "retention: erasing the personal data of an event now due");
        }
    }
    let mut total = 0;
    for e in due {
        let by = (Actor::System, Action::RetentionErase);
        let erased = super::service::erase_event(db, mail_dir, e.id, by, now).await?;
        tracing::info!(event = %e.slug, registrations = erased, "retention: personal data erased");
        total += erased;
    }
    Ok(total)
}

async fn count_unerased(db: &Db, event_id: uuid::Uuid) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    entity::registration::Entity::find()
        .filter(entity::registration::Column::EventId.eq(event_id))
        .filter(entity::registration::Column::ErasedAt.is_null())
        .count(db.read())
        .await
}
