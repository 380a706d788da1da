//! Erasing registrants' personal data, keeping every figure of the event.
//!
//! Removed: names, email, answers, tokens and ticket code (NULL), consent text (the history
//! holds no personal details to remove: modes, statuses and field names only), invitations to the same address, the text and recipient of sent mails (and their
//! `.eml` files), mail not sent yet, replayable door answers, partner-list upload jobs. Kept: id,
//! event, mode, status, organization, language and every time, so stats, the organizations
//! report and the export's counts stay the same. A registration still active before the event
//! ends is cancelled first: its seat goes to the waitlist, and it is not mailed.

use std::path::Path;

use chrono::{DateTime, Utc};
use entity::{OutboxStatus, contact, door_request, event, import_job, invitation, outbox_email, registration};
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Value};
use uuid::Uuid;

use super::audit::{self, Action};
use crate::history::Actor;
use crate::mail::Message;
use crate::registrations::service::{RegistrationError, cancel_locked};
use crate::seats::lock_event;

/// What the first step of an erasure did: how many registrations it erased, and what is
/// left for the second step ([`scrub_leftovers`]).
#[derive(Debug, Default)]
pub struct Erased {
    pub registrations: u64,
    pub leftovers: Leftovers,
}

/// What the second step removes, outside the event lock: the mails (which the mail worker
/// locks in its own order), finished upload jobs and future-invitation contacts.
#[derive(Debug, Default, Clone)]
pub struct Leftovers {
    pub event_id: Uuid,
    /// `None`: the whole event.
    pub registrations: Option<Vec<Uuid>>,
    pub invitations: Vec<Uuid>,
    /// The erased addresses (a person's request to be forgotten ends their contact too).
    pub emails: Vec<String>,
    /// Only mails queued before then (a transfer keeps the new holder's).
    pub before: Option<DateTime<Utc>>,
}

/// Who erases: the audit's actor and action.
pub struct ErasedBy<'a> {
    pub actor: &'a Actor,
    pub action: Action,
}

/// Erases one registration (an organizer's or the registrant's request to be forgotten).
/// Erasing it again changes nothing.
pub async fn erase_registration(
    db: &impl ConnectionTrait,
    registration_id: Uuid,
    by: ErasedBy<'_>,
    now: DateTime<Utc>,
) -> Result<Erased, RegistrationError> {
    let reg = registration::Entity::find_by_id(registration_id).one(db).await?.ok_or(RegistrationError::NotFound)?;
    let event = lock_event(db, reg.event_id, false).await?.ok_or(RegistrationError::NotFound)?;
    let erased = erase_rows(db, &event, Scope::One(registration_id), by.actor, now).await?;
    audit::record(db, &actor_label(by.actor), by.action, Some(event.id), erased.registrations, now).await?;
    Ok(erased)
}

/// Erases every registration of `event_id` (an organizer's request, or the retention job's).
/// Registrations erased before are not counted again.
pub async fn erase_event(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    by: ErasedBy<'_>,
    now: DateTime<Utc>,
) -> Result<Erased, RegistrationError> {
    let event = lock_event(db, event_id, false).await?.ok_or(RegistrationError::NotFound)?;
    if by.action == Action::RetentionErase && !super::policy::retention_due(&event, now) {
        return Ok(Erased::default()); // another instance was first
    }
    let erased = erase_rows(db, &event, Scope::Event, by.actor, now).await?;
    event::Entity::update_many()
        .col_expr(event::Column::PersonalDataErasedAt, Expr::value(now))
        .filter(event::Column::Id.eq(event_id))
        .exec(db)
        .await?;
    audit::record(db, &actor_label(by.actor), by.action, Some(event_id), erased.registrations, now).await?;
    Ok(erased)
}

/// The audit's name for `actor`: a user's email, a desk link's label, or "system".
pub fn actor_label(actor: &Actor) -> String {
    match actor {
        Actor::Organizer(who) | Actor::Desk(who) => who.clone(),
        // The registrant is not named in the audit.
        Actor::Registrant => "registrant".to_owned(),
        Actor::System => audit::SYSTEM.to_owned(),
    }
}

#[derive(Clone, Copy)]
enum Scope {
    Event,
    One(Uuid),
}

