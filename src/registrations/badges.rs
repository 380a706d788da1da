//! Name badges for the room: A4 sheets of eight 85×54 mm cards (the common business-card
//! label sheets), for the confirmed in-person registrations, filtered like the table.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use entity::{AttendanceMode, RegistrationStatus};
use minijinja::{Value, context};

use super::admin_pages::filter_of;
use super::listing;
use crate::error::AppError;
use crate::events::service as events;
use crate::mail::compose::event_title;
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::OrganizerPage;
use crate::web::lang::PageLang;
use crate::web::pages::Page;

/// Cards per A4 sheet: two columns of four.
pub const PER_SHEET: usize = 8;

pub async fn sheets(
    State(state): State<AppState>,
    _: OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let e = events::get(db, id).await?;
    let mut filter = filter_of(&FormFields::new(pairs));
    // Badges are for the room: confirmed, in person, whatever else the table was showing.
    filter.mode = Some(AttendanceMode::InPerson);
    filter.status = Some(RegistrationStatus::Confirmed);
    let rows = listing::all_matching(db, id, &filter).await?;
    let title = event_title(&e, lang.lang);
    let badges: Vec<Value> = rows
        .iter()
        .map(|row| {
            let r = &row.registration;
            context! { first_name => &r.first_name, last_name => &r.last_name, organization => &r.organization }
        })
        .collect();
    let sheets: Vec<Vec<Value>> = badges.chunks(PER_SHEET).map(<[Value]>::to_vec).collect();
    let ctx = context! {
        event => context! { id => id.to_string(), title => title },
        sheets => sheets, count => badges.len(),
    };
    Ok(Page::new("admin/badges.html", lang, ctx).into_response())
}
