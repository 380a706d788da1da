//! Walk-ins: someone registered and checked in at the door at once, in person.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, registration};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use uuid::Uuid;

use super::input::NewWalkIn;
use super::policy::{self, WalkInGate};
use super::service::{CheckInError, CheckInOutcome, Desk, mailable, record};
use crate::db::FetchUnique;
use crate::events::input::Question;
use crate::events::view::{offers, questions};
use crate::history::{self, Actor, Kind};
use crate::mail::Message;
use crate::mail::messages::ConfirmationReason;
use crate::mail::outbox::{self, Recipient};
use crate::registrations::answers;
use crate::registrations::rows::{NewRow, insert_row, new_row};
use crate::registrations::service::RegistrationError;
use crate::seats::organizations;
use crate::seats::{CapRule, Holder, Taken, lock_event, seats, take_seat};

/// Registers someone at the door and checks them in, in person: consent is recorded as given
/// at the desk, the room's capacity applies (full → `CapacityFull`, nothing written). Without
/// an email the registration stores an empty address, holds no claim on the one-per-address
/// rule and is never mailed; with one, it gets the usual confirmation (ticket and links).
#[tracing::instrument(skip_all)]
pub async fn walk_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event_id: Uuid,
    new: NewWalkIn,
    (desk, rule): (&Desk, CapRule),
    now: DateTime<Utc>,
) -> Result<CheckInOutcome, RegistrationError> {
    let event = lock_event(db, event_id, true).await?.ok_or(RegistrationError::NotFound)?;
    match policy::walk_in_gate(event.status, now, event.ends_at) {
        WalkInGate::Open => {}
        WalkInGate::NotFound => return Err(RegistrationError::NotFound),
        WalkInGate::Closed(why) => return Err(RegistrationError::Closed(why)),
    }
    if !offers(&event, AttendanceMode::InPerson) {
        return Err(RegistrationError::ModeNotOffered);
    }
    // At the desk no question is required; what is answered must still be valid.
    let optional: Vec<Question> = questions(&event).into_iter().map(|q| Question { required: false, ..q }).collect();
    let answers = answers::check(&optional, &new.answers).map_err(RegistrationError::Invalid)?;
    let email = new.email.map(|e| e.as_str().to_owned());
    if let Some(email) = &email {
        let taken = registration::Entity::find()
            .filter(registration::Column::EventId.eq(event_id))
            .filter(registration::Column::ActiveEmail.eq(email.as_str()))
            .unique(db)
            .await?;
        if taken.is_some() {
            return Err(RegistrationError::AlreadyRegistered);
        }
    }
    if !policy::walk_in_has_seat(seats(&event, AttendanceMode::InPerson)) {
        return Err(RegistrationError::CapacityFull);
    }
    let organization_key = organizations::key_at(db, event_id, &new.organization).await?;
    let holder = Holder { mode: AttendanceMode::InPerson, organization_key: &organization_key };
    let overridden = match take_seat(db, &event, holder, CapRule::Apply, now).await? {
        Taken::Seat => false,
        Taken::OrganizationFull if rule == CapRule::Override => {
            if take_seat(db, &event, holder, CapRule::Override, now).await? != Taken::Seat {
                return Err(RegistrationError::CapacityFull);
            }
            true
        }
        Taken::OrganizationFull => return Err(RegistrationError::OrganizationFull),
        Taken::RoomFull => return Err(RegistrationError::CapacityFull),
    };
    let row = NewRow {
        first_name: new.first_name,
        last_name: new.last_name,
        email,
        organization: new.organization,
        organization_key,
        waitlist_reason: None,
        mode: AttendanceMode::InPerson,
        status: RegistrationStatus::Confirmed,
        language: new.language,
        consent_source: "desk".to_owned(),
        // Given in person at the desk, to the organizers' words.
        consent: None,
        answers,
    };
    let registration = new_row(&event, row, now);
    insert_row(db, &registration).await?;
    let actor = Actor::Desk(desk.label.clone());
    let params = [("mode", "in_person"), ("status", "confirmed"), ("walk_in", "yes")];
    history::record(db, history::of(&registration), Kind::Registered, &actor, &params, now).await?;
    if overridden {
        history::record(db, history::of(&registration), Kind::CapOverridden, &actor, &[("mode", "in_person")], now)
            .await?;
    }
    if mailable(&registration) {
        let message =
            Message::Confirmation { reason: ConfirmationReason::Registered, previous_mode: None, sequence: 0 };
        outbox::enqueue(db, Recipient::registrant(&registration), &message, now).await?;
    }
    match record(db, registration, desk, (now, event.revision), false).await {
        Ok(outcome) => Ok(outcome),
        Err(CheckInError::NotFound) => Err(RegistrationError::NotFound),
        Err(CheckInError::Db(e)) => Err(e.into()),
    }
}
