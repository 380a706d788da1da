//! Check-in use cases: scan a ticket, undo a check-in, register a walk-in.
//!
//! Each takes the caller's transaction and never commits it. Every scan and walk-in first
//! takes the event's row lock (the lock order of `registrations`: event row, then
//! registration rows, then check-in rows), so under that lock "is there an active check-in?"
//! followed by an insert cannot race. The unique `checkin.active_registration_id` is the
//! backstop: the insert runs inside a savepoint, so a violation (a writer that did not take
//! the lock) rolls back only the savepoint — on PostgreSQL a failed statement would abort the
//! whole transaction — and becomes `AlreadyCheckedIn`.
//!
//! Only [`CheckInOutcome::CheckedIn`] changes anything; the caller rolls back every other
//! outcome, so "capacity full, nothing changed" holds even for the event lock's bookkeeping.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, checkin, event, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use super::policy::{self, Decision};
use super::room;
use crate::db::FetchUnique;
use crate::db::is_unique_violation;
use crate::error::AppError;
use crate::events::view::offers;
use crate::history::{self, Actor, Kind};
use crate::mail::Message;
use crate::mail::messages::ConfirmationReason;
use crate::mail::outbox::{self, Recipient};
use crate::seats::{CapRule, Holder, Taken, lock_event, promote_waitlist, release_seat, seats, take_seat};
use crate::web::identity::CurrentUser;

/// Who scanned: recorded on the check-in (and on its undo).
#[derive(Debug, Clone)]
pub struct Desk {
    /// A staff account's email, or a desk link's label.
    pub label: String,
    pub user_id: Option<Uuid>,
}

impl Desk {
    pub fn user(user: &CurrentUser) -> Desk {
        Desk { label: user.email.chars().take(200).collect(), user_id: Some(user.id) }
    }

    /// Who is at the desk: a staff account by its email, a desk session by its link's label
    /// (what the dashboard and the history show as who checked someone in).
    pub async fn for_user(db: &impl ConnectionTrait, user: &CurrentUser) -> Result<Desk, DbErr> {
        if user.event_scope.is_none() {
            return Ok(Desk::user(user));
        }
        let link = entity::desk_link::Entity::find_by_id(user.id).unique(db).await?;
        let label = link.map_or_else(|| "desk".to_owned(), |l| l.label.chars().take(200).collect());
        Ok(Desk { label, user_id: None })
    }
}

/// What a scan did (API.md "Check-in").
#[derive(Debug, Clone)]
pub enum CheckInOutcome {
    /// Checked in now; `mode_changed` when an online registration took a seat in the room.
    CheckedIn {
        registration: Box<registration::Model>,
        at: DateTime<Utc>,
        mode_changed: bool,
    },
    /// Checked in before, at `at` (the first time); `returned` when the scan closed an exit
    /// (events with exit scans: the person came back into the room).
    AlreadyCheckedIn {
        registration: Box<registration::Model>,
        at: DateTime<Utc>,
        returned: bool,
    },
    /// No such ticket at this event.
    Unknown,
    Cancelled {
        registration: Box<registration::Model>,
    },
    /// Still on a waitlist.
    NotConfirmed {
        registration: Box<registration::Model>,
    },
    /// An online registration turned up and no seat is free; nothing changed.
    CapacityFull {
        registration: Box<registration::Model>,
    },
    /// An online registration turned up and its organization has used its seats in the room
    /// (staff may override); nothing changed.
    OrganizationFull {
        registration: Box<registration::Model>,
    },
}

