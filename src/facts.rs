//! Facts read off rows that every layer needs, mail included: an event's time zone and modes,
//! whether a registrant may follow the stream, and the addresses of their personal links.
//! Pure functions of the row; `events::view` and `registrations::view` re-export them.

use chrono_tz::Tz;
use entity::{AttendanceMode, RegistrationStatus, event, registration};

/// The event's zone, falling back to UTC for a name this build does not know.
pub fn zone(event: &event::Model) -> Tz {
    event.timezone.parse().unwrap_or(Tz::UTC)
}

pub fn offers(event: &event::Model, mode: AttendanceMode) -> bool {
    match mode {
        AttendanceMode::InPerson => event.offers_in_person,
        AttendanceMode::Online => event.offers_online,
    }
}

/// The registrant may follow the stream: confirmed online, or waitlisted for the room at an
/// event that is also online (they keep their place in the queue).
pub fn may_follow_online(reg: &registration::Model, event: &event::Model) -> bool {
    match (reg.status, reg.mode) {
        (RegistrationStatus::Confirmed, AttendanceMode::Online) => true,
        (RegistrationStatus::Waitlisted, AttendanceMode::InPerson) => offers(event, AttendanceMode::Online),
        _ => false,
    }
}

/// The registrant's personal page.
pub fn manage_url(base_url: &str, reg: &registration::Model) -> String {
    format!("{base_url}/r/{}", reg.manage_token)
}

/// The registrant's personal stream link.
pub fn join_url(base_url: &str, reg: &registration::Model) -> String {
    format!("{base_url}/j/{}", reg.join_token)
}
