//! Translations: Fluent catalogs under `locales/` (embedded in the binary), looked up by
//! language, and a `t(key, **args)` function for templates that takes the language from the
//! template's `lang` variable.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use minijinja::value::Kwargs;
use minijinja::{Environment, State};

use crate::domain::Language;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps arguments in Unicode isolation marks by default, which would end up
        // in subjects, CSV cells and plain-text mails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");
static NL: LanguageIdentifier = langid!("nl");

fn langid(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::En => &EN,
        Language::Fr => &FR,
        Language::Nl => &NL,
    }
}

/// The text for `key` in `lang`, with `args` filled in; the key itself when missing (a visible
/// gap beats a crash, and the catalog test catches it).
pub fn t(lang: Language, key: &str, args: &[(&str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            // Numbers stay numbers, so plural rules apply ("1 seat", "2 seats").
            let value = match v.parse::<i64>() {
                Ok(n) => FluentValue::from(n),
                Err(_) => FluentValue::from((*v).to_owned()),
            };
            (Cow::Owned((*k).to_owned()), value)
        })
        .collect();
    LOCALES.try_lookup_with_args(langid(lang), key, &args).unwrap_or_else(|| key.to_owned())
}

/// Whether `key` formats in `lang` (or its fallback).
pub fn has(lang: Language, key: &str) -> bool {
    // A message with a missing argument does not format; give every argument the catalogs use.
    let args: HashMap<Cow<'static, str>, FluentValue> = [
        "name",
        "capacity",
        "checked",
        "title",
        "organizer",
        "code",
        "event",
        "from",
        "to",
        "count",
        "mode",
        "email",
        "n",
        "page",
        "pages",
        "label",
        "max",
        "min",
        "options",
        "detail",
        "slug",
        "confirmed",
        "columns",
        "row",
        "city",
        "offset",
        "date",
        "time",
        "zone",
        "fields",
        "status",
        "in_person",
        "online",
        "waitlisted",
        "found",
        "given",
        "held",
        "key",
        "mail",
        "fields",
        "from_mode",
        "who",
        "when",
        "how",
        "done",
        "total",
        "days",
        "domain",
        "domains",
        "until",
        "seated",
        "full",
        "subject",
        "placeholder",
        "recipients",
        "skipped",
        "sent",
        "failed",
        "queued",
        "person",
        "at",
        "language",
    ]
    .into_iter()
    .map(|k| (Cow::Borrowed(k), FluentValue::from("x")))
    .collect();
    LOCALES.try_lookup_with_args(langid(lang), key, &args).is_some()
}

/// `t("key", name=…)` for templates; the language is the template's `lang`.
fn template_t(state: &State, key: &str, kwargs: Kwargs) -> Result<String, minijinja::Error> {
    let lang = state.lookup("lang").and_then(|v| v.as_str().and_then(Language::parse)).unwrap_or_default();
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: minijinja::Value = kwargs.get(name)?;
        args.push((name.to_owned(), value.to_string()));
    }
    let borrowed: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Ok(t(lang, key, &borrowed))
}

pub fn register(env: &mut Environment<'_>) {
    env.add_function("t", template_t);
}

/// "Sunday 13 December 2026, 09:30–13:00 (Brussels time, UTC+1)", in the event's zone and
/// `lang`, 24-hour times.
pub fn format_span(start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz, lang: Language) -> String {
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let weekday = t(lang, &format!("weekday-{}", s.weekday().number_from_monday()), &[]);
    let date = format!("{weekday} {}", long_date(s, lang));
    let end_part = if s.date_naive() == e.date_naive() {
        e.format("%H:%M").to_string()
    } else {
        format!("{} {}", long_date(e, lang), e.format("%H:%M"))
    };
    format!("{date}, {}–{end_part} ({})", s.format("%H:%M"), zone_label(tz, s, lang))
}

/// "13 December 2026, 09:41 (Brussels time, UTC+1)": one instant, for pages and lists.
pub fn format_instant(at: DateTime<Utc>, tz: Tz, lang: Language) -> String {
    let local = at.with_timezone(&tz);
    format!("{}, {} ({})", long_date(local, lang), local.format("%H:%M"), zone_label(tz, local, lang))
}

/// "13 December 2026, 09:41": one instant in a table whose heading names the zone.
pub fn format_short(at: DateTime<Utc>, tz: Tz, lang: Language) -> String {
    let local = at.with_timezone(&tz);
    format!("{}, {}", long_date(local, lang), local.format("%H:%M"))
}

fn long_date(at: DateTime<Tz>, lang: Language) -> String {
    format!("{} {} {}", at.day(), t(lang, &format!("month-{}", at.month()), &[]), at.year())
}

