//! Addresses stored before they were compared in NFKC form (a fullwidth `ｃａｓｅ@…` beside
//! `case@…`) are brought to that form at start. Two active registrations of one event that
//! become the same address keep the older one; the newer is cancelled through the service
//! (its seat goes to the waiting line, the person is told) and named in the log.
//! Done row by row, each in its own transaction; a row already in that form is left alone, so
//! running it again (or on two instances at once) changes nothing more.

use entity::{RegistrationStatus, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::service::{self, RegistrationError, RegistrationRef};
use crate::db::{Db, FetchUnique, Keep};
use crate::domain::normalize_email;
use crate::history::Actor;

/// Brings every registration's address to its compared form; returns how many changed.
pub async fn normalize_emails(db: &Db) -> anyhow::Result<usize> {
    let mut changed = 0;
    for (id, email) in candidates(db).await? {
        if normalize_email(&email) == email {
            continue; // accented, already in form
        }
        db.write_alone(move |txn| Box::pin(async move { normalize_one(txn, id).await.map(Keep) })).await?;
        changed += 1;
    }
    Ok(changed)
}

/// Rows whose address has upper-case or non-ASCII characters: the only ones NFKC and lower
/// case can change. One cheap scan at start.
async fn candidates(db: &Db) -> Result<Vec<(Uuid, String)>, DbErr> {
    let outside_ascii = match db.backend() {
        DbBackend::Sqlite => "LENGTH(CAST(email AS BLOB)) <> LENGTH(email)",
        DbBackend::Postgres => "OCTET_LENGTH(email) <> CHAR_LENGTH(email)",
        _ => "LENGTH(email) <> CHAR_LENGTH(email)",
    };
    let sql = format!("SELECT id, email FROM registration WHERE email <> LOWER(email) OR {outside_ascii}");
    let rows = db.read().query_all_raw(crate::db::stmt(db.backend(), &sql, Vec::new())).await?;
    rows.iter().map(|row| Ok((row.try_get::<Uuid>("", "id")?, row.try_get::<String>("", "email")?))).collect()
}

async fn normalize_one(txn: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    let Some(reg) = registration::Entity::find_by_id(id).unique(txn).await? else { return Ok(()) };
    let normalized = normalize_email(reg.email());
    if normalized == reg.email() {
        return Ok(());
    }
    let mut keep_active = reg.active_email.is_some();
    if keep_active {
        let twin = registration::Entity::find()
            .filter(registration::Column::EventId.eq(reg.event_id))
            .filter(registration::Column::ActiveEmail.eq(normalized.as_str()))
            .unique(txn)
            .await?;
        if let Some(twin) = twin {
            let (older, newer) = if twin.created_at <= reg.created_at { (&twin, &reg) } else { (&reg, &twin) };
            cancel_duplicate(txn, newer.id, older.id).await?;
            keep_active = older.id == reg.id;
        }
    }
    // Read again: the cancellation may have been this row's.
    let Some(reg) = registration::Entity::find_by_id(id).unique(txn).await? else { return Ok(()) };
    let active = (keep_active && reg.status != RegistrationStatus::Cancelled).then(|| normalized.clone());
    registration::Entity::update_many()
        .col_expr(registration::Column::Email, Expr::value(normalized))
        .col_expr(registration::Column::ActiveEmail, Expr::value(active))
        .filter(registration::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

async fn cancel_duplicate(txn: &impl ConnectionTrait, newer: Uuid, older: Uuid) -> Result<(), DbErr> {
    let now = crate::domain::now();
    match service::cancel_with_note(txn, RegistrationRef::Id(newer), None, &Actor::System, now).await {
        Ok(_) => {
            tracing::warn!(cancelled = %newer, kept = %older, "two registrations of one event became the same address in its compared form; the newer was cancelled");
            Ok(())
        }
        Err(RegistrationError::Db(e)) => Err(e),
        // The event is over: nothing to cancel any more; only the address stops being active.
        Err(_) => {
            registration::Entity::update_many()
                .col_expr(registration::Column::ActiveEmail, Expr::value(Option::<String>::None))
                .filter(registration::Column::Id.eq(newer))
                .exec(txn)
                .await?;
            tracing::warn!(duplicate = %newer, kept = %older, "two registrations of a past event became the same address; the newer no longer counts as active");
            Ok(())
        }
    }
}
