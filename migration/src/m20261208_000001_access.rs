//! Who may register:
//!
//! - `event.access`: `open` (every event so far), `invitation` or `approval`;
//! - `event.allowed_email_domains`: at an invitation-only event, domains whose addresses need
//!   no personal link (JSON list);
//! - `invitation.registration_id`: the registration an invitation served, so its link keeps
//!   working for that person and nobody else.
//!
//! Registration statuses gain `pending` and `declined`: the column is a string already.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per `ALTER TABLE`.
        let event_columns = [
            string_len(Event::Access, 16).default("open").take(),
            json(Event::AllowedEmailDomains).default("[]").take(),
        ];
        for column in event_columns {
            manager.alter_table(Table::alter().table(Event::Table).add_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter().table(Invitation::Table).add_column(uuid_null(Invitation::RegistrationId)).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Invitation::Table).drop_column(Invitation::RegistrationId).to_owned())
            .await?;
        for column in [Event::AllowedEmailDomains, Event::Access] {
            manager.alter_table(Table::alter().table(Event::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Access,
    AllowedEmailDomains,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    RegistrationId,
}
