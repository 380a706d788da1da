//! After an erasure, the erased bytes leave the database's files. On SQLite every connection
//! has `secure_delete` on (erased cells and freed pages are overwritten with zeros), so what is
//! left is the old page images in the WAL and in the main file until a checkpoint: a
//! checkpoint that truncates the WAL, retried while a reader (a streamed export, say) still
//! holds an older snapshot. PostgreSQL and MariaDB get a VACUUM or OPTIMIZE of the tables
//! erasure touches; their own WAL, binary logs and backups keep old pages until they expire.

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
    /// Reclaims the space of erased rows in the background (one reclaim at a time).
    pub fn reclaim_after_erasure(&self) {
        let db = self.clone();
        tokio::spawn(async move {
            let _one_at_a_time = db.reclaiming.lock().await;
            let result = match db.backend() {
                DbBackend::Sqlite => db.checkpoint_truncate().await,
                DbBackend::Postgres => db.vacuum("VACUUM").await,
                _ => db.vacuum("OPTIMIZE TABLE").await,
            };
            if let Err(err) = result {
                tracing::warn!(error = %err, "could not reclaim the space of erased data; the next erasure tries again");
            }
        });
    }

    async fn vacuum(&self, command: &str) -> anyhow::Result<()> {
        // One statement per table: VACUUM runs outside a transaction, one table at a time.
        for table in ERASED_TABLES {
            let quoted =
                if self.backend() == DbBackend::Postgres { format!("\"{table}\"") } else { format!("`{table}`") };
            self.write.execute_unprepared(&format!("{command} {quoted}")).await?;
        }
        Ok(())
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
