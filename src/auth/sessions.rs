//! Back-office and desk sessions, stored in the database so any instance serves any request
//! and a session can be ended server-side (logout, a revoked desk link).
//!
//! The cookie holds a 256-bit random token; the table holds only its SHA-256, so a database
//! leak does not hand out live sessions.

use chrono::{DateTime, Duration, Utc};
use entity::{desk_link, session};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::FetchUnique;
use crate::secrets;

pub const COOKIE: &str = "convene_session";
/// How long a back-office login lasts.
pub const LOGIN_TTL: Duration = Duration::hours(12);

/// What a session stands for: an account, or a desk limited to one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SessionData {
    User { user_id: Uuid },
    Desk { desk_link_id: Uuid, event_id: Uuid },
}

/// Starts a session and returns the cookie value.
pub async fn create(db: &impl ConnectionTrait, data: &SessionData, expires_at: DateTime<Utc>) -> Result<String, DbErr> {
    let token = secrets::url_token();
    let row = session::Model {
        id: secrets::hash_token(&token),
        data: serde_json::to_vec(data).map_err(|e| DbErr::Custom(e.to_string()))?,
        expiry_date: expires_at,
    };
    session::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(token)
}

/// The live session behind a cookie value: unexpired, and for a desk, its link not revoked.
pub async fn load(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<Option<SessionData>, DbErr> {
    if token.len() != 43 {
        return Ok(None);
    }
    let Some(row) = session::Entity::find_by_id(secrets::hash_token(token)).unique(db).await? else {
        return Ok(None);
    };
    if row.expiry_date <= now {
        return Ok(None);
    }
    let Ok(data) = serde_json::from_slice::<SessionData>(&row.data) else {
        return Ok(None);
    };
    if let SessionData::Desk { desk_link_id, .. } = &data {
        let live = desk_link::Entity::find_by_id(*desk_link_id)
            .filter(desk_link::Column::RevokedAt.is_null())
            .unique(db)
            .await?
            .is_some();
        if !live {
            return Ok(None);
        }
    }
    Ok(Some(data))
}

/// Ends the session behind a cookie value.
pub async fn delete(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(secrets::hash_token(token)).exec(db).await?;
    Ok(())
}

/// Deletes expired sessions; run by the worker.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many().filter(session::Column::ExpiryDate.lt(now)).exec(db).await?.rows_affected)
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// `Set-Cookie` for the session: HttpOnly, SameSite, Secure behind https.
pub fn set_cookie(token: &str, max_age: Duration, secure: bool, same_site: &str) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; Max-Age={}; HttpOnly; SameSite={same_site}{secure}", max_age.num_seconds())
}

pub fn clear_cookie(secure: bool) -> String {
    set_cookie("", Duration::zero(), secure, "Lax")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = axum::http::HeaderMap::new();
        headers
            .insert(axum::http::header::COOKIE, axum::http::HeaderValue::from_static("lang=fr; convene_session=abc"));
        assert_eq!(cookie(&headers, COOKIE), Some("abc"));
        assert_eq!(cookie(&headers, "lang"), Some("fr"));
        assert_eq!(cookie(&headers, "nope"), None);
    }

    #[test]
    fn the_cookie_is_http_only_and_secure_behind_https() {
        let c = set_cookie("t", Duration::hours(1), true, "Strict");
        assert!(
            c.contains("HttpOnly")
                && c.contains("Secure")
                && c.contains("SameSite=Strict")
                && c.contains("Max-Age=3600")
        );
    }
}
