//! The approvals queue of an event (`access: approval`): its requests oldest first, with the
//! registrant's organization and answers; approve a selection at once (each lands as a new
//! registration would), or decline it after a confirmation that takes a message for them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{RegistrationStatus, event, registration};
use minijinja::{Value, context};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::approval;
use super::service::RegistrationError;
use crate::db::keep;
use crate::domain::{Language, now};
use crate::error::{AppError, FieldErrors};
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

/// Most requests one page shows and one action takes.
const PAGE: u64 = 200;

/// The event's pending requests, oldest first.
pub async fn pending(db: &impl ConnectionTrait, event_id: Uuid, limit: u64) -> Result<Vec<registration::Model>, DbErr> {
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Pending))
        .order_by_asc(registration::Column::QueueSeq)
        .limit(limit)
        .all(db)
        .await
}

/// The selected requests that are still pending, in queue order.
async fn selected(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    form: &FormFields,
) -> Result<Vec<registration::Model>, DbErr> {
    let ids: Vec<Uuid> = form.all("ids").filter_map(|id| Uuid::parse_str(id.trim()).ok()).take(PAGE as usize).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Id.is_in(ids))
        .filter(registration::Column::Status.eq(RegistrationStatus::Pending))
        .order_by_asc(registration::Column::QueueSeq)
        .all(db)
        .await
}

fn request_view(reg: &registration::Model, event: &event::Model, lang: Language) -> Value {
    let answers: Vec<Value> = crate::facts::answers_shown(event, reg.answers(), lang)
        .into_iter()
        .map(|(question, answer)| context! { question, answer })
        .collect();
    context! {
        id => reg.id.to_string(), name => format!("{} {}", reg.first_name(), reg.last_name()), email => reg.email(),
        organization => &reg.organization, mode => reg.mode.as_str(), language => reg.language.code(),
        requested_at => format_short(reg.created_at, zone(event), lang), answers => answers,
    }
}

/// `GET /admin/events/{id}/approvals`
pub async fn queue(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
    query: axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let e = events::get(db, event_id).await?;
    let total = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Pending))
        .count(db)
        .await?;
    let requests: Vec<Value> =
        pending(db, event_id, PAGE).await?.iter().map(|r| request_view(r, &e, lang.lang)).collect();
    let counts = crate::attendance::stats::for_event(db, &e).await?;
    let ctx = context! {
        event => context! { id => event_id.to_string(), title => &e.title, access => e.access.as_str() },
        requests => requests, total => total, more => total.saturating_sub(PAGE),
        seats => super::page_views::mode_options(&e, lang.lang),
        declined => counts.declined,
        done => done_notice(&query, lang.lang),
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/approvals.html", lang, ctx).into_response())
}

/// What the last action did, from the redirect's query.
fn done_notice(query: &std::collections::BTreeMap<String, String>, lang: Language) -> Option<String> {
    let number = |name: &str| query.get(name).and_then(|n| n.parse::<u64>().ok()).unwrap_or(0).to_string();
    match query.get("done").map(String::as_str)? {
        "approved" => Some(t(
            lang,
            "approvals-done-approved",
            &[("seated", &number("seated")), ("waitlisted", &number("waitlisted")), ("full", &number("full"))],
        )),
        "declined" => Some(t(lang, "approvals-done-declined", &[("count", &number("n"))])),
        "none-selected" => Some(t(lang, "approvals-none-selected", &[])),
        _ => None,
    }
}

/// `POST /admin/events/{id}/approvals`: approve the selection (each in its own transaction,
/// so one that finds the mode full leaves the others approved), or ask to confirm a decline.
pub async fn act(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let queue = format!("/admin/events/{event_id}/approvals");
    let people = selected(state.db.read(), event_id, &form).await?;
    if people.is_empty() {
        return Ok(Redirect::to(&format!("{queue}?done=none-selected")).into_response());
    }
    if form.get("action") == Some("decline") {
        return decline_confirmation(&state, &me, lang, event_id, &people, ("", FieldErrors::new())).await;
    }
    let (mut seated, mut waitlisted, mut full) = (0, 0, 0);
    for person in people {
        let actor = Actor::Organizer(me.email.clone());
        let approved = state
            .db
            .write(move |txn| keep(async move { approval::approve(txn, event_id, person.id, &actor, now()).await }))
            .await;
        match approved {
            Ok(reg) if reg.status == RegistrationStatus::Confirmed => seated += 1,
            Ok(_) => waitlisted += 1,
            Err(RegistrationError::CapacityFull | RegistrationError::OrganizationFull) => full += 1,
            // Decided meanwhile (another organizer), or the event ended: nothing to do here.
            Err(RegistrationError::NotPending | RegistrationError::Closed(_) | RegistrationError::NotFound) => {}
            Err(other) => return Err(other.into()),
        }
    }
    let to = format!("{queue}?done=approved&seated={seated}&waitlisted={waitlisted}&full={full}");
    Ok(Redirect::to(&to).into_response())
}

async fn decline_confirmation(
    state: &AppState,
    me: &CurrentUser,
    lang: PageLang,
    event_id: Uuid,
    people: &[registration::Model],
    (message, errors): (&str, FieldErrors),
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), event_id).await?;
    let listed: Vec<Value> = people.iter().map(|r| request_view(r, &e, lang.lang)).collect();
    let labels = [("message".to_owned(), t(lang.lang, "approvals-decline-message", &[]))];
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        event => context! { id => event_id.to_string(), title => &e.title },
        people => listed, count => people.len(), message => message,
        errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels),
        ..chrome(me, "events")
    };
    Ok(Page::new("admin/confirm_decline.html", lang, ctx).status(status).into_response())
}

/// `POST /admin/events/{id}/approvals/decline`: the confirmed decline, all in one transaction.
pub async fn decline(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let queue = format!("/admin/events/{event_id}/approvals");
    let people = selected(state.db.read(), event_id, &form).await?;
    let message = match approval::clean_message(form.get("message")) {
        Ok(message) => message,
        Err(error) => {
            let raw = form.get("message").unwrap_or("").to_owned();
            let problem = (raw.as_str(), FieldErrors::one("message", error));
            return decline_confirmation(&state, &me, lang, event_id, &people, problem).await;
        }
    };
    let ids: Vec<Uuid> = people.iter().map(|r| r.id).collect();
    let actor = Actor::Organizer(me.email.clone());
    let declined = state
        .db
        .write(move |txn| {
            keep(async move {
                let mut n = 0;
                for id in ids {
                    match approval::decline(txn, event_id, id, message.clone(), &actor, now()).await {
                        Ok(_) => n += 1,
                        Err(RegistrationError::NotPending) => {}
                        Err(other) => return Err(other),
                    }
                }
                Ok(n)
            })
        })
        .await?;
    Ok(Redirect::to(&format!("{queue}?done=declined&n={declined}")).into_response())
}
