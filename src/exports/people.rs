//! "Exports for people" (API.md Additions): the attendee list as an organizer reads it, in
//! their language. Headers are words, mode and status are words, times are local date-times
//! in the event's zone with no offset (`2026-12-13 09:41`, which Excel and LibreOffice read as
//! dates in every locale), and the registration id is left out.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::domain::Language;
use crate::i18n::t;

/// The fixed columns for people, in order (question columns follow): the published ones
/// without the registration id.
pub fn columns() -> &'static [&'static str] {
    &super::attendees::COLUMNS[1..]
}

/// The column's header in `lang`.
pub fn header(column: &str, lang: Language) -> String {
    t(lang, &format!("export-column-{}", column.replace('_', "-")), &[])
}

/// A mode or status as a word in `lang`.
pub fn mode_word(mode: &str, lang: Language) -> String {
    t(lang, &format!("mode-label-{mode}"), &[])
}

pub fn status_word(status: &str, lang: Language) -> String {
    t(lang, &format!("registration-status-{status}"), &[])
}

pub fn language_word(code: &str, lang: Language) -> String {
    match code {
        "en" | "fr" | "nl" => t(lang, &format!("language-{code}"), &[]),
        other => other.to_owned(),
    }
}

/// The instant as a local date-time in `tz`, to the minute.
pub fn local(at: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    let local = at.with_timezone(&tz).naive_local();
    local.date().and_hms_opt(chrono::Timelike::hour(&local), chrono::Timelike::minute(&local), 0).unwrap_or(local)
}

/// `2026-12-13 09:41`: what both spreadsheets read as a date-time.
pub fn local_text(at: DateTime<Utc>, tz: Tz) -> String {
    local(at, tz).format("%Y-%m-%d %H:%M").to_string()
}

/// `<slug>-people-<date>.<ext>` (the date in the event's zone).
pub fn file_name(slug: &str, now: DateTime<Utc>, tz: Tz, ext: &str) -> String {
    let safe: String = slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    format!("{safe}-people-{}.{ext}", now.with_timezone(&tz).format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_local_to_the_minute_without_offset() {
        let at =
            DateTime::parse_from_rfc3339("2026-12-13T08:41:59Z").map(|d| d.with_timezone(&Utc)).unwrap_or_default();
        let tz: Tz = "Europe/Brussels".parse().unwrap_or(Tz::UTC);
        assert_eq!(local_text(at, tz), "2026-12-13 09:41");
        assert_eq!(file_name("partner-meeting", at, tz, "xlsx"), "partner-meeting-people-2026-12-13.xlsx");
    }

    #[test]
    fn headers_and_words_are_in_the_readers_language() {
        assert_eq!(header("joined_online_at", Language::Fr), "Connexion en ligne");
        assert_eq!(mode_word("in_person", Language::Nl), "Ter plaatse");
        assert_eq!(status_word("waitlisted", Language::En), "On the waiting list");
    }
}
