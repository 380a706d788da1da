//! Mailings to registrants: `mailing` holds what organizers wrote (subject and body per
//! language), the group it goes to, when it is due, and how far its recipients are written
//! (a cursor over the event's registrations, leased by the instance writing them, so a
//! restart resumes and several servers start it once); `outbox_email.mailing_id` ties each
//! recipient's mail to it, unique per (mailing, registration).

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
                    .table(Mailing::Table)
                    .col(pk_uuid(Mailing::Id))
                    .col(uuid(Mailing::EventId))
                    .col(json(Mailing::Subject))
                    .col(json(Mailing::Body))
                    .col(json(Mailing::Audience))
                    .col(string_len(Mailing::Status, 16))
                    .col(instant(db, Mailing::SendAt))
                    .col(instant_null(db, Mailing::StartedAt))
                    .col(instant_null(db, Mailing::QueuedAt))
                    .col(uuid_null(Mailing::Cursor))
                    .col(integer_null(Mailing::Recipients))
                    .col(integer(Mailing::Skipped).default(0))
                    .col(instant_null(db, Mailing::LeaseUntil))
                    .col(uuid_null(Mailing::CreatedByUserId))
                    .col(string_len(Mailing::CreatedBy, 320))
                    .col(instant(db, Mailing::CreatedAt))
                    .col(instant(db, Mailing::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mailing::Table, Mailing::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mailing_status_send_at")
                    .table(Mailing::Table)
                    .col(Mailing::Status)
                    .col(Mailing::SendAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_mailing_event").table(Mailing::Table).col(Mailing::EventId).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(OutboxEmail::Table).add_column(uuid_null(OutboxEmail::MailingId)).to_owned(),
            )
            .await?;
        // Several NULLs are allowed by a unique index on every backend: only mailing rows meet it.
        manager
            .create_index(
                Index::create()
                    .name("uq_outbox_email_mailing_registration")
                    .table(OutboxEmail::Table)
                    .col(OutboxEmail::MailingId)
                    .col(OutboxEmail::RegistrationId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("uq_outbox_email_mailing_registration").table(OutboxEmail::Table).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(OutboxEmail::Table).drop_column(OutboxEmail::MailingId).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(Mailing::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Mailing {
    Table,
    Id,
    EventId,
    Subject,
    Body,
    Audience,
    Status,
    SendAt,
    StartedAt,
    QueuedAt,
    Cursor,
    Recipients,
    Skipped,
    LeaseUntil,
    CreatedByUserId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OutboxEmail {
    Table,
    MailingId,
    RegistrationId,
}
