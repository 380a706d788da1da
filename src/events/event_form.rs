//! The event form as the back office shows it: an event as form values, the posted form as
//! the JSON document the event parser takes, and the form's fields in page order with
//! their labels (for the error summary).

use std::collections::BTreeMap;

use chrono_tz::Tz;
use entity::event;
use serde_json::{Value as Json, json};

use super::form_rows::{instant, local_input, programme, questions, row_field, row_labels, row_values};
use crate::domain::Language;
use crate::error::{FieldError, FieldErrors};
use crate::events::view::{EventView, zone};
use crate::i18n::t;
use crate::web::form::FormFields;

/// Common IANA zones offered in the form (any other can be typed through the API).
pub(super) const ZONES: &[&str] = &[
    "Europe/Brussels",
    "Europe/Amsterdam",
    "Europe/Paris",
    "Europe/Luxembourg",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Africa/Casablanca",
    "Africa/Kinshasa",
    "Africa/Lagos",
    "Africa/Nairobi",
    "America/New_York",
    "Asia/Dubai",
    "UTC",
];

/// Form values for an existing event.
pub(super) fn values_of(e: &event::Model) -> BTreeMap<String, String> {
    let tz = zone(e);
    let view = EventView::from(e);
    let mut v = BTreeMap::new();
    v.insert("title".into(), e.title.clone());
    v.insert("slug".into(), e.slug.clone());
    v.insert("description".into(), e.description.clone());
    for lang in ["fr", "nl"] {
        if let Some(tr) = view.translations.get(lang) {
            v.insert(format!("title_{lang}"), tr.title.clone().unwrap_or_default());
            v.insert(format!("description_{lang}"), tr.description.clone().unwrap_or_default());
            v.insert(format!("venue_{lang}"), tr.venue.clone().unwrap_or_default());
        }
    }
    v.insert("starts_at".into(), local_input(e.starts_at, tz));
    v.insert("ends_at".into(), local_input(e.ends_at, tz));
    v.insert("timezone".into(), e.timezone.clone());
    v.insert("venue".into(), e.venue.clone().unwrap_or_default());
    v.insert("online_url".into(), e.online_url.clone().unwrap_or_default());
    if e.offers_in_person {
        v.insert("mode_in_person".into(), "on".into());
    }
    if e.offers_online {
        v.insert("mode_online".into(), "on".into());
    }
    v.insert("in_person_capacity".into(), e.in_person_capacity.map(|c| c.to_string()).unwrap_or_default());
    v.insert("online_capacity".into(), e.online_capacity.map(|c| c.to_string()).unwrap_or_default());
    if e.waitlist {
        v.insert("waitlist".into(), "on".into());
    }
    v.insert("registration_closes_at".into(), e.registration_closes_at.map(|t| local_input(t, tz)).unwrap_or_default());
    v.insert("reminder_hours_before".into(), (e.reminder_minutes_before / 60).to_string());
    v.insert("retention_days".into(), e.retention_days.to_string());
    v.insert("access".into(), e.access.as_str().to_owned());
    v.insert("allowed_email_domains".into(), e.allowed_email_domains.0.join("\n"));
    v.insert("status".into(), e.status.as_str().to_owned());
    v.insert("in_person_held".into(), e.in_person_held.to_string());
    v.insert(
        "per_organization_in_person_cap".into(),
        e.per_organization_in_person_cap.map(|c| c.to_string()).unwrap_or_default(),
    );
    v.insert(
        "organization_cap_lifts_at".into(),
        e.organization_cap_lifts_at.map(|t| local_input(t, tz)).unwrap_or_default(),
    );
    row_values(e, tz, &mut v);
    v
}

fn capacity(form: &FormFields, field: &str, errors: &mut FieldErrors) -> Json {
    let raw = form.get(field).unwrap_or("").trim();
    if raw.is_empty() {
        return Json::Null;
    }
    match raw.parse::<i64>() {
        Ok(n) => json!(n),
        Err(_) => {
            errors.insert(field, FieldError::new("form_capacity"));
            Json::Null
        }
    }
}

