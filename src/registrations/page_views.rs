//! What the partner's pages share: the event as a page shows it (modes, questions, why the form
//! is closed), the form's answers both ways, and the not-found page.

use std::collections::BTreeMap;

use axum::response::Response;
use entity::{AttendanceMode, EventStatus, event};
use minijinja::{Value, context};
use serde_json::json;

use super::answers::Answers;
use super::policy;
use crate::domain::{Language, now};
use crate::error::AppError;
use crate::events::input::{Question, QuestionKind};
use crate::events::service as events;
use crate::events::view::{offers, questions, zone};
use crate::i18n::{format_span, t};
use crate::mail::compose::{event_description, event_title};
use crate::seats::seats;
use crate::web::AppState;
use crate::web::form::FormFields;

/// One mode as the form offers it.
pub(crate) fn mode_options(event: &event::Model, lang: Language) -> Vec<Value> {
    AttendanceMode::ALL
        .into_iter()
        .filter(|m| offers(event, *m))
        .map(|mode| {
            let s = seats(event, mode);
            let (availability, full) = match s.free() {
                None => (t(lang, "seats-unlimited", &[]), false),
                Some(0) if event.waitlist => (t(lang, "seats-waitlist", &[]), false),
                Some(0) => (t(lang, "seats-full", &[]), true),
                Some(n) => (t(lang, "seats-left", &[("count", &n.to_string())]), false),
            };
            context! { value => mode.as_str(), availability => availability, full => full, room => s.free() != Some(0) }
        })
        .collect()
}

/// A question with its label in `lang`.
pub(super) fn question_views(event: &event::Model, lang: Language) -> Vec<Value> {
    questions(event)
        .into_iter()
        .map(|q: Question| {
            let options: Vec<Value> =
                q.options.iter().map(|o| context! { value => o.value(), label => o.label_in(lang.code()) }).collect();
            context! {
                key => &q.key, kind => q.kind.as_str(), required => q.required,
                label => q.label_in(lang.code()), options => options,
            }
        })
        .collect()
}

/// The registration form's fields in page order, with their labels in `lang`.
pub(super) fn register_form_labels(event: &event::Model, lang: Language) -> Vec<(String, String)> {
    let mut fields = labelled(&["mode", "first_name", "last_name", "email", "organization"], lang);
    fields.extend(answer_labels(event, lang));
    fields.extend(labelled(&["consent"], lang));
    fields
}

/// The manage page's fields in page order, with their labels in `lang`.
pub(super) fn manage_form_labels(event: &event::Model, lang: Language) -> Vec<(String, String)> {
    let mut fields = labelled(&["mode", "first_name", "last_name", "organization", "language"], lang);
    fields.extend(answer_labels(event, lang));
    fields
}

fn labelled(fields: &[&str], lang: Language) -> Vec<(String, String)> {
    fields.iter().map(|f| (f.to_string(), t(lang, &format!("field-{f}"), &[]))).collect()
}

fn answer_labels(event: &event::Model, lang: Language) -> Vec<(String, String)> {
    questions(event).iter().map(|q| (format!("answers.{}", q.key), q.label_in(lang.code()).to_owned())).collect()
}

/// Why the form is not shown, when it is not.
pub(super) fn closed_reason(event: &event::Model, lang: Language) -> Option<String> {
    let key = match event.status {
        EventStatus::Cancelled => "event-cancelled",
        EventStatus::Closed => "registration-closed",
        _ if !policy::registration_open(now(), event.registration_closes_at, event.ends_at) => "registration-closed",
        _ => return None,
    };
    Some(t(lang, key, &[]))
}

pub(super) fn event_view(event: &event::Model, lang: Language) -> Value {
    let closed = closed_reason(event, lang);
    context! {
        slug => &event.slug,
        title => event_title(event, lang),
        paragraphs => event_description(event, lang)
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>(),
        when => format_span(event.starts_at, event.ends_at, zone(event), lang),
        venue => crate::mail::compose::event_venue(event, lang),
        online => event.offers_online,
        open => closed.is_none(),
        closed_reason => closed,
        modes => mode_options(event, lang),
        preselected => preselected_mode(event),
        full_notice => full_notice(event, lang),
        questions => question_views(event, lang),
        programme => programme_view(event, lang),
        time_zone => crate::i18n::zone_label(zone(event), event.starts_at.with_timezone(&zone(event)), lang),
        // Exactly the sentence recorded with each registration (`privacy::consent`).
        consent => crate::privacy::consent::sentence(lang, event.retention_days),
        retention_days => event.retention_days,
        access => event.access.as_str(),
        // A per-organization cap in force: the form says when an organization's seats are used.
        organization_cap => crate::seats::organizations::cap_for(event, "any", now()).is_some(),
        allowed_domains => event.allowed_email_domains.0.iter().map(|d| format!("@{d}")).collect::<Vec<_>>().join(", "),
        // Until when requests are taken, at an event whose registrations need approval.
        requests_until => crate::i18n::format_instant(
            event.registration_closes_at.unwrap_or(event.ends_at).min(event.ends_at), zone(event), lang
        ),
    }
}