impl CheckInOutcome {
    /// True only when this outcome wrote something the caller must commit.
    pub fn changed(&self) -> bool {
        matches!(self, CheckInOutcome::CheckedIn { .. } | CheckInOutcome::AlreadyCheckedIn { returned: true, .. })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CheckInError {
    #[error("no such event or check-in")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<CheckInError> for AppError {
    fn from(err: CheckInError) -> Self {
        match err {
            CheckInError::NotFound => AppError::NotFound,
            CheckInError::Db(e) => AppError::from(e),
        }
    }
}

fn recipient(reg: &registration::Model) -> Recipient {
    Recipient::registrant(reg)
}

/// A walk-in registered without an address has an empty `email`: nothing is mailed to it.
pub fn mailable(reg: &registration::Model) -> bool {
    !reg.email().is_empty()
}

/// The registration's active check-in, if any.
pub async fn active_check_in(
    db: &impl ConnectionTrait,
    registration_id: Uuid,
) -> Result<Option<checkin::Model>, DbErr> {
    checkin::Entity::find().filter(checkin::Column::ActiveRegistrationId.eq(registration_id)).unique(db).await
}

/// When each of `ids` checked in (active check-ins only).
pub async fn check_in_times(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, DateTime<Utc>>, DbErr> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = checkin::Entity::find().filter(checkin::Column::ActiveRegistrationId.is_in(ids)).all(db).await?;
    Ok(rows.into_iter().map(|c| (c.registration_id, c.checked_in_at)).collect())
}

/// What the desk presents: a scanned or typed ticket code, or a registration picked from a
/// name search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ticket {
    Code(String),
    Registration(Uuid),
}

/// The registration of `event_id` that `ticket` names, if any.
pub async fn find_ticket(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    ticket: &Ticket,
) -> Result<Option<registration::Model>, sea_orm::DbErr> {
    let find = registration::Entity::find().filter(registration::Column::EventId.eq(event_id));
    match ticket {
        Ticket::Code(raw_code) => {
            let code = policy::normalize_scanned_code(raw_code);
            if !policy::could_be_ticket_code(&code) {
                return Ok(None);
            }
            find.filter(registration::Column::TicketCode.eq(crate::secrets::lookup_hash(&code))).unique(db).await
        }
        Ticket::Registration(id) => find.filter(registration::Column::Id.eq(*id)).unique(db).await,
    }
}

pub use super::walk_in::walk_in;

/// Checks `ticket` in at `event_id`'s door.
#[tracing::instrument(skip_all)]
pub async fn check_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event_id: Uuid,
    ticket: &Ticket,
    (desk, rule): (&Desk, CapRule),
    now: DateTime<Utc>,
) -> Result<CheckInOutcome, CheckInError> {
    let event = lock_event(db, event_id, false).await?.ok_or(CheckInError::NotFound)?;
    let Some(reg) = find_ticket(db, event_id, ticket).await? else {
        return Ok(CheckInOutcome::Unknown);
    };
    let existing = active_check_in(db, reg.id).await?;
    let room = offers(&event, AttendanceMode::InPerson).then(|| seats(&event, AttendanceMode::InPerson));
    let registration = Box::new(reg);
    match policy::decide(registration.status, registration.mode, existing.is_some(), room) {
        Decision::Cancelled => Ok(CheckInOutcome::Cancelled { registration }),
        Decision::NotConfirmed => Ok(CheckInOutcome::NotConfirmed { registration }),
        Decision::NoSeat => Ok(CheckInOutcome::CapacityFull { registration }),
        Decision::AlreadyCheckedIn => {
            let at = existing.map_or(now, |c| c.checked_in_at);
            let returned = room::come_back(db, registration.id, now).await?;
            Ok(CheckInOutcome::AlreadyCheckedIn { registration, at, returned })
        }
        Decision::CheckIn => record(db, *registration, desk, (now, event.revision), false).await,
        Decision::SeatThenCheckIn => {
            let in_room = Holder::of(&registration).in_mode(AttendanceMode::InPerson);
            match take_seat_at_door(db, &event, (in_room, rule), desk, &registration, now).await? {
                Taken::Seat => {}
                // The guard refusing although the policy saw a seat: full after all, never oversold.
                Taken::RoomFull => return Ok(CheckInOutcome::CapacityFull { registration }),
                Taken::OrganizationFull => return Ok(CheckInOutcome::OrganizationFull { registration }),
            }
            let moved = move_to_room(db, &event, *registration, now).await?;
            record(db, moved, desk, (now, event.revision), true).await
        }
    }
}

