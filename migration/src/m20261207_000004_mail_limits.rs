//! Limits on mail caused by anonymous requests: `outbox_email.recipient_key` is the hash of
//! the address a limited mail goes to (`NULL` for mail that is not limited), indexed with its
//! time so that counting an address's mails in the last hour reads a few index entries;
//! `outbox_email.coalesced` counts the later mails a deferred one was replaced by.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxEmail::Table)
                    .add_column(string_len_null(OutboxEmail::RecipientKey, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxEmail::Table)
                    .add_column(integer(OutboxEmail::Coalesced).default(0).take())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_email_recipient_key")
                    .table(OutboxEmail::Table)
                    .col(OutboxEmail::RecipientKey)
                    .col(OutboxEmail::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_outbox_email_recipient_key").table(OutboxEmail::Table).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(OutboxEmail::Table).drop_column(OutboxEmail::Coalesced).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(OutboxEmail::Table).drop_column(OutboxEmail::RecipientKey).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum OutboxEmail {
    Table,
    RecipientKey,
    Coalesced,
    NextAttemptAt,
}
