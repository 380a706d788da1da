//! The consent a registration is given under: the sentence the registrant was shown (with the
//! retention it announces), a version that changes whenever that sentence does, the language
//! and the privacy link of the moment.

use sha2::{Digest, Sha256};

use crate::domain::Language;
use crate::i18n::t;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub text: String,
    /// The first 12 hex digits of the sentence's SHA-256: equal versions, equal sentences.
    pub version: String,
    pub language: Language,
    pub privacy_url: Option<String>,
}

/// The consent sentence as the form shows it in `lang` for an event keeping data
/// `retention_days` after it ends.
pub fn sentence(lang: Language, retention_days: i32) -> String {
    let days = retention_days.to_string();
    let text = format!("{} {}", t(lang, "consent-label", &[]), t(lang, "consent-retention", &[("days", &days)]));
    // Fluent's bidi isolation marks around the number are invisible; a record holds none.
    text.replace(['\u{2068}', '\u{2069}'], "")
}

/// What a registrant consenting now in `lang` agrees to, `privacy_url` being the organizer's
/// notice in that language at this moment.
pub fn record(lang: Language, retention_days: i32, privacy_url: Option<&str>) -> ConsentRecord {
    let text = sentence(lang, retention_days);
    let digest = Sha256::digest(text.as_bytes());
    let version = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    ConsentRecord { text, version, language: lang, privacy_url: privacy_url.map(str::to_owned) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_sentence() {
        let a = record(Language::Fr, 180, None);
        assert!(a.text.ends_with("Elles sont effacées 180 jours après sa fin."), "{}", a.text);
        assert_eq!(a.version.len(), 12);
        assert_eq!(a.version, record(Language::Fr, 180, Some("https://x.example")).version);
        assert_ne!(a.version, record(Language::Fr, 30, None).version);
        assert_ne!(a.version, record(Language::Nl, 180, None).version);
    }
}
