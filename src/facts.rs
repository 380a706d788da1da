//! Facts read off rows that every layer needs, mail included: an event's time zone and modes,
//! whether a registrant may follow the stream, the addresses of their personal links, and
//! their answers as a person reads them.
//! Pure functions of the row; `events::view` and `registrations::view` re-export them.

use chrono_tz::Tz;
use entity::{AttendanceMode, RegistrationStatus, event, registration};

use crate::domain::Language;

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
    format!("{base_url}/r/{}", manage_token(reg).unwrap_or_default())
}

/// The registrant's personal stream link.
pub fn join_url(base_url: &str, reg: &registration::Model) -> String {
    format!("{base_url}/j/{}", join_token(reg).unwrap_or_default())
}

/// The registrant's answers as (question label, answer) in `lang`, in the questions' order:
/// options by their label, yes/no as words, several options joined by commas.
pub fn answers_shown(
    event: &event::Model,
    answers: &std::collections::BTreeMap<String, serde_json::Value>,
    lang: Language,
) -> Vec<(String, String)> {
    let shown = |q: &entity::json::Question, v: &serde_json::Value| match v {
        serde_json::Value::Bool(true) => crate::i18n::t(lang, "yes", &[]),
        serde_json::Value::Bool(false) => crate::i18n::t(lang, "no", &[]),
        serde_json::Value::String(s) => q.option(s).map(|o| o.label_in(lang.code())).unwrap_or(s).to_owned(),
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str())
            .map(|s| q.option(s).map(|o| o.label_in(lang.code())).unwrap_or(s))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    event
        .questions
        .0
        .iter()
        .filter_map(|q| answers.get(&q.key).map(|v| (q.label_in(lang.code()).to_owned(), shown(q, v))))
        .collect()
}

/// "PDKJ9P99…" → "PDKJ 9P99 …": the ticket code as people read it out (the desk accepts the
/// spaces), on the manage page and in mails.
pub fn ticket_code_grouped(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// One programme item as a reader sees it: its times in the event's zone (with the date when
/// the event spans several days), its title in their language, its speakers.
#[derive(Debug, Clone)]
pub struct ProgrammeLine {
    pub time: String,
    pub title: String,
    pub speakers: Vec<String>,
}

pub fn programme_lines(event: &event::Model, lang: Language) -> Vec<ProgrammeLine> {
    let tz = zone(event);
    let one_day = event.starts_at.with_timezone(&tz).date_naive() == event.ends_at.with_timezone(&tz).date_naive();
    event
        .programme
        .0
        .iter()
        .map(|item| {
            let start = item.starts_at.with_timezone(&tz);
            let mut time = if one_day {
                start.format("%H:%M").to_string()
            } else {
                crate::i18n::format_short(item.starts_at, tz, lang)
            };
            if let Some(end) = item.ends_at {
                time.push_str(&format!("–{}", end.with_timezone(&tz).format("%H:%M")));
            }
            ProgrammeLine { time, title: item.title_in(lang.code()).to_owned(), speakers: item.speakers.clone() }
        })
        .collect()
}

/// The registrant's secrets, opened from their sealed copies; `None` when the server's key is
/// not the one they were sealed with (lost): links already mailed still work, but they cannot
/// be shown again.
pub fn manage_token(reg: &registration::Model) -> Option<String> {
    crate::secrets::open(reg.manage_token_sealed.as_deref()?)
}

pub fn join_token(reg: &registration::Model) -> Option<String> {
    crate::secrets::open(reg.join_token_sealed.as_deref()?)
}

pub fn ticket_code(reg: &registration::Model) -> Option<String> {
    crate::secrets::open(reg.ticket_code_sealed.as_deref()?)
}

/// Whether every secret of `reg` can be shown again (the key is the one they were sealed with).
pub fn secrets_readable(reg: &registration::Model) -> bool {
    manage_token(reg).is_some() && join_token(reg).is_some() && ticket_code(reg).is_some()
}
