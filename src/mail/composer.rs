//! Composing mail (templates, the QR code, the calendar entry, MIME) is the CPU-heavy part of
//! sending it. It runs here, on a thread of its own at a lower OS priority (nice +10), so that
//! when a backlog of mail and people's requests compete for the cores, the requests win and
//! mail takes what is left: on an idle machine that is all of a core, under load a small share.
//! Without it a 98,000-mail backlog sent with no send rate took 0.9 of a core from the export
//! and the back office (BENCHMARKS.md, "Mail without Nagle's delay").

use std::sync::OnceLock;
use std::sync::mpsc;

type Job = Box<dyn FnOnce() + Send>;

/// How much lower than the server's own threads the composing thread runs (nice values: a
/// thread at +10 gets about a tenth of the CPU time of one at 0 when both want it).
const NICENESS: i32 = 10;

fn composer() -> Option<&'static mpsc::Sender<Job>> {
    static COMPOSER: OnceLock<Option<mpsc::Sender<Job>>> = OnceLock::new();
    COMPOSER
        .get_or_init(|| {
            let (jobs, queue) = mpsc::channel::<Job>();
            let started = std::thread::Builder::new().name("mail-compose".to_owned()).spawn(move || {
                // On Linux the nice value is the calling thread's own.
                if let Err(e) = rustix::process::nice(NICENESS) {
                    tracing::warn!(error = %e, "cannot lower the mail composer's priority; it runs at the server's");
                }
                for job in queue {
                    // A job that panics loses its answer (its mail fails), not the thread.
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)).ok();
                }
            });
            match started {
                Ok(_) => Some(jobs),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot start the mail composer thread; mail is composed on the server's threads");
                    None
                }
            }
        })
        .as_ref()
}

/// Runs `work` on the composing thread and waits for its result without blocking the runtime
/// (on the caller's thread if that thread could not start); `None` if `work` panicked.
pub async fn compose_off_runtime<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let Some(jobs) = composer() else { return Some(work()) };
    let (answer, answered) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        answer.send(work()).ok();
    });
    if let Err(mpsc::SendError(job)) = jobs.send(job) {
        // The thread is gone; it does not end while the process runs.
        job();
    }
    answered.await.ok()
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn work_runs_on_the_lower_priority_thread_and_its_result_comes_back() {
        let answer = super::compose_off_runtime(|| {
            let name = std::thread::current().name().map(str::to_owned);
            (name, rustix::process::getpriority_process(None).ok())
        })
        .await;
        let (name, niceness) = answer.expect("an answer");
        assert_eq!(name.as_deref(), Some("mail-compose"));
        assert_eq!(niceness, Some(super::NICENESS), "the thread runs at nice +10");
        let lost = super::compose_off_runtime(|| -> u8 { panic!("a bug in a template") }).await;
        assert_eq!(lost, None, "a panic loses its answer");
        assert_eq!(super::compose_off_runtime(|| 7).await, Some(7), "and the thread goes on");
    }
}
