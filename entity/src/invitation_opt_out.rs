//! `invitation_opt_out`: an address that asked for no more invitations, kept only as a
//! SHA-256 hash so that the list itself holds no personal data.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation_opt_out")]
pub struct Model {
    /// Hex SHA-256 of the trimmed, lower-cased address.
    #[sea_orm(primary_key, auto_increment = false)]
    pub email_hash: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
