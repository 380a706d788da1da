//! The transactional outbox: a mail is a row written by the change that causes it, in the
//! caller's transaction, so it commits (or not) with that change.

use chrono::{DateTime, Utc};
use entity::{OutboxStatus, outbox_email};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use uuid::Uuid;

use super::Message;

/// Who a mail is about.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    pub event_id: Uuid,
    pub registration_id: Option<Uuid>,
    pub language: &'a str,
}

/// Queues `message` for `to`, due now.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    to: Recipient<'_>,
    message: &Message,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    let payload = serde_json::to_value(message).map_err(|e| DbErr::Custom(format!("cannot encode mail: {e}")))?;
    let row = outbox_email::ActiveModel {
        id: Set(id),
        kind: Set(message.kind().to_owned()),
        event_id: Set(to.event_id),
        registration_id: Set(to.registration_id),
        language: Set(to.language.to_owned()),
        payload: Set(payload),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        lease_until: Set(None),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    outbox_email::Entity::insert(row).exec_without_returning(db).await?;
    Ok(id)
}
