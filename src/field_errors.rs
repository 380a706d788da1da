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

    /// The wording for people reading `lang` (`form-<code>` in the page catalogs), or the
    /// API's wording where there is none yet.
    pub fn for_people(&self, lang: Language) -> String {
        let key = format!("form-{}", self.code.replace('_', "-"));
        if i18n::has(lang, &key) { self.lookup(lang, "form") } else { self.message() }
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

    /// Renames the fields (a form names them differently from the API).
    pub fn map_fields(self, rename: impl Fn(&str) -> String) -> FieldErrors {
        FieldErrors(self.0.into_iter().map(|(field, error)| (rename(&field), error)).collect())
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
}
