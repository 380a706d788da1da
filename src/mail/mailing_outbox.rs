//! The outbox rows of organizers' mailings: one per (mailing, registration), written in
//! chunks as a mailing's recipients are fixed, counted per state, and a failed one tried
//! again in place (never copied: a recipient has one mail of each mailing).

use chrono::{DateTime, Utc};
use entity::OutboxStatus;
use entity::outbox_email::{self, Column};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

use super::Message;

/// Makes the failed mail `original` due again now, with a fresh count of attempts.
pub(super) async fn retry_in_place(
    db: &impl ConnectionTrait,
    original: &outbox_email::Model,
    now: DateTime<Utc>,
) -> Result<outbox_email::Model, DbErr> {
    make_due_again(db, Condition::all().add(Column::Id.eq(original.id)), now).await?;
    Ok(outbox_email::Model {
        status: OutboxStatus::Pending,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
        ..original.clone()
    })
}

/// Makes the failed mails `which` selects due again now, with a fresh count of attempts;
/// how many. A mail no longer failed (retried a moment ago, or sent) is left alone.
async fn make_due_again(db: &impl ConnectionTrait, which: Condition, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let retried = outbox_email::Entity::update_many()
        .col_expr(Column::Status, Expr::value(OutboxStatus::Pending))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .col_expr(Column::CreatedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(which)
        .filter(Column::Status.eq(OutboxStatus::Failed))
        .exec(db)
        .await?
        .rows_affected;
    if retried > 0 {
        crate::db::note_mail_queued();
    }
    Ok(retried)
}

/// One recipient of a mailing: their registration and the language of their mail.
pub type MailingRecipient = (Uuid, entity::Language);

/// Writes the mails of `mailing_id` to `recipients`, due now; a recipient who already has
/// one is left alone (the database's unique (mailing, registration) says so). Returns how
/// many were written.
pub async fn insert_mailing(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    mailing_id: Uuid,
    recipients: &[MailingRecipient],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if recipients.is_empty() {
        return Ok(0);
    }
    let message = Message::Mailing { mailing_id };
    let payload = serde_json::to_value(&message).map_err(|e| DbErr::Custom(format!("cannot encode mail: {e}")))?;
    let rows = recipients.iter().map(|&(registration_id, language)| outbox_email::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(message.kind().to_owned()),
        event_id: Set(event_id),
        registration_id: Set(Some(registration_id)),
        language: Set(language),
        payload: Set(payload.clone()),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        lease_until: Set(None),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        recipient_key: Set(None),
        coalesced: Set(0),
        mailing_id: Set(Some(mailing_id)),
    });
    let written = outbox_email::Entity::insert_many(rows)
        .on_conflict(
            // MariaDB has no DO NOTHING: there it is `ON DUPLICATE KEY UPDATE id = id`.
            sea_orm::sea_query::OnConflict::columns([Column::MailingId, Column::RegistrationId])
                .do_nothing_on([Column::Id])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if written > 0 {
        crate::db::note_mail_queued();
    }
    Ok(written)
}

/// Per mailing of `mailing_ids`, how many of its mails are in each state.
pub async fn mailing_counts(
    db: &impl ConnectionTrait,
    mailing_ids: &[Uuid],
) -> Result<Vec<(Uuid, OutboxStatus, i64)>, DbErr> {
    if mailing_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Option<Uuid>, OutboxStatus, i64)> = outbox_email::Entity::find()
        .select_only()
        .column(Column::MailingId)
        .column(Column::Status)
        .column_as(Column::Id.count(), "n")
        .filter(Column::MailingId.is_in(mailing_ids.iter().copied()))
        .group_by(Column::MailingId)
        .group_by(Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(id, status, n)| Some((id?, status, n))).collect())
}

/// Makes every failed mail of `mailing_id` due again now; how many.
pub async fn retry_failed_of_mailing(
    db: &impl ConnectionTrait,
    mailing_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    make_due_again(db, Condition::all().add(Column::MailingId.eq(mailing_id)), now).await
}

/// Up to `limit` mails of `mailing_id`, those that failed first.
pub async fn of_mailing(
    db: &impl ConnectionTrait,
    mailing_id: Uuid,
    limit: u64,
) -> Result<Vec<outbox_email::Model>, DbErr> {
    let mut rows = outbox_email::Entity::find()
        .filter(Column::MailingId.eq(mailing_id))
        .filter(Column::Status.eq(OutboxStatus::Failed))
        .order_by_asc(Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let rest = limit.saturating_sub(rows.len() as u64);
    if rest > 0 {
        rows.extend(
            outbox_email::Entity::find()
                .filter(Column::MailingId.eq(mailing_id))
                .filter(Column::Status.ne(OutboxStatus::Failed))
                .order_by_asc(Column::Id)
                .limit(rest)
                .all(db)
                .await?,
        );
    }
    Ok(rows)
}

/// Makes the failed mail `mail_id` of `mailing_id` due again now; nothing for a mail of
/// another mailing or one no longer failed (a second click sends nothing twice).
pub async fn retry_one(
    db: &impl ConnectionTrait,
    mailing_id: Uuid,
    mail_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let which = Condition::all().add(Column::Id.eq(mail_id)).add(Column::MailingId.eq(mailing_id));
    make_due_again(db, which, now).await
}
