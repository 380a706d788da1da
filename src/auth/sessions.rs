//! Back-office sessions stored in the database (so any instance serves any request).

use chrono::{DateTime, Utc};
use entity::session;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Deletes expired sessions; run by the worker.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many().filter(session::Column::ExpiryDate.lt(now)).exec(db).await?.rows_affected)
}
