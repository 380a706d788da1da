//! Registration use cases: register, edit and switch mode, cancel, promote, resend the link.
//!
//! Each takes the caller's connection or transaction and never commits: the handler (or the
//! CLI, or a batch writer) owns the transaction, and the outbox rows these functions write
//! commit with the change that causes them. Every seat change first locks the event row.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, EventStatus, RegistrationStatus, event, registration};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, IntoActiveModel, Set};
use uuid::Uuid;

use super::access::{self, Admission};
use super::answers;
use super::input::NewRegistration;
use super::policy;
use super::rows::lock_for_change;
use super::rows::{NewRow, insert_row, new_row};
pub use super::rows::{RegistrationRef, find_by_manage_token};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::events::view::{offers, questions};
use crate::history::{self, Actor, Kind};
use crate::mail::Message;
use crate::mail::messages::{ConfirmationReason, LinkReason};
use crate::seats::organizations;
use crate::seats::policy::{self as seat_policy, Placement, WaitReason};
use crate::seats::{
    CapRule, Holder, Seats, Taken, lock_event, promote_waitlist, release_seat_of, seats, take_held_seat, take_seat,
    waiting,
};

/// Why a registration use case said no, in domain words.
#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    #[error("no such event or registration")]
    NotFound,
    #[error("{0}")]
    Closed(&'static str),
    #[error("this event does not offer that mode")]
    ModeNotOffered,
    #[error("no seat is free in that mode")]
    CapacityFull,
    /// In person, the registrant's organization has used the seats its cap allows.
    #[error("your organization has used its seats in the room; the online mode is open")]
    OrganizationFull,
    #[error("this registration was cancelled")]
    Cancelled,
    #[error("an active registration with this email already exists")]
    AlreadyRegistered,
    /// At an invitation-only event, without a link that serves this person or an allowed address.
    #[error("this event is by invitation: register with the personal link of your invitation")]
    NotInvited,
    #[error("the organizers declined this request")]
    Declined,
    /// An approval or decline of a registration that is not waiting for one.
    #[error("this registration is not waiting for a decision")]
    NotPending,
    #[error("invalid answers")]
    Invalid(FieldErrors),
    /// The server's key is not the one this registration's secrets were sealed with.
    #[error(
        "this registration's ticket and links cannot be shown again (the server's secret key changed): issue new links"
    )]
    SecretsUnavailable,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<RegistrationError> for AppError {
    fn from(err: RegistrationError) -> Self {
        match err {
            RegistrationError::NotFound => AppError::NotFound,
            RegistrationError::Closed(_) => AppError::conflict("registration_closed", err.to_string()),
            RegistrationError::ModeNotOffered => AppError::conflict("mode_not_offered", err.to_string()),
            RegistrationError::CapacityFull => AppError::conflict("capacity_full", err.to_string()),
            RegistrationError::OrganizationFull => AppError::conflict("organization_full", err.to_string()),
            RegistrationError::Cancelled => AppError::conflict("cancelled", err.to_string()),
            RegistrationError::AlreadyRegistered => AppError::conflict("already_registered", err.to_string()),
            RegistrationError::NotInvited => AppError::conflict("not_invited", err.to_string()),
            RegistrationError::Declined | RegistrationError::NotPending => {
                AppError::conflict("conflict", err.to_string())
            }
            RegistrationError::Invalid(fields) => AppError::Validation(fields),
            RegistrationError::SecretsUnavailable => AppError::conflict("secret_unavailable", err.to_string()),
            RegistrationError::Db(e) => AppError::from(e),
        }
    }
}

/// What registering did.
#[derive(Debug)]
pub enum RegisterOutcome {
    Registered {
        registration: Box<registration::Model>,
        event: Box<event::Model>,
    },
    /// An active registration with that email exists; its manage link was mailed again
    /// (at most once per 15 minutes). The caller commits, then answers 409.
    AlreadyRegistered,
}

pub use super::changes::{update, update_by};
pub use super::organizer_actions::{find_in_event, give_held_seat, issue_new_links, promote_one};
pub use super::resend::{LINK_RESEND_INTERVAL, find_active_by_email, lost_link, resend_confirmation, resend_link};

use super::mailing::mail_registrant;

/// Registers `new` for `event_id`: a seat if one is free, else the waitlist if the event has
/// one, else `CapacityFull`. Mails the registrant (see [`register_with`]).
pub async fn register(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    new: NewRegistration,
    now: DateTime<Utc>,
) -> Result<RegisterOutcome, RegistrationError> {
    register_with(db, event_id, new, RegisterOptions::PUBLIC, now).await
}

/// How a registration is made beyond its data.
#[derive(Debug, Clone)]
pub struct RegisterOptions {
    /// Queue the confirmation or waitlist mail (and, for a repeated registration, the manage
    /// link again). An organizer's import without `--notify` sets this to false.
    pub notify: bool,
    /// One of the seats held back for speakers and hosts, given by an organizer: in person,
    /// confirmed or refused (never waitlisted), and out of the public's reach.
    pub held_seat: bool,
    /// Who registers, for the history.
    pub actor: Actor,
}

