//! Limits on mail caused by anonymous requests (API.md): at most [`PER_HOUR`] such mails to
//! one address within an hour, the first confirmation excepted. A mail over the limit is not
//! dropped: it is `deferred` until a slot frees, and later ones for the same address and event
//! replace it, so the person then gets one mail with the latest state.
//!
//! Only registrants' own actions go through here (registering, cancelling, switching, the
//! manage link again); organizer mail, event updates, reminders and promotions use
//! [`outbox::enqueue`] directly.

use chrono::{DateTime, Duration, Utc};
use entity::OutboxStatus;
use entity::outbox_email::{self, Column};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::Message;
use super::messages::ConfirmationReason;
use super::outbox::{self, Queued, Recipient};
use crate::db::FetchUnique;

/// How many mails caused by anonymous requests one address receives within [`WINDOW`].
pub const PER_HOUR: usize = 5;
pub const WINDOW: Duration = Duration::hours(1);

/// The key an address's mails are counted under: a hash, so the outbox holds no address.
pub fn address_key(email: &str) -> String {
    crate::secrets::lookup_hash(&email.trim().to_lowercase())
}

/// Queues `message` for `to` (whose address is `email`), or defers it when the address had
/// its share of mail this hour.
pub async fn enqueue_limited(
    db: &impl ConnectionTrait,
    to: Recipient,
    email: &str,
    message: &Message,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let key = address_key(email);
    // The mails counted: those gone or going out within the window (a released deferred mail
    // counts from its release).
    let recent: Vec<(String, DateTime<Utc>)> = outbox_email::Entity::find()
        .select_only()
        .column(Column::Kind)
        .column(Column::NextAttemptAt)
        .filter(Column::RecipientKey.eq(key.as_str()))
        .filter(Column::NextAttemptAt.gt(now - WINDOW))
        .filter(Column::Status.ne(OutboxStatus::Deferred))
        .order_by_asc(Column::NextAttemptAt)
        .into_tuple()
        .all(db)
        .await?;
    if recent.len() < PER_HOUR || is_first_confirmation(message, &recent) {
        return outbox::insert(db, to, message, Queued::now(now).limited(key)).await;
    }
    let release_at = release_time(&recent, now);
    let earlier = outbox_email::Entity::find()
        .filter(Column::RecipientKey.eq(key.as_str()))
        .filter(Column::EventId.eq(to.event_id))
        .filter(Column::Status.eq(OutboxStatus::Deferred))
        .unique(db)
        .await?;
    let Some(earlier) = earlier else {
        let queued =
            Queued { status: OutboxStatus::Deferred, due: release_at, note: Some(note(0)), ..Queued::now(now) };
        return outbox::insert(db, to, message, queued.limited(key)).await;
    };
    // Coalesced: the deferred mail now carries the latest state.
    let payload = serde_json::to_value(message).map_err(|e| DbErr::Custom(format!("cannot encode mail: {e}")))?;
    outbox_email::Entity::update_many()
        .col_expr(Column::Kind, Expr::value(message.kind()))
        .col_expr(Column::Payload, Expr::value(payload))
        .col_expr(Column::RegistrationId, Expr::value(to.registration_id))
        .col_expr(Column::Language, Expr::value(to.language))
        .col_expr(Column::LastError, Expr::value(note(earlier.coalesced + 1)))
        .col_expr(Column::Coalesced, Expr::value(earlier.coalesced + 1))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(earlier.id))
        .exec(db)
        .await?;
    Ok(earlier.id)
}

/// Which of the address `keys` had mail counted by the limit within the window: with one
/// query, for registering many at once (an address without any takes no further look).
pub async fn keys_mailed_within_window(
    db: &impl ConnectionTrait,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<std::collections::HashSet<String>, DbErr> {
    if keys.is_empty() {
        return Ok(Default::default());
    }
    let found: Vec<Option<String>> = outbox_email::Entity::find()
        .select_only()
        .column(Column::RecipientKey)
        .filter(Column::RecipientKey.is_in(keys.iter().map(String::as_str)))
        .filter(Column::NextAttemptAt.gt(now - WINDOW))
        .filter(Column::Status.ne(OutboxStatus::Deferred))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().flatten().collect())
}

/// A registrant's first confirmation (or waitlist notice) within the window always goes: a
/// real newcomer gets their ticket at once whatever else was sent to the address.
fn is_first_confirmation(message: &Message, recent: &[(String, DateTime<Utc>)]) -> bool {
    let registering = matches!(
        message,
        Message::Confirmation { reason: ConfirmationReason::Registered, .. }
            | Message::Waitlisted { .. }
            | Message::RequestReceived
    );
    let first_kinds = ["confirmation", "waitlisted", "request_received"];
    registering && !recent.iter().any(|(kind, _)| first_kinds.contains(&kind.as_str()))
}

/// When the address is under the limit again: the window has passed the mail that keeps it
/// at [`PER_HOUR`] (`recent` is oldest first).
fn release_time(recent: &[(String, DateTime<Utc>)], now: DateTime<Utc>) -> DateTime<Utc> {
    recent.len().checked_sub(PER_HOUR).and_then(|i| recent.get(i)).map_or(now, |(_, at)| *at + WINDOW)
}

/// What the mail list says of a deferred mail.
fn note(replaced: i32) -> String {
    let mut text = format!("deferred: more than {PER_HOUR} mails to this address within an hour");
    if replaced > 0 {
        text.push_str(&format!("; holds the latest state, replacing {replaced} earlier"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 10, minute, 0).single().unwrap_or_default()
    }

    #[test]
    fn a_slot_frees_when_the_window_passes_the_fifth_latest_mail() {
        let recent: Vec<_> = [1, 2, 3, 4, 5, 6].iter().map(|m| ("cancelled".to_owned(), at(*m))).collect();
        assert_eq!(release_time(&recent, at(30)), at(2) + WINDOW);
        assert_eq!(release_time(&recent[..5], at(30)), at(1) + WINDOW);
    }

    #[test]
    fn only_the_first_registering_mail_of_the_window_is_excepted() {
        let registered =
            Message::Confirmation { reason: ConfirmationReason::Registered, previous_mode: None, sequence: 0 };
        let cancels: Vec<_> = (1..=5).map(|m| ("cancelled".to_owned(), at(m))).collect();
        assert!(is_first_confirmation(&registered, &cancels));
        let mut with_confirmation = cancels.clone();
        with_confirmation.push(("confirmation".to_owned(), at(6)));
        assert!(!is_first_confirmation(&registered, &with_confirmation));
        let switched =
            Message::Confirmation { reason: ConfirmationReason::ModeSwitched, previous_mode: None, sequence: 1 };
        assert!(!is_first_confirmation(&switched, &cancels));
    }

    #[test]
    fn the_key_ignores_case_and_surrounding_space() {
        assert_eq!(address_key(" Amina@Example.org "), address_key("amina@example.org"));
    }
}
