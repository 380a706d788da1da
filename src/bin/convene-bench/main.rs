//! `convene-bench`: the benchmark of issue 7.
//!
//! It starts the release `convene` binary (the one next to itself) on a fresh database — a new
//! SQLite file by default, or a new PostgreSQL/MariaDB database it creates and drops — with
//! mail delivery running to an SMTP sink on 127.0.0.1, loads it over loopback with many
//! concurrent keep-alive clients, checks that nothing was oversold, lost or mailed twice, and
//! prints a table of the figures beside the goals. It exits 1 when a correctness check fails.
//!
//! ```sh
//! cargo build --release --bins && cargo run --release --bin convene-bench -- --quick
//! ```
//!
//! Timing goals are never asserted: this is a measuring tool, not a test.

mod client;
mod mailing;
mod procfs;
mod server;
mod smtp;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use bytes::Bytes;
use chrono::Utc;
use clap::{Parser, ValueEnum};
use http_body_util::BodyExt;
use hyper::StatusCode;
use serde_json::{Value, json};

use crate::client::{Conn, LoadOutcome, Req};
use crate::procfs::{CpuMeter, CpuUse};
use crate::server::{Backend, FreshDatabase, ServeConfig, Server};
use crate::smtp::SmtpSink;

#[derive(Debug, Parser)]
#[command(
    name = "convene-bench",
    about = "Benchmark the release convene binary on a fresh database over loopback",
    after_help = "Build first: cargo build --release --bins. Figures vary with the machine and its load; \
                  the table says how busy the machine was during each measurement."
)]
struct Args {
    /// postgres://user@host:port (or mysql://…): run on a new database created on that server
    /// and dropped at the end. Default: a new SQLite file in a temporary folder.
    #[arg(long)]
    database_url: Option<String>,
    /// Smaller counts, about a minute in all.
    #[arg(long)]
    quick: bool,
    /// The convene binary (default: `convene` next to this program).
    #[arg(long)]
    server: Option<PathBuf>,
    /// Registrations per concurrency level.
    #[arg(long)]
    registrations: Option<usize>,
    /// Concurrent clients for the registration levels.
    #[arg(long, value_delimiter = ',', default_values_t = vec![1, 32, 256])]
    clients: Vec<usize>,
    /// Attendees seeded (through the API) before timing the export.
    #[arg(long)]
    export_rows: Option<usize>,
    /// Run only these scenarios.
    #[arg(long, value_enum, value_delimiter = ',')]
    only: Vec<Scenario>,
    /// Run the server under this command (split on spaces), e.g. "valgrind --tool=callgrind"
    /// or "strace -f -c -o /tmp/strace.txt". Figures are then not representative.
    #[arg(long)]
    wrap: Option<String>,
    /// Wait at most this many seconds for queued mail (default: enough for the worker's pace);
    /// a mail still queued then fails the "every mail sent exactly once" check.
    #[arg(long)]
    mail_wait: Option<u64>,
    /// Keep the temporary folder (databases, server logs).
    #[arg(long)]
    keep: bool,
    /// The servers' send rate, `CONVENE_MAIL_RATE` (mails per second; 0, the default here: no
    /// limit). The service's own default is 20.
    #[arg(long, default_value_t = 0)]
    mail_rate: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scenario {
    Startup,
    Register,
    Checkin,
    Page,
    Export,
    /// The back office's registrations table at 10,000 registrations.
    Table,
    /// An organizers' mailing to 10,000 registrants (a server of its own).
    Mailing,
}

/// How many of everything.
struct Counts {
    startup_runs: usize,
    warmup: usize,
    per_level: usize,
    checkins: usize,
    page: usize,
    export_rows: usize,
    verify_sample: usize,
}

impl Counts {
    fn new(args: &Args) -> Counts {
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
    fn at_level(&self, clients: usize) -> usize {
        if clients == 1 { (self.per_level / 5).max(1) } else { self.per_level }
    }
}

/// The benchmark's verdicts and figures.
#[derive(Default)]
struct Report {
    rows: Vec<[String; 4]>,
    checks: Vec<(String, bool, String)>,
}

impl Report {
    fn row(&mut self, measure: impl Into<String>, value: impl Into<String>, goal: &str, conditions: impl Into<String>) {
        let row = [measure.into(), value.into(), goal.to_owned(), conditions.into()];
        eprintln!("  {} = {}   (goal {}; {})", row[0], row[1], row[2], row[3]);
        self.rows.push(row);
    }

    fn check(&mut self, name: impl Into<String>, ok: bool, detail: impl Into<String>) {
        let (name, detail) = (name.into(), detail.into());
        eprintln!("  check {}: {} {}", name, if ok { "ok" } else { "FAILED" }, detail);
        self.checks.push((name, ok, detail));
    }

