//! Partner-list import: each row of an organizer's spreadsheet (first_name, last_name, email,
//! organization, language, mode; header names in any case, extra columns ignored) is trimmed,
//! validated and registered through [`registrations::service::register_with`], so capacity,
//! waitlist and uniqueness rules are exactly those of any registration. Or, in invitation
//! mode, each partner is mailed a personal link instead.
//!
//! Runs in the caller's transaction and never commits: the caller commits, or rolls back for a
//! dry run, which therefore reports exactly what the import would do and writes nothing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, EventStatus, event};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};
use serde_json::Value;
use uuid::Uuid;

use super::invitations::{self, Invitee};
pub use super::report::{ImportReport, ImportSummary, Outcome, RowReport};
use super::table::{self, Table, TableError, cell};
use crate::db::FetchUnique;
use crate::domain::{EmailAddress, Language, clean_text};
use crate::error::{AppError, FieldError};
use crate::events::input::QuestionKind;
use crate::events::view::{offers, questions};
use crate::registrations::answers::Answers;
use crate::registrations::input::NewRegistration;
use crate::registrations::policy;
use crate::registrations::service::{self as registrations, RegisterOptions, RegisterOutcome, RegistrationError};

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// The caller rolls back; reported in the answer.
    pub dry_run: bool,
    /// Queue confirmation and waitlist mails (off by default: the partners did not register
    /// themselves).
    pub notify: bool,
    /// Mail each partner an invitation link instead of registering them.
    pub invite: bool,
}

/// The organizer who imports (recorded as the consent source and the inviter).
#[derive(Debug, Clone)]
pub struct Importer {
    pub user_id: Option<Uuid>,
    pub email: String,
}

/// Why a whole file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("no such event")]
    NotFound,
    #[error("{0}")]
    Closed(String),
    #[error("{0}")]
    Unreadable(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<TableError> for ImportError {
    fn from(err: TableError) -> Self {
        ImportError::Unreadable(err.to_string())
    }
}

impl From<ImportError> for AppError {
    fn from(err: ImportError) -> Self {
        match err {
            ImportError::NotFound => AppError::NotFound,
            ImportError::Closed(message) => AppError::conflict("registration_closed", message),
            ImportError::Unreadable(message) => {
                AppError::field("file", FieldError::new("invalid_value").with("detail", message))
            }
            ImportError::Db(e) => AppError::from(e),
        }
    }
}

/// The columns of a partner list.
struct PartnerColumns {
    first_name: usize,
    last_name: usize,
    email: usize,
    organization: Option<usize>,
    language: Option<usize>,
    mode: Option<usize>,
    /// (column, question key, is boolean) for columns named after a custom question.
    answers: Vec<(usize, String, bool)>,
}

impl PartnerColumns {
    fn find(table: &Table, event: &event::Model) -> Result<PartnerColumns, ImportError> {
        let first_name = table.column(&["first_name", "firstname", "given_name", "prénom", "prenom", "voornaam"]);
        let last_name = table.column(&["last_name", "lastname", "surname", "family_name", "nom", "achternaam"]);
        let email = table.column(&["email", "e_mail", "mail", "email_address", "e_mail_address", "courriel"]);
        let missing: Vec<&str> = [("first_name", first_name), ("last_name", last_name), ("email", email)]
            .into_iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| n)
            .collect();
        let (Some(first_name), Some(last_name), Some(email)) = (first_name, last_name, email) else {
            return Err(ImportError::Unreadable(format!(
                "the header row has no {} column (found: {})",
                missing.join(", "),
                table.headers.join(", ")
            )));
        };
        let answers = questions(event)
            .into_iter()
            .filter_map(|q| {
                let i = table.column(&[q.key.as_str()])?;
                Some((i, q.key, q.kind == QuestionKind::Boolean))
            })
            .collect();
        Ok(PartnerColumns {
            first_name,
            last_name,
            email,
            organization: table.column(&["organization", "organisation", "organisatie", "org", "company"]),
            language: table.column(&["language", "lang", "langue", "taal"]),
            mode: table.column(&["mode", "attendance", "attendance_mode"]),
            answers,
        })
    }
}

/// A row that passed validation.
struct Partner {
    first_name: String,
    last_name: String,
    email: EmailAddress,
    organization: String,
    language: Language,
    mode: Option<AttendanceMode>,
    answers: Answers,
}

