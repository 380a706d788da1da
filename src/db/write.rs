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
                    txn.commit().await?;
                    Ok(value)
                }
                Ok(Discard(value)) => {
                    txn.rollback().await?;
                    Ok(value)
                }
                Err(err) => {
                    txn.rollback().await?;
                    Err(err)
                }
            }
        })
        .await;
        if queued_mail && result.is_ok() {
            self.mail_queued.notify_one();
        }
        result
    }
}
