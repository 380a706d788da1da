//! `import_job`: a partner list being imported in the background, chunk by chunk.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "import_job")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    pub notify: bool,
    pub invite: bool,
    pub by_user_id: Option<Uuid>,
    pub by_email: String,
    /// The uploaded file, read again when the job resumes.
    pub file: Vec<u8>,
    pub total_rows: i32,
    /// Rows done, in file order: the job resumes at this row.
    pub done_rows: i32,
    /// `queued`, `running`, `done` or `failed`.
    pub status: String,
    pub error: Option<String>,
    /// While `running`, the instance running it holds it until then.
    pub lease_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
