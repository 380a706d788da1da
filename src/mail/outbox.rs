//! The transactional outbox: a mail is a row written by the change that causes it, in the
//! caller's transaction, so it commits (or not) with that change.

use chrono::{DateTime, Utc};
use entity::OutboxStatus;
use entity::outbox_email::{self, Column};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::db::{Db, FetchUnique, Keep};

use super::Message;

/// Who a mail is about.
#[derive(Debug, Clone, Copy)]
pub struct Recipient {
    pub event_id: Uuid,
    pub registration_id: Option<Uuid>,
    pub language: entity::Language,
}

impl Recipient {
    /// The registrant of `reg`, in their language.
    pub fn registrant(reg: &entity::registration::Model) -> Recipient {
        Recipient { event_id: reg.event_id, registration_id: Some(reg.id), language: reg.language }
    }
}

/// Queues `message` for `to`, due now.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    to: Recipient,
    message: &Message,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    insert(db, to, message, Queued::now(now)).await
}

/// How a mail enters the outbox: its state, when it is due, and for a limited mail the key
/// of its address (see [`super::limits`]).
#[derive(Debug, Clone)]
pub struct Queued {
    pub status: OutboxStatus,
    pub due: DateTime<Utc>,
    pub note: Option<String>,
    pub recipient_key: Option<String>,
    pub at: DateTime<Utc>,
}

impl Queued {
    /// Pending, due at `now`.
    pub fn now(now: DateTime<Utc>) -> Queued {
        Queued { status: OutboxStatus::Pending, due: now, note: None, recipient_key: None, at: now }
    }

    /// Counted by the per-address limit under `key`.
    pub fn limited(self, key: String) -> Queued {
        Queued { recipient_key: Some(key), ..self }
    }
}

/// Writes the outbox row of `message` for `to`.
pub async fn insert(
    db: &impl ConnectionTrait,
    to: Recipient,
    message: &Message,
    queued: Queued,
) -> Result<Uuid, DbErr> {
    let pending = queued.status == OutboxStatus::Pending;
    let (id, row) = row(to, message, queued)?;
    outbox_email::Entity::insert(row).exec_without_returning(db).await?;
    if pending {
        crate::db::note_mail_queued();
    }
    Ok(id)
}

/// Writes the outbox rows of many mails with one statement (none is fine).
pub async fn insert_all(db: &impl ConnectionTrait, mails: Vec<(Recipient, Message, Queued)>) -> Result<(), DbErr> {
    let pending = mails.iter().any(|(_, _, queued)| queued.status == OutboxStatus::Pending);
    let mut rows = Vec::with_capacity(mails.len());
    for (to, message, queued) in mails {
        rows.push(row(to, &message, queued)?.1);
    }
    if rows.is_empty() {
        return Ok(());
    }
    outbox_email::Entity::insert_many(rows).exec_without_returning(db).await?;
    if pending {
        crate::db::note_mail_queued();
    }
    Ok(())
}

/// The outbox row of `message` for `to`, and its id.
fn row(to: Recipient, message: &Message, queued: Queued) -> Result<(Uuid, outbox_email::ActiveModel), DbErr> {
    let id = Uuid::now_v7();
    let payload = serde_json::to_value(message).map_err(|e| DbErr::Custom(format!("cannot encode mail: {e}")))?;
    let row = outbox_email::ActiveModel {
        id: Set(id),
        kind: Set(message.kind().to_owned()),
        event_id: Set(to.event_id),
        registration_id: Set(to.registration_id),
        language: Set(to.language),
        payload: Set(payload),
        status: Set(queued.status),
        attempts: Set(0),
        next_attempt_at: Set(queued.due),
        lease_until: Set(None),
        last_error: Set(queued.note),
        sent_at: Set(None),
        created_at: Set(queued.at),
        updated_at: Set(queued.at),
        recipient_key: Set(queued.recipient_key),
        coalesced: Set(0),
        mailing_id: Set(None),
    };
    Ok((id, row))
}

