//! A registrant's changes to their registration (or an organizer's on their behalf): details,
//! answers, and a mode switch that takes a seat in the new mode or changes nothing.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, event, registration};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};

use super::answers::{self, Answers};
use super::input::RegistrationChanges;
use super::mailing::mail_registrant;
use super::policy;
use super::rows::{RegistrationRef, lock_for_change};
use super::service::RegistrationError;
use crate::events::view::{offers, questions};
use crate::history::{self, Actor, Kind};
use crate::mail::Message;
use crate::mail::messages::ConfirmationReason;
use crate::seats::organizations;
use crate::seats::policy::{self as seat_policy, Switch};
use crate::seats::{CapRule, Holder, Taken, promote_waitlist, release_seat_of, seats, take_seat, waiting};

/// Applies a registrant's changes: details, answers and possibly a mode switch. A switch into
/// a full mode fails as a whole and changes nothing.
pub async fn update(
    db: &impl ConnectionTrait,
    token: &str,
    changes: RegistrationChanges,
    now: DateTime<Utc>,
) -> Result<(registration::Model, event::Model), RegistrationError> {
    update_by(db, RegistrationRef::Token(token), changes, &Actor::Registrant, now).await
}

/// [`update`] by `actor` (the registrant, or an organizer on their behalf).
#[tracing::instrument(skip_all)]
pub async fn update_by(
    db: &impl ConnectionTrait,
    which: RegistrationRef<'_>,
    changes: RegistrationChanges,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(registration::Model, event::Model), RegistrationError> {
    let (reg, event) = lock_for_change(db, which).await?;
    match reg.status {
        RegistrationStatus::Cancelled => return Err(RegistrationError::Cancelled),
        RegistrationStatus::Declined => return Err(RegistrationError::Declined),
        _ => {}
    }
    let mut active = reg.clone().into_active_model();
    let old_key = reg.organization_key.clone().unwrap_or_default();
    let mut new_key = old_key.clone();
    if let Some(v) = changes.first_name {
        active.first_name = Set(Some(v));
    }
    if let Some(v) = changes.last_name {
        active.last_name = Set(Some(v));
    }
    if let Some(v) = changes.organization {
        new_key = organizations::key_at(db, event.id, &v).await?;
        active.organization = Set(v);
        active.organization_key = Set(Some(new_key.clone()));
    }
    if let Some(v) = changes.language {
        active.language = Set(v);
    }
    if let Some(patch) = changes.answers {
        let mut merged: Answers = reg.answers().clone();
        for (k, v) in patch {
            if v.is_null() {
                merged.remove(&k);
            } else {
                merged.insert(k, v);
            }
        }
        let checked = answers::check(&questions(&event), &merged).map_err(RegistrationError::Invalid)?;
        active.answers = Set(Some(entity::json::Answers(checked)));
    }

    let mut switched_from: Option<(AttendanceMode, bool)> = None;
    if let Some(target) = changes.mode.filter(|m| *m != reg.mode) {
        if !policy::may_switch(now, event.starts_at) {
            return Err(RegistrationError::Closed("the event has started; the mode can no longer change"));
        }
        if !offers(&event, target) {
            return Err(RegistrationError::ModeNotOffered);
        }
        if reg.status == RegistrationStatus::Pending {
            // A request holds no seat: it only changes what the organizers will decide on.
            active.mode = Set(target);
            switched_from = Some((reg.mode, false));
        } else {
            let holder = Holder { mode: target, organization_key: &new_key };
            switched_from = Some((reg.mode, switch_seat(db, &reg, &event, holder, &mut active, now).await?));
        }
    }
    // A seat in the room moves with its holder to their new organization, if it may.
    let seated_in_person = reg.status == RegistrationStatus::Confirmed && reg.mode == AttendanceMode::InPerson;
    let moves_organization = seated_in_person && switched_from.is_none() && new_key != old_key;
    if moves_organization {
        if !reg.held_seat
            && let Some(cap) = organizations::cap_for(&event, &new_key, now)
            && organizations::seated(db, event.id, &new_key).await? >= cap
        {
            return Err(RegistrationError::OrganizationFull);
        }
        organizations::count(db, event.id, &new_key, 1).await?;
        organizations::count(db, event.id, &old_key, -1).await?;
    }
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    let updated = active.update(db).await?;
    let edited = policy::edited_fields(&reg, &updated);
    if !edited.is_empty() {
        history::record(db, history::of(&updated), Kind::Edited, actor, &[("fields", &edited.join(","))], now).await?;
    }
    if let Some((previous_mode, _)) = switched_from {
        let params = [("from", previous_mode.as_str()), ("to", updated.mode.as_str())];
        history::record(db, history::of(&updated), Kind::Switched, actor, &params, now).await?;
    }
    if moves_organization {
        // The old organization's seat may now go to one of its people waiting.
        promote_waitlist(db, event.id, AttendanceMode::InPerson, now).await?;
    }
    if let Some((previous_mode, freed)) = switched_from.filter(|_| updated.status.holds_place()) {
        if freed {
            promote_waitlist(db, event.id, previous_mode, now).await?;
        }
        let message = Message::Confirmation {
            reason: ConfirmationReason::ModeSwitched,
            previous_mode: Some(previous_mode),
            sequence: updated.calendar_sequence,
        };
        mail_registrant(db, &updated, &message, actor, now).await?;
    }
    Ok((updated, event))
}

/// Moves a placed registration into a seat of `target`'s mode (the caller checked the time and
/// the offer); says whether a public seat of the old mode freed. Full, for the room or for the
/// organization: nothing changes.
async fn switch_seat(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    event: &event::Model,
    target: Holder<'_>,
    active: &mut registration::ActiveModel,
    now: DateTime<Utc>,
) -> Result<bool, RegistrationError> {
    let target_waiting = waiting(db, event, target.mode, now).await?;
    let confirmed = reg.status == RegistrationStatus::Confirmed;
    match seat_policy::switch_mode(false, confirmed, seats(event, target.mode), target_waiting) {
        Switch::Unchanged => Ok(false),
        Switch::Full => Err(RegistrationError::CapacityFull),
        Switch::Move { frees_seat } => {
            match take_seat(db, event, target, CapRule::Apply, now).await? {
                Taken::Seat => {}
                Taken::RoomFull => return Err(RegistrationError::CapacityFull),
                Taken::OrganizationFull => return Err(RegistrationError::OrganizationFull),
            }
            // A held seat is given back as a held seat: the public gains nothing.
            let frees_seat = frees_seat && release_seat_of(db, reg).await?;
            active.held_seat = Set(false);
            active.mode = Set(target.mode);
            active.status = Set(RegistrationStatus::Confirmed);
            active.waitlist_reason = Set(None);
            active.confirmed_at = Set(Some(now));
            active.calendar_sequence = Set(reg.calendar_sequence + 1);
            Ok(frees_seat)
        }
    }
}
