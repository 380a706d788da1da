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

pub fn seats(event: &event::Model, mode: AttendanceMode) -> Seats {
    let (confirmed, capacity) = match mode {
        AttendanceMode::InPerson => (event.in_person_confirmed, event.in_person_capacity),
        AttendanceMode::Online => (event.online_confirmed, event.online_capacity),
    };
    Seats {
        capacity: capacity.map(|c| u32::try_from(c).unwrap_or(0)),
        confirmed: u32::try_from(confirmed).unwrap_or(0),
    }
}

/// Takes one seat if one is free; false when the mode is full.
pub async fn take_seat(db: &impl ConnectionTrait, event_id: Uuid, mode: AttendanceMode) -> Result<bool, DbErr> {
    let (confirmed, capacity) = columns(mode);
    let result = event::Entity::update_many()
        .col_expr(confirmed, Expr::col(confirmed).add(1))
        .filter(event::Column::Id.eq(event_id))
        .filter(Condition::any().add(capacity.is_null()).add(Expr::col(confirmed).lt(Expr::col(capacity))))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
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
