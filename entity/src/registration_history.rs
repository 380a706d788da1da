//! `registration_history`: what happened to a registration, when, and who did it. Stored as
//! a kind plus parameters, rendered in the viewer's language; deleted with the registration.

use sea_orm::entity::prelude::*;

use crate::json::HistoryParams;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_history")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub registration_id: Uuid,
    pub event_id: Uuid,
    pub at: DateTimeUtc,
    /// `registered`, `promoted`, `switched`, `edited`, `mailed`, `checked_in`, …
    pub kind: String,
    /// `registrant`, `organizer`, `desk` or `system`.
    pub actor_kind: String,
    /// The organizer's email or the desk link's label.
    pub actor_label: Option<String>,
    pub params: HistoryParams,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
