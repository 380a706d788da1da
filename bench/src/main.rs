//! `convene-bench`: the benchmark of issue 7, one module per scenario.
//!
//! It starts the release `convene` binary (the one next to itself) on a fresh database — a new
//! SQLite file by default, or a new PostgreSQL/MariaDB database it creates and drops — with
//! mail delivery running to an SMTP sink on 127.0.0.1, loads it over loopback with many
//! concurrent keep-alive clients, checks that nothing was oversold, lost or mailed twice, and
//! prints a table of the figures beside the goals. It exits 1 when a correctness check fails.
//!
//! ```sh
//! cargo build --release && cargo run --release -p convene-bench -- --quick
//! ```
//!
//! Timing goals are never asserted: this is a measuring tool, not a test.

mod check_ins;
mod client;
mod export;
mod mail;
mod mailing;
mod page;
mod procfs;
mod registrations;
mod report;
mod running;
mod startup;
mod table;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::Utc;
use clap::{Parser, ValueEnum};
use convene_test_support::database::Databases;
use convene_test_support::smtp::{SinkOptions, SmtpSink};

use crate::report::{Report, failure_detail, git_commit, machine, mb};
use crate::running::{Ack, Bench, Counts, ServeConfig, statement_round_trip, watch_file_size};

#[derive(Debug, Parser)]
#[command(
    name = "convene-bench",
    about = "Benchmark the release convene binary on a fresh database over loopback",
    after_help = "Build the server first: cargo build --release. Figures vary with the machine and its load; \
                  the table says how busy the machine was during each measurement."
)]
pub struct Args {
    /// postgres://user@host:port (or mysql://…): run on a new database created on that server
    /// and dropped at the end. Default: a new SQLite file in a temporary folder.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Smaller counts, about a minute in all.
    #[arg(long)]
    pub quick: bool,
    /// The convene binary (default: `convene` next to this program).
    #[arg(long)]
    pub server: Option<PathBuf>,
    /// Registrations per concurrency level.
    #[arg(long)]
    pub registrations: Option<usize>,
    /// Concurrent clients for the registration levels.
    #[arg(long, value_delimiter = ',', default_values_t = vec![1, 32, 256])]
    pub clients: Vec<usize>,
    /// Attendees seeded (through the API) before timing the export.
    #[arg(long)]
    pub export_rows: Option<usize>,
    /// Run only these scenarios.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Scenario>,
    /// Run the server under this command (split on spaces), e.g. "valgrind --tool=callgrind"
    /// or "strace -f -c -o /tmp/strace.txt". Figures are then not representative.
    #[arg(long)]
    pub wrap: Option<String>,
    /// Wait at most this many seconds for queued mail (default: enough for the worker's pace);
    /// a mail still queued then fails the "every mail sent exactly once" check.
    #[arg(long)]
    pub mail_wait: Option<u64>,
    /// Keep the temporary folder (databases, server logs).
    #[arg(long)]
    pub keep: bool,
    /// The servers' send rate, `CONVENE_MAIL_RATE` (mails per second; 0, the default here: no
    /// limit). The service's own default is 20.
    #[arg(long, default_value_t = 0)]
    pub mail_rate: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scenario {
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

fn find_server(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(path) = explicit {
        // Absolute: the server runs in the benchmark's temporary folder.
        return std::fs::canonicalize(path).with_context(|| format!("--server {}", path.display()));
    }
    let me = std::env::current_exe().context("cannot find this program's path")?;
    let next_to_me = me.with_file_name("convene");
    if !next_to_me.is_file() {
        bail!(
            "{} does not exist: build it first with `cargo build --release` (or pass --server PATH)",
            next_to_me.display()
        );
    }
    if me.components().any(|c| c.as_os_str() == "debug") {
        eprintln!("warning: this is a debug build; measure with `cargo run --release -p convene-bench`");
    }
    Ok(next_to_me)
}

fn wanted(only: &[Scenario], s: Scenario) -> bool {
    only.is_empty() || only.contains(&s)
}

async fn bench(args: Args) -> anyhow::Result<bool> {
    let counts = Counts::new(&args);
    let bin = find_server(args.server.as_deref())?;
    let dir = std::env::temp_dir().join(format!("convene-bench-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]));
    std::fs::create_dir_all(&dir)?;
    let databases = Databases::from_url(args.database_url.as_deref())?.with_sqlite_dir(&dir);
    // Bodies are not kept: the benchmark's 100,000 mails are only counted.
    let sink = SmtpSink::start_with(SinkOptions { keep_messages: false, ..SinkOptions::default() }).await?;
    let wrap: Vec<String> = args.wrap.as_deref().unwrap_or("").split_whitespace().map(str::to_owned).collect();
    let serve =
        ServeConfig { bin: bin.clone(), smtp_url: sink.url(), dir: dir.clone(), wrap, mail_rate: args.mail_rate };
    let header = header(&args, &bin, &databases, &serve.wrap);
    for line in &header {
        eprintln!("{line}");
    }
    let mut b = Bench {
        counts,
        databases,
        serve,
        sink,
        report: Report::default(),
        acks: Vec::new(),
        backlog: Vec::new(),
        quick: args.quick,
        mail_wait: args.mail_wait.map(Duration::from_secs),
    };
    if wanted(&args.only, Scenario::Startup) {
        b.startup().await?;
    }
    if wanted(&args.only, Scenario::Mailing) {
        b.mailing().await?;
    }
    let main_scenarios = [Scenario::Register, Scenario::Checkin, Scenario::Page, Scenario::Export, Scenario::Table];
    if main_scenarios.iter().any(|s| wanted(&args.only, *s)) {
        main_server(&mut b, &args).await?;
    }
    b.report.print(&header, b.quick);
    if args.keep {
        println!("kept {}", dir.display());
    } else {
        std::fs::remove_dir_all(&dir).ok();
    }
    Ok(!b.report.failed())
}

/// The lines that say what was measured, where and when.
fn header(args: &Args, bin: &Path, databases: &Databases, wrap: &[String]) -> Vec<String> {
    let built = std::fs::metadata(bin).and_then(|m| m.modified()).ok().map(chrono::DateTime::<Utc>::from);
    vec![
        format!("date: {}", Utc::now().format("%Y-%m-%d %H:%M UTC")),
        format!("machine: {}", machine()),
        format!("load average at start: {}", procfs::loadavg()),
        format!(
            "database: {} (fresh{})",
            databases.name(),
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
    ]
}

/// The main server's scenarios, one after the other on one event (and more for the export and
/// the table), then the checks that span them: every mail once, no errors, a clean stop.
async fn main_server(b: &mut Bench, args: &Args) -> anyhow::Result<()> {
    let only = &args.only;
    eprintln!("== main server");
    let serve = b.serve.clone();
    let run = b.start_server(&serve, "main").await?;
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

    let levels: Vec<usize> = if wanted(only, Scenario::Register) { args.clients.clone() } else { Vec::new() };
    let planned: usize = levels.iter().map(|&c| b.counts.at_level(c)).sum::<usize>()
        + b.counts.warmup
        + if levels.is_empty() { b.counts.checkins } else { 0 };
    // The last registrations of the run meet a full room and go to the waitlist.
    let overflow = (b.counts.per_level / 10).clamp(1, 1000).min(planned / 2);
    let capacity = planned - overflow;
    let event = run.create_event("Annual Voluntary Return and Reintegration Partner Meeting", Some(capacity)).await?;
    let acks = if levels.is_empty() {
        if wanted(only, Scenario::Checkin) {
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
    if wanted(only, Scenario::Checkin) {
        let tickets: Vec<Ack> =
            acks.iter().filter(|a| a.status == "confirmed" && a.mode == "in_person").cloned().collect();
        b.checkins(&run, &event, &tickets).await?;
    }
    if wanted(only, Scenario::Page) {
        b.page(&run, &event).await?;
    }
    if wanted(only, Scenario::Export) {
        b.export(&run, &event).await?;
    }
    if wanted(only, Scenario::Table) {
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
    // A group (registrations, check-ins) whose group path failed is redone one by one: the
    // same outcome, but the speed measured would not be the group path's.
    let redone = run.server.logs().lines().filter(|l| l.contains("a group of writes runs again one by one")).count();
    b.report.check(
        "every group of writes was written together",
        redone == 0,
        format!("{redone} groups redone one by one"),
    );
    let (took, status) = run.server.stop(Duration::from_secs(30)).await?;
    b.report.check(
        "serve stops cleanly on SIGTERM within 10 s",
        status.is_some_and(|s| s.success()) && took < Duration::from_secs(10),
        format!("{status:?} after {:.2} s", took.as_secs_f64()),
    );
    run.database.drop_database().await;
    Ok(())
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