/// The zone named for a reader of `lang`, with its offset at `at`: "Brussels time, UTC+1",
/// "heure de Bruxelles, UTC+1", "Brusselse tijd, UTC+1". Zones without a name in the
/// catalogs get "time in <city>", and UTC is "UTC".
pub fn zone_label(tz: Tz, at: DateTime<Tz>, lang: Language) -> String {
    if tz == Tz::UTC {
        return "UTC".to_owned();
    }
    let key = format!("zone-{}", tz.name().to_lowercase().replace(['/', '_'], "-"));
    let name = if has(lang, &key) { t(lang, &key, &[]) } else { t(lang, "zone-other", &[("city", &city(tz))]) };
    let seconds = chrono::Offset::fix(at.offset()).local_minus_utc();
    let (sign, minutes) = (if seconds < 0 { '-' } else { '+' }, seconds.abs() / 60);
    let offset = match (minutes / 60, minutes % 60) {
        (0, 0) => "UTC".to_owned(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    };
    format!("{name}, {offset}")
}

/// "Europe/Brussels" → "Brussels".
pub fn city(tz: Tz) -> String {
    tz.name().rsplit('/').next().unwrap_or(tz.name()).replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(catalog: &str) -> std::collections::BTreeSet<&str> {
        catalog
            .lines()
            .filter(|l| !l.starts_with([' ', '#']) && l.contains(" = "))
            .filter_map(|l| l.split(" = ").next())
            .collect()
    }

    /// Every catalog file of one language, embedded.
    macro_rules! catalogs {
        ($lang:literal) => {
            [
                include_str!(concat!("../locales/", $lang, "/mail.ftl")),
                include_str!(concat!("../locales/", $lang, "/web.ftl")),
                include_str!(concat!("../locales/", $lang, "/admin.ftl")),
                include_str!(concat!("../locales/", $lang, "/desk.ftl")),
                include_str!(concat!("../locales/", $lang, "/forms.ftl")),
            ]
        };
    }

    fn all_keys(files: [&'static str; 5]) -> std::collections::BTreeSet<&'static str> {
        files.iter().flat_map(|f| keys(f)).collect()
    }

    #[test]
    fn every_language_has_every_key_and_each_formats() {
        let en = all_keys(catalogs!("en"));
        assert!(en.len() > 200);
        assert_eq!(all_keys(catalogs!("fr")), en, "fr");
        assert_eq!(all_keys(catalogs!("nl")), en, "nl");
        for lang in Language::ALL {
            for key in &en {
                assert!(has(lang, key), "{key} does not format in {}", lang.code());
            }
        }
    }

    #[test]
    fn numbers_pick_the_plural_form() {
        assert_eq!(t(Language::En, "seats-left", &[("count", "1")]), "1 seat left");
        assert_eq!(t(Language::En, "seats-left", &[("count", "12")]), "12 seats left");
        assert_eq!(t(Language::Fr, "seats-left", &[("count", "1")]), "1 place restante");
    }

    #[test]
    fn arguments_are_filled_without_isolation_marks() {
        assert_eq!(t(Language::Fr, "greeting", &[("name", "Amina")]), "Bonjour Amina,");
        assert_eq!(t(Language::Nl, "subject-reminder", &[("event", "X")]), "Herinnering: X");
    }

    #[test]
    fn spans_are_written_in_the_event_zone_and_language() {
        let start = DateTime::parse_from_rfc3339("2026-12-13T08:30:00Z").map(|d| d.with_timezone(&Utc));
        let end = DateTime::parse_from_rfc3339("2026-12-13T12:00:00Z").map(|d| d.with_timezone(&Utc));
        let (Ok(start), Ok(end)) = (start, end) else { panic!("dates") };
        let tz: Tz = "Europe/Brussels".parse().unwrap_or(Tz::UTC);
        assert_eq!(
            format_span(start, end, tz, Language::En),
            "Sunday 13 December 2026, 09:30–13:00 (Brussels time, UTC+1)"
        );
        assert_eq!(
            format_span(start, end, tz, Language::Fr),
            "dimanche 13 décembre 2026, 09:30–13:00 (heure de Bruxelles, UTC+1)"
        );
        assert_eq!(
            format_span(start, end, tz, Language::Nl),
            "zondag 13 december 2026, 09:30–13:00 (Brusselse tijd, UTC+1)"
        );
        let summer = DateTime::parse_from_rfc3339("2026-07-01T13:05:00Z").map(|d| d.with_timezone(&Utc));
        let Ok(summer) = summer else { panic!("date") };
        assert_eq!(format_instant(summer, tz, Language::Fr), "1 juillet 2026, 15:05 (heure de Bruxelles, UTC+2)");
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap_or(Tz::UTC);
        assert_eq!(format_instant(summer, kolkata, Language::En), "1 July 2026, 18:35 (Kolkata time, UTC+5:30)");
        assert_eq!(format_short(summer, Tz::UTC, Language::Nl), "1 juli 2026, 13:05");
    }
}
