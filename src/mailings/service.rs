//! Mailings: stored, started (at once, or by the background loop when due: once, whichever
//! server gets there first), their recipients written in chunks, cancelled while scheduled.
//!
//! Starting is a conditional update that leases the mailing to one server; each chunk of
//! recipients is one transaction that writes their mails and moves the mailing's cursor,
//! and only if the cursor is still where this server left it. So a restart resumes after the
//! last committed chunk, a second server never writes a chunk twice, and the database's
//! unique (mailing, registration) makes a second mail to anyone impossible besides.

use chrono::{DateTime, Duration, Utc};
use entity::json::MailingText;
use entity::mailing::{self, Column};
use entity::{event, registration};
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::audience::{self, Candidate};
use super::input::Draft;
use crate::db::{Db, Discard, FetchUnique, Keep};
use crate::privacy::audit::{self, Action};

/// Registrations looked at per transaction while writing recipients.
pub const CHUNK: u64 = 500;
/// How long a server writing a mailing's recipients holds it; renewed with every chunk.
const LEASE: Duration = Duration::seconds(60);

pub const SCHEDULED: &str = "scheduled";
pub const SENDING: &str = "sending";
pub const CANCELLED: &str = "cancelled";

#[derive(Debug, thiserror::Error)]
pub enum MailingError {
    #[error("not found")]
    NotFound,
    #[error("sending has started: a mailing can be cancelled only while it is scheduled")]
    Started,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<MailingError> for crate::error::AppError {
    fn from(err: MailingError) -> Self {
        match err {
            MailingError::NotFound => crate::error::AppError::NotFound,
            MailingError::Started => crate::error::AppError::conflict("conflict", err.to_string()),
            MailingError::Db(e) => crate::error::AppError::Internal(e.into()),
        }
    }
}

/// Who writes a mailing.
#[derive(Debug, Clone)]
pub struct Author {
    pub user_id: Option<Uuid>,
    pub email: String,
}

/// Stores `draft` for `event_id`; when due now, writes its recipients before returning (a
/// failure there is logged and left to the background loop, which resumes it). With `id`
/// (the review page's), a second confirmation answers the mailing the first one wrote.
pub async fn create(
    db: &Db,
    event_id: Uuid,
    draft: Draft,
    author: Author,
    id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<mailing::Model, MailingError> {
    let created = db
        .write(move |txn| {
            Box::pin(async move {
                if event::Entity::find_by_id(event_id).unique(txn).await?.is_none() {
                    return Err(MailingError::NotFound);
                }
                let id = id.unwrap_or_else(Uuid::now_v7);
                if let Some(written) = mailing::Entity::find_by_id(id).unique(txn).await? {
                    return if written.event_id == event_id { Ok(Keep(written)) } else { Err(MailingError::NotFound) };
                }
                let audience = audience::resolve(txn, event_id, &draft.audience).await?;
                let send_at = draft.send_at.filter(|at| *at > now).unwrap_or(now);
                let due = send_at <= now;
                let row = mailing::Model {
                    id,
                    event_id,
                    subject: draft.subject,
                    body: draft.body,
                    audience,
                    status: if due { SENDING } else { SCHEDULED }.to_owned(),
                    send_at,
                    started_at: due.then_some(now),
                    queued_at: None,
                    cursor: None,
                    recipients: due.then_some(0),
                    skipped: 0,
                    lease_until: due.then_some(now + LEASE),
                    created_by_user_id: author.user_id,
                    created_by: author.email,
                    created_at: now,
                    updated_at: now,
                };
                // Two confirmations at the same instant: the second writes nothing.
                mailing::Entity::insert(row.clone().into_active_model())
                    .on_conflict(OnConflict::column(Column::Id).do_nothing_on([Column::Id]).to_owned())
                    .exec_without_returning(txn)
                    .await?;
                Ok(Keep(mailing::Entity::find_by_id(id).unique(txn).await?.unwrap_or(row)))
            })
        })
        .await?;
    if created.status == SENDING
        && let Err(err) = write_recipients(db, created.clone()).await
    {
        tracing::warn!(mailing = %created.id, error = %err, "writing a mailing's recipients stopped; it resumes");
    }
    Ok(get(db.read(), event_id, created.id).await?.unwrap_or(created))
}

/// The mailing `id` of `event_id`.
pub async fn get(db: &impl ConnectionTrait, event_id: Uuid, id: Uuid) -> Result<Option<mailing::Model>, DbErr> {
    mailing::Entity::find_by_id(id).filter(Column::EventId.eq(event_id)).unique(db).await
}

/// The event's mailings, newest first.
pub async fn list(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Vec<mailing::Model>, DbErr> {
    mailing::Entity::find().filter(Column::EventId.eq(event_id)).order_by_desc(Column::CreatedAt).all(db).await
}

/// Cancels a scheduled mailing; cancelling it again answers it as it is.
pub async fn cancel(db: &Db, event_id: Uuid, id: Uuid, now: DateTime<Utc>) -> Result<mailing::Model, MailingError> {
    db.write(move |txn| {
        Box::pin(async move {
            let changed = mailing::Entity::update_many()
                .col_expr(Column::Status, Expr::value(CANCELLED))
                .col_expr(Column::UpdatedAt, Expr::value(now))
                .filter(Column::Id.eq(id))
                .filter(Column::EventId.eq(event_id))
                .filter(Column::Status.eq(SCHEDULED))
                .exec(txn)
                .await?
                .rows_affected;
            let mailing = get(txn, event_id, id).await?.ok_or(MailingError::NotFound)?;
            if changed == 0 && mailing.status != CANCELLED {
                return Err(MailingError::Started);
            }
            Ok(Keep(mailing))
        })
    })
    .await
}

/// Starts every mailing that is due and resumes those whose server stopped writing their
/// recipients (its lease ran out). Safe on several servers at once.
pub async fn run_due(db: &Db, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let due = mailing::Entity::find().filter(due(now)).order_by_asc(Column::SendAt).all(db.read()).await?;
    let mut started = 0;
    for mailing in due {
        // One mailing that fails (it resumes after its lease) does not hold back the others.
        let outcome = match claim(db, &mailing, now).await {
            Ok(Some(claimed)) => write_recipients(db, claimed).await.map(|()| 1),
            Ok(None) => Ok(0),
            Err(err) => Err(err),
        };
        match outcome {
            Ok(n) => started += n,
            Err(err) => {
                tracing::warn!(mailing = %mailing.id, error = %err, "a mailing could not start; it is tried again")
            }
        }
    }
    Ok(started)
}

/// Mailings a server may take now: scheduled ones whose time came, and started ones whose
/// recipients are not all written and whose server's lease ran out.
fn due(now: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::any().add(Column::Status.eq(SCHEDULED).and(Column::SendAt.lte(now))).add(
        Column::Status
            .eq(SENDING)
            .and(Column::QueuedAt.is_null())
            .and(Column::LeaseUntil.is_null().or(Column::LeaseUntil.lt(now))),
    )
}

/// Takes `mailing` for this server, if no other server took it since it was read.
async fn claim(db: &Db, mailing: &mailing::Model, now: DateTime<Utc>) -> Result<Option<mailing::Model>, DbErr> {
    let id = mailing.id;
    let seen_cursor = mailing.cursor;
    db.write_alone(move |txn| {
        Box::pin(async move {
            let mut update = mailing::Entity::update_many()
                .col_expr(Column::Status, Expr::value(SENDING))
                .col_expr(Column::StartedAt, Func::coalesce([Expr::col(Column::StartedAt), Expr::value(now)]).into())
                .col_expr(Column::Recipients, Func::coalesce([Expr::col(Column::Recipients), Expr::value(0)]).into())
                .col_expr(Column::LeaseUntil, Expr::value(now + LEASE))
                .col_expr(Column::UpdatedAt, Expr::value(now))
                .filter(Column::Id.eq(id))
                .filter(due(now));
            update = match seen_cursor {
                Some(cursor) => update.filter(Column::Cursor.eq(cursor)),
                None => update.filter(Column::Cursor.is_null()),
            };
            if update.exec(txn).await?.rows_affected == 0 {
                return Ok(Discard(None));
            }
            Ok(Keep(mailing::Entity::find_by_id(id).unique(txn).await?))
        })
    })
    .await
}

/// Writes the recipients of `mailing` (held by this server) chunk by chunk until all are
/// written or another server took it over.
async fn write_recipients(db: &Db, mut mailing: mailing::Model) -> Result<(), DbErr> {
    while mailing.queued_at.is_none() {
        match write_chunk(db, mailing.clone()).await? {
            Some(next) => mailing = next,
            None => {
                tracing::info!(mailing = %mailing.id, "another server writes this mailing's recipients");
                return Ok(());
            }
        }
    }
    tracing::info!(mailing = %mailing.id, recipients = mailing.recipients, skipped = mailing.skipped, "mailing queued");
    Ok(())
}

/// One chunk: its recipients' mails and the mailing's cursor in one transaction; `None`
/// when the cursor moved meanwhile (another server holds the mailing).
async fn write_chunk(db: &Db, mailing: mailing::Model) -> Result<Option<mailing::Model>, DbErr> {
    db.write_alone(move |txn| {
        Box::pin(async move {
            let now = crate::domain::now();
            let started_at = mailing.started_at.unwrap_or(now);
            let chunk =
                audience::next_chunk(txn, mailing.event_id, &mailing.audience, mailing.cursor, started_at, CHUNK)
                    .await?;
            let recipients: Vec<_> = chunk.iter().filter(|c| c.mailed).map(|c| (c.id, c.language)).collect();
            let skipped = chunk.iter().filter(|c| !c.mailed).count();
            let done = (chunk.len() as u64) < CHUNK;
            let cursor = chunk.last().map(|c: &Candidate| c.id).or(mailing.cursor);
            let mut update = mailing::Entity::update_many()
                .col_expr(Column::Cursor, Expr::value(cursor))
                .col_expr(Column::Recipients, Expr::col(Column::Recipients).add(recipients.len() as i32))
                .col_expr(Column::Skipped, Expr::col(Column::Skipped).add(skipped as i32))
                .col_expr(Column::LeaseUntil, Expr::value(if done { None } else { Some(now + LEASE) }))
                .col_expr(Column::QueuedAt, Expr::value(done.then_some(now)))
                .col_expr(Column::UpdatedAt, Expr::value(now))
                .filter(Column::Id.eq(mailing.id))
                .filter(Column::Status.eq(SENDING))
                .filter(Column::QueuedAt.is_null());
            update = match mailing.cursor {
                Some(cursor) => update.filter(Column::Cursor.eq(cursor)),
                None => update.filter(Column::Cursor.is_null()),
            };
            if update.exec(txn).await?.rows_affected == 0 {
                return Ok(Discard(None));
            }
            crate::mail::mailing_outbox::insert_mailing(txn, mailing.event_id, mailing.id, &recipients, now).await?;
            let Some(next) = mailing::Entity::find_by_id(mailing.id).unique(txn).await? else {
                return Ok(Discard(None));
            };
            if done {
                let count = u64::try_from(next.recipients.unwrap_or(0)).unwrap_or(0);
                audit::record(txn, &next.created_by, Action::Mailing, Some(next.event_id), count, now).await?;
            }
            Ok(Keep(Some(next)))
        })
    })
    .await
}

/// A mailing's text filled for one registration of its event (the preview), or `None` for
/// a registration of another event or an erased one.
pub async fn preview(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    texts: (&MailingText, &MailingText),
    base_url: &str,
) -> Result<Option<crate::mail::mailing::Rendered>, DbErr> {
    let Some(event) = event::Entity::find_by_id(event_id).unique(db).await? else {
        return Ok(None);
    };
    let reg = registration::Entity::find_by_id(registration_id)
        .filter(registration::Column::EventId.eq(event_id))
        .unique(db)
        .await?;
    Ok(reg.filter(|r| !r.is_erased()).map(|reg| crate::mail::mailing::render(texts.0, texts.1, &reg, &event, base_url)))
}

/// Queues a test of a mailing to `email`: the text as `registration_id` of the event will read
/// it. `None` when there is no such registration.
pub async fn send_test(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    registration_id: Uuid,
    texts: (&MailingText, &MailingText),
    email: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Option<crate::mail::mailing::Rendered>, DbErr> {
    let Some(rendered) = preview(db, event_id, registration_id, texts, base_url).await? else {
        return Ok(None);
    };
    let Some(reg) = registration::Entity::find_by_id(registration_id).unique(db).await? else {
        return Ok(None);
    };
    let message = crate::mail::Message::MailingTest {
        email: email.to_owned(),
        subject: rendered.subject.clone(),
        body: rendered.body.clone(),
        shown_as: format!("{} {}", reg.first_name(), reg.last_name()),
    };
    let to = crate::mail::outbox::Recipient { event_id, registration_id: None, language: rendered.language };
    crate::mail::outbox::enqueue(db, to, &message, now).await?;
    Ok(Some(rendered))
}
