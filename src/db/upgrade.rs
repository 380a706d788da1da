//! Sealing the secrets stored in plain text by releases before secrets at rest: each
//! registration's ticket code, manage token and join token, and each invitation's token, become
//! a lookup hash plus a copy sealed with the server's key, so links already mailed keep working.
//! Rows go 500 at a time, each batch its own transaction; a row is done when its sealed copy is
//! not empty, so an interrupted upgrade resumes where it stopped, and every update is guarded
//! on that, so two servers starting together never hash a value twice.

use entity::{invitation, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::{Db, Keep};
use crate::secrets::{lookup_hash, seal};

const BATCH: u64 = 500;

pub async fn seal_secrets(db: &Db) -> anyhow::Result<()> {
    let mut sealed = 0usize;
    loop {
        let done = db
            .write_alone(|txn| {
                Box::pin(async move {
                    let rows = registration::Entity::find()
                        .filter(registration::Column::ManageTokenSealed.eq(""))
                        .limit(BATCH)
                        .all(txn)
                        .await?;
                    for r in &rows {
                        registration::Entity::update_many()
                            .col_expr(registration::Column::TicketCode, Expr::value(lookup_hash(plain(&r.ticket_code))))
                            .col_expr(
                                registration::Column::ManageToken,
                                Expr::value(lookup_hash(plain(&r.manage_token))),
                            )
                            .col_expr(registration::Column::JoinToken, Expr::value(lookup_hash(plain(&r.join_token))))
                            .col_expr(registration::Column::TicketCodeSealed, Expr::value(seal(plain(&r.ticket_code))))
                            .col_expr(
                                registration::Column::ManageTokenSealed,
                                Expr::value(seal(plain(&r.manage_token))),
                            )
                            .col_expr(registration::Column::JoinTokenSealed, Expr::value(seal(plain(&r.join_token))))
                            .filter(registration::Column::Id.eq(r.id))
                            .filter(registration::Column::ManageTokenSealed.eq(""))
                            .exec(txn)
                            .await?;
                    }
                    let invitations = invitation::Entity::find()
                        .filter(invitation::Column::TokenSealed.eq(""))
                        .limit(BATCH)
                        .all(txn)
                        .await?;
                    for i in &invitations {
                        invitation::Entity::update_many()
                            .col_expr(invitation::Column::Token, Expr::value(lookup_hash(&i.token)))
                            .col_expr(invitation::Column::TokenSealed, Expr::value(seal(&i.token)))
                            .filter(invitation::Column::Id.eq(i.id))
                            .filter(invitation::Column::TokenSealed.eq(""))
                            .exec(txn)
                            .await?;
                    }
                    Ok::<_, DbErr>(Keep(rows.len() + invitations.len()))
                })
            })
            .await?;
        if done == 0 {
            break;
        }
        sealed += done;
    }
    if sealed > 0 {
        tracing::info!(rows = sealed, "sealed the secrets of an earlier release");
    }
    Ok(())
}

/// A plain secret of an earlier release (its columns were never NULL then).
fn plain(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or_default()
}
