//! Logging in and out of the back office (throttled by `web::client::LoginThrottle`).

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde::Deserialize;

use crate::auth::sessions::{self, SessionData};
use crate::auth::{passwords, service as accounts};
use crate::db::keep;
use crate::domain::{EmailAddress, now};
use crate::error::AppError;
use crate::i18n::t;
use crate::web::AppState;
use crate::web::client::ClientIp;
use crate::web::form::FormFields;
use crate::web::lang::PageLang;
use crate::web::pages::Page;

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only back-office and desk paths are followed after login (no open redirect), and only
/// plain ones: a control character would end up in the `Location` header.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if (n.starts_with("/admin") || n.starts_with("/checkin/"))
                && !n.contains("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control) =>
        {
            n.to_owned()
        }
        _ => "/admin".to_owned(),
    }
}

pub async fn login_page(lang: PageLang, Query(q): Query<NextQuery>) -> Response {
    let ctx = context! { next => safe_next(q.next.as_deref()), values => context! {}, error => Option::<String>::None };
    Page::new("admin/login.html", lang, ctx).into_response()
}

pub async fn login(
    State(state): State<AppState>,
    lang: PageLang,
    client: ClientIp,
    form: FormFields,
) -> Result<Response, AppError> {
    let next = safe_next(form.get("next"));
    let email_raw = form.get("email").unwrap_or("").trim().to_lowercase();
    let refuse = |status: StatusCode, key: &str| {
        let ctx = context! {
            next => &next, values => context! { email => &email_raw }, error => t(lang.lang, key, &[]),
        };
        Page::new("admin/login.html", lang.clone(), ctx).status(status).into_response()
    };
    let throttle = &state.login_throttle;
    if throttle.per_ip.check(client.0).is_err() || throttle.locked(&email_raw, client.0) {
        let mut response = refuse(StatusCode::TOO_MANY_REQUESTS, "login-throttled");
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return Ok(response);
    }
    let account = match EmailAddress::parse(&email_raw) {
        Ok(email) => accounts::find_user_by_email(state.db.read(), &email).await?,
        Err(_) => None,
    };
    let password = form.owned("password").unwrap_or_default();
    // Verify even without an account, so timing does not reveal which addresses exist.
    let hash = match &account {
        Some(a) => a.password_hash.clone(),
        None => passwords::dummy_hash().await,
    };
    let valid = passwords::verify(password, hash).await;
    let Some(account) = account.filter(|a| valid && a.disabled_at.is_none()) else {
        throttle.failed(&email_raw, client.0);
        tracing::info!("failed back-office login");
        return Ok(refuse(StatusCode::UNAUTHORIZED, "login-failed"));
    };
    throttle.succeeded(&email_raw, client.0);
    let expires = now() + sessions::LOGIN_TTL;
    let data = SessionData::User { user_id: account.id };
    let token = state.db.write(move |txn| keep(async move { sessions::create(txn, &data, expires).await })).await?;
    let secure = state.base_url.starts_with("https://");
    let mut response = Redirect::to(&next).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&sessions::set_cookie(&token, sessions::LOGIN_TTL, secure, "Lax")) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

pub async fn logout(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Result<Response, AppError> {
    if let Some(token) = sessions::cookie(&headers, sessions::COOKIE) {
        let token = token.to_owned();
        state.db.write(move |txn| keep(async move { sessions::delete(txn, &token).await })).await?;
    }
    let mut response = Redirect::to("/admin/login").into_response();
    let secure = state.base_url.starts_with("https://");
    if let Ok(cookie) = HeaderValue::from_str(&sessions::clear_cookie(secure)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_back_office_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/admin/events/1")), "/admin/events/1");
        assert_eq!(safe_next(Some("https://evil.example/admin")), "/admin");
        assert_eq!(safe_next(Some("//evil.example")), "/admin");
        assert_eq!(safe_next(Some("/checkin/0192")), "/checkin/0192");
        assert_eq!(safe_next(Some("/checkin//evil.example")), "/admin");
        assert_eq!(safe_next(None), "/admin");
        assert_eq!(safe_next(Some("/admin\n")), "/admin", "a control character would break the Location header");
        assert_eq!(safe_next(Some("/admin/\u{7f}x")), "/admin");
    }
}
