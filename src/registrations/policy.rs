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

/// Which of the registrant's details changed, by field name (never their values: the
/// history outlives neither the registration nor its erasure, but keeps no copies).
pub fn edited_fields(before: &entity::registration::Model, after: &entity::registration::Model) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if before.first_name != after.first_name {
        fields.push("first_name");
    }
    if before.last_name != after.last_name {
        fields.push("last_name");
    }
    if before.organization != after.organization {
        fields.push("organization");
    }
    if before.language != after.language {
        fields.push("language");
    }
    if before.answers != after.answers {
        fields.push("answers");
    }
    fields
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
