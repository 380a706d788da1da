//! Door requests a desk can replay: a scan (in or out) or a walk-in carrying a `nonce` is
//! answered once and remembered; the same nonce with the same content gets the first answer
//! again and does nothing, with other content it is refused. A scan may say when it happened
//! (`scanned_at`), within bounds. Everything runs under the event's lock, so two replays of
//! one nonce never both act.

use chrono::{DateTime, Utc};
use entity::{door_request, event};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, TransactionTrait};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::input::{DoorMeta, NewWalkIn};
use super::policy;
use super::room::{self, RoomError};
use super::service::{self, CheckInError, Desk, Ticket};
use super::view::{CheckInAnswer, ExitAnswer};
use crate::db::FetchUnique;
use crate::error::{AppError, FieldErrors};
use crate::events::view::zone;
use crate::registrations::service::RegistrationError;
use crate::seats::{CapRule, lock_event};

/// Which way a scan goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Entry,
    Exit,
}

/// One scan as the desk sent it.
#[derive(Debug, Clone)]
pub struct Scan {
    pub ticket: Ticket,
    pub direction: Direction,
    pub meta: DoorMeta,
}

/// Why a door request was refused.
#[derive(Debug, thiserror::Error)]
pub enum DoorError {
    #[error("no such event")]
    NotFound,
    #[error("this nonce was used for another request")]
    NonceReused,
    #[error("exit scans are off for this event")]
    ExitScansOff,
    #[error("invalid request")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Registration(#[from] RegistrationError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<DoorError> for AppError {
    fn from(err: DoorError) -> Self {
        match err {
            DoorError::NotFound => AppError::NotFound,
            DoorError::NonceReused | DoorError::ExitScansOff => AppError::conflict("conflict", err.to_string()),
            DoorError::Invalid(fields) => AppError::Validation(fields),
            DoorError::Registration(e) => e.into(),
            DoorError::Db(e) => AppError::from(e),
        }
    }
}

impl From<CheckInError> for DoorError {
    fn from(err: CheckInError) -> Self {
        match err {
            CheckInError::NotFound => DoorError::NotFound,
            CheckInError::Db(e) => DoorError::Db(e),
        }
    }
}

impl From<RoomError> for DoorError {
    fn from(err: RoomError) -> Self {
        match err {
            RoomError::NotFound => DoorError::NotFound,
            RoomError::ExitScansOff => DoorError::ExitScansOff,
            RoomError::Db(e) => DoorError::Db(e),
        }
    }
}

/// A door request's answer: its HTTP status and JSON body, and whether it wrote anything
/// (the caller commits then; otherwise it may roll back).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub changed: bool,
}

fn fingerprint(kind: &str, content: &Value) -> String {
    let digest = Sha256::digest(format!("{kind}\n{content}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The answer remembered for `nonce`, if any; `NonceReused` when it was for other content.
async fn recall(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    nonce: Uuid,
    print: &str,
) -> Result<Option<Answer>, DoorError> {
    let Some(row) = door_request::Entity::find_by_id((event_id, nonce)).unique(db).await? else {
        return Ok(None);
    };
    if row.fingerprint != print {
        return Err(DoorError::NonceReused);
    }
    let body = serde_json::from_str(&row.response).unwrap_or(Value::Null);
    Ok(Some(Answer { status: u16::try_from(row.status).unwrap_or(200), body, changed: false }))
}

async fn remember(
    db: &impl ConnectionTrait,
    (event_id, nonce): (Uuid, Uuid),
    kind: &str,
    print: String,
    answer: &Answer,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = door_request::Model {
        event_id,
        nonce,
        kind: kind.to_owned(),
        fingerprint: print,
        status: i32::from(answer.status),
        response: answer.body.to_string(),
        created_at: now,
    };
    door_request::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(())
}

/// A scan, in or out, at `event` (read by the caller).
pub async fn scan<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event: &event::Model,
    scan: &Scan,
    desk: &Desk,
    now: DateTime<Utc>,
) -> Result<Answer, DoorError> {
    let at = match scan.meta.scanned_at {
        Some(t) => policy::scan_time(t, now, event.starts_at, zone(event))
            .map_err(|e| DoorError::Invalid(FieldErrors::one("scanned_at", e)))?,
        None => now,
    };
    let (kind, ticket) = match (&scan.direction, &scan.ticket) {
        (Direction::Entry, t) => ("checkin", t),
        (Direction::Exit, t) => ("exit", t),
    };
    let content = match ticket {
        Ticket::Code(code) => json!({"code": crate::secrets::normalize_ticket_code(code)}),
        Ticket::Registration(id) => json!({"registration_id": id}),
    };
    let content =
        json!({"ticket": content, "scanned_at": scan.meta.scanned_at, "override_cap": scan.meta.override_cap});
    let print = fingerprint(kind, &content);
    if let Some(nonce) = scan.meta.nonce {
        lock_event(db, event.id, false).await?.ok_or(DoorError::NotFound)?;
        if let Some(answer) = recall(db, event.id, nonce, &print).await? {
            return Ok(answer);
        }
    }
    let mut answer = match scan.direction {
        Direction::Entry => {
            let rule = if scan.meta.override_cap { CapRule::Override } else { CapRule::Apply };
            let outcome = service::check_in(db, event.id, ticket, (desk, rule), at).await?;
            Answer { status: 200, body: json!(CheckInAnswer::from(&outcome)), changed: outcome.changed() }
        }
        Direction::Exit => {
            let outcome = room::check_out(db, event.id, ticket, desk, at).await?;
            Answer { status: 200, body: json!(ExitAnswer::from(&outcome)), changed: outcome.changed() }
        }
    };
    if let Some(nonce) = scan.meta.nonce {
        remember(db, (event.id, nonce), kind, print, &answer, now).await?;
        answer.changed = true;
    }
    Ok(answer)
}

/// A walk-in; `content` is the request as sent (its fingerprint).
pub async fn walk_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event_id: Uuid,
    (new, content): (NewWalkIn, Value),
    meta: DoorMeta,
    desk: &Desk,
    now: DateTime<Utc>,
) -> Result<Answer, DoorError> {
    let print = fingerprint("walkin", &content);
    if let Some(nonce) = meta.nonce {
        lock_event(db, event_id, false).await?.ok_or(DoorError::NotFound)?;
        if let Some(answer) = recall(db, event_id, nonce, &print).await? {
            return Ok(answer);
        }
    }
    let rule = if meta.override_cap { CapRule::Override } else { CapRule::Apply };
    let outcome = service::walk_in(db, event_id, new, (desk, rule), now).await?;
    let answer = Answer { status: 201, body: json!(CheckInAnswer::from(&outcome)), changed: true };
    if let Some(nonce) = meta.nonce {
        remember(db, (event_id, nonce), "walkin", print, &answer, now).await?;
    }
    Ok(answer)
}
