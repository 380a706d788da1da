//! Field errors as data: a stable code and its parameters per field, never English text.
//!
//! The API answers each field's English wording (`field-<code>` in `locales/en/fields.ftl`,
//! so the published messages stay as they were); pages render the same error in the viewer's
//! language with [`FieldErrors::in_language`].

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::domain::Language;
use crate::i18n;

/// One field's problem, e.g. `FieldError::new("too_long").with("max", 200)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Stable and snake_case; the wording is `field-<code>` in the catalogs.
    pub code: &'static str,
    /// The values the wording refers to (`{ $max }`, …).
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(code: &'static str) -> FieldError {
        FieldError { code, params: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> FieldError {
        self.params.push((name, value.to_string()));
        self
    }

    /// The API's English wording (`locales/en/api.ftl`).
    pub fn message(&self) -> String {
        self.lookup(Language::En, "field")
    }

    /// The sentence for people reading `lang` (`form-<code>` in `locales/*/forms.ftl`; a
    /// test keeps every code there in every language).
    pub fn for_people(&self, lang: Language) -> String {
        self.lookup(lang, "form")
    }

    fn lookup(&self, lang: Language, prefix: &str) -> String {
        let args: Vec<(&str, &str)> = self.params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        i18n::t(lang, &format!("{prefix}-{}", self.code.replace('_', "-")), &args)
    }
}

/// The API's English wording, for logs and the command line.
impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for FieldError {}

/// Field name → its problem; shown in the API as field name → English wording.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, FieldError>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Records `error` for `field` (replacing an earlier one for that field).
    pub fn insert(&mut self, field: impl Into<String>, error: FieldError) {
        self.0.insert(field.into(), error);
    }

    pub fn one(field: impl Into<String>, error: FieldError) -> FieldErrors {
        let mut errors = FieldErrors::new();
        errors.insert(field, error);
        errors
    }

    pub fn extend(&mut self, other: FieldErrors) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.get(field)
    }

    pub fn contains_key(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &FieldError)> {
        self.0.iter()
    }

    /// Each field's wording for a person reading `lang`: `form-<code>` where the catalogs
    /// have one, else the API's wording.
    pub fn in_language(&self, lang: Language) -> BTreeMap<String, String> {
        self.0.iter().map(|(field, error)| (field.clone(), error.for_people(lang))).collect()
    }

    /// The error summary of a form page: one line per field in the form's order (`form`:
    /// field name and label, as the page shows them), "Label: sentence" in `lang`. Fields
    /// the form does not list come last, under the form's own title.
    pub fn summary(&self, lang: Language, form: &[(String, String)]) -> Vec<SummaryLine> {
        let colon = i18n::t(lang, "colon", &[]);
        let line = |field: &str, label: &str, error: &FieldError| SummaryLine {
            field: field.to_owned(),
            text: if label.is_empty() {
                error.for_people(lang)
            } else {
                format!("{label}{colon} {}", error.for_people(lang))
            },
        };
        let mut lines: Vec<SummaryLine> =
            form.iter().filter_map(|(field, label)| self.0.get(field).map(|error| line(field, label, error))).collect();
        for (field, error) in &self.0 {
            if !form.iter().any(|(f, _)| f == field) {
                lines.push(line(field, "", error));
            }
        }
        lines
    }

    /// Renames the fields (a form names them differently from the API).
    pub fn map_fields(self, rename: impl Fn(&str) -> String) -> FieldErrors {
        FieldErrors(self.0.into_iter().map(|(field, error)| (rename(&field), error)).collect())
    }
}

/// One line of a form's error summary: the field it links to and its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryLine {
    pub field: String,
    pub text: String,
}

impl From<SummaryLine> for minijinja::Value {
    fn from(line: SummaryLine) -> minijinja::Value {
        minijinja::context! { field => line.field, text => line.text }
    }
}

impl IntoIterator for FieldErrors {
    type Item = (String, FieldError);
    type IntoIter = std::collections::btree_map::IntoIter<String, FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(field, error)| (field, error.message())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_shows_english_and_pages_the_viewers_language() {
        let mut errors = FieldErrors::new();
        errors.insert("email", FieldError::new("invalid_email"));
        errors.insert("title", FieldError::new("too_long").with("max", 200));
        let json = serde_json::to_value(&errors).expect("json");
        assert_eq!(json["email"], "not a valid address");
        assert_eq!(json["title"], "must be at most 200 characters");
        let french = errors.in_language(Language::Fr);
        assert_eq!(french["email"], crate::i18n::t(Language::Fr, "error-email", &[]));
        assert!(french["title"].contains("200"), "{}", french["title"]);
    }

    #[test]
    fn the_summary_follows_the_form_and_names_each_field_by_its_label() {
        let mut errors = FieldErrors::new();
        errors.insert("email", FieldError::new("invalid_email"));
        errors.insert("answers.diet", FieldError::new("required"));
        errors.insert("first_name", FieldError::new("required"));
        let form = [("first_name", "Prénom"), ("email", "Adresse e-mail"), ("answers.diet", "Régime")]
            .map(|(f, l)| (f.to_owned(), l.to_owned()));
        let lines = errors.summary(Language::Fr, &form);
        let fields: Vec<&str> = lines.iter().map(|l| l.field.as_str()).collect();
        assert_eq!(fields, ["first_name", "email", "answers.diet"]);
        assert_eq!(lines[0].text, "Prénom : Remplissez ce champ.");
    }

    /// Every code the API words (`field-*` in en/api.ftl) has a sentence for people in every
    /// language, so no page ever falls back to the API's English.
    #[test]
    fn every_api_code_has_a_sentence_for_people_in_every_language() {
        let api = include_str!("../locales/en/api.ftl");
        let codes: Vec<&str> = api.lines().filter_map(|l| l.strip_prefix("field-")?.split(" = ").next()).collect();
        assert!(codes.len() > 40);
        for lang in Language::ALL {
            for code in &codes {
                assert!(i18n::has(lang, &format!("form-{code}")), "form-{code} is missing in {}", lang.code());
            }
        }
    }
}
