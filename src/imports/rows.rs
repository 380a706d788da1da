//! Reading one partner-list row: which columns hold what (headers in EN, FR or NL), and each
//! row checked into a [`Partner`] or the problems that name its fields. Modes and yes/no
//! are read in the three languages; options by value or by their label in any language.

use entity::{AttendanceMode, event};
use serde_json::Value;

use super::registrations::{ImportError, Outcome};
use super::table::{Table, cell};
use crate::domain::{EmailAddress, Language, clean_text};
use crate::error::FieldError;
use crate::events::input::{Question, QuestionKind};
use crate::events::view::{offers, questions};
use crate::registrations::answers::Answers;

/// The columns of a partner list.
pub(super) struct PartnerColumns {
    pub email: usize,
    first_name: usize,
    last_name: usize,
    organization: Option<usize>,
    language: Option<usize>,
    mode: Option<usize>,
    /// (column, question) for columns named after a custom question.
    answers: Vec<(usize, Question)>,
}

impl PartnerColumns {
    pub(super) fn find(table: &Table, event: &event::Model) -> Result<PartnerColumns, ImportError> {
        let first_name = table.column(&["first_name", "firstname", "given_name", "prénom", "prenom", "voornaam"]);
        let last_name = table.column(&["last_name", "lastname", "surname", "family_name", "nom", "achternaam"]);
        let email = table.column(&["email", "e_mail", "mail", "email_address", "e_mail_address", "courriel"]);
        let missing: Vec<&str> = [("first_name", first_name), ("last_name", last_name), ("email", email)]
            .into_iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| n)
            .collect();
        let (Some(first_name), Some(last_name), Some(email)) = (first_name, last_name, email) else {
            let error = FieldError::new("file_missing_columns")
                .with("columns", missing.join(", "))
                .with("found", table.headers.join(", "));
            return Err(ImportError::Unreadable(error));
        };
        let answers = questions(event)
            .into_iter()
            .filter_map(|q| {
                let i = table.column(&[q.key.as_str()])?;
                Some((i, q))
            })
            .collect();
        Ok(PartnerColumns {
            first_name,
            last_name,
            email,
            organization: table.column(&["organization", "organisation", "organisatie", "org", "company"]),
            language: table.column(&["language", "lang", "langue", "taal"]),
            mode: table.column(&["mode", "attendance", "attendance_mode", "participation", "deelname"]),
            answers,
        })
    }
}

/// A row that passed validation.
pub(super) struct Partner {
    pub(super) first_name: String,
    pub(super) last_name: String,
    pub(super) email: EmailAddress,
    pub(super) organization: String,
    pub(super) language: Language,
    pub(super) mode: Option<AttendanceMode>,
    pub(super) answers: Answers,
}

/// A mode in any of the three languages: "in person", "sur place", "ter plaatse", "online",
/// "en ligne", … (case, spaces and dashes do not matter).
fn parse_mode(raw: &str) -> Option<AttendanceMode> {
    let normalized: String =
        raw.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
    match normalized.as_str() {
        "in_person" | "inperson" | "on_site" | "onsite" | "room" | "sur_place" | "présentiel" | "presentiel"
        | "en_présentiel" | "en_presentiel" | "ter_plaatse" | "in_persoon" | "fysiek" | "in_de_zaal" => {
            Some(AttendanceMode::InPerson)
        }
        "online" | "on_line" | "remote" | "en_ligne" | "à_distance" | "a_distance" | "distanciel" | "stream"
        | "op_afstand" => Some(AttendanceMode::Online),
        _ => None,
    }
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "oui" | "o" | "vrai" | "ja" | "j" | "waar" | "x" => Some(true),
        "false" | "no" | "n" | "0" | "non" | "faux" | "nee" | "onwaar" => Some(false),
        _ => None,
    }
}

