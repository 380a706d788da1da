//! `door_setting`: an event's choices for the door (exit scans, the room's own cap).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "door_setting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    /// Staff scan people out as well as in, so the room's live head count is known.
    pub exit_scans: bool,
    /// How many may be in the room at once, when lower than the seats sold; `None`: the
    /// event's in-person capacity.
    pub room_cap: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
