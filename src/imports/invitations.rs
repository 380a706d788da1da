//! Invitations: instead of registering a partner from an imported list, mail them a personal
//! link (`/e/{slug}?invite={token}`) that pre-fills the public registration form. The partner
//! still registers and consents themselves. Tokens carry 256 random bits.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, event, invitation};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::FetchUnique;
use crate::domain::{EmailAddress, Language};
use crate::mail::Message;
use crate::mail::outbox::{self, Recipient};
use crate::secrets;

/// Who to invite, already validated.
#[derive(Debug, Clone)]
pub struct Invitee {
    pub email: EmailAddress,
    pub first_name: String,
    pub last_name: String,
    pub organization: String,
    pub language: Language,
    pub mode: Option<AttendanceMode>,
}

/// What the public registration form is pre-filled with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct InvitationPrefill {
    pub invitation_id: Uuid,
    pub event_id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub organization: String,
    pub language: Language,
    pub mode: Option<AttendanceMode>,
}

/// Stores an invitation and queues its mail, in the caller's transaction.
pub async fn create(
    db: &impl ConnectionTrait,
    event: &event::Model,
    invitee: Invitee,
    invited_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<invitation::Model, DbErr> {
    let row = store(db, event, invitee, invited_by, now).await?;
    outbox::enqueue(db, recipient(&row), &Message::Invitation { invitation_id: row.id }, now).await?;
    Ok(row)
}

/// Stores an invitation without mailing it (the caller queues the mail its own way).
pub async fn store(
    db: &impl ConnectionTrait,
    event: &event::Model,
    invitee: Invitee,
    invited_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<invitation::Model, DbErr> {
    let token = secrets::url_token();
    let row = invitation::Model {
        id: Uuid::now_v7(),
        event_id: event.id,
        token: secrets::lookup_hash(&token),
        token_sealed: secrets::seal(&token),
        email: invitee.email.as_str().to_owned(),
        first_name: invitee.first_name,
        last_name: invitee.last_name,
        organization: invitee.organization,
        language: invitee.language,
        mode: invitee.mode.map(|m| m.as_str().to_owned()),
        invited_by,
        created_at: now,
        used_at: None,
        registration_id: None,
    };
    invitation::Entity::insert(row.clone().into_active_model()).exec_without_returning(db).await?;
    Ok(row)
}

/// Who an invitation's mail goes to: the invitation itself (there is no registration yet).
pub fn recipient(row: &invitation::Model) -> Recipient {
    Recipient { event_id: row.event_id, registration_id: None, language: row.language }
}

/// The invitations of `event_id` to `email`.
fn to_address(event_id: Uuid, email: &str) -> sea_orm::Select<invitation::Entity> {
    invitation::Entity::find()
        .filter(invitation::Column::EventId.eq(event_id))
        .filter(invitation::Column::Email.eq(email))
}

/// The latest invitation of `event_id` for `email`, used or not.
pub async fn latest_for(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    email: &str,
) -> Result<Option<invitation::Model>, DbErr> {
    to_address(event_id, email).order_by_desc(invitation::Column::CreatedAt).one(db).await
}

/// An unused invitation of `event_id` for `email`, if one was sent.
pub async fn pending_for(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    email: &str,
) -> Result<Option<invitation::Model>, DbErr> {
    to_address(event_id, email).filter(invitation::Column::UsedAt.is_null()).one(db).await
}

/// The pre-fill for the public form behind `?invite=token`; `None` for an unknown or
/// malformed token. A used link still fills the form in: it serves its person again after a
/// cancellation (whether it serves whoever submits is `registrations::access`'s question).
pub async fn find_by_token(db: &impl ConnectionTrait, token: &str) -> Result<Option<InvitationPrefill>, DbErr> {
    if !crate::secrets::is_url_token(token) {
        return Ok(None);
    }
    let row =
        invitation::Entity::find().filter(invitation::Column::Token.eq(secrets::lookup_hash(token))).unique(db).await?;
    Ok(row.map(|r| InvitationPrefill {
        invitation_id: r.id,
        event_id: r.event_id,
        language: r.language,
        mode: r.mode.as_deref().and_then(AttendanceMode::parse),
        email: r.email,
        first_name: r.first_name,
        last_name: r.last_name,
        organization: r.organization,
    }))
}
