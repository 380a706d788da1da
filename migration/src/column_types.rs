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

/// Bytes up to a few MiB (an uploaded file). MariaDB's `BLOB` stops at 64 KiB.
pub fn long_bytes<T: IntoIden>(backend: DbBackend, col: T) -> ColumnDef {
    let mut def = ColumnDef::new(col);
    match backend {
        DbBackend::MySql => def.custom(Alias::new("LONGBLOB")),
        _ => def.blob(),
    };
    def.not_null().take()
}

/// Text up to a few MiB. MariaDB's `TEXT` stops at 64 KiB.
pub fn long_text<T: IntoIden>(backend: DbBackend, col: T) -> ColumnDef {
    let mut def = ColumnDef::new(col);
    match backend {
        DbBackend::MySql => def.custom(Alias::new("LONGTEXT")),
        _ => def.text(),
    };
    def.not_null().take()
}
