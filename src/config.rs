//! Typed configuration. The command line reads it from the environment (see `cli`); tests
//! build it as a literal with [`Config::for_tests`]-style struct updates.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything `App::build` needs.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: SocketAddr,
    /// Absolute URL used in mails and links, without a trailing slash.
    pub base_url: String,
    pub mail: MailConfig,
    pub rate_limits: RateLimits,
    pub connections: ConnectionLimits,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub cors_origins: Vec<String>,
    /// Batch the frequent writes of concurrent requests into shared commits (see `db::GroupCommit`).
    pub group_commit: bool,
    /// How long `serve` waits for in-flight requests after SIGTERM.
    pub shutdown_grace: Duration,
    /// The key that seals registrants' secrets (`CONVENE_SECRET_KEY`, 32 bytes in base64); on
    /// SQLite without it, `<database file>.key`.
    pub secret_key: Option<String>,
}

#[derive(Clone)]
pub struct MailConfig {
    /// `smtp://…` / `smtps://…`; `None` writes `.eml` files to `outbox_dir`.
    pub smtp_url: Option<String>,
    pub from: String,
    pub outbox_dir: PathBuf,
    /// At most this many mails a second (protects the SMTP server); 0 is unlimited.
    pub per_second: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimits {
    /// Login attempts per minute per IP.
    pub login_per_ip_per_minute: u32,
    /// Failed logins per account per 15 minutes.
    pub login_failures_per_account: u32,
    /// Registrations per minute per IP; `None` is off (partners often share one address).
    pub register_per_ip_per_minute: Option<u32>,
}

/// Limits on connections, before any request is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// A connection that sends no complete request header within this time (a new one, or
    /// an idle keep-alive one) is closed.
    pub header_read_timeout: Duration,
    /// Open connections per client address; more are closed at once. Trusted proxies (which
    /// carry everyone's connections) are exempt.
    pub per_address: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits { header_read_timeout: Duration::from_secs(10), per_address: 512 }
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits { login_per_ip_per_minute: 10, login_failures_per_account: 5, register_per_ip_per_minute: None }
    }
}

impl Config {
    /// A configuration for the given database with every other setting at its default,
    /// listening on an OS-chosen port of 127.0.0.1.
    pub fn with_database(database_url: impl Into<String>) -> Config {
        Config {
            database_url: database_url.into(),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            base_url: String::new(),
            mail: MailConfig {
                smtp_url: None,
                from: "Convene <noreply@localhost>".into(),
                outbox_dir: PathBuf::from("mail-out"),
                per_second: 20,
            },
            rate_limits: RateLimits::default(),
            connections: ConnectionLimits::default(),
            trusted_proxies: Vec::new(),
            cors_origins: Vec::new(),
            group_commit: true,
            shutdown_grace: Duration::from_secs(8),
            secret_key: None,
        }
    }
}

/// Hides credentials inside a URL (`scheme://user:***@host…`).
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}:***{}", &url[..scheme_end], user, &url[at..])
        }
        _ => url.to_owned(),
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("base_url", &self.base_url)
            .field("mail", &self.mail)
            .field("rate_limits", &self.rate_limits)
            .field("connections", &self.connections)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("cors_origins", &self.cors_origins)
            .field("group_commit", &self.group_commit)
            .field("secret_key", &self.secret_key.as_ref().map(|_| "(set)"))
            .finish()
    }
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("from", &self.from)
            .field("outbox_dir", &self.outbox_dir)
            .field("per_second", &self.per_second)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_url_hides_the_password_but_keeps_the_host() {
        assert_eq!(redact_url("smtps://bob:hunter2@mail.example.org:465"), "smtps://bob:***@mail.example.org:465");
        assert_eq!(redact_url("sqlite://convene.db?mode=rwc"), "sqlite://convene.db?mode=rwc");
    }

    #[test]
    fn debug_output_never_contains_secrets() {
        let mut config = Config::with_database("postgres://app:s3cret@db/convene");
        config.mail.smtp_url = Some("smtp://u:p4ss@mail:587".into());
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret") && !shown.contains("p4ss"), "{shown}");
    }
}
