//! What organizers send for an event, and its parsing into a valid [`EventSpec`].
//!
//! Every field is optional at the serde level so that one request reports every problem at
//! once, each under its field name.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, SubsecRound, Utc};
use chrono_tz::Tz;
use entity::{AttendanceMode, EventAccess, EventStatus};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::{clean_multiline, clean_text, is_http_url};
use crate::error::{FieldError, FieldErrors};

pub const MAX_CAPACITY: i64 = 1_000_000;

/// A create request, or the whole event after a merge patch.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EventInput {
    pub slug: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub translations: Option<BTreeMap<String, TranslationInput>>,
    /// RFC 3339 with offset.
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// IANA time zone; default `UTC`.
    pub timezone: Option<String>,
    pub venue: Option<String>,
    pub online_url: Option<String>,
    /// Default: both modes.
    pub modes: Option<Vec<String>>,
    /// `null` is unlimited.
    pub in_person_capacity: Option<i64>,
    pub online_capacity: Option<i64>,
    /// In-person seats kept for speakers and hosts (default 0, at most the capacity).
    pub in_person_held: Option<i64>,
    /// Default `true`.
    pub waitlist: Option<bool>,
    pub registration_closes_at: Option<String>,
    /// `draft` (default), `published`, `closed` or `cancelled`.
    pub status: Option<String>,
    pub questions: Option<Vec<QuestionInput>>,
    /// Hours before the start when reminders go out; default 24, 0 turns them off.
    pub reminder_hours_before: Option<i64>,
    /// At most 50 items, each inside the event's time span.
    pub programme: Option<Vec<ProgrammeInput>>,
    /// Days after the event until its registrants' personal data is erased (1 to 3650, 180).
    pub retention_days: Option<i64>,
    /// Who may register: `open` (default), `invitation` or `approval`.
    pub access: Option<String>,
    /// At an invitation-only event, domains whose addresses need no invitation link.
    pub allowed_email_domains: Option<Vec<String>>,
    /// At most this many confirmed in-person registrations per organization (1 or more).
    pub per_organization_in_person_cap: Option<i64>,
    /// RFC 3339: from then on the cap no longer applies.
    pub organization_cap_lifts_at: Option<String>,
}

/// An event's title and description in one more language (stored as given).
pub use entity::json::Translation as TranslationInput;

pub use super::programme::{ProgrammeInput, ProgrammeItem, parse_programme};
pub use super::questions::{Question, QuestionInput, QuestionKind, QuestionOption, parse_questions};
pub use super::slug::slugify;

/// A valid event description.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSpec {
    pub slug: Option<String>,
    pub title: String,
    pub description: String,
    pub translations: BTreeMap<String, TranslationInput>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: Tz,
    pub venue: Option<String>,
    pub online_url: Option<String>,
    pub offers_in_person: bool,
    pub offers_online: bool,
    pub in_person_capacity: Option<i32>,
    pub online_capacity: Option<i32>,
    pub in_person_held: i32,
    pub waitlist: bool,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub status: EventStatus,
    pub questions: Vec<Question>,
    pub reminder_minutes_before: i32,
    pub programme: Vec<ProgrammeItem>,
    pub retention_days: i32,
    pub access: EventAccess,
    pub allowed_email_domains: Vec<String>,
    pub per_organization_in_person_cap: Option<i32>,
    pub organization_cap_lifts_at: Option<DateTime<Utc>>,
}

impl EventSpec {
    pub fn offers(&self, mode: AttendanceMode) -> bool {
        match mode {
            AttendanceMode::InPerson => self.offers_in_person,
            AttendanceMode::Online => self.offers_online,
        }
    }

    pub fn capacity(&self, mode: AttendanceMode) -> Option<i32> {
        match mode {
            AttendanceMode::InPerson => self.in_person_capacity,
            AttendanceMode::Online => self.online_capacity,
        }
    }
}

