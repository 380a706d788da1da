//! The background loop of `serve`: mailings that are due (`mailings::service::run_due`),
//! mail delivery (as soon as the write door says a committed
//! write queued mail, and every second for rows other instances wrote), the time-driven event
//! jobs (`schedule`), the retention job (`privacy::retention`, every minute), the purge of
//! expired sessions, and (in a task of its own, so mail never
//! waits for a long import) the import jobs. Each job is safe to run on several instances at
//! once: the outbox and import jobs are claimed with a lease, event jobs with a conditional
//! update.

pub mod schedule;

use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::db::{Db, Keep};
use crate::domain::now;
use crate::mail::worker::MailWorker;

/// How often delivery looks for due rows written by other instances, at the least.
const POLL: Duration = Duration::from_secs(1);
/// How often the time-driven event jobs run.
const SCHEDULE_EVERY: Duration = Duration::from_secs(10);
/// How often expired back-office and desk sessions are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(600);
/// How often the retention job looks for events whose personal data is due for erasure.
const RETENTION_EVERY: Duration = Duration::from_secs(60);
/// How often MariaDB's tables are rebuilt after erasures, at most (see `db::reclaim`).
const REBUILD_EVERY: Duration = Duration::from_secs(600);

pub struct Jobs {
    pub db: Db,
    pub mailer: MailWorker,
    /// Where `.eml` files are written (erasure deletes those of erased mails).
    pub mail_dir: std::path::PathBuf,
}

impl Jobs {
    /// Runs until `shutdown` turns true; mail not yet tried stays queued.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let mut imports = tokio::spawn(run_imports(self.db.clone(), shutdown.clone()));
        let mail_queued = self.db.mail_queued();
        let mut last_schedule: Option<Instant> = None;
        let mut last_purge: Option<Instant> = None;
        let mut last_retention: Option<Instant> = None;
        let mut last_rebuild = Instant::now();
        loop {
            if *shutdown.borrow() {
                break;
            }
            if last_schedule.is_none_or(|t| t.elapsed() >= SCHEDULE_EVERY) {
                if let Err(err) = schedule::run_due_jobs(&self.db, now()).await {
                    tracing::warn!(error = %err, "scheduled jobs failed; will retry");
                }
                last_schedule = Some(Instant::now());
            }
            if last_purge.is_none_or(|t| t.elapsed() >= PURGE_EVERY) {
                if let Err(err) = self.purge_expired_sessions().await {
                    tracing::warn!(error = %err, "could not purge expired sessions");
                }
                last_purge = Some(Instant::now());
            }
            if last_retention.is_none_or(|t| t.elapsed() >= RETENTION_EVERY) {
                // The first run (at start) logs what it is about to erase.
                let first = last_retention.is_none();
                if let Err(err) = crate::privacy::retention::run_due(&self.db, &self.mail_dir, now(), first).await {
                    tracing::warn!(error = %err, "the retention job failed; will retry");
                }
                last_retention = Some(Instant::now());
            }
            if last_rebuild.elapsed() >= REBUILD_EVERY {
                self.db.rebuild_if_owed().await;
                last_rebuild = Instant::now();
            }
            // Mailings due (or left half-written by a stopped server) start here; their
            // mails then go out with the rest.
            if let Err(err) = crate::mailings::service::run_due(&self.db, now()).await {
                tracing::warn!(error = %err, "starting due mailings failed; will retry");
            }
            match self.mailer.deliver_due(&shutdown).await {
                // A long mailing: straight on to the next round, the other jobs between.
                Ok(round) if round.more => continue,
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "mail delivery round failed; will retry"),
            }
            tokio::select! {
                _ = shutdown.changed() => {}
                () = mail_queued.notified() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
        if tokio::time::timeout(Duration::from_secs(1), &mut imports).await.is_err() {
            imports.abort(); // the chunk in flight rolls back; the job resumes at it
        }
        tracing::info!("background jobs stopped; unsent mail stays queued");
    }

    async fn purge_expired_sessions(&self) -> Result<u64, sea_orm::DbErr> {
        self.db
            .write_alone(|txn| {
                Box::pin(async move { crate::auth::sessions::purge_expired(txn, now()).await.map(Keep) })
            })
            .await
    }
}

/// Runs import jobs as they come, until `shutdown`.
async fn run_imports(db: Db, mut shutdown: watch::Receiver<bool>) {
    loop {
        if *shutdown.borrow() {
            break;
        }
        if let Err(err) = crate::imports::jobs::run_pending(&db, &shutdown).await {
            tracing::warn!(error = %err, "an import job stopped; it resumes after its lease");
        }
        tokio::select! {
            _ = shutdown.changed() => {}
            () = crate::imports::jobs::QUEUED_HERE.notified() => {}
            () = tokio::time::sleep(POLL) => {}
        }
    }
}
