//! How an event is shown to organizers (JSON), mapped from its row.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use entity::{AttendanceMode, EventAccess, EventStatus, event};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::input::{ProgrammeInput, Question, TranslationInput};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventView {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub translations: BTreeMap<String, TranslationInput>,
    /// RFC 3339, in the event's own time zone.
    pub starts_at: String,
    pub ends_at: String,
    pub timezone: String,
    pub venue: Option<String>,
    pub online_url: Option<String>,
    pub modes: Vec<AttendanceMode>,
    pub in_person_capacity: Option<i32>,
    pub online_capacity: Option<i32>,
    /// In-person seats kept for speakers and hosts, part of `in_person_capacity`.
    pub in_person_held: i32,
    pub waitlist: bool,
    pub registration_closes_at: Option<String>,
    pub status: EventStatus,
    pub questions: Vec<Question>,
    pub reminder_hours_before: i32,
    pub programme: Vec<ProgrammeInput>,
    /// Days after the end until the registrants' personal data is erased.
    pub retention_days: i32,
    /// When that erasure is due (RFC 3339, UTC).
    pub erasure_due_at: String,
    /// When it happened; `null` until then.
    pub personal_data_erased_at: Option<String>,
    /// Who may register: `open`, `invitation` or `approval`.
    pub access: EventAccess,
    /// At an invitation-only event, domains whose addresses need no invitation link.
    pub allowed_email_domains: Vec<String>,
    /// At most this many confirmed in-person registrations per organization; `null`: no cap.
    pub per_organization_in_person_cap: Option<i32>,
    /// When the cap stops applying (RFC 3339, in the event's zone); `null`: it holds to the end.
    pub organization_cap_lifts_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

pub use crate::facts::{offers, zone};

/// RFC 3339 with the offset of `tz` at that instant.
pub fn in_zone(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// RFC 3339 in UTC, written `+00:00`.
pub fn utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

pub fn modes(event: &event::Model) -> Vec<AttendanceMode> {
    AttendanceMode::ALL.into_iter().filter(|m| offers(event, *m)).collect()
}

pub fn questions(event: &event::Model) -> Vec<Question> {
    event.questions.0.clone()
}

impl From<&event::Model> for EventView {
    fn from(e: &event::Model) -> Self {
        let tz = zone(e);
        EventView {
            id: e.id,
            slug: e.slug.clone(),
            title: e.title.clone(),
            description: e.description.clone(),
            translations: e.translations.0.clone(),
            starts_at: in_zone(e.starts_at, tz),
            ends_at: in_zone(e.ends_at, tz),
            timezone: e.timezone.clone(),
            venue: e.venue.clone(),
            online_url: e.online_url.clone(),
            modes: modes(e),
            in_person_capacity: e.in_person_capacity,
            online_capacity: e.online_capacity,
            in_person_held: e.in_person_held,
            waitlist: e.waitlist,
            registration_closes_at: e.registration_closes_at.map(|t| in_zone(t, tz)),
            status: e.status,
            questions: questions(e),
            reminder_hours_before: e.reminder_minutes_before / 60,
            programme: e
                .programme
                .0
                .iter()
                .map(|item| ProgrammeInput {
                    starts_at: Some(in_zone(item.starts_at, tz)),
                    ends_at: item.ends_at.map(|t| in_zone(t, tz)),
                    title: Some(item.title.clone()),
                    speakers: Some(item.speakers.clone()),
                })
                .collect(),
            retention_days: e.retention_days,
            erasure_due_at: utc(crate::privacy::policy::event_erasure_due_at(e)),
            personal_data_erased_at: e.personal_data_erased_at.map(utc),
            access: e.access,
            allowed_email_domains: e.allowed_email_domains.0.clone(),
            per_organization_in_person_cap: e.per_organization_in_person_cap,
            organization_cap_lifts_at: e.organization_cap_lifts_at.map(|t| in_zone(t, tz)),
            created_at: utc(e.created_at),
            updated_at: utc(e.updated_at),
        }
    }
}
