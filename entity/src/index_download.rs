//! `index_download`: each download of an event's check-in index, for the audit trail.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "index_download")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    /// The account, or the desk link of a desk session.
    pub user_id: Option<Uuid>,
    /// An email, or a desk link's label.
    pub who: String,
    /// The cursor asked from; `None` for a whole index.
    pub since_cursor: Option<i64>,
    pub entries: i32,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
