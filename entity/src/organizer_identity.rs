//! `organizer_identity`: who organizes (one row, id 1): the name per language, the contact
//! and privacy notice, the accent colour and the logo.

use sea_orm::entity::prelude::*;

use crate::json::PerLanguage;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organizer_identity")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub organization_name: PerLanguage,
    pub contact_email: Option<String>,
    pub privacy_url: PerLanguage,
    /// `#rrggbb`.
    pub accent_color: Option<String>,
    /// PNG or JPEG bytes.
    pub logo: Option<Vec<u8>>,
    /// `image/png` or `image/jpeg`.
    pub logo_type: Option<String>,
    /// Grows with each change: caches and the logo's address follow it.
    pub revision: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
