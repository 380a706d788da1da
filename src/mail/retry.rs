//! When to try a failed mail again (pure): after about 5, 15 and 30 seconds, then every
//! minute for the first hour, then every 15 minutes until 48 hours, then give up.

use chrono::{DateTime, Duration, Utc};

/// After `attempts` failed tries of a mail first queued at `queued_at`, when to try next;
/// `None` means give up (the row ends as `failed`).
pub fn next_attempt(attempts: i32, queued_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let age = now - queued_at;
    if age >= Duration::hours(48) {
        return None;
    }
    let wait = match attempts {
        ..=1 => Duration::seconds(5),
        2 => Duration::seconds(15),
        3 => Duration::seconds(30),
        _ if age < Duration::hours(1) => Duration::minutes(1),
        _ => Duration::minutes(15),
    };
    Some(now + wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_retries_come_within_seconds() {
        let t = Utc::now();
        let waits: Vec<i64> = (1..=5).map(|n| next_attempt(n, t, t).map_or(-1, |at| (at - t).num_seconds())).collect();
        assert_eq!(waits, [5, 15, 30, 60, 60]);
    }

    #[test]
    fn later_retries_slow_down_and_stop_after_48_hours() {
        let t = Utc::now();
        assert_eq!(next_attempt(9, t - Duration::hours(2), t).map(|at| (at - t).num_minutes()), Some(15));
        assert_eq!(next_attempt(9, t - Duration::hours(48), t), None);
    }
}
