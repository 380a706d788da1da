//! The event's live counts (API.md "Counts").

use entity::event;
use sea_orm::{ConnectionTrait, DbErr};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::stmt;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct InPersonCounts {
    pub capacity: Option<i32>,
    /// Confirmed in person, held seats given included.
    pub confirmed: i64,
    pub waitlisted: i64,
    pub checked_in: i64,
    /// Seats held back for speakers and hosts (part of the capacity), and how many are given.
    pub held: i64,
    pub held_used: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct OnlineCounts {
    pub capacity: Option<i32>,
    pub confirmed: i64,
    pub waitlisted: i64,
    pub joined: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct EventStats {
    pub in_person: InPersonCounts,
    pub online: OnlineCounts,
    pub cancelled: i64,
    /// Requests waiting for the organizers' decision (`access: approval`); no seat.
    pub pending: i64,
    /// Requests the organizers declined; no seat.
    pub declined: i64,
    /// Confirmed and waitlisted registrations.
    pub registered: i64,
    /// Registrations that checked in on site or joined online, each counted once.
    pub attended: i64,
    /// Per partner organization (by organization key), sorted by key.
    pub organizations: Vec<super::organizations::OrganizationCounts>,
}

/// One query: every figure (COUNT, never NULL) is counted by the database from the rows themselves.
const STATS_SQL: &str = "
SELECT
  COUNT(CASE WHEN r.mode = 'in_person' AND r.status = 'confirmed' THEN 1 END) AS ip_confirmed,
  COUNT(CASE WHEN r.mode = 'in_person' AND r.status = 'waitlisted' THEN 1 END) AS ip_waitlisted,
  COUNT(CASE WHEN r.mode = 'online' AND r.status = 'confirmed' THEN 1 END) AS on_confirmed,
  COUNT(CASE WHEN r.mode = 'online' AND r.status = 'waitlisted' THEN 1 END) AS on_waitlisted,
  COUNT(CASE WHEN r.status = 'cancelled' THEN 1 END) AS cancelled,
  COUNT(CASE WHEN r.status = 'pending' THEN 1 END) AS pending,
  COUNT(CASE WHEN r.status = 'declined' THEN 1 END) AS declined,
  COUNT(CASE WHEN c.registration_id IS NOT NULL THEN 1 END) AS checked_in,
  COUNT(CASE WHEN j.registration_id IS NOT NULL THEN 1 END) AS joined,
  COUNT(CASE WHEN c.registration_id IS NOT NULL OR j.registration_id IS NOT NULL THEN 1 END) AS attended
FROM registration r
LEFT JOIN checkin c ON c.active_registration_id = r.id
LEFT JOIN online_join j ON j.registration_id = r.id
WHERE r.event_id = ?";

pub async fn for_event(db: &impl ConnectionTrait, event: &event::Model) -> Result<EventStats, DbErr> {
    let row = db.query_one_raw(stmt(db.get_database_backend(), STATS_SQL, vec![event.id.into()])).await?;
    // COUNT is BIGINT on every backend.
    let get = |name: &str| -> i64 { row.as_ref().and_then(|r| r.try_get::<i64>("", name).ok()).unwrap_or(0) };
    let (ip_confirmed, ip_waitlisted) = (get("ip_confirmed"), get("ip_waitlisted"));
    let (on_confirmed, on_waitlisted) = (get("on_confirmed"), get("on_waitlisted"));
    Ok(EventStats {
        in_person: InPersonCounts {
            capacity: event.in_person_capacity,
            confirmed: ip_confirmed,
            waitlisted: ip_waitlisted,
            checked_in: get("checked_in"),
            held: i64::from(event.in_person_held),
            held_used: i64::from(event.in_person_held_used),
        },
        online: OnlineCounts {
            capacity: event.online_capacity,
            confirmed: on_confirmed,
            waitlisted: on_waitlisted,
            joined: get("joined"),
        },
        cancelled: get("cancelled"),
        pending: get("pending"),
        declined: get("declined"),
        registered: ip_confirmed + ip_waitlisted + on_confirmed + on_waitlisted,
        attended: get("attended"),
        organizations: super::organizations::for_event(db, event.id).await?,
    })
}
