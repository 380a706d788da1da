//! Organizer endpoints for attendee data out: the CSV and XLSX exports and the printable
//! check-in list. Thin: parse the options, find the event, hand over to the encoders.

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::context;

use super::attendees::ExportOptions;
use super::checkin_list;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::events::service as events;
use crate::privacy::audit::{self, Action};
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::identity::Organizer;

/// The query string as ordered pairs; a malformed one is 400 (never axum's plain-text error).
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::BadRequest(format!("malformed query string: {e}")))?;
        Ok(QueryPairs(pairs))
    }
}

/// `attachment; filename="<slug>-attendees.<ext>"`, or `<slug>-people-<date>.<ext>` for the
/// people preset: slugs are ASCII letters, digits and dashes.
fn attachment(event: &entity::event::Model, options: &ExportOptions, ext: &str) -> HeaderValue {
    let name = match options.people {
        Some(_) => super::people::file_name(&event.slug, crate::domain::now(), crate::events::view::zone(event), ext),
        None => {
            let safe: String = event.slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            format!("{safe}-attendees.{ext}")
        }
    };
    HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

fn download(body: axum::body::Body, content_type: &'static str, disposition: HeaderValue) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

/// A chosen few as the people's CSV (the back office's "export the selection"): headers and
/// words in `lang`, semicolons and a BOM for Excel, the same file name as the full list.
pub fn people_csv(
    event: &entity::event::Model,
    rows: &[super::attendees::AttendeeRow],
    lang: crate::domain::Language,
) -> Result<Response, ::csv::Error> {
    let options = ExportOptions {
        delimiter: super::attendees::Delimiter::Semicolon,
        bom: true,
        people: Some(lang),
        ..ExportOptions::default()
    };
    let mut encoder = super::csv::CsvEncoder::new(super::attendees::Columns::new(event, Some(lang)), &options);
    let bytes = encoder.page(rows)?;
    Ok(download(axum::body::Body::from(bytes), "text/csv; charset=utf-8", attachment(event, &options, "csv")))
}

/// Records an export in the audit, with the number of registrations it holds.
async fn audit_export(state: &AppState, who: &str, event_id: uuid::Uuid, options: &ExportOptions) -> AppResult<()> {
    let rows = super::attendees::count(state.db.read(), event_id, &options.filter).await?;
    audit::record_now(&state.db, who, Action::Export, Some(event_id), rows).await?;
    Ok(())
}

/// The attendee list as CSV, streamed: a header row, then one row per registration.
#[utoipa::path(get, path = "/api/v1/events/{id}/attendees.csv", tag = "exports", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"),
        ("mode" = Option<String>, Query, description = "in_person or online"),
        ("status" = Option<String>, Query, description = "confirmed, waitlisted or cancelled"),
        ("checked_in" = Option<String>, Query, description = "true or false"),
        ("delimiter" = Option<String>, Query, description = "comma (default), semicolon or tab"),
        ("bom" = Option<String>, Query, description = "true: start with a UTF-8 byte-order mark (Excel)"),
        ("preset" = Option<String>, Query, description = "people: headers, modes and statuses as words in `lang`, local times, cancelled rows left out unless `status` asks"),
        ("lang" = Option<String>, Query, description = "en (default), fr or nl, for preset=people")),
    responses((status = 200, content_type = "text/csv", body = String,
            description = "registration_id,first_name,last_name,email,organization,mode,status,language,registered_at,checked_in_at,joined_online_at, then one column per custom question"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn attendees_csv(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(id): PathId,
    query: QueryPairs,
) -> AppResult<Response> {
    let options = ExportOptions::parse(query.iter()).map_err(AppError::Validation)?;
    let event = events::get(state.db.read(), id).await?;
    audit_export(&state, &user.email, event.id, &options).await?;
    let body = super::csv::body(state.db.read().clone(), &event, options);
    Ok(download(body, "text/csv; charset=utf-8", attachment(&event, &options, "csv")))
}

/// The same rows as an XLSX workbook (one worksheet, text cells).
#[utoipa::path(get, path = "/api/v1/events/{id}/attendees.xlsx", tag = "exports", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id"),
        ("mode" = Option<String>, Query, description = "in_person or online"),
        ("status" = Option<String>, Query, description = "confirmed, waitlisted or cancelled"),
        ("checked_in" = Option<String>, Query, description = "true or false"),
        ("preset" = Option<String>, Query, description = "people: headers and words in `lang`, date cells, fitted widths, filters"),
        ("lang" = Option<String>, Query, description = "en (default), fr or nl, for preset=people")),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            body = Vec<u8>, description = "the workbook"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn attendees_xlsx(
    State(state): State<AppState>,
    Organizer(user): Organizer,
    PathId(id): PathId,
    query: QueryPairs,
) -> AppResult<Response> {
    let options = ExportOptions::parse(query.iter()).map_err(AppError::Validation)?;
    let event = events::get(state.db.read(), id).await?;
    audit_export(&state, &user.email, event.id, &options).await?;
    let disposition = attachment(&event, &options, "xlsx");
    let body = super::xlsx::body(state.db.read().clone(), event, options);
    Ok(download(body, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", disposition))
}

/// The printable check-in list (HTML, print-styled), sorted by last name.
pub async fn checkin_list(
    State(state): State<AppState>,
    organizer: Result<Organizer, AppError>,
    lang: crate::web::lang::PageLang,
    PathId(id): PathId,
) -> AppResult<Response> {
    // A page: someone not logged in is sent to log in (a script may still use a token).
    let user = match organizer {
        Ok(Organizer(user)) => user,
        Err(AppError::Unauthorized) => {
            let next = format!("/admin/events/{id}/checkin-list");
            return Ok(axum::response::Redirect::to(&format!("/admin/login?next={next}")).into_response());
        }
        Err(other) => return Err(other),
    };
    let event = events::get(state.db.read(), id).await?;
    let list = checkin_list::build(state.db.read(), &event, lang.lang).await?;
    audit::record_now(&state.db, &user.email, Action::Export, Some(event.id), list.entries.len() as u64).await?;
    let printed_at = crate::i18n::format_instant(crate::domain::now(), crate::events::view::zone(&event), lang.lang);
    let mut response = crate::web::pages::render(
        StatusCode::OK,
        "exports/checkin_list.html",
        context! {
            lang => lang.lang.code(), list => minijinja::Value::from(minijinja::value::Serde(&list)), printed_at => printed_at,
        },
    );
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    crate::web::security::page_headers(&mut response, false);
    Ok(response)
}