fn parse_mode(raw: &str) -> Option<AttendanceMode> {
    let normalized: String =
        raw.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
    AttendanceMode::parse(&normalized)
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "oui" | "ja" | "x" => Some(true),
        "false" | "no" | "n" | "0" | "non" | "nee" => Some(false),
        _ => None,
    }
}

/// Validates one row: the first problem names the outcome, `reason` lists them all.
fn validate(columns: &PartnerColumns, row: &[String], event: &event::Model) -> Result<Partner, (Outcome, String)> {
    let mut problems: Vec<(Outcome, String)> = Vec::new();
    let mut text = |field: &str, index: Option<usize>, required: bool, max: usize| {
        clean_text(Some(cell(row, index)), required, max).unwrap_or_else(|e| {
            let outcome = if e.code == "required" { Outcome::MissingName } else { Outcome::InvalidField };
            problems.push((outcome, format!("{field} {e}")));
            String::new()
        })
    };
    let first_name = text("first_name", Some(columns.first_name), true, 200);
    let last_name = text("last_name", Some(columns.last_name), true, 200);
    let organization = text("organization", columns.organization, false, 300);
    let raw_email = cell(row, Some(columns.email));
    let email = match EmailAddress::parse(raw_email) {
        Ok(e) => Some(e),
        Err(e) => {
            problems.push((Outcome::InvalidEmail, format!("email {e}")));
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
            problems.push((Outcome::InvalidMode, format!("mode {raw_mode:?} must be in_person or online")));
            None
        }
    };
    let raw_language = cell(row, columns.language);
    let language = if raw_language.is_empty() {
        Language::En
    } else {
        Language::parse(raw_language).unwrap_or_else(|| {
            problems.push((Outcome::InvalidLanguage, format!("language {raw_language:?} must be en, fr or nl")));
            Language::En
        })
    };
    let mut answers = Answers::new();
    for (index, key, boolean) in &columns.answers {
        let raw = cell(row, Some(*index));
        if raw.is_empty() {
            continue;
        }
        let value = match (boolean, parse_bool(raw)) {
            (true, Some(b)) => Value::Bool(b),
            _ => Value::String(raw.to_owned()),
        };
        answers.insert(key.clone(), value);
    }
    // Names first, then the address, then the rest: the outcome a reader looks for first.
    problems.sort_by_key(|(o, _)| match o {
        Outcome::MissingName => 0,
        Outcome::InvalidEmail => 1,
        Outcome::InvalidMode => 2,
        Outcome::InvalidLanguage => 3,
        _ => 4,
    });
    match (problems.first(), email) {
        (None, Some(email)) => Ok(Partner { first_name, last_name, email, organization, language, mode, answers }),
        (Some((outcome, _)), _) => {
            Err((*outcome, problems.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>().join("; ")))
        }
        (None, None) => Err((Outcome::InvalidEmail, "email is required".into())),
    }
}

/// Checks the event takes registrations now (the same rules as the public form).
fn check_open(event: &event::Model, now: DateTime<Utc>) -> Result<(), ImportError> {
    match event.status {
        EventStatus::Published if policy::registration_open(now, event.registration_closes_at, event.ends_at) => Ok(()),
        EventStatus::Published => Err(ImportError::Closed("registration for this event is closed".into())),
        EventStatus::Draft => Err(ImportError::Closed("the event is a draft: publish it before importing".into())),
        EventStatus::Closed => Err(ImportError::Closed("registration for this event is closed".into())),
        EventStatus::Cancelled => Err(ImportError::Closed("this event was cancelled".into())),
    }
}

