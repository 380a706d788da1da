//! An event's registrations in the back office: search, filters, paging, and the organizer's
//! actions (cancel, switch mode, promote from the waitlist, resend the confirmation).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use entity::{AttendanceMode, RegistrationStatus, checkin, registration};
use minijinja::context;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use uuid::Uuid;

use crate::db::keep;
use crate::domain::now;
use crate::error::AppError;
use crate::events::service as events;
use crate::events::view::utc;
use crate::registrations::input::RegistrationChanges;
use crate::registrations::service::{self, RegistrationError};
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::identity::OrganizerPage;
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

const PAGE_SIZE: u64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    mode: Option<String>,
    status: Option<String>,
    page: Option<String>,
    notice: Option<String>,
}

/// `%` and `_` typed by the user match themselves.
pub fn like_pattern(q: &str) -> String {
    let escaped = q.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
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
    let mut select = registration::Entity::find().filter(registration::Column::EventId.eq(id));
    if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        let pattern = like_pattern(q);
        let mut any = Condition::any();
        for col in [
            registration::Column::FirstName,
            registration::Column::LastName,
            registration::Column::Email,
            registration::Column::Organization,
        ] {
            any =
                any.add(sea_orm::sea_query::ExprTrait::like(Expr::expr(Func::lower(Expr::col(col))), pattern.as_str()));
        }
        select = select.filter(any);
    }
    if let Some(mode) = query.mode.as_deref().and_then(AttendanceMode::parse) {
        select = select.filter(registration::Column::Mode.eq(mode));
    }
    if let Some(status) = query.status.as_deref().and_then(RegistrationStatus::parse) {
        select = select.filter(registration::Column::Status.eq(status));
    }
    let total = select.clone().count(db).await?;
    let page = query.page.as_deref().and_then(|p| p.parse::<u64>().ok()).unwrap_or(1).max(1);
    let rows = select
        .order_by_asc(registration::Column::LastName)
        .order_by_asc(registration::Column::FirstName)
        .order_by_asc(registration::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let checked_in: std::collections::HashSet<Uuid> = checkin::Entity::find()
        .select_only()
        .column(checkin::Column::RegistrationId)
        .filter(checkin::Column::RegistrationId.is_in(ids))
        .filter(checkin::Column::ActiveRegistrationId.is_not_null())
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let items: Vec<_> = rows
        .iter()
        .map(|r| {
            context! {
                id => r.id.to_string(), first_name => &r.first_name, last_name => &r.last_name, email => &r.email,
                organization => &r.organization, mode => r.mode.as_str(), status => r.status.as_str(),
                registered_at => utc(r.created_at), checked_in => checked_in.contains(&r.id),
                other_mode => if r.mode == AttendanceMode::InPerson { "online" } else { "in_person" },
            }
        })
        .collect();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
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
    _: OrganizerPage,
    Path((event_id, registration_id, action)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let (Ok(event_id), Ok(registration_id)) = (Uuid::parse_str(&event_id), Uuid::parse_str(&registration_id)) else {
        return Err(AppError::NotFound);
    };
    if !matches!(action.as_str(), "cancel" | "switch" | "promote" | "resend") {
        return Err(AppError::NotFound);
    }
    let result = state
        .db
        .write(move |txn| {
            keep(async move {
                let reg = service::find_in_event(txn, event_id, registration_id).await?;
                let t = now();
                match action.as_str() {
                    "cancel" => service::cancel(txn, &reg.manage_token, t).await.map(|_| "cancelled"),
                    "switch" => {
                        let target = if reg.mode == AttendanceMode::InPerson {
                            AttendanceMode::Online
                        } else {
                            AttendanceMode::InPerson
                        };
                        let changes = RegistrationChanges { mode: Some(target), ..Default::default() };
                        service::update(txn, &reg.manage_token, changes, t).await.map(|_| "switched")
                    }
                    "promote" => service::promote_one(txn, event_id, registration_id, t).await.map(|_| "promoted"),
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
