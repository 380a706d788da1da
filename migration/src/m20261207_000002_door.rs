//! The door's ground for working without a network:
//!
//! - `door_request`: the answer given to each nonce (a desk's request id), so that a request
//!   replayed after a lost answer is answered again and does nothing twice;
//! - `registration.index_revision`: the event's revision when the registration (or its
//!   check-in) last changed, the cursor of the check-in index;
//! - `index_download`: who downloaded an event's check-in index, and when (read by the audit).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::column_types::instant;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(DoorRequest::Table)
                    .col(uuid(DoorRequest::EventId))
                    .col(uuid(DoorRequest::Nonce))
                    .col(string_len(DoorRequest::Kind, 16))
                    .col(string_len(DoorRequest::Fingerprint, 64))
                    .col(integer(DoorRequest::Status))
                    .col(text(DoorRequest::Response))
                    .col(instant(db, DoorRequest::CreatedAt))
                    .primary_key(Index::create().col(DoorRequest::EventId).col(DoorRequest::Nonce))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DoorRequest::Table, DoorRequest::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Registration::Table)
                    .add_column(big_integer(Registration::IndexRevision).default(0).take())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_index_revision")
                    .table(Registration::Table)
                    .col(Registration::EventId)
                    .col(Registration::IndexRevision)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IndexDownload::Table)
                    .col(pk_uuid(IndexDownload::Id))
                    .col(uuid(IndexDownload::EventId))
                    .col(uuid_null(IndexDownload::UserId))
                    .col(string_len(IndexDownload::Who, 320))
                    .col(big_integer_null(IndexDownload::SinceCursor))
                    .col(integer(IndexDownload::Entries))
                    .col(instant(db, IndexDownload::At))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(IndexDownload::Table).to_owned()).await?;
        manager
            .drop_index(Index::drop().name("idx_registration_index_revision").table(Registration::Table).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Registration::Table).drop_column(Registration::IndexRevision).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(DoorRequest::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum DoorRequest {
    Table,
    EventId,
    Nonce,
    Kind,
    Fingerprint,
    Status,
    Response,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registration {
    Table,
    EventId,
    IndexRevision,
}

#[derive(DeriveIden)]
enum IndexDownload {
    Table,
    Id,
    EventId,
    UserId,
    Who,
    SinceCursor,
    Entries,
    At,
}
