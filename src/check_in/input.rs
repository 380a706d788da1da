//! What the desk sends: a scanned code, a walk-in; parsed into valid values.

use serde::Deserialize;
use utoipa::ToSchema;

use super::service::Ticket;
use crate::domain::{EmailAddress, Language, clean_text};
use crate::error::{FieldError, FieldErrors};
use crate::registrations::answers::Answers;

/// `POST /events/{id}/checkins` (and `/exits`, and each scan of a batch).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CheckInInput {
    /// The ticket code as scanned or typed; spaces, dashes and case do not matter.
    pub code: Option<String>,
    /// Instead of a code: the registration picked from a name search at the desk.
    pub registration_id: Option<String>,
    /// A client-made UUID, unique per event: a replay with the same nonce and content is
    /// answered again and does nothing twice; with other content it is 409 `conflict`.
    pub nonce: Option<String>,
    /// When the scan happened (RFC 3339): the check-in time. Up to 5 minutes ahead is taken as
    /// now; later, or before the event's first day, is 422.
    pub scanned_at: Option<String>,
    /// Staff let someone in over an organization's cap (recorded with who did it).
    pub override_cap: Option<bool>,
}

/// What makes a door request replayable: its nonce and, for a scan, when it happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DoorMeta {
    pub nonce: Option<uuid::Uuid>,
    pub scanned_at: Option<chrono::DateTime<chrono::Utc>>,
    pub override_cap: bool,
}

/// Parses `nonce` and `scanned_at` (their format only; the bounds need the event).
pub fn door_meta(
    nonce: Option<&str>,
    scanned_at: Option<&str>,
    override_cap: Option<bool>,
) -> Result<DoorMeta, FieldErrors> {
    let mut errors = FieldErrors::new();
    let nonce = match nonce.map(str::trim).filter(|n| !n.is_empty()) {
        None => None,
        Some(raw) => {
            uuid::Uuid::parse_str(raw).map_err(|_| errors.insert("nonce", FieldError::new("invalid_nonce"))).ok()
        }
    };
    let scanned_at = match scanned_at.map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(raw) => chrono::DateTime::parse_from_rfc3339(raw)
            .map(|t| chrono::SubsecRound::trunc_subsecs(t.with_timezone(&chrono::Utc), 6))
            .map_err(|_| errors.insert("scanned_at", FieldError::new("invalid_instant")))
            .ok(),
    };
    if errors.is_empty() {
        Ok(DoorMeta { nonce, scanned_at, override_cap: override_cap == Some(true) })
    } else {
        Err(errors)
    }
}

impl CheckInInput {
    pub fn door(&self) -> Result<DoorMeta, FieldErrors> {
        door_meta(self.nonce.as_deref(), self.scanned_at.as_deref(), self.override_cap)
    }
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
#[derive(Debug, Default, Deserialize, serde::Serialize, ToSchema)]
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
    /// A client-made UUID, unique per event (see `CheckInInput::nonce`).
    pub nonce: Option<String>,
    /// Over an organization's cap (recorded with who did it).
    pub override_cap: Option<bool>,
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
            Some(raw) => EmailAddress::parse_deliverable(raw).map_err(|e| errors.insert("email", e)).ok(),
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
        let input = |code: Option<&str>, id: Option<String>| CheckInInput {
            code: code.map(Into::into),
            registration_id: id,
            ..Default::default()
        };
        assert!(input(None, None).parse().is_err());
        assert_eq!(input(Some("ab"), None).parse().ok(), Some(Ticket::Code("ab".into())));
        let id = uuid::Uuid::now_v7();
        assert_eq!(input(None, Some(id.to_string())).parse().ok(), Some(Ticket::Registration(id)));
        assert!(input(Some("ab"), Some(id.to_string())).parse().is_err());
        assert!(input(None, Some("nope".into())).parse().is_err());
    }

    #[test]
    fn a_nonce_is_a_uuid_and_scanned_at_a_time() {
        assert!(door_meta(Some("x"), None, None).is_err_and(|e| e.contains_key("nonce")));
        assert!(door_meta(None, Some("yesterday"), None).is_err_and(|e| e.contains_key("scanned_at")));
        let nonce = uuid::Uuid::now_v7().to_string();
        let meta = door_meta(Some(&nonce), Some("2026-12-13T09:41:00+01:00"), Some(true)).unwrap_or_default();
        assert!(meta.nonce.is_some() && meta.override_cap);
        assert_eq!(meta.scanned_at.map(|t| t.to_rfc3339()), Some("2026-12-13T08:41:00+00:00".to_owned()));
    }
}
