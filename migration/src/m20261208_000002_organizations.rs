//! Fair seats for partner organizations:
//!
//! - `event.per_organization_in_person_cap`, `event.organization_cap_lifts_at`, and
//!   `event.organization_cap_lifted_at` (when the waiting line was moved after the lift);
//! - `registration.organization_key` (computed in Rust; NULL until the upgrade step fills the
//!   rows of an earlier release), `registration.waitlist_reason`, and
//!   `registration.transferred_revision` (the event revision of its last hand-over to a
//!   colleague, so the check-in index lists the old ticket as removed);
//! - `organization_seat`: confirmed in-person registrations per (event, organization key),
//!   kept in step by the seat rules under the event lock (filled with the keys);
//! - `organization_alias`: spellings merged by organizers, per event.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::column_types::instant_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();
        let event_columns = [
            integer_null(Event::PerOrganizationInPersonCap),
            instant_null(db, Event::OrganizationCapLiftsAt),
            instant_null(db, Event::OrganizationCapLiftedAt),
        ];
        for column in event_columns {
            manager.alter_table(Table::alter().table(Event::Table).add_column(column).to_owned()).await?;
        }
        let registration_columns = [
            string_len_null(Registration::OrganizationKey, 300),
            string_len_null(Registration::WaitlistReason, 32),
            big_integer_null(Registration::TransferredRevision),
        ];
        for column in registration_columns {
            manager.alter_table(Table::alter().table(Registration::Table).add_column(column).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_event_organization")
                    .table(Registration::Table)
                    .col(Registration::EventId)
                    .col(Registration::OrganizationKey)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganizationSeat::Table)
                    .col(uuid(OrganizationSeat::EventId))
                    .col(string_len(OrganizationSeat::OrganizationKey, 300))
                    .col(integer(OrganizationSeat::InPersonConfirmed))
                    .primary_key(Index::create().col(OrganizationSeat::EventId).col(OrganizationSeat::OrganizationKey))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganizationAlias::Table)
                    .col(uuid(OrganizationAlias::EventId))
                    .col(string_len(OrganizationAlias::AliasKey, 300))
                    .col(string_len(OrganizationAlias::TargetKey, 300))
                    .col(string_len(OrganizationAlias::TargetName, 300))
                    .primary_key(Index::create().col(OrganizationAlias::EventId).col(OrganizationAlias::AliasKey))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrganizationAlias::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(OrganizationSeat::Table).to_owned()).await?;
        manager
            .drop_index(Index::drop().name("idx_registration_event_organization").table(Registration::Table).to_owned())
            .await?;
        for column in [Registration::TransferredRevision, Registration::WaitlistReason, Registration::OrganizationKey] {
            manager.alter_table(Table::alter().table(Registration::Table).drop_column(column).to_owned()).await?;
        }
        for column in [Event::OrganizationCapLiftedAt, Event::OrganizationCapLiftsAt, Event::PerOrganizationInPersonCap]
        {
            manager.alter_table(Table::alter().table(Event::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Event {
    Table,
    PerOrganizationInPersonCap,
    OrganizationCapLiftsAt,
    OrganizationCapLiftedAt,
}

#[derive(DeriveIden)]
enum Registration {
    Table,
    EventId,
    OrganizationKey,
    WaitlistReason,
    TransferredRevision,
}

#[derive(DeriveIden)]
enum OrganizationSeat {
    Table,
    EventId,
    OrganizationKey,
    InPersonConfirmed,
}

#[derive(DeriveIden)]
enum OrganizationAlias {
    Table,
    EventId,
    AliasKey,
    TargetKey,
    TargetName,
}
