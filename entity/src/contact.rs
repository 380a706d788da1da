//! `contact`: someone who ticked "invite me to future editions". Kept outside any event's
//! retention, with its own consent record; removed by the stop link of any invitation.

use sea_orm::entity::prelude::*;

use crate::Language;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Trimmed and lower-cased; one contact per address.
    #[sea_orm(unique)]
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub organization: String,
    pub language: Language,
    /// When and where the person asked to be invited (`form: <event slug>`).
    pub consent_at: DateTimeUtc,
    pub consent_source: String,
    pub source_event_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
