//! `online_join`: that a registrant followed the stream, first and last time.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "online_join")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    #[sea_orm(unique)]
    pub registration_id: Uuid,
    pub first_joined_at: DateTimeUtc,
    pub last_joined_at: DateTimeUtc,
    pub join_count: i32,
    /// "link" for the personal join link, "import" for a platform report.
    pub source: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