/// The whole event as the form describes it, as a JSON document the event parser takes.
pub(super) fn document(form: &FormFields) -> (Json, FieldErrors) {
    let mut errors = FieldErrors::new();
    let tz: Tz = form.get("timezone").unwrap_or("UTC").parse().unwrap_or(Tz::UTC);
    let text = |f: &str| form.get(f).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let mut modes = Vec::new();
    if form.checked("mode_in_person") {
        modes.push("in_person");
    }
    if form.checked("mode_online") {
        modes.push("online");
    }
    let mut translations = serde_json::Map::new();
    for lang in ["fr", "nl"] {
        let (title, description) = (text(&format!("title_{lang}")), text(&format!("description_{lang}")));
        let venue = text(&format!("venue_{lang}"));
        if title.is_some() || description.is_some() || venue.is_some() {
            translations.insert(lang.into(), json!({"title": title, "description": description, "venue": venue}));
        }
    }
    let programme = programme(form, tz, &mut errors);
    let reminder = text("reminder_hours_before").map(|h| h.parse::<i64>().map(|n| json!(n)).unwrap_or(json!(-1)));
    let retention = text("retention_days").map(|d| d.parse::<i64>().map(|n| json!(n)).unwrap_or(json!(0)));
    let doc = json!({
        "title": text("title"),
        "slug": text("slug"),
        "description": text("description").unwrap_or_default(),
        "translations": translations,
        "starts_at": instant(form, "starts_at", tz, &mut errors),
        "ends_at": instant(form, "ends_at", tz, &mut errors),
        "timezone": form.get("timezone").unwrap_or("UTC"),
        "venue": text("venue"),
        "online_url": text("online_url"),
        "modes": modes,
        "in_person_capacity": capacity(form, "in_person_capacity", &mut errors),
        "online_capacity": capacity(form, "online_capacity", &mut errors),
        "waitlist": form.checked("waitlist"),
        "registration_closes_at": instant(form, "registration_closes_at", tz, &mut errors),
        "status": form.get("status").unwrap_or("draft"),
        "in_person_held": if text("in_person_held").is_some() { capacity(form, "in_person_held", &mut errors) } else { json!(0) },
        "questions": questions(form),
        "programme": programme,
        "reminder_hours_before": reminder.unwrap_or(json!(24)),
        "retention_days": retention,
        "per_organization_in_person_cap": capacity(form, "per_organization_in_person_cap", &mut errors),
        "organization_cap_lifts_at": instant(form, "organization_cap_lifts_at", tz, &mut errors),
        "access": form.get("access").unwrap_or("open"),
        // One domain per line (commas and spaces also separate them).
        "allowed_email_domains": form
            .get("allowed_email_domains")
            .unwrap_or("")
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>(),
    });
    (doc, errors)
}

/// The form's field for an API field name: `questions[2].label.fr` → `q2_label_fr`,
/// `translations.fr.title` → `title_fr`, `modes` stays `modes`.
pub(super) fn form_field(api: &str) -> String {
    if let Some(field) = row_field(api) {
        return field;
    }
    if let Some(rest) = api.strip_prefix("translations.")
        && let Some((lang, field)) = rest.split_once('.')
    {
        return format!("{field}_{lang}");
    }
    match api {
        "reminder_minutes_before" => "reminder_hours_before".to_owned(),
        other => other.to_owned(),
    }
}

/// The form's fields in the order the page shows them, with their labels in `lang`.
pub(super) fn form_labels(lang: Language, question_rows: usize, programme_rows: usize) -> Vec<(String, String)> {
    let tr = |key: &str| t(lang, key, &[]);
    let mut fields: Vec<(String, String)> = [
        ("title", "event-title"),
        ("slug", "event-slug"),
        ("description", "event-description"),
        ("title_fr", "event-title-fr"),
        ("description_fr", "event-description-fr"),
        ("title_nl", "event-title-nl"),
        ("description_nl", "event-description-nl"),
        ("starts_at", "event-starts"),
        ("ends_at", "event-ends"),
        ("timezone", "event-timezone"),
        ("registration_closes_at", "event-closes"),
        ("reminder_hours_before", "event-reminder"),
        ("retention_days", "event-retention"),
        ("access", "event-section-access"),
        ("allowed_email_domains", "event-allowed-domains"),
        ("modes", "event-section-attendance"),
        ("mode_in_person", "mode-label-in_person"),
        ("venue", "event-venue"),
        ("venue_fr", "event-venue-fr"),
        ("venue_nl", "event-venue-nl"),
        ("in_person_capacity", "event-capacity-in-person"),
        ("in_person_held", "event-held"),
        ("per_organization_in_person_cap", "event-organization-cap"),
        ("organization_cap_lifts_at", "event-organization-cap-lifts"),
        ("mode_online", "mode-label-online"),
        ("online_url", "event-online-url"),
        ("online_capacity", "event-capacity-online"),
        ("status", "event-status"),
        ("programme", "programme-title"),
        ("questions", "questions-title"),
    ]
    .into_iter()
    .map(|(field, key)| (field.to_owned(), tr(key)))
    .collect();
    fields.extend(row_labels(lang, question_rows, programme_rows));
    fields
}

/// When the form's dates and retention would erase the registrants' personal data, as the
/// retention field's hint ("Erased on …"); the general rule when the form cannot tell yet.
pub(super) fn retention_hint(values: &BTreeMap<String, String>, lang: Language) -> String {
    let tz: Tz = values.get("timezone").and_then(|z| z.parse().ok()).unwrap_or(Tz::UTC);
    let ends = values
        .get("ends_at")
        .and_then(|raw| chrono::NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M").ok())
        .and_then(|naive| chrono::TimeZone::from_local_datetime(&tz, &naive).earliest());
    let days =
        values.get("retention_days").and_then(|d| d.trim().parse::<i32>().ok()).filter(|d| (1..=3650).contains(d));
    match (ends, days) {
        (Some(ends), Some(days)) => {
            let due = crate::privacy::policy::erasure_due_at(ends.with_timezone(&chrono::Utc), None, days);
            t(lang, "event-retention-hint-on", &[("when", &crate::i18n::format_instant(due, tz, lang))])
        }
        _ => t(lang, "event-retention-hint", &[]),
    }
}
