//! What registrants send, and its parsing into valid values.

use entity::AttendanceMode;
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::answers::Answers;
use crate::domain::{EmailAddress, Language, clean_text};
use crate::error::{FieldError, FieldErrors};

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RegistrationInput {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub organization: Option<String>,
    /// `in_person` or `online`.
    pub mode: Option<String>,
    /// `en` (default), `fr` or `nl`.
    pub language: Option<String>,
    /// Must be `true`.
    pub consent: Option<bool>,
    /// Keyed by question `key`.
    #[schema(value_type = Option<Object>)]
    pub answers: Option<Answers>,
    /// "Invite me to future editions": kept in a contact list with its own consent record.
    pub future_invitations: Option<bool>,
    /// One of the seats held back for speakers and hosts; needs an organizer's Bearer token.
    pub held_seat: Option<bool>,
    /// The token of a personal invitation link (`?invite=` of the link): what an
    /// invitation-only event asks for, unless the address is at an allowed domain.
    pub invitation_token: Option<String>,
}

/// A valid new registration, before the event's own rules are applied.
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub first_name: String,
    pub last_name: String,
    pub email: EmailAddress,
    pub organization: String,
    pub mode: AttendanceMode,
    pub language: Language,
    pub answers: Answers,
    /// How consent was given: "form", "api", "desk", "imported by …".
    pub consent_source: String,
    /// Asked to be invited to future editions.
    pub future_invitations: bool,
    /// The server's consent sentence was shown (the form, API clients): it is recorded with
    /// the registration. `None` for imports, whose consent was given to the organizers.
    pub consent_shown: Option<ConsentShown>,
    /// The invitation link's token the registrant came with, if any.
    pub invitation_token: Option<String>,
}

/// Consent given to the server's own sentence: the language it was shown in and the privacy
/// notice linked at the time.
#[derive(Debug, Clone)]
pub struct ConsentShown {
    pub language: Language,
    pub privacy_url: Option<String>,
}

fn parse_mode(raw: Option<&str>, errors: &mut FieldErrors) -> Option<AttendanceMode> {
    match raw {
        None => {
            errors.insert("mode", FieldError::new("required_mode"));
            None
        }
        Some(m) => AttendanceMode::parse(m.trim()).or_else(|| {
            errors.insert("mode", FieldError::new("invalid_mode"));
            None
        }),
    }
}

fn parse_language(raw: Option<&str>, errors: &mut FieldErrors) -> Language {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Language::En,
        Some(l) => Language::parse(l).unwrap_or_else(|| {
            errors.insert("language", FieldError::new("invalid_language"));
            Language::En
        }),
    }
}

impl RegistrationInput {
    pub fn parse(self, consent_source: &str) -> Result<NewRegistration, FieldErrors> {
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
        let email = EmailAddress::parse_deliverable(self.email.as_deref().unwrap_or(""))
            .map_err(|e| errors.insert("email", e))
            .ok();
        let mode = parse_mode(self.mode.as_deref(), &mut errors);
        let language = parse_language(self.language.as_deref(), &mut errors);
        if self.consent != Some(true) {
            errors.insert("consent", FieldError::new("consent_required"));
        }
        match (errors.is_empty(), email, mode) {
            (true, Some(email), Some(mode)) => Ok(NewRegistration {
                first_name,
                last_name,
                email,
                organization,
                mode,
                language,
                answers: self.answers.unwrap_or_default(),
                consent_source: consent_source.to_owned(),
                future_invitations: self.future_invitations == Some(true),
                consent_shown: Some(ConsentShown { language, privacy_url: None }),
                invitation_token: self.invitation_token.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
            }),
            _ => Err(errors),
        }
    }
}

/// `PATCH /registrations/{manage_token}`: every field optional.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RegistrationPatchInput {
    pub mode: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub organization: Option<String>,
    pub language: Option<String>,
    /// Merged into the earlier answers; `null` clears one.
    #[schema(value_type = Option<Object>)]
    pub answers: Option<Answers>,
    /// Not changeable: cancel and register again.
    #[schema(value_type = Option<String>)]
    pub email: Option<Value>,
}

/// Valid changes to a registration.
#[derive(Debug, Clone, Default)]
pub struct RegistrationChanges {
    pub mode: Option<AttendanceMode>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub organization: Option<String>,
    pub language: Option<Language>,
    pub answers: Option<Answers>,
}

impl RegistrationPatchInput {
    pub fn parse(self) -> Result<RegistrationChanges, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut text = |field: &str, value: Option<String>, required: bool, max: usize| {
            value.and_then(|v| clean_text(Some(&v), required, max).map_err(|e| errors.insert(field, e)).ok())
        };
        let first_name = text("first_name", self.first_name, true, 200);
        let last_name = text("last_name", self.last_name, true, 200);
        let organization = text("organization", self.organization, false, 300);
        let mode = match self.mode {
            Some(m) => parse_mode(Some(&m), &mut errors),
            None => None,
        };
        let language = self.language.map(|l| parse_language(Some(&l), &mut errors));
        if self.email.is_some() {
            errors.insert("email", FieldError::new("email_unchangeable"));
        }
        if errors.is_empty() {
            Ok(RegistrationChanges { mode, first_name, last_name, organization, language, answers: self.answers })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> RegistrationInput {
        RegistrationInput {
            first_name: Some("Amina".into()),
            last_name: Some("El Idrissi".into()),
            email: Some(" Amina@Example.org".into()),
            organization: Some("Caritas International".into()),
            mode: Some("in_person".into()),
            language: Some("fr".into()),
            consent: Some(true),
            answers: None,
            future_invitations: None,
            held_seat: None,
            invitation_token: None,
        }
    }

    #[test]
    fn a_valid_registration_parses() {
        let r = valid().parse("api").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r.email.as_str(), "amina@example.org");
        assert_eq!(r.language, Language::Fr);
        assert_eq!(r.mode, AttendanceMode::InPerson);
    }

    #[test]
    fn consent_is_required_and_modes_are_named() {
        let mut input = valid();
        input.consent = Some(false);
        input.mode = Some("hybrid".into());
        input.language = Some("de".into());
        let errors = input.parse("api").err().unwrap_or_default();
        assert!(errors.contains_key("consent") && errors.contains_key("mode") && errors.contains_key("language"));
    }

    #[test]
    fn language_defaults_to_english() {
        let mut input = valid();
        input.language = None;
        assert_eq!(input.parse("api").map(|r| r.language).ok(), Some(Language::En));
    }
}
