//! When an event's personal data is due for erasure, and what an organizer may set.

use chrono::{DateTime, Duration, Utc};
use entity::event;

use crate::error::{FieldError, FieldErrors};

/// Retention when an organizer sets none.
pub const DEFAULT_RETENTION_DAYS: i32 = 180;
/// Ten years: longer is no retention at all.
pub const MAX_RETENTION_DAYS: i64 = 3650;

/// `retention_days` from an event request: 1 to 3650, the default when absent.
pub fn parse_retention_days(raw: Option<i64>, errors: &mut FieldErrors) -> i32 {
    match raw {
        None => DEFAULT_RETENTION_DAYS,
        Some(days) if (1..=MAX_RETENTION_DAYS).contains(&days) => days as i32,
        Some(_) => {
            errors.insert("retention_days", FieldError::new("invalid_retention_days"));
            DEFAULT_RETENTION_DAYS
        }
    }
}

/// When the event's personal data is erased: `retention_days` after its end, or after the
/// upgrade that introduced retention when that came later (`retention_from`).
pub fn erasure_due_at(ends_at: DateTime<Utc>, retention_from: Option<DateTime<Utc>>, days: i32) -> DateTime<Utc> {
    let counted_from = retention_from.map_or(ends_at, |from| from.max(ends_at));
    counted_from + Duration::days(days.into())
}

pub fn event_erasure_due_at(event: &event::Model) -> DateTime<Utc> {
    erasure_due_at(event.ends_at, event.retention_from, event.retention_days)
}

/// Whether the retention job erases `event` now: due, and not erased since its dates last
/// changed.
pub fn retention_due(event: &event::Model, now: DateTime<Utc>) -> bool {
    event.personal_data_erased_at.is_none() && now >= event_erasure_due_at(event)
}

/// Whether an organizer may erase the whole event now: it has ended or is cancelled.
pub fn may_erase_event(event: &event::Model, now: DateTime<Utc>) -> bool {
    now >= event.ends_at || event.status == entity::EventStatus::Cancelled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    #[test]
    fn retention_counts_from_the_end_or_the_upgrade_whichever_is_later() {
        let end = at("2026-12-13T12:00:00Z");
        assert_eq!(erasure_due_at(end, None, 180), at("2027-06-11T12:00:00Z"));
        // An event that ended before the upgrade: days count from the upgrade.
        let upgrade = at("2027-01-01T00:00:00Z");
        assert_eq!(erasure_due_at(end, Some(upgrade), 1), at("2027-01-02T00:00:00Z"));
        // An event still ahead at the upgrade: from its end.
        assert_eq!(erasure_due_at(end, Some(at("2026-01-01T00:00:00Z")), 1), at("2026-12-14T12:00:00Z"));
    }

    #[test]
    fn retention_days_are_bounded() {
        let mut errors = FieldErrors::new();
        assert_eq!(parse_retention_days(None, &mut errors), 180);
        assert_eq!(parse_retention_days(Some(1), &mut errors), 1);
        assert_eq!(parse_retention_days(Some(3650), &mut errors), 3650);
        assert!(errors.is_empty());
        for bad in [0, -1, 3651, i64::MAX] {
            let mut errors = FieldErrors::new();
            parse_retention_days(Some(bad), &mut errors);
            assert!(errors.contains_key("retention_days"), "{bad}");
        }
    }
}