async fn erase_rows(
    db: &impl ConnectionTrait,
    event: &event::Model,
    scope: Scope,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Erased, RegistrationError> {
    let mut query = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event.id))
        .filter(registration::Column::ErasedAt.is_null());
    if let Scope::One(id) = scope {
        query = query.filter(registration::Column::Id.eq(id));
    }
    let rows = query.all(db).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let emails: Vec<String> = rows.iter().filter_map(|r| r.email.clone()).filter(|e| !e.is_empty()).collect();

    // Before the end, an active registration gives its seat back first (and is not mailed);
    // a declined request holds nothing and stays declined.
    for reg in rows {
        if reg.status.is_open() && now < event.ends_at {
            cancel_locked(db, reg, event, None, actor, now).await?;
        }
    }

    let mut erased = Erased::default();
    for chunk in ids.chunks(500) {
        erased.registrations += registration::Entity::update_many()
            .col_expr(registration::Column::FirstName, null())
            .col_expr(registration::Column::LastName, null())
            .col_expr(registration::Column::Email, null())
            .col_expr(registration::Column::ActiveEmail, null())
            .col_expr(registration::Column::TicketCode, null())
            .col_expr(registration::Column::ManageToken, null())
            .col_expr(registration::Column::JoinToken, null())
            .col_expr(registration::Column::TicketCodeSealed, null())
            .col_expr(registration::Column::ManageTokenSealed, null())
            .col_expr(registration::Column::JoinTokenSealed, null())
            .col_expr(registration::Column::Answers, Expr::value(Value::Json(None)))
            .col_expr(registration::Column::ConsentText, null())
            .col_expr(registration::Column::ErasedAt, Expr::value(now))
            .col_expr(registration::Column::UpdatedAt, Expr::value(now))
            // The check-in index lists it as removed from the next cursor on.
            .col_expr(registration::Column::IndexRevision, Expr::value(event.revision))
            .filter(registration::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }

    let invitations = match scope {
        Scope::Event => invitation::Entity::find().filter(invitation::Column::EventId.eq(event.id)).all(db).await?,
        Scope::One(_) if emails.is_empty() => Vec::new(),
        Scope::One(_) => {
            invitation::Entity::find()
                .filter(invitation::Column::EventId.eq(event.id))
                .filter(invitation::Column::Email.is_in(emails.clone()))
                .all(db)
                .await?
        }
    };
    let invitation_ids: Vec<Uuid> = invitations.iter().map(|i| i.id).collect();
    for chunk in invitation_ids.chunks(500) {
        invitation::Entity::delete_many().filter(invitation::Column::Id.is_in(chunk.iter().copied())).exec(db).await?;
    }
    // A replayable door answer names the person it checked in (written under the event lock).
    let mut door = door_request::Entity::delete_many().filter(door_request::Column::EventId.eq(event.id));
    if let Scope::One(id) = scope {
        door = door.filter(door_request::Column::Response.contains(id.to_string()));
    }
    door.exec(db).await?;
    erased.leftovers = Leftovers {
        event_id: event.id,
        registrations: match scope {
            Scope::Event => None,
            // The one asked for, even when erased before: erasing again finishes its mails.
            Scope::One(id) => Some(vec![id]),
        },
        invitations: invitation_ids,
        emails: match scope {
            Scope::Event => Vec::new(),
            Scope::One(_) => emails,
        },
        before: None,
    };
    Ok(erased)
}

/// What a transfer leaves of the former holder once their row holds the colleague: their
/// invitations to this event and the door's replayable answers naming them go now (under the
/// event lock the caller holds); their mails so far are the returned second step's.
pub async fn forget_former_holder(
    db: &impl ConnectionTrait,
    event: &event::Model,
    former: &registration::Model,
    now: DateTime<Utc>,
) -> Result<Leftovers, DbErr> {
    let invitations: Vec<Uuid> = match former.email.as_deref().filter(|e| !e.is_empty()) {
        Some(email) => invitation::Entity::find()
            .filter(invitation::Column::EventId.eq(event.id))
            .filter(invitation::Column::Email.eq(email))
            .all(db)
            .await?
            .into_iter()
            .map(|i| i.id)
            .collect(),
        None => Vec::new(),
    };
    if !invitations.is_empty() {
        invitation::Entity::delete_many().filter(invitation::Column::Id.is_in(invitations.clone())).exec(db).await?;
    }
    door_request::Entity::delete_many()
        .filter(door_request::Column::EventId.eq(event.id))
        .filter(door_request::Column::Response.contains(former.id.to_string()))
        .exec(db)
        .await?;
    Ok(Leftovers {
        event_id: event.id,
        registrations: Some(vec![former.id]),
        invitations,
        emails: Vec::new(),
        before: Some(now),
    })
}

