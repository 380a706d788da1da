//! What the dashboard says in words: the counts as sentences (right when nothing has happened
//! yet and when everything has), and arrivals per quarter hour as table rows with bars.

use chrono::{DateTime, Duration, Timelike, Utc};
use minijinja::{Value, context};

use crate::attendance::stats::EventStats;
use crate::domain::Language;
use crate::i18n::t;

/// The sentences under each card: the room, the stream, the door.
pub fn count_sentences(counts: &EventStats, lang: Language) -> Value {
    let n = |v: i64| v.to_string();
    let room = &counts.in_person;
    let mut in_person = Vec::new();
    in_person.push(match (room.confirmed, room.capacity) {
        (0, _) => t(lang, "summary-room-empty", &[]),
        (c, Some(cap)) if c >= i64::from(cap) => t(lang, "summary-room-full", &[("capacity", &cap.to_string())]),
        (c, Some(cap)) => t(lang, "summary-room-taken", &[("confirmed", &n(c)), ("capacity", &cap.to_string())]),
        (c, None) => t(lang, "summary-room-unlimited", &[("confirmed", &n(c))]),
    });
    if room.waitlisted > 0 {
        in_person.push(t(lang, "summary-waiting", &[("count", &n(room.waitlisted))]));
    }
    if room.confirmed > 0 {
        in_person.push(match room.checked_in {
            0 => t(lang, "summary-door-none", &[]),
            c if c >= room.confirmed => t(lang, "summary-door-all", &[("count", &n(c))]),
            c => t(lang, "summary-door-some", &[("checked", &n(c)), ("confirmed", &n(room.confirmed))]),
        });
    }
    let stream = &counts.online;
    let mut online = vec![match stream.confirmed {
        0 => t(lang, "summary-online-empty", &[]),
        c => t(lang, "summary-online-registered", &[("count", &n(c))]),
    }];
    if stream.confirmed > 0 || stream.joined > 0 {
        online.push(match stream.joined {
            0 => t(lang, "summary-joined-none", &[]),
            j => t(lang, "summary-joined", &[("count", &n(j))]),
        });
    }
    context! { in_person => in_person, online => online }
}

/// Check-ins per quarter hour from the first arrival to the last, as rows: the local time,
/// the count, and the bar's share of the busiest quarter (in percent).
pub fn arrival_rows(times: &[DateTime<Utc>], tz: chrono_tz::Tz) -> Vec<Value> {
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else { return Vec::new() };
    let quarter = |t: &DateTime<Utc>| {
        let local = t.with_timezone(&tz);
        local.with_minute(local.minute() / 15 * 15).and_then(|l| l.with_second(0)).and_then(|l| l.with_nanosecond(0))
    };
    let (Some(start), Some(end)) = (quarter(first), quarter(last)) else { return Vec::new() };
    let mut rows = Vec::new();
    let mut at = start;
    // A day at most: a door that stays open longer shows its first 24 hours.
    while at <= end && rows.len() < 96 {
        let next = at + Duration::minutes(15);
        let count = times.iter().filter(|t| **t >= at.with_timezone(&Utc) && **t < next.with_timezone(&Utc)).count();
        rows.push((format!("{}–{}", at.format("%H:%M"), next.format("%H:%M")), count));
        at = next;
    }
    let busiest = rows.iter().map(|(_, c)| *c).max().unwrap_or(1).max(1);
    rows.into_iter().map(|(span, count)| context! { span, count, percent => count * 100 / busiest }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::stats::{InPersonCounts, OnlineCounts};

    fn stats(confirmed: i64, capacity: Option<i32>, checked_in: i64, joined: i64) -> EventStats {
        EventStats {
            in_person: InPersonCounts { capacity, confirmed, waitlisted: 0, checked_in, ..Default::default() },
            online: OnlineCounts { capacity: None, confirmed: 0, waitlisted: 0, joined },
            ..Default::default()
        }
    }

    fn room(s: &EventStats) -> Vec<String> {
        let v = count_sentences(s, Language::En);
        v.get_attr("in_person")
            .ok()
            .and_then(|l| l.try_iter().ok())
            .map(|i| i.map(|x| x.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn an_empty_event_does_not_claim_everyone_came() {
        assert_eq!(room(&stats(0, Some(60), 0, 0)), ["No one is confirmed for the room yet."]);
        assert_eq!(
            room(&stats(60, Some(60), 60, 0)),
            ["The room is full: 60 seats taken.", "Everyone confirmed for the room has checked in (60)."]
        );
        assert_eq!(room(&stats(1, Some(60), 0, 0)), ["1 of 60 seats taken.", "No one has checked in yet."]);
        assert_eq!(room(&stats(12, None, 5, 0)), ["12 confirmed for the room (no limit).", "5 of 12 have checked in."]);
    }

    #[test]
    fn arrivals_are_counted_per_quarter_hour_with_their_share() {
        let at = |h: u32, m: u32| chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 13, h, m, 0).single();
        let times: Vec<DateTime<Utc>> = [at(8, 31), at(8, 44), at(8, 50), at(9, 20)].into_iter().flatten().collect();
        let tz: chrono_tz::Tz = "Europe/Brussels".parse().unwrap_or(chrono_tz::Tz::UTC);
        let rows: Vec<String> = arrival_rows(&times, tz)
            .iter()
            .map(|r| {
                format!(
                    "{} {} {}",
                    r.get_attr("span").unwrap_or_default(),
                    r.get_attr("count").unwrap_or_default(),
                    r.get_attr("percent").unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(rows, ["09:30–09:45 2 100", "09:45–10:00 1 50", "10:00–10:15 0 0", "10:15–10:30 1 50"]);
    }
}
