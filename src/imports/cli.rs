//! `convene import registrations|attendance EVENT FILE`: the API's imports from the command
//! line, with the per-row report on stdout (text, or JSON with `--json`). Queued mails are
//! sent by the worker of a running `convene serve`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use entity::Role;

use super::jobs;
use super::registrations::{ImportOptions, ImportReport, Importer};
use crate::db::Db;
use crate::db::{Discard, Keep, keep};
use crate::domain::EmailAddress;
use crate::domain::Language;
use crate::exports::cli::find_event;
use crate::exports::cli::progress_bar;
use crate::imports::registrations::ImportError;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Register (or invite) every partner of a CSV list: first_name, last_name, email,
    /// organization, language, mode.
    Registrations(RegistrationsArgs),
    /// Record online joins from a video platform's participant report.
    Attendance(AttendanceArgs),
}

#[derive(Debug, Args)]
pub struct Common {
    /// SQLite, PostgreSQL (postgres://…) or MySQL/MariaDB (mysql://…).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://convene.db?mode=rwc", hide_env_values = true)]
    database_url: String,
    /// The event's id or slug.
    event: String,
    /// The CSV file.
    file: PathBuf,
    /// Validate and rehearse the whole import, then write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the report as JSON (the API's answer).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct RegistrationsArgs {
    #[command(flatten)]
    common: Common,
    /// Queue confirmation and waitlist mails (off by default).
    #[arg(long)]
    notify: bool,
    /// Mail each partner a personal invitation link instead of registering them.
    #[arg(long)]
    invite: bool,
    /// The organizer account importing (recorded as "imported by EMAIL").
    #[arg(long = "as", value_name = "EMAIL")]
    as_email: Option<String>,
}

#[derive(Debug, Args)]
pub struct AttendanceArgs {
    #[command(flatten)]
    common: Common,
}

async fn open(common: &Common) -> anyhow::Result<(Db, entity::event::Model, Vec<u8>)> {
    let bytes = std::fs::read(&common.file).with_context(|| format!("cannot read {}", common.file.display()))?;
    crate::secrets::install_for(&common.database_url, None)?;
    let db = Db::connect(&common.database_url).await?;
    db.migrate().await?;
    let event = find_event(db.read(), &common.event).await?.with_context(|| format!("no event {:?}", common.event))?;
    Ok((db, event, bytes))
}

async fn importer(db: &Db, as_email: Option<&str>) -> anyhow::Result<Importer> {
    let Some(raw) = as_email else {
        return Ok(Importer { user_id: None, email: "the command line".into() });
    };
    let email = EmailAddress::parse(raw).map_err(|e| anyhow::anyhow!("--as: {e}"))?;
    let user = crate::auth::service::find_user_by_email(db.read(), &email)
        .await?
        .filter(|u| u.disabled_at.is_none() && u.role >= Role::Organizer)
        .with_context(|| format!("--as: no enabled organizer or admin account {email}"))?;
    Ok(Importer { user_id: Some(user.id), email: user.email })
}

fn approx_rows(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1) as u64
}

pub async fn run(command: ImportCommand) -> anyhow::Result<()> {
    match command {
        ImportCommand::Registrations(args) => {
            let (db, event, bytes) = open(&args.common).await?;
            let by = importer(&db, args.as_email.as_deref()).await?;
            let options = ImportOptions { dry_run: args.common.dry_run, notify: args.notify, invite: args.invite };
            let report = if options.dry_run {
                dry_run(&db, event.id, bytes, by, options).await?
            } else {
                as_job(&db, event.id, bytes, by, options).await?
            };
            print_report(&report, args.common.json, options.dry_run)?;
            Ok(())
        }
        ImportCommand::Attendance(args) => attendance(args).await,
    }
}

