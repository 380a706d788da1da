//! Typed JSON columns. They are decoded as the row is read, so stored data without this shape
//! is an error at that read (logged, and answered as an internal error), never silently
//! taken as empty.

use std::collections::BTreeMap;

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// An event's title and description in one more language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Translation {
    pub title: Option<String>,
    pub description: Option<String>,
}

/// `event.translations`: `{"fr": {"title": …, "description": …}, "nl": {…}}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Translations(pub BTreeMap<String, Translation>);

impl Translations {
    /// The non-empty `field` ("title" or "description") in the language `code`.
    pub fn text(&self, code: &str, field: &str) -> Option<&str> {
        let translation = self.0.get(code)?;
        let text = match field {
            "title" => translation.title.as_deref(),
            _ => translation.description.as_deref(),
        };
        text.filter(|s| !s.is_empty())
    }
}

/// A custom question, as stored and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Question {
    pub key: String,
    pub kind: QuestionKind,
    pub required: bool,
    /// Label per language (`en` always present).
    pub label: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Text,
    Choice,
    Boolean,
}

/// `event.questions`: the event's custom questions, in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Questions(pub Vec<Question>);

/// `registration.answers`: the answers to the custom questions, by question key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Answers(pub BTreeMap<String, serde_json::Value>);
