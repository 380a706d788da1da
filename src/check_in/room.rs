//! Exit scans and the room's live head count, for events whose organizers turn them on.
//!
//! An exit is a row in `room_exit`, open (its `active_registration_id` set) while the person
//! is outside; scanning their ticket at the entrance again closes it. "In the room now" is the
//! event's active check-ins minus its open exits. Exits take the event's row lock, like scans,
//! and the unique `active_registration_id` is the backstop (inside a savepoint).

use chrono::{DateTime, Utc};
use entity::{checkin, door_setting, event, registration, room_exit};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, TransactionSession,
    TransactionTrait,
};
use uuid::Uuid;

use super::policy::{self, ExitDecision, RoomLevel};
use super::service::{Desk, Ticket, active_check_in, find_ticket};
use crate::db::FetchUnique;
use crate::error::AppError;
use crate::seats::lock_event;

/// An event's door settings; the defaults (no exit scans, the seats as the cap) when unset.
pub async fn settings(db: &impl ConnectionTrait, event_id: Uuid) -> Result<door_setting::Model, DbErr> {
    let found = door_setting::Entity::find_by_id(event_id).unique(db).await?;
    Ok(found.unwrap_or(door_setting::Model {
        event_id,
        exit_scans: false,
        room_cap: None,
        updated_at: chrono::DateTime::<Utc>::UNIX_EPOCH,
    }))
}

/// Turns exit scans on or off and sets the room's own cap (`None`: the in-person capacity).
#[tracing::instrument(skip_all)]
pub async fn set_settings(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    exit_scans: bool,
    room_cap: Option<i32>,
    now: DateTime<Utc>,
) -> Result<door_setting::Model, DbErr> {
    let row = door_setting::Model { event_id, exit_scans, room_cap, updated_at: now };
    let on_conflict = OnConflict::column(door_setting::Column::EventId)
        .update_columns([
            door_setting::Column::ExitScans,
            door_setting::Column::RoomCap,
            door_setting::Column::UpdatedAt,
        ])
        .to_owned();
    door_setting::Entity::insert(row.clone().into_active_model())
        .on_conflict(on_conflict)
        .exec_without_returning(db)
        .await?;
    Ok(row)
}

/// The room right now, as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomStatus {
    pub exit_scans: bool,
    /// The room's cap: its own, else the in-person capacity; `None` is unlimited.
    pub cap: Option<i32>,
    /// Only known with exit scans on.
    pub in_room: Option<i64>,
    pub level: Option<RoomLevel>,
}

pub async fn status(db: &impl ConnectionTrait, event: &event::Model) -> Result<RoomStatus, DbErr> {
    let setting = settings(db, event.id).await?;
    let cap = setting.room_cap.or(event.in_person_capacity);
    if !setting.exit_scans {
        return Ok(RoomStatus { exit_scans: false, cap, in_room: None, level: None });
    }
    let inside = checkin::Entity::find()
        .filter(checkin::Column::EventId.eq(event.id))
        .filter(checkin::Column::ActiveRegistrationId.is_not_null())
        .count(db)
        .await?;
    let outside = room_exit::Entity::find()
        .filter(room_exit::Column::EventId.eq(event.id))
        .filter(room_exit::Column::ActiveRegistrationId.is_not_null())
        .count(db)
        .await?;
    let in_room = inside.saturating_sub(outside);
    let level =
        policy::room_level(u32::try_from(in_room).unwrap_or(u32::MAX), cap.map(|c| u32::try_from(c).unwrap_or(0)));
    Ok(RoomStatus {
        exit_scans: true,
        cap,
        in_room: Some(i64::try_from(in_room).unwrap_or(i64::MAX)),
        level: Some(level),
    })
}

/// What an exit scan did.
#[derive(Debug, Clone)]
pub enum ExitOutcome {
    /// Scanned out now; `checked_in_at` is their (still active) check-in.
    Left {
        registration: Box<registration::Model>,
        checked_in_at: DateTime<Utc>,
        at: DateTime<Utc>,
    },
    /// Already outside since `at`.
    AlreadyOut {
        registration: Box<registration::Model>,
        checked_in_at: DateTime<Utc>,
        at: DateTime<Utc>,
    },
    NotCheckedIn {
        registration: Box<registration::Model>,
    },
    Unknown,
}

