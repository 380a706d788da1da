//! `convene export attendees EVENT`: the same export as the API, to a file or stdout, with a
//! progress bar when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::attendees::{self, AttendeePages, Columns, ExportOptions};
use super::csv::CsvEncoder;
use crate::db::Db;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export an event's attendee list (CSV or XLSX) to a file or stdout.
    Attendees(ExportAttendeesArgs),
}

#[derive(Debug, Args)]
pub struct ExportAttendeesArgs {
    /// SQLite, PostgreSQL (postgres://…) or MySQL/MariaDB (mysql://…).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://convene.db?mode=rwc", hide_env_values = true)]
    database_url: String,
    /// The event's id or slug.
    event: String,
    /// csv or xlsx (default: from the --out extension, else csv).
    #[arg(long, value_parser = ["csv", "xlsx"])]
    format: Option<String>,
    /// Write here instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    /// in_person or online.
    #[arg(long)]
    mode: Option<String>,
    /// confirmed, waitlisted or cancelled.
    #[arg(long)]
    status: Option<String>,
    /// true or false.
    #[arg(long)]
    checked_in: Option<String>,
    /// comma (default), semicolon or tab (CSV only).
    #[arg(long)]
    delimiter: Option<String>,
    /// Start the CSV with a UTF-8 byte-order mark (Excel).
    #[arg(long)]
    bom: bool,
    /// people: the list for people to read (words, local times, no cancelled rows).
    #[arg(long)]
    preset: Option<String>,
    /// en, fr or nl, for --preset people.
    #[arg(long)]
    lang: Option<String>,
}

/// A progress bar on stderr when it is a terminal; hidden otherwise (logs, pipes, CI).
pub fn progress_bar(total: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

fn output(out: Option<&PathBuf>) -> anyhow::Result<Box<dyn Write + Send>> {
    Ok(match out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    })
}

pub async fn run(command: ExportCommand) -> anyhow::Result<()> {
    let ExportCommand::Attendees(args) = command;
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (key, value) in [
        ("mode", &args.mode),
        ("status", &args.status),
        ("checked_in", &args.checked_in),
        ("delimiter", &args.delimiter),
        ("preset", &args.preset),
        ("lang", &args.lang),
    ] {
        if let Some(v) = value {
            pairs.push((key, v.as_str()));
        }
    }
    if args.bom {
        pairs.push(("bom", "true"));
    }
    let options = ExportOptions::parse(pairs).map_err(|fields| {
        let problems: Vec<String> = fields.iter().map(|(k, v)| format!("--{}: {v}", k.replace('_', "-"))).collect();
        anyhow::anyhow!(problems.join("; "))
    })?;
    let xlsx = match args.format.as_deref() {
        Some(f) => f == "xlsx",
        None => args.out.as_ref().is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))),
    };

    let db = Db::connect(&args.database_url).await?;
    db.migrate().await?;
    let event = find_event(db.read(), &args.event).await?.with_context(|| format!("no event {:?}", args.event))?;
    let total = attendees::count(db.read(), event.id, &options.filter).await?;
    let bar = progress_bar(total, "exporting");
    let mut out = output(args.out.as_ref())?;
    if xlsx {
        let bar_pages = bar.clone();
        super::xlsx::write(db.read(), &event, options, out, move |n| bar_pages.inc(n as u64)).await?;
    } else {
        let mut encoder = CsvEncoder::new(Columns::new(&event, options.people), &options);
        let mut pages = AttendeePages::new(event.id, options.filter);
        let mut wrote = false;
        while let Some(rows) = pages.next(db.read()).await? {
            out.write_all(&encoder.page(&rows)?)?;
            bar.inc(rows.len() as u64);
            wrote = true;
        }
        if !wrote {
            out.write_all(&encoder.page(&[])?)?;
        }
        out.flush()?;
    }
    bar.finish_and_clear();
    // The command line has no user: the audit names the account that ran it.
    let who = format!("command line ({})", std::env::var("USER").unwrap_or_else(|_| "unknown user".to_owned()));
    crate::privacy::audit::record_now(&db, &who, crate::privacy::audit::Action::Export, Some(event.id), total).await?;
    let target = args.out.as_ref().map_or_else(|| "stdout".to_owned(), |p| p.display().to_string());
    eprintln!("exported {total} registrations of {} to {target}", event.slug);
    Ok(())
}

/// An event by id or slug (for the command line).
pub async fn find_event(
    db: &impl sea_orm::ConnectionTrait,
    id_or_slug: &str,
) -> Result<Option<entity::event::Model>, sea_orm::DbErr> {
    use crate::db::FetchUnique;
    use sea_orm::EntityTrait;
    match uuid::Uuid::parse_str(id_or_slug.trim()) {
        Ok(id) => entity::event::Entity::find_by_id(id).unique(db).await,
        Err(_) => crate::events::service::get_by_slug(db, id_or_slug.trim()).await,
    }
}
