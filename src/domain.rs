//! Parsed domain values: once a handler holds one, it is valid.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

use unicode_normalization::UnicodeNormalization;

use chrono::{DateTime, SubsecRound, Utc};
use std::str::FromStr;

use crate::error::FieldError;

/// The current instant at microsecond precision: what every backend stores (MariaDB's
/// `DATETIME(6)`), so a value answered before and after a round trip is the same.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A mail address as Convene compares and stores it: trimmed, NFKC-normalized (so a
/// fullwidth `ｃａｓｅ@…` is `case@…`) and lower-cased; accepted by lettre, which sends it,
/// with no quoted local part, and a domain with a dot that has an ASCII (punycode) form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

/// Set once the SMTP server was seen to refuse addresses with non-ASCII characters before the
/// `@` (it lacks SMTPUTF8): registrations then refuse such addresses at once.
static SMTPUTF8_REFUSED: AtomicBool = AtomicBool::new(false);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<EmailAddress, FieldError> {
        let normalized = normalize_email(raw);
        if normalized.is_empty() {
            return Err(FieldError::new("required"));
        }
        if normalized.len() > 254 {
            return Err(FieldError::new("email_too_long"));
        }
        // A quoted local part parses, but its envelope cannot be written: refuse it here.
        if normalized.contains(['"', '\\']) || normalized.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(FieldError::new("invalid_email"));
        }
        let address = lettre::Address::from_str(&normalized).map_err(|_| FieldError::new("invalid_email"))?;
        let domain = address.domain();
        if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
            return Err(FieldError::new("invalid_email"));
        }
        if idna::domain_to_ascii(domain).is_err() {
            return Err(FieldError::new("invalid_email"));
        }
        Ok(EmailAddress(normalized))
    }

    /// [`parse`](Self::parse), and refused when mail to it is known not to go: an address
    /// with non-ASCII characters before the `@` while the SMTP server lacks SMTPUTF8.
    pub fn parse_deliverable(raw: &str) -> Result<EmailAddress, FieldError> {
        let email = Self::parse(raw)?;
        if !email.local_part_is_ascii() && SMTPUTF8_REFUSED.load(Ordering::Relaxed) {
            return Err(FieldError::new("email_needs_smtputf8"));
        }
        Ok(email)
    }

    pub fn local_part_is_ascii(&self) -> bool {
        self.0.rsplit_once('@').is_none_or(|(local, _)| local.is_ascii())
    }

    /// Records whether the SMTP server takes non-ASCII local parts (see [`parse_deliverable`]).
    ///
    /// [`parse_deliverable`]: Self::parse_deliverable
    pub fn note_smtputf8(offered: bool) {
        SMTPUTF8_REFUSED.store(!offered, Ordering::Relaxed);
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domain in its ASCII (punycode) form, lower case: what allowed domains compare with.
    pub fn domain(&self) -> String {
        let domain = self.0.rsplit_once('@').map_or("", |(_, d)| d);
        idna::domain_to_ascii(domain).unwrap_or_else(|_| domain.to_owned())
    }
}

/// The comparable form of an address: trimmed, NFKC, lower-cased.
pub fn normalize_email(raw: &str) -> String {
    raw.trim().nfkc().collect::<String>().to_lowercase()
}

/// `email` as sent: the domain in its ASCII (punycode) form; the local part as it is.
pub fn ascii_domain(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) => match idna::domain_to_ascii(domain) {
            Ok(ascii) => format!("{local}@{ascii}"),
            Err(_) => email.to_owned(),
        },
        None => email.to_owned(),
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The three languages Convene speaks (stored in rows, so defined with the entities).
pub use entity::Language;

/// Like [`clean_text`] but keeps line breaks and tabs (descriptions, long answers); line
/// endings are normalized to `\n`.
pub fn clean_multiline(raw: Option<&str>, required: bool, max: usize) -> Result<String, FieldError> {
    let normalized = raw.unwrap_or("").replace("\r\n", "\n").replace('\r', "\n");
    let one_line = normalized.replace(['\n', '\t'], " ");
    clean_text(Some(&one_line), required, max)?;
    Ok(normalized.trim().to_owned())
}

/// An absolute `http://` or `https://` address with no spaces or control characters.
pub fn is_http_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && s.len() > "https://".len()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Trims `raw` and checks it is non-empty (when `required`) and at most `max` characters.
/// Control characters are refused: they have no place in a name and break CSV and mail headers.
pub fn clean_text(raw: Option<&str>, required: bool, max: usize) -> Result<String, FieldError> {
    let value = raw.unwrap_or("").trim();
    if required && value.is_empty() {
        return Err(FieldError::new("required"));
    }
    if value.chars().count() > max {
        return Err(FieldError::new("too_long").with("max", max));
    }
    if value.chars().any(|c| c.is_control()) {
        return Err(FieldError::new("control_characters"));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        assert_eq!(EmailAddress::parse("  Amina@Example.ORG ").map(|e| e.0), Ok("amina@example.org".into()));
    }

    #[test]
    fn fullwidth_forms_compare_equal_and_domains_go_out_as_punycode() {
        assert_eq!(EmailAddress::parse("ｃａｓｅ@example.org").map(|e| e.0), Ok("case@example.org".into()));
        assert_eq!(ascii_domain("amina@bücher.example"), "amina@xn--bcher-kva.example");
        let accented = EmailAddress::parse("siobhán.lambert@example.ie");
        assert!(accented.as_ref().is_ok_and(|e| !e.local_part_is_ascii()));
    }

    #[test]
    fn bad_emails_are_refused() {
        for bad in [
            "",
            "amina",
            "amina@",
            "@example.org",
            "amina@localhost",
            "a b@example.org",
            "amina@example.",
            "\"evil\\\"@example.net\"@example.org",
            "\"quoted\"@example.org",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn clean_text_trims_and_bounds() {
        assert_eq!(clean_text(Some("  Amina "), true, 10), Ok("Amina".into()));
        assert!(clean_text(Some("   "), true, 10).is_err());
        assert_eq!(clean_text(None, false, 10), Ok(String::new()));
        assert!(clean_text(Some("abcdefghijk"), true, 10).is_err());
        assert!(clean_text(Some("a\u{0}b"), true, 10).is_err());
    }

    #[test]
    fn multiline_text_keeps_its_line_breaks() {
        assert_eq!(clean_multiline(Some(" a\r\n\r\nb\tc "), false, 20), Ok("a\n\nb\tc".into()));
        assert!(clean_multiline(Some("a\u{7}b"), false, 20).is_err());
    }

    #[test]
    fn languages_parse_case_insensitively() {
        assert_eq!(Language::parse("FR"), Some(Language::Fr));
        assert_eq!(Language::parse("de"), None);
    }
}
