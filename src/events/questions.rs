//! An event's custom questions as organizers send them, parsed into the stored
//! [`Question`]s: keys, kinds, labels per language and choice options, every problem named.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::clean_text;
use crate::error::{FieldError, FieldErrors};

pub use entity::json::{Question, QuestionKind, QuestionOption};

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct QuestionInput {
    pub key: Option<String>,
    pub kind: Option<String>,
    pub required: Option<bool>,
    pub label: Option<BTreeMap<String, String>>,
    /// Strings, or `{"value": …, "label": {"en": …, "fr": …, "nl": …}}` objects.
    #[schema(value_type = Option<Vec<Object>>)]
    pub options: Option<Vec<serde_json::Value>>,
}

fn is_question_key(k: &str) -> bool {
    let mut bytes = k.bytes();
    k.len() <= 40
        && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

pub fn parse_questions(input: Vec<QuestionInput>, errors: &mut FieldErrors) -> Vec<Question> {
    if input.len() > 50 {
        errors.insert("questions", FieldError::new("too_many_questions"));
        return Vec::new();
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, q) in input.into_iter().enumerate() {
        let at = |f: &str| format!("questions[{i}].{f}");
        let key = q.key.unwrap_or_default().trim().to_owned();
        if !is_question_key(&key) {
            errors.insert(at("key"), FieldError::new("invalid_question_key"));
        } else if !seen.insert(key.clone()) {
            errors.insert(at("key"), FieldError::new("duplicate"));
        }
        let kind = match q.kind.as_deref() {
            Some("text") => QuestionKind::Text,
            Some("long_text") => QuestionKind::LongText,
            Some("choice") => QuestionKind::Choice,
            Some("multi") => QuestionKind::Multi,
            Some("boolean") => QuestionKind::Boolean,
            _ => {
                errors.insert(at("kind"), FieldError::new("invalid_question_kind"));
                QuestionKind::Text
            }
        };
        let label = parse_label(q.label.unwrap_or_default(), &at("label"), errors);
        let options = match (kind, q.options) {
            (QuestionKind::Choice | QuestionKind::Multi, Some(raw)) => parse_options(raw, &at("options"), errors),
            (QuestionKind::Choice | QuestionKind::Multi, None) => {
                errors.insert(at("options"), FieldError::new("choice_options"));
                Vec::new()
            }
            (_, Some(raw)) if !raw.is_empty() => {
                errors.insert(at("options"), FieldError::new("options_only_for_choice"));
                Vec::new()
            }
            _ => Vec::new(),
        };
        out.push(Question { key, kind, required: q.required.unwrap_or(false), label, options });
    }
    out
}

/// A label per language (`en` required), each trimmed, one line, at most 500 characters.
pub(super) fn parse_label(
    raw: BTreeMap<String, String>,
    field: &str,
    errors: &mut FieldErrors,
) -> BTreeMap<String, String> {
    let mut label = BTreeMap::new();
    for (lang, text) in raw {
        if !matches!(lang.as_str(), "en" | "fr" | "nl") {
            errors.insert(format!("{field}.{lang}"), FieldError::new("unknown_language"));
            continue;
        }
        match clean_text(Some(&text), false, 500) {
            Ok(t) if !t.is_empty() => {
                label.insert(lang, t);
            }
            Ok(_) => {}
            Err(e) => errors.insert(format!("{field}.{lang}"), e),
        }
    }
    if !label.contains_key("en") {
        errors.insert(format!("{field}.en"), FieldError::new("english_label_required"));
    }
    label
}

/// 1 to 50 options with distinct values, each a string or a `{value, label}` object; they
/// are kept in the form they were sent.
fn parse_options(raw: Vec<serde_json::Value>, field: &str, errors: &mut FieldErrors) -> Vec<QuestionOption> {
    let mut options: Vec<QuestionOption> = Vec::new();
    for (j, item) in raw.into_iter().enumerate() {
        let option = match item {
            serde_json::Value::String(value) => Some(QuestionOption::Plain(value.trim().to_owned())),
            serde_json::Value::Object(mut object) => {
                let value = object.remove("value");
                let label = object.remove("label").map(serde_json::from_value::<BTreeMap<String, String>>);
                match (value, label, object.is_empty()) {
                    (Some(serde_json::Value::String(value)), Some(Ok(label)), true) => {
                        let label = parse_label(label, &format!("{field}[{j}].label"), errors);
                        Some(QuestionOption::Labelled { value: value.trim().to_owned(), label })
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match option {
            Some(o)
                if !o.value().is_empty()
                    && o.value().chars().count() <= 200
                    && !o.value().chars().any(char::is_control)
                    && !options.iter().any(|seen| seen.value() == o.value()) =>
            {
                options.push(o)
            }
            _ => errors.insert(field, FieldError::new("invalid_options")),
        }
    }
    if options.is_empty() || options.len() > 50 {
        errors.insert(field, FieldError::new("choice_options"));
    }
    options
}
