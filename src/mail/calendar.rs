//! The `.ics` calendar entry attached to mails: one stable UID per registration, a SEQUENCE
//! that grows with each change. As API.md "Organizer identity" publishes: `METHOD:PUBLISH`
//! (a calendar adds it, asking nobody to accept or decline), `ORGANIZER` the organizer's
//! contact and never the sending address; a withdrawal is `METHOD:CANCEL` with that
//! organizer, or, with no contact set, `METHOD:PUBLISH` and `STATUS:CANCELLED`. Times are
//! written in UTC (`…Z`), which Outlook, Google Calendar and Apple Calendar all read without
//! a VTIMEZONE.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};

/// What the calendar entry says.
pub struct CalendarEntry<'a> {
    pub uid: String,
    pub sequence: i32,
    pub cancelled: bool,
    pub title: &'a str,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The room, or the join link for online attendance.
    pub location: &'a str,
    pub url: Option<&'a str>,
    /// The organizer's contact and name, when one is set.
    pub organizer: Option<(&'a str, Option<&'a str>)>,
    /// DTSTAMP: when the change happened.
    pub stamp: DateTime<Utc>,
}

impl CalendarEntry<'_> {
    /// The iTIP method: `PUBLISH`, or `CANCEL` for a withdrawal that names an organizer.
    pub fn method(&self) -> &'static str {
        if self.cancelled && self.organizer.is_some() { "CANCEL" } else { "PUBLISH" }
    }

    pub fn to_ics(&self) -> String {
        let mut event = icalendar::Event::new();
        event
            .uid(&self.uid)
            .sequence(u32::try_from(self.sequence).unwrap_or(0))
            .timestamp(self.stamp)
            .summary(self.title)
            .description(&self.description)
            .starts(self.starts_at)
            .ends(self.ends_at)
            .location(self.location)
            .status(if self.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed });
        if let Some(url) = self.url {
            event.url(url);
        }
        if let Some((email, name)) = self.organizer {
            let mut organizer = Property::new("ORGANIZER", format!("mailto:{email}"));
            if let Some(name) = name {
                organizer.add_parameter("CN", name);
            }
            event.append_property(organizer);
        }

        let mut calendar = Calendar::empty();
        calendar
            .append_property(Property::new("VERSION", "2.0"))
            .append_property(Property::new("PRODID", "-//Convene//Convene//EN"))
            .append_property(Property::new("CALSCALE", "GREGORIAN"))
            .append_property(Property::new("METHOD", self.method()))
            .push(event.done());
        calendar.done().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(cancelled: bool) -> CalendarEntry<'static> {
        let t = DateTime::parse_from_rfc3339("2026-12-13T08:30:00Z").map(|d| d.with_timezone(&Utc)).unwrap_or_default();
        CalendarEntry {
            uid: "0192-abc@convene".into(),
            sequence: 3,
            cancelled,
            title: "Partner meeting; 2026",
            description: "Line one\nLine two".into(),
            starts_at: t,
            ends_at: t + chrono::Duration::hours(3),
            location: "Brussels",
            url: None,
            organizer: Some(("partners@example.org", Some("IOM Belgium"))),
            stamp: t,
        }
    }

    #[test]
    fn a_request_has_uid_sequence_and_utc_times() {
        let ics = entry(false).to_ics();
        for line in [
            "METHOD:PUBLISH",
            "ORGANIZER;CN=IOM Belgium:mailto:partners@example.org",
            "UID:0192-abc@convene",
            "SEQUENCE:3",
            "DTSTART:20261213T083000Z",
            "DTEND:20261213T113000Z",
            "STATUS:CONFIRMED",
        ] {
            assert!(ics.contains(line), "{line} missing in {ics}");
        }
        assert!(ics.contains("\r\n"), "iCalendar lines end in CRLF");
        assert!(ics.contains("SUMMARY:Partner meeting\\; 2026"), "text is escaped: {ics}");
        assert!(!ics.contains("ATTENDEE") && !ics.contains("RSVP"), "nobody is asked to reply: {ics}");
    }

    #[test]
    fn a_cancellation_says_so_twice() {
        let ics = entry(true).to_ics();
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
    }

    #[test]
    fn without_a_contact_there_is_no_organizer_and_a_cancellation_is_published() {
        let mut cancelled = entry(true);
        cancelled.organizer = None;
        let ics = cancelled.to_ics();
        assert!(
            ics.contains("METHOD:PUBLISH") && ics.contains("STATUS:CANCELLED") && !ics.contains("ORGANIZER"),
            "{ics}"
        );
    }
}
