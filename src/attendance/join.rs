//! Personal join links (`/j/{join_token}`): find the registration behind a token and record
//! that it followed the stream. One `online_join` row per registration (unique), kept by a
//! single upsert, so simultaneous clicks never make two rows.

use chrono::{DateTime, Utc};
use entity::{event, online_join, registration};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use uuid::Uuid;

/// The registration behind a join token, with its event.
#[tracing::instrument(skip_all)]
pub async fn find_by_join_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(registration::Model, event::Model)>, DbErr> {
    crate::registrations::rows::find_by_token(db, registration::Column::JoinToken, token).await
}

/// Records a join now: the first one creates the row, later ones move `last_joined_at` and
/// count. The caller has checked that it counts (`policy::counts_as_join`).
#[tracing::instrument(skip_all)]
pub async fn record_join(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = online_join::ActiveModel {
        id: Set(Uuid::now_v7()),
        event_id: Set(reg.event_id),
        registration_id: Set(reg.id),
        first_joined_at: Set(now),
        last_joined_at: Set(now),
        join_count: Set(1),
        source: Set("link".to_owned()),
    };
    let on_conflict = OnConflict::column(online_join::Column::RegistrationId)
        .update_column(online_join::Column::LastJoinedAt)
        .value(online_join::Column::JoinCount, Expr::col((online_join::Entity, online_join::Column::JoinCount)).add(1))
        .to_owned();
    online_join::Entity::insert(row).on_conflict(on_conflict).exec_without_returning(db).await?;
    Ok(())
}
