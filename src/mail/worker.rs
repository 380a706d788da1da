//! Mail delivery: claims due outbox rows, renders them from their typed message, sends, and
//! records the outcome. `jobs` runs it whenever the write door says mail was queued, and every
//! second for rows written by other instances. Several instances may deliver at once on
//! PostgreSQL or MariaDB.

use std::sync::Arc;
use std::time::Duration;

use entity::{OutboxStatus, outbox_email};
use futures_util::future::join_all;
use lettre::message::Mailbox;
use tokio::sync::watch;

use super::batch::Batch;
use super::compose::{MailContext, compose};
use super::composer::compose_off_runtime;
use super::outbox;
use super::sender::Sender;
use super::transport::{SendError, Transport};
use super::{Message, invitation};
use crate::db::{Db, Keep};
use crate::domain::now;

const BATCH: u64 = 64;
/// A delivery round stops after this, so the loop's other jobs (and due mailings) run between
/// rounds of a long mailing; the next round starts at once.
const ROUND: Duration = Duration::from_secs(10);
/// Mails sent at once when no send interval is set (lettre's pool keeps up to 10 connections).
const PARALLEL_SENDS: usize = 8;

pub struct MailWorker {
    pub db: Db,
    pub transport: Transport,
    pub from: Mailbox,
    pub base_url: String,
    /// Pause between two sends, protecting the SMTP server.
    pub send_interval: Duration,
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    /// The round stopped at its time limit: more may be due now.
    pub more: bool,
}

enum Outcome {
    Sent,
    Retry,
    Failed,
}

impl MailWorker {
    /// Sends due rows, batch by batch, for up to [`ROUND`]; `more` when rows may be left.
    pub async fn deliver_due(&self, shutdown: &watch::Receiver<bool>) -> Result<Round, sea_orm::DbErr> {
        let mut sent = 0;
        let started = std::time::Instant::now();
        loop {
            if started.elapsed() >= ROUND {
                return Ok(Round { sent, more: true });
            }
            let batch = outbox::claim(&self.db, BATCH, now()).await?;
            if batch.is_empty() {
                return Ok(Round { sent, more: false });
            }
            // Who the batch is from, read once: an identity changed meanwhile shows in the next.
            let sender = Arc::new(Sender::load(self.db.read(), &self.from).await?);
            // With a send interval the SMTP server is protected: one mail at a time.
            let parallel = if self.send_interval.is_zero() { PARALLEL_SENDS } else { 1 };
            for (i, group) in batch.chunks(parallel).enumerate() {
                // The send rate counts from each send's start: a mail that takes 40 ms to
                // hand over leaves 10 ms of pause at 20 mails/s, not 50.
                let next_slot = tokio::time::Instant::now() + self.send_interval;
                if *shutdown.borrow() {
                    let rest: Vec<_> = batch[i * parallel..].iter().map(|r| r.id).collect();
                    self.db
                        .write(move |txn| Box::pin(async move { outbox::release(txn, &rest, now()).await.map(Keep) }))
                        .await?;
                    return Ok(Round { sent, more: false });
                }
                // Read just before the group is built, so a mail shows the registration as it
                // is when it leaves (a group is one mail when a send rate is set).
                let loaded = Arc::new(Batch::read(&self.db, group).await?);
                let outcomes = join_all(group.iter().map(|row| self.deliver(row, &sender, &loaded))).await;
                // The group's sent mails are recorded in one write, before any error is
                // returned: a mail sent but not recorded would go out again after its lease.
                let sent_rows: Vec<_> = group
                    .iter()
                    .zip(&outcomes)
                    .filter(|(_, outcome)| matches!(outcome, Ok(Outcome::Sent)))
                    .map(|(row, _)| (row.id, row.kind.clone()))
                    .collect();
                if !sent_rows.is_empty() {
                    sent += sent_rows.len();
                    self.db
                        .write(move |txn| {
                            Box::pin(async move { outbox::mark_sent(txn, sent_rows, now()).await.map(Keep) })
                        })
                        .await?;
                }
                for outcome in outcomes {
                    outcome?;
                }
                if !self.send_interval.is_zero() {
                    tokio::time::sleep_until(next_slot).await;
                }
            }
        }
    }

