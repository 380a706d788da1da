//! Group commit: one writer task per database runs the hot writes (registrations, check-ins,
//! joins, mail outcomes) of many requests in one transaction, so that they share one commit and
//! its disk flush.
//!
//! Each request's work runs in its own savepoint: when it fails (or panics) only its own
//! changes are rolled back and only it gets the error, at once. A request that succeeded is
//! answered after the batch commits; if the commit fails, every request of the batch gets the
//! error and none of their changes exist. Nothing is acknowledged before it is durable.
//!
//! Work that returns [`Discard`] is rolled back to its savepoint and answered at once, like a
//! failure but with its value. After a committed batch in which some work queued mail, the
//! mail worker is woken.
//!
//! Batches form by themselves: while one batch commits, the next requests queue, and the next
//! batch takes all of them (up to [`MAX_BATCH`]). A lone request commits at once, as before.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};
use tokio::sync::{Notify, mpsc, oneshot};

use super::together::{self, Member, RunGroup, Together};
use super::write::{Commit, Discard, Keep, WriteWork, forget_mail_since, mail_queued_so_far, tracking_mail};

/// Most requests in one transaction: bounds how long the first of them waits for its answer.
/// PostgreSQL keeps up to 64 subtransactions (savepoints) per transaction in shared memory and
/// gets slower for every snapshot beyond that, so a batch stays within 64.
pub const MAX_BATCH: usize = 64;
/// Requests that may wait for the writer before senders themselves wait (back-pressure).
const QUEUE: usize = 4096;

/// What the writer does with a request's outcome once the batch's commit is known.
pub(super) type Deliver = Box<dyn FnOnce(Option<&DbErr>) + Send>;
/// A request's work, wrapped to run in a savepoint of the batch's transaction.
type OneJob = Box<dyn for<'t> FnOnce(&'t DatabaseTransaction) -> BoxFuture<'t, Option<Deliver>> + Send>;

/// What the writer is asked to run: one request's work, or one request of a kind that runs
/// together with the others of its key in the batch (see [`super::together`]).
enum Job {
    One(OneJob),
    Member(Member),
}

/// The handle requests send their work through; cheap to clone.
#[derive(Clone, Debug)]
pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the writer task on the current runtime. It stops when the last handle is dropped.
    /// `mail_queued` is notified after each committed batch that queued mail; `writes` counts
    /// the batches finished, before their requests are answered (see `Db::writes_committed`).
    pub fn start(write: DatabaseConnection, mail_queued: Arc<Notify>, writes: Arc<AtomicU64>) -> GroupCommit {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run_writer(write, queue, mail_queued, writes));
        GroupCommit { jobs }
    }

    /// Runs `work` in a savepoint of the next batch and returns its result once the batch is
    /// committed. An `Err` or a [`Discard`] from `work` rolls back its savepoint and is
    /// returned at once.
    pub async fn run<T, E>(&self, work: impl WriteWork<T, E>) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbErr> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel::<Result<T, E>>();
        let job: OneJob = Box::new(move |txn| run_replying(txn, work, reply).boxed());
        self.send(Job::One(job), answer).await
    }

    /// Runs `work` together with the requests of its kind and key in the next batch (see
    /// [`super::together`]) and returns its result once that batch is committed.
    pub async fn run_together<W: Together>(&self, work: W) -> Result<W::Out, W::Err> {
        let (member, answer) = together::member(work);
        self.send(Job::Member(member), answer).await
    }

    async fn send<T, E: From<DbErr>>(&self, job: Job, answer: oneshot::Receiver<Result<T, E>>) -> Result<T, E> {
        let not_run = || E::from(DbErr::Custom("the write was not run: the database writer is unavailable".into()));
        self.jobs.send(job).await.map_err(|_| not_run())?;
        answer.await.map_err(|_| not_run())?
    }
}

