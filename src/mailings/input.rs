//! What an organizer sends to write a mailing, parsed: the text per language, the group and
//! when. Every problem is named under its field (`subject.fr`, `to.statuses`, …) and a
//! refused mailing writes nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::json::MailingText;
use entity::{AttendanceMode, Language, RegistrationStatus};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{FieldError, FieldErrors};
use crate::mail::placeholders;

pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 20_000;
const MAX_ORGANIZATIONS: usize = 500;
const MAX_ORGANIZATION: usize = 300;

/// Texts by language code: `{"en": "…", "fr": "…", "nl": "…"}`.
pub type Texts = BTreeMap<String, Option<String>>;

/// A mailing as sent (`POST /api/v1/events/{id}/mailings`, and the preview with
/// `registration_id`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct MailingInput {
    /// One line per language; `en` is required.
    #[schema(value_type = Object, example = json!({"en": "Room change", "fr": "Changement de salle"}))]
    pub subject: Option<Texts>,
    /// The text per language; `en` is required.
    #[schema(value_type = Object, example = json!({"en": "Dear {first_name}, …"}))]
    pub body: Option<Texts>,
    /// Who it goes to; null or absent: every registrant who may be mailed.
    pub to: Option<AudienceInput>,
    /// RFC 3339; null or past: at once.
    pub send_at: Option<String>,
    /// For the preview only: whose mail to show.
    pub registration_id: Option<Uuid>,
}

/// The group: an empty list or null means any.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AudienceInput {
    /// `in_person`, `online`.
    pub modes: Option<Vec<String>>,
    /// `confirmed`, `waitlisted`, `pending`.
    pub statuses: Option<Vec<String>>,
    /// `true`: checked in or joined online; `false`: neither.
    pub attended: Option<bool>,
    /// Organization names or keys (case, accents and spacing do not matter).
    pub organizations: Option<Vec<String>>,
}

/// The group as parsed; organizations are still names (their keys need the event's merges).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audience {
    pub modes: Vec<AttendanceMode>,
    pub statuses: Vec<RegistrationStatus>,
    pub attended: Option<bool>,
    pub organizations: Vec<String>,
}

/// A mailing ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub subject: MailingText,
    pub body: MailingText,
    pub audience: Audience,
    pub send_at: Option<DateTime<Utc>>,
}

/// Parses `input`, or names every problem.
pub fn parse(input: MailingInput) -> Result<Draft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let subject = texts("subject", input.subject, MAX_SUBJECT, true, &mut errors);
    let body = texts("body", input.body, MAX_BODY, false, &mut errors);
    // A language is written whole: its subject with its text.
    for code in ["en", "fr", "nl"] {
        let (has_subject, has_body) = (subject.0.contains_key(code), body.0.contains_key(code));
        if has_subject != has_body {
            let missing = if has_subject { "body" } else { "subject" };
            let field = format!("{missing}.{code}");
            if !errors.contains_key(&field) {
                errors.insert(field, FieldError::new("required"));
            }
        }
    }
    let audience = audience(input.to.unwrap_or_default(), &mut errors);
    let send_at = match input.send_at.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => {
            crate::events::input::parse_instant(raw).map_err(|e| errors.insert("send_at", e)).ok()
        }
        _ => None,
    };
    if errors.is_empty() { Ok(Draft { subject, body, audience, send_at }) } else { Err(errors) }
}

/// The texts of `field` by language: English required, only en/fr/nl, each within `max`
/// characters, no unknown placeholder; a subject is one line. Blank texts count as absent.
fn texts(field: &str, given: Option<Texts>, max: usize, one_line: bool, errors: &mut FieldErrors) -> MailingText {
    let mut out = BTreeMap::new();
    for (code, text) in given.unwrap_or_default() {
        let key = format!("{field}.{code}");
        if Language::parse(&code).is_none_or(|l| l.code() != code) {
            errors.insert(key, FieldError::new("unknown_language"));
            continue;
        }
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else { continue };
        let text = if one_line { text.trim().to_owned() } else { text.trim_end().replace("\r\n", "\n") };
        if let Err(e) = check_text(&text, max, one_line) {
            errors.insert(key, e);
            continue;
        }
        out.insert(code, text);
    }
    if !out.contains_key("en") && !errors.contains_key(&format!("{field}.en")) {
        errors.insert(format!("{field}.en"), FieldError::new("required"));
    }
    MailingText(out)
}

fn check_text(text: &str, max: usize, one_line: bool) -> Result<(), FieldError> {
    if text.chars().count() > max {
        return Err(FieldError::new("too_long").with("max", max));
    }
    if one_line && text.contains(['\n', '\r']) {
        return Err(FieldError::new("one_line"));
    }
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
        return Err(FieldError::new("control_characters"));
    }
    match placeholders::unknown(text) {
        Some(written) => Err(FieldError::new("unknown_placeholder").with("placeholder", written)),
        None => Ok(()),
    }
}

/// The group alone (the compose page counts it as its filters change).
pub fn parse_audience(input: AudienceInput) -> Result<Audience, FieldErrors> {
    let mut errors = FieldErrors::new();
    let parsed = audience(input, &mut errors);
    if errors.is_empty() { Ok(parsed) } else { Err(errors) }
}

