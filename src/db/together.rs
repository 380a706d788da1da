//! Writes that run together: the requests of one kind and one key (registrations for one
//! event) that meet in a group-commit batch are decided and written in one go (one lock, one
//! lookup of each kind, multi-row inserts) instead of one after the other.
//!
//! A kind says how its requests run together ([`Together::run_together`]) and how one runs
//! alone ([`Together::run_alone`], the ordinary write). The group runs in one savepoint; what
//! the group path leaves to the ordinary path ([`Grouped::Alone`]) then runs alone, each in a
//! savepoint of its own. When the group path fails (a database error, a panic, a guard that
//! refused), its savepoint is rolled back and every request of the group runs alone: the group
//! path can make things faster, never different.

use std::any::{Any, TypeId};

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sea_orm::{DatabaseTransaction, DbErr, TransactionTrait};
use std::panic::AssertUnwindSafe;
use tokio::sync::oneshot;
use uuid::Uuid;

use super::group_commit::{Deliver, delivered_after_commit, run_replying};
use super::write::{Commit, forget_mail_since, mail_queued_so_far};

/// What the group path did with one request.
pub enum Grouped<W: Together> {
    /// Decided: an `Ok` is kept with the batch, an `Err` wrote nothing and is answered at once.
    Done(Result<W::Out, W::Err>),
    /// Left to the ordinary path (an uncommon case), run alone after the group.
    Alone(W),
}

/// A kind of write whose requests can run together.
pub trait Together: Clone + Send + Sized + 'static {
    type Out: Send + 'static;
    type Err: From<DbErr> + Send + 'static;

    /// Requests with the same key (and kind) in one batch run together.
    fn key(&self) -> Uuid;

    /// Runs `group` (all of one key, in arrival order) and says what became of each, in the
    /// same order. A request answered `Done(Err)` or `Alone` must have written nothing.
    fn run_together(txn: &DatabaseTransaction, group: Vec<Self>) -> BoxFuture<'_, Result<Vec<Grouped<Self>>, DbErr>>;

    /// The same request, on its own: the ordinary write.
    fn run_alone(self, txn: &DatabaseTransaction) -> BoxFuture<'_, Result<Commit<Self::Out>, Self::Err>>;
}

/// One request of a group, as the writer holds it: its kind is erased until the group runs.
pub(super) struct Member {
    pub key: (TypeId, Uuid),
    pub request: Box<dyn Any + Send>,
    pub run: RunGroup,
}

/// Runs the members of one group (all of one kind) and returns what to deliver after commit.
pub(super) type RunGroup =
    for<'t> fn(&'t DatabaseTransaction, Vec<Box<dyn Any + Send>>) -> BoxFuture<'t, Vec<Option<Deliver>>>;

/// A request with the channel its answer goes back on.
struct Asked<W: Together> {
    work: W,
    reply: oneshot::Sender<Answer<W>>,
}

/// What a request of kind `W` is answered.
pub(super) type Answer<W> = Result<<W as Together>::Out, <W as Together>::Err>;

/// Wraps `work` for the writer; the receiver gets its answer.
pub(super) fn member<W: Together>(work: W) -> (Member, oneshot::Receiver<Answer<W>>) {
    let (reply, answer) = oneshot::channel();
    let key = (TypeId::of::<W>(), work.key());
    (Member { key, request: Box::new(Asked { work, reply }), run: run_group::<W> }, answer)
}

fn run_group<W: Together>(
    txn: &DatabaseTransaction,
    members: Vec<Box<dyn Any + Send>>,
) -> BoxFuture<'_, Vec<Option<Deliver>>> {
    async move {
        // The key holds the kind's TypeId, so every member is an `Asked<W>`.
        let (works, replies): (Vec<W>, Vec<_>) = members
            .into_iter()
            .filter_map(|member| member.downcast::<Asked<W>>().ok())
            .map(|asked| (asked.work, asked.reply))
            .unzip();
        let mut delivers = Vec::with_capacity(works.len());
        let mut alone = Vec::new();
        match together_in_savepoint(txn, works.clone()).await {
            Ok(outcomes) => {
                for (outcome, reply) in outcomes.into_iter().zip(replies) {
                    match outcome {
                        Grouped::Done(Ok(value)) => delivers.push(Some(delivered_after_commit(reply, value))),
                        Grouped::Done(Err(err)) => {
                            let _ = reply.send(Err(err));
                        }
                        Grouped::Alone(work) => alone.push((work, reply)),
                    }
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, size = works.len(), "a group of writes runs again one by one");
                alone = works.into_iter().zip(replies).collect();
            }
        }
        for (work, reply) in alone {
            delivers.push(run_replying(txn, move |txn| work.run_alone(txn), reply).await);
        }
        delivers
    }
    .boxed()
}

