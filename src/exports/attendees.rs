//! Which registrations an export holds and its columns; `reading` reads them page by page.
//!
//! Pages are read by keyset (`registration.id > last id`, ids being UUID v7 and so in order of
//! arrival), one short query each: the export never holds the whole table, nor a connection or
//! a read transaction between two pages (on SQLite a long read would stall WAL checkpoints).
//! The price is that a registration changed while a large export runs shows its state at the
//! time its page was read.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entity::{AttendanceMode, RegistrationStatus, event};
use sea_orm::FromQueryResult;
use serde_json::Value;
use uuid::Uuid;

use super::cells;
use crate::domain::Language;
use crate::error::{FieldError, FieldErrors};
use crate::events::view::{questions, zone};

/// The fixed columns of API.md "Export", in order; custom answers follow.
pub const COLUMNS: [&str; 11] = [
    "registration_id",
    "first_name",
    "last_name",
    "email",
    "organization",
    "mode",
    "status",
    "language",
    "registered_at",
    "checked_in_at",
    "joined_online_at",
];

/// Rows per page: small enough to keep memory flat, large enough to keep queries few.
pub const PAGE_SIZE: u64 = 1000;

/// Which registrations to export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportFilter {
    pub mode: Option<AttendanceMode>,
    pub status: Option<RegistrationStatus>,
    /// `Some(true)`: only those with an active check-in; `Some(false)`: only those without.
    pub checked_in: Option<bool>,
    /// Leave cancelled and declined registrations out (the people preset, unless `status`
    /// asks for them).
    pub active_only: bool,
}

/// The CSV field separator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Delimiter {
    #[default]
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// Everything an export request may ask for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    pub filter: ExportFilter,
    pub delimiter: Delimiter,
    /// Start with a UTF-8 byte-order mark (Excel then reads the file as UTF-8).
    pub bom: bool,
    /// `preset=people&lang=…`: the list for people to read, in that language.
    pub people: Option<Language>,
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

impl ExportOptions {
    /// Parses query options (`mode`, `status`, `checked_in`, `delimiter`, `bom`); a value
    /// outside its set is an error naming the option. Other keys are ignored.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<ExportOptions, FieldErrors> {
        let mut options = ExportOptions::default();
        let mut errors = FieldErrors::new();
        let mut lang_asked = None;
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "mode" if value.is_empty() => {}
                "mode" => match AttendanceMode::parse(value) {
                    Some(m) => options.filter.mode = Some(m),
                    None => {
                        errors.insert("mode", FieldError::new("invalid_mode"));
                    }
                },
                "status" if value.is_empty() => {}
                "status" => match RegistrationStatus::parse(value) {
                    Some(s) => options.filter.status = Some(s),
                    None => {
                        errors.insert("status", FieldError::new("invalid_registration_status"));
                    }
                },
                "checked_in" if value.is_empty() => {}
                "checked_in" => match parse_bool(value) {
                    Some(b) => options.filter.checked_in = Some(b),
                    None => {
                        errors.insert("checked_in", FieldError::new("not_boolean"));
                    }
                },
                "delimiter" => match value {
                    "" | "comma" => options.delimiter = Delimiter::Comma,
                    "semicolon" => options.delimiter = Delimiter::Semicolon,
                    "tab" => options.delimiter = Delimiter::Tab,
                    _ => {
                        errors.insert("delimiter", FieldError::new("invalid_delimiter"));
                    }
                },
                "preset" => match value {
                    "" => {}
                    "people" => options.people = Some(options.people.unwrap_or_default()),
                    _ => errors.insert("preset", FieldError::new("invalid_preset")),
                },
                "lang" => match Language::parse(value) {
                    Some(lang) => lang_asked = Some(lang),
                    None => errors.insert("lang", FieldError::new("invalid_language")),
                },
                "bom" => match value {
                    "" => {}
                    v => match parse_bool(v) {
                        Some(b) => options.bom = b,
                        None => {
                            errors.insert("bom", FieldError::new("not_boolean"));
                        }
                    },
                },
                _ => {}
            }
        }
        if let Some(people) = options.people.as_mut() {
            *people = lang_asked.unwrap_or_default();
            options.filter.active_only = options.filter.status.is_none();
        }
        if errors.is_empty() { Ok(options) } else { Err(errors) }
    }
}

/// One exported registration, as read (never its tokens).
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct AttendeeRow {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organization: String,
    pub mode: String,
    pub status: String,
    pub language: String,
    pub created_at: DateTime<Utc>,
    /// NULL once erased.
    pub answers: Option<Value>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub joined_online_at: Option<DateTime<Utc>>,
}

/// One cell as a spreadsheet should hold it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A local date-time (people preset): a date cell in XLSX.
    Time(chrono::NaiveDateTime),
}

/// The columns of one event's export: the fixed ones, then one per custom question. The
/// published (script) form, or the people preset in a language.
#[derive(Debug, Clone)]
pub struct Columns {
    questions: Vec<(String, String)>,
    tz: Tz,
    people: Option<Language>,
}

