//! Column types that differ per backend.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// A UTC instant. MariaDB gets `DATETIME(6)`: `TIMESTAMP` ends in 2038 and drops microseconds.
pub fn instant<T: IntoIden>(backend: DbBackend, col: T) -> ColumnDef {
    let mut def = ColumnDef::new(col);
    match backend {
        DbBackend::MySql => def.custom(Alias::new("DATETIME(6)")),
        _ => def.timestamp_with_time_zone(),
    };
    def.not_null().take()
}

pub fn instant_null<T: IntoIden>(backend: DbBackend, col: T) -> ColumnDef {
    let mut def = instant(backend, col);
    def.null().take()
}
