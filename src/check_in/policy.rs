//! The door's rules, as pure functions: reading a scanned code, what a scan does to a
//! registration, and what a staff search may ask. No I/O, no clock.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, EventStatus, RegistrationStatus, Role};

use crate::error::{FieldError, FieldErrors};
use crate::seats::Seats;

/// Longest code worth looking up: ticket codes are 26 characters; a scanner may add a little.
pub const MAX_CODE_LEN: usize = 64;

/// Reads a code as a person or a scanner typed it: AZERTY-shifted digits (a hardware scanner
/// set up for a US layout on a Belgian keyboard types `à&é"'(§è!ç` for `0123456789`) become
/// digits, spaces and dashes go, letters are upper-cased, and Crockford's look-alikes are
/// read as the digits they stand for (`O` → `0`, `I`/`L` → `1`; ticket codes never contain
/// them).
pub fn normalize_scanned_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}'))
        .map(|c| match c {
            'à' | 'À' => '0',
            '&' => '1',
            'é' | 'É' => '2',
            '"' => '3',
            '\'' => '4',
            '(' => '5',
            '§' => '6',
            'è' | 'È' => '7',
            '!' => '8',
            'ç' | 'Ç' => '9',
            other => other.to_ascii_uppercase(),
        })
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// Whether a normalized code is worth looking up (ticket codes are uppercase letters and digits):
/// anything else, a NUL byte say (PostgreSQL refuses it in text), is `unknown` without a query.
pub fn could_be_ticket_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= MAX_CODE_LEN && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// What a scan of a known ticket does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Confirmed for the room: check in.
    CheckIn,
    /// Confirmed online and a seat in the room is free: take it, then check in.
    SeatThenCheckIn,
    /// Confirmed online and no seat is free (or the event has no room): nothing changes.
    NoSeat,
    /// Checked in before: the first time stands.
    AlreadyCheckedIn,
    /// Cancelled, or a request the organizers declined: not coming.
    Cancelled,
    /// On a waitlist, or a request the organizers have not decided on.
    NotConfirmed,
}

/// Decides a scan. `room` is the event's in-person seats, `None` when the event has no room.
///
/// At the door the person present gets a free seat: before the start, a free seat never sits
/// beside a waiting registration (promotion is immediate), and from the start promotion stops,
/// so whoever turns up first is seated.
pub fn decide(
    status: RegistrationStatus,
    mode: AttendanceMode,
    already_checked_in: bool,
    room: Option<Seats>,
) -> Decision {
    match (status, mode) {
        (RegistrationStatus::Cancelled | RegistrationStatus::Declined, _) => Decision::Cancelled,
        _ if already_checked_in => Decision::AlreadyCheckedIn,
        (RegistrationStatus::Waitlisted | RegistrationStatus::Pending, _) => Decision::NotConfirmed,
        (RegistrationStatus::Confirmed, AttendanceMode::InPerson) => Decision::CheckIn,
        (RegistrationStatus::Confirmed, AttendanceMode::Online) => {
            if room.is_some_and(Seats::has_free) {
                Decision::SeatThenCheckIn
            } else {
                Decision::NoSeat
            }
        }
    }
}

/// A walk-in gets a seat when one is free in the room.
pub fn walk_in_has_seat(room: Seats) -> bool {
    room.has_free()
}

/// Whether the desk may register walk-ins now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkInGate {
    Open,
    /// A draft event does not exist for registrants.
    NotFound,
    Closed(&'static str),
}

/// The desk registers walk-ins at a published event, and also at one whose online
/// registration an organizer has closed (`closed`) or whose `registration_closes_at` has
/// passed: turning up at the door after the deadline is what a walk-in is. Never at a
/// cancelled event, nor after it ends.
pub fn walk_in_gate(status: EventStatus, now: DateTime<Utc>, ends_at: DateTime<Utc>) -> WalkInGate {
    match status {
        EventStatus::Draft => WalkInGate::NotFound,
        EventStatus::Cancelled => WalkInGate::Closed("this event was cancelled"),
        EventStatus::Published | EventStatus::Closed if now >= ends_at => WalkInGate::Closed("the event has ended"),
        EventStatus::Published | EventStatus::Closed => WalkInGate::Open,
    }
}

