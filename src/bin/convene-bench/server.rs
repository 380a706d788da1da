//! Fresh databases, the `convene` CLI, and `convene serve` as a child process.

use std::fs::File;
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, Database, DbBackend};

use crate::client::{Conn, Req};

/// The benchmark's sealing key (a fixed one: every server of a run shares it).
const BENCH_SECRET_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// Which kind of database the benchmark runs on.
#[derive(Debug, Clone)]
pub enum Backend {
    /// A new SQLite file in this folder for each fresh database.
    Sqlite(PathBuf),
    /// A server: `base` is `scheme://user@host:port`, `admin` the URL used for CREATE/DROP.
    Server { base: String, admin: String, backend: DbBackend },
}

impl Backend {
    pub fn from_args(database_url: Option<&str>, dir: &Path) -> anyhow::Result<Backend> {
        let Some(url) = database_url else { return Ok(Backend::Sqlite(dir.to_path_buf())) };
        let url = url.replacen("mariadb://", "mysql://", 1).replacen("postgresql://", "postgres://", 1);
        let backend = if url.starts_with("postgres://") {
            DbBackend::Postgres
        } else if url.starts_with("mysql://") {
            DbBackend::MySql
        } else {
            bail!("--database-url must be postgres://… or mysql://… (SQLite is the default)");
        };
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        let (base, database) = match url[after_scheme..].find('/') {
            Some(slash) => {
                let (b, rest) = url.split_at(after_scheme + slash);
                (b.to_owned(), rest[1..].split('?').next().unwrap_or("").to_owned())
            }
            None => (url.split('?').next().unwrap_or(&url).to_owned(), String::new()),
        };
        let admin = match (backend, database.is_empty()) {
            (DbBackend::Postgres, true) => format!("{base}/postgres"),
            (_, true) => format!("{base}/"),
            (_, false) => format!("{base}/{database}"),
        };
        Ok(Backend::Server { base, admin, backend })
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "SQLite",
            Backend::Server { backend: DbBackend::Postgres, .. } => "PostgreSQL",
            Backend::Server { .. } => "MariaDB/MySQL",
        }
    }

    /// Process names of the database server, whose CPU is reported beside the server's.
    pub fn process_names(&self) -> Vec<&'static str> {
        match self {
            Backend::Sqlite(_) => Vec::new(),
            Backend::Server { backend: DbBackend::Postgres, .. } => vec!["postgres"],
            Backend::Server { .. } => vec!["mariadbd", "mysqld"],
        }
    }

    /// Creates a fresh, empty database.
    pub async fn fresh(&self, label: &str) -> anyhow::Result<FreshDatabase> {
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let name = format!("convene_bench_{label}_{}", &suffix[..12]);
        match self {
            Backend::Sqlite(dir) => Ok(FreshDatabase {
                url: format!("sqlite://{}?mode=rwc", dir.join(format!("{name}.db")).display()),
                drop: None,
            }),
            Backend::Server { base, admin, .. } => {
                let conn = Database::connect(admin.as_str()).await.with_context(|| format!("cannot reach {admin}"))?;
                conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await.context("CREATE DATABASE")?;
                conn.close().await.ok();
                Ok(FreshDatabase { url: format!("{base}/{name}"), drop: Some((admin.clone(), name)) })
            }
        }
    }
}

pub struct FreshDatabase {
    pub url: String,
    drop: Option<(String, String)>,
}

impl FreshDatabase {
    /// The SQLite write-ahead log's file (`None` for a database server).
    pub fn sqlite_wal(&self) -> Option<PathBuf> {
        let path = self.url.strip_prefix("sqlite://")?.split('?').next()?;
        Some(PathBuf::from(format!("{path}-wal")))
    }

    /// Drops a server database (SQLite files go with the temporary folder).
    pub async fn drop_database(self) {
        let Some((admin, name)) = self.drop else { return };
        if let Ok(conn) = Database::connect(admin.as_str()).await {
            let sql = match conn.get_database_backend() {
                DbBackend::Postgres => format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                _ => format!("DROP DATABASE IF EXISTS {name}"),
            };
            if let Err(e) = conn.execute_unprepared(&sql).await {
                eprintln!("warning: could not drop database {name}: {e}");
            }
            conn.close().await.ok();
        }
    }
}

