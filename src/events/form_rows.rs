//! The repeatable rows of the event form: custom questions (`q{i}_…`) and programme items
//! (`p{i}_…`). Rows come back in the order they were posted (the page's script numbers them
//! in their on-screen order); a blank row or one marked for removal is skipped. A new
//! question gets a stable key made from its English label; an existing one keeps its key.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use entity::event;
use entity::json::QuestionOption;
use serde_json::{Value as Json, json};

use super::input::slugify;
use crate::domain::Language;
use crate::error::{FieldError, FieldErrors};
use crate::i18n::t;
use crate::web::form::FormFields;

pub const MAX_ROWS: usize = 50;

/// `2026-12-13T09:30` in the event's zone, for `<input type="datetime-local">`.
pub fn local_input(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// A `datetime-local` value read in `tz`, as RFC 3339; a problem is noted under `field`.
pub fn instant(form: &FormFields, field: &str, tz: Tz, errors: &mut FieldErrors) -> Option<String> {
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

/// Form values of the event's questions and programme.
pub(super) fn row_values(e: &event::Model, tz: Tz, v: &mut BTreeMap<String, String>) {
    for (i, q) in e.questions.0.iter().enumerate() {
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
    for (i, item) in e.programme.0.iter().enumerate() {
        v.insert(format!("p{i}_starts_at"), local_input(item.starts_at, tz));
        v.insert(format!("p{i}_ends_at"), item.ends_at.map(|t| local_input(t, tz)).unwrap_or_default());
        for (lang, title) in &item.title {
            v.insert(format!("p{i}_title_{lang}"), title.clone());
        }
        v.insert(format!("p{i}_speakers"), item.speakers.join("\n"));
    }
}

/// How many rows of `prefix` (`q` or `p`) the values hold.
pub(super) fn row_count(values: &BTreeMap<String, String>, prefix: char) -> usize {
    let marker = if prefix == 'q' { "kind" } else { "starts_at" };
    (0..MAX_ROWS).take_while(|i| values.contains_key(&format!("{prefix}{i}_{marker}"))).count()
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

/// A question key from an English label: "Dietary needs?" → `dietary_needs`, unique among
/// `taken` (`dietary_needs_2`, …). Keys never change once made: answers are stored by key.
pub fn key_from_label(label: &str, taken: &BTreeSet<String>) -> String {
    let mut base: String = slugify(label).replace('-', "_").chars().take(32).collect();
    base = base.trim_end_matches('_').to_owned();
    if base == "event" || base.is_empty() {
        base = "question".to_owned(); // slugify's word for "nothing usable"
    }
    if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
        base = format!("q_{base}");
    }
    let mut key = base.clone();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}_{n}");
        n += 1;
    }
    key
}

fn text(form: &FormFields, field: &str) -> Option<String> {
    form.get(field).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

fn labels(form: &FormFields, prefix: &str) -> serde_json::Map<String, Json> {
    ["en", "fr", "nl"]
        .into_iter()
        .filter_map(|lang| text(form, &format!("{prefix}_{lang}")).map(|l| (lang.to_owned(), json!(l))))
        .collect()
}

/// The questions the form describes, in posted order. Rows with no label at all are blank.
pub(super) fn questions(form: &FormFields) -> Vec<Json> {
    let kept_keys: BTreeSet<String> = (0..MAX_ROWS)
        .filter(|i| !form.checked(&format!("q{i}_remove")))
        .filter_map(|i| text(form, &format!("q{i}_key")))
        .collect();
    let mut taken = kept_keys.clone();
    let mut out = Vec::new();
    for i in 0..MAX_ROWS {
        let Some(kind) = form.get(&format!("q{i}_kind")) else { break };
        let label = labels(form, &format!("q{i}_label"));
        let key = text(form, &format!("q{i}_key"));
        if form.checked(&format!("q{i}_remove")) || (label.is_empty() && key.is_none()) {
            continue;
        }
        let key = key.unwrap_or_else(|| {
            let en = label.get("en").and_then(Json::as_str).unwrap_or("");
            let made = key_from_label(en, &taken);
            taken.insert(made.clone());
            made
        });
        let options: Vec<Json> =
            form.get(&format!("q{i}_options")).unwrap_or("").lines().filter_map(option_from_line).collect();
        out.push(json!({
            "key": key, "kind": kind, "required": form.checked(&format!("q{i}_required")), "label": label,
            "options": if matches!(kind, "choice" | "multi") { json!(options) } else { json!([]) },
        }));
    }
    out
}

/// The programme items the form describes, in posted order; blank rows are skipped.
pub(super) fn programme(form: &FormFields, tz: Tz, errors: &mut FieldErrors) -> Vec<Json> {
    let mut out = Vec::new();
    for i in 0..MAX_ROWS {
        if form.get(&format!("p{i}_starts_at")).is_none() {
            break;
        }
        let title = labels(form, &format!("p{i}_title"));
        let starts_at = instant(form, &format!("p{i}_starts_at"), tz, errors);
        if form.checked(&format!("p{i}_remove")) || (title.is_empty() && starts_at.is_none()) {
            continue;
        }
        let speakers: Vec<String> = form
            .get(&format!("p{i}_speakers"))
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        out.push(json!({
            "starts_at": starts_at.unwrap_or_default(), "ends_at": instant(form, &format!("p{i}_ends_at"), tz, errors),
            "title": title, "speakers": speakers,
        }));
    }
    out
}

/// The form's field for an API field name of a row (`questions[2].label.fr` →
/// `q2_label_fr`, `programme[1].title.en` → `p1_title_en`); `None` for other fields.
/// Row numbers after a skipped blank row are those of the rows kept, which is what the page
/// shows again.
pub(super) fn row_field(api: &str) -> Option<String> {
    for (list, prefix) in [("questions[", 'q'), ("programme[", 'p')] {
        if let Some(rest) = api.strip_prefix(list)
            && let Some((i, part)) = rest.split_once("].")
        {
            let part = part.split_once('[').map_or(part, |(head, _)| head); // options[3].label.en → options
            // The key is made from the English label, so a problem with it is shown there.
            let part = if part == "key" { "label.en" } else { part };
            return Some(format!("{prefix}{i}_{}", part.replace('.', "_")));
        }
    }
    None
}

/// The rows' fields in page order with their labels in `lang`, for the error summary.
pub(super) fn row_labels(lang: Language, questions: usize, items: usize) -> Vec<(String, String)> {
    let tr = |key: &str| t(lang, key, &[]);
    let mut fields = Vec::new();
    for i in 0..questions {
        let question = t(lang, "question-n", &[("n", &(i + 1).to_string())]);
        for (part, key) in [
            ("kind", "question-kind"),
            ("label_en", "question-label-en"),
            ("label_fr", "question-label-fr"),
            ("label_nl", "question-label-nl"),
            ("options", "question-options"),
        ] {
            fields.push((format!("q{i}_{part}"), format!("{question} · {}", tr(key))));
        }
    }
    for i in 0..items {
        let item = t(lang, "programme-item-n", &[("n", &(i + 1).to_string())]);
        for (part, key) in [
            ("starts_at", "programme-starts"),
            ("ends_at", "programme-ends"),
            ("title_en", "programme-title-en"),
            ("title_fr", "programme-title-fr"),
            ("title_nl", "programme-title-nl"),
            ("speakers", "programme-speakers"),
        ] {
            fields.push((format!("p{i}_{part}"), format!("{item} · {}", tr(key))));
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_made_from_the_english_label_and_stay_unique() {
        let mut taken = BTreeSet::new();
        assert_eq!(key_from_label("Dietary needs?", &taken), "dietary_needs");
        taken.insert("dietary_needs".to_owned());
        assert_eq!(key_from_label("Dietary needs", &taken), "dietary_needs_2");
        assert_eq!(key_from_label("2 guests", &taken), "q_2_guests");
        assert_eq!(key_from_label("—", &taken), "question");
        assert_eq!(key_from_label("Besoins alimentaires spécifiques pour le déjeuner du midi", &taken).len(), 32);
    }

    #[test]
    fn an_option_line_round_trips() {
        for line in
            ["vegetarian", "Vegetarian | Végétarien | Vegetarisch", "veg | Vegetarian | Végétarien | Vegetarisch"]
        {
            let json = option_from_line(line).unwrap_or_default();
            let option: QuestionOption = serde_json::from_value(json).unwrap_or(QuestionOption::Plain(String::new()));
            assert_eq!(option_line(&option), line);
        }
    }
}
