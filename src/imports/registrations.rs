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
use uuid::Uuid;

use super::invitations::{self, Invitee};
pub use super::report::{ImportReport, ImportSummary, Outcome, RowReport};
use super::rows::{Partner, PartnerColumns, validate};
use super::table::{self, TableError, cell};
use crate::db::FetchUnique;
use crate::error::{AppError, FieldError};
use crate::events::view::offers;
use crate::history::Actor;
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
    /// The event does not take registrations now (`registration_closed`, `event_draft`,
    /// `event_cancelled`).
    #[error("{0}")]
    Closed(FieldError),
    /// The file cannot be read as a table with the needed columns.
    #[error("{0}")]
    Unreadable(FieldError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<TableError> for ImportError {
    fn from(err: TableError) -> Self {
        ImportError::Unreadable(match err {
            TableError::Empty => FieldError::new("file_empty"),
            TableError::Malformed(detail) => FieldError::new("file_unreadable").with("detail", detail),
        })
    }
}

impl From<ImportError> for AppError {
    fn from(err: ImportError) -> Self {
        match err {
            ImportError::NotFound => AppError::NotFound,
            ImportError::Closed(error) => AppError::conflict("registration_closed", error.message()),
            ImportError::Unreadable(error) => AppError::field("file", error),
            ImportError::Db(e) => AppError::from(e),
        }
    }
}

/// Checks the event takes registrations now (the same rules as the public form).
fn check_open(event: &event::Model, now: DateTime<Utc>) -> Result<(), ImportError> {
    match event.status {
        EventStatus::Published if policy::registration_open(now, event.registration_closes_at, event.ends_at) => Ok(()),
        EventStatus::Published | EventStatus::Closed => {
            Err(ImportError::Closed(FieldError::new("registration_closed")))
        }
        EventStatus::Draft => Err(ImportError::Closed(FieldError::new("event_draft"))),
        EventStatus::Cancelled => Err(ImportError::Closed(FieldError::new("event_cancelled"))),
    }
}

/// A partner list read and checked against its event, ready to import row by row.
pub struct Prepared {
    pub event: event::Model,
    pub table: table::Table,
    columns: PartnerColumns,
}

/// The valid addresses met so far, with their first line: a later row with one of them is a
/// duplicate in the file.
#[derive(Debug, Default, Clone)]
pub struct Seen(HashMap<String, u64>);

/// Reads `bytes` as the partner list of `event_id`; refuses the whole file when the event
/// takes no registrations or a needed column is missing.
pub async fn prepare(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Prepared, ImportError> {
    let event = event::Entity::find_by_id(event_id).unique(db).await?.ok_or(ImportError::NotFound)?;
    check_open(&event, now)?;
    let table = table::read(bytes)?;
    let columns = PartnerColumns::find(&table, &event)?;
    Ok(Prepared { event, table, columns })
}

/// Imports the partner list in `bytes` into `event_id`, row by row, in the caller's
/// transaction. `on_row` is called after each row (progress).
#[tracing::instrument(skip_all)]
pub async fn import(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    bytes: &[u8],
    by: &Importer,
    options: ImportOptions,
    now: DateTime<Utc>,
    mut on_row: impl FnMut(),
) -> Result<ImportReport, ImportError> {
    let prepared = prepare(db, event_id, bytes, now).await?;
    let mut seen = Seen::default();
    let mut reports = Vec::with_capacity(prepared.table.rows.len());
    for (line, row) in &prepared.table.rows {
        reports.push(prepared.import_row(db, &mut seen, *line, row, by, options, now).await?);
        on_row();
    }
    Ok(ImportReport::new(options.dry_run, reports))
}

impl Prepared {
    /// What [`Seen`] holds after the first `rows` rows: where a resumed import starts.
    pub fn seen_after(&self, rows: usize) -> Seen {
        let mut seen = Seen::default();
        for (line, row) in self.table.rows.iter().take(rows) {
            if let Ok(partner) = validate(&self.columns, row, &self.event) {
                seen.0.entry(partner.email.as_str().to_owned()).or_insert(*line);
            }
        }
        seen
    }

    /// Imports one row (line `line` of the file) and says what became of it.
    #[allow(clippy::too_many_arguments)]
    pub async fn import_row(
        &self,
        db: &impl ConnectionTrait,
        seen: &mut Seen,
        line: u64,
        row: &[String],
        by: &Importer,
        options: ImportOptions,
        now: DateTime<Utc>,
    ) -> Result<RowReport, ImportError> {
        let (event, columns) = (&self.event, &self.columns);
        let raw_email = cell(row, Some(columns.email)).to_owned();
        let report = |outcome, problems: Vec<(String, FieldError)>, email: String| {
            RowReport::new(line, outcome, problems, email)
        };
        let partner = match validate(columns, row, event) {
            Ok(p) => p,
            Err((outcome, problems)) => return Ok(report(outcome, problems, raw_email)),
        };
        let email = partner.email.as_str().to_owned();
        if let Some(first) = seen.0.get(&email) {
            let problem = ("email".to_owned(), FieldError::new("duplicate_in_file").with("row", first));
            return Ok(report(Outcome::DuplicateInFile, vec![problem], email));
        }
        seen.0.insert(email.clone(), line);
        if let Some(m) = partner.mode.filter(|m| !offers(event, *m)) {
            let problem = ("mode".to_owned(), FieldError::new("mode_not_offered").with("mode", m.as_str()));
            return Ok(report(Outcome::ModeNotOffered, vec![problem], email));
        }
        if options.invite {
            // Without a mode the partner chooses on the form.
            let mode = partner.mode;
            return invite(db, event, partner, mode, by, line, now).await;
        }
        let Some(mode) = partner.mode else {
            return Ok(report(
                Outcome::InvalidMode,
                vec![("mode".to_owned(), FieldError::new("required_mode"))],
                email,
            ));
        };
        if registrations::find_active_by_email(db, event.id, &email).await?.is_some() {
            return Ok(report(Outcome::AlreadyRegistered, Vec::new(), email));
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
            consent_shown: None,
            invitation_token: None,
            future_invitations: false,
        };
        let outcome = registrations::register_with(
            db,
            event.id,
            new,
            RegisterOptions { notify: options.notify, held_seat: false, actor: Actor::Organizer(by.email.clone()) },
            now,
        )
        .await;
        Ok(match outcome {
            Ok(RegisterOutcome::Registered { registration, .. }) => RowReport {
                registration_id: Some(registration.id),
                status: Some(registration.status),
                ..report(Outcome::Created, Vec::new(), email)
            },
            Ok(RegisterOutcome::AlreadyRegistered) => report(Outcome::AlreadyRegistered, Vec::new(), email),
            Err(RegistrationError::CapacityFull) => {
                let problem = ("mode".to_owned(), FieldError::new("mode_full"));
                report(Outcome::CapacityFull, vec![problem], email)
            }
            Err(RegistrationError::OrganizationFull) => {
                let problem = ("organization".to_owned(), FieldError::new("organization_full"));
                report(Outcome::OrganizationFull, vec![problem], email)
            }
            Err(RegistrationError::ModeNotOffered) => {
                let problem = ("mode".to_owned(), FieldError::new("mode_not_offered").with("mode", mode.as_str()));
                report(Outcome::ModeNotOffered, vec![problem], email)
            }
            Err(RegistrationError::Closed(_)) => report(
                Outcome::RegistrationClosed,
                vec![(String::new(), FieldError::new("registration_closed"))],
                email,
            ),
            Err(RegistrationError::Invalid(fields)) => {
                report(Outcome::InvalidAnswers, fields.into_iter().collect(), email)
            }
            Err(RegistrationError::NotFound) => return Err(ImportError::NotFound),
            Err(RegistrationError::Db(e)) => return Err(e.into()),
            Err(other) => report(
                Outcome::InvalidField,
                vec![(String::new(), FieldError::new("invalid_value").with("detail", other))],
                email,
            ),
        })
    }
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
    let report = |outcome| RowReport::new(line, outcome, Vec::new(), email.clone());
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