impl ExitOutcome {
    pub fn changed(&self) -> bool {
        matches!(self, ExitOutcome::Left { .. })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    #[error("no such event")]
    NotFound,
    #[error("exit scans are off for this event")]
    ExitScansOff,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<RoomError> for AppError {
    fn from(err: RoomError) -> Self {
        match err {
            RoomError::NotFound => AppError::NotFound,
            RoomError::ExitScansOff => AppError::conflict("conflict", err.to_string()),
            RoomError::Db(e) => AppError::from(e),
        }
    }
}

/// The registration's open exit, if it is outside.
async fn open_exit(db: &impl ConnectionTrait, registration_id: Uuid) -> Result<Option<room_exit::Model>, DbErr> {
    room_exit::Entity::find().filter(room_exit::Column::ActiveRegistrationId.eq(registration_id)).unique(db).await
}

/// Scans `raw_code` on the way out.
#[tracing::instrument(skip_all)]
pub async fn check_out<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event_id: Uuid,
    ticket: &Ticket,
    desk: &Desk,
    now: DateTime<Utc>,
) -> Result<ExitOutcome, RoomError> {
    lock_event(db, event_id, false).await?.ok_or(RoomError::NotFound)?;
    if !settings(db, event_id).await?.exit_scans {
        return Err(RoomError::ExitScansOff);
    }
    let Some(reg) = find_ticket(db, event_id, ticket).await? else {
        return Ok(ExitOutcome::Unknown);
    };
    let checked_in_at = active_check_in(db, reg.id).await?.map(|c| c.checked_in_at);
    let outside = open_exit(db, reg.id).await?;
    let registration = Box::new(reg);
    let (checked_in_at, decision) = match checked_in_at {
        None => (now, policy::decide_exit(false, outside.is_some())),
        Some(at) => (at, policy::decide_exit(true, outside.is_some())),
    };
    match decision {
        ExitDecision::NotCheckedIn => Ok(ExitOutcome::NotCheckedIn { registration }),
        ExitDecision::AlreadyOut => {
            Ok(ExitOutcome::AlreadyOut { registration, checked_in_at, at: outside.map_or(now, |e| e.exited_at) })
        }
        ExitDecision::Leave => {
            let row = room_exit::Model {
                id: Uuid::now_v7(),
                event_id,
                registration_id: registration.id,
                active_registration_id: Some(registration.id),
                exited_at: now,
                returned_at: None,
                desk: desk.label.clone(),
            };
            let savepoint = db.begin().await?;
            match room_exit::Entity::insert(row.into_active_model()).exec_without_returning(&savepoint).await {
                Ok(_) => {
                    savepoint.commit().await?;
                    Ok(ExitOutcome::Left { registration, checked_in_at, at: now })
                }
                Err(e) if crate::db::is_unique_violation(&e) => {
                    savepoint.rollback().await?;
                    let at = open_exit(db, registration.id).await?.map_or(now, |e| e.exited_at);
                    Ok(ExitOutcome::AlreadyOut { registration, checked_in_at, at })
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

/// Someone scanned at the entrance while outside: they are back. True when an exit was open.
pub async fn come_back(db: &impl ConnectionTrait, registration_id: Uuid, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let result = room_exit::Entity::update_many()
        .col_expr(room_exit::Column::ActiveRegistrationId, Expr::value(Option::<Uuid>::None))
        .col_expr(room_exit::Column::ReturnedAt, Expr::value(Some(now)))
        .filter(room_exit::Column::ActiveRegistrationId.eq(registration_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// A check-in was undone: an open exit closes with it (the person is no longer counted).
pub async fn forget_exit(db: &impl ConnectionTrait, registration_id: Uuid) -> Result<(), DbErr> {
    room_exit::Entity::update_many()
        .col_expr(room_exit::Column::ActiveRegistrationId, Expr::value(Option::<Uuid>::None))
        .filter(room_exit::Column::ActiveRegistrationId.eq(registration_id))
        .exec(db)
        .await?;
    Ok(())
}
