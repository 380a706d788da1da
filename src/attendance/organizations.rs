//! The organizations view: per partner organization, who is seated, online, waiting, checked
//! in and joined — in the stats JSON, on the dashboard, and as the report organizers send
//! after the event. Organizations are grouped by their key; each is named by its merge target,
//! else its earliest active spelling.

use std::collections::BTreeMap;

use entity::{RegistrationStatus, organization_alias, registration};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::stmt;

/// One organization's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrganizationCounts {
    pub name: String,
    /// Confirmed in person (checked in or not).
    pub in_person: i64,
    /// Confirmed online.
    pub online: i64,
    pub waitlisted: i64,
    pub checked_in: i64,
    pub joined: i64,
}

/// Every figure counted by the database from the rows, per organization key.
const COUNTS_SQL: &str = "
SELECT
  r.organization_key AS k,
  COUNT(CASE WHEN r.mode = 'in_person' AND r.status = 'confirmed' THEN 1 END) AS in_person,
  COUNT(CASE WHEN r.mode = 'online' AND r.status = 'confirmed' THEN 1 END) AS online,
  COUNT(CASE WHEN r.status = 'waitlisted' THEN 1 END) AS waitlisted,
  COUNT(c.registration_id) AS checked_in,
  COUNT(j.registration_id) AS joined
FROM registration r
LEFT JOIN checkin c ON c.active_registration_id = r.id
LEFT JOIN online_join j ON j.registration_id = r.id
WHERE r.event_id = ? AND r.organization_key <> '' AND r.status IN ('confirmed', 'waitlisted')
GROUP BY r.organization_key";

/// The organizations of `event_id` with a registration holding a place, sorted by key (byte
/// order, the same on every database).
pub async fn for_event(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Vec<OrganizationCounts>, DbErr> {
    let rows = db.query_all_raw(stmt(db.get_database_backend(), COUNTS_SQL, vec![event_id.into()])).await?;
    let names = names(db, event_id).await?;
    let mut counts: BTreeMap<String, OrganizationCounts> = BTreeMap::new();
    for row in rows {
        let key: String = row.try_get("", "k")?;
        let get = |name: &str| row.try_get::<i64>("", name).unwrap_or(0);
        let name = names.get(&key).cloned().unwrap_or_else(|| key.clone());
        counts.insert(
            key,
            OrganizationCounts {
                name,
                in_person: get("in_person"),
                online: get("online"),
                waitlisted: get("waitlisted"),
                checked_in: get("checked_in"),
                joined: get("joined"),
            },
        );
    }
    Ok(counts.into_values().collect())
}

/// Each key's name: the merge target's, else the earliest spelling of a registration still
/// coming, else the earliest of any.
async fn names(db: &impl ConnectionTrait, event_id: Uuid) -> Result<BTreeMap<String, String>, DbErr> {
    let spellings: Vec<(Option<String>, String, RegistrationStatus)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::OrganizationKey)
        .column(registration::Column::Organization)
        .column(registration::Column::Status)
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::OrganizationKey.ne(""))
        .order_by_asc(registration::Column::CreatedAt)
        .order_by_asc(registration::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut names: BTreeMap<String, (bool, String)> = BTreeMap::new();
    for (key, spelling, status) in spellings {
        let Some(key) = key else { continue };
        let open = status.is_open();
        match names.get(&key) {
            Some((true, _)) => {}
            Some((false, _)) if !open => {}
            _ => {
                names.insert(key, (open, spelling));
            }
        }
    }
    let mut names: BTreeMap<String, String> = names.into_iter().map(|(k, (_, name))| (k, name)).collect();
    let merged =
        organization_alias::Entity::find().filter(organization_alias::Column::EventId.eq(event_id)).all(db).await?;
    for alias in merged {
        names.insert(alias.target_key, alias.target_name);
    }
    Ok(names)
}
