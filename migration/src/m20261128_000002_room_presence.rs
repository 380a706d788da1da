//! Exit scans and "in the room now", optional per event.
//!
//! `door_setting` holds an event's choice (exit scans on or off, and the room's own cap when
//! it is lower than the seats sold); `room_exit` logs people leaving. Like `checkin`, a nullable
//! `active_registration_id` (set while the person is outside, NULL once back or undone) in a
//! plain unique index makes "one open exit per registration" hold on every backend.

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
                    .table(DoorSetting::Table)
                    .col(pk_uuid(DoorSetting::EventId))
                    .col(boolean(DoorSetting::ExitScans).default(false))
                    .col(integer_null(DoorSetting::RoomCap))
                    .col(instant(db, DoorSetting::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DoorSetting::Table, DoorSetting::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoomExit::Table)
                    .col(pk_uuid(RoomExit::Id))
                    .col(uuid(RoomExit::EventId))
                    .col(uuid(RoomExit::RegistrationId))
                    .col(uuid_null(RoomExit::ActiveRegistrationId).unique_key())
                    .col(instant(db, RoomExit::ExitedAt))
                    .col(instant_null(db, RoomExit::ReturnedAt))
                    .col(string_len(RoomExit::Desk, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoomExit::Table, RoomExit::RegistrationId)
                            .to(Registration::Table, Registration::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_room_exit_event")
                    .table(RoomExit::Table)
                    .col(RoomExit::EventId)
                    .col(RoomExit::ActiveRegistrationId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RoomExit::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(DoorSetting::Table).if_exists().to_owned()).await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registration {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum DoorSetting {
    Table,
    EventId,
    ExitScans,
    RoomCap,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RoomExit {
    Table,
    Id,
    EventId,
    RegistrationId,
    ActiveRegistrationId,
    ExitedAt,
    ReturnedAt,
    Desk,
}
