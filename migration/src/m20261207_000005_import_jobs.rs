//! Imports as jobs: `import_job` holds the uploaded file, the options and how far the rows
//! are done (so a job resumes after a restart), leased by the instance running it;
//! `import_job_chunk` holds the report of each committed chunk of rows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::column_types::{instant, instant_null, long_bytes, long_text};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(ImportJob::Table)
                    .col(pk_uuid(ImportJob::Id))
                    .col(uuid(ImportJob::EventId))
                    .col(boolean(ImportJob::Notify))
                    .col(boolean(ImportJob::Invite))
                    .col(uuid_null(ImportJob::ByUserId))
                    .col(string_len(ImportJob::ByEmail, 320))
                    .col(long_bytes(db, ImportJob::File))
                    .col(integer(ImportJob::TotalRows))
                    .col(integer(ImportJob::DoneRows))
                    .col(string_len(ImportJob::Status, 16))
                    .col(text_null(ImportJob::Error))
                    .col(instant_null(db, ImportJob::LeaseUntil))
                    .col(instant(db, ImportJob::CreatedAt))
                    .col(instant(db, ImportJob::UpdatedAt))
                    .col(instant_null(db, ImportJob::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImportJob::Table, ImportJob::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_import_job_status").table(ImportJob::Table).col(ImportJob::Status).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportJobChunk::Table)
                    .col(uuid(ImportJobChunk::JobId))
                    .col(integer(ImportJobChunk::FirstRow))
                    .col(long_text(db, ImportJobChunk::Rows))
                    .primary_key(Index::create().col(ImportJobChunk::JobId).col(ImportJobChunk::FirstRow))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImportJobChunk::Table, ImportJobChunk::JobId)
                            .to(ImportJob::Table, ImportJob::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ImportJobChunk::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ImportJob::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ImportJob {
    Table,
    Id,
    EventId,
    Notify,
    Invite,
    ByUserId,
    ByEmail,
    File,
    TotalRows,
    DoneRows,
    Status,
    Error,
    LeaseUntil,
    CreatedAt,
    UpdatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum ImportJobChunk {
    Table,
    JobId,
    FirstRow,
    Rows,
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
}
