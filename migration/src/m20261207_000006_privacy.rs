//! Privacy: a registration's personal columns may become NULL (erasure), with the time it was
//! erased and the consent it was given under; events get a retention period; the audit table.
//!
//! SQLite cannot drop a NOT NULL constraint, so there the registration table is rebuilt the
//! way SQLite's documentation describes (new table, copy, drop, rename, indexes again), its
//! DDL taken from the schema itself so that nothing else about it changes. The caller runs
//! this with foreign keys off (`convene::db::Db::migrate`): dropping the old table would
//! otherwise cascade to check-ins, joins and history.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::column_types::{instant, instant_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns that hold a registrant's personal data or secrets: NULL once erased.
const PERSONAL: [(Registration, Kind); 10] = [
    (Registration::FirstName, Kind::Text(200)),
    (Registration::LastName, Kind::Text(200)),
    (Registration::Email, Kind::Text(320)),
    (Registration::TicketCode, Kind::Text(64)),
    (Registration::ManageToken, Kind::Text(64)),
    (Registration::JoinToken, Kind::Text(64)),
    (Registration::TicketCodeSealed, Kind::Text(200)),
    (Registration::ManageTokenSealed, Kind::Text(200)),
    (Registration::JoinTokenSealed, Kind::Text(200)),
    (Registration::Answers, Kind::Json),
];

#[derive(Clone, Copy)]
enum Kind {
    Text(u32),
    Json,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();
        if db == DbBackend::Sqlite {
            rebuild_registration_nullable(manager).await?;
        } else {
            for (column, kind) in PERSONAL {
                let mut def = ColumnDef::new(column);
                match kind {
                    Kind::Text(len) => def.string_len(len),
                    Kind::Json => def.json(),
                };
                manager
                    .alter_table(Table::alter().table(Registration::Table).modify_column(def.null().take()).to_owned())
                    .await?;
            }
        }
        let registration_columns = [
            instant_null(db, Registration::ErasedAt),
            text_null(Registration::ConsentText),
            string_len_null(Registration::ConsentVersion, 16),
            string_len_null(Registration::ConsentLanguage, 8),
            string_len_null(Registration::ConsentPrivacyUrl, 500),
        ];
        for column in registration_columns {
            manager.alter_table(Table::alter().table(Registration::Table).add_column(column).to_owned()).await?;
        }

        let event_columns = [
            integer(Event::RetentionDays).default(180).take(),
            instant_null(db, Event::RetentionFrom),
            instant_null(db, Event::PersonalDataErasedAt),
        ];
        for column in event_columns {
            manager.alter_table(Table::alter().table(Event::Table).add_column(column).to_owned()).await?;
        }
        // Events that existed before retention count their days from this upgrade.
        manager
            .exec_stmt(
                Query::update()
                    .table(Event::Table)
                    .value(Event::RetentionFrom, Expr::value(chrono::Utc::now()))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEntry::Table)
                    .col(pk_uuid(AuditEntry::Id))
                    .col(instant(db, AuditEntry::At))
                    .col(string_len(AuditEntry::Actor, 320))
                    .col(string_len(AuditEntry::Action, 32))
                    // No foreign key: the audit outlives the events it names.
                    .col(uuid_null(AuditEntry::EventId))
                    .col(big_integer(AuditEntry::Count))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_entry_event")
                    .table(AuditEntry::Table)
                    .col(AuditEntry::EventId)
                    .col(AuditEntry::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AuditEntry::Table).to_owned()).await?;
        for column in [Event::PersonalDataErasedAt, Event::RetentionFrom, Event::RetentionDays] {
            manager.alter_table(Table::alter().table(Event::Table).drop_column(column).to_owned()).await?;
        }
        for column in [
            Registration::ConsentPrivacyUrl,
            Registration::ConsentLanguage,
            Registration::ConsentVersion,
            Registration::ConsentText,
            Registration::ErasedAt,
        ] {
            manager.alter_table(Table::alter().table(Registration::Table).drop_column(column).to_owned()).await?;
        }
        // The personal columns stay nullable: erased rows could not go back to NOT NULL.
        Ok(())
    }
}

