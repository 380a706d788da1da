//! `invitation`: a personal link mailed to a partner from an imported list, which pre-fills
//! the public registration form. The token is unique; `used_at` is set once it served a
//! registration.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::column_types::{instant, instant_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(pk_uuid(Invitation::Id))
                    .col(uuid(Invitation::EventId))
                    .col(string_len_uniq(Invitation::Token, 64))
                    .col(string_len(Invitation::Email, 320))
                    .col(string_len(Invitation::FirstName, 200))
                    .col(string_len(Invitation::LastName, 200))
                    .col(string_len(Invitation::Organization, 300))
                    .col(string_len(Invitation::Language, 8))
                    .col(string_len_null(Invitation::Mode, 16))
                    .col(uuid_null(Invitation::InvitedBy))
                    .col(instant(db, Invitation::CreatedAt))
                    .col(instant_null(db, Invitation::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitation::Table, Invitation::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_invitation_event_email")
                    .table(Invitation::Table)
                    .col(Invitation::EventId)
                    .col(Invitation::Email)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Invitation::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    EventId,
    Token,
    Email,
    FirstName,
    LastName,
    Organization,
    Language,
    Mode,
    InvitedBy,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
}
