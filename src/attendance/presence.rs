//! Who is here and who is not yet: the arrival times at the door and the confirmed in-person
//! registrants still expected, by organization (what the dashboard draws).

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, checkin, registration};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

/// When each active check-in of the event happened (undone ones left out).
pub async fn arrival_times(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Vec<DateTime<Utc>>, DbErr> {
    checkin::Entity::find()
        .select_only()
        .column(checkin::Column::CheckedInAt)
        .filter(checkin::Column::EventId.eq(event_id))
        .filter(checkin::Column::ActiveRegistrationId.is_not_null())
        .into_tuple()
        .all(db)
        .await
}

/// The registrations checked in now (undone check-ins left out) among those `which` selects
/// (`checkin::Column::EventId.eq(…)`, `checkin::Column::RegistrationId.is_in(…)`).
pub async fn checked_in(db: &impl ConnectionTrait, which: SimpleExpr) -> Result<HashSet<Uuid>, DbErr> {
    let ids = checkin::Entity::find()
        .select_only()
        .column(checkin::Column::RegistrationId)
        .filter(which)
        .filter(checkin::Column::ActiveRegistrationId.is_not_null())
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    Ok(ids.into_iter().collect())
}

/// Confirmed for the room but not (yet) checked in, counted per organization ("—" for none):
/// most missing first, then by name, at most `limit` organizations.
pub async fn absent_by_organization(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    limit: usize,
) -> Result<Vec<(String, usize)>, DbErr> {
    let expected: Vec<(Uuid, String)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::Id)
        .column(registration::Column::Organization)
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Mode.eq(AttendanceMode::InPerson))
        .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed))
        .into_tuple()
        .all(db)
        .await?;
    let arrived = checked_in(db, checkin::Column::EventId.eq(event_id)).await?;
    let mut absent: BTreeMap<String, usize> = BTreeMap::new();
    for (_, organization) in expected.iter().filter(|(id, _)| !arrived.contains(id)) {
        let name = if organization.is_empty() { "—".to_owned() } else { organization.clone() };
        *absent.entry(name).or_default() += 1;
    }
    let mut absent: Vec<(String, usize)> = absent.into_iter().collect();
    absent.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    absent.truncate(limit);
    Ok(absent)
}

/// Active check-ins per desk (a staff member's email or a desk link's label), most first.
pub async fn by_desk(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Vec<(String, u64)>, DbErr> {
    let desks: Vec<String> = checkin::Entity::find()
        .select_only()
        .column(checkin::Column::Desk)
        .filter(checkin::Column::EventId.eq(event_id))
        .filter(checkin::Column::ActiveRegistrationId.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for desk in desks {
        *counts.entry(desk).or_default() += 1;
    }
    let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(counts)
}
