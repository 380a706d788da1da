//! Handing a registration to a colleague (API.md "Fair seats"): the registration keeps its id,
//! mode, seat, queue place and organization; the colleague gets new ticket code and links (the
//! old ones stop at once), is mailed them, and the former holder gets a notice at their own
//! address. The former holder's details leave the row now; their earlier mails are emptied by
//! the erasure's second step once this commits.

use chrono::{DateTime, Utc};
use entity::{RegistrationStatus, event, registration};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};
use serde::Deserialize;
use utoipa::ToSchema;

use super::policy;
use super::rows::{RegistrationRef, lock_for_change, renew_secrets};
use super::service::{RegistrationError, find_active_by_email};
use crate::domain::{EmailAddress, Language, clean_text};
use crate::error::{FieldError, FieldErrors};
use crate::history::{self, Actor, Kind};
use crate::mail::messages::ConfirmationReason;
use crate::mail::outbox::{self, Recipient};
use crate::mail::{Message, limits};
use crate::privacy::erasure::{Leftovers, forget_former_holder};

/// Who takes the registration over, as sent.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TransferInput {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    /// `en`, `fr` or `nl`; default: the registration's language.
    pub language: Option<String>,
}

/// The colleague, checked.
#[derive(Debug, Clone)]
pub struct Colleague {
    pub first_name: String,
    pub last_name: String,
    pub email: EmailAddress,
    pub language: Option<Language>,
}

impl TransferInput {
    pub fn parse(self) -> Result<Colleague, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut text = |field: &str, value: Option<&str>| {
            clean_text(value, true, 200).map_err(|e| errors.insert(field, e)).unwrap_or_default()
        };
        let first_name = text("first_name", self.first_name.as_deref());
        let last_name = text("last_name", self.last_name.as_deref());
        let email = EmailAddress::parse_deliverable(self.email.as_deref().unwrap_or(""))
            .map_err(|e| errors.insert("email", e))
            .ok();
        let language = match self.language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => None,
            Some(code) => {
                let parsed = Language::parse(code);
                if parsed.is_none() {
                    errors.insert("language", FieldError::new("invalid_language"));
                }
                parsed
            }
        };
        match (email, errors.is_empty()) {
            (Some(email), true) => Ok(Colleague { first_name, last_name, email, language }),
            _ => Err(errors),
        }
    }
}

/// What the transfer did: the registration as it is now, and the former holder's leftovers
/// (their earlier mails) for the second step.
pub struct Transferred {
    pub registration: registration::Model,
    pub event: event::Model,
    pub leftovers: Leftovers,
}

/// Hands the registration behind `token` to `colleague`.
#[tracing::instrument(skip_all)]
pub async fn transfer(
    db: &impl ConnectionTrait,
    token: &str,
    colleague: Colleague,
    now: DateTime<Utc>,
) -> Result<Transferred, RegistrationError> {
    let (reg, event) = lock_for_change(db, RegistrationRef::Token(token)).await?;
    match reg.status {
        RegistrationStatus::Cancelled => return Err(RegistrationError::Cancelled),
        RegistrationStatus::Declined => return Err(RegistrationError::Declined),
        _ => {}
    }
    if !policy::may_switch(now, event.starts_at) {
        return Err(RegistrationError::Closed("the event has started: the registration can no longer be handed on"));
    }
    if crate::check_in::service::active_check_in(db, reg.id).await?.is_some() {
        return Err(RegistrationError::Closed("this registration has checked in: it can no longer be handed on"));
    }
    if colleague.email.as_str() == reg.email() {
        return Err(RegistrationError::Invalid(FieldErrors::one("email", FieldError::new("same_email"))));
    }
    if find_active_by_email(db, event.id, colleague.email.as_str()).await?.is_some() {
        return Err(RegistrationError::AlreadyRegistered);
    }

    let notice = Message::TransferNotice {
        email: reg.email().to_owned(),
        first_name: reg.first_name().to_owned(),
        colleague: format!("{} {}", colleague.first_name, colleague.last_name),
    };
    let former_email = reg.email().to_owned();
    let former_language = reg.language;
    let mut active = reg.clone().into_active_model();
    active.first_name = Set(Some(colleague.first_name));
    active.last_name = Set(Some(colleague.last_name));
    active.email = Set(Some(colleague.email.as_str().to_owned()));
    active.active_email = Set(Some(colleague.email.as_str().to_owned()));
    active.language = Set(colleague.language.unwrap_or(reg.language));
    // The former holder's answers and consent were theirs.
    active.answers = Set(Some(entity::json::Answers(Default::default())));
    active.consent_at = Set(now);
    active.consent_source = Set("handed on by a colleague".to_owned());
    active.consent_text = Set(None);
    active.consent_version = Set(None);
    active.consent_language = Set(None);
    active.consent_privacy_url = Set(None);
    renew_secrets(&mut active);
    active.link_resent_at = Set(None);
    active.reminder_sent_at = Set(None);
    active.calendar_sequence = Set(reg.calendar_sequence + 1);
    active.updated_at = Set(now);
    active.index_revision = Set(event.revision);
    active.transferred_revision = Set(Some(event.revision));
    let updated = active.update(db).await?;
    history::record(db, history::of(&updated), Kind::Transferred, &Actor::Registrant, &[], now).await?;
    let leftovers = forget_former_holder(db, &event, &reg, now).await?;

    // The colleague's first mail goes at once; the former holder's notice is limited like any
    // mail an anonymous request causes.
    let welcome = match updated.status {
        RegistrationStatus::Confirmed => Some(Message::Confirmation {
            reason: ConfirmationReason::Transferred,
            previous_mode: None,
            sequence: updated.calendar_sequence,
        }),
        status => Message::standing(status, updated.calendar_sequence),
    };
    if let Some(message) = welcome {
        outbox::enqueue(db, Recipient::registrant(&updated), &message, now).await?;
    }
    if !former_email.is_empty() {
        let to = Recipient { event_id: event.id, registration_id: None, language: former_language };
        limits::enqueue_limited(db, to, &former_email, &notice, now).await?;
    }
    Ok(Transferred { registration: updated, event, leftovers })
}
