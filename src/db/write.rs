//! The one door for writes: [`Db::write`] (group commit, for the short writes of requests)
//! and [`Db::write_alone`] (a transaction of its own, for long or rare work). The work gets the
//! transaction, returns whether to [`Keep`] or [`Discard`] its changes, and never commits
//! itself. After a committed write that queued mail, the door wakes the mail worker: no
//! handler has to remember to.

use std::cell::Cell;

use futures_util::future::BoxFuture;
use sea_orm::{DatabaseTransaction, DbErr};

use super::Db;

/// What a write's work decides about its changes; the value is returned either way.
#[derive(Debug)]
pub enum Commit<T> {
    /// Commit the changes (with the rest of the batch under group commit).
    Keep(T),
    /// Roll the changes back: the work found nothing to change (an unchanged scan, a dry run).
    Discard(T),
}

pub use Commit::{Discard, Keep};

impl<T> Commit<T> {
    pub fn keeps(&self) -> bool {
        matches!(self, Commit::Keep(_))
    }

    pub fn into_inner(self) -> T {
        match self {
            Commit::Keep(value) | Commit::Discard(value) => value,
        }
    }
}

/// Boxes work that keeps whatever it wrote when it succeeds (most writes):
/// `db.write(move |txn| keep(service::cancel(txn, id, now)))`.
pub fn keep<'c, T, E>(work: impl Future<Output = Result<T, E>> + Send + 'c) -> BoxFuture<'c, Result<Commit<T>, E>> {
    Box::pin(async move { work.await.map(Keep) })
}

/// The work of one write: gets the transaction, decides what to keep.
pub trait WriteWork<T, E>:
    for<'c> FnOnce(&'c DatabaseTransaction) -> BoxFuture<'c, Result<Commit<T>, E>> + Send + 'static
{
}

impl<T, E, F> WriteWork<T, E> for F where
    F: for<'c> FnOnce(&'c DatabaseTransaction) -> BoxFuture<'c, Result<Commit<T>, E>> + Send + 'static
{
}

tokio::task_local! {
    /// Set while a write runs: whether it queued mail.
    static MAIL_QUEUED: Cell<bool>;
}

/// Records that the running write queued mail (called by `mail::outbox`): once its
/// transaction commits, the write door wakes the mail worker. Outside a write it does nothing.
pub fn note_mail_queued() {
    let _ = MAIL_QUEUED.try_with(|queued| queued.set(true));
}

/// Whether the running write has queued mail so far (false outside a write).
pub(super) fn mail_queued_so_far() -> bool {
    MAIL_QUEUED.try_with(Cell::get).unwrap_or(false)
}

/// Forgets mail queued by work whose changes were rolled back (back to `before`).
pub(super) fn forget_mail_since(before: bool) {
    let _ = MAIL_QUEUED.try_with(|queued| queued.set(before));
}

/// Runs `work` and tells whether it called [`note_mail_queued`].
pub(super) async fn tracking_mail<R>(work: impl Future<Output = R>) -> (R, bool) {
    MAIL_QUEUED
        .scope(Cell::new(false), async move {
            let result = work.await;
            (result, MAIL_QUEUED.with(Cell::get))
        })
        .await
}

impl Db {
    /// Runs `work` in a savepoint of the next group-committed batch (see
    /// [`super::GroupCommit`]) and returns its value once that batch is committed; with group
    /// commit off, in a transaction of its own. For the frequent, short writes of requests:
    /// `work` must not wait on anything but this transaction.
    pub async fn write<T, E>(&self, work: impl WriteWork<T, E>) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbErr> + Send + 'static,
    {
        match &self.writes {
            Some(writes) => writes.run(work).await,
            None => self.write_alone(work).await,
        }
    }

    /// Runs `work` together with the other requests of its kind and key waiting for the writer
    /// (see [`super::Together`]); with group commit off, alone in a transaction of its own.
    pub async fn write_together<W: super::Together>(&self, work: W) -> Result<W::Out, W::Err> {
        match &self.writes {
            Some(writes) => writes.run_together(work).await,
            None => self.write_alone(move |txn| work.run_alone(txn)).await,
        }
    }

    /// Runs `work` in a write transaction of its own (on SQLite, holding the write lock from
    /// the start): for long work such as imports, scheduled jobs and CLI commands, and for
    /// writes that must not share a batch.
    pub async fn write_alone<T, E>(&self, work: impl WriteWork<T, E>) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbErr> + Send + 'static,
    {
        let (result, queued_mail) = tracking_mail(async {
            let txn = self.begin_write().await?;
            match work(&txn).await {
                Ok(Keep(value)) => {
                    let committed = txn.commit().await;
                    self.count_write();
                    committed?;
                    Ok((value, true))
                }
                Ok(Discard(value)) => {
                    txn.rollback().await?;
                    Ok((value, false))
                }
                Err(err) => {
                    txn.rollback().await?;
                    Err(err)
                }
            }
        })
        .await;
        // Only kept work reaches here with its mail: a discard or an error rolled it back.
        if queued_mail && result.as_ref().is_ok_and(|(_, kept)| *kept) {
            self.mail_queued.notify_one();
        }
        result.map(|(value, _)| value)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    async fn scratch_db(dir: &tempfile::TempDir, group_commit: bool) -> Db {
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("door.db").display());
        let db = Db::connect(&url).await.expect("open SQLite");
        if group_commit { db } else { db.without_group_commit() }
    }

    /// A write that "queues mail" (notes it, as `outbox::enqueue` does) and keeps or discards.
    async fn write_noting_mail(db: &Db, keep_it: bool, alone: bool) {
        async fn noting(keep_it: bool) -> Result<Commit<()>, DbErr> {
            note_mail_queued();
            Ok(if keep_it { Keep(()) } else { Discard(()) })
        }
        let done = if alone {
            db.write_alone(move |_| Box::pin(noting(keep_it))).await
        } else {
            db.write(move |_| Box::pin(noting(keep_it))).await
        };
        done.expect("write");
    }

    async fn woken(db: &Db) -> bool {
        tokio::time::timeout(Duration::from_millis(300), db.mail_queued().notified()).await.is_ok()
    }

    #[tokio::test]
    async fn the_door_wakes_the_mail_worker_after_kept_writes_that_queued_mail_only() {
        for (group_commit, alone) in [(true, false), (true, true), (false, false)] {
            let dir = tempfile::tempdir().expect("tempdir");
            let db = scratch_db(&dir, group_commit).await;
            write_noting_mail(&db, false, alone).await;
            assert!(!woken(&db).await, "a discarded write's mail was rolled back ({group_commit}, {alone})");
            db.write(|_| keep(async { Ok::<_, DbErr>(()) })).await.expect("write");
            assert!(!woken(&db).await, "a write without mail ({group_commit}, {alone})");
            write_noting_mail(&db, true, alone).await;
            assert!(woken(&db).await, "a kept write with mail ({group_commit}, {alone})");
        }
    }
}
