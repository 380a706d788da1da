//! What the desk sends: a scanned code, a walk-in; parsed into valid values.

use serde::Deserialize;
use utoipa::ToSchema;

use super::service::Ticket;
use crate::domain::{EmailAddress, Language, clean_text};
use crate::error::{FieldError, FieldErrors};
use crate::registrations::answers::Answers;

/// `POST /events/{id}/checkins`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CheckInInput {
    /// The ticket code as scanned or typed; spaces, dashes and case do not matter.
    pub code: Option<String>,
    /// Instead of a code: the registration picked from a name search at the desk.
    pub registration_id: Option<String>,
}

impl CheckInInput {
    pub fn parse(self) -> Result<Ticket, FieldErrors> {
        match (self.code, self.registration_id) {
            (Some(code), None) => Ok(Ticket::Code(code)),
            (None, Some(id)) => uuid::Uuid::parse_str(id.trim())
                .map(Ticket::Registration)
                .map_err(|_| FieldErrors::one("registration_id", FieldError::new("invalid_registration_id"))),
            (Some(_), Some(_)) => Err(FieldErrors::one("code", FieldError::new("code_or_registration"))),
            (None, None) => Err(FieldErrors::one("code", FieldError::new("required"))),
        }
    }
}

/// `PUT /events/{id}/room`: the event's door settings.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RoomSettingsInput {
    /// Scan people out as well as in, for a live "in the room now" figure.
    pub exit_scans: Option<bool>,
    /// How many may be in the room at once, when lower than the in-person capacity; absent or
    /// `null`: the in-person capacity.
    pub room_cap: Option<i64>,
}

impl RoomSettingsInput {
    pub fn parse(self) -> Result<(bool, Option<i32>), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.exit_scans.is_none() {
            errors.insert("exit_scans", FieldError::new("required_boolean"));
        }
        let room_cap = match self.room_cap {
            None => None,
            Some(n) => match i32::try_from(n) {
                Ok(n) if (0..=1_000_000).contains(&n) => Some(n),
                _ => {
                    errors.insert("room_cap", FieldError::new("invalid_room_cap"));
                    None
                }
            },
        };
        match self.exit_scans {
            Some(exit_scans) if errors.is_empty() => Ok((exit_scans, room_cap)),
            _ => Err(errors),
        }
    }
}

/// `POST /events/{id}/walkins`: someone registered at the door, in person. Consent is
/// recorded as given at the desk.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct WalkInInput {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// Optional: without one, nothing is ever mailed to this registration.
    pub email: Option<String>,
    pub organization: Option<String>,
    /// `en` (default), `fr` or `nl`.
    pub language: Option<String>,
    /// Keyed by question `key`; at the desk no question is required.
    #[schema(value_type = Option<Object>)]
    pub answers: Option<Answers>,
}

/// A valid walk-in.
#[derive(Debug, Clone)]
pub struct NewWalkIn {
    pub first_name: String,
    pub last_name: String,
    pub email: Option<EmailAddress>,
    pub organization: String,
    pub language: Language,
    pub answers: Answers,
}

impl WalkInInput {
    pub fn parse(self) -> Result<NewWalkIn, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut text = |field: &str, value: Option<&str>, required: bool, max: usize| {
            clean_text(value, required, max).unwrap_or_else(|e| {
                errors.insert(field, e);
                String::new()
            })
        };
        let first_name = text("first_name", self.first_name.as_deref(), true, 200);
        let last_name = text("last_name", self.last_name.as_deref(), true, 200);
        let organization = text("organization", self.organization.as_deref(), false, 300);
        let email = match self.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            None => None,
            Some(raw) => EmailAddress::parse(raw).map_err(|e| errors.insert("email", e)).ok(),
        };
        let language = match self.language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => Language::En,
            Some(l) => Language::parse(l).unwrap_or_else(|| {
                errors.insert("language", FieldError::new("invalid_language"));
                Language::En
            }),
        };
        if errors.is_empty() {
            Ok(NewWalkIn {
                first_name,
                last_name,
                email,
                organization,
                language,
                answers: self.answers.unwrap_or_default(),
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_in_needs_a_name_but_no_email() {
        let walk_in = WalkInInput {
            first_name: Some(" Jan ".into()),
            last_name: Some("Peeters".into()),
            email: Some("  ".into()),
            ..Default::default()
        };
        let parsed = walk_in.parse().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((parsed.first_name.as_str(), parsed.email), ("Jan", None));
        assert_eq!(parsed.language, Language::En);
    }

    #[test]
    fn a_given_email_must_be_valid_and_names_are_required() {
        let errors = WalkInInput { email: Some("nope".into()), language: Some("de".into()), ..Default::default() }
            .parse()
            .err()
            .unwrap_or_default();
        let keys: Vec<_> = errors.keys().map(String::as_str).collect();
        assert_eq!(keys, ["email", "first_name", "language", "last_name"]);
    }

    #[test]
    fn room_settings_need_a_choice_and_a_sane_cap() {
        let parse = |exit_scans, room_cap| RoomSettingsInput { exit_scans, room_cap }.parse();
        assert_eq!(parse(Some(true), None), Ok((true, None)));
        assert_eq!(parse(Some(false), Some(50)), Ok((false, Some(50))));
        assert!(parse(None, None).is_err_and(|e| e.contains_key("exit_scans")));
        for bad in [-1, 1_000_001, i64::MAX] {
            assert!(parse(Some(true), Some(bad)).is_err_and(|e| e.contains_key("room_cap")), "{bad}");
        }
    }

    #[test]
    fn a_scan_needs_a_code() {
        assert!(CheckInInput { code: None, registration_id: None }.parse().is_err());
        assert_eq!(
            CheckInInput { code: Some("ab".into()), registration_id: None }.parse().ok(),
            Some(Ticket::Code("ab".into()))
        );
        let id = uuid::Uuid::now_v7();
        let by_id = CheckInInput { code: None, registration_id: Some(id.to_string()) };
        assert_eq!(by_id.parse().ok(), Some(Ticket::Registration(id)));
        assert!(CheckInInput { code: Some("ab".into()), registration_id: Some(id.to_string()) }.parse().is_err());
        assert!(CheckInInput { code: None, registration_id: Some("nope".into()) }.parse().is_err());
    }
}
