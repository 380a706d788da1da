//! Partner organizations in the API: merging spellings, and the organizations report as CSV.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::organizations::{self, OrganizationCounts};
use crate::domain::{Language, clean_text};
use crate::error::{AppError, AppResult, ErrorBody, FieldError, FieldErrors};
use crate::events::service as events;
use crate::i18n::t;
use crate::privacy::audit::{self, Action};
use crate::web::AppState;
use crate::web::extract::{ApiJson, PathId};
use crate::web::identity::Organizer;

/// Most spellings one merge takes.
const MAX_NAMES: usize = 100;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MergeInput {
    /// The spellings to merge (each is read as its organization key).
    pub names: Option<Vec<String>>,
    /// The name they are merged into, and shown as.
    pub into: Option<String>,
}

/// Merge spellings of one organization: later registrations naming any of them belong to
/// `into`, and so do those already there. → 200 with the organizations view.
#[utoipa::path(post, path = "/api/v1/events/{id}/organizations/merge", tag = "attendance", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")), request_body = MergeInput,
    responses((status = 200, body = Vec<OrganizationCounts>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    _organizer: Organizer,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<MergeInput>,
) -> AppResult<Json<Vec<OrganizationCounts>>> {
    let mut errors = FieldErrors::new();
    let into = clean_text(input.into.as_deref(), true, 300).map_err(|e| errors.insert("into", e)).ok();
    let names = input.names.unwrap_or_default();
    if names.is_empty() || names.len() > MAX_NAMES || names.iter().any(|n| n.trim().is_empty() || n.len() > 300) {
        errors.insert("names", FieldError::new("invalid_organization_names").with("max", MAX_NAMES));
    }
    let Some(into) = into.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    events::get(state.db.read(), event_id).await?;
    crate::seats::organizations::merge_spellings(&state.db, event_id, names, into).await?;
    Ok(Json(organizations::for_event(state.db.read(), event_id).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// Language of the headers: `en` (default), `fr` or `nl`.
    lang: Option<String>,
}

/// The organizations report: per organization, seated in person, online, waiting, checked in
/// and joined, as CSV with headers in the chosen language.
#[utoipa::path(get, path = "/api/v1/events/{id}/organizations.csv", tag = "exports", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"), ReportParams),
    responses((status = 200, content_type = "text/csv"), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(event_id): PathId,
    Query(params): Query<ReportParams>,
) -> AppResult<Response> {
    let lang = match params.lang.as_deref() {
        None | Some("") => Language::En,
        Some(code) => Language::parse(code)
            .ok_or_else(|| AppError::Validation(FieldErrors::one("lang", FieldError::new("invalid_language"))))?,
    };
    let event = events::get(state.db.read(), event_id).await?;
    let rows = organizations::for_event(state.db.read(), event_id).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let headers = ["name", "in-person", "online", "waitlisted", "checked-in", "joined"];
    let write = |writer: &mut csv::Writer<Vec<u8>>, record: Vec<String>| {
        writer.write_record(record).map_err(|e| AppError::Internal(anyhow::anyhow!("organizations report: {e}")))
    };
    write(&mut writer, headers.iter().map(|h| t(lang, &format!("organizations-column-{h}"), &[])).collect())?;
    for row in &rows {
        let figures = [row.in_person, row.online, row.waitlisted, row.checked_in, row.joined];
        let mut record = vec![crate::exports::cells::protect(&row.name).into_owned()];
        record.extend(figures.iter().map(i64::to_string));
        write(&mut writer, record)?;
    }
    let body = writer.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("organizations report: {e}")))?;
    audit::record_now(&state.db, &user.email, Action::Export, Some(event_id), rows.len() as u64).await?;
    let day = crate::domain::now().with_timezone(&crate::events::view::zone(&event)).format("%Y-%m-%d");
    let slug: String = event.slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let file = format!("{slug}-organizations-{day}.csv");
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        body,
    )
        .into_response())
}
