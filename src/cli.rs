//! The command line: `serve`, `migrate`, `user add`, `token create`. Every setting is a flag
//! with the environment variable API.md names as its fallback.

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use entity::Role;

use crate::app::{App, shutdown_signal};
use crate::auth::service::{self as accounts, AccountError};
use crate::config::{Config, MailConfig, RateLimits};
use crate::db::Db;
use crate::db::keep;
use crate::domain::EmailAddress;
use crate::telemetry::LogFormat;

#[derive(Debug, Parser)]
#[command(name = "convene", version, about = "Registration and attendance for hybrid events")]
pub struct Cli {
    /// `text` or `json` (one JSON object per line).
    #[arg(long, env = "CONVENE_LOG_FORMAT", value_enum, default_value = "text", global = true)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

impl Cli {
    pub fn log_format(&self) -> LogFormat {
        self.log_format
    }

    /// The log filter when `RUST_LOG` is unset: the demo keeps quiet but for warnings, so
    /// that what it prints (the addresses and the login) is what a newcomer sees.
    pub fn default_log_filter(&self) -> &'static str {
        match self.command {
            Command::Serve(_) => "info,sqlx=warn,sea_orm=warn",
            Command::Demo(_) => "warn,sqlx=error,sea_orm=error",
            // One-shot commands print their result on stdout: only problems are logged.
            _ => "warn,sqlx=warn,sea_orm=warn",
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply migrations, then serve HTTP until SIGINT/SIGTERM.
    Serve(ServeArgs),
    /// Apply pending migrations and exit.
    Migrate(DbArgs),
    /// Seed a demo partner meeting into ./convene-demo.db and serve it.
    Demo(DemoArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Export attendee data (CSV or XLSX).
    #[command(subcommand)]
    Export(crate::exports::cli::ExportCommand),
    /// Import partner lists and attendance reports.
    #[command(subcommand)]
    Import(crate::imports::cli::ImportCommand),
    /// The key that seals registrants' secrets.
    #[command(subcommand)]
    Key(KeyCommand),
}

#[derive(Debug, Args)]
struct DbArgs {
    /// SQLite, PostgreSQL (postgres://…) or MySQL/MariaDB (mysql://…).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://convene.db?mode=rwc", hide_env_values = true)]
    database_url: String,
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Listen address.
    #[arg(long, env = "CONVENE_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Absolute URL used in mails and QR codes (default: http:// + bind address).
    #[arg(long, env = "CONVENE_BASE_URL")]
    base_url: Option<String>,
    /// smtp://host:port, smtp://host:587?tls=required, smtps://user:pass@host:465. Unset: .eml
    /// files under ./mail-out/.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of every mail.
    #[arg(long, env = "MAIL_FROM", default_value = "Convene <noreply@localhost>")]
    mail_from: String,
    /// Folder for .eml files when SMTP_URL is unset.
    #[arg(long, env = "CONVENE_MAIL_DIR", default_value = "mail-out")]
    mail_dir: PathBuf,
    /// Mails sent per second at most (protects the SMTP server); 0 is unlimited.
    #[arg(long, env = "CONVENE_MAIL_RATE", default_value_t = 20)]
    mail_rate: u32,
    /// Login throttling: "10/min,5/15min" (attempts per IP per minute, failures per account per
    /// 15 minutes).
    #[arg(long, env = "CONVENE_RATE_LIMIT_LOGIN")]
    rate_limit_login: Option<String>,
    /// Registrations per minute per IP ("30/min"); off by default.
    #[arg(long, env = "CONVENE_RATE_LIMIT_REGISTER")]
    rate_limit_register: Option<String>,
    /// Comma-separated proxy IPs whose X-Forwarded-For is believed.
    #[arg(long, env = "CONVENE_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Open connections one client address may hold (proxies in CONVENE_TRUSTED_PROXIES are
    /// exempt); more are closed at once.
    #[arg(long, env = "CONVENE_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = 512)]
    max_connections_per_address: usize,
    /// Comma-separated origins allowed by CORS (none by default).
    #[arg(long, env = "CONVENE_CORS_ORIGINS", value_delimiter = ',')]
    cors_origins: Vec<String>,
    /// Commit the frequent writes of concurrent requests together ("on", the default), or each
    /// in its own transaction ("off": for comparison; as durable, slower under load).
    #[arg(long, env = "CONVENE_GROUP_COMMIT", default_value = "on", value_parser = ["on", "off"])]
    group_commit: String,
}

#[derive(Debug, Args)]
struct DemoArgs {
    /// Listen address.
    #[arg(long, env = "CONVENE_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Absolute URL used in mails and links (default: http:// + bind address).
    #[arg(long, env = "CONVENE_BASE_URL")]
    base_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account; prints a generated password unless --password-stdin is given.
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["admin", "organizer", "checkin"])]
        role: String,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
enum KeyCommand {
    /// Print a new random key (32 bytes, base64) for CONVENE_SECRET_KEY. Give every server of
    /// one database the same key, and keep a copy apart from the database's backups.
    Generate,
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Create an API token; prints the token alone on stdout (shown once, stored hashed).
    Create {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

/// "N/min" → N.
fn per_minute(raw: &str) -> anyhow::Result<u32> {
    let n = raw.trim().trim_end_matches("/min").trim();
    n.parse().with_context(|| format!("expected a rate such as 10/min, got {raw:?}"))
}

fn rate_limits(login: Option<&str>, register: Option<&str>) -> anyhow::Result<RateLimits> {
    let mut limits = RateLimits::default();
    if let Some(login) = login {
        let mut parts = login.split(',');
        if let Some(ip) = parts.next() {
            limits.login_per_ip_per_minute = per_minute(ip)?;
        }
        if let Some(account) = parts.next() {
            let n = account.trim().trim_end_matches("/15min").trim();
            limits.login_failures_per_account =
                n.parse().with_context(|| format!("expected 5/15min, got {account:?}"))?;
        }
    }
    if let Some(register) = register.filter(|r| !r.trim().is_empty() && r.trim() != "off") {
        limits.register_per_ip_per_minute = Some(per_minute(register)?);
    }
    Ok(limits)
}

impl ServeArgs {
    fn into_config(self) -> anyhow::Result<Config> {
        let mut config = Config::with_database(self.db.database_url);
        config.bind = self.bind;
        config.base_url = self.base_url.unwrap_or_default();
        config.mail = MailConfig {
            smtp_url: self.smtp_url.filter(|s| !s.is_empty()),
            from: self.mail_from,
            outbox_dir: self.mail_dir,
            per_second: self.mail_rate,
        };
        config.rate_limits = rate_limits(self.rate_limit_login.as_deref(), self.rate_limit_register.as_deref())?;
        config.trusted_proxies = self.trusted_proxies;
        config.connections.per_address = self.max_connections_per_address.max(1);
        config.cors_origins = self.cors_origins;
        config.group_commit = self.group_commit == "on";
        Ok(config)
    }
}

fn generate_password() -> String {
    // 24 URL-safe characters: 144 bits.
    crate::secrets::url_token().chars().take(24).collect()
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let app = App::build(args.into_config()?).await?;
            println!("Convene listening on {}", app.base_url());
            app.run_until_stopped(shutdown_signal()).await
        }
        Command::Demo(args) => {
            let mut config = Config::with_database(crate::demo::DATABASE_FILE);
            config.bind = args.bind;
            config.base_url = args.base_url.unwrap_or_default();
            crate::demo::run(config).await
        }
        Command::Migrate(db) => {
            Db::connect(&db.database_url).await?.migrate().await?;
            eprintln!("migrations applied");
            Ok(())
        }
        Command::User(UserCommand::Add { db, email, role, password_stdin }) => {
            let email = EmailAddress::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let role = Role::parse(&role).context("--role must be admin, organizer or checkin")?;
            let (password, generated) = if password_stdin {
                let mut buf = String::new();
                std::io::stdin().read_to_string(&mut buf).context("cannot read the password from stdin")?;
                (buf.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else {
                (generate_password(), true)
            };
            let db = Db::connect(&db.database_url).await?;
            db.migrate().await?;
            let new_password = password.clone();
            let user = db
                .write_alone(move |txn| {
                    keep(async move { accounts::create_user(txn, &email, role, &new_password, crate::domain::now()).await })
                })
                .await
                .map_err(account_error)?;
            eprintln!("created {} account {}", user.role.as_str(), user.email);
            if generated {
                println!("{password}");
            }
            Ok(())
        }
        Command::Key(KeyCommand::Generate) => {
            println!("{}", crate::secrets::SecretKey::generate().to_base64());
            Ok(())
        }
        Command::Token(TokenCommand::Create { db, email, name }) => {
            let email = EmailAddress::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let db = Db::connect(&db.database_url).await?;
            db.migrate().await?;
            let token = db
                .write_alone(move |txn| {
                    keep(async move { accounts::create_token(txn, &email, &name, crate::domain::now()).await })
                })
                .await
                .map_err(account_error)?;
            println!("{token}");
            Ok(())
        }
        Command::Export(command) => crate::exports::cli::run(command).await,
        Command::Import(command) => crate::imports::cli::run(command).await,
    }
}

fn account_error(err: AccountError) -> anyhow::Error {
    anyhow::anyhow!(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_parse_the_documented_forms() {
        let l = rate_limits(Some("20/min,3/15min"), Some("60/min")).unwrap_or_default();
        assert_eq!(
            (l.login_per_ip_per_minute, l.login_failures_per_account, l.register_per_ip_per_minute),
            (20, 3, Some(60))
        );
        assert_eq!(rate_limits(None, Some("off")).ok(), Some(RateLimits::default()));
        assert!(rate_limits(Some("lots"), None).is_err());
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