/// Runs a `convene` CLI command and returns its stdout.
pub fn cli(bin: &Path, database_url: &str, args: &[&str], stdin: Option<&str>) -> anyhow::Result<String> {
    let mut child = Command::new(bin)
        .env("CONVENE_SECRET_KEY", BENCH_SECRET_KEY)
        .args(args)
        .env("DATABASE_URL", database_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", bin.display()))?;
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(input.as_bytes())?;
    }
    drop(child.stdin.take());
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("convene {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// A free loopback port (the server binds it a moment later).
fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// How to start `convene serve`.
#[derive(Clone)]
pub struct ServeConfig {
    pub bin: PathBuf,
    pub smtp_url: String,
    /// Folder for the server's log and working directory.
    pub dir: PathBuf,
    /// A command the server runs under (profilers), split on spaces.
    pub wrap: Vec<String>,
    /// `CONVENE_MAIL_RATE`: mails per second at most (0: no limit, the benchmark's default).
    pub mail_rate: u32,
}

pub struct Server {
    child: Child,
    pub pid: u32,
    pub addr: SocketAddr,
    pub log: PathBuf,
}

impl Server {
    /// Spawns `convene serve` and returns at once; `spawned` is the instant before the spawn.
    pub fn spawn(config: &ServeConfig, database_url: &str, log_name: &str) -> anyhow::Result<(Server, Instant)> {
        let port = free_port()?;
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let log = config.dir.join(format!("{log_name}.log"));
        let out = File::create(&log)?;
        let mut command = match config.wrap.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(&config.bin);
                c
            }
            None => Command::new(&config.bin),
        };
        command
            .arg("serve")
            .current_dir(&config.dir)
            .env("DATABASE_URL", database_url)
            // One key for every server of the run (PostgreSQL and MariaDB need it given).
            .env("CONVENE_SECRET_KEY", BENCH_SECRET_KEY)
            .env("CONVENE_BIND", addr.to_string())
            .env("SMTP_URL", &config.smtp_url)
            .env("CONVENE_MAIL_RATE", config.mail_rate.to_string())
            .env("CONVENE_MAIL_DIR", config.dir.join("mail-out"))
            // Registration limiting stays off (its default): every client comes from 127.0.0.1.
            .env_remove("CONVENE_RATE_LIMIT_REGISTER")
            .env_remove("CONVENE_BASE_URL")
            .env_remove("CONVENE_LOG_FORMAT")
            .env_remove("RUST_LOG")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::from(out.try_clone()?))
            .stderr(Stdio::from(out));
        let spawned = Instant::now();
        let child = command.spawn().with_context(|| format!("cannot start {}", config.bin.display()))?;
        let pid = child.id();
        Ok((Server { child, pid, addr, log }, spawned))
    }

    /// Polls `/healthz` until it answers 200; the time since `since`.
    pub async fn wait_healthy(&mut self, since: Instant, limit: Duration) -> anyhow::Result<Duration> {
        loop {
            if let Ok(mut conn) = Conn::connect(self.addr).await
                && let Ok((status, _)) = conn.send(&Req::get("/healthz")).await
                && status.is_success()
            {
                return Ok(since.elapsed());
            }
            if let Some(status) = self.child.try_wait()? {
                bail!("convene serve exited ({status}) before it was healthy; see {}", self.log.display());
            }
            if since.elapsed() > limit {
                bail!("convene serve was not healthy within {limit:?}; see {}", self.log.display());
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    /// SIGTERM, then waits for the exit; the time it took and the exit status.
    pub async fn stop(mut self) -> anyhow::Result<(Duration, Option<ExitStatus>)> {
        let started = Instant::now();
        Command::new("kill").arg("-TERM").arg(self.pid.to_string()).status()?;
        while started.elapsed() < Duration::from_secs(30) {
            if let Some(status) = self.child.try_wait()? {
                return Ok((started.elapsed(), Some(status)));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        self.child.kill().ok();
        self.child.wait().ok();
        Ok((started.elapsed(), None))
    }

    /// Lines of the server's log that report an error.
    pub fn error_lines(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("ERROR") || l.contains("panicked"))
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.child.kill().ok();
            self.child.wait().ok();
        }
    }
}