/// A seat in the room at the door: under the organization cap, or past it with the staff's
/// override, recorded in the person's history with the desk that made it.
async fn take_seat_at_door(
    db: &impl ConnectionTrait,
    event: &event::Model,
    (holder, rule): (Holder<'_>, CapRule),
    desk: &Desk,
    reg: &registration::Model,
    now: DateTime<Utc>,
) -> Result<Taken, DbErr> {
    let taken = take_seat(db, event, holder, CapRule::Apply, now).await?;
    if taken != Taken::OrganizationFull || rule == CapRule::Apply {
        return Ok(taken);
    }
    let taken = take_seat(db, event, holder, CapRule::Override, now).await?;
    if taken == Taken::Seat {
        let actor = Actor::Desk(desk.label.clone());
        history::record(db, history::of(reg), Kind::CapOverridden, &actor, &[("mode", "in_person")], now).await?;
    }
    Ok(taken)
}

/// Writes the check-in of `registration` (the caller decided it is due), or reports the
/// active one that is already there: a unique violation rolls back only its savepoint, so the
/// caller's transaction stays usable on every backend.
pub async fn record<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    registration: registration::Model,
    desk: &Desk,
    (now, revision): (DateTime<Utc>, i64),
    mode_changed: bool,
) -> Result<CheckInOutcome, CheckInError> {
    let row = check_in_row(&registration, desk, now);
    let savepoint = db.begin().await?;
    match checkin::Entity::insert(row.into_active_model()).exec_without_returning(&savepoint).await {
        Ok(_) => {
            savepoint.commit().await?;
            super::index::touch(db, registration.id, revision).await?;
            Ok(CheckInOutcome::CheckedIn { registration: Box::new(registration), at: now, mode_changed })
        }
        Err(e) if is_unique_violation(&e) => {
            savepoint.rollback().await?;
            let at = active_check_in(db, registration.id).await?.map_or(now, |c| c.checked_in_at);
            Ok(CheckInOutcome::AlreadyCheckedIn { registration: Box::new(registration), at, returned: false })
        }
        Err(e) => Err(e.into()),
    }
}

/// The active check-in of `reg` at `now` by `desk`, as [`record`] writes it.
pub(super) fn check_in_row(reg: &registration::Model, desk: &Desk, now: DateTime<Utc>) -> checkin::Model {
    checkin::Model {
        id: Uuid::now_v7(),
        event_id: reg.event_id,
        registration_id: reg.id,
        active_registration_id: Some(reg.id),
        checked_in_at: now,
        desk: desk.label.clone(),
        user_id: desk.user_id,
        undone_at: None,
        undone_by: None,
    }
}

/// Moves a confirmed online registration into the room (its room seat already taken): the
/// online seat is given back and that mode's waitlist promoted, and the registrant gets the
/// same mail as for a mode switch they made themselves.
async fn move_to_room(
    db: &impl ConnectionTrait,
    event: &event::Model,
    reg: registration::Model,
    now: DateTime<Utc>,
) -> Result<registration::Model, DbErr> {
    release_seat(db, event.id, Holder::of(&reg)).await?;
    let sequence = reg.calendar_sequence + 1;
    let mut active = reg.into_active_model();
    active.mode = Set(AttendanceMode::InPerson);
    active.status = Set(RegistrationStatus::Confirmed);
    active.confirmed_at = Set(Some(now));
    active.calendar_sequence = Set(sequence);
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    let moved = active.update(db).await?;
    promote_waitlist(db, event.id, AttendanceMode::Online, now).await?;
    if mailable(&moved) {
        let message = Message::Confirmation {
            reason: ConfirmationReason::ModeSwitched,
            previous_mode: Some(AttendanceMode::Online),
            sequence,
        };
        outbox::enqueue(db, recipient(&moved), &message, now).await?;
    }
    Ok(moved)
}

/// Undoes the active check-in of `registration_id` at `event_id`; the row stays in the log
/// with `undone_at`, and an open exit closes with it. A seat taken by an online registrant at
/// the door is kept.
#[tracing::instrument(skip_all)]
pub async fn undo(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    desk: &Desk,
    now: DateTime<Utc>,
) -> Result<(), CheckInError> {
    let event = lock_event(db, event_id, false).await?.ok_or(CheckInError::NotFound)?;
    let result = checkin::Entity::update_many()
        .col_expr(checkin::Column::ActiveRegistrationId, Expr::value(Option::<Uuid>::None))
        .col_expr(checkin::Column::UndoneAt, Expr::value(Some(now)))
        .col_expr(checkin::Column::UndoneBy, Expr::value(Some(desk.label.clone())))
        .filter(checkin::Column::EventId.eq(event_id))
        .filter(checkin::Column::ActiveRegistrationId.eq(registration_id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(CheckInError::NotFound);
    }
    room::forget_exit(db, registration_id).await?;
    super::index::touch(db, registration_id, event.revision).await?;
    Ok(())
}
