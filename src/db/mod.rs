//! Connections, the one write door (`write`), migrations under a lock, and the few SQL
//! helpers that differ per backend. The pools are private: reads go through [`Db::read`],
//! writes through [`Db::write`] or [`Db::write_alone`].
//!
//! SQLite allows one writer at a time, and deferred transactions that upgrade to writing fail
//! with `SQLITE_BUSY` whatever the busy timeout. So on SQLite writes go through a pool of one
//! connection (`write`) beside a read pool, in WAL mode, and write transactions begin
//! `IMMEDIATE`. PostgreSQL and MariaDB use one pool for both.

mod checkpoint;
mod group_commit;
mod reclaim;
mod together;
pub mod upgrade;
mod write;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database as SeaDatabase, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, EntityTrait, IsolationLevel, RuntimeErr, Select, SqliteTransactionMode, SqlxSqliteConnector, Statement,
    TransactionOptions, TransactionTrait,
};

use tokio::sync::Notify;

pub use group_commit::GroupCommit;
pub use together::{Grouped, Together};
pub use write::{Commit, Discard, Keep, WriteWork, keep, note_mail_queued};

/// The application's database: a read pool, the connection writes go through, and the
/// group-commit writer that batches the hot writes on it.
#[derive(Clone, Debug)]
pub struct Db {
    read: DatabaseConnection,
    write: DatabaseConnection,
    /// `None` when group commit is off: each write then commits on its own.
    writes: Option<GroupCommit>,
    /// Notified after a committed write that queued mail (see [`note_mail_queued`]).
    mail_queued: Arc<Notify>,
    /// Held while erased data's space is reclaimed (see `reclaim.rs`).
    reclaiming: Arc<tokio::sync::Mutex<()>>,
    /// MariaDB: an erasure asked for the tables to be rebuilt (see `reclaim.rs`).
    rebuild_owed: Arc<std::sync::atomic::AtomicBool>,
    /// Writes finished through this `Db` (see [`Db::writes_committed`]).
    writes_committed: Arc<std::sync::atomic::AtomicU64>,
}

/// Whether a PostgreSQL connection goes without TLS: to a server on this machine (loopback),
/// unless `sslmode` was chosen. sqlx's default, "prefer", would encrypt loopback traffic,
/// which protects nothing, and its encrypted writes meet the peer's delayed ACK: measured, a
/// registration took about 2.3 times as long (BENCHMARKS.md, issue 24).
fn plain_on_loopback(host: &str, sslmode_chosen: bool) -> bool {
    let loopback = host == "localhost"
        || host.trim_matches(|c| c == '[' || c == ']').parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    loopback && !sslmode_chosen
}