/// The second step: drops the mails not sent yet to the erased people, empties the sent ones
/// (kind, status and times stay, for their history and the counts), deletes upload jobs
/// (whole rows of partner lists) and, for a person, their future-invitation contact. Rows
/// the mail worker holds are skipped, never waited for: `Ok((ids, false))` asks to be called
/// again. Returns the mails' ids (their `.eml` files are named by them).
pub async fn scrub_leftovers(
    db: &impl ConnectionTrait,
    left: &Leftovers,
    skip_locked: bool,
) -> Result<(Vec<Uuid>, bool), DbErr> {
    let of_event = outbox_email::Entity::find().filter(outbox_email::Column::EventId.eq(left.event_id)).all(db).await?;
    let concerned: Vec<Uuid> = of_event
        .iter()
        .filter(|mail| left.before.is_none_or(|before| mail.created_at < before))
        .filter(|mail| match (&left.registrations, mail.registration_id) {
            (None, _) => true,
            (Some(ids), Some(id)) => ids.contains(&id),
            (Some(_), None) => matches!(
                serde_json::from_value(mail.payload.clone()),
                Ok(Message::Invitation { invitation_id }) if left.invitations.contains(&invitation_id)
            ),
        })
        .map(|m| m.id)
        .collect();
    let mut held = Vec::new();
    for chunk in concerned.chunks(500) {
        let mut query = outbox_email::Entity::find().filter(outbox_email::Column::Id.is_in(chunk.iter().copied()));
        if skip_locked {
            query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        held.extend(query.all(db).await?);
    }
    let complete = held.len() == concerned.len();
    let (sent, unsent): (Vec<_>, Vec<_>) =
        held.iter().partition(|m| matches!(m.status, OutboxStatus::Sent | OutboxStatus::Sending));
    for chunk in unsent.chunks(500) {
        outbox_email::Entity::delete_many()
            .filter(outbox_email::Column::Id.is_in(chunk.iter().map(|m| m.id)))
            .exec(db)
            .await?;
    }
    for chunk in sent.chunks(500) {
        outbox_email::Entity::update_many()
            .col_expr(outbox_email::Column::Payload, Expr::value(serde_json::json!({"erased": true})))
            .col_expr(outbox_email::Column::LastError, null())
            .col_expr(outbox_email::Column::RecipientKey, null())
            .filter(outbox_email::Column::Id.is_in(chunk.iter().map(|m| m.id)))
            .exec(db)
            .await?;
    }
    let mut jobs = import_job::Entity::delete_many().filter(import_job::Column::EventId.eq(left.event_id));
    if left.registrations.is_some() {
        // Only finished uploads: a running one still needs its rows.
        jobs = jobs.filter(import_job::Column::FinishedAt.is_not_null());
    }
    jobs.exec(db).await?;
    if !left.emails.is_empty() {
        contact::Entity::delete_many().filter(contact::Column::Email.is_in(left.emails.clone())).exec(db).await?;
    }
    Ok((held.into_iter().map(|m| m.id).collect(), complete))
}

fn null() -> Expr {
    Expr::value(Value::String(None))
}

/// Deletes the `.eml` files written for the mails `mail_ids` in `folder` (those never
/// written are simply absent).
pub async fn delete_mail_files(folder: &Path, mail_ids: &[Uuid]) {
    for id in mail_ids {
        let path = folder.join(format!("{id}.eml"));
        match tokio::fs::remove_file(&path).await {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => tracing::warn!(file = %path.display(), error = %err, "could not delete an erased mail's file"),
        }
    }
}
