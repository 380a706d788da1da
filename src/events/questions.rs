//! An event's custom questions as organizers send them, parsed into the stored
//! [`Question`]s: keys, kinds, labels per language and choice options, every problem named.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::clean_text;
use crate::error::{FieldError, FieldErrors};

pub use entity::json::{Question, QuestionKind};

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct QuestionInput {
    pub key: Option<String>,
    pub kind: Option<String>,
    pub required: Option<bool>,
    pub label: Option<BTreeMap<String, String>>,
    pub options: Option<Vec<String>>,
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
            Some("choice") => QuestionKind::Choice,
            Some("boolean") => QuestionKind::Boolean,
            _ => {
                errors.insert(at("kind"), FieldError::new("invalid_question_kind"));
                QuestionKind::Text
            }
        };
        let mut label = BTreeMap::new();
        for (lang, text) in q.label.unwrap_or_default() {
            if !matches!(lang.as_str(), "en" | "fr" | "nl") {
                errors.insert(at(&format!("label.{lang}")), FieldError::new("unknown_language"));
                continue;
            }
            match clean_text(Some(&text), false, 500) {
                Ok(t) if !t.is_empty() => {
                    label.insert(lang, t);
                }
                Ok(_) => {}
                Err(e) => {
                    errors.insert(at(&format!("label.{lang}")), e);
                }
            }
        }
        if !label.contains_key("en") {
            errors.insert(at("label.en"), FieldError::new("english_label_required"));
        }
        let mut options = Vec::new();
        match (kind, q.options) {
            (QuestionKind::Choice, Some(opts)) => {
                for o in opts {
                    let o = o.trim().to_owned();
                    if o.is_empty() || o.chars().count() > 200 || options.contains(&o) {
                        errors.insert(at("options"), FieldError::new("invalid_options"));
                    } else {
                        options.push(o);
                    }
                }
                if options.is_empty() || options.len() > 50 {
                    errors.insert(at("options"), FieldError::new("choice_options"));
                }
            }
            (QuestionKind::Choice, None) => {
                errors.insert(at("options"), FieldError::new("choice_options"));
            }
            (_, Some(opts)) if !opts.is_empty() => {
                errors.insert(at("options"), FieldError::new("options_only_for_choice"));
            }
            _ => {}
        }
        out.push(Question { key, kind, required: q.required.unwrap_or(false), label, options });
    }
    out
}
