//! The contact list and its opt-outs.

use chrono::{DateTime, Utc};
use entity::{contact, event, invitation, invitation_opt_out, registration};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::db::FetchUnique;
use crate::secrets;

/// The opt-out list holds this, never the address.
fn address_hash(email: &str) -> String {
    secrets::hash_token(&email.trim().to_lowercase())
}

/// Keeps (or refreshes) the registrant of `reg` as a contact, consenting now. Asking again
/// after a stop lifts the stop: the newer choice wins.
pub async fn keep(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    event: &event::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = contact::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(reg.email().to_owned()),
        first_name: Set(reg.first_name().to_owned()),
        last_name: Set(reg.last_name().to_owned()),
        organization: Set(reg.organization.clone()),
        language: Set(reg.language),
        consent_at: Set(now),
        consent_source: Set(format!("{}: {}", reg.consent_source, event.slug)),
        source_event_id: Set(Some(event.id)),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let refreshed = [
        contact::Column::FirstName,
        contact::Column::LastName,
        contact::Column::Organization,
        contact::Column::Language,
        contact::Column::ConsentAt,
        contact::Column::ConsentSource,
        contact::Column::SourceEventId,
        contact::Column::UpdatedAt,
    ];
    contact::Entity::insert(row)
        .on_conflict(OnConflict::column(contact::Column::Email).update_columns(refreshed).to_owned())
        .exec_without_returning(db)
        .await?;
    invitation_opt_out::Entity::delete_by_id(address_hash(reg.email())).exec(db).await?;
    Ok(())
}

/// Every contact, oldest first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<contact::Model>, DbErr> {
    contact::Entity::find().order_by_asc(contact::Column::CreatedAt).all(db).await
}

/// Whether `email` asked for no more invitations.
pub async fn opted_out(db: &impl ConnectionTrait, email: &str) -> Result<bool, DbErr> {
    Ok(invitation_opt_out::Entity::find_by_id(address_hash(email)).unique(db).await?.is_some())
}

/// The invitation behind a stop link's token (used or not); `None` for anything else.
pub async fn invitation_for_stop(db: &impl ConnectionTrait, token: &str) -> Result<Option<invitation::Model>, DbErr> {
    if !crate::secrets::is_url_token(token) {
        return Ok(None);
    }
    invitation::Entity::find().filter(invitation::Column::Token.eq(secrets::lookup_hash(token))).unique(db).await
}

/// Stops future invitations to `email`: removes the contact and remembers the hash.
/// Stopping twice changes nothing.
pub async fn stop(db: &impl ConnectionTrait, email: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    contact::Entity::delete_many().filter(contact::Column::Email.eq(email.trim().to_lowercase())).exec(db).await?;
    let row = invitation_opt_out::Model { email_hash: address_hash(email), created_at: now };
    invitation_opt_out::Entity::insert(row.into_active_model())
        .on_conflict(
            // A portable "do nothing" (MariaDB has no DO NOTHING): rewrite the key with itself.
            OnConflict::column(invitation_opt_out::Column::EmailHash)
                .update_column(invitation_opt_out::Column::EmailHash)
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
