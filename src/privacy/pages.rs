//! The back office's privacy pages: erasing an event's or a person's personal data (a
//! confirmation that says what goes and what stays; the event's title typed for a whole
//! event), and the audit of one event.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::{audit, policy, service};
use crate::domain::now;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::events::service as events;
use crate::events::view::zone;
use crate::history::Actor;
use crate::i18n::{format_short, t};
use crate::web::AppState;
use crate::web::extract::PathId;
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

/// `GET /admin/events/{id}/erase`.
pub async fn erase_event_page(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    event_confirmation(&state, &me, lang, id, FieldErrors::new()).await
}

async fn event_confirmation(
    state: &AppState,
    me: &CurrentUser,
    lang: PageLang,
    id: Uuid,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let people = entity::registration::Entity::find()
        .filter(entity::registration::Column::EventId.eq(id))
        .filter(entity::registration::Column::ErasedAt.is_null())
        .count(state.db.read())
        .await?;
    let may = policy::may_erase_event(&e, now());
    let labels = [("confirm_title".to_owned(), t(lang.lang, "confirm-type-title", &[]))];
    let status = match (may, errors.is_empty()) {
        (false, _) => StatusCode::CONFLICT,
        (true, true) => StatusCode::OK,
        (true, false) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let ctx = context! {
        event => context! { id => id.to_string(), title => &e.title }, whole_event => true, may => may, count => people,
        errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels),
        ..chrome(me, "events")
    };
    Ok(Page::new("admin/confirm_erase.html", lang, ctx).status(status).into_response())
}

/// `POST /admin/events/{id}/erase`: with the title typed, erases every registration.
pub async fn erase_event(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    if !policy::may_erase_event(&e, now()) {
        return event_confirmation(&state, &me, lang, id, FieldErrors::new()).await;
    }
    if form.get("confirm_title").unwrap_or("").trim() != e.title.trim() {
        let errors = FieldErrors::one("confirm_title", FieldError::new("title_mismatch"));
        return event_confirmation(&state, &me, lang, id, errors).await;
    }
    let actor = Actor::Organizer(me.email.clone());
    let erased =
        service::erase_event(&state.db, &state.config.mail.outbox_dir, id, (actor, audit::Action::EraseEvent), now())
            .await?;
    Ok(Redirect::to(&format!("/admin/events/{id}?done=erased&count={erased}")).into_response())
}

/// `GET /admin/events/{id}/registrations/{registration_id}/erase`.
pub async fn erase_person_page(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    Path((event_id, registration_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event_id, registration_id) = ids(&event_id, &registration_id)?;
    let e = events::get(state.db.read(), event_id).await?;
    let reg = crate::registrations::service::find_in_event(state.db.read(), event_id, registration_id).await?;
    if reg.is_erased() {
        return Ok(Redirect::to(&format!("/admin/events/{event_id}/registrations/{registration_id}")).into_response());
    }
    let gives_seat_back = now() < e.ends_at && reg.status.holds_place();
    let ctx = context! {
        event => context! { id => event_id.to_string(), title => &e.title }, whole_event => false, may => true,
        person => context! { id => reg.id.to_string(), name => format!("{} {}", reg.first_name(), reg.last_name()) },
        gives_seat_back => gives_seat_back, errors => FieldErrors::new().in_language(lang.lang),
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/confirm_erase.html", lang, ctx).into_response())
}

/// `POST …/registrations/{registration_id}/erase`: erases one person, back to their page.
pub async fn erase_person(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    Path((event_id, registration_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event_id, registration_id) = ids(&event_id, &registration_id)?;
    crate::registrations::service::find_in_event(state.db.read(), event_id, registration_id).await?;
    let actor = Actor::Organizer(me.email.clone());
    let person = service::Person::Id(registration_id);
    service::erase_person(&state.db, &state.config.mail.outbox_dir, person, actor, now()).await?;
    Ok(Redirect::to(&format!("/admin/events/{event_id}/registrations/{registration_id}?done=erased")).into_response())
}

/// `GET /admin/events/{id}/audit`: who exported, downloaded, erased, newest first.
pub async fn audit_page(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    Query(query): Query<std::collections::BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let before = query.get("before").and_then(|c| Uuid::parse_str(c).ok());
    let page = audit::list(state.db.read(), Some(id), before, 50).await?;
    let tz = zone(&e);
    let entries: Vec<minijinja::Value> = page
        .items
        .iter()
        .map(|entry| {
            let action = t(lang.lang, &format!("audit-action-{}", entry.action.replace('_', "-")), &[]);
            context! { at => format_short(entry.at, tz, lang.lang), actor => &entry.actor, action => action, count => entry.count }
        })
        .collect();
    let ctx = context! {
        event => context! { id => id.to_string(), title => &e.title }, entries => entries,
        next => page.next_cursor.map(|c| c.to_string()), first_page => before.is_none(),
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/audit.html", lang, ctx).into_response())
}