impl RegisterOptions {
    /// A registrant's own registration, mailed.
    pub const PUBLIC: RegisterOptions = RegisterOptions { notify: true, held_seat: false, actor: Actor::Registrant };
}

/// [`register`] with options: the same seat, waitlist and uniqueness rules.
#[tracing::instrument(skip_all)]
pub async fn register_with(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    new: NewRegistration,
    options: RegisterOptions,
    now: DateTime<Utc>,
) -> Result<RegisterOutcome, RegistrationError> {
    let event = lock_event(db, event_id, true).await?.ok_or(RegistrationError::NotFound)?;
    if let Some(refused) = refusal(&event, now) {
        return Err(refused);
    }
    if !offers(&event, new.mode) {
        return Err(RegistrationError::ModeNotOffered);
    }
    let answers = answers::check(&questions(&event), &new.answers).map_err(RegistrationError::Invalid)?;

    // Who may register asks the registrant only: organizers' own registrations are decided.
    let (admission, invitation) = if options.actor == Actor::Registrant {
        let admitted = access::admit(db, &event, &new.email, new.invitation_token.as_deref())
            .await?
            .ok_or(RegistrationError::NotInvited)?;
        (admitted.admission, admitted.invitation)
    } else {
        (Admission::Place, None)
    };

    if let Some(existing) = find_active_by_email(db, event_id, new.email.as_str()).await? {
        if options.notify {
            resend_link(db, &existing, LinkReason::RepeatedRegistration, &options.actor, now).await?;
        }
        return Ok(RegisterOutcome::AlreadyRegistered);
    }

    let organization_key = organizations::key_at(db, event_id, &new.organization).await?;
    let mut waitlist_reason = None;
    let status = if options.held_seat {
        if new.mode != AttendanceMode::InPerson {
            return Err(RegistrationError::Invalid(FieldErrors::one(
                "held_seat",
                FieldError::new("held_seat_in_person"),
            )));
        }
        if !take_held_seat(db, event_id, &organization_key).await? {
            return Err(RegistrationError::CapacityFull);
        }
        RegistrationStatus::Confirmed
    } else if admission == Admission::Pending {
        RegistrationStatus::Pending
    } else {
        let (status, reason) =
            public_placement(db, &event, Holder { mode: new.mode, organization_key: &organization_key }, now).await?;
        waitlist_reason = reason;
        status
    };

    let (mode, future_invitations) = (new.mode, new.future_invitations);
    let placed = Placed { organization_key, status, waitlist_reason, answers };
    let mut registration = new_row(&event, row_of(&event, new, placed), now);
    registration.held_seat = options.held_seat;
    insert_row(db, &registration).await?;
    if let Some(invitation) = invitation {
        access::mark_served(db, &invitation, registration.id, now).await?;
    }
    let kind = if options.held_seat { Kind::HeldSeatGiven } else { Kind::Registered };
    let params = [("mode", mode.as_str()), ("status", status.as_str())];
    history::record(db, history::of(&registration), kind, &options.actor, &params, now).await?;
    if future_invitations {
        crate::contacts::service::keep(db, &registration, &event, now).await?;
    }

    if options.notify {
        mail_registrant(db, &registration, &first_mail(status), &options.actor, now).await?;
    }
    Ok(RegisterOutcome::Registered { registration: Box::new(registration), event: Box::new(event) })
}

/// Why nobody may register for `event` now, if so.
pub(super) fn refusal(event: &event::Model, now: DateTime<Utc>) -> Option<RegistrationError> {
    match event.status {
        EventStatus::Draft => return Some(RegistrationError::NotFound),
        EventStatus::Closed => return Some(RegistrationError::Closed("registration for this event is closed")),
        EventStatus::Cancelled => return Some(RegistrationError::Closed("this event was cancelled")),
        EventStatus::Published => {}
    }
    let open = policy::registration_open(now, event.registration_closes_at, event.ends_at);
    (!open).then_some(RegistrationError::Closed("registration for this event is closed"))
}

/// The row a new registration is made of, once placed.
pub(super) fn row_of(event: &event::Model, new: NewRegistration, placed: Placed) -> NewRow {
    let Placed { organization_key, status, waitlist_reason, answers } = placed;
    NewRow {
        first_name: new.first_name,
        last_name: new.last_name,
        email: Some(new.email.as_str().to_owned()),
        organization: new.organization,
        organization_key,
        mode: new.mode,
        status,
        waitlist_reason: waitlist_reason.map(WaitReason::as_str),
        language: new.language,
        consent_source: new.consent_source,
        consent: new.consent_shown.map(|shown| {
            crate::privacy::consent::record(shown.language, event.retention_days, shown.privacy_url.as_deref())
        }),
        answers,
    }
}

/// What placing a new registration decided, beside the registrant's data.
pub(super) struct Placed {
    pub organization_key: String,
    pub status: RegistrationStatus,
    pub waitlist_reason: Option<WaitReason>,
    /// The answers as checked.
    pub answers: super::answers::Answers,
}

