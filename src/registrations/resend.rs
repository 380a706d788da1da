//! Mailing a registrant again: the manage link (after "lost your link?" or a second
//! registration with the same address, at most once per quarter hour) and, for organizers,
//! the current confirmation or waitlist notice.

use chrono::{DateTime, Duration, Utc};
use entity::{EventAccess, EventStatus, RegistrationStatus, event, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::service::{RegistrationError, find_in_event};
use crate::db::FetchUnique;
use crate::history::Actor;
use crate::imports::invitations;
use crate::mail::messages::LinkReason;
use crate::mail::outbox::{self, Recipient};
use crate::mail::{Message, limits};

/// How long before the manage link may be mailed again for one registration.
pub const LINK_RESEND_INTERVAL: Duration = Duration::minutes(15);

/// The active (confirmed or waitlisted) registration of `email` at `event_id`, if any.
pub async fn find_active_by_email(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    email: &str,
) -> Result<Option<registration::Model>, DbErr> {
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::ActiveEmail.eq(email))
        .unique(db)
        .await
}

/// Which of `emails` have an active registration for `event_id`, with one query.
pub async fn active_emails(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    emails: &[&str],
) -> Result<std::collections::HashSet<String>, DbErr> {
    if emails.is_empty() {
        return Ok(Default::default());
    }
    let found: Vec<Option<String>> = registration::Entity::find()
        .select_only()
        .column(registration::Column::ActiveEmail)
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::ActiveEmail.is_in(emails.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().flatten().collect())
}

/// Mails the manage link again, at most once per registration per [`LINK_RESEND_INTERVAL`].
/// The guard is one conditional update, so racing requests send one mail.
pub async fn resend_link(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    reason: LinkReason,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let due = sea_orm::Condition::any()
        .add(registration::Column::LinkResentAt.is_null())
        .add(registration::Column::LinkResentAt.lte(now - LINK_RESEND_INTERVAL));
    let result = registration::Entity::update_many()
        .col_expr(registration::Column::LinkResentAt, Expr::value(now))
        .filter(registration::Column::Id.eq(reg.id))
        .filter(due)
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        super::mailing::mail_registrant(db, reg, &Message::ManageLink { reason }, actor, now).await?;
        return Ok(true);
    }
    Ok(false)
}

/// "Lost your link?": mails the manage link when an active registration matches; says
/// nothing either way (the caller answers 202 regardless). At an invitation-only event, an
/// invited address without a registration gets its invitation again, and an address at an
/// allowed domain a personal link of its own (in `lang`, the page's language).
pub async fn lost_link(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    email: &str,
    lang: crate::domain::Language,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(event) = event::Entity::find_by_id(event_id).unique(db).await? else {
        return Ok(());
    };
    if event.status == EventStatus::Draft {
        return Ok(());
    }
    if let Some(reg) = find_active_by_email(db, event_id, email).await? {
        resend_link(db, &reg, LinkReason::LostLink, &Actor::Registrant, now).await?;
    } else if event.access == EventAccess::Invitation {
        resend_invitation(db, &event, email, lang, now).await?;
    }
    Ok(())
}

/// The invitation link again, for an invited address or one at an allowed domain; nothing
/// for others. Limited like every mail an anonymous request causes (`mail::limits`).
async fn resend_invitation(
    db: &impl ConnectionTrait,
    event: &event::Model,
    email: &str,
    lang: crate::domain::Language,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let invitation = match invitations::latest_for(db, event.id, email).await? {
        Some(invitation) => invitation,
        None => {
            let Ok(address) = crate::domain::EmailAddress::parse(email) else { return Ok(()) };
            if !super::access::domain_allowed(&event.allowed_email_domains.0, &address.domain()) {
                return Ok(());
            }
            // Nobody named them: the link fills in only the address.
            let invitee = invitations::Invitee {
                email: address,
                first_name: String::new(),
                last_name: String::new(),
                organization: String::new(),
                language: lang,
                mode: None,
            };
            invitations::store(db, event, invitee, None, now).await?
        }
    };
    let message = Message::Invitation { invitation_id: invitation.id };
    limits::enqueue_limited(db, invitations::recipient(&invitation), email, &message, now).await?;
    Ok(())
}

/// Queues the registration's current confirmation (or waitlist notice) again.
pub async fn resend_confirmation(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), RegistrationError> {
    let reg = find_in_event(db, event_id, registration_id).await?;
    if reg.is_erased() {
        return Err(RegistrationError::NotFound);
    }
    if !crate::facts::secrets_readable(&reg) {
        return Err(RegistrationError::SecretsUnavailable);
    }
    let message = match Message::standing(reg.status, reg.calendar_sequence) {
        Some(message) => message,
        None if reg.status == RegistrationStatus::Declined => return Err(RegistrationError::Declined),
        None => return Err(RegistrationError::Cancelled),
    };
    outbox::enqueue(db, Recipient::registrant(&reg), &message, now).await?;
    Ok(())
}