/// Runs the group path in a savepoint: kept when it succeeds, rolled back otherwise.
async fn together_in_savepoint<W: Together>(
    txn: &DatabaseTransaction,
    works: Vec<W>,
) -> Result<Vec<Grouped<W>>, DbErr> {
    let expected = works.len();
    let savepoint = txn.begin().await?;
    let mail_before = mail_queued_so_far();
    let outcome = AssertUnwindSafe(W::run_together(&savepoint, works)).catch_unwind().await;
    let failure = match outcome {
        Ok(Ok(outcomes)) if outcomes.len() == expected => {
            savepoint.commit().await?;
            return Ok(outcomes);
        }
        Ok(Ok(_)) => DbErr::Custom("the group path answered a different number of requests".into()),
        Ok(Err(err)) => err,
        // The panic was already reported by the panic hook.
        Err(_) => DbErr::Custom("the group path panicked".into()),
    };
    forget_mail_since(mail_before);
    savepoint.rollback().await?;
    Err(failure)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use futures_util::FutureExt;
    use futures_util::future::BoxFuture;
    use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, Statement};
    use tokio::sync::Notify;
    use uuid::Uuid;

    use super::{Grouped, Together};
    use crate::db::{Commit, Db, Keep};

    /// The sizes of the groups the group path was given, across the test.
    static GROUPS: Mutex<Vec<usize>> = Mutex::new(Vec::new());

    /// A note to write: `id % 10 == 7` is left to the ordinary path, and a group holding
    /// `id == 13` fails as a whole (so every note in it is written alone).
    #[derive(Clone)]
    struct Note {
        key: Uuid,
        id: i64,
    }

    fn insert(id: i64) -> Statement {
        Statement::from_sql_and_values(DbBackend::Sqlite, "INSERT INTO note (id) VALUES (?)", [id.into()])
    }

    impl Together for Note {
        type Out = &'static str;
        type Err = DbErr;

        fn key(&self) -> Uuid {
            self.key
        }

        fn run_together(
            txn: &DatabaseTransaction,
            group: Vec<Self>,
        ) -> BoxFuture<'_, Result<Vec<Grouped<Self>>, DbErr>> {
            async move {
                GROUPS.lock().map(|mut sizes| sizes.push(group.len())).ok();
                let mut outcomes = Vec::new();
                for note in group {
                    if note.id % 10 == 7 {
                        outcomes.push(Grouped::Alone(note));
                        continue;
                    }
                    txn.execute_raw(insert(note.id)).await?;
                    outcomes.push(Grouped::Done(Ok("together")));
                    if note.id == 13 {
                        return Err(DbErr::Custom("refused".into()));
                    }
                }
                Ok(outcomes)
            }
            .boxed()
        }

        fn run_alone(self, txn: &DatabaseTransaction) -> BoxFuture<'_, Result<Commit<&'static str>, DbErr>> {
            async move {
                txn.execute_raw(insert(self.id)).await?;
                Ok(Keep("alone"))
            }
            .boxed()
        }
    }

    /// Requests queued behind a held writer meet in one batch: those of one key run as one
    /// group, the ones it leaves aside run alone, and a group that fails runs again one by one.
    /// Every note is written exactly once and visible when its request is answered.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_runs_each_key_as_one_group_and_falls_back_one_by_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("together.db").display());
        let db = Db::connect(&url).await.expect("open SQLite");
        db.write_alone(|txn| {
            Box::pin(async move {
                txn.execute_unprepared("CREATE TABLE note (id INTEGER PRIMARY KEY)").await?;
                Ok::<_, DbErr>(Keep(()))
            })
        })
        .await
        .expect("table");

        let release = Arc::new(Notify::new());
        let held = {
            let (db, release) = (db.clone(), release.clone());
            tokio::spawn(async move {
                db.write(move |_txn| {
                    Box::pin(async move {
                        release.notified().await;
                        Ok::<_, DbErr>(Keep(()))
                    })
                })
                .await
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;

        // Key `a` holds 10..30 (13 makes its group fail), key `b` holds 40..60.
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let requests: Vec<_> = (10..30_i64)
            .map(|id| (a, id))
            .chain((40..60).map(|id| (b, id)))
            .map(|(key, id)| {
                let db = db.clone();
                tokio::spawn(async move {
                    let answer = db.write_together(Note { key, id }).await;
                    let sql = Statement::from_sql_and_values(
                        DbBackend::Sqlite,
                        "SELECT id FROM note WHERE id = ?",
                        [id.into()],
                    );
                    let seen = db.read().query_one_raw(sql).await.expect("read").is_some();
                    (key, id, answer, seen)
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        release.notify_one();
        held.await.expect("join").expect("held write");

        for request in requests {
            let (key, id, answer, seen) = request.await.expect("join");
            let expected = if key == a || id % 10 == 7 { "alone" } else { "together" };
            assert_eq!(answer.expect("written"), expected, "note {id}");
            assert!(seen, "note {id} visible when answered");
        }
        let sizes = GROUPS.lock().map(|sizes| sizes.clone()).unwrap_or_default();
        assert!(sizes.contains(&20), "each key's 20 requests ran as one group: {sizes:?}");
    }
}