/// A dry run: the whole import in one transaction, rolled back.
async fn dry_run(
    db: &Db,
    event_id: uuid::Uuid,
    bytes: Vec<u8>,
    by: Importer,
    options: ImportOptions,
) -> anyhow::Result<ImportReport> {
    let bar = progress_bar(approx_rows(&bytes), "checking");
    let progress = bar.clone();
    let report = db
        .write_alone(move |txn| {
            Box::pin(async move {
                let on_row = || progress.inc(1);
                let report =
                    super::registrations::import(txn, event_id, &bytes, &by, options, crate::domain::now(), on_row)
                        .await?;
                // The same work as a real import, discarded.
                Ok::<_, ImportError>(Discard(report))
            })
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    Ok(report)
}

/// A real import: the same job the server runs (chunks that let a running server's writes
/// through, resumable by `serve` if this command is stopped), run here with its progress.
async fn as_job(
    db: &Db,
    event_id: uuid::Uuid,
    bytes: Vec<u8>,
    by: Importer,
    options: ImportOptions,
) -> anyhow::Result<ImportReport> {
    let job = db
        .write_alone(move |txn| {
            keep(async move { jobs::create(txn, event_id, bytes, &by, options, crate::domain::now()).await })
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let bar = progress_bar(u64::try_from(job.total_rows).unwrap_or(0), "importing");
    let (_stop, stop) = tokio::sync::watch::channel(false);
    let runner = {
        let (db, stop) = (db.clone(), stop.clone());
        tokio::spawn(async move { jobs::run_one(&db, job.id, &stop).await })
    };
    let finished = loop {
        let now = jobs::find(db.read(), event_id, job.id).await?.context("the import job disappeared")?;
        bar.set_position(u64::try_from(now.done_rows).unwrap_or(0));
        if matches!(now.status.as_str(), jobs::DONE | jobs::FAILED) {
            break now;
        }
        if runner.is_finished() && now.status == jobs::QUEUED {
            anyhow::bail!("the import job could not be started");
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    runner.await?.map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    if let Some(error) = &finished.error {
        eprintln!("the import stopped: {error}");
    }
    Ok(jobs::report(db.read(), &finished).await?)
}

fn print_report(report: &ImportReport, json: bool, dry_run: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        for r in &report.rows {
            let status = r.status.map(|s| format!(" ({})", s.as_str())).unwrap_or_default();
            // The same sentences as the upload page, in English, each naming its column.
            let label = |field: &str| crate::i18n::t(Language::En, &format!("field-{field}"), &[]);
            let reasons = r.reasons_for(Language::En, label).join(" ");
            let reason = if reasons.is_empty() { String::new() } else { format!(": {reasons}") };
            println!("row {}\t{}{status}\t{}{reason}", r.row, serde_plain(&r.outcome), r.email);
        }
    }
    let s = &report.summary;
    eprintln!(
        "{}{} rows: {} created ({} confirmed, {} waitlisted), {} invited, {} skipped",
        if dry_run { "dry run, nothing written: " } else { "" },
        s.rows,
        s.created,
        s.confirmed,
        s.waitlisted,
        s.invited,
        s.skipped
    );
    Ok(())
}

async fn attendance(args: AttendanceArgs) -> anyhow::Result<()> {
    let (db, event, bytes) = open(&args.common).await?;
    let (event_id, dry_run) = (event.id, args.common.dry_run);
    let report = db
        .write_alone(move |txn| {
            Box::pin(async move {
                let report = super::attendance::import(txn, event_id, &bytes, dry_run).await?;
                Ok::<_, ImportError>(if dry_run { Discard(report) } else { Keep(report) })
            })
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if args.common.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for r in &report.rows {
            let reason = r.reason.as_deref().map(|s| format!(": {s}")).unwrap_or_default();
            println!("row {}\t{}\t{} <{}>{reason}", r.row, serde_plain(&r.outcome), r.name, r.email);
        }
    }
    let s = &report.summary;
    eprintln!(
        "{}{} rows: {} matched, {} merged, {} unmatched; {} registrations marked as joined online",
        if args.common.dry_run { "dry run, nothing written: " } else { "" },
        s.rows,
        s.matched,
        s.merged,
        s.unmatched,
        s.registrations_marked
    );
    Ok(())
}

/// A unit enum's serde name (`created`, `duplicate_in_file`, …).
fn serde_plain(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