/// What an exit scan of a known ticket does (events with exit scans on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitDecision {
    Leave,
    /// Never came in (or the check-in was undone).
    NotCheckedIn,
    /// Scanned out before and not back yet.
    AlreadyOut,
}

pub fn decide_exit(checked_in: bool, outside: bool) -> ExitDecision {
    match (checked_in, outside) {
        (false, _) => ExitDecision::NotCheckedIn,
        (true, true) => ExitDecision::AlreadyOut,
        (true, false) => ExitDecision::Leave,
    }
}

/// How full the room is, for the desk's warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoomLevel {
    Ok,
    /// At or past [`NEAR_CAP_PERCENT`] of the cap: warn.
    Near,
    /// At or past the cap.
    Full,
}

/// The desk warns from this share of the room's cap.
pub const NEAR_CAP_PERCENT: u32 = 90;

/// `in_room` against `cap` (`None`: no cap, never a warning).
pub fn room_level(in_room: u32, cap: Option<u32>) -> RoomLevel {
    match cap {
        None => RoomLevel::Ok,
        Some(cap) if in_room >= cap => RoomLevel::Full,
        Some(cap) if u64::from(in_room) * 100 >= u64::from(cap) * u64::from(NEAR_CAP_PERCENT) => RoomLevel::Near,
        Some(_) => RoomLevel::Ok,
    }
}

/// Default and largest page of a staff search.
pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;
/// Shortest query the checkin role may send: no browsing the attendee list from the door.
pub const MIN_QUERY_FOR_CHECKIN: usize = 2;
const MAX_QUERY: usize = 200;
const MAX_TERMS: usize = 6;

/// A valid staff search: each term must match the name, email or organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms {
    pub terms: Vec<String>,
    pub limit: u64,
}

/// Checks a search's `q` and `limit` for `role`. Organizers may list without a query; the
/// checkin role must type at least [`MIN_QUERY_FOR_CHECKIN`] characters.
pub fn parse_search(q: Option<&str>, limit: Option<&str>, role: Role) -> Result<SearchTerms, FieldErrors> {
    let mut errors = FieldErrors::new();
    let q = q.unwrap_or("").trim();
    let length = q.chars().count();
    if role < Role::Organizer && length < MIN_QUERY_FOR_CHECKIN {
        errors.insert("q", FieldError::new("query_too_short").with("min", MIN_QUERY_FOR_CHECKIN));
    } else if length > MAX_QUERY {
        errors.insert("q", FieldError::new("too_long").with("max", MAX_QUERY));
    } else if q.chars().any(char::is_control) {
        errors.insert("q", FieldError::new("control_characters"));
    }
    let terms: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    if terms.len() > MAX_TERMS {
        errors.insert("q", FieldError::new("too_many_words").with("max", MAX_TERMS));
    }
    let limit = match limit.map(str::trim) {
        None | Some("") => DEFAULT_LIMIT,
        Some(raw) => match raw.parse::<u64>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                errors.insert("limit", FieldError::new("invalid_limit").with("max", MAX_LIMIT));
                DEFAULT_LIMIT
            }
        },
    };
    if errors.is_empty() { Ok(SearchTerms { terms, limit }) } else { Err(errors) }
}

