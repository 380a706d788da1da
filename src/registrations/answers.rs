//! Custom answers checked against the event's questions (pure).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{FieldError, FieldErrors};
use crate::events::input::{Question, QuestionKind};

pub type Answers = BTreeMap<String, Value>;

/// Checks `answers` (already merged with earlier ones when editing) and returns them cleaned:
/// texts trimmed, empty texts dropped. Errors are named `answers.<key>`.
pub fn check(questions: &[Question], answers: &Answers) -> Result<Answers, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut clean = Answers::new();
    for key in answers.keys() {
        if !questions.iter().any(|q| &q.key == key) {
            errors.insert(format!("answers.{key}"), FieldError::new("unknown_question"));
        }
    }
    for q in questions {
        let field = format!("answers.{}", q.key);
        let value = answers.get(&q.key).filter(|v| !v.is_null());
        let value = match (q.kind, value) {
            (_, None) => None,
            (QuestionKind::Text, Some(Value::String(s))) => {
                match crate::domain::clean_multiline(Some(s), false, 2000) {
                    Err(e) => {
                        errors.insert(field.clone(), e);
                        None
                    }
                    Ok(s) if s.is_empty() => None,
                    Ok(s) => Some(Value::String(s)),
                }
            }
            (QuestionKind::Choice, Some(Value::String(s))) => {
                if q.options.iter().any(|o| o == s) {
                    Some(Value::String(s.clone()))
                } else {
                    errors
                        .insert(field.clone(), FieldError::new("invalid_choice").with("options", q.options.join(", ")));
                    None
                }
            }
            (QuestionKind::Boolean, Some(Value::Bool(b))) => Some(Value::Bool(*b)),
            (QuestionKind::Boolean, Some(_)) => {
                errors.insert(field.clone(), FieldError::new("not_boolean"));
                None
            }
            (_, Some(_)) => {
                errors.insert(field.clone(), FieldError::new("not_a_string"));
                None
            }
        };
        match value {
            Some(v) => {
                clean.insert(q.key.clone(), v);
            }
            None if q.required && !errors.contains_key(&field) => {
                errors.insert(field, FieldError::new("required"));
            }
            None => {}
        }
    }
    if errors.is_empty() { Ok(clean) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn questions() -> Vec<Question> {
        let label = BTreeMap::from([("en".to_owned(), "x".to_owned())]);
        vec![
            Question {
                key: "dietary".into(),
                kind: QuestionKind::Choice,
                required: true,
                label: label.clone(),
                options: vec!["vegetarian".into(), "none".into()],
            },
            Question {
                key: "remarks".into(),
                kind: QuestionKind::Text,
                required: false,
                label: label.clone(),
                options: vec![],
            },
            Question { key: "photo_ok".into(), kind: QuestionKind::Boolean, required: false, label, options: vec![] },
        ]
    }

    fn answers(v: Value) -> Answers {
        serde_json::from_value(v).unwrap_or_default()
    }

    #[test]
    fn valid_answers_are_cleaned() {
        let got = check(&questions(), &answers(json!({"dietary": "none", "remarks": "  hi ", "photo_ok": false})));
        assert_eq!(got, Ok(answers(json!({"dietary": "none", "remarks": "hi", "photo_ok": false}))));
    }

    #[test]
    fn each_problem_names_its_answer() {
        let errors = check(&questions(), &answers(json!({"remarks": 3, "photo_ok": "yes", "shoe_size": 42})))
            .err()
            .unwrap_or_default();
        let keys: Vec<_> = errors.keys().map(String::as_str).collect();
        assert_eq!(keys, ["answers.dietary", "answers.photo_ok", "answers.remarks", "answers.shoe_size"]);
    }

    #[test]
    fn a_value_outside_the_options_is_refused() {
        let errors = check(&questions(), &answers(json!({"dietary": "pizza"}))).err().unwrap_or_default();
        assert!(errors.get("answers.dietary").is_some_and(|e| e.message().contains("vegetarian")));
    }
}
