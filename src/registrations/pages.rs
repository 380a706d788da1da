//! The partner's pages: the event page with its registration form, the personal manage page
//! (see, edit, switch mode, cancel), and "lost your link?". Forms work without JavaScript.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use entity::{AttendanceMode, EventStatus, RegistrationStatus, event, registration};
use minijinja::{Value, context};
use serde_json::json;

use super::answers::Answers;
use super::input::{RegistrationInput, RegistrationPatchInput};
use super::policy;
use super::service::{self, RegisterOutcome, RegistrationError};
use super::view::{join_url, may_follow_online};
use crate::db::keep;
use crate::domain::{EmailAddress, Language, now};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::events::input::{Question, QuestionKind};
use crate::events::service as events;
use crate::events::view::{offers, questions, zone};
use crate::i18n::{format_span, t};
use crate::mail::compose::{event_description, event_title};
use crate::seats::seats;
use crate::web::AppState;
use crate::web::form::FormFields;
use crate::web::lang::PageLang;
use crate::web::page_cache::EventPageVersion;
use crate::web::pages::Page;

/// One mode as the form offers it.
fn mode_options(event: &event::Model, lang: Language) -> Vec<Value> {
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
fn question_views(event: &event::Model, lang: Language) -> Vec<Value> {
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
fn closed_reason(event: &event::Model, lang: Language) -> Option<String> {
    let key = match event.status {
        EventStatus::Cancelled => "event-cancelled",
        EventStatus::Closed => "registration-closed",
        _ if !policy::registration_open(now(), event.registration_closes_at, event.ends_at) => "registration-closed",
        _ => return None,
    };
    Some(t(lang, key, &[]))
}

fn event_view(event: &event::Model, lang: Language) -> Value {
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

/// The published (or closed, or cancelled) event behind a slug; drafts are not found.
/// The published (or closed) event at `slug`; `None` for no such event or a draft. A
/// database failure, or an event row that no longer decodes, is an error, not a 404.
async fn public_event(state: &AppState, slug: &str) -> Result<Option<event::Model>, AppError> {
    Ok(events::get_by_slug(state.db.read(), slug).await?.filter(|e| e.status != EventStatus::Draft))
}

fn not_found(lang: PageLang) -> Response {
    Page::new("errors/404.html", lang, context! {}).status(StatusCode::NOT_FOUND).into_response()
}

/// Answers posted as `answers.<key>` fields, typed by their question.
fn posted_answers(form: &FormFields, event: &event::Model) -> Answers {
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
fn answer_values(answers: &entity::json::Answers) -> BTreeMap<String, String> {
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

#[derive(Debug, serde::Deserialize)]
pub struct EventPageQuery {
    /// A personal invitation (from an imported partner list) that pre-fills the form.
    invite: Option<String>,
}

pub async fn event_page(
    State(state): State<AppState>,
    lang: PageLang,
    Path(slug): Path<String>,
    axum::extract::Query(query): axum::extract::Query<EventPageQuery>,
) -> Result<Response, AppError> {
    let Some(event) = public_event(&state, &slug).await? else { return Ok(not_found(lang)) };
    let mut values = BTreeMap::new();
    if let Some(token) = query.invite.as_deref()
        && let Ok(Some(invite)) = crate::imports::invitations::find_by_token(state.db.read(), token).await
        && invite.event_id == event.id
    {
        values.insert("first_name".to_owned(), invite.first_name);
        values.insert("last_name".to_owned(), invite.last_name);
        values.insert("email".to_owned(), invite.email);
        values.insert("organization".to_owned(), invite.organization);
        if let Some(mode) = invite.mode {
            values.insert("mode".to_owned(), mode.as_str().to_owned());
        }
    }
    if !values.is_empty() {
        let ctx = context! { event => event_view(&event, lang.lang), values => values, errors => context! {} };
        // The invitation's token is in the address: like other secret links, never cached or referred.
        return Ok(Page::new("public/event.html", lang, ctx).secret().into_response());
    }
    let page = Page::new(
        "public/event.html",
        lang.clone(),
        context! { event => event_view(&event, lang.lang), values => context! {}, errors => context! {} },
    );
    let version = EventPageVersion::of(&event, &lang, closed_reason(&event, lang.lang).is_none());
    if let Some(html) = state.event_pages.get(&version) {
        return Ok(page.respond_with(html));
    }
    let html = page.html().map_err(|err| AppError::Internal(anyhow::anyhow!("event page: {err:#}")))?;
    state.event_pages.put(version, &html);
    Ok(page.respond_with(html))
}

pub async fn register(
    State(state): State<AppState>,
    lang: PageLang,
    Path(slug): Path<String>,
    form: FormFields,
) -> Result<Response, AppError> {
    let Some(event) = public_event(&state, &slug).await? else { return Ok(not_found(lang)) };
    let input = RegistrationInput {
        first_name: form.owned("first_name"),
        last_name: form.owned("last_name"),
        email: form.owned("email"),
        organization: form.owned("organization"),
        mode: form.owned("mode"),
        language: form.owned("language").or_else(|| Some(lang.lang.code().to_owned())),
        consent: Some(form.checked("consent")),
        answers: Some(posted_answers(&form, &event)),
    };
    let again = |errors: FieldErrors, notice: Option<String>, status: StatusCode| {
        let values: BTreeMap<String, String> = form.0.clone().into_iter().collect();
        let ctx = context! {
            event => event_view(&event, lang.lang), values => values, errors => errors.in_language(lang.lang), notice => notice,
        };
        Page::new("public/event.html", lang.clone(), ctx).status(status).into_response()
    };
    let new = match input.parse("form") {
        Ok(new) => new,
        Err(errors) => return Ok(again(errors, None, StatusCode::UNPROCESSABLE_ENTITY)),
    };
    let event_id = event.id;
    let outcome = state.db.write(move |txn| keep(service::register(txn, event_id, new, now()))).await;
    match outcome {
        Ok(RegisterOutcome::Registered { registration, .. }) => {
            Ok(Redirect::to(&format!("/r/{}?welcome=1", registration.manage_token)).into_response())
        }
        Ok(RegisterOutcome::AlreadyRegistered) => {
            Ok(again(FieldErrors::new(), Some(t(lang.lang, "already-registered", &[])), StatusCode::CONFLICT))
        }
        Err(RegistrationError::Invalid(errors)) => Ok(again(errors, None, StatusCode::UNPROCESSABLE_ENTITY)),
        Err(RegistrationError::CapacityFull) => {
            Ok(again(FieldErrors::one("mode", FieldError::new("mode_full")), None, StatusCode::CONFLICT))
        }
        Err(RegistrationError::ModeNotOffered) => {
            Ok(again(FieldErrors::one("mode", FieldError::new("invalid_mode")), None, StatusCode::CONFLICT))
        }
        Err(RegistrationError::Closed(_)) => Ok(again(FieldErrors::new(), None, StatusCode::CONFLICT)),
        Err(other) => Err(other.into()),
    }
}

/// The QR code of a ticket as an SVG data URL (shown on screen; mails carry a PNG).
fn qr_data_url(code: &str) -> Option<String> {
    use fast_qr::convert::{Builder, svg::SvgBuilder};
    let qr = crate::mail::qr::code(code).ok()?;
    let svg = SvgBuilder::default().margin(4).to_str(&qr);
    Some(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
}

fn manage_view(
    reg: &registration::Model,
    event: &event::Model,
    base_url: &str,
    lang: Language,
    errors: FieldErrors,
    values: Option<BTreeMap<String, String>>,
    flash: Option<String>,
) -> Value {
    let ticket = (reg.status == RegistrationStatus::Confirmed && reg.mode == AttendanceMode::InPerson)
        .then(|| context! { code => &reg.ticket_code, qr => qr_data_url(&reg.ticket_code) });
    let values = values.unwrap_or_else(|| {
        let mut v = answer_values(&reg.answers);
        v.insert("first_name".into(), reg.first_name.clone());
        v.insert("last_name".into(), reg.last_name.clone());
        v.insert("organization".into(), reg.organization.clone());
        v.insert("language".into(), reg.language.code().to_owned());
        v
    });
    let other_modes: Vec<Value> = mode_options(event, lang)
        .into_iter()
        .filter(|m| {
            m.get_attr("value").ok().and_then(|v| v.as_str().map(str::to_owned)).as_deref() != Some(reg.mode.as_str())
        })
        .collect();
    context! {
        event => event_view(event, lang),
        reg => context! {
            status => reg.status.as_str(), mode => reg.mode.as_str(), first_name => &reg.first_name,
            last_name => &reg.last_name, email => &reg.email, organization => &reg.organization,
        },
        ticket => ticket,
        join_url => may_follow_online(reg, event).then(|| join_url(base_url, reg)),
        base_path => format!("/r/{}", reg.manage_token),
        other_modes => other_modes,
        can_switch => policy::may_switch(now(), event.starts_at),
        can_cancel => policy::may_cancel(now(), event.ends_at),
        questions => question_views(event, lang),
        values => values,
        errors => errors.in_language(lang),
        flash => flash,
    }
}

async fn load_by_token(state: &AppState, token: &str) -> Result<Option<(registration::Model, event::Model)>, AppError> {
    Ok(service::find_by_manage_token(state.db.read(), token).await?)
}

pub async fn manage_page(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
    uri: axum::http::Uri,
) -> Result<Response, AppError> {
    let Some((reg, event)) = load_by_token(&state, &token).await? else { return Ok(not_found(lang).secret_headers()) };
    // A first visit without a remembered choice shows the registrant's own language.
    let lang = if lang.explicit { lang } else { PageLang::fixed(reg.language, lang.path.clone()) };
    let flash = uri.query().is_some_and(|q| q.contains("welcome=1")).then(|| {
        let key =
            if reg.status == RegistrationStatus::Waitlisted { "registered-waitlist" } else { "registered-confirmed" };
        t(lang.lang, key, &[])
    });
    let ctx = manage_view(&reg, &event, &state.base_url, lang.lang, FieldErrors::new(), None, flash);
    Ok(Page::new("public/manage.html", lang, ctx).secret().into_response())
}

/// Edits names, organization, language and answers.
pub async fn manage_update(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
    form: FormFields,
) -> Result<Response, AppError> {
    let Some((reg, event)) = load_by_token(&state, &token).await? else { return Ok(not_found(lang).secret_headers()) };
    let mut answers = posted_answers(&form, &event);
    // A question left blank on the form clears its answer.
    for q in questions(&event) {
        answers.entry(q.key).or_insert(serde_json::Value::Null);
    }
    let input = RegistrationPatchInput {
        first_name: form.owned("first_name"),
        last_name: form.owned("last_name"),
        organization: form.owned("organization"),
        language: form.owned("language"),
        answers: Some(answers),
        ..Default::default()
    };
    let show_errors = |errors: FieldErrors| {
        let values: BTreeMap<String, String> = form.0.clone().into_iter().collect();
        let ctx = manage_view(&reg, &event, &state.base_url, lang.lang, errors, Some(values), None);
        Page::new("public/manage.html", lang.clone(), ctx)
            .status(StatusCode::UNPROCESSABLE_ENTITY)
            .secret()
            .into_response()
    };
    let changes = match input.parse() {
        Ok(c) => c,
        Err(errors) => return Ok(show_errors(errors)),
    };
    let owned_token = token.clone();
    let updated =
        state.db.write(move |txn| keep(async move { service::update(txn, &owned_token, changes, now()).await })).await;
    match updated {
        Ok(_) => Ok(Redirect::to(&format!("/r/{token}")).into_response()),
        Err(RegistrationError::Invalid(errors)) => Ok(show_errors(errors)),
        Err(RegistrationError::Cancelled) => Ok(Redirect::to(&format!("/r/{token}")).into_response()),
        Err(other) => Err(other.into()),
    }
}

/// Switches mode; a full mode shows the page again with the reason.
pub async fn manage_switch(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
    form: FormFields,
) -> Result<Response, AppError> {
    let Some((reg, event)) = load_by_token(&state, &token).await? else { return Ok(not_found(lang).secret_headers()) };
    let input = RegistrationPatchInput { mode: form.owned("mode"), ..Default::default() };
    let Ok(changes) = input.parse() else { return Ok(Redirect::to(&format!("/r/{token}")).into_response()) };
    let owned_token = token.clone();
    let switched =
        state.db.write(move |txn| keep(async move { service::update(txn, &owned_token, changes, now()).await })).await;
    let message = match switched {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/r/{token}")).into_response());
        }
        Err(RegistrationError::CapacityFull) => FieldError::new("mode_full"),
        Err(RegistrationError::Closed(_)) => FieldError::new("switch_closed"),
        Err(RegistrationError::Cancelled | RegistrationError::ModeNotOffered) => FieldError::new("invalid_mode"),
        Err(other) => return Err(other.into()),
    };
    let ctx = manage_view(&reg, &event, &state.base_url, lang.lang, FieldErrors::one("mode", message), None, None);
    Ok(Page::new("public/manage.html", lang, ctx).status(StatusCode::CONFLICT).secret().into_response())
}

/// The confirmation step before cancelling.
pub async fn cancel_page(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((reg, event)) = load_by_token(&state, &token).await? else { return Ok(not_found(lang).secret_headers()) };
    if reg.status == RegistrationStatus::Cancelled {
        return Ok(Redirect::to(&format!("/r/{token}")).into_response());
    }
    let ctx = context! { event => event_view(&event, lang.lang), base_path => format!("/r/{token}") };
    Ok(Page::new("public/cancel.html", lang, ctx).secret().into_response())
}

pub async fn cancel(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let owned_token = token.clone();
    let cancelled =
        state.db.write(move |txn| keep(async move { service::cancel(txn, &owned_token, now()).await })).await;
    match cancelled {
        Ok(_) => Ok(Redirect::to(&format!("/r/{token}")).into_response()),
        Err(RegistrationError::NotFound) => Ok(not_found(lang).secret_headers()),
        Err(RegistrationError::Closed(_)) => Ok(Redirect::to(&format!("/r/{token}")).into_response()),
        Err(other) => Err(other.into()),
    }
}

pub async fn lost_link_page(
    State(state): State<AppState>,
    lang: PageLang,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let Some(event) = public_event(&state, &slug).await? else { return Ok(not_found(lang)) };
    let ctx = context! { event => event_view(&event, lang.lang), values => context! {}, errors => context! {}, sent => false };
    Ok(Page::new("public/lost_link.html", lang, ctx).into_response())
}

pub async fn lost_link(
    State(state): State<AppState>,
    lang: PageLang,
    Path(slug): Path<String>,
    form: FormFields,
) -> Result<Response, AppError> {
    let Some(event) = public_event(&state, &slug).await? else { return Ok(not_found(lang)) };
    let email = match EmailAddress::parse(form.get("email").unwrap_or("")) {
        Ok(e) => e,
        Err(_) => {
            let errors = FieldErrors::one("email", FieldError::new("invalid_email")).in_language(lang.lang);
            let ctx = context! { event => event_view(&event, lang.lang), values => form.0.clone(), errors => errors, sent => false };
            return Ok(Page::new("public/lost_link.html", lang, ctx)
                .status(StatusCode::UNPROCESSABLE_ENTITY)
                .into_response());
        }
    };
    let event_id = event.id;
    state
        .db
        .write(move |txn| keep(async move { service::lost_link(txn, event_id, email.as_str(), now()).await }))
        .await?;
    let ctx =
        context! { event => event_view(&event, lang.lang), values => context! {}, errors => context! {}, sent => true };
    Ok(Page::new("public/lost_link.html", lang, ctx).into_response())
}

trait SecretHeaders {
    fn secret_headers(self) -> Self;
}

impl SecretHeaders for Response {
    /// A 404 reached through a (mistyped) secret link is not cached or referred either.
    fn secret_headers(mut self) -> Self {
        crate::web::security::page_headers(&mut self, true);
        self
    }
}