/// SQLite: the registration table again, its personal columns without NOT NULL.
async fn rebuild_registration_nullable(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let schema = |kind: &str| {
        Statement::from_string(
            DbBackend::Sqlite,
            format!(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'registration' AND type = '{kind}' AND sql IS NOT NULL"
            ),
        )
    };
    let table_sql: String = conn
        .query_one_raw(schema("table"))
        .await?
        .ok_or_else(|| DbErr::Migration("no registration table".into()))?
        .try_get("", "sql")?;
    let mut index_sql = Vec::new();
    for row in conn.query_all_raw(schema("index")).await? {
        index_sql.push(row.try_get::<String>("", "sql")?);
    }

    let mut new_sql = table_sql.replacen("\"registration\"", "\"registration_rebuilt\"", 1);
    if new_sql == table_sql {
        return Err(DbErr::Migration(format!("unexpected registration DDL: {table_sql}")));
    }
    for (column, _) in PERSONAL {
        new_sql = drop_not_null(&new_sql, &column.to_string())?;
    }
    conn.execute_unprepared(&new_sql).await?;
    conn.execute_unprepared("INSERT INTO registration_rebuilt SELECT * FROM registration").await?;
    conn.execute_unprepared("DROP TABLE registration").await?;
    conn.execute_unprepared("ALTER TABLE registration_rebuilt RENAME TO registration").await?;
    for sql in index_sql {
        conn.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Removes `NOT NULL` from one column's definition in a `CREATE TABLE` statement; an error if
/// the column or its constraint is not where expected (never a silent half-change).
fn drop_not_null(sql: &str, column: &str) -> Result<String, DbErr> {
    let quoted = format!("\"{column}\" ");
    let start = sql.find(&quoted).ok_or_else(|| DbErr::Migration(format!("column {column} not found")))?;
    // The definition ends at the next comma or closing parenthesis outside parentheses.
    let mut depth = 0i32;
    let mut end = sql.len();
    for (offset, ch) in sql[start..].char_indices() {
        match ch {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = start + offset;
                break;
            }
            ')' => depth -= 1,
            ',' if depth == 0 => {
                end = start + offset;
                break;
            }
            _ => {}
        }
    }
    let definition = &sql[start..end];
    if !definition.contains(" NOT NULL") {
        return Err(DbErr::Migration(format!("column {column} has no NOT NULL: {definition}")));
    }
    Ok(format!("{}{}{}", &sql[..start], definition.replacen(" NOT NULL", "", 1), &sql[end..]))
}

#[derive(DeriveIden, Clone, Copy)]
enum Registration {
    Table,
    FirstName,
    LastName,
    Email,
    TicketCode,
    ManageToken,
    JoinToken,
    TicketCodeSealed,
    ManageTokenSealed,
    JoinTokenSealed,
    Answers,
    ErasedAt,
    ConsentText,
    ConsentVersion,
    ConsentLanguage,
    ConsentPrivacyUrl,
}

#[derive(DeriveIden)]
enum Event {
    Table,
    RetentionDays,
    RetentionFrom,
    PersonalDataErasedAt,
}

#[derive(DeriveIden)]
enum AuditEntry {
    Table,
    Id,
    At,
    Actor,
    Action,
    EventId,
    Count,
}

#[cfg(test)]
mod tests {
    use super::drop_not_null;

    #[test]
    fn only_the_named_column_loses_not_null() {
        let sql = r#"CREATE TABLE "r" ( "id" uuid_text NOT NULL PRIMARY KEY, "first_name" varchar(200) NOT NULL, "active_email" varchar(320), "email" varchar(320) NOT NULL, "n" decimal(10, 2) NOT NULL )"#;
        let out = drop_not_null(sql, "email").expect("email is NOT NULL");
        assert!(out.contains(r#""email" varchar(320),"#));
        assert!(out.contains(r#""first_name" varchar(200) NOT NULL"#));
        let out = drop_not_null(&out, "n").expect("n is NOT NULL");
        assert!(out.ends_with(r#""n" decimal(10, 2) )"#));
        assert!(drop_not_null(&out, "email").is_err());
        assert!(drop_not_null(&out, "missing").is_err());
    }
}
