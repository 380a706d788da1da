//! The organizers' decision on a request at an event with `access: approval`: approved, it
//! lands as a new registration would at that moment (a seat, else the waitlist, with a new
//! place at the end of the line); declined, it stays as a record and holds nothing. Both take
//! the event's lock, like every seat change.

use chrono::{DateTime, Utc};
use entity::{EventStatus, RegistrationStatus, registration};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};
use uuid::Uuid;

use super::mailing::mail_registrant;
use super::organizer_actions::locked;
use super::service::{RegistrationError, public_placement};
use crate::history::{self, Actor, Kind};
use crate::mail::Message;
use crate::mail::messages::ConfirmationReason;
use crate::seats::Holder;

/// Most characters of the organizers' message to a declined person.
pub const MAX_MESSAGE: usize = 2000;

/// Approves a pending request: seated or waitlisted by the capacity now, and mailed.
/// `capacity_full` (and still pending) when the mode is full and the event has no waitlist.
#[tracing::instrument(skip_all)]
pub async fn approve(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<registration::Model, RegistrationError> {
    let (event, reg) = locked(db, event_id, registration_id, true).await?;
    ensure_decidable(&reg, &event, now)?;
    let (status, reason) = public_placement(db, &event, Holder::of(&reg), now).await?;
    let mut active = reg.clone().into_active_model();
    active.status = Set(status);
    active.waitlist_reason = Set(reason.map(|r| r.as_str().to_owned()));
    // In the waiting line from now, behind everyone already in it.
    active.queue_seq = Set(event.next_queue_seq - 1);
    active.confirmed_at = Set((status == RegistrationStatus::Confirmed).then_some(now));
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    let approved = active.update(db).await?;
    let params = [("mode", approved.mode.as_str()), ("status", status.as_str())];
    history::record(db, history::of(&approved), Kind::Approved, actor, &params, now).await?;
    let message = match status {
        RegistrationStatus::Confirmed => Message::Confirmation {
            reason: ConfirmationReason::Approved,
            previous_mode: None,
            sequence: approved.calendar_sequence,
        },
        _ => Message::Waitlisted { approved: true },
    };
    mail_registrant(db, &approved, &message, actor, now).await?;
    Ok(approved)
}

/// Declines a pending request, mailing the person the organizers' `message` if any.
#[tracing::instrument(skip_all)]
pub async fn decline(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    message: Option<String>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<registration::Model, RegistrationError> {
    let (event, reg) = locked(db, event_id, registration_id, false).await?;
    ensure_decidable(&reg, &event, now)?;
    let mut active = reg.into_active_model();
    active.status = Set(RegistrationStatus::Declined);
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    let declined = active.update(db).await?;
    let params = [("mode", declined.mode.as_str())];
    history::record(db, history::of(&declined), Kind::Declined, actor, &params, now).await?;
    mail_registrant(db, &declined, &Message::Declined { message }, actor, now).await?;
    Ok(declined)
}

/// A decision needs a pending request of an event that is still to come and not cancelled.
fn ensure_decidable(
    reg: &registration::Model,
    event: &entity::event::Model,
    now: DateTime<Utc>,
) -> Result<(), RegistrationError> {
    if reg.status != RegistrationStatus::Pending {
        return Err(RegistrationError::NotPending);
    }
    if event.status == EventStatus::Cancelled {
        return Err(RegistrationError::Closed("this event was cancelled"));
    }
    if now >= event.ends_at {
        return Err(RegistrationError::Closed("the event has ended"));
    }
    Ok(())
}

/// The organizers' message as stored: trimmed, `None` when blank; too long is an error.
pub fn clean_message(raw: Option<&str>) -> Result<Option<String>, crate::error::FieldError> {
    crate::domain::clean_multiline(raw, false, MAX_MESSAGE).map(|m| Some(m).filter(|m| !m.is_empty()))
}
