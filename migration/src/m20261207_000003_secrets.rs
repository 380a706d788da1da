//! Secrets at rest: each registrant secret (ticket code, manage token, join token, invitation
//! token) gets a sealed copy column beside the one that will hold its lookup hash. The values
//! themselves are hashed and sealed by the server after this migration, in batches, under the
//! migration lock (`convene::secrets::upgrade`): sealing needs the server's key, which
//! migrations do not hold. A sealed copy left empty marks a row still to do.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Registration::TicketCodeSealed, Registration::ManageTokenSealed, Registration::JoinTokenSealed] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Registration::Table)
                        .add_column(string_len(column, 200).default("").take())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Invitation::Table)
                    .add_column(string_len(Invitation::TokenSealed, 200).default("").take())
                    .to_owned(),
            )
            .await?;
        // The ticket code column will hold a 64-character hash (SQLite does not enforce lengths).
        if manager.get_database_backend() != DbBackend::Sqlite {
            manager
                .alter_table(
                    Table::alter()
                        .table(Registration::Table)
                        .modify_column(ColumnDef::new(Registration::TicketCode).string_len(64).not_null())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Invitation::Table).drop_column(Invitation::TokenSealed).to_owned())
            .await?;
        for column in [Registration::JoinTokenSealed, Registration::ManageTokenSealed, Registration::TicketCodeSealed] {
            manager.alter_table(Table::alter().table(Registration::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Registration {
    Table,
    TicketCode,
    TicketCodeSealed,
    ManageTokenSealed,
    JoinTokenSealed,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    TokenSealed,
}
