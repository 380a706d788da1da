//! `audit_entry`: who exported, downloaded, erased or changed settings, and how many rows it
//! touched. Never a registrant's personal data.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    /// UUIDv7: ordered by time, the list's cursor.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub at: DateTimeUtc,
    /// The user's email, a desk link's label, or "system".
    pub actor: String,
    /// `export`, `checkin_index`, `erase_event`, `erase_person`, `retention_erase`,
    /// `settings_change`, `mailing`.
    pub action: String,
    pub event_id: Option<Uuid>,
    pub count: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
