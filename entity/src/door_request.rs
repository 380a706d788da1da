//! `door_request`: the answer a desk's request got, by its nonce, so a replay is answered the
//! same and does nothing twice.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "door_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub nonce: Uuid,
    /// `checkin`, `walkin` or `exit`.
    pub kind: String,
    /// Hex SHA-256 of the request's content: the same nonce with other content is refused.
    pub fingerprint: String,
    pub status: i32,
    /// The JSON answer as first given.
    pub response: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