/// Whether mail `mail_id` of the event can be written again: its registrant's (or invitee's)
/// secrets open with the server's key. After the key changed they do not, and a resend would
/// only fail in the outbox: the caller refuses it at once with a clear reason.
pub async fn can_be_written_again(db: &impl ConnectionTrait, event_id: Uuid, mail_id: Uuid) -> Result<bool, DbErr> {
    let Some(mail) = outbox_email::Entity::find_by_id(mail_id).filter(Column::EventId.eq(event_id)).unique(db).await?
    else {
        return Ok(true); // no such mail: the resend answers 404 itself
    };
    if let Some(reg_id) = mail.registration_id {
        let reg = entity::registration::Entity::find_by_id(reg_id).unique(db).await?;
        // An erased registration's mail is not found by the resend (404), whatever the key.
        return Ok(reg.is_none_or(|r| r.is_erased() || crate::facts::secrets_readable(&r)));
    }
    if let Ok(crate::mail::Message::Invitation { invitation_id }) = serde_json::from_value(mail.payload.clone()) {
        let invitation = entity::invitation::Entity::find_by_id(invitation_id).unique(db).await?;
        return Ok(invitation.is_none_or(|i| crate::secrets::open(&i.token_sealed).is_some()));
    }
    Ok(true)
}

/// Queues a copy of the event's mail `mail_id` to go out again (an organizer's resend);
/// `None` when the event has no such mail.
pub async fn resend_in_event(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    mail_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<outbox_email::Model>, DbErr> {
    let original = outbox_email::Entity::find_by_id(mail_id).filter(Column::EventId.eq(event_id)).unique(db).await?;
    match original {
        // An erased mail's content is gone: there is nothing to send again.
        Some(original) if serde_json::from_value::<crate::mail::Message>(original.payload.clone()).is_ok() => {
            Ok(Some(resend(db, &original, now).await?))
        }
        _ => Ok(None),
    }
}

/// How many of the event's mails are in each state, in the order pending, sending, sent,
/// failed, deferred.
pub async fn counts_by_status(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Vec<(OutboxStatus, u64)>, DbErr> {
    let mut counts = Vec::with_capacity(4);
    for status in
        [OutboxStatus::Pending, OutboxStatus::Sending, OutboxStatus::Sent, OutboxStatus::Failed, OutboxStatus::Deferred]
    {
        let n = outbox_email::Entity::find()
            .filter(Column::EventId.eq(event_id))
            .filter(Column::Status.eq(status))
            .count(db)
            .await?;
        counts.push((status, n));
    }
    Ok(counts)
}

/// The event's latest mails that failed for good, newest first.
pub async fn recent_failures(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    limit: u64,
) -> Result<Vec<outbox_email::Model>, DbErr> {
    outbox_email::Entity::find()
        .filter(Column::EventId.eq(event_id))
        .filter(Column::Status.eq(OutboxStatus::Failed))
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// How long a claimed row stays with the worker that claimed it; after that another worker
/// (or a restarted one) takes it over. Well above the SMTP timeout.
pub const LEASE: chrono::Duration = chrono::Duration::seconds(60);

/// Rows the worker takes: pending or deferred ones that are due, and sending ones whose
/// worker's lease ran out.
fn due() -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(Column::Status.is_in([OutboxStatus::Pending, OutboxStatus::Deferred]))
                .add(Column::NextAttemptAt.lte(crate::domain::now())),
        )
        .add(
            Condition::all()
                .add(Column::Status.eq(OutboxStatus::Sending))
                .add(Column::LeaseUntil.lt(crate::domain::now())),
        )
}

/// Claims up to `limit` due rows for this worker: `sending`, leased, attempts counted. On
/// PostgreSQL and MariaDB rows locked by another instance's claim are skipped.
pub async fn claim(db: &Db, limit: u64, now: DateTime<Utc>) -> Result<Vec<outbox_email::Model>, DbErr> {
    // A cheap read first: on SQLite the claim takes the one write lock.
    if outbox_email::Entity::find().filter(due()).limit(1).one(db.read()).await?.is_none() {
        return Ok(Vec::new());
    }
    let lock = db.backend() != DbBackend::Sqlite;
    let lease_until = now + LEASE;
    let mut rows = db
        .write(move |txn| {
            Box::pin(async move {
                // A confirmation or a lost link goes before the rest of a large mailing.
                let due_of = |mailings: bool, limit: u64| {
                    let kind = if mailings { Column::MailingId.is_not_null() } else { Column::MailingId.is_null() };
                    let query = outbox_email::Entity::find()
                        .filter(due())
                        .filter(kind)
                        .order_by_asc(Column::NextAttemptAt)
                        .limit(limit);
                    if lock { query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked) } else { query }
                };
                let mut rows = due_of(false, limit).all(txn).await?;
                let room = limit.saturating_sub(rows.len() as u64);
                if room > 0 {
                    rows.extend(due_of(true, room).all(txn).await?);
                }
                if !rows.is_empty() {
                    outbox_email::Entity::update_many()
                        .col_expr(Column::Status, Expr::value(OutboxStatus::Sending))
                        .col_expr(Column::LeaseUntil, Expr::value(lease_until))
                        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
                        .col_expr(Column::UpdatedAt, Expr::value(now))
                        .filter(Column::Id.is_in(rows.iter().map(|r| r.id)))
                        .exec(txn)
                        .await?;
                }
                Ok::<_, DbErr>(Keep(rows))
            })
        })
        .await?;
    for row in &mut rows {
        row.status = OutboxStatus::Sending;
        row.lease_until = Some(lease_until);
        row.attempts += 1;
    }
    Ok(rows)
}

