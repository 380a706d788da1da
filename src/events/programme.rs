//! An event's programme as organizers send it, parsed into stored [`ProgrammeItem`]s: times
//! inside the event's span, titles per language, speakers. Every problem is named.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::questions::parse_label;
use crate::domain::clean_text;
use crate::error::{FieldError, FieldErrors};

pub use entity::json::ProgrammeItem;

pub const MAX_ITEMS: usize = 50;
const MAX_SPEAKERS: usize = 20;

/// One programme item, as sent and as shown (times in RFC 3339 with an offset).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct ProgrammeInput {
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// `{"en": …, "fr": …, "nl": …}`; English required.
    pub title: Option<BTreeMap<String, String>>,
    /// "Name, role" per speaker.
    #[serde(default)]
    pub speakers: Option<Vec<String>>,
}

fn instant(raw: Option<&str>) -> Option<Result<DateTime<Utc>, FieldError>> {
    raw.map(str::trim).filter(|r| !r.is_empty()).map(|r| {
        DateTime::parse_from_rfc3339(r).map(|t| t.with_timezone(&Utc)).map_err(|_| FieldError::new("invalid_instant"))
    })
}

/// Parses the items; `span` is the event's start and end when they parsed, so each item can
/// be checked to lie inside it. Items come back sorted by start.
pub fn parse_programme(
    input: Vec<ProgrammeInput>,
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    errors: &mut FieldErrors,
) -> Vec<ProgrammeItem> {
    if input.len() > MAX_ITEMS {
        errors.insert("programme", FieldError::new("too_many_programme_items").with("max", MAX_ITEMS));
        return Vec::new();
    }
    let mut items = Vec::with_capacity(input.len());
    for (i, item) in input.into_iter().enumerate() {
        let at = |f: &str| format!("programme[{i}].{f}");
        let starts_at = match instant(item.starts_at.as_deref()) {
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                errors.insert(at("starts_at"), e);
                None
            }
            None => {
                errors.insert(at("starts_at"), FieldError::new("required"));
                None
            }
        };
        let ends_at = match instant(item.ends_at.as_deref()) {
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                errors.insert(at("ends_at"), e);
                None
            }
            None => None,
        };
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && e <= s
        {
            errors.insert(at("ends_at"), FieldError::new("ends_before_start"));
        }
        if let Some((event_start, event_end)) = span {
            let outside = |t: DateTime<Utc>| t < event_start || t > event_end;
            if starts_at.is_some_and(|s| outside(s) || s == event_end) {
                errors.insert(at("starts_at"), FieldError::new("outside_event"));
            }
            if ends_at.is_some_and(outside) {
                errors.insert(at("ends_at"), FieldError::new("outside_event"));
            }
        }
        let title = parse_label(item.title.unwrap_or_default(), &at("title"), errors);
        let mut speakers = Vec::new();
        let raw_speakers = item.speakers.unwrap_or_default();
        if raw_speakers.len() > MAX_SPEAKERS {
            errors.insert(at("speakers"), FieldError::new("too_many_speakers").with("max", MAX_SPEAKERS));
        }
        for (j, speaker) in raw_speakers.iter().take(MAX_SPEAKERS).enumerate() {
            match clean_text(Some(speaker), true, 300) {
                Ok(s) => speakers.push(s),
                Err(e) => errors.insert(format!("programme[{i}].speakers[{j}]"), e),
            }
        }
        if let Some(starts_at) = starts_at {
            items.push(ProgrammeItem { starts_at, ends_at, title, speakers });
        }
    }
    items.sort_by_key(|item| item.starts_at);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span() -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let s = DateTime::parse_from_rfc3339("2026-12-13T09:30:00+01:00").ok()?.with_timezone(&Utc);
        let e = DateTime::parse_from_rfc3339("2026-12-13T13:00:00+01:00").ok()?.with_timezone(&Utc);
        Some((s, e))
    }

    fn item(starts: &str, ends: Option<&str>, title: &str) -> ProgrammeInput {
        ProgrammeInput {
            starts_at: Some(starts.into()),
            ends_at: ends.map(Into::into),
            title: Some(BTreeMap::from([("en".to_owned(), title.to_owned())])),
            speakers: Some(vec!["Sammy Mahdi, State Secretary for Asylum and Migration".into()]),
        }
    }

    #[test]
    fn items_inside_the_event_are_kept_in_order_of_start() {
        let mut errors = FieldErrors::new();
        let items = parse_programme(
            vec![
                item("2026-12-13T10:30:00+01:00", None, "Panel"),
                item("2026-12-13T09:30:00+01:00", Some("2026-12-13T10:00:00+01:00"), "Welcome"),
            ],
            span(),
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(items.iter().map(|i| i.title_in("fr")).collect::<Vec<_>>(), ["Welcome", "Panel"]);
    }

    #[test]
    fn items_outside_the_event_or_backwards_are_named() {
        let mut errors = FieldErrors::new();
        let mut untitled = item("2026-12-13T11:00:00+01:00", None, "x");
        untitled.title = None;
        parse_programme(
            vec![
                item("2026-12-13T08:00:00+01:00", None, "Too early"),
                item("2026-12-13T11:00:00+01:00", Some("2026-12-13T14:00:00+01:00"), "Too long"),
                item("2026-12-13T11:00:00+01:00", Some("2026-12-13T10:00:00+01:00"), "Backwards"),
                untitled,
            ],
            span(),
            &mut errors,
        );
        for field in ["programme[0].starts_at", "programme[1].ends_at", "programme[2].ends_at", "programme[3].title.en"]
        {
            assert!(errors.contains_key(field), "{field} missing from {errors:?}");
        }
    }

    #[test]
    fn more_than_fifty_items_are_refused() {
        let mut errors = FieldErrors::new();
        let many = vec![item("2026-12-13T10:00:00+01:00", None, "x"); MAX_ITEMS + 1];
        assert!(parse_programme(many, span(), &mut errors).is_empty());
        assert!(errors.contains_key("programme"));
    }
}
