//! `App::build` connects, migrates, builds the state and router and binds the listener;
//! `run_until_stopped` serves until the shutdown signal. Tests use exactly this, on port 0.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use lettre::message::Mailbox;
use tokio::net::TcpListener;

use crate::config::{Config, redact_url};
use crate::db::Db;
use crate::jobs::Jobs;
use crate::mail::transport::Transport;
use crate::mail::worker::MailWorker;
use crate::web::AppState;
use crate::web::client::{IpRateLimit, LoginThrottle, RateLimit};

pub struct App {
    listener: TcpListener,
    state: AppState,
    jobs: Jobs,
}

/// What is still a placeholder when real mail goes out: partners would get mail from
/// `noreply@localhost`, or links to this machine's loopback address.
pub fn mail_setup_warnings(from: &Mailbox, base_url: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    let domain = from.email.domain().to_ascii_lowercase();
    if domain == "localhost" || domain.ends_with(".localhost") || domain.ends_with(".local") {
        warnings.push(format!("MAIL_FROM is {}: set the address partners' mail comes from", from.email));
    }
    let host = base_url.split("://").nth(1).unwrap_or("").split(['/', ':']).next().unwrap_or("");
    let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if loopback {
        warnings.push(format!(
            "CONVENE_BASE_URL is {base_url}: the links in mails would point at this machine; set the public address"
        ));
    }
    warnings
}

impl App {
    pub async fn build(config: Config) -> anyhow::Result<App> {
        if config.bind.ip().is_unspecified() && config.base_url.is_empty() {
            anyhow::bail!(
                "CONVENE_BIND is {} (all interfaces) but CONVENE_BASE_URL is not set: set it to the address partners use, e.g. https://events.example.org",
                config.bind
            );
        }
        let from: Mailbox = config
            .mail
            .from
            .parse()
            .with_context(|| format!("MAIL_FROM {:?} is not a mail address", config.mail.from))?;
        let transport = Transport::new(config.mail.smtp_url.as_deref(), config.mail.outbox_dir.clone())?;
        crate::secrets::install_for(&config.database_url, config.secret_key.as_deref())?;
        let mut db = Db::connect(&config.database_url).await?;
        if !config.group_commit {
            db = db.without_group_commit();
        }
        db.migrate().await?;
        crate::db::upgrade::seal_secrets(&db).await?;
        crate::registrations::upgrade::normalize_emails(&db).await?;
        crate::seats::organizations::fill_keys(&db).await?;
        let listener =
            TcpListener::bind(config.bind).await.with_context(|| format!("cannot listen on {}", config.bind))?;
        let address = listener.local_addr()?;
        let base_url = if config.base_url.is_empty() {
            format!("http://{address}")
        } else {
            config.base_url.trim_end_matches('/').to_owned()
        };
        if config.mail.smtp_url.is_none() {
            tracing::warn!(folder = %config.mail.outbox_dir.display(), "SMTP_URL is not set: mails are written as .eml files");
        } else {
            for warning in mail_setup_warnings(&from, &base_url) {
                tracing::warn!("{warning}");
            }
        }
        tracing::info!(database = %redact_url(&config.database_url), %address, %base_url, "Convene ready");
        let register_limit =
            config.rate_limits.register_per_ip_per_minute.map(|n| Arc::new(IpRateLimit::per_minute(n)));
        let login_throttle = Arc::new(LoginThrottle::new(
            config.rate_limits.login_per_ip_per_minute,
            config.rate_limits.login_failures_per_account,
        ));
        let state = AppState {
            db,
            config: Arc::new(config),
            base_url: base_url.into(),
            metrics: crate::telemetry::metrics_handle(),
            register_limit,
            login_throttle,
            desk_search_limit: Arc::new(RateLimit::per_minute(crate::check_in::search::SEARCHES_PER_MINUTE)),
            event_pages: Arc::default(),
            branding: Arc::default(),
        };
        let mailer = MailWorker {
            db: state.db.clone(),
            transport,
            from,
            base_url: state.base_url.to_string(),
            send_interval: match state.config.mail.per_second {
                0 => Duration::ZERO,
                n => Duration::from_secs(1) / n,
            },
        };
        let jobs = Jobs { db: state.db.clone(), mailer, mail_dir: state.config.mail.outbox_dir.clone() };
        Ok(App { listener, state, jobs })
    }

    pub fn address(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or_else(|_| self.state.config.bind)
    }

    pub fn base_url(&self) -> &str {
        &self.state.base_url
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves; then in-flight requests get the configured grace
    /// period (8 s by default) to finish, so the process exits within 10 s.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let App { listener, state, jobs } = self;
        let grace = state.config.shutdown_grace;
        let router = crate::routes::router(state.clone());
        let (stop, jobs_stop) = tokio::sync::watch::channel(false);
        let mut background = tokio::spawn(jobs.run(jobs_stop));
        let limits = state.config.connections.clone();
        let trusted = state.config.trusted_proxies.clone();
        let stop_serving = async move {
            shutdown.await;
            tracing::info!("shutting down: finishing in-flight requests");
            stop.send(true).ok();
        };
        crate::web::server::serve(listener, router, limits, trusted, stop_serving, grace).await;
        // The jobs stop between two mails; a send in flight gets a moment, then is cut off
        // (its row stays leased and is retried after the lease).
        if tokio::time::timeout(Duration::from_secs(1), &mut background).await.is_err() {
            background.abort();
            tracing::warn!("mail worker stopped mid-send; that mail will be retried");
        }
        state.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_named_before_real_mail_goes_out() {
        let local: Mailbox = "Convene <noreply@localhost>".parse().unwrap_or_else(|e| panic!("{e}"));
        let real: Mailbox = "IOM <partners@iom.example>".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mail_setup_warnings(&local, "http://127.0.0.1:8080").len(), 2);
        assert_eq!(mail_setup_warnings(&real, "http://localhost:8080").len(), 1);
        assert!(mail_setup_warnings(&real, "https://events.iom.example").is_empty());
    }
}
