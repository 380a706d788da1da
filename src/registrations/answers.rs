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
            (QuestionKind::Text, Some(Value::String(s))) if s.contains(['\n', '\r']) => {
                errors.insert(field.clone(), FieldError::new("line_break"));
                None
            }
            (QuestionKind::Text, Some(Value::String(s))) => {
                text(crate::domain::clean_text(Some(s), false, 500), &field, &mut errors)
            }
            (QuestionKind::LongText, Some(Value::String(s))) => {
                text(crate::domain::clean_multiline(Some(s), false, 5000), &field, &mut errors)
            }
            (QuestionKind::Choice, Some(Value::String(s))) => match q.option(s) {
                Some(_) => Some(Value::String(s.clone())),
                None => {
                    errors.insert(field.clone(), not_an_option(q));
                    None
                }
            },
            (QuestionKind::Multi, Some(Value::Array(items))) => {
                let mut chosen: Vec<Value> = Vec::new();
                for item in items {
                    match item.as_str().and_then(|s| q.option(s)) {
                        Some(_) if chosen.contains(item) => {}
                        Some(_) => chosen.push(item.clone()),
                        None => {
                            errors.insert(field.clone(), not_an_option(q));
                        }
                    }
                }
                // In the options' order, so exports and mails read the same for everyone.
                chosen.sort_by_key(|v| q.options.iter().position(|o| Some(o.value()) == v.as_str()));
                (!chosen.is_empty() && !errors.contains_key(&field)).then_some(Value::Array(chosen))
            }
            (QuestionKind::Multi, Some(_)) => {
                errors.insert(field.clone(), FieldError::new("not_a_list"));
                None
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

/// A cleaned text answer; an empty one is no answer.
fn text(cleaned: Result<String, FieldError>, field: &str, errors: &mut FieldErrors) -> Option<Value> {
    match cleaned {
        Err(e) => {
            errors.insert(field, e);
            None
        }
        Ok(s) if s.is_empty() => None,
        Ok(s) => Some(Value::String(s)),
    }
}

fn not_an_option(q: &Question) -> FieldError {
    let values: Vec<&str> = q.options.iter().map(|o| o.value()).collect();
    FieldError::new("invalid_choice").with("options", values.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::input::QuestionOption;
    use serde_json::json;

    fn questions() -> Vec<Question> {
        let label = BTreeMap::from([("en".to_owned(), "x".to_owned())]);
        vec![
            Question {
                key: "dietary".into(),
                kind: QuestionKind::Choice,
                required: true,
                label: label.clone(),
                options: vec![
                    QuestionOption::Labelled {
                        value: "vegetarian".into(),
                        label: BTreeMap::from([("fr".to_owned(), "Végétarien".to_owned())]),
                    },
                    QuestionOption::Plain("none".into()),
                ],
            },
            Question {
                key: "remarks".into(),
                kind: QuestionKind::Text,
                required: false,
                label: label.clone(),
                options: vec![],
            },
            Question {
                key: "sessions".into(),
                kind: QuestionKind::Multi,
                required: false,
                label: label.clone(),
                options: vec![QuestionOption::Plain("morning".into()), QuestionOption::Plain("afternoon".into())],
            },
            Question {
                key: "notes".into(),
                kind: QuestionKind::LongText,
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

    #[test]
    fn multi_answers_are_lists_of_option_values_in_option_order() {
        let got = check(
            &questions(),
            &answers(json!({"dietary": "vegetarian", "sessions": ["afternoon", "morning", "morning"]})),
        );
        assert_eq!(got, Ok(answers(json!({"dietary": "vegetarian", "sessions": ["morning", "afternoon"]}))));
        let empty = check(&questions(), &answers(json!({"dietary": "none", "sessions": []})));
        assert_eq!(empty, Ok(answers(json!({"dietary": "none"}))));
        for bad in [json!("morning"), json!(["evening"]), json!([1])] {
            let errors =
                check(&questions(), &answers(json!({"dietary": "none", "sessions": bad}))).err().unwrap_or_default();
            assert!(errors.contains_key("answers.sessions"), "{errors:?}");
        }
    }

    #[test]
    fn text_is_one_line_of_500_and_long_text_5000() {
        let one = |v: Value| check(&questions(), &answers(json!({"dietary": "none", "remarks": v})));
        assert!(one(json!("x".repeat(500))).is_ok());
        assert_eq!(
            one(json!("x".repeat(501))).err().and_then(|e| e.get("answers.remarks").map(|e| e.code)),
            Some("too_long")
        );
        assert_eq!(one(json!("a\nb")).err().and_then(|e| e.get("answers.remarks").map(|e| e.code)), Some("line_break"));
        let long = |v: Value| check(&questions(), &answers(json!({"dietary": "none", "notes": v})));
        assert_eq!(long(json!("a\r\nb")), Ok(answers(json!({"dietary": "none", "notes": "a\nb"}))));
        assert!(long(json!("x".repeat(5000))).is_ok());
        assert!(long(json!("x".repeat(5001))).is_err());
    }
}