impl Columns {
    pub fn for_event(event: &event::Model) -> Columns {
        Columns::new(event, None)
    }

    pub fn new(event: &event::Model, people: Option<Language>) -> Columns {
        let label = |q: &crate::events::input::Question| match people {
            Some(lang) => q.label_in(lang.code()).to_owned(),
            None => q.key.clone(),
        };
        Columns {
            questions: questions(event).iter().map(|q| (q.key.clone(), label(q))).collect(),
            tz: zone(event),
            people,
        }
    }

    pub fn for_people(&self) -> bool {
        self.people.is_some()
    }

    pub fn header(&self) -> Vec<String> {
        let fixed: Vec<String> = match self.people {
            None => COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
            Some(lang) => super::people::columns().iter().map(|c| super::people::header(c, lang)).collect(),
        };
        fixed.into_iter().chain(self.questions.iter().map(|(_, label)| label.clone())).collect()
    }

    /// The row's cells, in header order, before any formula protection.
    pub fn cells(&self, row: &AttendeeRow) -> Vec<String> {
        self.typed(row)
            .into_iter()
            .map(|cell| match cell {
                Cell::Text(text) => text,
                Cell::Time(at) => at.format("%Y-%m-%d %H:%M").to_string(),
            })
            .collect()
    }

    /// The row's cells with their types.
    pub fn typed(&self, row: &AttendeeRow) -> Vec<Cell> {
        let mut out = Vec::with_capacity(COLUMNS.len() + self.questions.len());
        match self.people {
            None => {
                let time =
                    |t: Option<DateTime<Utc>>| Cell::Text(t.map(|t| cells::time(t, self.tz)).unwrap_or_default());
                out.extend([
                    Cell::Text(row.id.to_string()),
                    Cell::Text(row.first_name.clone()),
                    Cell::Text(row.last_name.clone()),
                    Cell::Text(row.email.clone()),
                    Cell::Text(row.organization.clone()),
                    Cell::Text(row.mode.clone()),
                    Cell::Text(row.status.clone()),
                    Cell::Text(row.language.clone()),
                    time(Some(row.created_at)),
                    time(row.checked_in_at),
                    time(row.joined_online_at),
                ]);
            }
            Some(lang) => {
                use super::people::{language_word, local, mode_word, status_word};
                let time = |t: Option<DateTime<Utc>>| match t {
                    Some(t) => Cell::Time(local(t, self.tz)),
                    None => Cell::Text(String::new()),
                };
                out.extend([
                    Cell::Text(row.first_name.clone()),
                    Cell::Text(row.last_name.clone()),
                    Cell::Text(row.email.clone()),
                    Cell::Text(row.organization.clone()),
                    Cell::Text(mode_word(&row.mode, lang)),
                    Cell::Text(status_word(&row.status, lang)),
                    Cell::Text(language_word(&row.language, lang)),
                    time(Some(row.created_at)),
                    time(row.checked_in_at),
                    time(row.joined_online_at),
                ]);
            }
        }
        for (key, _) in &self.questions {
            out.push(Cell::Text(cells::answer(row.answers.as_ref().and_then(|a| a.get(key)))));
        }
        out
    }
}

pub use super::reading::{AttendeePages, count};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_and_name_the_bad_field() {
        let ok = ExportOptions::parse([("mode", "online"), ("delimiter", "semicolon"), ("bom", "true"), ("x", "y")]);
        let ok = ok.unwrap_or_default();
        assert_eq!(ok.filter.mode, Some(AttendanceMode::Online));
        assert_eq!(ok.delimiter, Delimiter::Semicolon);
        assert!(ok.bom);
        let bad = ExportOptions::parse([("status", "maybe"), ("checked_in", "yes"), ("delimiter", "pipe")]);
        let fields = bad.err().unwrap_or_default();
        assert!(fields.contains_key("status") && fields.contains_key("checked_in") && fields.contains_key("delimiter"));
    }

    #[test]
    fn the_people_preset_takes_a_language_and_leaves_cancelled_rows_out_unless_asked() {
        let people = ExportOptions::parse([("lang", "fr"), ("preset", "people")]).unwrap_or_default();
        assert_eq!(people.people, Some(Language::Fr));
        assert!(people.filter.active_only);
        let asked = ExportOptions::parse([("preset", "people"), ("status", "cancelled")]).unwrap_or_default();
        assert_eq!((asked.people, asked.filter.active_only), (Some(Language::En), false));
        assert!(
            !ExportOptions::parse([("lang", "fr")]).unwrap_or_default().filter.active_only,
            "scripts keep every row"
        );
        let bad = ExportOptions::parse([("preset", "pretty"), ("lang", "de")]).err().unwrap_or_default();
        assert!(bad.contains_key("preset") && bad.contains_key("lang"));
    }
}
