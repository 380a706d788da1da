//! The partner's public pages: the event page with its registration form, and "lost your
//! link?". Forms work without JavaScript. The registrant's own pages are in `manage_pages`.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;

use super::input::{ConsentShown, RegistrationInput};
use super::page_views::{closed_reason, event_view, not_found, posted_answers, public_event, register_form_labels};
use super::service::{self, RegisterOutcome, RegistrationError};
use crate::db::keep;
use crate::domain::{EmailAddress, now};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::events::view::questions;
use crate::i18n::t;
use crate::web::AppState;
use crate::web::compressed::{self, Encoding};
use crate::web::form::FormFields;
use crate::web::lang::PageLang;
use crate::web::page_cache::EventPageVersion;
use crate::web::pages::Page;

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
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let read = public_event(&state, &slug);
    let Some(event) = state.event_pages.event(&state.db, &slug, read).await? else { return Ok(not_found(lang)) };
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
        let ctx = context! {
            event => event_view(&event, lang.lang), values => values, errors => context! {}, invite => query.invite,
        };
        // The invitation's token is in the address: like other secret links, never cached or referred.
        return Ok(Page::new("public/event.html", lang, ctx).secret().into_response());
    }
    let version = EventPageVersion::of(&event, &lang, closed_reason(&event, lang.lang).is_none());
    let page = match state.event_pages.get(&version) {
        Some(cached) => cached,
        None => {
            let ctx = context! { event => event_view(&event, lang.lang), values => context! {}, errors => context! {} };
            let html = Page::new("public/event.html", lang.clone(), ctx)
                .html()
                .map_err(|err| AppError::Internal(anyhow::anyhow!("event page: {err:#}")))?;
            state.event_pages.put(version, html)
        }
    };
    let (encoding, body) = page.body(Encoding::preferred(&headers));
    let mut response = Page::new("public/event.html", lang, context! {}).respond_with(body);
    compressed::mark(&mut response, encoding);
    Ok(response)
}

