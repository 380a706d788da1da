//! The per-row report of a partner-list import, as the API answers it and the CLI prints it.

use std::collections::BTreeMap;

use entity::RegistrationStatus;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::Language;
use crate::error::FieldError;

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Registered: see `status` (confirmed or waitlisted).
    Created,
    /// Invitation mode: a personal link was mailed.
    Invited,
    /// An active registration with this email exists already; nothing changed.
    AlreadyRegistered,
    /// Invitation mode: an unused invitation was sent earlier; nothing changed.
    AlreadyInvited,
    /// The same email (in any case) appears on an earlier row; see `reason`.
    DuplicateInFile,
    InvalidEmail,
    MissingName,
    InvalidMode,
    InvalidLanguage,
    /// A cell too long or holding control characters; see `reason`.
    InvalidField,
    /// Answers to the event's custom questions are missing or invalid; see `reason`.
    InvalidAnswers,
    ModeNotOffered,
    /// That mode is full and the event has no waitlist.
    CapacityFull,
    /// In person, the organization has used its seats and the event has no waitlist.
    OrganizationFull,
    /// Registration closed while the file was being imported.
    RegistrationClosed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Invited => "invited",
            Outcome::AlreadyRegistered => "already_registered",
            Outcome::AlreadyInvited => "already_invited",
            Outcome::DuplicateInFile => "duplicate_in_file",
            Outcome::InvalidEmail => "invalid_email",
            Outcome::MissingName => "missing_name",
            Outcome::InvalidMode => "invalid_mode",
            Outcome::InvalidLanguage => "invalid_language",
            Outcome::InvalidField => "invalid_field",
            Outcome::InvalidAnswers => "invalid_answers",
            Outcome::ModeNotOffered => "mode_not_offered",
            Outcome::CapacityFull => "capacity_full",
            Outcome::OrganizationFull => "organization_full",
            Outcome::RegistrationClosed => "registration_closed",
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RowReport {
    /// Why, as data: (field, problem) pairs, worded for people by the page and the CLI.
    #[serde(skip)]
    pub problems: Vec<(String, FieldError)>,
    /// Line number in the file (the header is line 1), as a spreadsheet shows it.
    pub row: u64,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The row's email, normalized when valid.
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<RegistrationStatus>,
}

impl RowReport {
    /// A row's report; `reason` is the problems in the API's English ("field: wording").
    pub fn new(row: u64, outcome: Outcome, problems: Vec<(String, FieldError)>, email: String) -> RowReport {
        let reason = (!problems.is_empty()).then(|| {
            problems
                .iter()
                .map(|(field, e)| if field.is_empty() { e.message() } else { format!("{field} {e}") })
                .collect::<Vec<_>>()
                .join("; ")
        });
        RowReport { problems, row, outcome, reason, email, registration_id: None, status: None }
    }

    /// The problems for a person reading `lang`: "Label: sentence", each field named by
    /// `label` (the column's label in that language).
    pub fn reasons_for(&self, lang: Language, label: impl Fn(&str) -> String) -> Vec<String> {
        let colon = crate::i18n::t(lang, "colon", &[]);
        self.problems
            .iter()
            .map(|(field, e)| match field.as_str() {
                "" => e.for_people(lang),
                field => format!("{}{colon} {}", label(field), e.for_people(lang)),
            })
            .collect()
    }
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ImportSummary {
    /// Data rows read (blank rows are skipped).
    pub rows: usize,
    pub created: usize,
    pub confirmed: usize,
    pub waitlisted: usize,
    pub invited: usize,
    /// Rows that changed nothing, whatever the reason.
    pub skipped: usize,
    /// Count per outcome.
    pub outcomes: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportReport {
    /// True when nothing was written (validation and a full rehearsal only).
    pub dry_run: bool,
    pub rows: Vec<RowReport>,
    pub summary: ImportSummary,
}

impl ImportReport {
    pub fn new(dry_run: bool, rows: Vec<RowReport>) -> ImportReport {
        let mut summary = ImportSummary { rows: rows.len(), ..Default::default() };
        for r in &rows {
            *summary.outcomes.entry(r.outcome.as_str().to_owned()).or_default() += 1;
            match (r.outcome, r.status) {
                (Outcome::Created, Some(RegistrationStatus::Waitlisted)) => summary.waitlisted += 1,
                (Outcome::Created, _) => summary.confirmed += 1,
                (Outcome::Invited, _) => summary.invited += 1,
                _ => summary.skipped += 1,
            }
        }
        summary.created = summary.confirmed + summary.waitlisted;
        ImportReport { dry_run, rows, summary }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_each_outcome() {
        let row = |outcome, status| RowReport { status, ..RowReport::new(2, outcome, Vec::new(), String::new()) };
        let report = ImportReport::new(
            false,
            vec![
                row(Outcome::Created, Some(RegistrationStatus::Confirmed)),
                row(Outcome::Created, Some(RegistrationStatus::Waitlisted)),
                row(Outcome::InvalidEmail, None),
            ],
        );
        assert_eq!((report.summary.created, report.summary.confirmed, report.summary.waitlisted), (2, 1, 1));
        assert_eq!(report.summary.skipped, 1);
        assert_eq!(report.summary.outcomes.get("invalid_email"), Some(&1));
    }
}
