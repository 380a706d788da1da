//! The compose page's form ↔ a mailing as the API takes it. Fields: `subject.en`, `body.fr`,
//! …; `modes`, `statuses` and `organizations` ticked boxes; `attended` (`yes`, `no` or
//! empty); `when` (`now` or `later`) and `send_at` (the event's local time); `preview_as`.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use entity::Language;
use uuid::Uuid;

use super::input::{AudienceInput, MailingInput};
use crate::error::{FieldError, FieldErrors};
use crate::i18n::t;
use crate::web::form::FormFields;

/// The form's fields in page order with their labels, for the error summary.
pub fn labels(lang: Language) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for code in ["en", "fr", "nl"] {
        let language = t(lang, &format!("language-{code}"), &[]);
        out.push((format!("subject.{code}"), format!("{} ({language})", t(lang, "mailing-subject", &[]))));
        out.push((format!("body.{code}"), format!("{} ({language})", t(lang, "mailing-body", &[]))));
    }
    out.push(("to.modes".into(), t(lang, "mailing-to-modes", &[])));
    out.push(("to.statuses".into(), t(lang, "mailing-to-statuses", &[])));
    out.push(("to.organizations".into(), t(lang, "mailing-to-organizations", &[])));
    out.push(("send_at".into(), t(lang, "mailing-send-at", &[])));
    out
}

/// The mailing the form describes; a local time that cannot be read is noted in `errors`.
pub fn to_input(form: &FormFields, tz: Tz, errors: &mut FieldErrors) -> MailingInput {
    let texts = |field: &str| -> Option<BTreeMap<String, Option<String>>> {
        Some(
            ["en", "fr", "nl"]
                .into_iter()
                .map(|code| (code.to_owned(), form.get(&format!("{field}.{code}")).map(str::to_owned)))
                .collect(),
        )
    };
    let list = |name: &str| -> Option<Vec<String>> { Some(form.all(name).map(str::to_owned).collect()) };
    let attended = match form.get("attended") {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    };
    let send_at = if form.get("when") == Some("later") {
        let at = crate::events::form_rows::instant(form, "send_at", tz, errors);
        if at.is_none() && !errors.contains_key("send_at") {
            errors.insert("send_at", FieldError::new("required"));
        }
        at
    } else {
        None
    };
    MailingInput {
        subject: texts("subject"),
        body: texts("body"),
        to: Some(AudienceInput {
            modes: list("modes"),
            statuses: list("statuses"),
            attended,
            organizations: list("organizations"),
        }),
        send_at,
        registration_id: form.get("preview_as").and_then(|id| Uuid::parse_str(id.trim()).ok()),
    }
}
