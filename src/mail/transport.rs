//! Where mails go: an SMTP server through lettre, or `.eml` files when `SMTP_URL` is unset.

use std::path::PathBuf;
use std::time::Duration;

use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// SMTP commands give up after this, so `serve` still stops within 10 s of SIGTERM.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
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
        match smtp_url {
            Some(url) => {
                let transport: AsyncSmtpTransport<Tokio1Executor> = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("SMTP_URL is not a valid SMTP URL: {e}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Ok(Transport::Smtp(transport))
            }
            None => Ok(Transport::Files(folder)),
        }
    }

    /// Sends `message`; for files, writes `<file_stem>.eml`.
    pub async fn send(&self, message: &lettre::Message, file_stem: &str) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => {
                let non_ascii = message.envelope().to().iter().any(|a| !AsRef::<str>::as_ref(a).is_ascii());
                match smtp.send(message.clone()).await {
                    Ok(_) => {
                        if non_ascii {
                            crate::domain::EmailAddress::note_smtputf8(true);
                        }
                        Ok(())
                    }
                    // lettre refuses, before sending, an address the server cannot take.
                    Err(e) if non_ascii && e.is_client() && e.to_string().contains("SMTPUTF8") => {
                        crate::domain::EmailAddress::note_smtputf8(false);
                        Err(SendError::Permanent(NO_SMTPUTF8.to_owned()))
                    }
                    Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
                    Err(e) => Err(SendError::Transient(e.to_string())),
                }
            }
            Transport::Files(folder) => {
                tokio::fs::create_dir_all(folder)
                    .await
                    .map_err(|e| SendError::Transient(format!("cannot create {}: {e}", folder.display())))?;
                let path = folder.join(format!("{file_stem}.eml"));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| SendError::Transient(format!("cannot write {}: {e}", path.display())))
            }
        }
    }
}