/// The first mail of a new registration: its ticket, its place in line, or its request received.
pub(super) fn first_mail(status: RegistrationStatus) -> Message {
    match status {
        RegistrationStatus::Confirmed => {
            Message::Confirmation { reason: ConfirmationReason::Registered, previous_mode: None, sequence: 0 }
        }
        RegistrationStatus::Pending => Message::RequestReceived,
        _ => Message::Waitlisted { approved: false },
    }
}

/// Where a public registration lands: a free public seat its organization may take, else the
/// waitlist (saying why), else refused. An approved request lands by the same rule, at the
/// moment of its approval.
pub(super) async fn public_placement(
    db: &impl ConnectionTrait,
    event: &event::Model,
    holder: Holder<'_>,
    now: DateTime<Utc>,
) -> Result<(RegistrationStatus, Option<WaitReason>), RegistrationError> {
    let seats_now = seats(event, holder.mode);
    let waiting_now = if seats_now.has_free() { waiting(db, event, holder.mode, now).await? } else { 0 };
    let organization = match organizations::cap_for(event, holder.organization_key, now) {
        Some(cap) if holder.mode == AttendanceMode::InPerson => Some(Seats {
            capacity: Some(cap),
            confirmed: organizations::seated(db, event.id, holder.organization_key).await?,
        }),
        _ => None,
    };
    let refused = |reason| match reason {
        WaitReason::Capacity => RegistrationError::CapacityFull,
        WaitReason::OrganizationCap => RegistrationError::OrganizationFull,
    };
    match seat_policy::place_new(seats_now, organization, event.waitlist, waiting_now) {
        Placement::Confirmed => match take_seat(db, event, holder, CapRule::Apply, now).await? {
            Taken::Seat => Ok((RegistrationStatus::Confirmed, None)),
            // The guard refused although the policy saw a seat: treat as full, never oversell.
            Taken::RoomFull if event.waitlist => Ok((RegistrationStatus::Waitlisted, Some(WaitReason::Capacity))),
            Taken::OrganizationFull if event.waitlist => {
                Ok((RegistrationStatus::Waitlisted, Some(WaitReason::OrganizationCap)))
            }
            Taken::RoomFull => Err(RegistrationError::CapacityFull),
            Taken::OrganizationFull => Err(RegistrationError::OrganizationFull),
        },
        Placement::Waitlisted(reason) => Ok((RegistrationStatus::Waitlisted, Some(reason))),
        Placement::Full(reason) => Err(refused(reason)),
    }
}

/// Cancels the registration behind `token`; a freed seat goes to the waitlist at once.
/// Cancelling twice changes nothing and answers the same.
pub async fn cancel(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(registration::Model, event::Model), RegistrationError> {
    cancel_with_note(db, RegistrationRef::Token(token), None, &Actor::Registrant, now).await
}

/// [`cancel`] by `actor`, with the organizer's words for the person in the cancellation mail.
#[tracing::instrument(skip_all)]
pub async fn cancel_with_note(
    db: &impl ConnectionTrait,
    which: RegistrationRef<'_>,
    note: Option<String>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(registration::Model, event::Model), RegistrationError> {
    let (reg, event) = lock_for_change(db, which).await?;
    if reg.status == RegistrationStatus::Cancelled {
        return Ok((reg, event));
    }
    if reg.status == RegistrationStatus::Declined {
        return Err(RegistrationError::Declined);
    }
    if !policy::may_cancel(now, event.ends_at) {
        return Err(RegistrationError::Closed("the event has ended"));
    }
    // The cancellation's calendar entry carries the sequence `cancel_locked` moves to.
    let mail = Message::Cancelled { sequence: reg.calendar_sequence + 1, note };
    let reg = cancel_locked(db, reg, &event, Some(mail), actor, now).await?;
    Ok((reg, event))
}

/// Cancels `reg` of `event` (locked by the caller), promoting from the waitlist into a freed
/// seat; `mail` (the cancellation) goes to the registrant when given: erasure sends none.
pub async fn cancel_locked(
    db: &impl ConnectionTrait,
    reg: registration::Model,
    event: &event::Model,
    mail: Option<Message>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<registration::Model, RegistrationError> {
    let was_confirmed = reg.status == RegistrationStatus::Confirmed;
    let mut active = reg.clone().into_active_model();
    active.status = Set(RegistrationStatus::Cancelled);
    active.active_email = Set(None);
    active.cancelled_at = Set(Some(now));
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    active.calendar_sequence = Set(reg.calendar_sequence + 1);
    let reg = active.update(db).await?;
    if was_confirmed && release_seat_of(db, &reg).await? {
        promote_waitlist(db, event.id, reg.mode, now).await?;
    }
    if let Some(message) = mail {
        mail_registrant(db, &reg, &message, actor, now).await?;
    }
    history::record(db, history::of(&reg), Kind::Cancelled, actor, &[("mode", reg.mode.as_str())], now).await?;
    Ok(reg)
}
