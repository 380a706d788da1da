//! Fresh databases: a new SQLite file, or a new database created on a PostgreSQL or MariaDB
//! server and dropped when done, so that each test or benchmark run starts from nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use tempfile::TempDir;

/// Where fresh databases come from.
#[derive(Debug, Clone)]
pub enum Databases {
    /// A new SQLite file for each, in `dir` (kept) or in a temporary folder of its own.
    Sqlite { dir: Option<PathBuf> },
    /// A server: `base` is `scheme://user@host:port`; `admin` the URL that CREATE and DROP use.
    Server { base: String, admin: String, backend: DbBackend },
}

impl Databases {
    /// From a server URL (`postgres://user@host:port`, `mysql://…`, `mariadb://…`, with or
    /// without a database name), or SQLite when there is none.
    pub fn from_url(server: Option<&str>) -> anyhow::Result<Databases> {
        let Some(url) = server.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(Databases::Sqlite { dir: None });
        };
        let url = url.replacen("mariadb://", "mysql://", 1).replacen("postgresql://", "postgres://", 1);
        let backend = if url.starts_with("postgres://") {
            DbBackend::Postgres
        } else if url.starts_with("mysql://") {
            DbBackend::MySql
        } else {
            bail!("a database server URL is postgres://… or mysql://… (SQLite needs none): {url}");
        };
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        let without_query = url.split('?').next().unwrap_or(&url).trim_end_matches('/');
        let (base, database) = match without_query[after_scheme..].find('/') {
            Some(slash) => {
                let (base, rest) = without_query.split_at(after_scheme + slash);
                (base.to_owned(), rest[1..].to_owned())
            }
            None => (without_query.to_owned(), String::new()),
        };
        let admin = match (backend, database.is_empty()) {
            (DbBackend::Postgres, true) => format!("{base}/postgres"),
            (_, true) => format!("{base}/"),
            (_, false) => format!("{base}/{database}"),
        };
        Ok(Databases::Server { base, admin, backend })
    }

    /// SQLite files go to `dir` (which the caller keeps or removes); servers are unaffected.
    pub fn with_sqlite_dir(self, dir: &Path) -> Databases {
        match self {
            Databases::Sqlite { .. } => Databases::Sqlite { dir: Some(dir.to_path_buf()) },
            server => server,
        }
    }

    pub fn backend(&self) -> DbBackend {
        match self {
            Databases::Sqlite { .. } => DbBackend::Sqlite,
            Databases::Server { backend, .. } => *backend,
        }
    }

    pub fn name(&self) -> &'static str {
        match self.backend() {
            DbBackend::Sqlite => "SQLite",
            DbBackend::Postgres => "PostgreSQL",
            _ => "MariaDB/MySQL",
        }
    }

    /// Creates a fresh, empty database named `{prefix}_{random}`.
    pub async fn fresh(&self, prefix: &str) -> anyhow::Result<FreshDatabase> {
        let name = format!("{prefix}_{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
        match self {
            Databases::Sqlite { dir } => {
                let (folder, temp) = match dir {
                    Some(dir) => (dir.clone(), None),
                    None => {
                        let temp = tempfile::tempdir().context("a temporary folder for SQLite")?;
                        (temp.path().to_path_buf(), Some(temp))
                    }
                };
                let url = format!("sqlite://{}?mode=rwc", folder.join(format!("{name}.db")).display());
                Ok(FreshDatabase { url, server: None, _temp: temp })
            }
            Databases::Server { base, admin, .. } => {
                let conn = Database::connect(admin.as_str()).await.with_context(|| format!("cannot reach {admin}"))?;
                conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await.context("CREATE DATABASE")?;
                conn.close().await.ok();
                Ok(FreshDatabase { url: format!("{base}/{name}"), server: Some((admin.clone(), name)), _temp: None })
            }
        }
    }
}

/// A database of one test or run; a server database is dropped by [`drop_database`]
/// (FreshDatabase::drop_database) or, failing that, when this value is dropped.
pub struct FreshDatabase {
    pub url: String,
    /// The admin URL and the database's name, until it is dropped.
    server: Option<(String, String)>,
    _temp: Option<TempDir>,
}

impl FreshDatabase {
    /// The SQLite write-ahead log's file (`None` for a database server).
    pub fn sqlite_wal(&self) -> Option<PathBuf> {
        let path = self.url.strip_prefix("sqlite://")?.split('?').next()?;
        Some(PathBuf::from(format!("{path}-wal")))
    }

    /// Drops a server database now (SQLite files go with their folder).
    pub async fn drop_database(mut self) {
        if let Some((admin, name)) = self.server.take() {
            drop_server_database(&admin, &name).await;
        }
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        let Some((admin, name)) = self.server.take() else { return };
        // Drop runs outside async; a short-lived runtime on its own thread does the cleanup.
        let handle = std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                runtime.block_on(drop_server_database(&admin, &name));
            }
        });
        // Never wait long: an app the test left running may hold the database until this
        // thread lets the test's runtime go (its connections then close and the DROP runs).
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !handle.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

async fn drop_server_database(admin: &str, name: &str) {
    let Ok(conn) = Database::connect(admin).await else {
        eprintln!("warning: could not reach {admin} to drop database {name}");
        return;
    };
    let backend = conn.get_database_backend();
    if backend == DbBackend::MySql {
        conn.execute_unprepared("SET SESSION lock_wait_timeout = 60").await.ok();
        // Like PostgreSQL's FORCE: a server left running mid-transaction holds a metadata
        // lock the DROP would wait for, maybe on the very thread that must finish it.
        let sql = format!("SELECT id FROM information_schema.processlist WHERE db = '{name}'");
        let rows = conn.query_all_raw(Statement::from_string(backend, sql)).await.unwrap_or_default();
        for row in rows {
            if let Ok(id) = row.try_get::<u64>("", "id") {
                conn.execute_raw(Statement::from_string(backend, format!("KILL {id}"))).await.ok();
            }
        }
    }
    let sql = match backend {
        DbBackend::Postgres => format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        _ => format!("DROP DATABASE IF EXISTS {name}"),
    };
    if let Err(e) = conn.execute_raw(Statement::from_string(backend, sql)).await {
        eprintln!("warning: could not drop database {name}: {e}");
    }
    conn.close().await.ok();
}

#[cfg(test)]
mod tests {
    use super::Databases;

    fn parts(url: &str) -> (String, String) {
        match Databases::from_url(Some(url)).expect("a server URL") {
            Databases::Server { base, admin, .. } => (base, admin),
            Databases::Sqlite { .. } => panic!("{url} is a server"),
        }
    }

    #[test]
    fn a_server_url_gives_the_base_for_new_databases_and_where_to_create_them() {
        let pg = "postgres://postgres@127.0.0.1:5432";
        assert_eq!(parts(pg), (pg.to_owned(), format!("{pg}/postgres")));
        assert_eq!(parts(&format!("{pg}/")), (pg.to_owned(), format!("{pg}/postgres")));
        assert_eq!(parts(&format!("{pg}/bench?sslmode=disable")), (pg.to_owned(), format!("{pg}/bench")));
        let my = "mysql://root@127.0.0.1:3306";
        assert_eq!(parts("mariadb://root@127.0.0.1:3306"), (my.to_owned(), format!("{my}/")));
        assert!(Databases::from_url(Some("sqlite://x.db")).is_err());
        assert!(matches!(Databases::from_url(None), Ok(Databases::Sqlite { dir: None })));
        assert!(matches!(Databases::from_url(Some("")), Ok(Databases::Sqlite { dir: None })));
    }
}
