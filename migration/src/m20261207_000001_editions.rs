//! Next year's edition and the people around an event:
//!
//! - `event.in_person_held` / `in_person_held_used`: in-person seats kept for speakers and
//!   hosts, and how many of them are given; `registration.held_seat` marks who has one.
//! - `event.programme`: the programme items (JSON).
//! - `contact`: people who asked to be invited to future editions, with their own consent.
//! - `invitation_opt_out`: hashed addresses that asked for no more invitations.
//! - `registration_history`: what happened to a registration, as a kind plus parameters.
//!
//! SQLite adds one column per `ALTER TABLE`, so each column is its own statement.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::column_types::instant;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();
        let event_columns = [
            integer(Event::InPersonHeld).default(0).take(),
            integer(Event::InPersonHeldUsed).default(0).take(),
            json(Event::Programme).default("[]").take(),
        ];
        for mut column in event_columns {
            manager.alter_table(Table::alter().table(Event::Table).add_column(&mut column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Registration::Table)
                    .add_column(boolean(Registration::HeldSeat).default(false).take())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Contact::Table)
                    .col(pk_uuid(Contact::Id))
                    .col(string_len_uniq(Contact::Email, 320))
                    .col(string_len(Contact::FirstName, 200))
                    .col(string_len(Contact::LastName, 200))
                    .col(string_len(Contact::Organization, 300))
                    .col(string_len(Contact::Language, 8))
                    .col(instant(db, Contact::ConsentAt))
                    .col(string_len(Contact::ConsentSource, 300))
                    .col(uuid_null(Contact::SourceEventId))
                    .col(instant(db, Contact::CreatedAt))
                    .col(instant(db, Contact::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InvitationOptOut::Table)
                    .col(string_len(InvitationOptOut::EmailHash, 64).primary_key())
                    .col(instant(db, InvitationOptOut::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RegistrationHistory::Table)
                    .col(pk_uuid(RegistrationHistory::Id))
                    .col(uuid(RegistrationHistory::RegistrationId))
                    .col(uuid(RegistrationHistory::EventId))
                    .col(instant(db, RegistrationHistory::At))
                    .col(string_len(RegistrationHistory::Kind, 32))
                    .col(string_len(RegistrationHistory::ActorKind, 16))
                    .col(string_len_null(RegistrationHistory::ActorLabel, 320))
                    .col(json(RegistrationHistory::Params))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RegistrationHistory::Table, RegistrationHistory::RegistrationId)
                            .to(Registration::Table, Registration::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_history_registration")
                    .table(RegistrationHistory::Table)
                    .col(RegistrationHistory::RegistrationId)
                    .col(RegistrationHistory::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in
            [RegistrationHistory::Table.into_iden(), InvitationOptOut::Table.into_iden(), Contact::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .alter_table(Table::alter().table(Registration::Table).drop_column(Registration::HeldSeat).to_owned())
            .await?;
        for column in [Event::Programme, Event::InPersonHeldUsed, Event::InPersonHeld] {
            manager.alter_table(Table::alter().table(Event::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Event {
    Table,
    InPersonHeld,
    InPersonHeldUsed,
    Programme,
}

#[derive(DeriveIden)]
enum Registration {
    Table,
    Id,
    HeldSeat,
}

#[derive(DeriveIden)]
enum Contact {
    Table,
    Id,
    Email,
    FirstName,
    LastName,
    Organization,
    Language,
    ConsentAt,
    ConsentSource,
    SourceEventId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum InvitationOptOut {
    Table,
    EmailHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RegistrationHistory {
    Table,
    Id,
    RegistrationId,
    EventId,
    At,
    Kind,
    ActorKind,
    ActorLabel,
    Params,
}
