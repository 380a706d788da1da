//! `event`: one meeting, its seats per mode and the counters that guard them.

use sea_orm::entity::prelude::*;

use crate::json::{EmailDomains, Programme, Questions, Translations};
use crate::{EventAccess, EventStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "event")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub description: String,
    /// `{"fr": {"title": …, "description": …}, "nl": {…}}`
    pub translations: Translations,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// IANA zone name, used for display only; times are stored in UTC.
    pub timezone: String,
    pub venue: Option<String>,
    pub online_url: Option<String>,
    pub offers_in_person: bool,
    pub offers_online: bool,
    /// `None` is unlimited.
    pub in_person_capacity: Option<i32>,
    pub online_capacity: Option<i32>,
    /// Confirmed registrations per mode, kept in step with the registration rows in the
    /// same transaction; the seat rules read and write these under the event's row lock.
    pub in_person_confirmed: i32,
    pub online_confirmed: i32,
    /// In-person seats kept out of public registration for speakers and hosts; part of
    /// `in_person_capacity`, never added to it.
    pub in_person_held: i32,
    /// Held seats given (counted in `in_person_confirmed` too).
    pub in_person_held_used: i32,
    pub waitlist: bool,
    pub registration_closes_at: Option<DateTimeUtc>,
    pub status: EventStatus,
    /// Custom questions, as the API shows them.
    pub questions: Questions,
    /// Programme items, in order.
    pub programme: Programme,
    /// Next waitlist position; arrival order that survives identical timestamps.
    pub next_queue_seq: i64,
    /// Bumped by every write that touches seats: taking the event's row lock.
    pub revision: i64,
    /// How many times the event's time, place or status changed in a way mailed to registrants.
    pub calendar_sequence: i32,
    /// Minutes before `starts_at` when reminders go out.
    pub reminder_minutes_before: i32,
    pub reminders_queued_at: Option<DateTimeUtc>,
    /// When the "no seat freed up" notices went out to those still waiting at the start.
    pub waitlist_closed_at: Option<DateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Days after the event (or after `retention_from`, when later) until its registrations'
    /// personal data is erased by the retention job.
    pub retention_days: i32,
    /// For events made before retention existed: the upgrade, which days also count from.
    pub retention_from: Option<DateTimeUtc>,
    /// When the retention job (or an organizer) erased the event's personal data.
    pub personal_data_erased_at: Option<DateTimeUtc>,
    /// Who may register: anyone, the invited, or anyone subject to the organizers' approval.
    pub access: EventAccess,
    /// At an invitation-only event, addresses at these domains (lower case, punycode) may
    /// register without a personal link.
    pub allowed_email_domains: EmailDomains,
    /// At most this many confirmed in-person registrations per organization; `None`: no cap.
    pub per_organization_in_person_cap: Option<i32>,
    /// From then on the cap no longer applies (typically the day before the event).
    pub organization_cap_lifts_at: Option<DateTimeUtc>,
    /// When the waiting line was moved after the cap lifted (once per lift).
    pub organization_cap_lifted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
