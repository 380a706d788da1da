//! `organizer_identity`: who organizes, shown on every public page and mail. One row (id 1),
//! created with defaults; the logo is kept in the row (at most 512 KiB).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::column_types::instant;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();
        // MariaDB's BLOB stops at 64 KiB; a logo may be 512 KiB.
        let mut logo = ColumnDef::new(OrganizerIdentity::Logo);
        match db {
            DbBackend::MySql => logo.custom(Alias::new("MEDIUMBLOB")),
            _ => logo.blob(),
        };
        manager
            .create_table(
                Table::create()
                    .table(OrganizerIdentity::Table)
                    .col(integer(OrganizerIdentity::Id).primary_key())
                    .col(json(OrganizerIdentity::OrganizationName))
                    .col(string_len_null(OrganizerIdentity::ContactEmail, 320))
                    .col(json(OrganizerIdentity::PrivacyUrl))
                    .col(string_len_null(OrganizerIdentity::AccentColor, 7))
                    .col(logo.null().take())
                    .col(string_len_null(OrganizerIdentity::LogoType, 32))
                    .col(integer(OrganizerIdentity::Revision).default(0))
                    .col(instant(db, OrganizerIdentity::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrganizerIdentity::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum OrganizerIdentity {
    Table,
    Id,
    OrganizationName,
    ContactEmail,
    PrivacyUrl,
    AccentColor,
    Logo,
    LogoType,
    Revision,
    UpdatedAt,
}
