//! Who is calling: the account behind a Bearer token, and role-checking wrappers.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use entity::{Role, user};
use sea_orm::EntityTrait;
use uuid::Uuid;

use super::service::user_for_token;
use super::sessions::{self, SessionData};
use crate::db::FetchUnique;
use crate::error::AppError;
use crate::web::AppState;

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
        let account = user_for_token(&state.db.read, token.trim()).await?.ok_or(AppError::Unauthorized)?;
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
    let user_id = match sessions::load(&state.db.read, token, crate::domain::now()).await? {
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
    let Some(account) = user::Entity::find_by_id(user_id).unique(&state.db.read).await? else {
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
