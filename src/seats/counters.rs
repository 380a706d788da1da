//! The seat counters on the event row, written with guarded updates.
//!
//! Every write that changes seats first takes the event's row lock ([`lock_event`]), so all
//! seat changes of one event are serialized on every backend; the guards below make the
//! database itself refuse to go past a capacity or below zero.

use entity::{AttendanceMode, RegistrationStatus, event, registration};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::organizations;
use super::policy::{self, Seats};
use crate::db::FetchUnique;

fn columns(mode: AttendanceMode) -> (event::Column, event::Column) {
    match mode {
        AttendanceMode::InPerson => (event::Column::InPersonConfirmed, event::Column::InPersonCapacity),
        AttendanceMode::Online => (event::Column::OnlineConfirmed, event::Column::OnlineCapacity),
    }
}

/// Takes the event's row lock for the rest of the transaction and returns the row as it is
/// now; `None` if there is no such event. With `next_seq`, also reserves a waitlist position
/// (`next_queue_seq - 1` of the returned row).
pub async fn lock_event(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    next_seq: bool,
) -> Result<Option<event::Model>, DbErr> {
    lock_event_reserving(db, event_id, i32::from(next_seq)).await
}

/// [`lock_event`], reserving `places` waitlist positions: `next_queue_seq - places` up to
/// `next_queue_seq - 1` of the returned row.
pub async fn lock_event_reserving(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    places: i32,
) -> Result<Option<event::Model>, DbErr> {
    let mut update = event::Entity::update_many()
        .col_expr(event::Column::Revision, Expr::col(event::Column::Revision).add(1))
        .filter(event::Column::Id.eq(event_id));
    if places > 0 {
        update = update.col_expr(event::Column::NextQueueSeq, Expr::col(event::Column::NextQueueSeq).add(places));
    }
    // One round trip where the database can return the updated row (SQLite, PostgreSQL).
    if db.support_returning() {
        return Ok(update.exec_with_returning(db).await?.into_iter().next());
    }
    if update.exec(db).await?.rows_affected == 0 {
        return Ok(None);
    }
    event::Entity::find_by_id(event_id).unique(db).await
}

/// The seats the public, the waitlist and walk-ins may take: for in person, the room's
/// capacity less the seats held back for speakers and hosts, and the confirmed count less
/// the held seats given.
pub fn seats(event: &event::Model, mode: AttendanceMode) -> Seats {
    let count = |n: i32| u32::try_from(n).unwrap_or(0);
    match mode {
        AttendanceMode::InPerson => Seats {
            capacity: event.in_person_capacity.map(|c| count(c).saturating_sub(count(event.in_person_held))),
            confirmed: count(event.in_person_confirmed).saturating_sub(count(event.in_person_held_used)),
        },
        AttendanceMode::Online => {
            Seats { capacity: event.online_capacity.map(count), confirmed: count(event.online_confirmed) }
        }
    }
}

/// The held seats: how many there are and how many are given.
pub fn held_seats(event: &event::Model) -> Seats {
    let count = |n: i32| u32::try_from(n).unwrap_or(0);
    Seats { capacity: Some(count(event.in_person_held)), confirmed: count(event.in_person_held_used) }
}

/// Whether a seat may go past its organization's cap: only with a staff member's recorded
/// override (and an organizer's held seat, their own decision).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapRule {
    Apply,
    Override,
}

/// What asking for a seat did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    Seat,
    /// The mode is full: nothing changed.
    RoomFull,
    /// The organization has used its in-person seats: nothing changed.
    OrganizationFull,
}

/// Who takes or gives back a seat: the mode, and the organization its in-person seat counts for.
#[derive(Debug, Clone, Copy)]
pub struct Holder<'a> {
    pub mode: AttendanceMode,
    pub organization_key: &'a str,
}

impl<'a> Holder<'a> {
    pub fn of(reg: &'a registration::Model) -> Holder<'a> {
        Holder { mode: reg.mode, organization_key: reg.organization_key.as_deref().unwrap_or("") }
    }

    /// The same person in another mode.
    pub fn in_mode(self, mode: AttendanceMode) -> Holder<'a> {
        Holder { mode, ..self }
    }
}

