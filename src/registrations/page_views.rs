//! What the partner's pages share: the event as a page shows it (modes, questions, why the form
//! is closed), the form's answers both ways, and the not-found page.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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
use crate::web::lang::PageLang;
use crate::web::pages::Page;

/// One mode as the form offers it.
pub(super) fn mode_options(event: &event::Model, lang: Language) -> Vec<Value> {
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
            context! { value => mode.as_str(), availability => availability, full => full }
        })
        .collect()
}

/// A question with its label in `lang`.
pub(super) fn question_views(event: &event::Model, lang: Language) -> Vec<Value> {
    questions(event)
        .into_iter()
        .map(|q: Question| {
            let label =
                q.label.get(lang.code()).or_else(|| q.label.get("en")).cloned().unwrap_or_else(|| q.key.clone());
            let kind = match q.kind {
                QuestionKind::Text => "text",
                QuestionKind::Choice => "choice",
                QuestionKind::Boolean => "boolean",
            };
            context! { key => q.key, kind => kind, required => q.required, label => label, options => q.options }
        })
        .collect()
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
        venue => &event.venue,
        online => event.offers_online,
        open => closed.is_none(),
        closed_reason => closed,
        modes => mode_options(event, lang),
        questions => question_views(event, lang),
    }
}

/// The published (or closed) event at `slug`; `None` for no such event or a draft. A
/// database failure, or an event row that no longer decodes, is an error, not a 404.
pub(super) async fn public_event(state: &AppState, slug: &str) -> Result<Option<event::Model>, AppError> {
    Ok(events::get_by_slug(state.db.read(), slug).await?.filter(|e| e.status != EventStatus::Draft))
}

pub(super) fn not_found(lang: PageLang) -> Response {
    Page::new("errors/404.html", lang, context! {}).status(StatusCode::NOT_FOUND).into_response()
}

/// Answers posted as `answers.<key>` fields, typed by their question.
pub(super) fn posted_answers(form: &FormFields, event: &event::Model) -> Answers {
    let mut answers = Answers::new();
    for q in questions(event) {
        let Some(raw) = form.get(&format!("answers.{}", q.key)) else { continue };
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

/// Form values to show again (answers as the form writes them).
pub(super) fn answer_values(answers: &entity::json::Answers) -> BTreeMap<String, String> {
    Some(&answers.0)
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    let shown = match v {
                        serde_json::Value::Bool(true) => "yes".to_owned(),
                        serde_json::Value::Bool(false) => "no".to_owned(),
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (format!("answers.{k}"), shown)
                })
                .collect()
        })
        .unwrap_or_default()
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