    fn failed(&self) -> bool {
        self.checks.iter().any(|c| !c.1)
    }
}

/// One acknowledged (201) registration.
#[derive(Debug, Clone)]
struct Ack {
    id: String,
    email: String,
    manage_token: String,
    ticket_code: String,
    status: String,
    mode: String,
}

#[derive(Debug, Clone)]
struct Event {
    title: String,
    id: String,
    slug: String,
    capacity: Option<usize>,
}

fn thousands(n: f64) -> String {
    if !n.is_finite() {
        return "—".into();
    }
    let s = format!("{:.0}", n);
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 && ch != '-' {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn ms(v: f64) -> String {
    if !v.is_finite() {
        "—".into()
    } else if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 10.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.2} ms")
    }
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn conditions(cpu: &CpuUse) -> String {
    let mut s = cpu.describe();
    if cpu.disturbed() {
        s.push_str(" — DISTURBED by other processes, rerun");
    }
    s
}

fn snippet(body: &Bytes) -> String {
    String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned()
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

fn field(v: &Value, key: &str) -> Result<String, String> {
    v[key].as_str().map(str::to_owned).ok_or_else(|| format!("{key} missing in {v}"))
}

struct Bench {
    counts: Counts,
    backend: Backend,
    serve: ServeConfig,
    sink: SmtpSink,
    report: Report,
    /// Acknowledged registrations whose mail must have arrived, exactly once, by the end.
    acks: Vec<Ack>,
    /// Acknowledged registrations (the export's seed) whose mail may still be queued at the
    /// end: at most one each.
    backlog: Vec<Ack>,
    quick: bool,
    mail_wait: Option<Duration>,
}

/// The running server of the main measurements.
struct Running {
    server: Server,
    meter: CpuMeter,
    token: Arc<str>,
    database: FreshDatabase,
}

impl Running {
    async fn api(&self, req: Req) -> anyhow::Result<(StatusCode, Value)> {
        let mut conn = Conn::connect(self.server.addr).await?;
        let (status, body) = conn.send(&req.bearer(&self.token)).await?;
        Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
    }

    async fn create_event(&self, title: &str, in_person_capacity: Option<usize>) -> anyhow::Result<Event> {
        let starts = Utc::now() + chrono::Duration::days(14);
        let body = json!({
            "title": title,
            "description": "Partners of the AVRR programme meet in Brussels and online.",
            "translations": {"fr": {"title": "Réunion des partenaires"}, "nl": {"title": "Partnervergadering"}},
            "starts_at": starts.to_rfc3339(),
            "ends_at": (starts + chrono::Duration::hours(3)).to_rfc3339(),
            "timezone": "Europe/Brussels",
            "venue": "Brussels",
            "online_url": "https://stream.example.org/live",
            "modes": ["in_person", "online"],
            "in_person_capacity": in_person_capacity,
            "online_capacity": null,
            "waitlist": true,
            "status": "published"
        });
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

    async fn stats(&self, event: &Event) -> anyhow::Result<Value> {
        let (status, v) = self.api(Req::get(format!("/api/v1/events/{}/stats", event.id))).await?;
        if status != StatusCode::OK {
            bail!("stats answered {status}: {v}");
        }
        Ok(v)
    }

    fn rss_kb(&self) -> u64 {
        procfs::status_kb(self.server.pid, "VmRSS").unwrap_or(0)
    }
}

impl Bench {
    fn wanted(only: &[Scenario], s: Scenario) -> bool {
        only.is_empty() || only.contains(&s)
    }

    /// POSTs `n` registrations from `clients` clients; returns the outcome and the acknowledged ones.
    async fn register(
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
        let outcome = client::run(run.server.addr, clients, n, build, check).await?;
        let acks = std::mem::take(&mut *acks.lock().map_err(|_| anyhow::anyhow!("lock"))?);
        Ok((outcome, acks))
    }

    /// Waits until the sink got one mail per acknowledged registration (the backlog aside).
    async fn drain_mail(&mut self, what: &str) -> Option<Duration> {
        let expected = self.acks.len();
        let pending = expected.saturating_sub(self.sink.count());
        // The worker sends one mail at a time; allow 100 ms each, and two minutes more.
        let limit = self.mail_wait.unwrap_or(Duration::from_secs(120) + Duration::from_millis(100) * pending as u32);
        let waited = self.sink.wait_for(expected, limit).await;
        if waited.is_none() {
            self.report.check(
                format!("outbox drained after {what}"),
                false,
                format!("{} of {expected} mails arrived within {limit:?}", self.sink.count()),
            );
        }
        waited
    }

    async fn start_main(&mut self) -> anyhow::Result<Running> {
        let database = self.backend.fresh("main").await?;
        let token = organizer_token(&self.serve.bin, &database.url)?;
        let (mut server, spawned) = Server::spawn(&self.serve, &database.url, "serve-main")?;
        server.wait_healthy(spawned, Duration::from_secs(300)).await?;
        eprintln!("   convene serve: pid {}, http://{}, log {}", server.pid, server.addr, server.log.display());
        let meter = CpuMeter::new(server.pid, self.backend.process_names());
        Ok(Running { server, meter, token, database })
    }

    async fn startup(&mut self) -> anyhow::Result<()> {
        eprintln!("== start to healthy ({} runs)", self.counts.startup_runs);
        let (mut fresh, mut again) = (Vec::new(), Vec::new());
        let load_before = procfs::load1();
        for run in 0..self.counts.startup_runs {
            let database = self.backend.fresh(&format!("start{run}")).await?;
            for (times, name) in [(&mut fresh, "fresh"), (&mut again, "restart")] {
                let (mut server, spawned) = Server::spawn(&self.serve, &database.url, &format!("start{run}-{name}"))?;
                times.push(server.wait_healthy(spawned, Duration::from_secs(120)).await?);
                server.stop().await?;
            }
            database.drop_database().await;
        }
        let load = format!("load {load_before:.2} → {:.2}", procfs::load1());
        let runs = self.counts.startup_runs;
        self.report.row(
            format!("start to healthy, fresh database incl. migrations (median of {runs})"),
            ms(median(fresh).as_secs_f64() * 1e3),
            "≤ 100 ms",
            load.clone(),
        );
        self.report.row(
            format!("start to healthy, existing database (median of {runs})"),
            ms(median(again).as_secs_f64() * 1e3),
            "≤ 100 ms",
            load,
        );
        Ok(())
    }

    async fn registrations(&mut self, run: &Running, event: &Event, levels: &[usize]) -> anyhow::Result<Vec<Ack>> {
        let mut acks = Vec::new();
        eprintln!("== registration warm-up ({} at 32 clients)", self.counts.warmup);
        let (outcome, warm) = self.register(run, event, 32, self.counts.warmup, "warm", |_| "in_person").await?;
        self.report.check("warm-up registrations answered 201", outcome.failed == 0, failure_detail(&outcome));
        self.acks.extend(warm.iter().cloned());
        acks.extend(warm);

        for &clients in levels {
            let n = self.counts.at_level(clients);
            eprintln!("== registration: {n} at {clients} clients");
            let before = run.meter.snapshot();
            let label = format!("c{clients}");
            let (outcome, got) = self.register(run, event, clients, n, &label, |_| "in_person").await?;
            let cpu = run.meter.since(&before);
            self.acks.extend(got.iter().cloned());
            acks.extend(got);
            self.report.check(
                format!("every registration at {clients} clients answered 201"),
                outcome.failed == 0,
                failure_detail(&outcome),
            );
            let goal_rate = match (clients, self.backend.name()) {
                (1, _) => "—",
                (_, "SQLite") => "≥ 5,000/s",
                (_, "PostgreSQL") => "≥ 3,000/s",
                _ => "—",
            };
            let cond = conditions(&cpu);
            self.report.row(
                format!("registrations/s, {clients} client{} ({n} requests)", if clients == 1 { "" } else { "s" }),
                format!("{}/s", thousands(outcome.per_second())),
                goal_rate,
                cond.clone(),
            );
            self.report.row(
                format!("registration latency p50 / p99, {clients} client{}", if clients == 1 { "" } else { "s" }),
                format!("{} / {}", ms(outcome.quantile_ms(0.5)), ms(outcome.quantile_ms(0.99))),
                if clients == 32 { "p99 ≤ 15 ms" } else { "—" },
                cond.clone(),
            );
            let per = |s: f64| s * 1e3 / outcome.ok.max(1) as f64;
            let db = if cpu.database > 0.0 {
                format!(" (+ {:.3} ms in the database server)", per(cpu.database))
            } else {
                String::new()
            };
            self.report.row(
                format!("server CPU per registration, {clients} client{}", if clients == 1 { "" } else { "s" }),
                format!("{:.3} ms{db}", per(cpu.server)),
                "≤ 0.25 ms",
                format!("{cond}; the mail worker runs meanwhile"),
            );
        }

        // The mails of these registrations: how fast the outbox drains, and at what CPU cost.
        let queued = self.acks.len().saturating_sub(self.sink.count());
        eprintln!("== mail: waiting for {queued} queued mails");
        let before = run.meter.snapshot();
        let sent_before = self.sink.count();
        let drained = self.drain_mail("the registration levels").await;
        let cpu = run.meter.since(&before);
        let sent = self.sink.count() - sent_before;
        if sent > 0 {
            self.report.row(
                format!("mail delivery, outbox → SMTP sink ({queued} mails queued after the load)"),
                format!(
                    "{:.0} mails/s; {:.2} ms server CPU per mail",
                    sent as f64 / cpu.wall.max(1e-9),
                    cpu.server * 1e3 / sent as f64
                ),
                "—",
                match drained {
                    Some(_) => conditions(&cpu),
                    None => format!("{}; NOT drained in time", conditions(&cpu)),
                },
            );
        }
        Ok(acks)
    }

    /// No oversell, every acknowledged registration readable with what was answered.
    async fn verify_registrations(
        &mut self,
        run: &Running,
        event: &Event,
        acks: &[Ack],
        sample: usize,
    ) -> anyhow::Result<()> {
        let stats = run.stats(event).await?;
        let confirmed = stats["in_person"]["confirmed"].as_u64().unwrap_or(u64::MAX) as usize;
        let waitlisted = stats["in_person"]["waitlisted"].as_u64().unwrap_or(u64::MAX) as usize
            + stats["online"]["waitlisted"].as_u64().unwrap_or(0) as usize;
        let registered = stats["registered"].as_u64().unwrap_or(u64::MAX) as usize;
        let acked_confirmed = acks.iter().filter(|a| a.status == "confirmed" && a.mode == "in_person").count();
        let acked_waitlisted = acks.iter().filter(|a| a.status == "waitlisted").count();
        if let Some(capacity) = event.capacity {
            self.report.check(
                "no oversell",
                confirmed <= capacity && acked_confirmed <= capacity,
                format!("capacity {capacity}, confirmed in the room {confirmed}, confirmed answers {acked_confirmed}"),
            );
        }
        self.report.check(
            format!("counts match the answers ({})", event.title),
            registered == acks.len() && confirmed == acked_confirmed && waitlisted == acked_waitlisted,
            format!(
                "registered {registered} vs {} acknowledged; confirmed {confirmed} vs {acked_confirmed}; waitlisted {waitlisted} vs {acked_waitlisted}",
                acks.len()
            ),
        );
        // Every one (or an even sample of a big seed) read back by its manage token.
        let step = (acks.len() / sample.max(1)).max(1);
        let chosen: Arc<Vec<Ack>> = Arc::new(acks.iter().step_by(step).cloned().collect());
        let n = chosen.len();
        let (a, b) = (chosen.clone(), chosen);
        let outcome = client::run(
            run.server.addr,
            32,
            n,
            move |i| Req::get(format!("/api/v1/registrations/{}", a[i].manage_token)),
            move |i, status, body| {
                if status != StatusCode::OK {
                    return Err(snippet(body));
                }
                let v: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
                let ack = &b[i];
                if field(&v, "id")? != ack.id
                    || field(&v, "ticket_code")? != ack.ticket_code
                    || field(&v, "email")? != ack.email
                {
                    return Err(format!("{} differs from its 201 answer", ack.email));
                }
                Ok(())
            },
        )
        .await?;
        self.report.check(
            format!("acknowledged registrations present ({n} of {} read back)", acks.len()),
            outcome.failed == 0 && outcome.ok == n,
            failure_detail(&outcome),
        );
        Ok(())
    }

    async fn checkins(&mut self, run: &Running, event: &Event, tickets: &[Ack]) -> anyhow::Result<()> {
        let path = format!("/api/v1/events/{}/checkins", event.id);
        let probe = Req::post_json(path.clone(), json!({"code": "0000000000000000000000000A"}).to_string());
        let (status, body) = run.api(probe).await?;
        if matches!(status.as_u16(), 404 | 405) {
            self.report.row(
                "check-ins/s, p99 (32 clients)",
                "not available in this build",
                "≥ 5,000/s; ≤ 20 ms",
                format!("POST {path} answered {status}"),
            );
            return Ok(());
        }
        if status != StatusCode::OK {
            self.report.check("check-in endpoint answers", false, format!("an unknown code answered {status}: {body}"));
            return Ok(());
        }
        let m = tickets.len().min(self.counts.checkins);
        eprintln!("== check-in: {m} tickets at 32 clients");
        let codes: Arc<Vec<String>> = Arc::new(tickets.iter().take(m).map(|a| a.ticket_code.clone()).collect());
        let token = run.token.clone();
        let before = run.meter.snapshot();
        let outcome = client::run(
            run.server.addr,
            32,
            m,
            move |i| Req::post_json(path.clone(), json!({"code": codes[i]}).to_string()).bearer(&token),
            |_, status, body| {
                let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
                if status == StatusCode::OK && v["result"] == "checked_in" { Ok(()) } else { Err(snippet(body)) }
            },
        )
        .await?;
        let cpu = run.meter.since(&before);
        let cond = conditions(&cpu);
        self.report.row(
            format!("check-ins/s, 32 clients ({m} tickets)"),
            format!("{}/s", thousands(outcome.per_second())),
            "≥ 5,000/s",
            cond.clone(),
        );
        self.report.row(
            "check-in latency p50 / p99, 32 clients",
            format!("{} / {}", ms(outcome.quantile_ms(0.5)), ms(outcome.quantile_ms(0.99))),
            "p99 ≤ 20 ms",
            cond.clone(),
        );
        self.report.row(
            "server CPU per check-in",
            format!("{:.3} ms", cpu.server * 1e3 / outcome.ok.max(1) as f64),
            "—",
            cond,
        );
        self.report.check("every check-in answered checked_in", outcome.failed == 0, failure_detail(&outcome));
        let stats = run.stats(event).await?;
        let checked_in = stats["in_person"]["checked_in"].as_u64().unwrap_or(0) as usize;
        self.report.check(
            "check-ins counted once each",
            checked_in == m,
            format!("stats say {checked_in}, {m} scanned"),
        );
        if let Some(first) = tickets.first() {
            let again = Req::post_json(
                format!("/api/v1/events/{}/checkins", event.id),
                json!({"code": first.ticket_code}).to_string(),
            );
            let (status, v) = run.api(again).await?;
            self.report.check(
                "a second scan says already_checked_in",
                status == StatusCode::OK && v["result"] == "already_checked_in",
                format!("{status} {}", v["result"]),
            );
        }
        Ok(())
    }

    async fn page(&mut self, run: &Running, event: &Event) -> anyhow::Result<()> {
        let path = format!("/e/{}", event.slug);
        self.page_as(run, Req::get(path.clone()), "", "≥ 15,000/s").await?;
        // What a browser sends: the answer is compressed (or served compressed).
        let browser = Req::get(path).accept_encoding("gzip, deflate, br, zstd");
        self.page_as(run, browser, ", as a browser asks (gzip, br)", "—").await
    }

    async fn page_as(&mut self, run: &Running, req: Req, how: &str, goal: &str) -> anyhow::Result<()> {
        let n = self.counts.page;
        eprintln!("== public event page{how}: {n} at 32 clients");
        let before = run.meter.snapshot();
        let (path, encodings) = (req.path.clone(), req.accept_encoding);
        let outcome = client::run(
            run.server.addr,
            32,
            n,
            move |_| {
                let req = Req::get(path.clone());
                match encodings {
                    Some(e) => req.accept_encoding(e),
                    None => req,
                }
            },
            |_, status, body| if status == StatusCode::OK && body.len() > 500 { Ok(()) } else { Err(snippet(body)) },
        )
        .await?;
        let cpu = run.meter.since(&before);
        let cond = conditions(&cpu);
        self.report.row(
            format!("public event page{how} requests/s, 32 clients ({n} requests)"),
            format!("{}/s", thousands(outcome.per_second())),
            goal,
            cond.clone(),
        );
        self.report.row(
            format!("public event page{how} latency p50 / p99; server CPU per page"),
            format!(
                "{} / {}; {:.3} ms",
                ms(outcome.quantile_ms(0.5)),
                ms(outcome.quantile_ms(0.99)),
                cpu.server * 1e3 / outcome.ok.max(1) as f64
            ),
            "—",
            cond,
        );
        self.report.check(format!("every event page{how} answered 200"), outcome.failed == 0, failure_detail(&outcome));
        Ok(())
    }

    /// The registrations table of the back office, one organizer paging through 10,000
    /// registrations (a third checked in): each view timed 40 times in a row.
    async fn table(&mut self, run: &Running) -> anyhow::Result<()> {
        let rows = if self.quick { 2_000 } else { 10_000 };
        let event = run.create_event("Registrations table benchmark", None).await?;
        eprintln!("== table: seeding {rows} registrations at 256 clients");
        let (outcome, acks) =
            self.register(run, &event, 256, rows, "t", |i| if i % 3 == 0 { "online" } else { "in_person" }).await?;
        self.report.check("every seeded registration answered 201", outcome.failed == 0, failure_detail(&outcome));
        self.backlog.extend(acks.iter().cloned());
        let codes: Vec<String> =
            acks.iter().filter(|a| a.mode == "in_person").step_by(2).map(|a| a.ticket_code.clone()).collect();
        let path = format!("/api/v1/events/{}/checkins", event.id);
        let token = run.token.clone();
        let n = codes.len();
        let checked = client::run(
            run.server.addr,
            32,
            n,
            move |i| Req::post_json(path.clone(), json!({"code": codes[i]}).to_string()).bearer(&token),
            |_, status, _| if status == StatusCode::OK { Ok(()) } else { Err(status.to_string()) },
        )
        .await?;
        self.report.check("the table's check-ins answered 200", checked.failed == 0, failure_detail(&checked));
        // The pages take a session, as a browser has: log in like one.
        let mut conn = Conn::connect(run.server.addr).await?;
        let login = Req::post_form(
            "/admin/login",
            "email=bench%40example.org&password=a+long+benchmark+password&next=%2Fadmin",
        );
        let response = conn.send_streaming(&login).await?;
        let cookie: Arc<str> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.split(';').next().filter(|pair| pair.contains('=')))
            .context("logging in gave no session cookie")?
            .into();
        let last = rows.div_ceil(50);
        let views = [
            ("by name, first page", "page=1".to_owned()),
            ("by name, a middle page", format!("page={}", last / 2)),
            ("by name, the last page", format!("page={last}")),
            (
                "by came (a join to check-ins and joins), middle page",
                format!("sort=attended&dir=desc&page={}", last / 2),
            ),
            ("by organization, a middle page", format!("sort=organization&page={}", last / 2)),
            ("came = yes and in person, first page", "attended=yes&mode=in_person".to_owned()),
            ("search \"t1\" (LIKE on four columns), first page", "q=t1".to_owned()),
        ];
        for (name, query) in views {
            let path = format!("/admin/events/{}/registrations?{query}", event.id);
            let cookie = cookie.clone();
            let before = run.meter.snapshot();
            let outcome = client::run(
                run.server.addr,
                1,
                40,
                move |_| Req::get(path.clone()).cookie(&cookie),
                |_, status, body| {
                    if status == StatusCode::OK && body.len() > 1000 { Ok(()) } else { Err(snippet(body)) }
                },
            )
            .await?;
            let cpu = run.meter.since(&before);
            self.report.row(
                format!(
                    "registrations table, {} registrations, {name}: p50 / p99 (40 in a row)",
                    thousands(rows as f64)
                ),
                format!("{} / {}", ms(outcome.quantile_ms(0.5)), ms(outcome.quantile_ms(0.99))),
                "< 100 ms",
                conditions(&cpu),
            );
            self.report.check(
                format!("the table answered 200 ({name})"),
                outcome.failed == 0,
                failure_detail(&outcome),
            );
        }
        Ok(())
    }

    async fn export(&mut self, run: &Running, probe_event: &Event) -> anyhow::Result<()> {
        let rows = self.counts.export_rows;
        let goal_note =
            if rows == 100_000 { String::new() } else { " — fewer rows than the goal's 100,000".to_owned() };
        let probe = Req::get(format!("/api/v1/events/{}/attendees.csv", probe_event.id));
        let (status, _) = run.api(probe).await?;
        if matches!(status.as_u16(), 404 | 405) {
            self.report.row(
                "export of 100,000 attendees: seconds, server peak RSS growth",
                "not available in this build",
                "≤ 0.4 s, ≤ 30 MB",
                format!("GET /api/v1/events/{{id}}/attendees.csv answered {status}"),
            );
            return Ok(());
        }
        if status != StatusCode::OK {
            self.report.check("export endpoint answers", false, format!("answered {status}"));
            return Ok(());
        }
        let event = run.create_event("Export benchmark meeting", None).await?;
        eprintln!("== export: seeding {rows} registrations at 256 clients");
        let before = run.meter.snapshot();
        let (outcome, acks) =
            self.register(run, &event, 256, rows, "x", |i| if i % 3 == 0 { "online" } else { "in_person" }).await?;
        let cpu = run.meter.since(&before);
        self.backlog.extend(acks.iter().cloned());
        self.report.check("every seeded registration answered 201", outcome.failed == 0, failure_detail(&outcome));
        self.report.row(
            format!("(seeding) registrations/s at 256 clients, {rows} on one event without a capacity"),
            format!("{}/s", thousands(outcome.per_second())),
            "—",
            conditions(&cpu),
        );
        let mail_backlog = (self.acks.len() + self.backlog.len()).saturating_sub(self.sink.count());
        self.verify_registrations(run, &event, &acks, self.counts.verify_sample).await?;
        tokio::time::sleep(Duration::from_secs(1)).await;

        eprintln!("== export: timing GET attendees.csv");
        let pid = run.server.pid;
        let rss_before = run.rss_kb();
        let hwm_before = procfs::status_kb(pid, "VmHWM").unwrap_or(0);
        let peak = Arc::new(AtomicU64::new(rss_before));
        let stop = Arc::new(AtomicBool::new(false));
        let sampler = {
            let (peak, stop) = (peak.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(kb) = procfs::status_kb(pid, "VmRSS") {
                        peak.fetch_max(kb, Ordering::Relaxed);
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            })
        };
        let before = run.meter.snapshot();
        let mut conn = Conn::connect(run.server.addr).await?;
        let started = Instant::now();
        let response = conn
            .send_streaming(&Req::get(format!("/api/v1/events/{}/attendees.csv", event.id)).bearer(&run.token))
            .await?;
        let status = response.status();
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let mut body = response.into_body();
        let (mut first_byte, mut bytes, mut lines) = (None, 0usize, 0usize);
        let mut head = Vec::new();
        while let Some(frame) = body.frame().await {
            let frame = frame?;
            if let Some(data) = frame.data_ref() {
                first_byte.get_or_insert_with(|| started.elapsed());
                bytes += data.len();
                lines += data.iter().filter(|&&b| b == b'\n').count();
                if head.len() < 200 {
                    head.extend_from_slice(&data[..data.len().min(200)]);
                }
            }
        }
        let took = started.elapsed();
        let cpu = run.meter.since(&before);
        stop.store(true, Ordering::Relaxed);
        sampler.join().ok();
        let peak = peak.load(Ordering::Relaxed);
        let hwm_after = procfs::status_kb(pid, "VmHWM").unwrap_or(0);
        let cond = format!(
            "{}; {:.1} MB of CSV; the mail worker was sending a backlog of {mail_backlog} mails meanwhile",
            conditions(&cpu),
            bytes as f64 / 1e6
        );
        self.report.row(
            format!("export of {} attendees: time to last byte (first byte){goal_note}", thousands(rows as f64)),
            format!("{:.3} s ({})", took.as_secs_f64(), ms(first_byte.unwrap_or_default().as_secs_f64() * 1e3)),
            "≤ 0.4 s",
            cond.clone(),
        );
        self.report.row(
            "export: server peak RSS growth (VmRSS sampled every 10 ms; VmHWM growth)",
            format!("{} ({})", mb(peak.saturating_sub(rss_before)), mb(hwm_after.saturating_sub(hwm_before))),
            "≤ 30 MB",
            format!("RSS before {}, peak {}", mb(rss_before), mb(peak)),
        );
        let header_ok = String::from_utf8_lossy(&head).trim_start_matches('\u{feff}').starts_with("registration_id");
        self.report.check(
            "export has a header and one line per registration",
            status == StatusCode::OK && header_ok && lines == rows + 1 && content_type.starts_with("text/csv"),
            format!("{status}, {content_type}, {lines} lines for {rows} registrations"),
        );
        Ok(())
    }

    /// Every acknowledged registration got exactly one mail (the export's seed: at most one,
    /// the rest may still be queued); no mail went twice; no mail to anyone else.
    async fn verify_mail(&mut self) {
        let all = self.acks.len() + self.backlog.len();
        let grace = if self.backlog.is_empty() {
            Duration::from_secs(120) + Duration::from_millis(100) * all.saturating_sub(self.sink.count()) as u32
        } else {
            Duration::from_secs(if self.quick { 10 } else { 30 })
        };
        self.sink.wait_for(all, self.mail_wait.unwrap_or(grace)).await;
        // A moment more, so that a duplicate sent late would be seen.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let tally = self.sink.tally();
        let duplicates = tally.by_message_id.values().filter(|&&n| n > 1).count();
        let got = |ack: &Ack| tally.by_recipient.get(&ack.email).copied().unwrap_or(0);
        let missing = self.acks.iter().filter(|a| got(a) == 0).count();
        let doubled = self.acks.iter().chain(&self.backlog).filter(|a| got(a) > 1).count();
        let queued = self.backlog.iter().filter(|a| got(a) == 0).count();
        let known: std::collections::HashSet<&str> =
            self.acks.iter().chain(&self.backlog).map(|a| a.email.as_str()).collect();
        let strangers = tally.by_recipient.keys().filter(|r| !known.contains(r.as_str())).count();
        let total: u32 = tally.by_recipient.values().sum();
        let backlog_note = if self.backlog.is_empty() {
            String::new()
        } else {
            format!(
                "; of the {} export-seed mails {} arrived, each once, and {queued} were still queued when the benchmark \
                 ended (not waited for: see the mail delivery rate)",
                self.backlog.len(),
                self.backlog.len() - queued
            )
        };
        self.report.check(
            "every mail sent exactly once",
            duplicates == 0
                && missing == 0
                && doubled == 0
                && strangers == 0
                && tally.without_message_id == 0
                && tally.by_message_id.len() == total as usize,
            format!(
                "{} registrations mailed: sink saw {} distinct Message-IDs in {total} mails, {duplicates} Message-IDs twice, \
                 {} without one; registrations without their mail {missing}, mailed twice {doubled}; mails to \
                 unknown recipients {strangers}{backlog_note}",
                self.acks.len(),
                tally.by_message_id.len(),
                tally.without_message_id,
            ),
        );
    }
}

/// Adds the benchmark's organizer to a fresh database and returns an API token of theirs.
fn organizer_token(bin: &Path, database_url: &str) -> anyhow::Result<Arc<str>> {
    server::cli(
        bin,
        database_url,
        &["user", "add", "--email", "bench@example.org", "--role", "organizer", "--password-stdin"],
        Some("a long benchmark password\n"),
    )?;
    let token =
        server::cli(bin, database_url, &["token", "create", "--email", "bench@example.org", "--name", "bench"], None)?;
    Ok(token.trim().into())
}

fn failure_detail(outcome: &LoadOutcome) -> String {
    let statuses: Vec<String> = outcome.statuses.iter().map(|(s, n)| format!("{s}×{n}")).collect();
    match &outcome.first_failure {
        Some(f) => format!("{} failed; statuses {}; first: {f}", outcome.failed, statuses.join(", ")),
        None => format!("statuses {}", statuses.join(", ")),
    }
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, v)| v.trim().to_owned()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kb: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    format!("{cores} cores ({model}), {:.1} GB RAM", mem_kb as f64 / 1024.0 / 1024.0)
}

fn git_commit() -> String {
    std::process::Command::new("git")
        .args(["describe", "--always", "--dirty", "--abbrev=12"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "unknown".into())
}

fn find_server(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let me = std::env::current_exe().context("cannot find this program's path")?;
    let next_to_me = me.with_file_name("convene");
    if !next_to_me.is_file() {
        bail!(
            "{} does not exist: build it first with `cargo build --release --bins` (or pass --server PATH)",
            next_to_me.display()
        );
    }
    if me.components().any(|c| c.as_os_str() == "debug") {
        eprintln!("warning: this is a debug build; measure with `cargo run --release --bin convene-bench`");
    }
    Ok(next_to_me)
}

async fn bench(args: Args) -> anyhow::Result<bool> {
    let counts = Counts::new(&args);
    let bin = find_server(args.server.as_deref())?;
    let dir = std::env::temp_dir().join(format!("convene-bench-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]));
    std::fs::create_dir_all(&dir)?;
    let backend = Backend::from_args(args.database_url.as_deref(), &dir)?;
    let sink = SmtpSink::start().await?;
    let wrap: Vec<String> = args.wrap.as_deref().unwrap_or("").split_whitespace().map(str::to_owned).collect();
    let serve = ServeConfig {
        bin: bin.clone(),
        smtp_url: sink.url(),
        dir: dir.clone(),
        wrap: wrap.clone(),
        mail_rate: args.mail_rate,
    };
    let built = std::fs::metadata(&bin).and_then(|m| m.modified()).ok().map(chrono::DateTime::<Utc>::from);
    let header = vec![
        format!("date: {}", Utc::now().format("%Y-%m-%d %H:%M UTC")),
        format!("machine: {}", machine()),
        format!("load average at start: {}", procfs::loadavg()),
        format!(
            "database: {} (fresh{})",
            backend.name(),
            if args.database_url.is_some() { ", created and dropped" } else { " file in a temp dir" }
        ),
        format!(
            "server: {} (built {}), git {}",
            bin.display(),
            built.map(|b| b.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default(),
            git_commit()
        ),
        format!(
            "mode: {}{}",
            if args.quick { "--quick" } else { "full" },
            if wrap.is_empty() {
                String::new()
            } else {
                format!(", server wrapped in `{}` (figures not representative)", wrap.join(" "))
            }
        ),
    ];
    for line in &header {
        eprintln!("{line}");
    }
    let mut b = Bench {
        counts,
        backend,
        serve,
        sink,
        report: Report::default(),
        acks: Vec::new(),
        backlog: Vec::new(),
        quick: args.quick,
        mail_wait: args.mail_wait.map(Duration::from_secs),
    };
    let only = args.only.clone();

    if Bench::wanted(&only, Scenario::Startup) {
        b.startup().await?;
    }

    if Bench::wanted(&only, Scenario::Mailing) {
        b.mailing().await?;
    }

    let main_scenarios = [Scenario::Register, Scenario::Checkin, Scenario::Page, Scenario::Export, Scenario::Table];
    if main_scenarios.iter().any(|s| Bench::wanted(&only, *s)) {
        eprintln!("== main server");
        let run = b.start_main().await?;
        let wal_peak = run.database.sqlite_wal().map(watch_file_size);
        let idle_from = Instant::now();
        tokio::time::sleep(Duration::from_secs(3)).await;
        let idle_cpu = run.meter.snapshot();
        tokio::time::sleep(Duration::from_secs(1)).await;
        let idle = run.meter.since(&idle_cpu);
        b.report.row(
            format!("idle RSS ({:.0} s after healthy)", idle_from.elapsed().as_secs_f64()),
            mb(run.rss_kb()),
            "≤ 15 MB",
            format!("VmHWM {}; {}", mb(procfs::status_kb(run.server.pid, "VmHWM").unwrap_or(0)), idle.describe()),
        );

        let levels: Vec<usize> =
            if Bench::wanted(&only, Scenario::Register) { args.clients.clone() } else { Vec::new() };
        let planned: usize = levels.iter().map(|&c| b.counts.at_level(c)).sum::<usize>()
            + b.counts.warmup
            + if levels.is_empty() { b.counts.checkins } else { 0 };
        // The last registrations of the run meet a full room and go to the waitlist.
        let overflow = (b.counts.per_level / 10).clamp(1, 1000).min(planned / 2);
        let capacity = planned - overflow;
        let event =
            run.create_event("Annual Voluntary Return and Reintegration Partner Meeting", Some(capacity)).await?;
        let acks = if levels.is_empty() {
            if Bench::wanted(&only, Scenario::Checkin) {
                eprintln!("== seeding {} registrations for check-in", b.counts.checkins);
                let (outcome, acks) = b.register(&run, &event, 256, b.counts.checkins, "seed", |_| "in_person").await?;
                b.report.check("seed registrations answered 201", outcome.failed == 0, failure_detail(&outcome));
                b.acks.extend(acks.iter().cloned());
                b.drain_mail("seeding").await;
                acks
            } else {
                Vec::new()
            }
        } else {
            b.registrations(&run, &event, &levels).await?
        };
        if !acks.is_empty() {
            b.verify_registrations(&run, &event, &acks, usize::MAX).await?;
        }
        if Bench::wanted(&only, Scenario::Checkin) {
            let tickets: Vec<Ack> =
                acks.iter().filter(|a| a.status == "confirmed" && a.mode == "in_person").cloned().collect();
            b.checkins(&run, &event, &tickets).await?;
        }
        if Bench::wanted(&only, Scenario::Page) {
            b.page(&run, &event).await?;
        }
        if Bench::wanted(&only, Scenario::Export) {
            b.export(&run, &event).await?;
        }
        if Bench::wanted(&only, Scenario::Table) {
            b.table(&run).await?;
        }
        b.verify_mail().await;
        match statement_round_trip(&run.database.url).await {
            Ok((in_transaction, from_pool)) => b.report.row(
                "one SQL statement through SeaORM/sqlx: in a transaction / each from the pool (SELECT 1, median of 2000)",
                format!("{:.0} µs / {:.0} µs", in_transaction.as_secs_f64() * 1e6, from_pool.as_secs_f64() * 1e6),
                "—",
                "SeaORM's default pool on the benchmark's database: the floor under each statement the server runs",
            ),
            Err(err) => eprintln!("warning: could not time a statement round trip: {err:#}"),
        }
        if let (Some(peak), Some(wal)) = (&wal_peak, run.database.sqlite_wal()) {
            let now = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
            b.report.row(
                "SQLite WAL file: largest seen (every 20 ms) / at the end",
                format!("{:.1} MB / {:.1} MB", peak.load(Ordering::Relaxed) as f64 / 1e6, now as f64 / 1e6),
                "bounded",
                "checkpoints run automatically; journal_size_limit truncates the file to 64 MB after one",
            );
        }
        b.report.row(
            "server RSS after the scenarios",
            mb(run.rss_kb()),
            "—",
            format!("VmHWM {}", mb(procfs::status_kb(run.server.pid, "VmHWM").unwrap_or(0))),
        );
        let errors = run.server.error_lines();
        b.report.check(
            "the server logged no errors",
            errors.is_empty(),
            errors.first().map(|e| format!("{} error lines, first: {e}", errors.len())).unwrap_or_default(),
        );
        let Running { server, database, .. } = run;
        let (took, status) = server.stop().await?;
        b.report.check(
            "serve stops cleanly on SIGTERM within 10 s",
            status.is_some_and(|s| s.success()) && took < Duration::from_secs(10),
            format!("{status:?} after {:.2} s", took.as_secs_f64()),
        );
        database.drop_database().await;
    }

    // The table, ready to paste into BENCHMARKS.md.
    println!();
    for line in &header {
        println!("{line}  ");
    }
    println!();
    println!("| measure | value | goal | machine during the measurement |");
    println!("| --- | --- | --- | --- |");
    for [m, v, g, c] in &b.report.rows {
        println!("| {m} | {v} | {g} | {c} |");
    }
    println!();
    println!("| correctness check | result | detail |");
    println!("| --- | --- | --- |");
    for (name, ok, detail) in &b.report.checks {
        println!("| {name} | {} | {detail} |", if *ok { "ok" } else { "**FAILED**" });
    }
    println!();
    if b.quick {
        println!("(--quick: smaller counts than the full run.)");
    }
    if args.keep {
        println!("kept {}", dir.display());
    } else {
        std::fs::remove_dir_all(&dir).ok();
    }
    Ok(!b.report.failed())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match bench(args).await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("a correctness check failed");
            std::process::ExitCode::from(1)
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Samples the size of `path` every 20 ms for the rest of the run; returns the largest seen.
fn watch_file_size(path: PathBuf) -> Arc<AtomicU64> {
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
async fn statement_round_trip(url: &str) -> anyhow::Result<(Duration, Duration)> {
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
