//! A change to the organizer identity as API.md "Organizer identity" publishes it: a JSON
//! Merge Patch where an absent field is unchanged and `null` clears it; every problem named.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::branding::colour::Rgb;
use crate::domain::{EmailAddress, clean_text, is_http_url};
use crate::error::{FieldError, FieldErrors};

/// What a patch changes; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SettingsChange {
    pub organization_name: Option<BTreeMap<String, String>>,
    pub contact_email: Option<Option<String>>,
    pub privacy_url: Option<BTreeMap<String, String>>,
    pub accent_color: Option<Option<String>>,
    /// `"logo": null`: delete the logo.
    pub delete_logo: bool,
}

const FIELDS: [&str; 5] = ["organization_name", "contact_email", "privacy_url", "accent_color", "logo"];

pub fn parse(body: &Map<String, Value>) -> Result<SettingsChange, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut change = SettingsChange::default();
    for key in body.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
        errors.insert(key.clone(), FieldError::new("unknown_field"));
    }
    if let Some(value) = body.get("organization_name") {
        change.organization_name = per_language(value, "organization_name", &mut errors, |text, field, errors| {
            match clean_text(Some(text), false, 200) {
                Ok(t) => Some(t),
                Err(e) => {
                    errors.insert(field, e);
                    None
                }
            }
        });
    }
    if let Some(value) = body.get("privacy_url") {
        change.privacy_url = per_language(value, "privacy_url", &mut errors, |text, field, errors| {
            let url = text.trim();
            if url.is_empty() {
                return Some(String::new());
            }
            if is_http_url(url) && url.len() <= 2000 {
                Some(url.to_owned())
            } else {
                errors.insert(field, FieldError::new("invalid_url"));
                None
            }
        });
    }
    match body.get("contact_email") {
        None => {}
        Some(Value::Null) => change.contact_email = Some(None),
        Some(Value::String(s)) if s.trim().is_empty() => change.contact_email = Some(None),
        Some(Value::String(s)) => match EmailAddress::parse(s) {
            Ok(email) => change.contact_email = Some(Some(email.to_string())),
            Err(e) => errors.insert("contact_email", e),
        },
        Some(_) => errors.insert("contact_email", FieldError::new("not_a_string")),
    }
    match body.get("accent_color") {
        None => {}
        Some(Value::Null) => change.accent_color = Some(None),
        Some(Value::String(s)) => match Rgb::parse(s.trim()) {
            Some(colour) => change.accent_color = Some(Some(colour.hex())),
            None => errors.insert("accent_color", FieldError::new("invalid_color")),
        },
        Some(_) => errors.insert("accent_color", FieldError::new("invalid_color")),
    }
    match body.get("logo") {
        None => {}
        Some(Value::Null) => change.delete_logo = true,
        Some(_) => errors.insert("logo", FieldError::new("logo_read_only")),
    }
    if errors.is_empty() { Ok(change) } else { Err(errors) }
}

/// `{"en": …, "fr": …, "nl": …}` (or `null` for none): each text checked by `check`; an
/// empty text leaves that language out.
fn per_language(
    value: &Value,
    field: &str,
    errors: &mut FieldErrors,
    check: impl Fn(&str, String, &mut FieldErrors) -> Option<String>,
) -> Option<BTreeMap<String, String>> {
    let object = match value {
        Value::Null => return Some(BTreeMap::new()),
        Value::Object(object) => object,
        _ => {
            errors.insert(field, FieldError::new("per_language"));
            return None;
        }
    };
    let mut texts = BTreeMap::new();
    for (lang, text) in object {
        let at = format!("{field}.{lang}");
        if !matches!(lang.as_str(), "en" | "fr" | "nl") {
            errors.insert(at, FieldError::new("unknown_language"));
            continue;
        }
        match text {
            Value::Null => {}
            Value::String(text) => {
                if let Some(clean) = check(text, at, errors).filter(|t| !t.is_empty()) {
                    texts.insert(lang.clone(), clean);
                }
            }
            _ => errors.insert(at, FieldError::new("not_a_string")),
        }
    }
    Some(texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(body: Value) -> Vec<String> {
        let Value::Object(body) = body else { return vec![] };
        parse(&body).err().map(|e| e.keys().cloned().collect()).unwrap_or_default()
    }

    #[test]
    fn a_valid_patch_is_read() {
        let Value::Object(body) = json!({"organization_name": {"en": " IOM Belgium ", "fr": "OIM Belgique"},
            "contact_email": "Partners@Example.org", "privacy_url": {"en": "https://example.org/privacy"},
            "accent_color": "#0033A0", "logo": null})
        else {
            panic!()
        };
        let change = parse(&body).unwrap_or_default();
        assert_eq!(change.organization_name.map(|m| m["en"].clone()), Some("IOM Belgium".into()));
        assert_eq!(change.contact_email, Some(Some("partners@example.org".into())));
        assert_eq!(change.accent_color, Some(Some("#0033a0".into())));
        assert!(change.delete_logo);
    }

    #[test]
    fn each_problem_is_named() {
        assert_eq!(fields(json!({"accent_color": "blue"})), ["accent_color"]);
        assert_eq!(fields(json!({"accent_color": "#12345"})), ["accent_color"]);
        assert_eq!(fields(json!({"contact_email": "nobody"})), ["contact_email"]);
        assert_eq!(fields(json!({"privacy_url": {"en": "javascript:alert(1)"}})), ["privacy_url.en"]);
        assert_eq!(fields(json!({"privacy_url": {"de": "https://x.org"}})), ["privacy_url.de"]);
        assert_eq!(fields(json!({"organization_name": "IOM"})), ["organization_name"]);
        assert_eq!(fields(json!({"logo": "https://evil.example/logo.png"})), ["logo"]);
        assert_eq!(fields(json!({"colour": "#000000"})), ["colour"]);
    }
}
