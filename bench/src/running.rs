//! The benchmark's state, the running server it loads, and the requests it builds.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::bail;
use bytes::Bytes;
use convene_test_support::database::{Databases, FreshDatabase};
use convene_test_support::process::{Convene, Served};
use convene_test_support::smtp::SmtpSink;
use hyper::StatusCode;
use serde_json::{Value, json};

use crate::Args;
use crate::client::{self, Conn, LoadOutcome, Req};
use crate::procfs::{self, CpuMeter};
use crate::report::{Report, snippet};

/// How many of everything.
pub struct Counts {
    pub startup_runs: usize,
    pub warmup: usize,
    pub per_level: usize,
    pub checkins: usize,
    pub page: usize,
    pub export_rows: usize,
    pub verify_sample: usize,
}

impl Counts {
    pub fn new(args: &Args) -> Counts {
        let mut c = if args.quick {
            Counts {
                startup_runs: 3,
                warmup: 30,
                per_level: 500,
                checkins: 500,
                page: 5000,
                export_rows: 10_000,
                verify_sample: 1000,
            }
        } else {
            Counts {
                startup_runs: 5,
                warmup: 100,
                per_level: 5000,
                checkins: 5000,
                page: 30_000,
                export_rows: 100_000,
                verify_sample: 5000,
            }
        };
        if let Some(n) = args.registrations {
            c.per_level = n.max(1);
        }
        if let Some(n) = args.export_rows {
            c.export_rows = n.max(1);
        }
        c
    }

    /// Fewer requests at one client, where each waits for the previous one.
    pub fn at_level(&self, clients: usize) -> usize {
        if clients == 1 { (self.per_level / 5).max(1) } else { self.per_level }
    }
}

/// One acknowledged (201) registration.
#[derive(Debug, Clone)]
pub struct Ack {
    pub id: String,
    pub email: String,
    pub manage_token: String,
    pub ticket_code: String,
    pub status: String,
    pub mode: String,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub title: String,
    pub id: String,
    pub slug: String,
    pub capacity: Option<usize>,
}

const FIRST_NAMES: [&str; 6] = ["Amina", "Jan", "Sophie", "Mohamed", "Élodie", "Pieter"];
const LAST_NAMES: [&str; 6] = ["El Idrissi", "Janssens", "Dubois", "Peeters", "Nguyễn", "Van den Bossche"];
const ORGANIZATIONS: [&str; 4] = ["Caritas International", "Fedasil", "Immigration Office", "Red Cross Flanders"];
const LANGUAGES: [&str; 3] = ["en", "fr", "nl"];

fn email(label: &str, i: usize) -> String {
    format!("{label}-{i}@bench.example.org")
}

fn registration_body(label: &str, i: usize, mode: &str) -> Bytes {
    let body = json!({
        "first_name": FIRST_NAMES[i % FIRST_NAMES.len()],
        "last_name": LAST_NAMES[i % LAST_NAMES.len()],
        "email": email(label, i),
        "organization": ORGANIZATIONS[i % ORGANIZATIONS.len()],
        "mode": mode,
        "language": LANGUAGES[i % LANGUAGES.len()],
        "consent": true
    });
    Bytes::from(body.to_string())
}

pub fn field(v: &Value, key: &str) -> Result<String, String> {
    v[key].as_str().map(str::to_owned).ok_or_else(|| format!("{key} missing in {v}"))
}

pub struct Bench {
    pub counts: Counts,
    pub databases: Databases,
    pub serve: ServeConfig,
    pub sink: SmtpSink,
    pub report: Report,
    /// Acknowledged registrations whose mail must have arrived, exactly once, by the end.
    pub acks: Vec<Ack>,
    /// Acknowledged registrations (the export's seed) whose mail may still be queued at the
    /// end: at most one each.
    pub backlog: Vec<Ack>,
    pub quick: bool,
    pub mail_wait: Option<Duration>,
}

/// The benchmark's sealing key (a fixed one: every server of a run shares it).
const BENCH_SECRET_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// How to start `convene serve`.
#[derive(Clone)]
pub struct ServeConfig {
    pub bin: PathBuf,
    pub smtp_url: String,
    /// Folder for the servers' logs, working directory and mail copies.
    pub dir: PathBuf,
    /// A command the server runs under (profilers), split on spaces.
    pub wrap: Vec<String>,
    /// `CONVENE_MAIL_RATE`: mails per second at most (0: no limit, the benchmark's default).
    pub mail_rate: u32,
}

