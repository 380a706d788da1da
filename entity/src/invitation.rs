//! `invitation`: a personal link that pre-fills the registration form for a partner from an
//! imported list. Not a registration: the partner still registers (and consents) themselves.

use sea_orm::entity::prelude::*;

use crate::Language;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    /// SHA-256 (hex) of the `?invite=` value of the link (256 random bits, URL-safe).
    #[sea_orm(unique)]
    pub token: String,
    /// The token sealed with the server's key, to write the link into mails.
    pub token_sealed: String,
    /// Trimmed and lower-cased.
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub organization: String,
    pub language: Language,
    /// `in_person` or `online` when the list named one.
    pub mode: Option<String>,
    /// The organizer who imported the list.
    pub invited_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// When the invitation served a registration.
    pub used_at: Option<DateTimeUtc>,
    /// The registration it served: the link keeps working for that person (to register again
    /// after cancelling), and for nobody else.
    pub registration_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
