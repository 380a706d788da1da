//! `mailing`: what organizers wrote to a group of an event's registrants, and how far its
//! sending is. Each recipient's mail is an `outbox_email` row with this `mailing_id`.

use sea_orm::entity::prelude::*;

use crate::json::{MailingAudience, MailingText};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "mailing")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    /// Per language code (`en` always, `fr`, `nl`), with `{placeholders}` as written.
    pub subject: MailingText,
    pub body: MailingText,
    /// Who it goes to (the filters).
    pub audience: MailingAudience,
    /// `scheduled`, `sending` or `cancelled`; a sending mailing whose recipients are all
    /// written and whose mails are all out is shown as `sent`.
    pub status: String,
    /// When sending starts (the creation time for "now").
    pub send_at: DateTimeUtc,
    /// When sending started: the recipients are the registrations made by then.
    pub started_at: Option<DateTimeUtc>,
    /// When the last recipient's mail was written.
    pub queued_at: Option<DateTimeUtc>,
    /// The last registration id considered: writing resumes after it.
    pub cursor: Option<Uuid>,
    /// Mails written; NULL until sending starts.
    pub recipients: Option<i32>,
    /// Registrations of the group not mailed (cancelled, declined, erased, without an email).
    pub skipped: i32,
    /// While recipients are being written, the instance writing them holds it until then.
    pub lease_until: Option<DateTimeUtc>,
    pub created_by_user_id: Option<Uuid>,
    /// The user's email (or a token's), as the list and the audit show it.
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
