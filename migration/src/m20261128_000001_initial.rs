//! The whole data model of DESIGN.md.
//!
//! Uniqueness that must survive cancellation uses nullable "active" key columns (set while
//! active, NULL after) in plain unique indexes: MariaDB has no partial indexes, and all three
//! backends allow many NULLs in a unique index.

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
                    .table(User::Table)
                    .col(pk_uuid(User::Id))
                    .col(string_len_uniq(User::Email, 320))
                    .col(string(User::PasswordHash))
                    .col(string_len(User::Role, 16))
                    .col(instant(db, User::CreatedAt))
                    .col(instant_null(db, User::DisabledAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(pk_uuid(ApiToken::Id))
                    .col(uuid(ApiToken::UserId))
                    .col(string_len(ApiToken::Name, 200))
                    .col(string_len_uniq(ApiToken::TokenHash, 64))
                    .col(instant(db, ApiToken::CreatedAt))
                    .col(instant_null(db, ApiToken::LastUsedAt))
                    .col(instant_null(db, ApiToken::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiToken::Table, ApiToken::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(string_len(Session::Id, 128).primary_key())
                    .col(blob(Session::Data))
                    .col(instant(db, Session::ExpiryDate))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_session_expiry").table(Session::Table).col(Session::ExpiryDate).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Event::Table)
                    .col(pk_uuid(Event::Id))
                    .col(string_len_uniq(Event::Slug, 120))
                    .col(string_len(Event::Title, 300))
                    .col(text(Event::Description))
                    .col(json(Event::Translations))
                    .col(instant(db, Event::StartsAt))
                    .col(instant(db, Event::EndsAt))
                    .col(string_len(Event::Timezone, 64))
                    .col(string_len_null(Event::Venue, 500))
                    .col(string_len_null(Event::OnlineUrl, 2000))
                    .col(boolean(Event::OffersInPerson))
                    .col(boolean(Event::OffersOnline))
                    .col(integer_null(Event::InPersonCapacity))
                    .col(integer_null(Event::OnlineCapacity))
                    .col(integer(Event::InPersonConfirmed).default(0))
                    .col(integer(Event::OnlineConfirmed).default(0))
                    .col(boolean(Event::Waitlist))
                    .col(instant_null(db, Event::RegistrationClosesAt))
                    .col(string_len(Event::Status, 16))
                    .col(json(Event::Questions))
                    .col(big_integer(Event::NextQueueSeq).default(1))
                    .col(big_integer(Event::Revision).default(0))
                    .col(integer(Event::CalendarSequence).default(0))
                    .col(integer(Event::ReminderMinutesBefore).default(1440))
                    .col(instant_null(db, Event::RemindersQueuedAt))
                    .col(instant_null(db, Event::WaitlistClosedAt))
                    .col(uuid_null(Event::CreatedBy))
                    .col(instant(db, Event::CreatedAt))
                    .col(instant(db, Event::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_event_starts_at").table(Event::Table).col(Event::StartsAt).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Registration::Table)
                    .col(pk_uuid(Registration::Id))
                    .col(uuid(Registration::EventId))
                    .col(string_len(Registration::FirstName, 200))
                    .col(string_len(Registration::LastName, 200))
                    .col(string_len(Registration::Email, 320))
                    .col(string_len_null(Registration::ActiveEmail, 320))
                    .col(string_len(Registration::Organization, 300))
                    .col(string_len(Registration::Mode, 16))
                    .col(string_len(Registration::Status, 16))
                    .col(big_integer(Registration::QueueSeq))
                    .col(string_len(Registration::Language, 8))
                    .col(string_len_uniq(Registration::TicketCode, 32))
                    .col(string_len_uniq(Registration::ManageToken, 64))
                    .col(string_len_uniq(Registration::JoinToken, 64))
                    .col(instant(db, Registration::ConsentAt))
                    .col(string_len(Registration::ConsentSource, 400))
                    .col(json(Registration::Answers))
                    .col(instant(db, Registration::CreatedAt))
                    .col(instant(db, Registration::UpdatedAt))
                    .col(instant_null(db, Registration::ConfirmedAt))
                    .col(instant_null(db, Registration::CancelledAt))
                    .col(instant_null(db, Registration::LinkResentAt))
                    .col(instant_null(db, Registration::ReminderSentAt))
                    .col(integer(Registration::CalendarSequence).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Registration::Table, Registration::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_registration_active_email")
                    .table(Registration::Table)
                    .col(Registration::EventId)
                    .col(Registration::ActiveEmail)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_queue")
                    .table(Registration::Table)
                    .col(Registration::EventId)
                    .col(Registration::Mode)
                    .col(Registration::Status)
                    .col(Registration::QueueSeq)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_event_name")
                    .table(Registration::Table)
                    .col(Registration::EventId)
                    .col(Registration::LastName)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Checkin::Table)
                    .col(pk_uuid(Checkin::Id))
                    .col(uuid(Checkin::EventId))
                    .col(uuid(Checkin::RegistrationId))
                    .col(uuid_null(Checkin::ActiveRegistrationId).unique_key())
                    .col(instant(db, Checkin::CheckedInAt))
                    .col(string_len(Checkin::Desk, 200))
                    .col(uuid_null(Checkin::UserId))
                    .col(instant_null(db, Checkin::UndoneAt))
                    .col(string_len_null(Checkin::UndoneBy, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Checkin::Table, Checkin::RegistrationId)
                            .to(Registration::Table, Registration::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_checkin_event_time")
                    .table(Checkin::Table)
                    .col(Checkin::EventId)
                    .col(Checkin::CheckedInAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OnlineJoin::Table)
                    .col(pk_uuid(OnlineJoin::Id))
                    .col(uuid(OnlineJoin::EventId))
                    .col(uuid_uniq(OnlineJoin::RegistrationId))
                    .col(instant(db, OnlineJoin::FirstJoinedAt))
                    .col(instant(db, OnlineJoin::LastJoinedAt))
                    .col(integer(OnlineJoin::JoinCount).default(1))
                    .col(string_len(OnlineJoin::Source, 16))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OnlineJoin::Table, OnlineJoin::RegistrationId)
                            .to(Registration::Table, Registration::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_online_join_event")
                    .table(OnlineJoin::Table)
                    .col(OnlineJoin::EventId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OutboxEmail::Table)
                    .col(pk_uuid(OutboxEmail::Id))
                    .col(string_len(OutboxEmail::Kind, 32))
                    .col(uuid(OutboxEmail::EventId))
                    .col(uuid_null(OutboxEmail::RegistrationId))
                    .col(string_len(OutboxEmail::Language, 8))
                    .col(json(OutboxEmail::Payload))
                    .col(string_len(OutboxEmail::Status, 16))
                    .col(integer(OutboxEmail::Attempts).default(0))
                    .col(instant(db, OutboxEmail::NextAttemptAt))
                    .col(instant_null(db, OutboxEmail::LeaseUntil))
                    .col(text_null(OutboxEmail::LastError))
                    .col(instant_null(db, OutboxEmail::SentAt))
                    .col(instant(db, OutboxEmail::CreatedAt))
                    .col(instant(db, OutboxEmail::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(OutboxEmail::Table)
                    .col(OutboxEmail::Status)
                    .col(OutboxEmail::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_event")
                    .table(OutboxEmail::Table)
                    .col(OutboxEmail::EventId)
                    .col(OutboxEmail::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DeskLink::Table)
                    .col(pk_uuid(DeskLink::Id))
                    .col(uuid(DeskLink::EventId))
                    .col(string_len(DeskLink::Label, 200))
                    .col(string_len_uniq(DeskLink::TokenHash, 64))
                    .col(uuid_null(DeskLink::CreatedBy))
                    .col(instant(db, DeskLink::CreatedAt))
                    .col(instant_null(db, DeskLink::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DeskLink::Table, DeskLink::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DeskLink::Table.into_iden(),
            OutboxEmail::Table.into_iden(),
            OnlineJoin::Table.into_iden(),
            Checkin::Table.into_iden(),
            Registration::Table.into_iden(),
            Event::Table.into_iden(),
            Session::Table.into_iden(),
            ApiToken::Table.into_iden(),
            User::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    CreatedAt,
    DisabledAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiryDate,
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
    Slug,
    Title,
    Description,
    Translations,
    StartsAt,
    EndsAt,
    Timezone,
    Venue,
    OnlineUrl,
    OffersInPerson,
    OffersOnline,
    InPersonCapacity,
    OnlineCapacity,
    InPersonConfirmed,
    OnlineConfirmed,
    Waitlist,
    RegistrationClosesAt,
    Status,
    Questions,
    NextQueueSeq,
    Revision,
    CalendarSequence,
    ReminderMinutesBefore,
    RemindersQueuedAt,
    WaitlistClosedAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Registration {
    Table,
    Id,
    EventId,
    FirstName,
    LastName,
    Email,
    ActiveEmail,
    Organization,
    Mode,
    Status,
    QueueSeq,
    Language,
    TicketCode,
    ManageToken,
    JoinToken,
    ConsentAt,
    ConsentSource,
    Answers,
    CreatedAt,
    UpdatedAt,
    ConfirmedAt,
    CancelledAt,
    LinkResentAt,
    ReminderSentAt,
    CalendarSequence,
}

#[derive(DeriveIden)]
enum Checkin {
    Table,
    Id,
    EventId,
    RegistrationId,
    ActiveRegistrationId,
    CheckedInAt,
    Desk,
    UserId,
    UndoneAt,
    UndoneBy,
}

#[derive(DeriveIden)]
enum OnlineJoin {
    Table,
    Id,
    EventId,
    RegistrationId,
    FirstJoinedAt,
    LastJoinedAt,
    JoinCount,
    Source,
}

#[derive(DeriveIden)]
enum OutboxEmail {
    Table,
    Id,
    Kind,
    EventId,
    RegistrationId,
    Language,
    Payload,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseUntil,
    LastError,
    SentAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DeskLink {
    Table,
    Id,
    EventId,
    Label,
    TokenHash,
    CreatedBy,
    CreatedAt,
    RevokedAt,
}
