//! One registration in the back office: its details and answers (editable by organizers),
//! its mails with their state and a resend, its history, and the actions on it.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{AttendanceMode, RegistrationStatus, event, outbox_email, registration};
use minijinja::{Value, context};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;
use uuid::Uuid;

use super::page_views::{answer_values, question_views, register_form_labels};
use super::service::{self, RegistrationError};
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, FieldErrors};
use crate::events::service as events;
use crate::events::view::zone;
use crate::history::Actor;
use crate::i18n::{format_short, t};
use crate::web::AppState;
use crate::web::form::FormFields;
use crate::web::identity::{CurrentUser, OrganizerPage};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

fn ids(event_id: &str, registration_id: &str) -> Result<(Uuid, Uuid), AppError> {
    match (Uuid::parse_str(event_id), Uuid::parse_str(registration_id)) {
        (Ok(e), Ok(r)) => Ok((e, r)),
        _ => Err(AppError::NotFound),
    }
}

async fn person_page(
    state: &AppState,
    me: &CurrentUser,
    lang: PageLang,
    (e, reg): (&event::Model, &registration::Model),
    values: Option<BTreeMap<String, Value>>,
    errors: FieldErrors,
    done: Option<String>,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let tz = zone(e);
    let mails: Vec<Value> = outbox_email::Entity::find()
        .filter(outbox_email::Column::RegistrationId.eq(reg.id))
        .order_by_desc(outbox_email::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            context! {
                id => m.id.to_string(), kind => t(lang.lang, &format!("mail-kind-{}", m.kind), &[]),
                status => format!("{:?}", m.status).to_lowercase(), queued_at => format_short(m.created_at, tz, lang.lang),
                sent_at => m.sent_at.map(|at| format_short(at, tz, lang.lang)), error => mail_note(&m, tz, lang.lang),
            }
        })
        .collect();
    let values = values.unwrap_or_else(|| {
        let mut v = answer_values(reg.answers());
        for (field, value) in [
            ("first_name", reg.first_name()),
            ("last_name", reg.last_name()),
            ("organization", reg.organization.as_str()),
        ] {
            v.insert(field.to_owned(), Value::from(value));
        }
        v.insert("language".to_owned(), Value::from(reg.language.code()));
        v
    });
    let mut labels = register_form_labels(e, lang.lang);
    labels.push(("language".to_owned(), t(lang.lang, "field-language", &[])));
    let held_free = e.in_person_held_used < e.in_person_held;
    let active = reg.status.is_open() && !reg.is_erased();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        event => context! { id => e.id.to_string(), title => &e.title },
        person => context! {
            id => reg.id.to_string(), email => reg.email(),
            name => if reg.is_erased() { t(lang.lang, "person-erased-name", &[]) } else { format!("{} {}", reg.first_name(), reg.last_name()) },
            erased_on => reg.erased_at.map(|at| format_short(at, tz, lang.lang)),
            mode => reg.mode.as_str(), status => reg.status.as_str(), held => reg.held_seat,
            registered_at => format_short(reg.created_at, tz, lang.lang),
            consent => t(lang.lang, "person-consent", &[("when", &format_short(reg.consent_at, tz, lang.lang)), ("how", &reg.consent_source)]),
            ticket => crate::facts::ticket_code(reg).map(|code| crate::facts::ticket_code_grouped(&code)),
            other_mode => if reg.mode == AttendanceMode::InPerson { "online" } else { "in_person" },
            active => active, can_promote => reg.status == RegistrationStatus::Waitlisted,
            can_hold => active && held_free && !reg.held_seat,
        },
        questions => question_views(e, lang.lang), values => values,
        errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels),
        mails => mails, history => super::history_view::timeline(db, reg, tz, lang.lang).await?,
        done => done,
        ..chrome(me, "events")
    };
    Ok(Page::new("admin/registration.html", lang, ctx).status(status).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    Path((event_id, registration_id)): Path<(String, String)>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let (event_id, registration_id) = ids(&event_id, &registration_id)?;
    let e = events::get(state.db.read(), event_id).await?;
    let reg = service::find_in_event(state.db.read(), event_id, registration_id).await?;
    let done = query.get("done").map(|d| format!("notice-{d}")).filter(|key| crate::i18n::has(lang.lang, key));
    let done = done.map(|key| t(lang.lang, &key, &[]));
    person_page(&state, &me, lang, (&e, &reg), None, FieldErrors::new(), done).await
}

