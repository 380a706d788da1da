//! Events in the back office: the list, the create and edit form (with the custom questions
//! editor), and publish / close / cancel.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::event;
use minijinja::{Value, context};
use serde_json::Value as Json;

use crate::attendance::stats;
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::events::input::{EventInput, Question};
use crate::events::service::{self as events, EventError};
use crate::events::view::zone;
use crate::i18n::format_span;
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::{OrganizerPage, StaffPage};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

use super::event_form::{ZONES, document, form_field, form_labels, retention_hint, values_of};
use super::form_rows::row_count;

pub async fn home(_: StaffPage) -> Redirect {
    Redirect::to("/admin/events")
}

/// The events; check-in staff see them too, with the way to their desk.
pub async fn list(
    State(state): State<AppState>,
    StaffPage(me): StaffPage,
    lang: PageLang,
) -> Result<Response, AppError> {
    let mut rows = Vec::new();
    for e in events::list(state.db.read()).await? {
        let counts = stats::for_event(state.db.read(), &e).await?;
        rows.push(context! {
            id => e.id.to_string(), title => &e.title, status => e.status.as_str(),
            when => format_span(e.starts_at, e.ends_at, zone(&e), lang.lang), counts => Value::from(minijinja::value::Serde(&counts)),
        });
    }
    let ctx = context! { events => rows, ..chrome(&me, "events") };
    Ok(Page::new("admin/events.html", lang, ctx).into_response())
}

fn form_page(
    user: &crate::web::identity::CurrentUser,
    lang: PageLang,
    event_id: Option<String>,
    values: BTreeMap<String, String>,
    errors: FieldErrors,
    status: StatusCode,
) -> Response {
    form_page_with(user, lang, event_id, values, errors, status, None)
}

fn form_page_with(
    user: &crate::web::identity::CurrentUser,
    lang: PageLang,
    event_id: Option<String>,
    values: BTreeMap<String, String>,
    errors: FieldErrors,
    status: StatusCode,
    done: Option<String>,
) -> Response {
    // Every row there is, plus one blank row to add to without the page's script.
    let (questions, items) = (row_count(&values, 'q'), row_count(&values, 'p'));
    let errors = errors.map_fields(form_field);
    let summary = errors.summary(lang.lang, &form_labels(lang.lang, questions + 1, items + 1));
    let retention_hint = retention_hint(&values, lang.lang);
    let ctx = context! {
        event_id => event_id, values => values, errors => errors.in_language(lang.lang), summary => summary,
        retention_hint => retention_hint,
        zones => ZONES.to_vec(), question_rows => (0..=questions).collect::<Vec<_>>(),
        programme_rows => (0..=items).collect::<Vec<_>>(), new_question => questions, new_item => items, done => done,
        ..chrome(user, "events")
    };
    Page::new("admin/event_form.html", lang, ctx).status(status).into_response()
}

pub async fn new_page(OrganizerPage(me): OrganizerPage, lang: PageLang) -> Response {
    let mut values = BTreeMap::new();
    for (k, v) in [
        ("timezone", "Europe/Brussels"),
        ("mode_in_person", "on"),
        ("mode_online", "on"),
        ("waitlist", "on"),
        ("reminder_hours_before", "24"),
        ("retention_days", "180"),
        ("access", "open"),
        ("status", "draft"),
    ] {
        values.insert(k.to_owned(), v.to_owned());
    }
    form_page(&me, lang, None, values, FieldErrors::new(), StatusCode::OK)
}

pub async fn create(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    form: FormFields,
) -> Result<Response, AppError> {
    let values: BTreeMap<String, String> = form.strings();
    let (doc, mut errors) = document(&form);
    let parsed = serde_json::from_value::<EventInput>(doc)
        .map_err(|e| FieldErrors::one("form", FieldError::new("invalid_value").with("detail", e)));
    let spec = match parsed.and_then(|input| input.parse()) {
        Ok(spec) if errors.is_empty() => spec,
        Ok(_) => return Ok(form_page(&me, lang, None, values, errors, StatusCode::UNPROCESSABLE_ENTITY)),
        Err(more) => {
            errors.extend(more);
            return Ok(form_page(&me, lang, None, values, errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let by = me.id;
    match state.db.write(move |txn| keep(events::create(txn, spec, Some(by), now()))).await {
        Ok(e) => Ok(Redirect::to(&format!("/admin/events/{}", e.id)).into_response()),
        Err(EventError::Conflict(field, error)) => {
            Ok(form_page(&me, lang, None, values, FieldErrors::one(field, error), StatusCode::CONFLICT))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn edit_page(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    uri: axum::http::Uri,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    // After a copy, the new edition's form says so.
    let copied = uri.query().unwrap_or("").split('&').any(|pair| pair == "done=copied");
    let done = copied.then(|| crate::i18n::t(lang.lang, "done-copied", &[]));
    Ok(form_page_with(&me, lang, Some(id.to_string()), values_of(&e), FieldErrors::new(), StatusCode::OK, done))
}

pub async fn update(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let values: BTreeMap<String, String> = form.strings();
    let (doc, errors) = document(&form);
    if !errors.is_empty() {
        return Ok(form_page(&me, lang, Some(id.to_string()), values, errors, StatusCode::UNPROCESSABLE_ENTITY));
    }
    apply(&state, &me, lang, id, doc, values).await
}

/// Applies a patch and answers the dashboard, or the form again with what went wrong.
async fn apply(
    state: &AppState,
    me: &crate::web::identity::CurrentUser,
    lang: PageLang,
    id: uuid::Uuid,
    patch: Json,
    values: BTreeMap<String, String>,
) -> Result<Response, AppError> {
    match state.db.write(move |txn| keep(async move { events::update(txn, id, &patch, now()).await })).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/events/{id}")).into_response()),
        Err(EventError::Invalid(errors)) => {
            Ok(form_page(me, lang, Some(id.to_string()), values, errors, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(EventError::Conflict(field, error)) => {
            Ok(form_page(me, lang, Some(id.to_string()), values, FieldErrors::one(field, error), StatusCode::CONFLICT))
        }
        Err(other) => Err(other.into()),
    }
}

/// Question labels for the dashboard and lists.
pub fn question_labels(e: &event::Model) -> Vec<Value> {
    crate::events::view::questions(e)
        .into_iter()
        .map(|q: Question| context! { key => q.key, label => q.label.get("en").cloned().unwrap_or_default() })
        .collect()
}
