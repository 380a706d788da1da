//! When opening a join link counts as attending online (pure; no I/O, no clock).
//!
//! Mail scanners open every link on delivery, days before the event, and some send `HEAD`
//! first: neither may look like attendance. So a join counts only for a `GET`, only in the
//! window from [`JOIN_WINDOW_BEFORE`] before the start until the end, only at an event that
//! takes place, and only for a registration that may follow online.

use chrono::{DateTime, Duration, Utc};
use entity::EventStatus;

/// How long before the start a join already counts (people log in early).
pub const JOIN_WINDOW_BEFORE: Duration = Duration::minutes(30);

/// From 30 minutes before `starts_at` until `ends_at`, both included.
pub fn in_join_window(now: DateTime<Utc>, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> bool {
    now >= starts_at - JOIN_WINDOW_BEFORE && now <= ends_at
}

/// What we know about one opening of a join link.
#[derive(Debug, Clone, Copy)]
pub struct JoinVisit {
    /// A `HEAD` request (link scanners): never counted.
    pub head: bool,
    /// Confirmed online, or waitlisted for the room at an event that is also online.
    pub may_follow_online: bool,
    pub event_status: EventStatus,
    pub now: DateTime<Utc>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// True when this visit is recorded as a join.
pub fn counts_as_join(visit: JoinVisit) -> bool {
    !visit.head
        && visit.may_follow_online
        && matches!(visit.event_status, EventStatus::Published | EventStatus::Closed)
        && in_join_window(visit.now, visit.starts_at, visit.ends_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(now: DateTime<Utc>, starts_at: DateTime<Utc>) -> JoinVisit {
        JoinVisit {
            head: false,
            may_follow_online: true,
            event_status: EventStatus::Published,
            now,
            starts_at,
            ends_at: starts_at + Duration::hours(3),
        }
    }

    #[test]
    fn the_window_opens_thirty_minutes_before_the_start_and_closes_at_the_end() {
        let start = crate::domain::now();
        let end = start + Duration::hours(3);
        let minute = Duration::minutes(1);
        assert!(!in_join_window(start - Duration::minutes(31), start, end));
        assert!(in_join_window(start - JOIN_WINDOW_BEFORE, start, end));
        assert!(in_join_window(start - Duration::minutes(10), start, end));
        assert!(in_join_window(start + Duration::hours(1), start, end));
        assert!(in_join_window(end, start, end));
        assert!(!in_join_window(end + minute, start, end));
        assert!(!in_join_window(start - Duration::days(13), start, end), "a mail scanner at delivery");
    }

    #[test]
    fn only_a_get_by_someone_who_may_follow_online_counts() {
        let start = crate::domain::now() + Duration::minutes(10);
        let now = crate::domain::now();
        assert!(counts_as_join(visit(now, start)));
        assert!(!counts_as_join(JoinVisit { head: true, ..visit(now, start) }));
        assert!(!counts_as_join(JoinVisit { may_follow_online: false, ..visit(now, start) }));
        assert!(!counts_as_join(visit(now, start + Duration::hours(2))), "too early");
    }

    #[test]
    fn only_an_event_that_takes_place_counts() {
        let now = crate::domain::now();
        for (status, counts) in [
            (EventStatus::Published, true),
            (EventStatus::Closed, true),
            (EventStatus::Cancelled, false),
            (EventStatus::Draft, false),
        ] {
            assert_eq!(counts_as_join(JoinVisit { event_status: status, ..visit(now, now) }), counts, "{status:?}");
        }
    }
}