/// The mode the form starts with: the first offered mode with a free seat, so that nobody
/// joins a waiting line without choosing to.
fn preselected_mode(event: &event::Model) -> Option<&'static str> {
    AttendanceMode::ALL
        .into_iter()
        .find(|m| offers(event, *m) && seats(event, *m).free() != Some(0))
        .map(AttendanceMode::as_str)
}

/// Said plainly above the choice when the room is full: what is still open, and what
/// joining the waiting list means.
fn full_notice(event: &event::Model, lang: Language) -> Option<String> {
    let room_full = offers(event, AttendanceMode::InPerson) && seats(event, AttendanceMode::InPerson).free() == Some(0);
    if !room_full {
        return None;
    }
    let online_open = offers(event, AttendanceMode::Online) && seats(event, AttendanceMode::Online).free() != Some(0);
    let key = match (online_open, event.waitlist) {
        (true, true) => "room-full-online-waitlist",
        (true, false) => "room-full-online",
        (false, true) => "room-full-waitlist",
        (false, false) => "room-full",
    };
    Some(t(lang, key, &[]))
}

/// The published (or closed) event at `slug`; `None` for no such event or a draft. A
/// database failure, or an event row that no longer decodes, is an error, not a 404.
pub(super) async fn public_event(state: &AppState, slug: &str) -> Result<Option<event::Model>, AppError> {
    Ok(events::get_by_slug(state.db.read(), slug).await?.filter(|e| e.status != EventStatus::Draft))
}

pub(super) use crate::web::pages::not_found_page as not_found;

/// Answers posted as `answers.<key>` fields, typed by their question. A `multi` question
/// posts one field per ticked box, plus an empty `answers.<key>` so that ticking none is seen.
pub(super) fn posted_answers(form: &FormFields, event: &event::Model) -> Answers {
    let mut answers = Answers::new();
    for q in questions(event) {
        let name = format!("answers.{}", q.key);
        if q.kind == QuestionKind::Multi {
            if form.get(&name).is_some() {
                let ticked: Vec<&str> = form.all(&name).filter(|v| !v.is_empty()).collect();
                answers.insert(q.key, json!(ticked));
            }
            continue;
        }
        let Some(raw) = form.get(&name) else { continue };
        let value = match q.kind {
            QuestionKind::Boolean => match raw {
                "yes" => json!(true),
                "no" => json!(false),
                _ => continue,
            },
            _ if raw.trim().is_empty() => continue,
            _ => json!(raw),
        };
        answers.insert(q.key, value);
    }
    answers
}

/// Form values to show again (answers as the form writes them; a `multi` answer as a list).
pub(super) fn answer_values(answers: &BTreeMap<String, serde_json::Value>) -> BTreeMap<String, Value> {
    answers
        .iter()
        .map(|(k, v)| {
            let shown = match v {
                serde_json::Value::Bool(true) => Value::from("yes"),
                serde_json::Value::Bool(false) => Value::from("no"),
                serde_json::Value::String(s) => Value::from(s.as_str()),
                serde_json::Value::Array(items) => {
                    Value::from(items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect::<Vec<_>>())
                }
                other => Value::from(other.to_string()),
            };
            (format!("answers.{k}"), shown)
        })
        .collect()
}

pub(super) trait SecretHeaders {
    fn secret_headers(self) -> Self;
}

impl SecretHeaders for Response {
    /// A 404 reached through a (mistyped) secret link is not cached or referred either.
    fn secret_headers(mut self) -> Self {
        crate::web::security::page_headers(&mut self, true);
        self
    }
}

/// The programme for a template: time, title in `lang`, speakers.
pub(crate) fn programme_view(event: &event::Model, lang: Language) -> Vec<Value> {
    crate::facts::programme_lines(event, lang)
        .into_iter()
        .map(|line| context! { time => line.time, title => line.title, speakers => line.speakers })
        .collect()
}

/// The details-and-answers form (the registrant's page, or an organizer's on the person's
/// page) as a patch: a question left blank clears its answer.
pub(super) fn details_patch(form: &FormFields, event: &event::Model) -> super::input::RegistrationPatchInput {
    let mut answers = posted_answers(form, event);
    for q in questions(event) {
        answers.entry(q.key).or_insert(serde_json::Value::Null);
    }
    super::input::RegistrationPatchInput {
        first_name: form.owned("first_name"),
        last_name: form.owned("last_name"),
        organization: form.owned("organization"),
        language: form.owned("language"),
        answers: Some(answers),
        ..Default::default()
    }
}
