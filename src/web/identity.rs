//! Who is calling. For the API: the account behind a Bearer token or session ([`CurrentUser`])
//! and role-checking wrappers that answer 401/403 in JSON ([`Organizer`], [`Staff`]). For pages:
//! [`StaffPage`], [`OrganizerPage`], [`AdminPage`] and [`DeskPage`], which answer with the right
//! page instead (login, the desk, or 403). Taking one as a handler argument is the role check:
//! an unauthenticated handler cannot be written by accident.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use entity::{Role, user};
use sea_orm::EntityTrait;
use uuid::Uuid;

use axum::response::{IntoResponse, Redirect, Response};

use super::AppState;
use super::lang::PageLang;
use super::pages::forbidden;
use crate::auth::service::user_for_token;
use crate::auth::sessions::{self, SessionData};
use crate::db::FetchUnique;
use crate::error::AppError;

/// An authenticated account.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    /// Set for a desk session opened with a desk link: it may reach this event's desk and
    /// check-in API, and nothing else.
    pub event_scope: Option<Uuid>,
}

impl CurrentUser {
    pub fn require(self, role: Role) -> Result<CurrentUser, AppError> {
        if self.role >= role { Ok(self) } else { Err(AppError::Forbidden) }
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        let Some(header) = parts.headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
            return from_session(parts, state).await?.ok_or(AppError::Unauthorized);
        };
        let (scheme, token) = header.split_once(' ').ok_or(AppError::Unauthorized)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(AppError::Unauthorized);
        }
        let account = user_for_token(state.db.read(), token.trim()).await?.ok_or(AppError::Unauthorized)?;
        let user = CurrentUser { id: account.id, email: account.email, role: account.role, event_scope: None };
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

/// The account behind the back office's session cookie, if any.
async fn from_session(parts: &mut Parts, state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = sessions::cookie(&parts.headers, sessions::COOKIE) else {
        return Ok(None);
    };
    let user_id = match sessions::load(state.db.read(), token, crate::domain::now()).await? {
        Some(SessionData::User { user_id }) => user_id,
        Some(SessionData::Desk { desk_link_id, event_id }) => {
            let desk = CurrentUser {
                id: desk_link_id,
                email: "desk".into(),
                role: Role::Checkin,
                event_scope: Some(event_id),
            };
            parts.extensions.insert(desk.clone());
            return Ok(Some(desk));
        }
        None => return Ok(None),
    };
    let Some(account) = user::Entity::find_by_id(user_id).unique(state.db.read()).await? else {
        return Ok(None);
    };
    if account.disabled_at.is_some() {
        return Ok(None);
    }
    let user = CurrentUser { id: account.id, email: account.email, role: account.role, event_scope: None };
    parts.extensions.insert(user.clone());
    Ok(Some(user))
}

/// An organizer or admin.
#[derive(Debug, Clone)]
pub struct Organizer(pub CurrentUser);

impl FromRequestParts<AppState> for Organizer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        CurrentUser::from_request_parts(parts, state).await?.require(Role::Organizer).map(Organizer)
    }
}

/// An admin.
#[derive(Debug, Clone)]
pub struct Admin(pub CurrentUser);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        CurrentUser::from_request_parts(parts, state).await?.require(Role::Admin).map(Admin)
    }
}

/// Any staff account: check-in, organizer or admin.
#[derive(Debug, Clone)]
pub struct Staff(pub CurrentUser);

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let user = CurrentUser::from_request_parts(parts, state).await?.require(Role::Checkin)?;
        if let Some(scope) = user.event_scope {
            // A desk session reaches only its own event's routes (`/events/{id}/…`).
            let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| AppError::Forbidden)?;
            let event = params.iter().find(|(name, _)| *name == "id").map(|(_, value)| value);
            if event != Some(scope.to_string().as_str()) {
                return Err(AppError::Forbidden);
            }
        }
        Ok(Staff(user))
    }
}

/// Where a page sends someone who may not see it.
fn login_redirect(path: &str) -> Response {
    Redirect::to(&format!("/admin/login?next={}", urlencode(path))).into_response()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The account behind a back-office page (session cookie only: pages are for people, tokens
/// for scripts), or the page to answer with instead: the login page for nobody, the desk for a
/// desk session, 403 in the viewer's language for a role below `role`.
async fn back_office_user(parts: &mut Parts, state: &AppState, role: Role) -> Result<CurrentUser, Response> {
    parts.headers.remove(AUTHORIZATION);
    let path = parts.uri.path().to_owned();
    match CurrentUser::from_request_parts(parts, state).await {
        Ok(CurrentUser { event_scope: Some(event_id), .. }) => {
            Err(Redirect::to(&format!("/checkin/{event_id}")).into_response())
        }
        Ok(user) if user.role >= role => Ok(user),
        Ok(_) => Err(forbidden_page(parts, state).await),
        Err(_) => Err(login_redirect(&path)),
    }
}

async fn forbidden_page(parts: &mut Parts, state: &AppState) -> Response {
    let lang = PageLang::from_request_parts(parts, state).await.unwrap_or_else(|e| match e {});
    forbidden(lang)
}

/// Declares a back-office page extractor for one least role.
macro_rules! back_office_page {
    ($(#[$doc:meta])* $name:ident, $role:expr) => {
        $(#[$doc])*
        pub struct $name(pub CurrentUser);

        impl FromRequestParts<AppState> for $name {
            type Rejection = Response;

            async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
                back_office_user(parts, state, $role).await.map($name)
            }
        }
    };
}

back_office_page!(
    /// Any signed-in staff account on a back-office page (check-in staff and up).
    StaffPage,
    Role::Checkin
);
back_office_page!(
    /// An organizer or admin on a back-office page.
    OrganizerPage,
    Role::Organizer
);
back_office_page!(
    /// An admin on a back-office page.
    AdminPage,
    Role::Admin
);

/// Who may use an event's desk page: check-in staff and up, or a desk session of that event
/// (another event's desk answers 403).
pub struct DeskPage(pub CurrentUser);

impl FromRequestParts<AppState> for DeskPage {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        parts.headers.remove(AUTHORIZATION);
        let path = parts.uri.path().to_owned();
        let user = match CurrentUser::from_request_parts(parts, state).await {
            Ok(user) if user.role >= Role::Checkin => user,
            Ok(_) => return Err(forbidden_page(parts, state).await),
            Err(_) => return Err(login_redirect(&path)),
        };
        if let Some(scope) = user.event_scope {
            let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| login_redirect(&path))?;
            let event = params.iter().find(|(name, _)| *name == "id").map(|(_, value)| value);
            if event != Some(scope.to_string().as_str()) {
                return Err(forbidden_page(parts, state).await);
            }
        }
        Ok(DeskPage(user))
    }
}
