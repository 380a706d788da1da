//! When registrants may act, as pure functions of the clock and the event's times.

use chrono::{DateTime, Utc};

/// Registration is open for a published event until `registration_closes_at`, or, when that is
/// unset, until the event ends.
pub fn registration_open(now: DateTime<Utc>, closes_at: Option<DateTime<Utc>>, ends_at: DateTime<Utc>) -> bool {
    now < closes_at.unwrap_or(ends_at)
}

/// Registrants may cancel until the event ends.
pub fn may_cancel(now: DateTime<Utc>, ends_at: DateTime<Utc>) -> bool {
    now < ends_at
}

/// Registrants may switch mode until the event starts.
pub fn may_switch(now: DateTime<Utc>, starts_at: DateTime<Utc>) -> bool {
    now < starts_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn time_windows() {
        let t = crate::domain::now();
        let h = Duration::hours(1);
        assert!(registration_open(t, None, t + h));
        assert!(!registration_open(t, None, t));
        assert!(!registration_open(t, Some(t - h), t + h));
        assert!(may_cancel(t, t + h) && !may_cancel(t + h, t + h));
        assert!(may_switch(t, t + h) && !may_switch(t + h, t + h));
    }
}
