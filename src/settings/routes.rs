//! The organizer identity API (API.md "Organizer identity"): read by any staff role, changed
//! by admins; the logo upload; and the public logo and theme the pages link to.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

use super::{input, service};
use crate::branding::Branding;
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::AppState;
use crate::web::extract::json_value;
use crate::web::identity::{Admin, Staff};

/// The organizer identity as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsView {
    /// Per language (`en`, `fr`, `nl`); English is the fallback.
    pub organization_name: BTreeMap<String, String>,
    pub contact_email: Option<String>,
    pub privacy_url: BTreeMap<String, String>,
    /// `#rrggbb`.
    pub accent_color: Option<String>,
    /// Read-only: the logo's URL, or null.
    pub logo: Option<String>,
}

fn view(branding: &Branding, base_url: &str) -> SettingsView {
    SettingsView {
        organization_name: branding.organization_name.0.clone(),
        contact_email: branding.contact_email.clone(),
        privacy_url: branding.privacy_url.0.clone(),
        accent_color: branding.accent_color.clone(),
        logo: branding.logo_path().map(|path| format!("{base_url}{path}")),
    }
}

/// The organizer identity.
#[utoipa::path(get, path = "/api/v1/settings", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = SettingsView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn get(State(state): State<AppState>, _: Staff) -> AppResult<Json<SettingsView>> {
    let branding = crate::branding::load(state.db.read()).await?;
    Ok(Json(view(&branding, &state.base_url)))
}

/// Change the organizer identity (JSON Merge Patch; `"logo": null` deletes the logo).
#[utoipa::path(patch, path = "/api/v1/settings", tag = "settings", security(("bearer" = [])),
    request_body(content = Object, description = "any of organization_name, contact_email, privacy_url, accent_color, logo (null only)"),
    responses((status = 200, body = SettingsView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch(State(state): State<AppState>, Admin(me): Admin, request: Request) -> AppResult<Json<SettingsView>> {
    let body = json_value(request, &state).await?;
    let serde_json::Value::Object(body) = body else {
        return Err(AppError::BadRequest("the body must be a JSON object".into()));
    };
    let change = input::parse(&body).map_err(AppError::Validation)?;
    let branding =
        state.db.write(move |txn| keep(async move { service::apply(txn, change, &me.email, now()).await })).await?;
    state.branding.forget();
    Ok(Json(view(&branding, &state.base_url)))
}

/// Upload the logo: a PNG or JPEG body of at most 512 KiB.
#[utoipa::path(put, path = "/api/v1/settings/logo", tag = "settings", security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "image/png"),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody)))]
pub async fn put_logo(State(state): State<AppState>, Admin(me): Admin, request: Request) -> AppResult<StatusCode> {
    let declared = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let bytes = read_limited(request, &state).await?;
    let media_type = service::logo_type(declared.as_deref(), &bytes).ok_or(AppError::UnsupportedMediaType)?;
    state
        .db
        .write(move |txn| {
            keep(async move { service::set_logo(txn, bytes.to_vec(), media_type, &me.email, now()).await })
        })
        .await?;
    state.branding.forget();
    Ok(StatusCode::NO_CONTENT)
}

/// The body, or 413 past the logo limit.
pub async fn read_limited(request: Request, state: &AppState) -> Result<Bytes, AppError> {
    let too_large = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|n| n > service::LOGO_LIMIT);
    if too_large {
        return Err(AppError::PayloadTooLarge);
    }
    // Read with the logo's own limit (the API's 64 KiB body limit is for JSON).
    let _ = state;
    axum::body::to_bytes(request.into_body(), service::LOGO_LIMIT).await.map_err(|_| AppError::PayloadTooLarge)
}

/// The logo, for every page and mail that shows it.
pub async fn logo(State(state): State<AppState>) -> AppResult<Response> {
    let Some((bytes, media_type)) = crate::branding::logo(state.db.read()).await? else {
        return Err(AppError::NotFound);
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&media_type).unwrap_or(HeaderValue::from_static("image/png")),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Its address changes with each new logo (`?v=`), so it may be kept a day.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
    Ok(response)
}

/// The accent colour as a stylesheet (the CSP allows no inline style).
pub async fn theme(State(state): State<AppState>) -> AppResult<Response> {
    let branding = state.branding.get(state.db.read()).await?;
    let accent = branding.accent_color.as_deref().and_then(crate::branding::colour::Rgb::parse);
    let css = match accent.map(|c| c.readable_on_white()) {
        Some(accent) => {
            format!(":root {{ --accent: {}; --accent-dark: {}; }}\n", accent.hex(), accent.scaled(0.75).hex())
        }
        None => String::new(),
    };
    let mut response = css.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
    Ok(response)
}