/// Runs `work` in a savepoint and answers `reply`: at once when nothing of it is kept, else
/// through the returned [`Deliver`] once the batch's commit is known.
pub(super) async fn run_replying<T, E>(
    txn: &DatabaseTransaction,
    work: impl WriteWork<T, E>,
    reply: oneshot::Sender<Result<T, E>>,
) -> Option<Deliver>
where
    T: Send + 'static,
    E: From<DbErr> + Send + 'static,
{
    match run_in_savepoint(txn, work).await {
        Ok(Keep(value)) => Some(delivered_after_commit(reply, value)),
        Ok(Discard(value)) => {
            // Nothing of this request is left in the batch: answer now.
            let _ = reply.send(Ok(value));
            None
        }
        Err(err) => {
            // Nothing of this request is left in the batch: answer now.
            let _ = reply.send(Err(err));
            None
        }
    }
}

/// Answers `reply` with `value` once the batch commits, or with the commit's error.
pub(super) fn delivered_after_commit<T, E>(reply: oneshot::Sender<Result<T, E>>, value: T) -> Deliver
where
    T: Send + 'static,
    E: From<DbErr> + Send + 'static,
{
    Box::new(move |commit_error: Option<&DbErr>| {
        let answer = match commit_error {
            None => Ok(value),
            Some(err) => Err(E::from(DbErr::Custom(format!("the batch commit failed: {err}")))),
        };
        let _ = reply.send(answer);
    })
}

async fn run_in_savepoint<T, E>(txn: &DatabaseTransaction, work: impl WriteWork<T, E>) -> Result<Commit<T>, E>
where
    E: From<DbErr>,
{
    let savepoint = txn.begin().await?;
    let mail_before = mail_queued_so_far();
    let outcome = AssertUnwindSafe(work(&savepoint)).catch_unwind().await;
    if !matches!(outcome, Ok(Ok(Keep(_)))) {
        // Its mail rows are rolled back with it: no reason to wake the mail worker.
        forget_mail_since(mail_before);
    }
    match outcome {
        Ok(Ok(Keep(value))) => {
            savepoint.commit().await?;
            Ok(Keep(value))
        }
        Ok(Ok(Discard(value))) => {
            savepoint.rollback().await?;
            Ok(Discard(value))
        }
        Ok(Err(err)) => {
            savepoint.rollback().await?;
            Err(err)
        }
        Err(_) => {
            // The panic was already reported by the panic hook; the batch goes on without it.
            savepoint.rollback().await?;
            Err(E::from(DbErr::Custom("a write panicked and was rolled back".into())))
        }
    }
}

async fn run_writer(
    write: DatabaseConnection,
    mut queue: mpsc::Receiver<Job>,
    mail_queued: Arc<Notify>,
    writes: Arc<AtomicU64>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        metrics::histogram!("convene_write_batch_size").record(batch.len() as f64);
        let started = std::time::Instant::now();
        let (committed, queued_mail) = tracking_mail(commit_batch(&write, batch.drain(..), &writes)).await;
        // From the first statement to the commit: what each request of the batch waited for.
        metrics::histogram!("convene_write_batch_seconds").record(started.elapsed().as_secs_f64());
        if committed && queued_mail {
            mail_queued.notify_one();
        }
    }
}

/// Runs the jobs in one transaction and commits it; true when it committed.
async fn commit_batch(write: &DatabaseConnection, jobs: impl Iterator<Item = Job>, writes: &AtomicU64) -> bool {
    let txn = match super::begin_write_on(write).await {
        Ok(txn) => txn,
        Err(err) => {
            // Dropping the jobs answers each of their requests with an error.
            tracing::error!(error = %err, "cannot begin a write transaction; the batch is refused");
            return false;
        }
    };
    let mut delivers = Vec::new();
    for unit in units_of(jobs) {
        match unit {
            Unit::One(job) => delivers.push(job(&txn).await),
            Unit::Group(run, members) => delivers.extend(run(&txn, members).await),
        }
    }
    finish(txn, delivers, writes).await
}

/// What runs in a batch: a request alone, or the requests of one kind and key together.
enum Unit {
    One(OneJob),
    Group(RunGroup, Vec<Box<dyn std::any::Any + Send>>),
}

