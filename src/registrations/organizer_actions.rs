//! What organizers do to one registration beyond the registrant's own actions: find it in
//! their event, move it up the waitlist out of turn, give it a held seat.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, registration};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use uuid::Uuid;

use super::service::RegistrationError;
use crate::db::FetchUnique;
use crate::history::{self, Actor, Kind};
use crate::mail::Message;
use crate::mail::messages::ConfirmationReason;
use crate::mail::outbox::{self, Recipient};
use crate::seats::{CapRule, Holder, Taken, lock_event, promote_waitlist, release_seat, take_held_seat, take_seat};

/// A registration of `event_id` by id (for organizers and staff).
pub async fn find_in_event(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
) -> Result<registration::Model, RegistrationError> {
    registration::Entity::find_by_id(registration_id)
        .filter(registration::Column::EventId.eq(event_id))
        .unique(db)
        .await?
        .ok_or(RegistrationError::NotFound)
}

/// Takes the event's lock (with `next_seq`, reserving a place in the waiting line), then
/// reads the registration as it is under it.
pub(super) async fn locked(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    next_seq: bool,
) -> Result<(entity::event::Model, registration::Model), RegistrationError> {
    let event = lock_event(db, event_id, next_seq).await?.ok_or(RegistrationError::NotFound)?;
    let reg = find_in_event(db, event_id, registration_id).await?;
    // An erased registration is only a figure now: nothing more is done to it.
    if reg.is_erased() {
        return Err(RegistrationError::NotFound);
    }
    Ok((event, reg))
}

/// An organizer moves one waitlisted registration up, out of turn, if a seat is free.
#[tracing::instrument(skip_all)]
pub async fn promote_one(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<registration::Model, RegistrationError> {
    let (event, reg) = locked(db, event_id, registration_id, false).await?;
    if reg.status != RegistrationStatus::Waitlisted {
        return Err(RegistrationError::Closed("only a waitlisted registration can be promoted"));
    }
    match take_seat(db, &event, Holder::of(&reg), CapRule::Apply, now).await? {
        Taken::Seat => {}
        Taken::RoomFull => return Err(RegistrationError::CapacityFull),
        Taken::OrganizationFull => return Err(RegistrationError::OrganizationFull),
    }
    let mut active = reg.clone().into_active_model();
    active.status = Set(RegistrationStatus::Confirmed);
    active.waitlist_reason = Set(None);
    active.confirmed_at = Set(Some(now));
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    active.calendar_sequence = Set(reg.calendar_sequence + 1);
    let reg = active.update(db).await?;
    let message = Message::Confirmation {
        reason: ConfirmationReason::Promoted,
        previous_mode: None,
        sequence: reg.calendar_sequence,
    };
    outbox::enqueue(db, Recipient::registrant(&reg), &message, now).await?;
    history::record(db, history::of(&reg), Kind::Promoted, actor, &[("mode", reg.mode.as_str())], now).await?;
    Ok(reg)
}

/// New ticket code, manage token and join token for a registration (after the server's key
/// was lost, or when a link leaked): the old ones stop working at once, the new ones are
/// mailed to the person with their confirmation.
#[tracing::instrument(skip_all)]
pub async fn issue_new_links(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<registration::Model, RegistrationError> {
    let (event, reg) = locked(db, event_id, registration_id, false).await?;
    match reg.status {
        RegistrationStatus::Cancelled => return Err(RegistrationError::Cancelled),
        RegistrationStatus::Declined => return Err(RegistrationError::Declined),
        _ => {}
    }
    let mut active = reg.clone().into_active_model();
    super::rows::renew_secrets(&mut active);
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    let updated = active.update(db).await?;
    if let Some(message) = Message::standing(updated.status, updated.calendar_sequence) {
        outbox::enqueue(db, Recipient::registrant(&updated), &message, now).await?;
    }
    history::record(db, history::of(&updated), Kind::NewLinks, actor, &[], now).await?;
    Ok(updated)
}

/// Gives one of the held seats to a registration already there: a waitlisted or online
/// person becomes confirmed in person, a person seated in the room moves onto a held seat
/// (freeing a public one for the waitlist). Refused when every held seat is given.
#[tracing::instrument(skip_all)]
pub async fn give_held_seat(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<registration::Model, RegistrationError> {
    let (event, reg) = locked(db, event_id, registration_id, false).await?;
    match reg.status {
        RegistrationStatus::Cancelled => return Err(RegistrationError::Cancelled),
        RegistrationStatus::Declined => return Err(RegistrationError::Declined),
        _ => {}
    }
    if reg.held_seat {
        return Ok(reg);
    }
    let holder = Holder::of(&reg);
    if !take_held_seat(db, event_id, holder.organization_key).await? {
        return Err(RegistrationError::CapacityFull);
    }
    let was_confirmed = reg.status == RegistrationStatus::Confirmed;
    if was_confirmed {
        release_seat(db, event_id, holder).await?;
    }
    let moved = reg.mode != AttendanceMode::InPerson || !was_confirmed;
    let mut active = reg.clone().into_active_model();
    active.held_seat = Set(true);
    active.waitlist_reason = Set(None);
    active.mode = Set(AttendanceMode::InPerson);
    active.status = Set(RegistrationStatus::Confirmed);
    active.confirmed_at = Set(Some(now));
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    if moved {
        active.calendar_sequence = Set(reg.calendar_sequence + 1);
    }
    let updated = active.update(db).await?;
    if was_confirmed {
        promote_waitlist(db, event_id, reg.mode, now).await?;
    }
    if moved {
        // A pending request given a held seat is approved by it.
        let (reason, previous_mode) = match reg.status {
            RegistrationStatus::Confirmed => (ConfirmationReason::ModeSwitched, Some(reg.mode)),
            RegistrationStatus::Pending => (ConfirmationReason::Approved, None),
            _ => (ConfirmationReason::Promoted, None),
        };
        let message = Message::Confirmation { reason, previous_mode, sequence: updated.calendar_sequence };
        outbox::enqueue(db, Recipient::registrant(&updated), &message, now).await?;
    }
    history::record(
        db,
        history::of(&updated),
        Kind::HeldSeatGiven,
        actor,
        &[("mode", "in_person"), ("from_mode", reg.mode.as_str()), ("from_status", reg.status.as_str())],
        now,
    )
    .await?;
    Ok(updated)
}
