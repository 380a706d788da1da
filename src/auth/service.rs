//! Account and token use cases.

use chrono::{DateTime, Utc};
use entity::{Role, api_token, user};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use super::passwords;
use crate::db::FetchUnique;
use crate::db::is_unique_violation;
use crate::domain::EmailAddress;
use crate::secrets;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error("no account with this email")]
    UnknownAccount,
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Creates an account with an Argon2id hash of `password`.
pub async fn create_user(
    db: &impl ConnectionTrait,
    email: &EmailAddress,
    role: Role,
    password: &str,
    now: DateTime<Utc>,
) -> Result<user::Model, AccountError> {
    super::password_policy::check_new(password).map_err(|why| AccountError::Invalid(why.into()))?;
    let model = user::Model {
        id: Uuid::now_v7(),
        email: email.as_str().to_owned(),
        password_hash: passwords::hash(password.to_owned()).await?,
        role,
        created_at: now,
        disabled_at: None,
    };
    match user::Entity::insert(model.clone().into_active_model()).exec_without_returning(db).await {
        Ok(_) => Ok(model),
        Err(e) if is_unique_violation(&e) => Err(AccountError::EmailTaken),
        Err(e) => Err(e.into()),
    }
}

pub async fn find_user_by_email(db: &impl ConnectionTrait, email: &EmailAddress) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find().filter(user::Column::Email.eq(email.as_str())).unique(db).await
}

/// Creates an API token for the account and returns it; only its hash is stored.
pub async fn create_token(
    db: &impl ConnectionTrait,
    email: &EmailAddress,
    name: &str,
    now: DateTime<Utc>,
) -> Result<String, AccountError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AccountError::Invalid("the token name must have 1 to 200 characters".into()));
    }
    let account = find_user_by_email(db, email).await?.ok_or(AccountError::UnknownAccount)?;
    let token = secrets::api_token();
    let row = api_token::Model {
        id: Uuid::now_v7(),
        user_id: account.id,
        name: name.to_owned(),
        token_hash: secrets::hash_token(&token),
        created_at: now,
        last_used_at: None,
        revoked_at: None,
    };
    api_token::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(token)
}

/// The enabled account behind an unrevoked API token.
pub async fn user_for_token(db: &impl ConnectionTrait, token: &str) -> Result<Option<user::Model>, DbErr> {
    if !token.starts_with("cvn_") || token.len() > 100 {
        return Ok(None);
    }
    let Some(row) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(secrets::hash_token(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .unique(db)
        .await?
    else {
        return Ok(None);
    };
    let account = user::Entity::find_by_id(row.user_id).unique(db).await?;
    Ok(account.filter(|u| u.disabled_at.is_none()))
}

/// Every account, for the admin page.
pub async fn list_users(db: &impl ConnectionTrait) -> Result<Vec<user::Model>, DbErr> {
    use sea_orm::QueryOrder;
    user::Entity::find().order_by_asc(user::Column::Email).all(db).await
}

/// Turns an account off (its sessions and tokens stop working) or on again.
pub async fn set_disabled(
    db: &impl ConnectionTrait,
    id: Uuid,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    user::Entity::update_many()
        .col_expr(user::Column::DisabledAt, Expr::value(disabled.then_some(now)))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The account's unrevoked tokens (never the token itself: only its name and dates).
pub async fn list_tokens(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<api_token::Model>, DbErr> {
    use sea_orm::QueryOrder;
    api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_desc(api_token::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn revoke_token(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    token_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_token::Column::Id.eq(token_id))
        .filter(api_token::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
