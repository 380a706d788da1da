//! Tests that keep every word in the catalogs: each Fluent key a template or the code uses
//! exists in all three languages, and no template carries user-visible text of its own.
//! They read the source tree, so a new key or a stray English word fails `cargo test`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::domain::Language;
use crate::i18n::has;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Keys built at run time from a prefix, with every value the prefix takes. A new dynamic
/// prefix must be added here, or the test fails.
const DYNAMIC: &[(&str, &[&str])] = &[
    ("mode-", &["in_person", "online"]),
    (
        "audit-action-",
        &["export", "checkin-index", "erase-event", "erase-person", "retention-erase", "settings-change", "mailing"],
    ),
    ("import-job-", &["queued", "running", "done", "failed"]),
    ("mode-label-", &["in_person", "online"]),
    ("status-", &["confirmed", "waitlisted", "cancelled", "pending", "declined"]),
    ("event-status-", &["draft", "published", "closed", "cancelled"]),
    ("organizations-column-", &["name", "in-person", "online", "waitlisted", "checked-in", "joined"]),
    ("event-access-", &["open", "invitation", "approval", "open-hint", "invitation-hint", "approval-hint"]),
    ("question-kind-", &["text", "long_text", "choice", "multi", "boolean"]),
    ("language-", &["en", "fr", "nl"]),
    ("role-", &["admin", "organizer", "checkin"]),
    ("weekday-", &["1", "2", "3", "4", "5", "6", "7"]),
    ("month-", &["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]),
    (
        "import-outcome-",
        &[
            "created",
            "invited",
            "already_registered",
            "already_invited",
            "duplicate_in_file",
            "invalid_email",
            "missing_name",
            "invalid_mode",
            "invalid_language",
            "invalid_field",
            "invalid_answers",
            "mode_not_offered",
            "capacity_full",
            "organization_full",
            "registration_closed",
        ],
    ),
    (
        "desk-result-",
        &[
            "checked_in",
            "already_checked_in",
            "unknown",
            "cancelled",
            "not_confirmed",
            "capacity_full",
            "organization_full",
        ],
    ),
    ("mail-status-", &["pending", "sending", "sent", "failed", "deferred"]),
    (
        "mail-kind-",
        &[
            "confirmation",
            "waitlisted",
            "cancelled",
            "manage_link",
            "no_seat_freed",
            "event_updated",
            "event_cancelled",
            "reminder",
            "invitation",
            "request_received",
            "declined",
            "transfer_notice",
            "mailing",
            "mailing_test",
        ],
    ),
    ("mailing-status-", &["scheduled", "sending", "sent", "cancelled"]),
    (
        "history-",
        &[
            "registered",
            "walk_in",
            "promoted",
            "switched",
            "edited",
            "cancelled",
            "held_seat_given",
            "checked_in",
            "check_in_undone",
            "exit",
            "returned",
            "joined",
            "mailed",
            "new_links",
            "approved",
            "declined",
            "cap_overridden",
            "transferred",
            "unknown",
        ],
    ),
    ("history-by-", &["registrant", "organizer", "desk", "system"]),
    ("sort-", &["name", "organization", "mode", "status", "registered", "attended"]),
    ("field-", &["first_name", "last_name", "organization", "language", "answers", "email"]),
    (
        "notice-",
        &[
            "switched",
            "promoted",
            "resent",
            "full",
            "is-cancelled",
            "not-possible",
            "edited",
            "held",
            "newlinks",
            "secret-unavailable",
        ],
    ),
    (
        "done-people-",
        &[
            "cancelled-one",
            "switched-one",
            "promoted-one",
            "held-one",
            "resent-one",
            "full-one",
            "is-cancelled-one",
            "not-possible-one",
            "newlinks-one",
            "secret-unavailable-one",
            "cancelled",
            "switched",
            "resent",
            "full",
            "not-possible",
            "none-selected",
        ],
    ),
    (
        "people-confirm-",
        &["cancel-title", "switch-title", "cancel-what", "switch-what", "cancel-button", "switch-button"],
    ),
    ("export-", &["people-xlsx", "people-csv", "excel-be", "csv", "xlsx"]),
    ("registration-status-", &["confirmed", "waitlisted", "cancelled", "pending", "declined"]),
    ("settings-name-", &["en", "fr", "nl"]),
    ("settings-privacy-", &["en", "fr", "nl"]),
    (
        "export-column-",
        &[
            "first-name",
            "last-name",
            "email",
            "organization",
            "mode",
            "status",
            "language",
            "registered-at",
            "checked-in-at",
            "joined-online-at",
        ],
    ),
    ("notice-", &["cancelled", "switched", "promoted", "resent", "full", "is-cancelled", "not-possible"]),
    ("field-", &["first_name", "last_name", "email", "organization", "mode", "consent", "language", "name"]),
    (
        "zone-",
        &[
            "europe-brussels",
            "europe-amsterdam",
            "europe-paris",
            "europe-luxembourg",
            "europe-berlin",
            "europe-london",
            "europe-lisbon",
            "europe-madrid",
            "europe-rome",
            "europe-warsaw",
            "europe-athens",
            "europe-istanbul",
            "other",
        ],
    ),
    (
        "error-code-",
        &[
            "validation",
            "conflict",
            "bad-request",
            "payload-too-large",
            "rate-limited",
            "internal",
            "registration-closed",
            "capacity-full",
        ],
    ),
];

fn files(dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, extensions, out);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(ROOT).join(dir), extensions, &mut out);
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The quoted string right after `at` (skipping spaces), and what follows it.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &text[1..];
    let end = rest.find(quote)?;
    Some((&rest[..end], &rest[end + 1..]))
}