impl ServeConfig {
    /// The binary on `database_url`, with the run's key.
    pub fn convene(&self, database_url: &str) -> Convene {
        Convene::new(&self.bin, database_url).with_secret_key(BENCH_SECRET_KEY)
    }

    /// Starts `convene serve`, its output in `{log_name}.log`, and returns at once.
    pub fn spawn(&self, database_url: &str, log_name: &str) -> anyhow::Result<Served> {
        self.convene(database_url)
            .serve()
            .env("SMTP_URL", &self.smtp_url)
            .env("CONVENE_MAIL_RATE", self.mail_rate.to_string())
            .env("CONVENE_MAIL_DIR", self.dir.join("mail-out"))
            .wrapped_in(&self.wrap)
            .in_dir(&self.dir)
            .log_to(&self.dir.join(format!("{log_name}.log")))
            .spawn()
    }
}

/// Waits until `server` listens and answers `/healthz` with 200; the time since `since`.
pub async fn wait_healthy(
    server: &mut Served,
    since: Instant,
    limit: Duration,
) -> anyhow::Result<(SocketAddr, Duration)> {
    tokio::task::block_in_place(|| server.wait_listening(limit))?;
    let addr = server.addr().ok_or_else(|| anyhow::anyhow!("no address in {}", server.base()))?;
    loop {
        if let Ok(mut conn) = Conn::connect(addr).await
            && let Ok((status, _)) = conn.send(&Req::get("/healthz")).await
            && status.is_success()
        {
            return Ok((addr, since.elapsed()));
        }
        if since.elapsed() > limit {
            bail!("convene serve was not healthy within {limit:?}: {}", server.error_lines().join("\n"));
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// The processes of the database server, whose CPU is reported beside the server's.
pub fn database_processes(databases: &Databases) -> Vec<&'static str> {
    match databases.backend() {
        sea_orm::DbBackend::Sqlite => Vec::new(),
        sea_orm::DbBackend::Postgres => vec!["postgres"],
        _ => vec!["mariadbd", "mysqld"],
    }
}

/// A running server of the measurements.
pub struct Running {
    pub server: Served,
    pub addr: SocketAddr,
    pub meter: CpuMeter,
    pub token: Arc<str>,
    pub database: FreshDatabase,
}

impl Running {
    pub async fn api(&self, req: Req) -> anyhow::Result<(StatusCode, Value)> {
        let mut conn = Conn::connect(self.addr).await?;
        let (status, body) = conn.send(&req.bearer(&self.token)).await?;
        Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
    }

    pub async fn create_event(&self, title: &str, in_person_capacity: Option<usize>) -> anyhow::Result<Event> {
        let mut body = convene_test_support::sample::hybrid_event();
        body["title"] = json!(title);
        body["in_person_capacity"] = json!(in_person_capacity);
        let (status, v) = self.api(Req::post_json("/api/v1/events", body.to_string())).await?;
        if status != StatusCode::CREATED {
            bail!("creating the event answered {status}: {v}");
        }
        Ok(Event {
            title: title.to_owned(),
            id: field(&v, "id").map_err(anyhow::Error::msg)?,
            slug: field(&v, "slug").map_err(anyhow::Error::msg)?,
            capacity: in_person_capacity,
        })
    }

    pub async fn stats(&self, event: &Event) -> anyhow::Result<Value> {
        let (status, v) = self.api(Req::get(format!("/api/v1/events/{}/stats", event.id))).await?;
        if status != StatusCode::OK {
            bail!("stats answered {status}: {v}");
        }
        Ok(v)
    }

    pub fn rss_kb(&self) -> u64 {
        procfs::status_kb(self.server.pid, "VmRSS").unwrap_or(0)
    }
}

impl Bench {
    /// POSTs `n` registrations from `clients` clients; returns the outcome and the acknowledged ones.
    pub async fn register(
        &self,
        run: &Running,
        event: &Event,
        clients: usize,
        n: usize,
        label: &str,
        mode: fn(usize) -> &'static str,
    ) -> anyhow::Result<(LoadOutcome, Vec<Ack>)> {
        let acks = Arc::new(Mutex::new(Vec::with_capacity(n)));
        let path = format!("/api/v1/events/{}/registrations", event.id);
        let label_b = label.to_owned();
        let build = move |i| Req::post_json(path.clone(), registration_body(&label_b, i, mode(i)));
        let sink = acks.clone();
        let label_c = label.to_owned();
        let check = move |i, status: StatusCode, body: &Bytes| {
            if status != StatusCode::CREATED {
                return Err(snippet(body));
            }
            let v: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            let ack = Ack {
                id: field(&v, "id")?,
                email: field(&v, "email")?,
                manage_token: field(&v, "manage_token")?,
                ticket_code: field(&v, "ticket_code")?,
                status: field(&v, "status")?,
                mode: field(&v, "mode")?,
            };
            if ack.email != email(&label_c, i) {
                return Err(format!("answer for {} names {}", email(&label_c, i), ack.email));
            }
            sink.lock().map_err(|_| "lock")?.push(ack);
            Ok(())
        };
        let outcome = client::run(run.addr, clients, n, build, check).await?;
        let acks = std::mem::take(&mut *acks.lock().map_err(|_| anyhow::anyhow!("lock"))?);
        Ok((outcome, acks))
    }

    /// A fresh database and `convene serve` on it, healthy; its output in `{label}.log`.
    pub async fn start_server(&self, serve: &ServeConfig, label: &str) -> anyhow::Result<Running> {
        let database = self.databases.fresh(&format!("convene_bench_{label}")).await?;
        let token = organizer_token(&serve.convene(&database.url))?;
        let mut server = serve.spawn(&database.url, &format!("serve-{label}"))?;
        let (addr, _) = wait_healthy(&mut server, Instant::now(), Duration::from_secs(300)).await?;
        let log = server.log_file().map(|p| p.display().to_string()).unwrap_or_default();
        eprintln!("   convene serve: pid {}, http://{addr}, log {log}", server.pid);
        let meter = CpuMeter::new(server.pid, database_processes(&self.databases));
        Ok(Running { server, addr, meter, token, database })
    }
}

/// Adds the benchmark's organizer to a fresh database and returns an API token of theirs.
pub fn organizer_token(convene: &Convene) -> anyhow::Result<Arc<str>> {
    convene.ok(
        &["user", "add", "--email", "bench@example.org", "--role", "organizer", "--password-stdin"],
        Some("a long benchmark password\n"),
    )?;
    let token = convene.ok(&["token", "create", "--email", "bench@example.org", "--name", "bench"], None)?;
    Ok(token.trim().into())
}

/// Samples the size of `path` every 20 ms for the rest of the run; returns the largest seen.
pub fn watch_file_size(path: PathBuf) -> Arc<AtomicU64> {
    let peak = Arc::new(AtomicU64::new(0));
    let seen = peak.clone();
    tokio::spawn(async move {
        loop {
            if let Ok(meta) = tokio::fs::metadata(&path).await {
                seen.fetch_max(meta.len(), Ordering::Relaxed);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    peak
}

/// The median time of one trivial statement, awaited before the next: what every statement
/// costs before the database does any work (on SQLite, sqlx's hand-off to the connection's own
/// thread and back). First in a transaction, as the server's writer runs them (one connection
/// held throughout), then each on its own, as reads outside a transaction run (the pool hands
/// out a connection, by default after checking it with a ping, and takes it back).
pub async fn statement_round_trip(url: &str) -> anyhow::Result<(Duration, Duration)> {
    use sea_orm::{ConnectionTrait, Database, DatabaseTransaction, TransactionTrait};
    async fn median(conn: &impl ConnectionTrait) -> anyhow::Result<Duration> {
        let mut times = Vec::with_capacity(2000);
        for _ in 0..2000 {
            let started = Instant::now();
            conn.execute_unprepared("SELECT 1").await?;
            times.push(started.elapsed());
        }
        times.sort();
        Ok(times[times.len() / 2])
    }
    let conn = Database::connect(url).await?;
    let txn: DatabaseTransaction = conn.begin().await?;
    let in_transaction = median(&txn).await?;
    txn.rollback().await?;
    let from_pool = median(&conn).await?;
    conn.close().await.ok();
    Ok((in_transaction, from_pool))
}
