//! `registration`: one partner's place at one event.

use sea_orm::entity::prelude::*;

use crate::json::Answers;
use crate::{AttendanceMode, Language, RegistrationStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "registration")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    // The personal columns are NULL once the registration is erased (`erased_at`); read them
    // through the methods below, which show an erased value as "".
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// Trimmed and lower-cased.
    pub email: Option<String>,
    /// Equal to `email` while the registration is active (placed, pending or declined), NULL
    /// once cancelled: unique with `event_id`, so one active registration per address
    /// survives re-registration.
    pub active_email: Option<String>,
    pub organization: String,
    /// The organization's key (`seats::organizations::organization_key`, or the key its
    /// spelling was merged into): "" for a blank organization; NULL only for rows of an
    /// earlier release until the upgrade step fills them.
    pub organization_key: Option<String>,
    pub mode: AttendanceMode,
    pub status: RegistrationStatus,
    /// Per-event order of arrival, for the waitlist.
    pub queue_seq: i64,
    pub language: Language,
    /// SHA-256 (hex) of the ticket code: what a scan is looked up by, and the check-in
    /// index's `code_sha256`. The code itself is only in `ticket_code_sealed`.
    pub ticket_code: Option<String>,
    /// SHA-256 (hex) of the manage token.
    pub manage_token: Option<String>,
    /// SHA-256 (hex) of the join token.
    pub join_token: Option<String>,
    /// The secrets sealed with the server's key, to show them again in mails and pages.
    pub ticket_code_sealed: Option<String>,
    pub manage_token_sealed: Option<String>,
    pub join_token_sealed: Option<String>,
    pub consent_at: DateTimeUtc,
    /// "form", "api", "desk", "imported by …".
    pub consent_source: String,
    pub answers: Option<Answers>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    /// Last time the manage link was mailed again (duplicate registration or lost link).
    pub link_resent_at: Option<DateTimeUtc>,
    pub reminder_sent_at: Option<DateTimeUtc>,
    /// iCalendar SEQUENCE of this registration's calendar entry: grows with every change
    /// mailed with an `.ics` (mode switch, move, cancellation), under a stable UID.
    pub calendar_sequence: i32,
    /// A seat held back for speakers and hosts, given by an organizer.
    pub held_seat: bool,
    /// The event's revision when this registration or its check-in last changed: the
    /// check-in index's cursor.
    pub index_revision: i64,
    /// When its personal data was erased (retention, an organizer, or the registrant).
    pub erased_at: Option<DateTimeUtc>,
    /// The consent sentence as shown, its version (a hash of the sentence), the language it
    /// was shown in and the privacy link at the time; NULL before consent texts were recorded
    /// and for registrations whose consent was given elsewhere (imports).
    pub consent_text: Option<String>,
    pub consent_version: Option<String>,
    pub consent_language: Option<String>,
    pub consent_privacy_url: Option<String>,
    /// Why a waitlisted in-person registration waits: `capacity` (the room is full) or
    /// `organization_cap` (its organization has used its seats); NULL otherwise.
    pub waitlist_reason: Option<String>,
    /// The event's revision when it was last handed to a colleague: the check-in index lists
    /// the former holder's entry as removed from a cursor before it.
    pub transferred_revision: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn first_name(&self) -> &str {
        self.first_name.as_deref().unwrap_or_default()
    }

    pub fn last_name(&self) -> &str {
        self.last_name.as_deref().unwrap_or_default()
    }

    /// The address ("" for a walk-in without one, or once erased).
    pub fn email(&self) -> &str {
        self.email.as_deref().unwrap_or_default()
    }

    pub fn answers(&self) -> &std::collections::BTreeMap<String, serde_json::Value> {
        static NONE: std::collections::BTreeMap<String, serde_json::Value> = std::collections::BTreeMap::new();
        self.answers.as_ref().map_or(&NONE, |a| &a.0)
    }

    pub fn is_erased(&self) -> bool {
        self.erased_at.is_some()
    }
}
