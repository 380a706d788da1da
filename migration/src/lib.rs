//! Schema migrations, one file per change. `convene migrate` and `convene serve` apply them
//! under a database lock (see `convene::db::migrate`).

pub use sea_orm_migration::prelude::*;

mod column_types;
mod m20261128_000001_initial;
mod m20261128_000002_room_presence;
mod m20261129_000001_invitation;
mod m20261129_000002_registration_event_order;
mod m20261206_000001_organizer_identity;
mod m20261207_000001_editions;
mod m20261207_000002_door;
mod m20261207_000003_secrets;
mod m20261207_000004_mail_limits;
mod m20261207_000005_import_jobs;
mod m20261207_000006_privacy;
mod m20261208_000001_access;
mod m20261208_000002_organizations;
mod m20261209_000001_mailings;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_initial::Migration),
            Box::new(m20261128_000002_room_presence::Migration),
            Box::new(m20261129_000001_invitation::Migration),
            Box::new(m20261129_000002_registration_event_order::Migration),
            Box::new(m20261206_000001_organizer_identity::Migration),
            Box::new(m20261207_000001_editions::Migration),
            Box::new(m20261207_000002_door::Migration),
            Box::new(m20261207_000003_secrets::Migration),
            Box::new(m20261207_000004_mail_limits::Migration),
            Box::new(m20261207_000005_import_jobs::Migration),
            Box::new(m20261207_000006_privacy::Migration),
            Box::new(m20261208_000001_access::Migration),
            Box::new(m20261208_000002_organizations::Migration),
            Box::new(m20261209_000001_mailings::Migration),
        ]
    }
}