pub fn parse_instant(raw: &str) -> Result<DateTime<Utc>, FieldError> {
    let t = DateTime::parse_from_rfc3339(raw.trim())
        // Microseconds: what every backend stores, so the answer matches a later read.
        .map(|t| t.with_timezone(&Utc).trunc_subsecs(6))
        .map_err(|_| FieldError::new("invalid_instant"))?;
    // A meeting in year 0 or 9999 is a typing slip, and would outlive every cookie and limit.
    match chrono::Datelike::year(&t) {
        2000..=2100 => Ok(t),
        _ => Err(FieldError::new("instant_out_of_range")),
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

impl EventInput {
    /// Checks every field, collecting all problems.
    pub fn parse(self) -> Result<EventSpec, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut text = |field: &str, value: Option<&str>, required: bool, max: usize| -> String {
            clean_text(value, required, max).unwrap_or_else(|e| {
                errors.insert(field, e);
                String::new()
            })
        };
        let title = text("title", self.title.as_deref(), true, 300);
        let venue = Some(text("venue", self.venue.as_deref(), false, 500)).filter(|v| !v.is_empty());
        let online_url = Some(text("online_url", self.online_url.as_deref(), false, 2000)).filter(|v| !v.is_empty());
        let description = clean_multiline(self.description.as_deref(), false, 20_000).unwrap_or_else(|e| {
            errors.insert("description", e);
            String::new()
        });
        if let Some(url) = &online_url
            && !is_http_url(url)
        {
            errors.insert("online_url", FieldError::new("invalid_url"));
        }

        let slug = self.slug.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        if let Some(s) = &slug
            && !is_slug(s)
        {
            errors.insert("slug", FieldError::new("invalid_slug"));
        }

        let mut translations = BTreeMap::new();
        for (lang, tr) in self.translations.unwrap_or_default() {
            if !matches!(lang.as_str(), "en" | "fr" | "nl") {
                errors.insert(format!("translations.{lang}"), FieldError::new("unknown_language"));
                continue;
            }
            let title = clean_text(tr.title.as_deref(), false, 300);
            let description = clean_multiline(tr.description.as_deref(), false, 20_000);
            let venue = clean_text(tr.venue.as_deref(), false, 500);
            match (title, description, venue) {
                (Ok(t), Ok(d), Ok(v)) => {
                    translations.insert(
                        lang,
                        TranslationInput {
                            title: Some(t).filter(|t| !t.is_empty()),
                            description: Some(d).filter(|d| !d.is_empty()),
                            venue: Some(v).filter(|v| !v.is_empty()),
                        },
                    );
                }
                (Err(e), _, _) => errors.insert(format!("translations.{lang}.title"), e),
                (_, Err(e), _) => errors.insert(format!("translations.{lang}.description"), e),
                (_, _, Err(e)) => errors.insert(format!("translations.{lang}.venue"), e),
            }
        }

        let mut instant = |field: &str, raw: Option<&str>, required: bool| -> Option<DateTime<Utc>> {
            match raw.map(str::trim).filter(|r| !r.is_empty()) {
                Some(r) => parse_instant(r).map_err(|e| errors.insert(field, e)).ok(),
                None if required => {
                    errors.insert(field, FieldError::new("required"));
                    None
                }
                None => None,
            }
        };
        let starts_at = instant("starts_at", self.starts_at.as_deref(), true);
        let ends_at = instant("ends_at", self.ends_at.as_deref(), true);
        let registration_closes_at = instant("registration_closes_at", self.registration_closes_at.as_deref(), false);
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && e <= s
        {
            errors.insert("ends_at", FieldError::new("ends_before_start"));
        }

        let timezone = match self.timezone.as_deref().map(str::trim) {
            None | Some("") => Some(Tz::UTC),
            Some(name) => {
                name.parse::<Tz>().map_err(|_| errors.insert("timezone", FieldError::new("invalid_timezone"))).ok()
            }
        };

        let modes = self.modes.unwrap_or_else(|| vec!["in_person".into(), "online".into()]);
        let mut offered = BTreeSet::new();
        for m in &modes {
            match AttendanceMode::parse(m) {
                Some(mode) => {
                    offered.insert(mode.as_str());
                }
                None => {
                    errors.insert("modes", FieldError::new("unknown_mode").with("mode", format!("{m:?}")));
                }
            }
        }
        if modes.is_empty() {
            errors.insert("modes", FieldError::new("no_mode"));
        }

        let mut capacity = |field: &str, raw: Option<i64>| -> Option<i32> {
            match raw {
                Some(n) if !(0..=MAX_CAPACITY).contains(&n) => {
                    errors.insert(field, FieldError::new("invalid_capacity").with("max", MAX_CAPACITY));
                    None
                }
                Some(n) => i32::try_from(n).ok(),
                None => None,
            }
        };
        let in_person_capacity = capacity("in_person_capacity", self.in_person_capacity);
        let online_capacity = capacity("online_capacity", self.online_capacity);
        let in_person_held = capacity("in_person_held", self.in_person_held).unwrap_or(0);
        if in_person_capacity.is_some_and(|cap| in_person_held > cap) {
            errors.insert("in_person_held", FieldError::new("held_above_capacity"));
        }

        let status = match self.status.as_deref() {
            None => EventStatus::Draft,
            Some(s) => EventStatus::parse(s).unwrap_or_else(|| {
                errors.insert("status", FieldError::new("invalid_event_status"));
                EventStatus::Draft
            }),
        };

        let reminder_minutes_before = match self.reminder_hours_before {
            None => 24 * 60,
            Some(h) if (0..=24 * 30).contains(&h) => (h * 60) as i32,
            Some(_) => {
                errors.insert("reminder_hours_before", FieldError::new("invalid_reminder_hours"));
                0
            }
        };

        let retention_days = crate::privacy::policy::parse_retention_days(self.retention_days, &mut errors);
        let who = super::admission::parse(
            (self.access, self.allowed_email_domains),
            (self.per_organization_in_person_cap, self.organization_cap_lifts_at),
            &mut errors,
        );
        let questions = parse_questions(self.questions.unwrap_or_default(), &mut errors);
        let span = starts_at.zip(ends_at).filter(|(s, e)| s < e);
        let programme = parse_programme(self.programme.unwrap_or_default(), span, &mut errors);

        match (errors.is_empty(), starts_at, ends_at, timezone) {
            (true, Some(starts_at), Some(ends_at), Some(timezone)) => Ok(EventSpec {
                slug,
                title,
                description,
                translations,
                starts_at,
                ends_at,
                timezone,
                venue,
                online_url,
                offers_in_person: offered.contains("in_person"),
                offers_online: offered.contains("online"),
                in_person_capacity,
                online_capacity,
                in_person_held: if offered.contains("in_person") { in_person_held } else { 0 },
                waitlist: self.waitlist.unwrap_or(true),
                registration_closes_at,
                status,
                questions,
                reminder_minutes_before,
                programme,
                retention_days,
                access: who.access,
                allowed_email_domains: who.allowed_email_domains,
                per_organization_in_person_cap: who.per_organization_in_person_cap,
                organization_cap_lifts_at: who.organization_cap_lifts_at,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> EventInput {
        EventInput {
            title: Some("Partner Meeting".into()),
            starts_at: Some("2026-12-13T09:30:00+01:00".into()),
            ends_at: Some("2026-12-13T13:00:00+01:00".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_minimal_event_gets_sensible_defaults() {
        let spec = minimal().parse().unwrap_or_else(|e| panic!("{e:?}"));
        assert!(spec.offers_in_person && spec.offers_online && spec.waitlist);
        assert_eq!(spec.status, EventStatus::Draft);
        assert_eq!(spec.starts_at.to_rfc3339(), "2026-12-13T08:30:00+00:00");
        assert_eq!(spec.reminder_minutes_before, 1440);
    }

    #[test]
    fn every_problem_is_reported_under_its_field() {
        let input = EventInput {
            title: Some(" ".into()),
            starts_at: Some("tomorrow".into()),
            ends_at: None,
            timezone: Some("Mars/Olympus".into()),
            modes: Some(vec!["hybrid".into()]),
            in_person_capacity: Some(-1),
            status: Some("open".into()),
            online_url: Some("ftp://x".into()),
            ..Default::default()
        };
        let errors = input.parse().err().unwrap_or_default();
        for field in
            ["title", "starts_at", "ends_at", "timezone", "modes", "in_person_capacity", "status", "online_url"]
        {
            assert!(errors.contains_key(field), "{field} missing from {errors:?}");
        }
    }

    #[test]
    fn years_far_away_are_refused() {
        assert_eq!(parse_instant("0000-01-01T10:00:00Z"), Err(FieldError::new("instant_out_of_range")));
        assert!(parse_instant("9999-12-31T23:00:00Z").is_err() && parse_instant("2026-12-13T09:30:00+01:00").is_ok());
    }

    #[test]
    fn ends_must_follow_starts() {
        let mut input = minimal();
        input.ends_at = input.starts_at.clone();
        assert!(input.parse().err().unwrap_or_default().contains_key("ends_at"));
    }

    #[test]
    fn questions_are_checked() {
        let mut input = minimal();
        input.questions = Some(vec![
            QuestionInput {
                key: Some("dietary".into()),
                kind: Some("choice".into()),
                required: Some(true),
                label: Some(BTreeMap::from([("en".into(), "Diet".into())])),
                options: Some(vec!["vegetarian".into(), "halal".into()]),
            },
            QuestionInput {
                key: Some("dietary".into()),
                kind: Some("text".into()),
                required: None,
                label: None,
                options: Some(vec!["x".into()]),
            },
        ]);
        let errors = input.parse().err().unwrap_or_default();
        assert!(errors.contains_key("questions[1].key"));
        assert!(errors.contains_key("questions[1].label.en"));
        assert!(errors.contains_key("questions[1].options"));
        assert!(!errors.keys().any(|k| k.starts_with("questions[0]")), "{errors:?}");
    }
}