/// A LIKE pattern matching `term` anywhere, with `!` as the escape character (portable: a
/// backslash means different things in MariaDB and PostgreSQL string literals).
pub fn like_pattern(term: &str) -> String {
    let mut pattern = String::with_capacity(term.len() + 2);
    pattern.push('%');
    for c in term.chars() {
        if matches!(c, '%' | '_' | '!') {
            pattern.push('!');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// When a scan counts as made: `scanned_at` as given, within bounds. Up to 5 minutes ahead of
/// the server's clock is taken as now (a desk's clock runs a little fast); later is refused, and
/// so is a time before 00:00 of the event's first day in its own zone.
pub fn scan_time(
    scanned_at: DateTime<Utc>,
    now: DateTime<Utc>,
    event_start: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<DateTime<Utc>, FieldError> {
    if scanned_at > now + chrono::Duration::minutes(5) {
        return Err(FieldError::new("scanned_in_future"));
    }
    let first_day = event_start.with_timezone(&tz).date_naive().and_time(chrono::NaiveTime::MIN);
    let earliest = first_day.and_local_timezone(tz).earliest().map_or(event_start, |t| t.with_timezone(&Utc));
    if scanned_at < earliest {
        return Err(FieldError::new("scanned_before_event"));
    }
    Ok(scanned_at.min(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_time_is_kept_within_bounds() {
        let tz = chrono_tz::Europe::Brussels;
        let start = DateTime::parse_from_rfc3339("2026-12-13T09:30:00+01:00")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let now = start + chrono::Duration::hours(1);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or_default();
        assert_eq!(scan_time(at("2026-12-13T09:41:00+01:00"), now, start, tz), Ok(at("2026-12-13T09:41:00+01:00")));
        assert_eq!(scan_time(now + chrono::Duration::minutes(4), now, start, tz), Ok(now), "a fast clock is now");
        assert!(scan_time(now + chrono::Duration::minutes(6), now, start, tz).is_err());
        assert_eq!(scan_time(at("2026-12-13T00:00:00+01:00"), now, start, tz), Ok(at("2026-12-13T00:00:00+01:00")));
        assert!(scan_time(at("2026-12-12T23:59:59+01:00"), now, start, tz).is_err(), "before the event's first day");
    }

    #[test]
    fn azerty_shifted_digits_are_read_as_digits() {
        assert_eq!(normalize_scanned_code("à&é\"'(§è!ç"), "0123456789");
        assert_eq!(normalize_scanned_code("çàé&abxy"), "9021ABXY");
    }

    #[test]
    fn spaces_dashes_and_case_do_not_matter() {
        assert_eq!(normalize_scanned_code(" 7k3m-9qxr\tvz \r\n"), "7K3M9QXRVZ");
        assert_eq!(normalize_scanned_code("ab\u{2013}cd"), "ABCD");
    }

    #[test]
    fn only_letters_and_digits_are_looked_up() {
        assert!(could_be_ticket_code(&crate::secrets::ticket_code()));
        for bad in ["", "AB\u{0}CD", "ABC;DROP", "ÉCOLE", &"A".repeat(MAX_CODE_LEN + 1)] {
            assert!(!could_be_ticket_code(bad), "{bad:?}");
        }
    }

    #[test]
    fn crockford_look_alikes_are_read_as_digits() {
        assert_eq!(normalize_scanned_code("oOiIlL"), "001111");
    }

    #[test]
    fn a_valid_code_is_left_as_it_is() {
        let code = crate::secrets::ticket_code();
        assert_eq!(normalize_scanned_code(&code), code);
        assert_eq!(normalize_scanned_code(&code.to_lowercase()), code);
    }

    fn free() -> Option<Seats> {
        Some(Seats { capacity: Some(2), confirmed: 1 })
    }

    fn full() -> Option<Seats> {
        Some(Seats { capacity: Some(2), confirmed: 2 })
    }

    #[test]
    fn every_registration_state_has_one_answer() {
        use AttendanceMode::{InPerson, Online};
        use RegistrationStatus::{Cancelled, Confirmed, Waitlisted};
        for room in [None, free(), full(), Some(Seats { capacity: None, confirmed: 500 })] {
            for mode in [InPerson, Online] {
                assert_eq!(decide(Cancelled, mode, false, room), Decision::Cancelled);
                assert_eq!(decide(Cancelled, mode, true, room), Decision::Cancelled);
                assert_eq!(decide(Waitlisted, mode, false, room), Decision::NotConfirmed);
                for status in [Confirmed, Waitlisted] {
                    assert_eq!(decide(status, mode, true, room), Decision::AlreadyCheckedIn);
                }
            }
            assert_eq!(decide(Confirmed, InPerson, false, room), Decision::CheckIn);
        }
    }

    #[test]
    fn an_online_registrant_at_the_door_is_seated_only_when_a_seat_is_free() {
        let online = |room| decide(RegistrationStatus::Confirmed, AttendanceMode::Online, false, room);
        assert_eq!(online(free()), Decision::SeatThenCheckIn);
        assert_eq!(online(Some(Seats { capacity: None, confirmed: 9 })), Decision::SeatThenCheckIn);
        assert_eq!(online(full()), Decision::NoSeat);
        assert_eq!(online(Some(Seats { capacity: Some(0), confirmed: 0 })), Decision::NoSeat);
        assert_eq!(online(None), Decision::NoSeat, "an online-only event has no room");
    }

    #[test]
    fn walk_ins_need_a_free_seat() {
        assert!(walk_in_has_seat(Seats { capacity: None, confirmed: 3 }));
        assert!(walk_in_has_seat(Seats { capacity: Some(3), confirmed: 2 }));
        assert!(!walk_in_has_seat(Seats { capacity: Some(3), confirmed: 3 }));
    }

    #[test]
    fn walk_ins_are_taken_until_the_end_even_after_registration_closed() {
        let now = crate::domain::now();
        let later = now + chrono::Duration::hours(1);
        assert_eq!(walk_in_gate(EventStatus::Published, now, later), WalkInGate::Open);
        assert_eq!(walk_in_gate(EventStatus::Closed, now, later), WalkInGate::Open);
        assert_eq!(walk_in_gate(EventStatus::Draft, now, later), WalkInGate::NotFound);
        assert!(matches!(walk_in_gate(EventStatus::Cancelled, now, later), WalkInGate::Closed(_)));
        assert!(matches!(walk_in_gate(EventStatus::Published, later, later), WalkInGate::Closed(_)));
    }

    #[test]
    fn only_someone_inside_can_leave() {
        assert_eq!(decide_exit(false, false), ExitDecision::NotCheckedIn);
        assert_eq!(decide_exit(false, true), ExitDecision::NotCheckedIn);
        assert_eq!(decide_exit(true, true), ExitDecision::AlreadyOut);
        assert_eq!(decide_exit(true, false), ExitDecision::Leave);
    }

    #[test]
    fn the_room_warns_from_ninety_percent_of_its_cap() {
        assert_eq!(room_level(500, None), RoomLevel::Ok);
        assert_eq!(room_level(44, Some(50)), RoomLevel::Ok);
        assert_eq!(room_level(45, Some(50)), RoomLevel::Near);
        assert_eq!(room_level(49, Some(50)), RoomLevel::Near);
        assert_eq!(room_level(50, Some(50)), RoomLevel::Full);
        assert_eq!(room_level(51, Some(50)), RoomLevel::Full);
        assert_eq!(room_level(0, Some(0)), RoomLevel::Full);
        assert_eq!(room_level(8, Some(10)), RoomLevel::Ok);
        assert_eq!(room_level(9, Some(10)), RoomLevel::Near);
    }

    #[test]
    fn the_checkin_role_must_type_two_characters_and_organizers_may_list() {
        assert!(parse_search(None, None, Role::Checkin).is_err());
        assert!(parse_search(Some(" a "), None, Role::Checkin).is_err());
        assert_eq!(
            parse_search(Some(" El  Idrissi "), None, Role::Checkin),
            Ok(SearchTerms { terms: vec!["el".into(), "idrissi".into()], limit: DEFAULT_LIMIT })
        );
        assert_eq!(parse_search(None, None, Role::Organizer), Ok(SearchTerms { terms: vec![], limit: 20 }));
        assert_eq!(parse_search(Some("é"), None, Role::Admin).map(|s| s.terms), Ok(vec!["é".to_owned()]));
    }

    #[test]
    fn the_limit_is_one_to_a_hundred() {
        let limit = |raw| parse_search(Some("am"), Some(raw), Role::Checkin).map(|s| s.limit);
        assert_eq!(limit("1"), Ok(1));
        assert_eq!(limit("100"), Ok(100));
        assert_eq!(limit(" "), Ok(DEFAULT_LIMIT));
        for bad in ["0", "101", "-1", "ten", "1.5", "99999999999999999999999"] {
            assert!(limit(bad).is_err_and(|e| e.contains_key("limit")), "{bad}");
        }
    }

    #[test]
    fn overlong_or_control_queries_are_refused() {
        assert!(parse_search(Some(&"x".repeat(201)), None, Role::Organizer).is_err());
        assert!(parse_search(Some("a\u{0}b"), None, Role::Organizer).is_err());
        assert!(parse_search(Some("a b c d e f g"), None, Role::Organizer).is_err());
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("amina"), "%amina%");
        assert_eq!(like_pattern("50%_off!"), "%50!%!_off!!%");
    }
}
