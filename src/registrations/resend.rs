//! Mailing a registrant again: the manage link (after "lost your link?" or a second
//! registration with the same address, at most once per quarter hour) and, for organizers,
//! the current confirmation or waitlist notice.

use chrono::{DateTime, Duration, Utc};
use entity::{EventStatus, RegistrationStatus, event, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::service::{RegistrationError, find_in_event};
use crate::db::FetchUnique;
use crate::history::Actor;
use crate::mail::Message;
use crate::mail::messages::{ConfirmationReason, LinkReason};
use crate::mail::outbox::{self, Recipient};

/// How long before the manage link may be mailed again for one registration.
pub const LINK_RESEND_INTERVAL: Duration = Duration::minutes(15);

/// The active (confirmed or waitlisted) registration of `email` at `event_id`, if any.
pub async fn find_active_by_email(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    email: &str,
) -> Result<Option<registration::Model>, DbErr> {
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::ActiveEmail.eq(email))
        .unique(db)
        .await
}

/// Mails the manage link again, at most once per registration per [`LINK_RESEND_INTERVAL`].
/// The guard is one conditional update, so racing requests send one mail.
pub async fn resend_link(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    reason: LinkReason,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let due = sea_orm::Condition::any()
        .add(registration::Column::LinkResentAt.is_null())
        .add(registration::Column::LinkResentAt.lte(now - LINK_RESEND_INTERVAL));
    let result = registration::Entity::update_many()
        .col_expr(registration::Column::LinkResentAt, Expr::value(now))
        .filter(registration::Column::Id.eq(reg.id))
        .filter(due)
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        super::mailing::mail_registrant(db, reg, &Message::ManageLink { reason }, actor, now).await?;
        return Ok(true);
    }
    Ok(false)
}

/// "Lost your link?": mails the manage link when an active registration matches; says
/// nothing either way (the caller answers 202 regardless).
pub async fn lost_link(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(event) = event::Entity::find_by_id(event_id).unique(db).await? else {
        return Ok(());
    };
    if event.status == EventStatus::Draft {
        return Ok(());
    }
    if let Some(reg) = find_active_by_email(db, event_id, email).await? {
        resend_link(db, &reg, LinkReason::LostLink, &Actor::Registrant, now).await?;
    }
    Ok(())
}

/// Queues the registration's current confirmation (or waitlist notice) again.
pub async fn resend_confirmation(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), RegistrationError> {
    let reg = find_in_event(db, event_id, registration_id).await?;
    if reg.is_erased() {
        return Err(RegistrationError::NotFound);
    }
    if !crate::facts::secrets_readable(&reg) {
        return Err(RegistrationError::SecretsUnavailable);
    }
    let message = match reg.status {
        RegistrationStatus::Confirmed => Message::Confirmation {
            reason: ConfirmationReason::Registered,
            previous_mode: None,
            sequence: reg.calendar_sequence,
        },
        RegistrationStatus::Waitlisted => Message::Waitlisted,
        RegistrationStatus::Cancelled => return Err(RegistrationError::Cancelled),
    };
    outbox::enqueue(db, Recipient::registrant(&reg), &message, now).await?;
    Ok(())
}