/// Kinds whose payload holds personal data needed only until the mail leaves: a notice to a
/// registration's former holder (their address and name), a mailing's test (its reader's
/// address and text).
const PAYLOAD_ERASED_ONCE_SENT: [&str; 2] = ["transfer_notice", "mailing_test"];

/// Marks claimed rows sent, given as (id, kind); the payloads of the kinds above are erased.
pub async fn mark_sent(db: &impl ConnectionTrait, sent: Vec<(Uuid, String)>, now: DateTime<Utc>) -> Result<(), DbErr> {
    let erased: Vec<Uuid> =
        sent.iter().filter(|(_, kind)| PAYLOAD_ERASED_ONCE_SENT.contains(&kind.as_str())).map(|(id, _)| *id).collect();
    outbox_email::Entity::update_many()
        .col_expr(Column::Status, Expr::value(OutboxStatus::Sent))
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.is_in(sent.into_iter().map(|(id, _)| id)))
        .exec(db)
        .await?;
    // Most groups have none of these kinds: no statement for them on the writer.
    if !erased.is_empty() {
        outbox_email::Entity::update_many()
            .col_expr(Column::Payload, Expr::value(serde_json::json!({"erased": true})))
            .filter(Column::Id.is_in(erased))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Records a failed attempt: retried later, or `failed` for good when `permanent` or when the
/// retry schedule is over.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    row: &outbox_email::Model,
    error: &str,
    permanent: bool,
    now: DateTime<Utc>,
) -> Result<OutboxStatus, DbErr> {
    let next = if permanent { None } else { super::retry::next_attempt(row.attempts, row.created_at, now) };
    let error: String = error.chars().take(2000).collect();
    let mut update = outbox_email::Entity::update_many()
        .col_expr(Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::LastError, Expr::value(Some(error)))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(row.id));
    let status = match next {
        Some(at) => {
            update = update.col_expr(Column::NextAttemptAt, Expr::value(at));
            OutboxStatus::Pending
        }
        None => OutboxStatus::Failed,
    };
    update.col_expr(Column::Status, Expr::value(status)).exec(db).await?;
    Ok(status)
}

/// Gives claimed rows back untouched (shutdown before they were tried).
pub async fn release(db: &impl ConnectionTrait, ids: &[Uuid], now: DateTime<Utc>) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox_email::Entity::update_many()
        .col_expr(Column::Status, Expr::value(OutboxStatus::Pending))
        .col_expr(Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.is_in(ids.iter().copied()))
        .filter(Column::Status.eq(OutboxStatus::Sending))
        .exec(db)
        .await?;
    Ok(())
}

/// Queues a copy of `original` (same message, rebuilt with its attachments when sent). A
/// mailing's mail that failed is tried again in place instead: a mailing has one mail per
/// recipient.
pub async fn resend(
    db: &impl ConnectionTrait,
    original: &outbox_email::Model,
    now: DateTime<Utc>,
) -> Result<outbox_email::Model, DbErr> {
    if original.mailing_id.is_some() && original.status == OutboxStatus::Failed {
        return super::mailing_outbox::retry_in_place(db, original, now).await;
    }
    let copy = outbox_email::Model {
        id: Uuid::now_v7(),
        status: OutboxStatus::Pending,
        attempts: 0,
        next_attempt_at: now,
        lease_until: None,
        last_error: None,
        sent_at: None,
        created_at: now,
        updated_at: now,
        recipient_key: None,
        coalesced: 0,
        // A copy sent again is not one more recipient of the mailing.
        mailing_id: None,
        ..original.clone()
    };
    outbox_email::Entity::insert(copy.clone().into_active_model()).exec_without_returning(db).await?;
    Ok(copy)
}
