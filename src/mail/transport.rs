//! Where mails go: an SMTP server, or `.eml` files when `SMTP_URL` is unset.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::smtp::{Connections, SmtpError, SmtpServer};

/// SMTP commands give up after this, so `serve` still stops within 10 s of SIGTERM.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub enum Transport {
    /// `smtp://`: connections of our own with `TCP_NODELAY` (`mail/smtp.rs` says why).
    Smtp(Arc<Connections>),
    /// `smtps://`: lettre's transport and pool.
    Smtps(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why a send failed: a permanent rejection (e.g. 550 unknown recipient) is not retried.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("permanent: {0}")]
    Permanent(String),
    #[error("{0}")]
    Transient(String),
}

/// Why a mail to an address with non-ASCII characters before the `@` failed.
pub const NO_SMTPUTF8: &str = "the address has non-ASCII characters before the @ and the mail server does not accept such addresses (it does not offer SMTPUTF8); ask the person for another address";

impl Transport {
    /// `smtp://host:port` (plain), `smtp://host:587?tls=required` (STARTTLS),
    /// `smtps://user:pass@host:465` (implicit TLS); `None` writes files to `folder`.
    pub fn new(smtp_url: Option<&str>, folder: PathBuf) -> anyhow::Result<Transport> {
        let Some(url) = smtp_url else { return Ok(Transport::Files(folder)) };
        let invalid = |e: &dyn std::fmt::Display| anyhow::anyhow!("SMTP_URL is not a valid SMTP URL: {e}");
        // lettre checks the URL (and its TLS settings) in every case, as before.
        let lettre = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| invalid(&e))?;
        match SmtpServer::from_url(url).map_err(|e| invalid(&e))? {
            Some(server) => Ok(Transport::Smtp(Arc::new(Connections::new(server, SMTP_TIMEOUT)))),
            None => Ok(Transport::Smtps(lettre.timeout(Some(SMTP_TIMEOUT)).build())),
        }
    }

    /// Sends `message`; for files, writes `<file_stem>.eml`.
    pub async fn send(&self, message: &lettre::Message, file_stem: &str) -> Result<(), SendError> {
        let non_ascii = || message.envelope().to().iter().any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        let sent = match self {
            Transport::Smtp(connections) => connections.send(message.envelope(), &message.formatted()).await,
            Transport::Smtps(smtp) => smtp.send(message.clone()).await.map(|_| ()).map_err(SmtpError::Smtp),
            Transport::Files(folder) => return write_file(folder, message, file_stem).await,
        };
        match sent {
            Ok(()) => {
                if non_ascii() {
                    crate::domain::EmailAddress::note_smtputf8(true);
                }
                Ok(())
            }
            // lettre refuses, before sending, an address the server cannot take.
            Err(SmtpError::Smtp(e)) if non_ascii() && e.is_client() && e.to_string().contains("SMTPUTF8") => {
                crate::domain::EmailAddress::note_smtputf8(false);
                Err(SendError::Permanent(NO_SMTPUTF8.to_owned()))
            }
            Err(SmtpError::Smtp(e)) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Err(e) => Err(SendError::Transient(e.to_string())),
        }
    }
}

async fn write_file(folder: &std::path::Path, message: &lettre::Message, file_stem: &str) -> Result<(), SendError> {
    tokio::fs::create_dir_all(folder)
        .await
        .map_err(|e| SendError::Transient(format!("cannot create {}: {e}", folder.display())))?;
    let path = folder.join(format!("{file_stem}.eml"));
    tokio::fs::write(&path, message.formatted())
        .await
        .map_err(|e| SendError::Transient(format!("cannot write {}: {e}", path.display())))
}
