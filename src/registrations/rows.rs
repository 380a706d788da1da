//! New registration rows: what every way of registering (the form, the API, imports, walk-ins)
//! writes, with fresh, independent secrets.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, event, registration};
use sea_orm::{ConnectionTrait, EntityTrait, IntoActiveModel};
use uuid::Uuid;

use super::answers::Answers;
use super::service::RegistrationError;
use crate::db::is_unique_violation;
use crate::secrets;

/// What a new registration row is made of; the rest (secrets, times, queue place) is filled in.
pub struct NewRow {
    pub first_name: String,
    pub last_name: String,
    /// Normalized; `None` for a walk-in without an address (never mailed, blocks nobody).
    pub email: Option<String>,
    pub organization: String,
    pub mode: AttendanceMode,
    pub status: RegistrationStatus,
    pub language: crate::domain::Language,
    pub consent_source: String,
    pub answers: Answers,
}

/// A new registration of `event` (locked with a reserved queue place): fresh, independent
/// secrets; consent given now.
/// A registration's secrets, each as (lookup hash, sealed copy): never kept as themselves.
pub struct FreshSecrets {
    pub ticket_code: (String, String),
    pub manage_token: (String, String),
    pub join_token: (String, String),
}

pub fn fresh_secrets() -> FreshSecrets {
    let kept = |value: String| (secrets::lookup_hash(&value), secrets::seal(&value));
    FreshSecrets {
        ticket_code: kept(secrets::ticket_code()),
        manage_token: kept(secrets::url_token()),
        join_token: kept(secrets::url_token()),
    }
}

pub fn new_row(event: &event::Model, row: NewRow, now: DateTime<Utc>) -> registration::Model {
    let fresh = fresh_secrets();
    registration::Model {
        id: Uuid::now_v7(),
        event_id: event.id,
        first_name: row.first_name,
        last_name: row.last_name,
        email: row.email.clone().unwrap_or_default(),
        active_email: row.email,
        organization: row.organization,
        mode: row.mode,
        status: row.status,
        queue_seq: event.next_queue_seq - 1,
        language: row.language,
        ticket_code: fresh.ticket_code.0,
        manage_token: fresh.manage_token.0,
        join_token: fresh.join_token.0,
        ticket_code_sealed: fresh.ticket_code.1,
        manage_token_sealed: fresh.manage_token.1,
        join_token_sealed: fresh.join_token.1,
        consent_at: now,
        consent_source: row.consent_source,
        answers: entity::json::Answers(row.answers),
        created_at: now,
        updated_at: now,
        confirmed_at: (row.status == RegistrationStatus::Confirmed).then_some(now),
        cancelled_at: None,
        link_resent_at: None,
        reminder_sent_at: None,
        calendar_sequence: 0,
        held_seat: false,
        index_revision: event.revision,
    }
}

/// Inserts a new registration; a clash on the active email (unreachable under the event lock,
/// the unique index is the backstop) is `AlreadyRegistered`.
pub async fn insert_row(
    db: &impl ConnectionTrait,
    registration: &registration::Model,
) -> Result<(), RegistrationError> {
    match registration::Entity::insert(registration.clone().into_active_model()).exec_without_returning(db).await {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => Err(RegistrationError::AlreadyRegistered),
        Err(e) => Err(e.into()),
    }
}