/// Takes one public seat for `holder` if the mode has one free and (in person, under `rule`)
/// their organization is below its cap. In person, the held seats stay out of reach:
/// `confirmed - held_used + held < capacity`. The caller holds the event lock.
pub async fn take_seat(
    db: &impl ConnectionTrait,
    event: &event::Model,
    holder: Holder<'_>,
    rule: CapRule,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Taken, DbErr> {
    let in_person = holder.mode == AttendanceMode::InPerson;
    if in_person
        && rule == CapRule::Apply
        && let Some(cap) = organizations::cap_for(event, holder.organization_key, now)
        && organizations::seated(db, event.id, holder.organization_key).await? >= cap
    {
        return Ok(Taken::OrganizationFull);
    }
    if !take_seats(db, event.id, &[(holder.mode, 1)]).await? {
        return Ok(Taken::RoomFull);
    }
    if in_person {
        organizations::count(db, event.id, holder.organization_key, 1).await?;
    }
    Ok(Taken::Seat)
}

/// Takes, for each mode listed, its number of public seats, all in one statement: all of them,
/// or none when one mode has fewer free. The organizations' counters are the caller's. The
/// caller holds the event lock.
pub async fn take_seats(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    wanted: &[(AttendanceMode, u32)],
) -> Result<bool, DbErr> {
    let mut update = event::Entity::update_many().filter(event::Column::Id.eq(event_id));
    let mut taking = false;
    for &(mode, seats) in wanted.iter().filter(|(_, seats)| *seats > 0) {
        let (confirmed, capacity) = columns(mode);
        let taken = match mode {
            AttendanceMode::InPerson => Expr::col(confirmed)
                .sub(Expr::col(event::Column::InPersonHeldUsed))
                .add(Expr::col(event::Column::InPersonHeld)),
            AttendanceMode::Online => Expr::col(confirmed),
        };
        let seats = i32::try_from(seats).unwrap_or(i32::MAX);
        // taken + seats <= capacity, written as taken + (seats - 1) < capacity.
        let room_left = taken.add(seats - 1).lt(Expr::col(capacity));
        update = update
            .col_expr(confirmed, Expr::col(confirmed).add(seats))
            .filter(Condition::any().add(capacity.is_null()).add(room_left));
        taking = true;
    }
    if !taking {
        return Ok(true);
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Gives one held seat (to a speaker or host of `organization_key`); false when all are given.
/// Held seats are part of the room's capacity, so the room can never overflow; they count for
/// the organization like any seat, and an organizer's giving one is never refused by its cap.
pub async fn take_held_seat(db: &impl ConnectionTrait, event_id: Uuid, organization_key: &str) -> Result<bool, DbErr> {
    let (confirmed, capacity) = columns(AttendanceMode::InPerson);
    let used = event::Column::InPersonHeldUsed;
    let result = event::Entity::update_many()
        .col_expr(confirmed, Expr::col(confirmed).add(1))
        .col_expr(used, Expr::col(used).add(1))
        .filter(event::Column::Id.eq(event_id))
        .filter(Expr::col(used).lt(Expr::col(event::Column::InPersonHeld)))
        .filter(Condition::any().add(capacity.is_null()).add(Expr::col(confirmed).lt(Expr::col(capacity))))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        organizations::count(db, event_id, organization_key, 1).await?;
    }
    Ok(result.rows_affected == 1)
}

/// Gives a held seat back: it stays held, free for another speaker or host.
pub async fn release_held_seat(db: &impl ConnectionTrait, event_id: Uuid, organization_key: &str) -> Result<(), DbErr> {
    let (confirmed, _) = columns(AttendanceMode::InPerson);
    let used = event::Column::InPersonHeldUsed;
    event::Entity::update_many()
        .col_expr(confirmed, Expr::col(confirmed).sub(1))
        .col_expr(used, Expr::col(used).sub(1))
        .filter(event::Column::Id.eq(event_id))
        .filter(confirmed.gt(0))
        .filter(used.gt(0))
        .exec(db)
        .await?;
    organizations::count(db, event_id, organization_key, -1).await
}

/// Gives back the seat `reg` holds, public or held, and says whether a public seat freed
/// (so the waitlist can move).
pub async fn release_seat_of(db: &impl ConnectionTrait, reg: &registration::Model) -> Result<bool, DbErr> {
    let holder = Holder::of(reg);
    if reg.held_seat {
        release_held_seat(db, reg.event_id, holder.organization_key).await?;
        Ok(false)
    } else {
        release_seat(db, reg.event_id, holder).await?;
        Ok(true)
    }
}

/// Gives one seat back (and, in person, its organization's).
pub async fn release_seat(db: &impl ConnectionTrait, event_id: Uuid, holder: Holder<'_>) -> Result<(), DbErr> {
    let (confirmed, _) = columns(holder.mode);
    event::Entity::update_many()
        .col_expr(confirmed, Expr::col(confirmed).sub(1))
        .filter(event::Column::Id.eq(event_id))
        .filter(confirmed.gt(0))
        .exec(db)
        .await?;
    if holder.mode == AttendanceMode::InPerson {
        organizations::count(db, event_id, holder.organization_key, -1).await?;
    }
    Ok(())
}

/// How many registrations wait for a seat in `mode` and could take one now: in person under
/// an organization cap, those whose organization has used its seats cannot.
pub async fn waiting(
    db: &impl ConnectionTrait,
    event: &event::Model,
    mode: AttendanceMode,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u32, DbErr> {
    let mut query = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event.id))
        .filter(registration::Column::Mode.eq(mode))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted));
    let cap = policy::organization_cap(event.per_organization_in_person_cap, event.organization_cap_lifts_at, now);
    if mode == AttendanceMode::InPerson
        && let Some(cap) = cap
    {
        let capped = organizations::capped_keys(db, event.id, cap).await?;
        if !capped.is_empty() {
            query = query.filter(registration::Column::OrganizationKey.is_not_in(capped));
        }
    }
    Ok(u32::try_from(query.count(db).await?).unwrap_or(u32::MAX))
}