/// The batch's jobs in arrival order, the members of one group gathered where the first came.
fn units_of(jobs: impl Iterator<Item = Job>) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut groups = std::collections::HashMap::new();
    for job in jobs {
        match job {
            Job::One(job) => units.push(Unit::One(job)),
            Job::Member(member) => match groups.get(&member.key).and_then(|&at| units.get_mut(at)) {
                Some(Unit::Group(_, members)) => members.push(member.request),
                _ => {
                    groups.insert(member.key, units.len());
                    units.push(Unit::Group(member.run, vec![member.request]));
                }
            },
        }
    }
    units
}

async fn finish(txn: DatabaseTransaction, delivers: Vec<Option<Deliver>>, writes: &AtomicU64) -> bool {
    let commit_error = txn.commit().await.err();
    // Counted before anyone is answered: whoever reads after an answer sees the count moved.
    writes.fetch_add(1, Ordering::AcqRel);
    if let Some(err) = &commit_error {
        tracing::error!(error = %err, "a batch of writes could not be committed");
    }
    for deliver in delivers.into_iter().flatten() {
        deliver(commit_error.as_ref());
    }
    commit_error.is_none()
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::Arc;

    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    use tokio::sync::Notify;

    use crate::db::{Db, Discard, Keep};

    async fn scratch_db(dir: &tempfile::TempDir) -> Db {
        notes_db(&dir.path().join("writes.db")).await
    }

    /// A fresh SQLite database at `path` with one table, `note (id, body)`.
    pub(in crate::db) async fn notes_db(path: &std::path::Path) -> Db {
        let db = Db::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.expect("open SQLite");
        db.write_alone(|txn| {
            Box::pin(async move {
                txn.execute_unprepared("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").await?;
                Ok::<_, sea_orm::DbErr>(Keep(()))
            })
        })
        .await
        .expect("table");
        db
    }

    fn insert(id: i64) -> Statement {
        Statement::from_sql_and_values(DbBackend::Sqlite, "INSERT INTO note (id, body) VALUES (?, 'x')", [id.into()])
    }

    async fn visible(db: &Db, id: i64) -> bool {
        let sql = Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT id FROM note WHERE id = ?", [id.into()]);
        db.read().query_one_raw(sql).await.expect("read").is_some()
    }

    /// Many concurrent requests, queued behind a held writer so they share batches: a failing
    /// or panicking one leaves nothing behind and fails alone; every success is committed
    /// (visible to another connection) by the time it is answered.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn each_request_fails_alone_and_successes_are_committed_when_answered() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = scratch_db(&dir).await;

        // Hold the writer so that the requests below queue up and share a batch.
        let release = Arc::new(Notify::new());
        let held = {
            let (db, release) = (db.clone(), release.clone());
            tokio::spawn(async move {
                db.write(move |txn| {
                    Box::pin(async move {
                        txn.execute_raw(insert(0)).await?;
                        release.notified().await;
                        Ok::<_, sea_orm::DbErr>(Keep(()))
                    })
                })
                .await
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;

        let requests: Vec<_> = (1..=60_i64)
            .map(|id| {
                let db = db.clone();
                tokio::spawn(async move {
                    let answer = db
                        .write(move |txn| {
                            Box::pin(async move {
                                txn.execute_raw(insert(id)).await?;
                                match id % 10 {
                                    3 => Err(sea_orm::DbErr::Custom("refused".into())),
                                    7 => panic!("a bug in request {id}"),
                                    // A constraint error inside the batch (duplicate key).
                                    9 => txn.execute_raw(insert(id)).await.map(|_| Keep(())),
                                    // Discarded: answered Ok, but nothing of it is kept.
                                    5 => Ok(Discard(())),
                                    _ => Ok(Keep(())),
                                }
                            })
                        })
                        .await;
                    let seen = visible(&db, id).await;
                    (id, answer.is_ok(), seen)
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        release.notify_one();
        held.await.expect("join").expect("held write");

        for request in requests {
            let (id, ok, seen) = request.await.expect("join");
            let should_succeed = !matches!(id % 10, 3 | 7 | 9);
            let should_be_kept = should_succeed && id % 10 != 5;
            assert_eq!(ok, should_succeed, "request {id}");
            assert_eq!(seen, should_be_kept, "request {id}: visible when answered");
        }
        assert!(visible(&db, 0).await);
    }
}
