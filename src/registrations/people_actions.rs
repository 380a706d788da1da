//! Actions on people that mail them and cannot be taken back with a click: cancelling one
//! registration, and cancelling or switching a selection. Each goes through a confirmation
//! page that names the people, says that each will be mailed, and takes the organizers'
//! message for the cancellation mail. Resending to a selection needs no confirmation.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{AttendanceMode, registration};
use minijinja::{Value, context};
use uuid::Uuid;

use super::input::RegistrationChanges;
use super::listing;
use super::service::{self, RegistrationError};
use crate::db::keep;
use crate::domain::{clean_multiline, now};
use crate::error::{AppError, FieldErrors};
use crate::events::service as events;
use crate::exports::attendees::AttendeeRow;
use crate::history::Actor;
use crate::i18n::t;
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::{CurrentUser, OrganizerPage};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

/// At most this many people in one action: a page of the table, four times over.
const MAX_SELECTION: usize = 200;

fn ids_of(form: &FormFields) -> Vec<Uuid> {
    form.all("ids").filter_map(|id| Uuid::parse_str(id.trim()).ok()).take(MAX_SELECTION).collect()
}

/// The confirmation page for `action` (`cancel` or `switch`) on `people`.
async fn confirmation(
    state: &AppState,
    me: &CurrentUser,
    lang: PageLang,
    event_id: Uuid,
    action: &str,
    people: Vec<registration::Model>,
    (note, errors): (&str, FieldErrors),
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), event_id).await?;
    let people: Vec<registration::Model> = people.into_iter().filter(|r| r.status.is_open()).collect();
    let listed: Vec<Value> = people
        .iter()
        .map(|r| {
            let target = if r.mode == AttendanceMode::InPerson { "online" } else { "in_person" };
            context! { id => r.id.to_string(), name => format!("{} {}", r.first_name(), r.last_name()),
            organization => &r.organization, mode => r.mode.as_str(), target => target }
        })
        .collect();
    let labels = [("note".to_owned(), t(lang.lang, "confirm-note", &[]))];
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        event => context! { id => event_id.to_string(), title => &e.title },
        action => action, people => listed, count => people.len(), note => note,
        errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels),
        ..chrome(me, "events")
    };
    Ok(Page::new("admin/confirm_people.html", lang, ctx).status(status).into_response())
}

