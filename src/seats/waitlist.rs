//! The waiting line: who gets a seat when one frees, oldest first (`queue_seq`), exactly once.
//! Under a per-organization cap, a seat goes to the longest-waiting registration the room and
//! the cap allow, so a seat freed by one organization can go to another.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, event, registration};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::counters::{CapRule, Holder, Taken, release_seat, seats, take_seat};
use super::organizations;
use super::policy::{self, WaitReason};
use crate::db::FetchUnique;
use crate::history::{self, Actor, Kind};
use crate::mail::Message;
use crate::mail::messages::ConfirmationReason;
use crate::mail::outbox;
use crate::mail::outbox::Recipient;

/// Gives free seats of `mode` to the longest-waiting registrations (by `queue_seq`) that may
/// take one, and mails each. Called in the transaction that freed the seats (or raised a
/// capacity or cap), under the event lock. Returns the promoted registrations' ids.
pub async fn promote_waitlist(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    mode: AttendanceMode,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    let Some(event) = event::Entity::find_by_id(event_id).unique(db).await? else {
        return Ok(Vec::new());
    };
    let mut promoted = Vec::new();
    let capped = mode == AttendanceMode::InPerson
        && policy::organization_cap(event.per_organization_in_person_cap, event.organization_cap_lifts_at, now)
            .is_some();
    // Promotion stops when the event starts; a full room promotes nobody.
    let free = policy::promotable(seats(&event, mode), u32::MAX, now, event.starts_at);
    if free == 0 {
        return Ok(promoted);
    }
    let mut candidates = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Mode.eq(mode))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .order_by_asc(registration::Column::QueueSeq);
    // Without a cap the first `free` in line take the seats; with one, some may be passed over.
    if !capped {
        candidates = candidates.limit(u64::from(free));
    }
    let candidates = candidates.all(db).await?;
    for reg in candidates {
        match take_seat(db, &event, Holder::of(&reg), CapRule::Apply, now).await? {
            Taken::Seat => {}
            // Its organization has used its seats: the next in line may take this one.
            Taken::OrganizationFull => continue,
            Taken::RoomFull => break,
        }
        // Guarded on the status it was read with: a row promoted meanwhile is never promoted twice.
        let changed = registration::Entity::update_many()
            .col_expr(registration::Column::Status, Expr::value(RegistrationStatus::Confirmed))
            .col_expr(registration::Column::WaitlistReason, Expr::value(Option::<String>::None))
            .col_expr(registration::Column::ConfirmedAt, Expr::value(now))
            .col_expr(registration::Column::UpdatedAt, Expr::value(now))
            .col_expr(registration::Column::IndexRevision, Expr::value(event.revision))
            .col_expr(registration::Column::CalendarSequence, Expr::col(registration::Column::CalendarSequence).add(1))
            .filter(registration::Column::Id.eq(reg.id))
            .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
            .exec(db)
            .await?;
        if changed.rows_affected != 1 {
            release_seat(db, event_id, Holder::of(&reg)).await?;
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
    if mode == AttendanceMode::InPerson && event.per_organization_in_person_cap.is_some() {
        note_wait_reasons(db, event_id, now).await?;
    }
    Ok(promoted)
}

/// Says again why each in-person registration still waits: the room when it is full, else its
/// organization's cap (or the room, for those the cap does not hold back).
pub async fn note_wait_reasons(db: &impl ConnectionTrait, event_id: Uuid, now: DateTime<Utc>) -> Result<(), DbErr> {
    let Some(event) = event::Entity::find_by_id(event_id).unique(db).await? else {
        return Ok(());
    };
    let waiting = || {
        registration::Entity::update_many()
            .filter(registration::Column::EventId.eq(event.id))
            .filter(registration::Column::Mode.eq(AttendanceMode::InPerson))
            .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
    };
    let cap = policy::organization_cap(event.per_organization_in_person_cap, event.organization_cap_lifts_at, now);
    let capped = match cap {
        Some(cap) if seats(&event, AttendanceMode::InPerson).has_free() => {
            organizations::capped_keys(db, event.id, cap).await?
        }
        _ => Vec::new(),
    };
    let reason = |r: WaitReason| Expr::value(r.as_str());
    if capped.is_empty() {
        waiting().col_expr(registration::Column::WaitlistReason, reason(WaitReason::Capacity)).exec(db).await?;
        return Ok(());
    }
    waiting()
        .col_expr(registration::Column::WaitlistReason, reason(WaitReason::OrganizationCap))
        .filter(registration::Column::OrganizationKey.is_in(capped.clone()))
        .exec(db)
        .await?;
    waiting()
        .col_expr(registration::Column::WaitlistReason, reason(WaitReason::Capacity))
        .filter(registration::Column::OrganizationKey.is_not_in(capped))
        .exec(db)
        .await?;
    Ok(())
}
