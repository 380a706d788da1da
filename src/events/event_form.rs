//! The event form as the back office shows it: an event as form values, the posted form as
//! the JSON document the event parser takes, and the form's fields in page order with
//! their labels (for the error summary).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use entity::event;
use entity::json::QuestionOption;
use serde_json::{Value as Json, json};

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

/// `2026-12-13T09:30` in the event's zone, for `<input type="datetime-local">`.
fn local_input(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

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
    v.insert("status".into(), e.status.as_str().to_owned());
    for (i, q) in view.questions.iter().enumerate() {
        v.insert(format!("q{i}_key"), q.key.clone());
        v.insert(format!("q{i}_kind"), q.kind.as_str().into());
        if q.required {
            v.insert(format!("q{i}_required"), "on".into());
        }
        for (lang, label) in &q.label {
            v.insert(format!("q{i}_label_{lang}"), label.clone());
        }
        let lines: Vec<String> = q.options.iter().map(option_line).collect();
        v.insert(format!("q{i}_options"), lines.join("\n"));
    }
    v
}

/// One option as a line of the editor: `value`, or `English | Français | Nederlands`, or,
/// when the value is not the English label, `value | English | Français | Nederlands`.
fn option_line(option: &QuestionOption) -> String {
    match option {
        QuestionOption::Plain(value) => value.clone(),
        QuestionOption::Labelled { value, label } => {
            let labels = ["en", "fr", "nl"].map(|l| label.get(l).map(String::as_str).unwrap_or(""));
            if label.get("en") == Some(value) {
                labels.join(" | ")
            } else {
                format!("{value} | {}", labels.join(" | "))
            }
        }
    }
}

/// The option a line of the editor describes (see [`option_line`]); `None` for a blank line.
fn option_from_line(line: &str) -> Option<Json> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    let labelled = |value: &str, labels: &[&str]| {
        let label: serde_json::Map<String, Json> = ["en", "fr", "nl"]
            .into_iter()
            .zip(labels)
            .filter(|(_, text)| !text.is_empty())
            .map(|(lang, text)| (lang.to_owned(), json!(text)))
            .collect();
        json!({ "value": value, "label": label })
    };
    match parts.as_slice() {
        [""] => None,
        [value] => Some(json!(value)),
        [value, en, fr, nl] => Some(labelled(value, &[en, fr, nl])),
        labels => Some(labelled(labels[0], labels)),
    }
}

pub(super) fn question_count(values: &BTreeMap<String, String>) -> usize {
    (0..50).take_while(|i| values.contains_key(&format!("q{i}_key"))).count()
}

/// A `datetime-local` value read in the event's zone, as RFC 3339.
fn instant(form: &FormFields, field: &str, tz: Tz, errors: &mut FieldErrors) -> Option<String> {
    let raw = form.get(field).unwrap_or("").trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .and_then(|naive| tz.from_local_datetime(&naive).earliest());
    match parsed {
        Some(t) => Some(t.to_rfc3339()),
        None => {
            errors.insert(field, FieldError::new("form_datetime"));
            None
        }
    }
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
    let mut questions = Vec::new();
    for i in 0..50 {
        let Some(key) = form.get(&format!("q{i}_key")) else { break };
        if key.trim().is_empty() {
            continue; // a blank row
        }
        let mut label = serde_json::Map::new();
        for lang in ["en", "fr", "nl"] {
            if let Some(l) = text(&format!("q{i}_label_{lang}")) {
                label.insert(lang.into(), json!(l));
            }
        }
        let options: Vec<Json> =
            form.get(&format!("q{i}_options")).unwrap_or("").lines().filter_map(option_from_line).collect();
        let kind = form.get(&format!("q{i}_kind")).unwrap_or("text");
        questions.push(json!({
            "key": key.trim(), "kind": kind, "required": form.checked(&format!("q{i}_required")), "label": label,
            "options": if matches!(kind, "choice" | "multi") { json!(options) } else { json!([]) },
        }));
    }
    let reminder = text("reminder_hours_before").map(|h| h.parse::<i64>().map(|n| json!(n)).unwrap_or(json!(-1)));
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
        "questions": questions,
        "reminder_hours_before": reminder.unwrap_or(json!(24)),
    });
    (doc, errors)
}

/// The form's field for an API field name: `questions[2].label.fr` → `q2_label_fr`,
/// `translations.fr.title` → `title_fr`, `modes` stays `modes`.
pub(super) fn form_field(api: &str) -> String {
    if let Some(rest) = api.strip_prefix("questions[")
        && let Some((i, part)) = rest.split_once("].")
    {
        let part = match part.split_once('[') {
            Some((head, _)) => head, // options[3].label.en → the options box
            None => part,
        };
        return format!("q{i}_{}", part.replace('.', "_"));
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
pub(super) fn form_labels(lang: Language, question_rows: usize) -> Vec<(String, String)> {
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
        ("modes", "event-section-attendance"),
        ("mode_in_person", "mode-label-in_person"),
        ("venue", "event-venue"),
        ("venue_fr", "event-venue-fr"),
        ("venue_nl", "event-venue-nl"),
        ("in_person_capacity", "event-capacity-in-person"),
        ("mode_online", "mode-label-online"),
        ("online_url", "event-online-url"),
        ("online_capacity", "event-capacity-online"),
        ("status", "event-status"),
    ]
    .into_iter()
    .map(|(field, key)| (field.to_owned(), tr(key)))
    .collect();
    for i in 0..question_rows {
        let n = (i + 1).to_string();
        let question = t(lang, "question-n", &[("n", &n)]);
        for (part, key) in [
            ("key", "question-key"),
            ("kind", "question-kind"),
            ("label_en", "question-label-en"),
            ("label_fr", "question-label-fr"),
            ("label_nl", "question-label-nl"),
            ("options", "question-options"),
        ] {
            fields.push((format!("q{i}_{part}"), format!("{question} · {}", tr(key))));
        }
    }
    fields
}
