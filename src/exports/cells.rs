//! Cell values as exported: formula protection, answers and times.

use std::borrow::Cow;

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::Value;

/// Characters that make a spreadsheet read a cell as a formula (or a DDE command), as OWASP
/// lists them: `=`, `+`, `-`, `@`, tab and carriage return.
pub fn is_dangerous(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell with a leading `'` when it could run as a formula; the text itself is kept, so
/// `+32 2 …` phone numbers and `-` placeholders survive as text.
pub fn protect(cell: &str) -> Cow<'_, str> {
    if is_dangerous(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// A custom answer as one cell: text as is, booleans `true`/`false`, nothing when absent.
pub fn answer(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items.iter().map(|v| answer(Some(v))).collect::<Vec<_>>().join("|"),
        Some(other) => other.to_string(),
    }
}

/// RFC 3339 with the offset of the event's zone at that instant, to the second.
pub fn time(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).to_rfc3339_opts(SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_get_a_leading_quote_and_keep_their_text() {
        for (raw, out) in [
            ("=1+1", "'=1+1"),
            ("+32 2 555 01 01", "'+32 2 555 01 01"),
            ("-", "'-"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
        ] {
            assert_eq!(protect(raw), out);
        }
        for safe in ["Amina", "", "a=b", " =1", "'quoted", "李伟"] {
            assert_eq!(protect(safe), safe);
        }
    }

    #[test]
    fn answers_become_plain_cells() {
        assert_eq!(answer(None), "");
        assert_eq!(answer(Some(&Value::Bool(true))), "true");
        assert_eq!(answer(Some(&Value::String("vegetarian".into()))), "vegetarian");
        assert_eq!(answer(Some(&serde_json::json!(["a", "b"]))), "a|b");
    }

    #[test]
    fn times_are_rfc3339_in_the_event_zone() {
        let t = DateTime::parse_from_rfc3339("2026-12-13T08:47:00Z").map(|d| d.with_timezone(&Utc));
        let tz: Tz = "Europe/Brussels".parse().unwrap_or(Tz::UTC);
        assert_eq!(t.map(|t| time(t, tz)).ok().as_deref(), Some("2026-12-13T09:47:00+01:00"));
    }
}
