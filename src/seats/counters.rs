//! The seat counters on the event row, written with guarded updates.
//!
//! Every write that changes seats first takes the event's row lock ([`lock_event`]), so all
//! seat changes of one event are serialized on every backend; the guards below make the
//! database itself refuse to go past a capacity or below zero.

use entity::{AttendanceMode, RegistrationStatus, event, registration};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::policy::Seats;
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
    let mut update = event::Entity::update_many()
        .col_expr(event::Column::Revision, Expr::col(event::Column::Revision).add(1))
        .filter(event::Column::Id.eq(event_id));
    if next_seq {
        update = update.col_expr(event::Column::NextQueueSeq, Expr::col(event::Column::NextQueueSeq).add(1));
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

/// Takes one public seat if one is free; false when the mode is full. In person, the held
/// seats stay out of reach: `confirmed - held_used + held < capacity`.
pub async fn take_seat(db: &impl ConnectionTrait, event_id: Uuid, mode: AttendanceMode) -> Result<bool, DbErr> {
    let (confirmed, capacity) = columns(mode);
    let taken = match mode {
        AttendanceMode::InPerson => Expr::col(confirmed)
            .sub(Expr::col(event::Column::InPersonHeldUsed))
            .add(Expr::col(event::Column::InPersonHeld)),
        AttendanceMode::Online => Expr::col(confirmed),
    };
    let result = event::Entity::update_many()
        .col_expr(confirmed, Expr::col(confirmed).add(1))
        .filter(event::Column::Id.eq(event_id))
        .filter(Condition::any().add(capacity.is_null()).add(taken.lt(Expr::col(capacity))))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Gives one held seat (to a speaker or host); false when all are given. Held seats are part
/// of the room's capacity, so the room can never overflow.
pub async fn take_held_seat(db: &impl ConnectionTrait, event_id: Uuid) -> Result<bool, DbErr> {
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
    Ok(result.rows_affected == 1)
}

/// Gives a held seat back: it stays held, free for another speaker or host.
pub async fn release_held_seat(db: &impl ConnectionTrait, event_id: Uuid) -> Result<(), DbErr> {
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
    Ok(())
}

/// Gives back the seat `reg` holds, public or held, and says whether a public seat freed
/// (so the waitlist can move).
pub async fn release_seat_of(db: &impl ConnectionTrait, reg: &registration::Model) -> Result<bool, DbErr> {
    if reg.held_seat {
        release_held_seat(db, reg.event_id).await?;
        Ok(false)
    } else {
        release_seat(db, reg.event_id, reg.mode).await?;
        Ok(true)
    }
}

/// Gives one seat back.
pub async fn release_seat(db: &impl ConnectionTrait, event_id: Uuid, mode: AttendanceMode) -> Result<(), DbErr> {
    let (confirmed, _) = columns(mode);
    event::Entity::update_many()
        .col_expr(confirmed, Expr::col(confirmed).sub(1))
        .filter(event::Column::Id.eq(event_id))
        .filter(confirmed.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// How many registrations wait for a seat in `mode`.
pub async fn waiting(db: &impl ConnectionTrait, event_id: Uuid, mode: AttendanceMode) -> Result<u32, DbErr> {
    let n = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Mode.eq(mode))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .count(db)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}