impl Db {
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        if url.starts_with("sqlite:") {
            connect_sqlite(url).await
        } else if url.starts_with("postgres://")
            || url.starts_with("postgresql://")
            || url.starts_with("mysql://")
            || url.starts_with("mariadb://")
        {
            let url = url.replacen("mariadb://", "mysql://", 1);
            let sslmode_chosen = url.contains("sslmode=") || std::env::var_os("PGSSLMODE").is_some();
            let mut options = ConnectOptions::new(url);
            options
                .max_connections(16)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(60))
                .connect_timeout(Duration::from_secs(10))
                .sqlx_logging(false)
                // An acknowledged write survives a power loss, whatever the server's default.
                .map_sqlx_postgres_opts(move |pg| {
                    let pg = pg.options([("synchronous_commit", "on")]);
                    match plain_on_loopback(pg.get_host(), sslmode_chosen) {
                        true => pg.ssl_mode(sea_orm::sqlx::postgres::PgSslMode::Disable),
                        false => pg,
                    }
                });
            let conn = SeaDatabase::connect(options).await.context("cannot connect to the database")?;
            Ok(Db::new(conn.clone(), conn))
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite:, postgres:// or mysql://")
        }
    }

    fn new(read: DatabaseConnection, write: DatabaseConnection) -> Db {
        let mail_queued = Arc::new(Notify::new());
        let writes_committed = Arc::<std::sync::atomic::AtomicU64>::default();
        let writes = Some(GroupCommit::start(write.clone(), mail_queued.clone(), writes_committed.clone()));
        Db {
            read,
            write,
            writes,
            mail_queued,
            reclaiming: Arc::default(),
            rebuild_owed: Arc::default(),
            writes_committed,
        }
    }

    /// The read pool: for queries outside a write (they see committed data only).
    pub fn read(&self) -> &DatabaseConnection {
        &self.read
    }

    /// How many transactions of [`Db::write`], [`Db::write_together`] and [`Db::write_alone`]
    /// have finished committing, counted before their requests are answered: a cache of what
    /// was read before can tell that this server may have changed it since.
    pub fn writes_committed(&self) -> u64 {
        self.writes_committed.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Counts a finished commit (see [`Db::writes_committed`]).
    fn count_write(&self) {
        self.writes_committed.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// Notified after each committed write that queued mail: the mail worker waits on it.
    pub fn mail_queued(&self) -> Arc<Notify> {
        self.mail_queued.clone()
    }

    /// Closes both pools (at shutdown, after the last write).
    pub async fn close(&self) {
        self.write.close_by_ref().await.ok();
        self.read.close_by_ref().await.ok();
    }

    /// Each [`Db::write`] in its own transaction and commit, as durable and slower under
    /// load: for comparison (`CONVENE_GROUP_COMMIT=off`).
    pub fn without_group_commit(mut self) -> Db {
        self.writes = None;
        self
    }

    pub fn backend(&self) -> DbBackend {
        self.write.get_database_backend()
    }

    /// Begins a write transaction; on SQLite it takes the write lock at once. On MariaDB it
    /// reads committed data: under REPEATABLE READ a snapshot taken before the event lock
    /// would hide what the previous lock holder committed (its promotions, say).
    async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        begin_write_on(&self.write).await
    }

    /// Applies pending migrations while holding a database-wide lock, so that several
    /// instances starting together migrate once and all come up.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend() {
            DbBackend::Sqlite => {
                // IMMEDIATE takes SQLite's write lock; a second process waits on busy_timeout
                // and then finds nothing left to apply.
                // Foreign keys off while migrating (on the one write connection; it cannot
                // change inside a transaction): rebuilding a table drops the old one, which
                // would cascade to its children. Checked again before they are turned back on.
                self.write.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
                let migrated = async {
                    let txn = self.begin_write().await?;
                    Migrator::up(&txn, None).await.context("migration failed")?;
                    txn.commit().await?;
                    let broken = self
                        .write
                        .query_all_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA foreign_key_check"))
                        .await?;
                    anyhow::ensure!(broken.is_empty(), "migration left {} rows with broken foreign keys", broken.len());
                    anyhow::Ok(())
                }
                .await;
                self.write.execute_unprepared("PRAGMA foreign_keys = ON").await?;
                migrated?;
            }
            DbBackend::Postgres => {
                let txn = self.write.begin().await?;
                txn.execute_unprepared("SELECT pg_advisory_xact_lock(7231094155)").await?;
                Migrator::up(&txn, None).await.context("migration failed")?;
                txn.commit().await?;
            }
            DbBackend::MySql => {
                // MariaDB commits DDL implicitly, so the lock is a session lock held on one
                // dedicated connection for the whole run.
                let url = self.write.get_mysql_connection_pool().connect_options();
                let pool = sea_orm::sqlx::mysql::MySqlPoolOptions::new()
                    .max_connections(1)
                    .connect_with((*url).clone())
                    .await?;
                let conn = sea_orm::SqlxMySqlConnector::from_sqlx_mysql_pool(pool);
                let got = conn
                    .query_one_raw(Statement::from_string(
                        DbBackend::MySql,
                        "SELECT GET_LOCK('convene_migrate', 120) AS got",
                    ))
                    .await?
                    .and_then(|row| row.try_get::<Option<i64>>("", "got").ok().flatten());
                anyhow::ensure!(got == Some(1), "could not take the migration lock within 120 s");
                let result = Migrator::up(&conn, None).await;
                conn.execute_unprepared("SELECT RELEASE_LOCK('convene_migrate')").await?;
                conn.close().await?;
                result.context("migration failed")?;
            }
            _ => anyhow::bail!("unsupported database"),
        }
        Ok(())
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.read.ping().await
    }
}

async fn begin_write_on(write: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        isolation_level: (write.get_database_backend() == DbBackend::MySql).then_some(IsolationLevel::ReadCommitted),
        ..Default::default()
    };
    write.begin_with_options(options).await
}

/// The write connection's page cache: 32 MiB (negative: in KiB), SQLite's default is 2 MiB.
/// Tokens are indexed by their hashes, so each new registration lands on a random leaf page
/// of several indexes, and past a few thousand registrations those pages no longer fit. Pages
/// are cached as they are read: a fresh server holds a few, a busy one up to 32 MiB.
const WRITER_CACHE_SIZE: &str = "-32768";

async fn connect_sqlite(url: &str) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("invalid SQLite URL {url}"))?
        .journal_mode(SqliteJournalMode::Wal)
        // An acknowledged write survives a power loss.
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(30))
        .foreign_keys(true)
        // Erased personal data is overwritten, not just unlinked, in every connection's writes.
        .pragma("secure_delete", "ON")
        // Keeps the WAL bounded after checkpoints.
        .pragma("journal_size_limit", "67108864")
        // Checkpoints run in the background (`checkpoint`); the writer's own only past this.
        .pragma("wal_autocheckpoint", checkpoint::WRITER_CHECKPOINTS_AT_PAGES);
    let options = sea_orm::sqlx::ConnectOptions::disable_statement_logging(options);
    // A connection to a local file does not go stale: no ping before each use (a round trip to
    // the connection's thread, 10 times the cost of a simple statement).
    let writer = open_writer(url, &options.clone().pragma("cache_size", WRITER_CACHE_SIZE)).await?;
    let reader = SqlitePoolOptions::new()
        .test_before_acquire(false)
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(60))
        .connect_with(options.read_only(false))
        .await?;
    let background = reader.clone();
    let db =
        Db::new(SqlxSqliteConnector::from_sqlx_sqlite_pool(reader), SqlxSqliteConnector::from_sqlx_sqlite_pool(writer));
    checkpoint::keep_up(background, db.writes_committed.clone());
    Ok(db)
}

