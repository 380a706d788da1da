//! Logging in and out, the `AdminUser` extractor, and login throttling: per IP
//! (`CONVENE_RATE_LIMIT_LOGIN`, 10 a minute by default) and per account (5 failures per
//! 15 minutes), both kept in memory per instance.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use entity::Role;
use minijinja::context;
use serde::Deserialize;

use crate::auth::sessions::{self, SessionData};
use crate::auth::{CurrentUser, passwords, service as accounts};
use crate::domain::{EmailAddress, now};
use crate::error::AppError;
use crate::i18n::t;
use crate::web::AppState;
use crate::web::client::{ClientIp, IpRateLimit};
use crate::web::form::FormFields;
use crate::web::lang::PageLang;
use crate::web::pages::{Page, forbidden};

/// A signed-in back-office account (session cookie). Without one, pages redirect to login.
pub struct AdminUser(pub CurrentUser);

pub enum LoginRedirect {
    Login(String),
    /// A desk session belongs at its desk, not in the back office.
    Desk(uuid::Uuid),
}

impl IntoResponse for LoginRedirect {
    fn into_response(self) -> Response {
        match self {
            LoginRedirect::Login(path) => {
                Redirect::to(&format!("/admin/login?next={}", urlencode(&path))).into_response()
            }
            LoginRedirect::Desk(event_id) => Redirect::to(&format!("/checkin/{event_id}")).into_response(),
        }
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl FromRequestParts<AppState> for AdminUser {
    type Rejection = LoginRedirect;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // Only the session cookie counts here: pages are for people, tokens are for scripts.
        parts.headers.remove(header::AUTHORIZATION);
        let path = parts.uri.path().to_owned();
        match CurrentUser::from_request_parts(parts, state).await {
            Ok(CurrentUser { event_scope: Some(event_id), .. }) => Err(LoginRedirect::Desk(event_id)),
            Ok(user) => Ok(AdminUser(user)),
            Err(_) => Err(LoginRedirect::Login(path)),
        }
    }
}

impl AdminUser {
    /// The account, if its role allows `role`; otherwise the 403 page to answer with.
    // The error is the page itself, returned straight from the handler: boxing it buys nothing.
    #[allow(clippy::result_large_err)]
    pub fn require(&self, role: Role, lang: &PageLang) -> Result<&CurrentUser, Response> {
        if self.0.role >= role { Ok(&self.0) } else { Err(forbidden(lang.clone())) }
    }
}

/// Failed logins per account, and the per-IP limit.
pub struct LoginThrottle {
    per_ip: IpRateLimit,
    max_failures: u32,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

impl LoginThrottle {
    pub fn new(per_ip_per_minute: u32, max_failures: u32) -> LoginThrottle {
        LoginThrottle { per_ip: IpRateLimit::per_minute(per_ip_per_minute), max_failures, failures: Mutex::default() }
    }

    /// True while the account has had too many recent failures.
    fn locked(&self, account: &str) -> bool {
        let Ok(mut map) = self.failures.lock() else { return false };
        let recent = map.entry(account.to_owned()).or_default();
        recent.retain(|t| t.elapsed() < FAILURE_WINDOW);
        recent.len() >= self.max_failures as usize
    }

    fn failed(&self, account: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if map.len() > 100_000 {
                map.retain(|_, v| v.iter().any(|t| t.elapsed() < FAILURE_WINDOW));
            }
            map.entry(account.to_owned()).or_default().push(Instant::now());
        }
    }

    fn succeeded(&self, account: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(account);
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only back-office and desk paths are followed after login (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if (n.starts_with("/admin") || n.starts_with("/checkin/")) && !n.contains("//") && !n.contains('\\') =>
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
    if throttle.per_ip.check(client.0).is_err() || throttle.locked(&email_raw) {
        let mut response = refuse(StatusCode::TOO_MANY_REQUESTS, "login-throttled");
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return Ok(response);
    }
    let account = match EmailAddress::parse(&email_raw) {
        Ok(email) => accounts::find_user_by_email(&state.db.read, &email).await?,
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
        throttle.failed(&email_raw);
        tracing::info!("failed back-office login");
        return Ok(refuse(StatusCode::UNAUTHORIZED, "login-failed"));
    };
    throttle.succeeded(&email_raw);
    let expires = now() + sessions::LOGIN_TTL;
    let token = sessions::create(&state.db.write, &SessionData::User { user_id: account.id }, expires).await?;
    let secure = state.base_url.starts_with("https://");
    let mut response = Redirect::to(&next).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&sessions::set_cookie(&token, sessions::LOGIN_TTL, secure, "Lax")) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

pub async fn logout(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Result<Response, AppError> {
    if let Some(token) = sessions::cookie(&headers, sessions::COOKIE) {
        sessions::delete(&state.db.write, token).await?;
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
    }

    #[test]
    fn five_failures_lock_the_account_for_a_while() {
        let throttle = LoginThrottle::new(10, 5);
        for _ in 0..4 {
            throttle.failed("a@example.org");
        }
        assert!(!throttle.locked("a@example.org"));
        throttle.failed("a@example.org");
        assert!(throttle.locked("a@example.org"));
        assert!(!throttle.locked("b@example.org"));
    }
}
