//! SQLite's WAL copied back into the database file off the writer's path.
//!
//! By default the connection that commits runs a checkpoint once the WAL holds 1,000 pages:
//! inside a batch's commit, so every request of that batch waits for it (copying the pages
//! and flushing the file: a tenth to a fifth of the writer's time under registration load,
//! BENCHMARKS.md). Here a background task checkpoints on a read connection once the writes
//! pause, `PASSIVE` (it never waits for the writer or a reader). The writer's own checkpoint
//! stays as a backstop, at a WAL ten times larger: under a load that never pauses, the writer
//! still copies and restarts the WAL.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::sqlx::SqlitePool;

/// The WAL size, in pages, at which the committing connection checkpoints itself.
pub(super) const WRITER_CHECKPOINTS_AT_PAGES: &str = "10000";
/// How often the background looks at the writes: a tick without any is a pause.
const EVERY: Duration = Duration::from_millis(100);

/// Starts the background checkpoints on `pool` (a read pool): after a tick in which
/// `writes_committed` did not move, if it moved since the last checkpoint. Stops when the pool
/// is closed.
pub(super) fn keep_up(pool: SqlitePool, writes_committed: Arc<AtomicU64>) {
    tokio::spawn(async move {
        let mut copied_up_to = writes_committed.load(Ordering::Acquire);
        let mut seen = copied_up_to;
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut failing = false;
        loop {
            tick.tick().await;
            if pool.is_closed() {
                return;
            }
            let written = writes_committed.load(Ordering::Acquire);
            // Only once the writes pause: a checkpoint beside a busy writer slows it more than
            // its own (the two flush the same disk), and pages written again meanwhile are
            // copied once instead of once per checkpoint.
            let quiet = written == seen;
            seen = written;
            if !quiet || written == copied_up_to {
                continue;
            }
            match sea_orm::sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await {
                Ok(_) => {
                    copied_up_to = written;
                    failing = false;
                }
                Err(_) if pool.is_closed() => return,
                Err(err) => {
                    // Said once per run of failures; the writer's own checkpoint is the backstop.
                    if !failing {
                        tracing::warn!(error = %err, "background WAL checkpoint failed; trying again");
                    }
                    failing = true;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    use crate::db::Keep;

    /// Writes far below the writer's own checkpoint size reach the database file by
    /// themselves, soon: the background copied them.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writes_reach_the_database_file_without_the_writer_checkpointing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("checkpoint.db");
        let db = crate::db::group_commit::tests::notes_db(&path).await;
        // Let the table's own pages reach the file first.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let before = std::fs::metadata(&path).expect("file").len();

        // About 300 pages of 4 KiB: well below the writer's 10,000.
        for id in 0..100_i64 {
            db.write(move |txn| {
                Box::pin(async move {
                    let body = "x".repeat(12_000);
                    let sql = "INSERT INTO note (id, body) VALUES (?, ?)";
                    txn.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.into(), body.into()]))
                        .await?;
                    Ok::<_, sea_orm::DbErr>(Keep(()))
                })
            })
            .await
            .expect("insert");
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        let grown = loop {
            let now = std::fs::metadata(&path).expect("file").len();
            if now >= before + 1_000_000 || Instant::now() > deadline {
                break now;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(grown >= before + 1_000_000, "the database file stayed at {grown} bytes (was {before})");
        db.close().await;
    }
}