/// Opens the single write connection. Switching a fresh file to WAL takes an exclusive lock
/// that SQLite does not wait for (no busy handler), so a second process starting at the same
/// moment gets `SQLITE_BUSY` at once: it tries again for up to 30 s.
async fn open_writer(url: &str, options: &SqliteConnectOptions) -> anyhow::Result<sea_orm::sqlx::SqlitePool> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let opened = SqlitePoolOptions::new()
            .test_before_acquire(false)
            .max_connections(1)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(120))
            .connect_with(options.clone())
            .await;
        match opened {
            Err(err) if is_busy(&err) && tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            other => return other.with_context(|| format!("cannot open SQLite database {url}")),
        }
    }
}

/// True for SQLite's "database is locked" (`SQLITE_BUSY` and its extended codes).
fn is_busy(err: &sea_orm::sqlx::Error) -> bool {
    err.as_database_error()
        .and_then(|e| e.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| code & 0xff == 5)
}

/// Fetches the row of a unique key (primary key, unique token or index).
///
/// `Select::one` binds its `LIMIT 1` as a parameter, and SQLite (3.47 and later) re-plans a
/// statement whose LIMIT is a bound parameter every time it runs: a full parse and plan per
/// lookup, 14% of the server's CPU under registration load. A unique key needs no LIMIT.
pub trait FetchUnique<M> {
    fn unique<C: ConnectionTrait>(self, db: &C) -> impl Future<Output = Result<Option<M>, DbErr>> + Send;
}

impl<E> FetchUnique<E::Model> for Select<E>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    async fn unique<C: ConnectionTrait>(self, db: &C) -> Result<Option<E::Model>, DbErr> {
        Ok(self.all(db).await?.into_iter().next())
    }
}

/// Builds a statement from SQL written with `?` placeholders, numbering them for PostgreSQL.
pub fn stmt(backend: DbBackend, sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    let sql = if backend == DbBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 8);
        let mut n = 0;
        for ch in sql.chars() {
            if ch == '?' {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            } else {
                out.push(ch);
            }
        }
        out
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// True when the error is a unique-constraint violation (any backend).
pub fn is_unique_violation(err: &DbErr) -> bool {
    if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
        return true;
    }
    matches!(err, DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))
        if e.as_database_error().is_some_and(|d| d.is_unique_violation()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_on_this_machine_goes_without_tls_unless_sslmode_is_chosen() {
        for host in ["localhost", "127.0.0.1", "127.8.0.1", "::1", "[::1]"] {
            assert!(plain_on_loopback(host, false), "{host}");
            assert!(!plain_on_loopback(host, true), "{host} with sslmode");
        }
        for host in ["db.example.org", "10.0.0.5", "/var/run/postgresql", "localhost.example.org"] {
            assert!(!plain_on_loopback(host, false), "{host}");
        }
    }

    /// The writer's page cache is its own (the hash indexes' pages); the readers keep the
    /// default.
    #[tokio::test]
    async fn the_writer_keeps_a_larger_page_cache_than_the_readers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db =
            Db::connect(&format!("sqlite://{}?mode=rwc", dir.path().join("cache.db").display())).await.expect("open");
        let cache_size = |row: Option<sea_orm::QueryResult>| row.and_then(|r| r.try_get_by_index::<i64>(0).ok());
        let pragma = || Statement::from_string(DbBackend::Sqlite, "PRAGMA cache_size");
        let written = db
            .write_alone(move |txn| Box::pin(async move { Ok::<_, DbErr>(Keep(txn.query_one_raw(pragma()).await?)) }))
            .await
            .expect("the writer's");
        assert_eq!(cache_size(written), WRITER_CACHE_SIZE.parse().ok());
        let read = db.read().query_one_raw(pragma()).await.expect("a reader's");
        assert_eq!(cache_size(read), Some(-2000), "SQLite's default");
        db.close().await;
    }

    #[test]
    fn stmt_numbers_placeholders_for_postgres_only() {
        let pg = stmt(DbBackend::Postgres, "a = ? AND b = ?", vec![1.into(), 2.into()]);
        assert_eq!(pg.sql, "a = $1 AND b = $2");
        let my = stmt(DbBackend::MySql, "a = ? AND b = ?", vec![1.into(), 2.into()]);
        assert_eq!(my.sql, "a = ? AND b = ?");
    }
}