/// Imports the partner list in `bytes` into `event_id`, row by row, in the caller's
/// transaction. `on_row` is called after each row (progress).
#[tracing::instrument(skip_all, err)]
pub async fn import(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    bytes: &[u8],
    by: &Importer,
    options: ImportOptions,
    now: DateTime<Utc>,
    mut on_row: impl FnMut(),
) -> Result<ImportReport, ImportError> {
    let event = event::Entity::find_by_id(event_id).unique(db).await?.ok_or(ImportError::NotFound)?;
    check_open(&event, now)?;
    let table = table::read(bytes)?;
    let columns = PartnerColumns::find(&table, &event)?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut reports = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let raw_email = cell(row, Some(columns.email)).to_owned();
        let report = |outcome, reason: Option<String>, email: String| RowReport {
            row: *line,
            outcome,
            reason,
            email,
            registration_id: None,
            status: None,
        };
        let partner = match validate(&columns, row, &event) {
            Ok(p) => p,
            Err((outcome, reason)) => {
                reports.push(report(outcome, Some(reason), raw_email));
                on_row();
                continue;
            }
        };
        let email = partner.email.as_str().to_owned();
        if let Some(first) = seen.get(&email) {
            reports.push(report(Outcome::DuplicateInFile, Some(format!("same email as row {first}")), email));
            on_row();
            continue;
        }
        seen.insert(email.clone(), *line);
        if let Some(m) = partner.mode.filter(|m| !offers(&event, *m)) {
            reports.push(report(Outcome::ModeNotOffered, Some(format!("this event is not {}", m.as_str())), email));
            on_row();
            continue;
        }
        if options.invite {
            // Without a mode the partner chooses on the form.
            let mode = partner.mode;
            reports.push(invite(db, &event, partner, mode, by, *line, now).await?);
            on_row();
            continue;
        }
        let Some(mode) = partner.mode else {
            reports.push(report(Outcome::InvalidMode, Some("mode is empty: in_person or online".into()), email));
            on_row();
            continue;
        };
        if registrations::find_active_by_email(db, event.id, &email).await?.is_some() {
            reports.push(report(Outcome::AlreadyRegistered, None, email));
            on_row();
            continue;
        }
        let new = NewRegistration {
            first_name: partner.first_name,
            last_name: partner.last_name,
            email: partner.email,
            organization: partner.organization,
            mode,
            language: partner.language,
            answers: partner.answers,
            consent_source: format!("imported by {}", by.email),
        };
        let outcome =
            registrations::register_with(db, event.id, new, RegisterOptions { notify: options.notify }, now).await;
        reports.push(match outcome {
            Ok(RegisterOutcome::Registered { registration, .. }) => RowReport {
                registration_id: Some(registration.id),
                status: Some(registration.status),
                ..report(Outcome::Created, None, email)
            },
            Ok(RegisterOutcome::AlreadyRegistered) => report(Outcome::AlreadyRegistered, None, email),
            Err(RegistrationError::CapacityFull) => report(
                Outcome::CapacityFull,
                Some(format!("{} is full and the event has no waitlist", mode.as_str())),
                email,
            ),
            Err(RegistrationError::ModeNotOffered) => report(Outcome::ModeNotOffered, None, email),
            Err(RegistrationError::Closed(m)) => report(Outcome::RegistrationClosed, Some(m.to_owned()), email),
            Err(RegistrationError::Invalid(fields)) => {
                let reason = fields.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join("; ");
                report(Outcome::InvalidAnswers, Some(reason), email)
            }
            Err(RegistrationError::NotFound) => return Err(ImportError::NotFound),
            Err(RegistrationError::Db(e)) => return Err(e.into()),
            Err(other) => report(Outcome::InvalidField, Some(other.to_string()), email),
        });
        on_row();
    }
    Ok(ImportReport::new(options.dry_run, reports))
}

async fn invite(
    db: &impl ConnectionTrait,
    event: &event::Model,
    partner: Partner,
    mode: Option<AttendanceMode>,
    by: &Importer,
    line: u64,
    now: DateTime<Utc>,
) -> Result<RowReport, ImportError> {
    let email = partner.email.as_str().to_owned();
    let report = |outcome| RowReport {
        row: line,
        outcome,
        reason: None,
        email: email.clone(),
        registration_id: None,
        status: None,
    };
    if registrations::find_active_by_email(db, event.id, &email).await?.is_some() {
        return Ok(report(Outcome::AlreadyRegistered));
    }
    if invitations::pending_for(db, event.id, &email).await?.is_some() {
        return Ok(report(Outcome::AlreadyInvited));
    }
    let invitee = Invitee {
        email: partner.email,
        first_name: partner.first_name,
        last_name: partner.last_name,
        organization: partner.organization,
        language: partner.language,
        mode,
    };
    invitations::create(db, event, invitee, by.user_id, now).await?;
    Ok(report(Outcome::Invited))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_are_read_leniently() {
        assert_eq!(parse_mode(" In Person "), Some(AttendanceMode::InPerson));
        assert_eq!(parse_mode("in-person"), Some(AttendanceMode::InPerson));
        assert_eq!(parse_mode("ONLINE"), Some(AttendanceMode::Online));
        assert_eq!(parse_mode("hybrid"), None);
    }
}
