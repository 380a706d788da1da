//! Accounts (admin only) and one's own API tokens. New passwords and tokens are shown once,
//! on the page that answers their creation, and stored only as hashes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::Role;
use minijinja::context;

use crate::auth::service::{self as accounts, AccountError};
use crate::db::keep;
use crate::domain::{EmailAddress, now};
use crate::error::{AppError, FieldError};
use chrono_tz::Tz;

use crate::i18n::format_instant;
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::{AdminPage, OrganizerPage};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

async fn users_page(
    state: &AppState,
    user: &crate::web::identity::CurrentUser,
    lang: PageLang,
    created: Option<(String, String)>,
    error: Option<String>,
) -> Result<Response, AppError> {
    let users: Vec<_> = accounts::list_users(state.db.read())
        .await?
        .into_iter()
        .map(|u| {
            context! {
                id => u.id.to_string(), email => u.email, role => u.role.as_str(), disabled => u.disabled_at.is_some(),
                created_at => format_instant(u.created_at, Tz::UTC, lang.lang), is_me => u.id == user.id,
            }
        })
        .collect();
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let ctx = context! {
        users => users,
        created => created.map(|(email, password)| context! { email => email, password => password }),
        error => error,
        ..chrome(user, "users")
    };
    Ok(Page::new("admin/users.html", lang, ctx).status(status).secret().into_response())
}

pub async fn users(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    lang: PageLang,
) -> Result<Response, AppError> {
    users_page(&state, &me, lang, None, None).await
}

pub async fn create_user(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    lang: PageLang,
    form: FormFields,
) -> Result<Response, AppError> {
    let email = match EmailAddress::parse(form.get("email").unwrap_or("")) {
        Ok(e) => e,
        Err(e) => return users_page(&state, &me, lang, None, Some(format!("email: {e}"))).await,
    };
    let Some(role) = form.get("role").and_then(Role::parse) else {
        return users_page(&state, &me, lang, None, Some("role: choose admin, organizer or checkin".into())).await;
    };
    let password: String = crate::secrets::url_token().chars().take(20).collect();
    let new_password = password.clone();
    let created = state
        .db
        .write(move |txn| keep(async move { accounts::create_user(txn, &email, role, &new_password, now()).await }))
        .await;
    match created {
        Ok(u) => users_page(&state, &me, lang, Some((u.email, password)), None).await,
        Err(AccountError::EmailTaken) => {
            users_page(&state, &me, lang, None, Some("an account with this email already exists".into())).await
        }
        Err(other) => Err(AppError::Internal(other.into())),
    }
}

pub async fn toggle_user(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    lang: PageLang,
    PathId(id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    if id == me.id {
        return users_page(&state, &me, lang, None, Some("you cannot disable your own account".into())).await;
    }
    let disable = form.get("disable") == Some("yes");
    state.db.write(move |txn| keep(accounts::set_disabled(txn, id, disable, now()))).await?;
    Ok(Redirect::to("/admin/users").into_response())
}

async fn tokens_page(
    state: &AppState,
    me: &crate::web::identity::CurrentUser,
    lang: PageLang,
    created: Option<String>,
) -> Result<Response, AppError> {
    let tokens: Vec<_> = accounts::list_tokens(state.db.read(), me.id)
        .await?
        .into_iter()
        .map(|t| context! { id => t.id.to_string(), name => t.name, created_at => format_instant(t.created_at, Tz::UTC, lang.lang) })
        .collect();
    let ctx = context! { tokens => tokens, created => created, ..chrome(me, "tokens") };
    Ok(Page::new("admin/tokens.html", lang, ctx).secret().into_response())
}

pub async fn tokens(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
) -> Result<Response, AppError> {
    tokens_page(&state, &me, lang, None).await
}

pub async fn create_token(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    form: FormFields,
) -> Result<Response, AppError> {
    let email = EmailAddress::parse(&me.email).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    let name = form.get("name").unwrap_or("").trim().to_owned();
    match state.db.write(move |txn| keep(async move { accounts::create_token(txn, &email, &name, now()).await })).await
    {
        Ok(token) => tokens_page(&state, &me, lang, Some(token)).await,
        Err(AccountError::Invalid(_)) => Err(AppError::field("name", FieldError::new("token_name"))),
        Err(other) => Err(AppError::Internal(other.into())),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let user_id = me.id;
    state.db.write(move |txn| keep(accounts::revoke_token(txn, user_id, id, now()))).await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}
