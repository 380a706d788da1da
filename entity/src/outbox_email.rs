//! `outbox_email`: a mail to send, written in the transaction of the change that causes it.

use sea_orm::entity::prelude::*;

use crate::{Language, OutboxStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_email")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Which mail: "confirmation", "waitlisted", "cancelled", …
    pub kind: String,
    pub event_id: Uuid,
    pub registration_id: Option<Uuid>,
    pub language: Language,
    /// The typed message (what changed), rendered into a mail only when sent.
    pub payload: Json,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// While `sending`, the claim is held until then; a dead worker's rows are taken over.
    pub lease_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// For mail caused by an anonymous request: the hash of the address it goes to, counted by
    /// the per-address limit. `NULL` for mail that is not limited.
    pub recipient_key: Option<String>,
    /// For a deferred mail: how many later mails replaced its content (latest state wins).
    pub coalesced: i32,
    pub updated_at: DateTimeUtc,
    /// The organizers' mailing this mail is one recipient's copy of (unique with
    /// `registration_id`); NULL for every other mail.
    pub mailing_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