/// Validates one row: the first problem names the outcome; every problem names its field.
pub(super) fn validate(
    columns: &PartnerColumns,
    row: &[String],
    event: &event::Model,
) -> Result<Partner, (Outcome, Vec<(String, FieldError)>)> {
    let mut problems: Vec<(Outcome, String, FieldError)> = Vec::new();
    let mut text = |field: &str, index: Option<usize>, required: bool, max: usize| {
        clean_text(Some(cell(row, index)), required, max).unwrap_or_else(|e| {
            let outcome = if e.code == "required" { Outcome::MissingName } else { Outcome::InvalidField };
            problems.push((outcome, field.to_owned(), e));
            String::new()
        })
    };
    let first_name = text("first_name", Some(columns.first_name), true, 200);
    let last_name = text("last_name", Some(columns.last_name), true, 200);
    let organization = text("organization", columns.organization, false, 300);
    let email = match EmailAddress::parse_deliverable(cell(row, Some(columns.email))) {
        Ok(e) => Some(e),
        Err(e) => {
            problems.push((Outcome::InvalidEmail, "email".to_owned(), e));
            None
        }
    };
    let raw_mode = cell(row, columns.mode);
    let only_mode = match (offers(event, AttendanceMode::InPerson), offers(event, AttendanceMode::Online)) {
        (true, false) => Some(AttendanceMode::InPerson),
        (false, true) => Some(AttendanceMode::Online),
        _ => None,
    };
    let mode = match (raw_mode.is_empty(), parse_mode(raw_mode)) {
        (true, _) => only_mode,
        (false, Some(m)) => Some(m),
        (false, None) => {
            problems.push((
                Outcome::InvalidMode,
                "mode".to_owned(),
                FieldError::new("unknown_mode").with("mode", raw_mode),
            ));
            None
        }
    };
    let raw_language = cell(row, columns.language);
    let language = if raw_language.is_empty() {
        Language::En
    } else {
        parse_language(raw_language).unwrap_or_else(|| {
            problems.push((Outcome::InvalidLanguage, "language".to_owned(), FieldError::new("invalid_language")));
            Language::En
        })
    };
    let mut answers = Answers::new();
    for (index, question) in &columns.answers {
        let raw = cell(row, Some(*index));
        if !raw.is_empty() {
            answers.insert(question.key.clone(), answer(question, raw));
        }
    }
    // Names first, then the address, then the rest: the outcome a reader looks for first.
    problems.sort_by_key(|(o, _, _)| match o {
        Outcome::MissingName => 0,
        Outcome::InvalidEmail => 1,
        Outcome::InvalidMode => 2,
        Outcome::InvalidLanguage => 3,
        _ => 4,
    });
    match (problems.first(), email) {
        (None, Some(email)) => Ok(Partner { first_name, last_name, email, organization, language, mode, answers }),
        (Some((outcome, _, _)), _) => {
            Err((*outcome, problems.into_iter().map(|(_, field, error)| (field, error)).collect()))
        }
        (None, None) => Err((Outcome::InvalidEmail, vec![("email".to_owned(), FieldError::new("required"))])),
    }
}

/// A language as code or name in any of the three languages ("fr", "Français", "Frans").
fn parse_language(raw: &str) -> Option<Language> {
    Language::parse(raw).or_else(|| match raw.trim().to_lowercase().as_str() {
        "english" | "anglais" | "engels" => Some(Language::En),
        "french" | "français" | "francais" | "frans" => Some(Language::Fr),
        "dutch" | "néerlandais" | "neerlandais" | "nederlands" | "flemish" | "vlaams" => Some(Language::Nl),
        _ => None,
    })
}

/// A cell as the answer its question takes: yes/no in three languages for a boolean; for
/// options, the value or any language's label (several joined by `|`). Anything else is
/// passed on as written, for the answer rules to refuse with a reason.
fn answer(question: &Question, raw: &str) -> Value {
    let option = |word: &str| {
        let word = word.trim();
        question
            .options
            .iter()
            .find(|o| {
                o.value().eq_ignore_ascii_case(word)
                    || ["en", "fr", "nl"].iter().any(|l| o.label_in(l).to_lowercase() == word.to_lowercase())
            })
            .map(|o| o.value().to_owned())
            .unwrap_or_else(|| word.to_owned())
    };
    match question.kind {
        QuestionKind::Boolean => parse_bool(raw).map(Value::Bool).unwrap_or_else(|| Value::String(raw.to_owned())),
        QuestionKind::Choice => Value::String(option(raw)),
        QuestionKind::Multi => {
            Value::Array(raw.split('|').filter(|w| !w.trim().is_empty()).map(|w| Value::String(option(w))).collect())
        }
        QuestionKind::Text | QuestionKind::LongText => Value::String(raw.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_are_read_in_three_languages() {
        for (raw, mode) in [
            (" In Person ", Some(AttendanceMode::InPerson)),
            ("in-person", Some(AttendanceMode::InPerson)),
            ("Sur place", Some(AttendanceMode::InPerson)),
            ("ter plaatse", Some(AttendanceMode::InPerson)),
            ("présentiel", Some(AttendanceMode::InPerson)),
            ("ONLINE", Some(AttendanceMode::Online)),
            ("En ligne", Some(AttendanceMode::Online)),
            ("op afstand", Some(AttendanceMode::Online)),
            ("hybrid", None),
        ] {
            assert_eq!(parse_mode(raw), mode, "{raw}");
        }
    }

    #[test]
    fn yes_no_and_languages_are_read_in_three_languages() {
        assert_eq!(["Oui", "ja", "YES", "vrai"].map(parse_bool), [Some(true); 4]);
        assert_eq!(["non", "Nee", "no", "faux"].map(parse_bool), [Some(false); 4]);
        assert_eq!(parse_bool("peut-être"), None);
        assert_eq!(
            ["Français", "nl", "Nederlands", "English"].map(parse_language),
            [Some(Language::Fr), Some(Language::Nl), Some(Language::Nl), Some(Language::En)]
        );
    }
}
