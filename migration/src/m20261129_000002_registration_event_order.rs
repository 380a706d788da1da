//! `(event_id, id)` on `registration`: an event's registrations in order of arrival (ids are
//! UUID v7) as one index range. The attendee export reads them page by page with
//! `event_id = ? AND id > ? ORDER BY id`; without it every page sorted the whole event.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_event_order")
                    .table(Registration::Table)
                    .col(Registration::EventId)
                    .col(Registration::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_registration_event_order").table(Registration::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Registration {
    Table,
    Id,
    EventId,
}