/// `GET …/registrations/{id}/cancel`: the confirmation for one person.
pub async fn confirm_one(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    Path((event_id, registration_id, action)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let (Ok(event_id), Ok(registration_id)) = (Uuid::parse_str(&event_id), Uuid::parse_str(&registration_id)) else {
        return Err(AppError::NotFound);
    };
    if action != "cancel" {
        return Err(AppError::NotFound);
    }
    let reg = service::find_in_event(state.db.read(), event_id, registration_id).await?;
    confirmation(&state, &me, lang, event_id, "cancel", vec![reg], ("", FieldErrors::new())).await
}

/// `POST …/registrations/bulk`: an action on the ticked rows of the table.
pub async fn bulk(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let ids = ids_of(&form);
    let table = format!("/admin/events/{event_id}/registrations");
    if ids.is_empty() {
        return Ok(Redirect::to(&format!("{table}?done=none-selected")).into_response());
    }
    let people = listing::selected(state.db.read(), event_id, &ids).await?;
    match form.get("action") {
        Some(action @ ("cancel" | "switch")) => {
            confirmation(&state, &me, lang, event_id, action, people, ("", FieldErrors::new())).await
        }
        Some("resend") => {
            let ids: Vec<Uuid> = people.iter().filter(|r| r.status.is_open()).map(|r| r.id).collect();
            let n = ids.len();
            state
                .db
                .write(move |txn| {
                    keep(async move {
                        for id in ids {
                            service::resend_confirmation(txn, event_id, id, now()).await?;
                        }
                        Ok::<_, RegistrationError>(())
                    })
                })
                .await?;
            Ok(Redirect::to(&format!("{table}?done=resent&n={n}")).into_response())
        }
        Some("export") => {
            let e = events::get(state.db.read(), event_id).await?;
            let rows: Vec<AttendeeRow> =
                listing::selected_rows(state.db.read(), event_id, &ids).await?.into_iter().map(attendee_row).collect();
            let count = rows.len() as u64;
            crate::privacy::audit::record_now(
                &state.db,
                &me.email,
                crate::privacy::audit::Action::Export,
                Some(event_id),
                count,
            )
            .await?;
            crate::exports::routes::people_csv(&e, &rows, lang.lang)
                .map_err(|err| AppError::Internal(anyhow::anyhow!("selection export: {err}")))
        }
        _ => Ok(Redirect::to(&format!("{table}?done=none-selected")).into_response()),
    }
}

/// A table row as the export writes it.
fn attendee_row(row: listing::Row) -> AttendeeRow {
    let r = row.registration;
    AttendeeRow {
        id: r.id,
        first_name: r.first_name().to_owned(),
        last_name: r.last_name().to_owned(),
        email: r.email().to_owned(),
        answers: serde_json::to_value(r.answers()).ok(),
        organization: r.organization,
        mode: r.mode.as_str().to_owned(),
        status: r.status.as_str().to_owned(),
        language: r.language.code().to_owned(),
        created_at: r.created_at,
        checked_in_at: row.checked_in_at,
        joined_online_at: row.joined_at,
    }
}

/// `POST …/registrations/confirm`: does the confirmed action, each person in the same
/// transaction (all or nothing), and says what was done.
pub async fn confirmed(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let ids = ids_of(&form);
    let action = match form.get("action") {
        Some("cancel") => "cancel",
        Some("switch") => "switch",
        _ => return Err(AppError::NotFound),
    };
    let note = match clean_multiline(form.get("note"), false, 2000) {
        Ok(note) => note,
        Err(error) => {
            let people = listing::selected(state.db.read(), event_id, &ids).await?;
            let raw = form.get("note").unwrap_or("").to_owned();
            let problem = (raw.as_str(), FieldErrors::one("note", error));
            return confirmation(&state, &me, lang, event_id, action, people, problem).await;
        }
    };
    let actor = Actor::Organizer(me.email.clone());
    let outcome = state
        .db
        .write(move |txn| {
            keep(async move {
                let mut done = Vec::new();
                for reg in listing::selected(txn, event_id, &ids).await? {
                    if !reg.status.is_open() {
                        continue;
                    }
                    let note = Some(note.clone()).filter(|n| !n.is_empty());
                    if action == "cancel" {
                        service::cancel_with_note(txn, service::RegistrationRef::Id(reg.id), note, &actor, now())
                            .await?;
                    } else {
                        let target = if reg.mode == AttendanceMode::InPerson {
                            AttendanceMode::Online
                        } else {
                            AttendanceMode::InPerson
                        };
                        let changes = RegistrationChanges { mode: Some(target), ..Default::default() };
                        service::update_by(txn, service::RegistrationRef::Id(reg.id), changes, &actor, now()).await?;
                    }
                    done.push(reg.id);
                }
                Ok::<_, RegistrationError>(done)
            })
        })
        .await;
    let table = format!("/admin/events/{event_id}/registrations");
    let verb = if action == "cancel" { "cancelled" } else { "switched" };
    match outcome {
        Ok(done) if done.len() == 1 => {
            Ok(Redirect::to(&format!("{table}?done={verb}-one&rid={}", done[0])).into_response())
        }
        Ok(done) => Ok(Redirect::to(&format!("{table}?done={verb}&n={}", done.len())).into_response()),
        // One switch had no seat: nothing was changed, and the table says so.
        Err(RegistrationError::CapacityFull | RegistrationError::OrganizationFull) => {
            Ok(Redirect::to(&format!("{table}?done=full")).into_response())
        }
        Err(RegistrationError::Closed(_)) => Ok(Redirect::to(&format!("{table}?done=not-possible")).into_response()),
        Err(other) => Err(other.into()),
    }
}
