//! The registrant's own pages behind their secret link: see the registration (with the ticket
//! or the stream link), edit details, switch mode, cancel with a confirmation step.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{AttendanceMode, RegistrationStatus, event, registration};
use minijinja::{Value, context};

use super::input::RegistrationPatchInput;
use super::page_views::{
    SecretHeaders, answer_values, event_view, manage_form_labels, mode_options, not_found, question_views,
};
use super::policy;
use super::service::{self, RegistrationError};
use super::view::{join_url, may_follow_online};
use crate::db::keep;
use crate::domain::{Language, now};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::events::view::questions;
use crate::i18n::t;
use crate::web::AppState;
use crate::web::form::FormFields;
use crate::web::lang::PageLang;
use crate::web::pages::Page;

fn manage_view(
    (reg, token): (&registration::Model, &str),
    event: &event::Model,
    base_url: &str,
    lang: Language,
    errors: FieldErrors,
    values: Option<BTreeMap<String, Value>>,
    flash: Option<String>,
) -> Value {
    let seated = reg.status == RegistrationStatus::Confirmed && reg.mode == AttendanceMode::InPerson;
    // Without the key the code was sealed with, the ticket cannot be shown: the page says so.
    let code = crate::facts::ticket_code(reg).filter(|_| seated);
    let ticket = code.as_ref().map(|code| {
        context! { code => code, grouped => crate::facts::ticket_code_grouped(code), qr => crate::mail::qr::svg_data_url(code) }
    });
    let ticket_unavailable = seated && ticket.is_none();
    let values = values.unwrap_or_else(|| {
        let mut v = answer_values(reg.answers());
        v.insert("first_name".into(), Value::from(reg.first_name()));
        v.insert("last_name".into(), Value::from(reg.last_name()));
        v.insert("organization".into(), Value::from(reg.organization.as_str()));
        v.insert("language".into(), Value::from(reg.language.code()));
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
            waitlist_reason => super::view::waitlist_reason(reg),
            last_name => &reg.last_name, email => &reg.email, organization => &reg.organization,
        },
        ticket => ticket,
        ticket_unavailable => ticket_unavailable,
        join_url => (may_follow_online(reg, event) && crate::facts::join_token(reg).is_some()).then(|| join_url(base_url, reg)),
        base_path => format!("/r/{token}"),
        other_modes => other_modes,
        can_switch => policy::may_switch(now(), event.starts_at),
        can_cancel => policy::may_cancel(now(), event.ends_at),
        questions => question_views(event, lang),
        values => values,
        errors => errors.in_language(lang),
        summary => errors.summary(lang, &manage_form_labels(event, lang)),
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
    let lang = registrant_lang(lang, &reg);
    let flash = flash(uri.query().unwrap_or(""), &reg, &event, lang.lang);
    let ctx = manage_view((&reg, &token), &event, &state.base_url, lang.lang, FieldErrors::new(), None, flash);
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
    let lang = registrant_lang(lang, &reg);
    let input = super::page_views::details_patch(&form, &event);
    let show_errors = |errors: FieldErrors| {
        let values = form.values();
        let ctx = manage_view((&reg, &token), &event, &state.base_url, lang.lang, errors, Some(values), None);
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
        Ok((after, _)) => {
            let changed = changed_fields(&reg, &after).join(",");
            Ok(Redirect::to(&format!("/r/{token}?done=saved&changed={changed}")).into_response())
        }
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
    let lang = registrant_lang(lang, &reg);
    let input = RegistrationPatchInput { mode: form.owned("mode"), ..Default::default() };
    let Ok(changes) = input.parse() else { return Ok(Redirect::to(&format!("/r/{token}")).into_response()) };
    let owned_token = token.clone();
    let switched =
        state.db.write(move |txn| keep(async move { service::update(txn, &owned_token, changes, now()).await })).await;
    let message = match switched {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/r/{token}?done=switched")).into_response());
        }
        Err(RegistrationError::CapacityFull) => FieldError::new("mode_full"),
        Err(RegistrationError::OrganizationFull) => FieldError::new("organization_full"),
        Err(RegistrationError::Closed(_)) => FieldError::new("switch_closed"),
        Err(RegistrationError::Cancelled | RegistrationError::ModeNotOffered) => FieldError::new("invalid_mode"),
        Err(other) => return Err(other.into()),
    };
    let ctx =
        manage_view((&reg, &token), &event, &state.base_url, lang.lang, FieldErrors::one("mode", message), None, None);
    Ok(Page::new("public/manage.html", lang, ctx).status(StatusCode::CONFLICT).secret().into_response())
}

/// The confirmation step before cancelling.
pub async fn cancel_page(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((reg, event)) = load_by_token(&state, &token).await? else { return Ok(not_found(lang).secret_headers()) };
    let lang = registrant_lang(lang, &reg);
    if !reg.status.is_open() {
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
        Ok(_) => Ok(Redirect::to(&format!("/r/{token}?done=cancelled")).into_response()),
        Err(RegistrationError::NotFound) => Ok(not_found(lang).secret_headers()),
        Err(RegistrationError::Closed(_)) => Ok(Redirect::to(&format!("/r/{token}")).into_response()),
        Err(other) => Err(other.into()),
    }
}

/// The registrant's pages speak the registrant's language, unless the visitor chose one
/// (a language link, or a remembered choice).
fn registrant_lang(lang: PageLang, reg: &registration::Model) -> PageLang {
    if lang.explicit { lang } else { PageLang::fixed(reg.language, lang.path.clone()) }
}

/// The fields an edit changed, as the form names them.
fn changed_fields(before: &registration::Model, after: &registration::Model) -> Vec<String> {
    let mut changed: Vec<String> = [
        ("first_name", before.first_name != after.first_name),
        ("last_name", before.last_name != after.last_name),
        ("organization", before.organization != after.organization),
        ("language", before.language != after.language),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .map(|(field, _)| field.to_owned())
    .collect();
    let keys: std::collections::BTreeSet<&String> = before.answers().keys().chain(after.answers().keys()).collect();
    for key in keys {
        if before.answers().get(key) != after.answers().get(key) {
            changed.push(format!("answers.{key}"));
        }
    }
    changed
}

/// The notice after a registration, a switch, an edit or a cancellation: what is now true.
fn flash(query: &str, reg: &registration::Model, event: &event::Model, lang: Language) -> Option<String> {
    let param =
        |name: &str| query.split('&').find_map(|pair| pair.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')));
    if param("welcome") == Some("1") {
        let key = match reg.status {
            RegistrationStatus::Waitlisted => "registered-waitlist",
            RegistrationStatus::Pending => "registered-pending",
            _ => "registered-confirmed",
        };
        return Some(t(lang, key, &[]));
    }
    match param("done")? {
        "switched" => Some(t(lang, "done-switched", &[("mode", reg.mode.as_str()), ("status", reg.status.as_str())])),
        "cancelled" => Some(t(lang, "done-cancelled", &[])),
        "saved" => {
            let labels: Vec<String> = param("changed")
                .unwrap_or("")
                .split(',')
                .filter_map(|field| match field.strip_prefix("answers.") {
                    Some(key) => {
                        questions(event).into_iter().find(|q| q.key == key).map(|q| q.label_in(lang.code()).to_owned())
                    }
                    None if matches!(field, "first_name" | "last_name" | "organization" | "language") => {
                        Some(t(lang, &format!("field-{field}"), &[]))
                    }
                    None => None,
                })
                .collect();
            if labels.is_empty() {
                Some(t(lang, "done-nothing-changed", &[]))
            } else {
                Some(t(lang, "done-saved", &[("fields", &labels.join(", "))]))
            }
        }
        _ => None,
    }
}