pub async fn register(
    State(state): State<AppState>,
    client: crate::web::client::ClientIp,
    lang: PageLang,
    Path(slug): Path<String>,
    form: FormFields,
) -> Result<Response, AppError> {
    // The form obeys CONVENE_RATE_LIMIT_REGISTER like the API.
    state.check_register_limit(client)?;
    let Some(event) = public_event(&state, &slug).await? else { return Ok(not_found(lang)) };
    let input = RegistrationInput {
        first_name: form.owned("first_name"),
        last_name: form.owned("last_name"),
        email: form.owned("email"),
        organization: form.owned("organization"),
        // "Join the waiting list for the room" after being told the organization's seats are used.
        mode: if form.get("choice") == Some("wait") { Some("in_person".to_owned()) } else { form.owned("mode") },
        language: form.owned("language").or_else(|| Some(lang.lang.code().to_owned())),
        consent: Some(form.checked("consent")),
        answers: Some(posted_answers(&form, &event)),
        future_invitations: Some(form.checked("future_invitations")),
        held_seat: None,
        invitation_token: form.owned("invite"),
    };
    let again = |errors: FieldErrors, notice: Option<String>, status: StatusCode| {
        let mut values = form.values();
        let organization_full = errors.get("mode").is_some_and(|e| e.code == "organization_full_choose");
        if organization_full {
            // Offered first: the online mode; keeping the room means joining its waiting list.
            values.insert("mode".to_owned(), minijinja::Value::from("online"));
        }
        let ctx = context! {
            organization_full => organization_full,
            event => event_view(&event, lang.lang), values => values, errors => errors.in_language(lang.lang),
            summary => errors.summary(lang.lang, &register_form_labels(&event, lang.lang)), notice => notice,
            invite => form.get("invite"),
        };
        let page = Page::new("public/event.html", lang.clone(), ctx).status(status);
        // An invitation's token came with the form: the answer carries it, like the link's page.
        if form.get("invite").is_some() { page.secret().into_response() } else { page.into_response() }
    };
    let new = match input.parse("form") {
        Ok(mut new) => {
            // The form showed the consent sentence and privacy link in the page's language.
            let privacy_url = crate::branding::current().privacy_url(lang.lang).map(str::to_owned);
            new.consent_shown = Some(ConsentShown { language: lang.lang, privacy_url });
            new
        }
        Err(mut errors) => {
            // Every problem at once: the answers too, not only after the rest is fixed.
            if let Err(answer_errors) = super::answers::check(&questions(&event), &posted_answers(&form, &event)) {
                errors.extend(answer_errors);
            }
            return Ok(again(errors, None, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    // Said before registering: a person whose organization has used its seats in the room
    // chooses between following online and the waiting line, rather than landing in it.
    if new.mode == entity::AttendanceMode::InPerson
        && event.offers_online
        && form.get("choice") != Some("wait")
        && crate::seats::organizations::is_full(state.db.read(), &event, &new.organization, now()).await?
    {
        let errors = FieldErrors::one("mode", FieldError::new("organization_full_choose"));
        return Ok(again(errors, None, StatusCode::CONFLICT));
    }
    let event_id = event.id;
    let outcome = super::together::register(&state.db, event_id, new).await;
    match outcome {
        Ok(RegisterOutcome::Registered { registration, .. }) => {
            let token = crate::facts::manage_token(&registration).unwrap_or_default();
            Ok(Redirect::to(&format!("/r/{token}?welcome=1")).into_response())
        }
        Ok(RegisterOutcome::AlreadyRegistered) => {
            Ok(again(FieldErrors::new(), Some(t(lang.lang, "already-registered", &[])), StatusCode::CONFLICT))
        }
        Err(RegistrationError::Invalid(errors)) => Ok(again(errors, None, StatusCode::UNPROCESSABLE_ENTITY)),
        Err(RegistrationError::CapacityFull) => {
            Ok(again(FieldErrors::one("mode", FieldError::new("mode_full")), None, StatusCode::CONFLICT))
        }
        Err(RegistrationError::OrganizationFull) => {
            Ok(again(FieldErrors::one("mode", FieldError::new("organization_full")), None, StatusCode::CONFLICT))
        }
        Err(RegistrationError::ModeNotOffered) => {
            Ok(again(FieldErrors::one("mode", FieldError::new("invalid_mode")), None, StatusCode::CONFLICT))
        }
        Err(RegistrationError::Closed(_)) => Ok(again(FieldErrors::new(), None, StatusCode::CONFLICT)),
        Err(RegistrationError::NotInvited) => {
            Ok(again(FieldErrors::new(), Some(t(lang.lang, "not-invited", &[])), StatusCode::CONFLICT))
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct OrganizationQuery {
    name: Option<String>,
}

/// `GET /e/{slug}/organization-seats?name=…`: whether that organization has used its seats in
/// the room, for the form to say so as soon as it is typed (the same check as on submit).
pub async fn organization_seats(
    State(state): State<AppState>,
    lang: PageLang,
    Path(slug): Path<String>,
    axum::extract::Query(query): axum::extract::Query<OrganizationQuery>,
) -> Result<Response, AppError> {
    let Some(event) = public_event(&state, &slug).await? else { return Err(AppError::NotFound) };
    let name = query.name.unwrap_or_default();
    let full = name.len() <= 300 && crate::seats::organizations::is_full(state.db.read(), &event, &name, now()).await?;
    let message = full.then(|| t(lang.lang, "organization-full-hint", &[]));
    Ok(axum::Json(serde_json::json!({ "full": full, "message": message })).into_response())
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
    let email = match EmailAddress::parse_deliverable(form.get("email").unwrap_or("")) {
        Ok(e) => e,
        Err(_) => {
            let errors = FieldErrors::one("email", FieldError::new("invalid_email"));
            let summary = errors.summary(lang.lang, &[("email".to_owned(), t(lang.lang, "field-email", &[]))]);
            let ctx = context! {
                event => event_view(&event, lang.lang), values => form.values(), errors => errors.in_language(lang.lang),
                summary => summary, sent => false,
            };
            return Ok(Page::new("public/lost_link.html", lang, ctx)
                .status(StatusCode::UNPROCESSABLE_ENTITY)
                .into_response());
        }
    };
    let event_id = event.id;
    state
        .db
        .write(move |txn| {
            keep(async move { service::lost_link(txn, event_id, email.as_str(), lang.lang, now()).await })
        })
        .await?;
    let ctx =
        context! { event => event_view(&event, lang.lang), values => context! {}, errors => context! {}, sent => true };
    Ok(Page::new("public/lost_link.html", lang, ctx).into_response())
}
