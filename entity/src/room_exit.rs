//! `room_exit`: a log of people leaving the room (exit scans); closed when they come back.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "room_exit")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    pub registration_id: Uuid,
    /// Equal to `registration_id` while the person is outside, NULL once back (or the
    /// check-in undone): unique, so one open exit per registration.
    pub active_registration_id: Option<Uuid>,
    pub exited_at: DateTimeUtc,
    pub returned_at: Option<DateTimeUtc>,
    /// The desk that scanned the exit.
    pub desk: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
