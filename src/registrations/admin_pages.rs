//! An event's registrations in the back office: search, filters, paging, and the organizer's
//! actions (cancel, switch mode, promote from the waitlist, resend the confirmation).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use entity::{AttendanceMode, RegistrationStatus};
use minijinja::context;
use serde::Deserialize;
use uuid::Uuid;

use crate::db::keep;
use crate::domain::now;
use crate::error::AppError;
use crate::events::service as events;
use crate::events::view::utc;
use crate::history::Actor;
use crate::registrations::input::RegistrationChanges;
use crate::registrations::listing;
use crate::registrations::service::{self, RegistrationError};
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::identity::OrganizerPage;
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    mode: Option<String>,
    status: Option<String>,
    page: Option<String>,
    notice: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let e = events::get(db, id).await?;
    let filter = listing::Filter {
        words: query.q.clone(),
        mode: query.mode.as_deref().and_then(AttendanceMode::parse),
        status: query.status.as_deref().and_then(RegistrationStatus::parse),
    };
    let page = query.page.as_deref().and_then(|p| p.parse::<u64>().ok()).unwrap_or(1).max(1);
    let listing::Listing { rows, total } = listing::list(db, id, &filter, page).await?;
    let items: Vec<_> = rows
        .iter()
        .map(|(r, checked_in)| {
            context! {
                id => r.id.to_string(), first_name => &r.first_name, last_name => &r.last_name, email => &r.email,
                organization => &r.organization, mode => r.mode.as_str(), status => r.status.as_str(),
                registered_at => utc(r.created_at), checked_in => checked_in,
                other_mode => if r.mode == AttendanceMode::InPerson { "online" } else { "in_person" },
            }
        })
        .collect();
    let pages = total.div_ceil(listing::PAGE_SIZE).max(1);
    let ctx = context! {
        event => context! { id => id.to_string(), title => &e.title },
        items => items, total => total, page => page, pages => pages,
        filters => context! { q => query.q.unwrap_or_default(), mode => query.mode.unwrap_or_default(), status => query.status.unwrap_or_default() },
        notice => query.notice,
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/registrations.html", lang, ctx).into_response())
}

/// One organizer action on one registration; answers the list again with a notice.
pub async fn act(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    Path((event_id, registration_id, action)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let (Ok(event_id), Ok(registration_id)) = (Uuid::parse_str(&event_id), Uuid::parse_str(&registration_id)) else {
        return Err(AppError::NotFound);
    };
    if !matches!(action.as_str(), "cancel" | "switch" | "promote" | "resend") {
        return Err(AppError::NotFound);
    }
    let actor = Actor::Organizer(me.email);
    let result = state
        .db
        .write(move |txn| {
            keep(async move {
                let actor = &actor;
                let reg = service::find_in_event(txn, event_id, registration_id).await?;
                let t = now();
                match action.as_str() {
                    "cancel" => {
                        service::cancel_with_note(txn, &reg.manage_token, None, actor, t).await.map(|_| "cancelled")
                    }
                    "switch" => {
                        let target = if reg.mode == AttendanceMode::InPerson {
                            AttendanceMode::Online
                        } else {
                            AttendanceMode::InPerson
                        };
                        let changes = RegistrationChanges { mode: Some(target), ..Default::default() };
                        service::update_by(txn, &reg.manage_token, changes, actor, t).await.map(|_| "switched")
                    }
                    "promote" => {
                        service::promote_one(txn, event_id, registration_id, actor, t).await.map(|_| "promoted")
                    }
                    _ => service::resend_confirmation(txn, event_id, registration_id, t).await.map(|_| "resent"),
                }
            })
        })
        .await;
    let notice = match result {
        Ok(done) => done,
        Err(RegistrationError::CapacityFull) => "full",
        Err(RegistrationError::Cancelled) => "is-cancelled",
        Err(RegistrationError::Closed(_)) => "not-possible",
        Err(other) => return Err(other.into()),
    };
    Ok(Redirect::to(&format!("/admin/events/{event_id}/registrations?notice={notice}")).into_response())
}