    /// Builds and sends one mail and records a failure; a sent mail is recorded by the caller.
    async fn deliver(
        &self,
        row: &outbox_email::Model,
        sender: &Arc<Sender>,
        loaded: &Arc<Batch>,
    ) -> Result<Outcome, sea_orm::DbErr> {
        let kind = row.kind.as_str();
        let composed = match self.load_and_compose(row, sender, loaded).await? {
            Ok(c) => c,
            Err(err) if err.is::<ErasedRecipient>() => {
                // Erasure drops this row in its second step; nothing went wrong.
                tracing::info!(mail = %row.id, kind, "mail to an erased registration not sent");
                self.record_failure(row, err.to_string(), true).await?;
                return Ok(Outcome::Failed);
            }
            Err(err) => {
                tracing::error!(mail = %row.id, kind, error = %format!("{err:#}"), "cannot build mail; marked failed");
                self.record_failure(row, format!("cannot build mail: {err:#}"), true).await?;
                metrics::counter!("convene_mails_failed_total", "kind" => row.kind.clone()).increment(1);
                return Ok(Outcome::Failed);
            }
        };
        match self.transport.send(&composed.message, &row.id.to_string()).await {
            Ok(()) => {
                tracing::info!(mail = %row.id, kind, attempt = row.attempts, "mail sent");
                metrics::counter!("convene_mails_sent_total", "kind" => row.kind.clone()).increment(1);
                Ok(Outcome::Sent)
            }
            Err(err) => {
                let permanent = matches!(err, SendError::Permanent(_));
                let status = self.record_failure(row, err.to_string(), permanent).await?;
                if status == OutboxStatus::Failed {
                    tracing::error!(mail = %row.id, kind, attempt = row.attempts, error = %err, "mail failed for good");
                    metrics::counter!("convene_mails_failed_total", "kind" => row.kind.clone()).increment(1);
                    Ok(Outcome::Failed)
                } else {
                    tracing::warn!(mail = %row.id, kind, attempt = row.attempts, error = %err, "mail not sent; will retry");
                    Ok(Outcome::Retry)
                }
            }
        }
    }

    async fn record_failure(
        &self,
        row: &outbox_email::Model,
        error: String,
        permanent: bool,
    ) -> Result<OutboxStatus, sea_orm::DbErr> {
        let row = row.clone();
        self.db
            .write(move |txn| {
                Box::pin(
                    async move { outbox::mark_attempt_failed(txn, &row, &error, permanent, now()).await.map(Keep) },
                )
            })
            .await
    }

    async fn load_and_compose(
        &self,
        row: &outbox_email::Model,
        sender: &Arc<Sender>,
        loaded: &Arc<Batch>,
    ) -> Result<anyhow::Result<super::compose::Composed>, sea_orm::DbErr> {
        // Dispatched on the typed message; a payload that no longer decodes fails for good.
        let message = match loaded.message(row) {
            Ok(message) => message,
            Err(err) => return Ok(Err(anyhow::anyhow!("unreadable mail payload: {err}"))),
        };
        if let Message::Invitation { invitation_id } = message {
            return invitation::load_and_compose(&self.db, row, invitation_id, &self.base_url, sender).await;
        }
        if let Message::TransferNotice { email, first_name, colleague } = &message {
            let notice = super::transfer::Notice { email, first_name, colleague };
            return super::transfer::load_and_compose(&self.db, row, notice, &self.base_url, sender).await;
        }
        // The rest is built from the group's rows alone, on the composing thread.
        let (row, loaded, sender, base_url) = (row.clone(), loaded.clone(), sender.clone(), self.base_url.clone());
        let composed =
            compose_off_runtime(move || compose_from_batch(&row, message, &loaded, &sender, &base_url)).await;
        Ok(composed.unwrap_or_else(|| Err(anyhow::anyhow!("composing this mail failed unexpectedly"))))
    }
}

/// Builds a mail whose data the group read: a registrant's mail, a mailing's, a mailing test.
fn compose_from_batch(
    row: &outbox_email::Model,
    message: Message,
    loaded: &Batch,
    sender: &Sender,
    base_url: &str,
) -> anyhow::Result<super::compose::Composed> {
    if let Message::MailingTest { email, subject, body, shown_as } = &message {
        let Some(event) = loaded.events.get(&row.event_id) else {
            return Err(anyhow::anyhow!("event {} no longer exists", row.event_id));
        };
        let rendered =
            super::mailing::Rendered { subject: subject.clone(), body: body.clone(), language: row.language };
        let frame = super::mailing::Frame { row, event, base_url, sender };
        return super::mailing::compose_test(frame, &rendered, shown_as, email);
    }
    let Some(registration_id) = row.registration_id else {
        return Err(anyhow::anyhow!("mail has no registration"));
    };
    let Some(registration) = loaded.registrations.get(&registration_id) else {
        return Err(anyhow::anyhow!("registration {registration_id} no longer exists"));
    };
    if registration.is_erased() {
        return Err(ErasedRecipient.into());
    }
    let Some(event) = loaded.events.get(&row.event_id) else {
        return Err(anyhow::anyhow!("event {} no longer exists", row.event_id));
    };
    if let Message::Mailing { mailing_id } = message {
        let Some(mailing) = loaded.mailings.get(&mailing_id) else {
            return Err(anyhow::anyhow!("mailing {mailing_id} no longer exists"));
        };
        let frame = super::mailing::Frame { row, event, base_url, sender };
        return super::mailing::compose(frame, mailing, registration);
    }
    compose(MailContext { row, message, registration, event, base_url, sender })
}

/// The mail's registration was erased after the mail was queued.
#[derive(Debug, thiserror::Error)]
#[error("the registration's personal data was erased")]
struct ErasedRecipient;
