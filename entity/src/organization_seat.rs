//! `organization_seat`: confirmed in-person registrations of one organization at one event,
//! kept in step with the registration rows by the seat rules, under the event's row lock.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organization_seat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    /// The organization key (never empty: a blank organization is never counted).
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_key: String,
    pub in_person_confirmed: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