fn is_key(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Keys used by templates: `t("key" …)`, and prefixes of `t("prefix-" ~ value)`.
fn template_keys(text: &str, keys: &mut BTreeSet<String>, prefixes: &mut BTreeSet<String>) {
    for (at, _) in text.match_indices("t(") {
        let before = text[..at].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            continue; // format(, list(, x.t( …
        }
        let Some((key, rest)) = quoted(&text[at + 2..]) else { continue };
        if !is_key(key) {
            continue;
        }
        if rest.trim_start().starts_with('~') {
            prefixes.insert(key.to_owned());
        } else {
            keys.insert(key.to_owned());
        }
    }
}

/// Keys used by the code: `t(lang, "key", …)` and prefixes of `t(lang, &format!("prefix-{…}"))`.
fn code_keys(text: &str, keys: &mut BTreeSet<String>, prefixes: &mut BTreeSet<String>) {
    for (at, _) in text.match_indices("t(") {
        let before = text[..at].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let args = &text[at + 2..];
        let Some(comma) = args.find(',') else { continue };
        let first = &args[..comma];
        if !(first.contains("lang") || first.contains("Language::")) || first.contains(['(', '"']) {
            continue;
        }
        let second = args[comma + 1..].trim_start();
        if let Some(formatted) = second.strip_prefix("&format!(") {
            if let Some((pattern, _)) = quoted(formatted)
                && let Some(prefix) = pattern.split('{').next()
                && is_key(prefix)
                && prefix != pattern
            {
                prefixes.insert(prefix.to_owned());
            }
        } else if let Some((key, _)) = quoted(second)
            && is_key(key)
        {
            keys.insert(key.to_owned());
        }
    }
    // Field error codes are worded as `form-<code>` for people.
    for (at, _) in text.match_indices("FieldError::new(") {
        if let Some((code, _)) = quoted(&text[at + "FieldError::new(".len()..])
            && is_key(code)
        {
            keys.insert(format!("form-{}", code.replace('_', "-")));
        }
    }
}

#[test]
fn every_key_used_exists_in_every_language() {
    let (mut keys, mut prefixes) = (BTreeSet::new(), BTreeSet::new());
    for path in files("templates", &["html", "txt"]) {
        template_keys(&read(&path), &mut keys, &mut prefixes);
    }
    for path in files("src", &["rs"]) {
        if !path.ends_with("i18n_coverage.rs") {
            code_keys(&read(&path), &mut keys, &mut prefixes);
        }
    }
    assert!(keys.len() > 200, "the scan found only {} keys", keys.len());
    let unlisted: Vec<&String> = prefixes.iter().filter(|p| !DYNAMIC.iter().any(|(d, _)| d == p)).collect();
    assert!(unlisted.is_empty(), "key prefixes built at run time: list their values in DYNAMIC: {unlisted:?}");
    for (prefix, values) in DYNAMIC {
        keys.extend(values.iter().map(|v| format!("{prefix}{v}")));
    }
    let mut missing = Vec::new();
    for lang in Language::ALL {
        for key in &keys {
            if !has(lang, key) {
                missing.push(format!("{}: {key}", lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "keys missing from the catalogs:\n{}", missing.join("\n"));
}

/// A template's text with everything that is not shown as words taken out: template tags,
/// HTML tags, scripts, styles, entities.
fn visible_text(template: &str) -> String {
    let mut text = template.to_owned();
    for (open, close) in [("{#", "#}"), ("{{", "}}"), ("{%", "%}"), ("<style", "</style>"), ("<script", "</script>")] {
        while let Some(start) = text.find(open) {
            let Some(len) = text[start..].find(close) else { break };
            text.replace_range(start..start + len + close.len(), " ");
        }
    }
    while let Some(start) = text.find('<') {
        let Some(len) = text[start..].find('>') else { break };
        text.replace_range(start..start + len + 1, " ");
    }
    while let Some(start) = text.find('&') {
        let Some(len) = text[start..].find(';').filter(|l| *l < 10) else { break };
        text.replace_range(start..start + len + 1, " ");
    }
    text
}

#[test]
fn templates_carry_no_words_of_their_own() {
    // The product's name is the same in every language.
    let allowed = ["Convene"];
    let mut found = Vec::new();
    for path in files("templates", &["html", "txt"]) {
        let text = visible_text(&read(&path));
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.chars().count() >= 2 && !allowed.contains(&word) {
                found.push(format!("{}: {word}", path.strip_prefix(ROOT).unwrap_or(&path).display()));
            }
        }
    }
    assert!(found.is_empty(), "words outside the catalogs:\n{}", found.join("\n"));
}

#[test]
fn the_scanners_see_keys_and_words() {
    let (mut keys, mut prefixes) = (BTreeSet::new(), BTreeSet::new());
    template_keys(r#"{{ t("a-b", n=1) }} {{ t('mode-' ~ m) }} {{ format("x") }}"#, &mut keys, &mut prefixes);
    code_keys(
        r#"t(lang, "c-d", &[]); t(lang.lang, &format!("month-{}", m), &[]); FieldError::new("too_long")"#,
        &mut keys,
        &mut prefixes,
    );
    assert_eq!(keys.into_iter().collect::<Vec<_>>(), ["a-b", "c-d", "form-too-long"]);
    assert_eq!(prefixes.into_iter().collect::<Vec<_>>(), ["mode-", "month-"]);
    assert_eq!(
        visible_text("<p class=\"x\">{{ t('a') }} Hello &amp; {% if x %}</p>").split_whitespace().collect::<Vec<_>>(),
        ["Hello"]
    );
}
