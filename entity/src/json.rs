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
    /// The venue as written for readers of this language ("Bruxelles" for "Brussels").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
}

/// `event.translations`: `{"fr": {"title": …, "description": …}, "nl": {…}}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Translations(pub BTreeMap<String, Translation>);

impl Translations {
    /// The non-empty `field` ("title", "description" or "venue") in the language `code`.
    pub fn text(&self, code: &str, field: &str) -> Option<&str> {
        let translation = self.0.get(code)?;
        let text = match field {
            "title" => translation.title.as_deref(),
            "venue" => translation.venue.as_deref(),
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
    /// For `choice` and `multi`: the options, in the form they were sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<QuestionOption>,
}

impl Question {
    /// The label in `lang`, else the English one, else the key.
    pub fn label_in(&self, lang: &str) -> &str {
        self.label.get(lang).or_else(|| self.label.get("en")).map(String::as_str).unwrap_or(&self.key)
    }

    pub fn option(&self, value: &str) -> Option<&QuestionOption> {
        self.options.iter().find(|o| o.value() == value)
    }

    /// Whether the answer is chosen among options.
    pub fn has_options(&self) -> bool {
        matches!(self.kind, QuestionKind::Choice | QuestionKind::Multi)
    }
}

/// One option of a `choice` or `multi` question: a plain string (shown as it is in every
/// language) or a value with a label per language. Answers and exports hold the value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum QuestionOption {
    Plain(String),
    Labelled { value: String, label: BTreeMap<String, String> },
}

impl QuestionOption {
    pub fn value(&self) -> &str {
        match self {
            QuestionOption::Plain(value) | QuestionOption::Labelled { value, .. } => value,
        }
    }

    /// What a person reading `lang` sees: its label in `lang`, else in English, else the value.
    pub fn label_in(&self, lang: &str) -> &str {
        match self {
            QuestionOption::Plain(value) => value,
            QuestionOption::Labelled { value, label } => {
                label.get(lang).or_else(|| label.get("en")).map(String::as_str).unwrap_or(value)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One line, at most 500 characters.
    Text,
    /// Several lines, at most 5,000 characters.
    LongText,
    /// One of the options.
    Choice,
    /// Any of the options: the answer is a list of values.
    Multi,
    Boolean,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::LongText => "long_text",
            QuestionKind::Choice => "choice",
            QuestionKind::Multi => "multi",
            QuestionKind::Boolean => "boolean",
        }
    }
}

/// `event.questions`: the event's custom questions, in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Questions(pub Vec<Question>);

/// `registration.answers`: the answers to the custom questions, by question key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Answers(pub BTreeMap<String, serde_json::Value>);

/// A text per language (`{"en": …, "fr": …, "nl": …}`), English the fallback.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct PerLanguage(pub BTreeMap<String, String>);

impl PerLanguage {
    /// The text in `code`, else in English, else none.
    pub fn get(&self, code: &str) -> Option<&str> {
        self.0.get(code).or_else(|| self.0.get("en")).map(String::as_str).filter(|s| !s.is_empty())
    }
}

/// One item of an event's programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeItem {
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Title per language (`en` always present).
    pub title: BTreeMap<String, String>,
    pub speakers: Vec<String>,
}

impl ProgrammeItem {
    /// The title in `lang`, else the English one.
    pub fn title_in(&self, lang: &str) -> &str {
        self.title
            .get(lang)
            .filter(|t| !t.is_empty())
            .or_else(|| self.title.get("en"))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// `event.programme`: the programme items, in order of their start.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Programme(pub Vec<ProgrammeItem>);

/// `event.allowed_email_domains`: lower-case domain names (`fedasil.be`), punycode for
/// international ones, in the order given.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct EmailDomains(pub Vec<String>);

/// `registration_history.params`: the parameters of one history entry (modes, counts, the
/// mail kind), never rendered text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct HistoryParams(pub BTreeMap<String, String>);

/// `mailing.subject` and `mailing.body`: the text per language code (`en` always).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct MailingText(pub BTreeMap<String, String>);

impl MailingText {
    /// The text for readers of `code`, English when that language has none.
    pub fn for_language(&self, code: &str) -> &str {
        self.0.get(code).or_else(|| self.0.get("en")).map(String::as_str).unwrap_or_default()
    }
}

/// `mailing.audience`: the group a mailing goes to; an empty list or `None` means any.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct MailingAudience {
    #[serde(default)]
    pub modes: Vec<crate::AttendanceMode>,
    #[serde(default)]
    pub statuses: Vec<crate::RegistrationStatus>,
    #[serde(default)]
    pub attended: Option<bool>,
    /// Organization keys (merged spellings resolved).
    #[serde(default)]
    pub organizations: Vec<String>,
}
