//! Mail to a registrant caused by a change to their registration: counted against their
//! address's hourly limit when they caused it themselves (`mail::limits`).

use chrono::{DateTime, Utc};
use entity::registration;
use sea_orm::{ConnectionTrait, DbErr};

use crate::history::Actor;
use crate::mail::outbox::{self, Recipient};
use crate::mail::{Message, limits};

/// Queues `message` to the registrant. Mail caused by the registrant's own (anonymous)
/// request counts against their address's hourly limit; an organizer's does not.
pub async fn mail_registrant(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    message: &Message,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    match actor {
        Actor::Registrant => limits::enqueue_limited(db, Recipient::registrant(reg), reg.email(), message, now).await?,
        _ => outbox::enqueue(db, Recipient::registrant(reg), message, now).await?,
    };
    Ok(())
}