/// An organizer edits the person's details and answers (on their behalf, recorded as theirs).
pub async fn edit(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    Path((event_id, registration_id)): Path<(String, String)>,
    form: FormFields,
) -> Result<Response, AppError> {
    let (event_id, registration_id) = ids(&event_id, &registration_id)?;
    let e = events::get(state.db.read(), event_id).await?;
    let reg = service::find_in_event(state.db.read(), event_id, registration_id).await?;
    let input = super::page_views::details_patch(&form, &e);
    let changes = match input.parse() {
        Ok(changes) => changes,
        Err(errors) => return person_page(&state, &me, lang, (&e, &reg), Some(form.values()), errors, None).await,
    };
    let (id, actor) = (reg.id, Actor::Organizer(me.email.clone()));
    let result = state
        .db
        .write(move |txn| {
            keep(async move { service::update_by(txn, service::RegistrationRef::Id(id), changes, &actor, now()).await })
        })
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/events/{event_id}/registrations/{registration_id}?done=edited"))
            .into_response()),
        Err(RegistrationError::Invalid(errors)) => {
            person_page(&state, &me, lang, (&e, &reg), Some(form.values()), errors, None).await
        }
        Err(RegistrationError::Cancelled) => {
            Ok(Redirect::to(&format!("/admin/events/{event_id}/registrations/{registration_id}?done=is-cancelled"))
                .into_response())
        }
        Err(other) => Err(other.into()),
    }
}

fn held_form_page(
    me: &CurrentUser,
    lang: PageLang,
    e: &event::Model,
    form: Option<&FormFields>,
    errors: FieldErrors,
) -> Response {
    let labels: Vec<(String, String)> = ["first_name", "last_name", "email", "organization"]
        .into_iter()
        .map(|f| (f.to_owned(), t(lang.lang, &format!("field-{f}"), &[])))
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        event => context! { id => e.id.to_string(), title => &e.title, held => e.in_person_held, given => e.in_person_held_used },
        values => form.map(FormFields::values).unwrap_or_default(),
        errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels),
        ..chrome(me, "events")
    };
    Page::new("admin/held_new.html", lang, ctx).status(status).into_response()
}

/// `GET /admin/events/{id}/held-seat`: give a held seat to someone not registered yet.
pub async fn held_form(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    crate::web::extract::PathId(id): crate::web::extract::PathId,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    Ok(held_form_page(&me, lang, &e, None, FieldErrors::new()))
}

pub async fn held_create(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    crate::web::extract::PathId(id): crate::web::extract::PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let input = super::input::RegistrationInput {
        first_name: form.owned("first_name"),
        last_name: form.owned("last_name"),
        email: form.owned("email"),
        organization: form.owned("organization"),
        mode: Some("in_person".to_owned()),
        language: form.owned("language"),
        // The organizer gives the seat on the person's behalf; the source says so.
        consent: Some(true),
        ..Default::default()
    };
    let new = match input.parse(&format!("held seat given by {}", me.email)) {
        Ok(new) => new,
        Err(errors) => return Ok(held_form_page(&me, lang, &e, Some(&form), errors)),
    };
    let options = service::RegisterOptions { notify: true, held_seat: true, actor: Actor::Organizer(me.email.clone()) };
    let outcome = state.db.write(move |txn| keep(service::register_with(txn, id, new, options, now()))).await;
    match outcome {
        Ok(service::RegisterOutcome::Registered { registration, .. }) => {
            Ok(Redirect::to(&format!("/admin/events/{id}/registrations/{}?done=held", registration.id)).into_response())
        }
        Ok(service::RegisterOutcome::AlreadyRegistered) => {
            let error = crate::error::FieldError::new("already_registered_here");
            Ok(held_form_page(&me, lang, &e, Some(&form), FieldErrors::one("email", error)))
        }
        Err(RegistrationError::CapacityFull) => {
            let error = crate::error::FieldError::new("no_held_seat_left");
            Ok(held_form_page(&me, lang, &e, Some(&form), FieldErrors::one("first_name", error)))
        }
        Err(RegistrationError::Invalid(errors)) => Ok(held_form_page(&me, lang, &e, Some(&form), errors)),
        Err(other) => Err(other.into()),
    }
}

/// What the person page says under a mail's state: when a deferred mail goes (it holds the
/// latest state), or why the last attempt failed.
fn mail_note(mail: &outbox_email::Model, tz: chrono_tz::Tz, lang: entity::Language) -> Option<String> {
    if mail.status == entity::OutboxStatus::Deferred {
        let when = format_short(mail.next_attempt_at, tz, lang);
        return Some(crate::i18n::t(lang, "mail-deferred-until", &[("when", when.as_str())]));
    }
    mail.last_error.clone()
}
