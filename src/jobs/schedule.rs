//! Time-driven event jobs, run by the jobs loop every few seconds. Each is guarded by a
//! conditional update, so with several instances each job runs once per event.

use chrono::{DateTime, Duration, Utc};
use entity::{EventStatus, Language, RegistrationStatus, event, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::db::{Db, Discard, Keep};
use crate::mail::Message;
use crate::mail::outbox::{self, Recipient};

pub async fn run_due_jobs(db: &Db, now: DateTime<Utc>) -> Result<(), DbErr> {
    queue_due_reminders(db, now).await?;
    close_started_waitlists(db, now).await?;
    lift_organization_caps(db, now).await?;
    Ok(())
}

/// When an event's per-organization cap lifts, the people it held back are promoted at once
/// (as far as the room allows), once per lift: under the event lock, and the instance that
/// marks `organization_cap_lifted_at` does it.
pub async fn lift_organization_caps(db: &Db, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let candidates: Vec<Uuid> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::PerOrganizationInPersonCap.is_not_null())
        .filter(event::Column::OrganizationCapLiftsAt.lte(now))
        .filter(event::Column::OrganizationCapLiftedAt.is_null())
        .into_tuple()
        .all(db.read())
        .await?;
    let mut promoted = 0;
    for id in candidates {
        promoted += db
            .write_alone(move |txn| {
                Box::pin(async move {
                    crate::seats::lock_event(txn, id, false).await?;
                    if !claim(txn, id, event::Column::OrganizationCapLiftedAt, now).await? {
                        return Ok::<_, DbErr>(Discard(0));
                    }
                    let moved = crate::seats::promote_waitlist(txn, id, entity::AttendanceMode::InPerson, now).await?;
                    crate::seats::waitlist::note_wait_reasons(txn, id, now).await?;
                    Ok(Keep(moved.len()))
                })
            })
            .await?;
    }
    Ok(promoted)
}

/// Queues the reminder for every confirmed registration of events entering their reminder
/// window (default 24 h before the start), once per event.
pub async fn queue_due_reminders(db: &Db, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let candidates = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::RemindersQueuedAt.is_null())
        .filter(event::Column::ReminderMinutesBefore.gt(0))
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(now + Duration::days(31)))
        .all(db.read())
        .await?;
    let mut queued = 0;
    for e in candidates.into_iter().filter(|e| now >= e.starts_at - Duration::minutes(e.reminder_minutes_before.into()))
    {
        let once = Once { column: event::Column::RemindersQueuedAt, to: RegistrationStatus::Confirmed };
        queued += once.run(db, e.id, Message::Reminder, now).await?;
    }
    Ok(queued)
}

/// At the start, promotion stops: those still waiting are told no seat freed up (with the join
/// link when the event is also online).
pub async fn close_started_waitlists(db: &Db, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let candidates: Vec<Uuid> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::Status.is_in([EventStatus::Published, EventStatus::Closed]))
        .filter(event::Column::WaitlistClosedAt.is_null())
        .filter(event::Column::StartsAt.lte(now))
        // Long-past events are not mailed (e.g. when this feature first runs on old data).
        .filter(event::Column::StartsAt.gt(now - Duration::hours(24)))
        .into_tuple()
        .all(db.read())
        .await?;
    let mut queued = 0;
    for id in candidates {
        let once = Once { column: event::Column::WaitlistClosedAt, to: RegistrationStatus::Waitlisted };
        queued += once.run(db, id, Message::NoSeatFreed, now).await?;
    }
    Ok(queued)
}

/// A job done once per event: the instance that sets `column` mails every registration in
/// status `to`, in the same transaction; any other instance finds it set and does nothing.
struct Once {
    column: event::Column,
    to: RegistrationStatus,
}

impl Once {
    /// How many mails were queued (0 when another instance did it already).
    async fn run(self, db: &Db, event_id: Uuid, message: Message, now: DateTime<Utc>) -> Result<usize, DbErr> {
        db.write_alone(move |txn| {
            Box::pin(async move {
                if !claim(txn, event_id, self.column, now).await? {
                    return Ok(Discard(0));
                }
                Ok(Keep(notify(txn, event_id, self.to, &message, now).await?))
            })
        })
        .await
    }
}

/// Sets a once-only timestamp column; true for the one caller that set it.
async fn claim(db: &impl ConnectionTrait, id: Uuid, column: event::Column, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let result = event::Entity::update_many()
        .col_expr(column, Expr::value(now))
        .filter(event::Column::Id.eq(id))
        .filter(column.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn notify(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    status: RegistrationStatus,
    message: &Message,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let recipients: Vec<(Uuid, Language)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::Id)
        .column(registration::Column::Language)
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(status))
        // A walk-in registered without an address is never mailed.
        .filter(registration::Column::Email.ne(""))
        .into_tuple()
        .all(db)
        .await?;
    for (registration_id, language) in &recipients {
        outbox::enqueue(
            db,
            Recipient { event_id, registration_id: Some(*registration_id), language: *language },
            message,
            now,
        )
        .await?;
    }
    Ok(recipients.len())
}