fn audience(input: AudienceInput, errors: &mut FieldErrors) -> Audience {
    let mut modes = Vec::new();
    for raw in input.modes.unwrap_or_default() {
        match AttendanceMode::parse(raw.trim()) {
            Some(mode) if !modes.contains(&mode) => modes.push(mode),
            Some(_) => {}
            None => errors.insert("to.modes", FieldError::new("unknown_mode").with("mode", raw)),
        }
    }
    let mut statuses = Vec::new();
    for raw in input.statuses.unwrap_or_default() {
        match RegistrationStatus::parse(raw.trim()).filter(|s| s.is_open()) {
            Some(status) if !statuses.contains(&status) => statuses.push(status),
            Some(_) => {}
            None => errors.insert("to.statuses", FieldError::new("mailing_status")),
        }
    }
    let mut organizations: Vec<String> = Vec::new();
    for name in input.organizations.unwrap_or_default() {
        if organizations.len() > MAX_ORGANIZATIONS {
            break; // refused below; no need to read the rest
        }
        let name = name.trim().to_owned();
        if name.chars().count() > MAX_ORGANIZATION {
            errors.insert("to.organizations", FieldError::new("too_long").with("max", MAX_ORGANIZATION));
        } else if name.chars().any(char::is_control) {
            errors.insert("to.organizations", FieldError::new("control_characters"));
        } else if !name.is_empty() && crate::seats::organizations::organization_key(&name).is_empty() {
            // Only combining marks: its key is empty, which would pick those who named none.
            errors.insert("to.organizations", FieldError::new("not_an_organization"));
        } else if !name.is_empty() && !organizations.contains(&name) {
            organizations.push(name);
        }
    }
    if organizations.len() > MAX_ORGANIZATIONS {
        errors.insert("to.organizations", FieldError::new("too_many").with("max", MAX_ORGANIZATIONS));
    }
    Audience { modes, statuses, attended: input.attended, organizations }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(subject: &[(&str, &str)], body: &[(&str, &str)]) -> MailingInput {
        let texts = |pairs: &[(&str, &str)]| {
            Some(pairs.iter().map(|(k, v)| ((*k).to_owned(), Some((*v).to_owned()))).collect::<Texts>())
        };
        MailingInput { subject: texts(subject), body: texts(body), ..MailingInput::default() }
    }

    fn fields(result: Result<Draft, FieldErrors>) -> Vec<(String, &'static str)> {
        result.err().map(|e| e.iter().map(|(k, v)| (k.clone(), v.code)).collect()).unwrap_or_default()
    }

    #[test]
    fn english_is_required_and_other_languages_are_optional() {
        let draft = parse(input(&[("en", " Room change "), ("fr", "")], &[("en", "Dear {first_name},\r\nB.\n\n")]));
        let draft = draft.expect("valid");
        assert_eq!(draft.subject.0.keys().collect::<Vec<_>>(), ["en"], "a blank French subject is absent");
        assert_eq!(draft.subject.0["en"], "Room change");
        assert_eq!(draft.body.0["en"], "Dear {first_name},\nB.");
        assert_eq!(
            fields(parse(input(&[("fr", "Salle")], &[("fr", "Bonjour")]))),
            [("body.en".to_owned(), "required"), ("subject.en".to_owned(), "required")]
        );
    }

    #[test]
    fn each_problem_is_named_under_its_field() {
        let result = parse(input(
            &[("en", "Room\nchange"), ("de", "Raum")],
            &[("en", "Dear {firstname}"), ("nl", "Beste {{voornaam}} \u{7}")],
        ));
        assert_eq!(
            fields(result),
            [
                ("body.en".to_owned(), "unknown_placeholder"),
                ("body.nl".to_owned(), "control_characters"),
                ("subject.de".to_owned(), "unknown_language"),
                ("subject.en".to_owned(), "one_line"),
            ]
        );
        let long = "x".repeat(MAX_SUBJECT + 1);
        assert_eq!(fields(parse(input(&[("en", &long)], &[("en", "B")]))), [("subject.en".to_owned(), "too_long")]);
    }

    #[test]
    fn cancelled_and_declined_registrations_are_never_a_group() {
        for status in ["cancelled", "declined", "everyone"] {
            let mut mailing = input(&[("en", "S")], &[("en", "B")]);
            mailing.to = Some(AudienceInput { statuses: Some(vec![status.into()]), ..AudienceInput::default() });
            assert_eq!(fields(parse(mailing)), [("to.statuses".to_owned(), "mailing_status")], "{status}");
        }
        let mut mailing = input(&[("en", "S")], &[("en", "B")]);
        mailing.to = Some(AudienceInput {
            modes: Some(vec!["online".into(), "online".into()]),
            statuses: Some(vec!["confirmed".into(), "pending".into()]),
            attended: Some(false),
            organizations: Some(vec![" Caritas ".into(), String::new()]),
        });
        let audience = parse(mailing).map(|d| d.audience).unwrap_or_default();
        assert_eq!(audience.modes, [AttendanceMode::Online]);
        assert_eq!(audience.statuses, [RegistrationStatus::Confirmed, RegistrationStatus::Pending]);
        assert_eq!((audience.attended, audience.organizations), (Some(false), vec!["Caritas".to_owned()]));
    }
}
