//! Merging spellings of one partner organization from the dashboard's organizations table.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::AppError;
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::OrganizerPage;

/// `POST /admin/events/{id}/organizations/merge`: the ticked names become `into` (typed, or
/// the first ticked one); nothing happens without two names, or one name and another target.
pub async fn merge(
    State(state): State<AppState>,
    _organizer: OrganizerPage,
    PathId(event_id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let names: Vec<String> =
        form.all("names").map(str::trim).filter(|n| !n.is_empty()).take(100).map(str::to_owned).collect();
    let into = form.get("into").map(str::trim).filter(|n| !n.is_empty() && n.len() <= 300).map(str::to_owned);
    let back = format!("/admin/events/{event_id}");
    let Some(into) = into.or_else(|| names.first().cloned()) else {
        return Ok(Redirect::to(&format!("{back}?done=merge-none#organizations")).into_response());
    };
    let distinct = names.iter().any(|n| {
        crate::seats::organizations::organization_key(n) != crate::seats::organizations::organization_key(&into)
    });
    if !distinct {
        return Ok(Redirect::to(&format!("{back}?done=merge-none#organizations")).into_response());
    }
    crate::events::service::get(state.db.read(), event_id).await?;
    crate::seats::organizations::merge_spellings(&state.db, event_id, names, into).await?;
    Ok(Redirect::to(&format!("{back}?done=merged#organizations")).into_response())
}
