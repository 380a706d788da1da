//! The registrant's data behind their secret link: everything held about them as a JSON
//! download, and erasing it (a request to be forgotten) after a confirmation step.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::context;

use super::page_views::{SecretHeaders, event_view};
use super::service::{self, RegistrationError};
use crate::domain::now;
use crate::error::AppError;
use crate::history::Actor;
use crate::privacy::service::{Person, erase_person};
use crate::web::AppState;
use crate::web::lang::PageLang;
use crate::web::pages::{Page, not_found_page};

/// `/r/{token}/data`: the registrant's data as a JSON file.
pub async fn download(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let Some((reg, event)) = service::find_by_manage_token(db, &token).await? else {
        return Ok(not_found_page(lang).secret_headers());
    };
    let data = crate::privacy::data::collect(db, &reg, &event, &state.base_url).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.into()))?;
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let file = format!("attachment; filename=\"{}-my-data.json\"", event.slug);
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&file).unwrap_or(HeaderValue::from_static("attachment")),
    );
    Ok(response.secret_headers())
}

/// `/r/{token}/forget`: what erasing means, and the button.
pub async fn forget_page(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((reg, event)) = service::find_by_manage_token(state.db.read(), &token).await? else {
        return Ok(not_found_page(lang).secret_headers());
    };
    let lang = if lang.explicit { lang } else { PageLang::fixed(reg.language, lang.path.clone()) };
    let before_end = now() < event.ends_at && reg.status.holds_place();
    let ctx = context! { event => event_view(&event, lang.lang), base_path => format!("/r/{token}"), gives_seat_back => before_end };
    Ok(Page::new("public/forget.html", lang, ctx).secret().into_response())
}

/// Erases the registrant's data and says so; the link stops working at once.
pub async fn forget(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let erased =
        erase_person(&state.db, &state.config.mail.outbox_dir, Person::Token(token), Actor::Registrant, now()).await;
    match erased {
        Ok(_) => Ok(Page::new("public/forgotten.html", lang, context! {}).secret().into_response()),
        Err(RegistrationError::NotFound) => Ok(not_found_page(lang).secret_headers()),
        Err(other) => Err(other.into()),
    }
}
