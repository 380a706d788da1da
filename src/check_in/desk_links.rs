//! Desk links: revocable, per-event secrets stored as hashes.

use chrono::{DateTime, Utc};
use entity::desk_link;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::db::FetchUnique;
use crate::secrets;

/// Creates a link and returns it with the secret to put in its URL (shown once).
pub async fn create(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    label: &str,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(desk_link::Model, String), DbErr> {
    let token = secrets::url_token();
    let link = desk_link::Model {
        id: Uuid::now_v7(),
        event_id,
        label: label.chars().take(200).collect(),
        token_hash: secrets::hash_token(&token),
        created_by,
        created_at: now,
        revoked_at: None,
    };
    desk_link::Entity::insert(link.clone().into_active_model()).exec_without_returning(db).await?;
    Ok((link, token))
}

pub async fn list(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Vec<desk_link::Model>, DbErr> {
    desk_link::Entity::find()
        .filter(desk_link::Column::EventId.eq(event_id))
        .order_by_desc(desk_link::Column::CreatedAt)
        .all(db)
        .await
}

/// Revokes a link; its sessions stop working at their next request.
pub async fn revoke(db: &impl ConnectionTrait, event_id: Uuid, link_id: Uuid, now: DateTime<Utc>) -> Result<(), DbErr> {
    desk_link::Entity::update_many()
        .col_expr(desk_link::Column::RevokedAt, Expr::value(Some(now)))
        .filter(desk_link::Column::Id.eq(link_id))
        .filter(desk_link::Column::EventId.eq(event_id))
        .filter(desk_link::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The unrevoked link behind a secret.
pub async fn find_live(db: &impl ConnectionTrait, token: &str) -> Result<Option<desk_link::Model>, DbErr> {
    if token.len() != 43 {
        return Ok(None);
    }
    desk_link::Entity::find()
        .filter(desk_link::Column::TokenHash.eq(secrets::hash_token(token)))
        .filter(desk_link::Column::RevokedAt.is_null())
        .unique(db)
        .await
}
