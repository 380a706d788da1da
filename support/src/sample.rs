//! Sample requests the tests and the benchmark send alike.

use chrono::Utc;
use serde_json::{Value, json};

/// The body of a published hybrid event two weeks from now, as `POST /api/v1/events` takes
/// it: the partner meeting in Brussels and on a stream, 60 seats in the room, unlimited online,
/// a waitlist. Callers change what their test is about.
pub fn hybrid_event() -> Value {
    let starts = Utc::now() + chrono::Duration::days(14);
    json!({
        "title": "Annual Voluntary Return and Reintegration Partner Meeting",
        "description": "Partners of the AVRR programme meet in Brussels and online.",
        "translations": {"fr": {"title": "Réunion annuelle des partenaires"}, "nl": {"title": "Jaarlijkse partnervergadering"}},
        "starts_at": starts.to_rfc3339(),
        "ends_at": (starts + chrono::Duration::hours(3)).to_rfc3339(),
        "timezone": "Europe/Brussels",
        "venue": "Brussels",
        "online_url": "https://stream.example.org/live",
        "modes": ["in_person", "online"],
        "in_person_capacity": 60,
        "online_capacity": null,
        "waitlist": true,
        "status": "published"
    })
}
