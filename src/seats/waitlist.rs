//! The waiting line: who gets a seat when one frees, oldest first (`queue_seq`), exactly once.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, event, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::counters::{release_seat, seats, take_seat, waiting};
use super::policy;
use crate::db::FetchUnique;
use crate::history::{self, Actor, Kind};
use crate::mail::Message;
use crate::mail::messages::ConfirmationReason;
use crate::mail::outbox;
use crate::mail::outbox::Recipient;

/// Gives free seats of `mode` to the longest-waiting registrations (by `queue_seq`), and
/// mails each. Called in the transaction that freed the seats, under the event lock.
/// Returns the promoted registrations' ids.
pub async fn promote_waitlist(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    mode: AttendanceMode,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    let Some(event) = event::Entity::find_by_id(event_id).unique(db).await? else {
        return Ok(Vec::new());
    };
    let waiting_now = waiting(db, event_id, mode).await?;
    let n = policy::promotable(seats(&event, mode), waiting_now, now, event.starts_at);
    if n == 0 {
        return Ok(Vec::new());
    }
    let candidates = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Mode.eq(mode))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .order_by_asc(registration::Column::QueueSeq)
        .limit(u64::from(n))
        .all(db)
        .await?;
    let mut promoted = Vec::with_capacity(candidates.len());
    for reg in candidates {
        if !take_seat(db, event_id, mode).await? {
            break;
        }
        // Guarded on the status it was read with: a row promoted meanwhile is never promoted twice.
        let changed = registration::Entity::update_many()
            .col_expr(registration::Column::Status, Expr::value(RegistrationStatus::Confirmed))
            .col_expr(registration::Column::ConfirmedAt, Expr::value(now))
            .col_expr(registration::Column::UpdatedAt, Expr::value(now))
            .col_expr(registration::Column::IndexRevision, Expr::value(event.revision))
            .col_expr(
                registration::Column::CalendarSequence,
                sea_orm::sea_query::ExprTrait::add(Expr::col(registration::Column::CalendarSequence), 1),
            )
            .filter(registration::Column::Id.eq(reg.id))
            .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
            .exec(db)
            .await?;
        if changed.rows_affected != 1 {
            release_seat(db, event_id, mode).await?;
            continue;
        }
        let message = Message::Confirmation {
            reason: ConfirmationReason::Promoted,
            previous_mode: None,
            sequence: reg.calendar_sequence + 1,
        };
        outbox::enqueue(db, Recipient::registrant(&reg), &message, now).await?;
        history::record(db, history::of(&reg), Kind::Promoted, &Actor::System, &[("mode", mode.as_str())], now).await?;
        promoted.push(reg.id);
    }
    Ok(promoted)
}
