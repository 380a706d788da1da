//! After an erasure, the erased bytes leave the database's files. On SQLite every connection
//! has `secure_delete` on (erased cells and freed pages are overwritten with zeros), so what is
//! left is the old page images in the WAL and in the main file until a checkpoint: a
//! checkpoint that truncates the WAL, retried while a reader (a streamed export, say) still
//! holds an older snapshot. PostgreSQL gets a VACUUM of the tables erasure touches at once
//! (it takes no lock that writes wait for). MariaDB rebuilds them with OPTIMIZE TABLE, which
//! must briefly lock each table exclusively and picks a concurrent write as a deadlock victim:
//! so it runs from the background loop at most every 10 minutes, only when an erasure asked
//! for it ([`Db::rebuild_if_owed`]). Their own WAL, binary logs and backups keep old pages
//! until they expire.

use std::sync::atomic::Ordering;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DbBackend};

use super::Db;

/// The tables erasure rewrites.
const ERASED_TABLES: [&str; 8] = [
    "registration",
    "registration_history",
    "outbox_email",
    "invitation",
    "door_request",
    "import_job",
    "import_job_chunk",
    "contact",
];

/// A checkpoint waits 50 ms for readers (`busy_timeout` below) before trying again later,
/// for an hour at most (a reader holding a snapshot that long is a stuck one).
const CHECKPOINT_RETRY: Duration = Duration::from_millis(500);
const CHECKPOINT_GIVE_UP: Duration = Duration::from_secs(3600);

impl Db {
    /// Reclaims the space of erased rows: now in the background on SQLite and PostgreSQL,
    /// within 10 minutes on MariaDB.
    pub fn reclaim_after_erasure(&self) {
        if self.backend() == DbBackend::MySql {
            self.rebuild_owed.store(true, Ordering::SeqCst);
            return;
        }
        let db = self.clone();
        tokio::spawn(async move {
            if let Err(err) = db.reclaim_now().await {
                tracing::warn!(error = %err, "could not reclaim the space of erased data; the next erasure tries again");
            }
        });
    }

    /// Reclaims the space of erased rows now (one reclaim at a time).
    pub async fn reclaim_now(&self) -> anyhow::Result<()> {
        let _one_at_a_time = self.reclaiming.lock().await;
        match self.backend() {
            DbBackend::Sqlite => self.checkpoint_truncate().await,
            DbBackend::Postgres => {
                // VACUUM runs outside a transaction, one table at a time.
                for table in ERASED_TABLES {
                    self.write.execute_unprepared(&format!("VACUUM \"{table}\"")).await?;
                }
                Ok(())
            }
            _ => self.optimize_tables().await,
        }
    }

    /// MariaDB: rebuilds the erased tables when an erasure asked for it since the last time.
    pub async fn rebuild_if_owed(&self) {
        if self.backend() == DbBackend::MySql
            && self.rebuild_owed.swap(false, Ordering::SeqCst)
            && let Err(err) = self.reclaim_now().await
        {
            self.rebuild_owed.store(true, Ordering::SeqCst);
            tracing::warn!(error = %err, "could not rebuild the tables of erased data; will try again");
        }
    }

    /// OPTIMIZE TABLE on one connection that gives up on a busy table after 10 s rather than
    /// holding requests behind it.
    async fn optimize_tables(&self) -> anyhow::Result<()> {
        let pool = self.write.get_mysql_connection_pool();
        let mut conn = pool.acquire().await?;
        sea_orm::sqlx::query("SET SESSION lock_wait_timeout = 10").execute(&mut *conn).await?;
        let mut outcome = Ok(());
        for table in ERASED_TABLES {
            let sql = sea_orm::sqlx::AssertSqlSafe(format!("OPTIMIZE TABLE `{table}`"));
            if let Err(err) = sea_orm::sqlx::query(sql).execute(&mut *conn).await {
                outcome = Err(err.into());
            }
        }
        // The connection goes back to the pool: its usual lock wait again.
        sea_orm::sqlx::query("SET SESSION lock_wait_timeout = DEFAULT").execute(&mut *conn).await?;
        outcome
    }

    /// Checkpoints the whole WAL into the database file and truncates it, on a read
    /// connection that waits only briefly: a checkpoint that waits blocks the writer.
    async fn checkpoint_truncate(&self) -> anyhow::Result<()> {
        let pool = self.read.get_sqlite_connection_pool();
        let started = tokio::time::Instant::now();
        loop {
            let mut conn = pool.acquire().await?;
            sea_orm::sqlx::query("PRAGMA busy_timeout = 50").execute(&mut *conn).await?;
            let outcome: Result<(i64, i64, i64), _> =
                sea_orm::sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&mut *conn).await;
            sea_orm::sqlx::query("PRAGMA busy_timeout = 30000").execute(&mut *conn).await?;
            drop(conn);
            match outcome {
                Ok((0, _, _)) => return Ok(()),
                // Busy: a reader or the writer is in the way; the data is safe, try later.
                Ok(_) => {}
                Err(err) if super::is_busy(&err) => {}
                Err(err) => return Err(err.into()),
            }
            if started.elapsed() > CHECKPOINT_GIVE_UP {
                anyhow::bail!(
                    "a reader has held the database for an hour; erased data stays in the WAL until the next checkpoint"
                );
            }
            tokio::time::sleep(CHECKPOINT_RETRY).await;
        }
    }
}
