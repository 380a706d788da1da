//! `checkin`: a log of arrivals at the door; an undo is kept, not deleted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "checkin")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    pub registration_id: Uuid,
    /// Equal to `registration_id` until undone, then NULL: unique, so a registration has at
    /// most one active check-in however many desks scan it at once.
    pub active_registration_id: Option<Uuid>,
    pub checked_in_at: DateTimeUtc,
    /// The desk (user or desk link) that scanned.
    pub desk: String,
    pub user_id: Option<Uuid>,
    pub undone_at: Option<DateTimeUtc>,
    pub undone_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
