//! Registration rows: the new ones every way of registering (the form, the API, imports,
//! walk-ins) writes, with fresh, independent secrets, and finding one by its manage token.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, event, registration};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use super::answers::Answers;
use super::service::RegistrationError;
use crate::db::{FetchUnique, is_unique_violation};
use crate::privacy::consent::ConsentRecord;
use crate::seats::lock_event;
use crate::secrets;

/// What a new registration row is made of; the rest (secrets, times, queue place) is filled in.
pub struct NewRow {
    pub first_name: String,
    pub last_name: String,
    /// Normalized; `None` for a walk-in without an address (never mailed, blocks nobody).
    pub email: Option<String>,
    pub organization: String,
    /// The organization's key at this event (`seats::organizations::key_at`).
    pub organization_key: String,
    pub mode: AttendanceMode,
    pub status: RegistrationStatus,
    /// Why it waits, when it does (`capacity` or `organization_cap`).
    pub waitlist_reason: Option<&'static str>,
    pub language: crate::domain::Language,
    pub consent_source: String,
    /// The consent sentence shown, when the server's own was.
    pub consent: Option<ConsentRecord>,
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

/// Puts fresh, independent secrets on `active`: its old ticket code and links stop working.
pub fn renew_secrets(active: &mut registration::ActiveModel) {
    use sea_orm::Set;
    let fresh = fresh_secrets();
    active.ticket_code = Set(Some(fresh.ticket_code.0));
    active.ticket_code_sealed = Set(Some(fresh.ticket_code.1));
    active.manage_token = Set(Some(fresh.manage_token.0));
    active.manage_token_sealed = Set(Some(fresh.manage_token.1));
    active.join_token = Set(Some(fresh.join_token.0));
    active.join_token_sealed = Set(Some(fresh.join_token.1));
}

pub fn new_row(event: &event::Model, row: NewRow, now: DateTime<Utc>) -> registration::Model {
    let fresh = fresh_secrets();
    registration::Model {
        id: Uuid::now_v7(),
        event_id: event.id,
        first_name: Some(row.first_name),
        last_name: Some(row.last_name),
        email: Some(row.email.clone().unwrap_or_default()),
        active_email: row.email,
        organization: row.organization,
        organization_key: Some(row.organization_key),
        waitlist_reason: row.waitlist_reason.map(str::to_owned),
        transferred_revision: None,
        mode: row.mode,
        status: row.status,
        queue_seq: event.next_queue_seq - 1,
        language: row.language,
        ticket_code: Some(fresh.ticket_code.0),
        manage_token: Some(fresh.manage_token.0),
        join_token: Some(fresh.join_token.0),
        ticket_code_sealed: Some(fresh.ticket_code.1),
        manage_token_sealed: Some(fresh.manage_token.1),
        join_token_sealed: Some(fresh.join_token.1),
        consent_at: now,
        consent_source: row.consent_source,
        answers: Some(entity::json::Answers(row.answers)),
        created_at: now,
        updated_at: now,
        confirmed_at: (row.status == RegistrationStatus::Confirmed).then_some(now),
        cancelled_at: None,
        link_resent_at: None,
        reminder_sent_at: None,
        calendar_sequence: 0,
        held_seat: false,
        index_revision: event.revision,
        erased_at: None,
        consent_version: row.consent.as_ref().map(|c| c.version.clone()),
        consent_language: row.consent.as_ref().map(|c| c.language.code().to_owned()),
        consent_privacy_url: row.consent.as_ref().and_then(|c| c.privacy_url.clone()),
        consent_text: row.consent.map(|c| c.text),
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

/// Inserts new registrations with one statement (none is fine).
pub async fn insert_rows(db: &impl ConnectionTrait, rows: Vec<registration::Model>) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    registration::Entity::insert_many(rows.into_iter().map(IntoActiveModel::into_active_model))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Looks a registration up by its manage token.
pub async fn find_by_manage_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(registration::Model, event::Model)>, DbErr> {
    find_by_token(db, registration::Column::ManageToken, token).await
}

/// Looks a registration up by one of its link tokens (`column` holds the tokens' hashes).
pub async fn find_by_token(
    db: &impl ConnectionTrait,
    column: registration::Column,
    token: &str,
) -> Result<Option<(registration::Model, event::Model)>, DbErr> {
    // Tokens are 43 URL-safe characters; anything else cannot match and needs no query.
    if !crate::secrets::is_url_token(token) {
        return Ok(None);
    }
    let hash = crate::secrets::lookup_hash(token);
    let Some(reg) = registration::Entity::find().filter(column.eq(hash)).unique(db).await? else {
        return Ok(None);
    };
    let event = event::Entity::find_by_id(reg.event_id).unique(db).await?;
    Ok(event.map(|e| (reg, e)))
}

/// Which registration a change is for: the registrant's own (by the token in their link) or
/// one an organizer picked (by id; the stored token is only a hash).
#[derive(Debug, Clone, Copy)]
pub enum RegistrationRef<'a> {
    Token(&'a str),
    Id(Uuid),
}

/// Locks the registration's event, then reads the registration again as it is now.
pub(super) async fn lock_for_change(
    db: &impl ConnectionTrait,
    which: RegistrationRef<'_>,
) -> Result<(registration::Model, event::Model), RegistrationError> {
    let reg = match which {
        RegistrationRef::Token(token) => find_by_manage_token(db, token).await?.map(|(reg, _)| reg),
        RegistrationRef::Id(id) => registration::Entity::find_by_id(id).unique(db).await?,
    };
    let reg = reg.ok_or(RegistrationError::NotFound)?;
    let event = lock_event(db, reg.event_id, false).await?.ok_or(RegistrationError::NotFound)?;
    let reg = registration::Entity::find_by_id(reg.id).unique(db).await?.ok_or(RegistrationError::NotFound)?;
    if reg.is_erased() {
        return Err(RegistrationError::NotFound);
    }
    Ok((reg, event))
}
