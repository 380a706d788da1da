//! A mailing as the API shows it: its text, its group, where its sending stands, and how many
//! of its mails are queued, sent and failed (read from the outbox), and skipped.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::{OutboxStatus, mailing};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::service::{CANCELLED, SCHEDULED};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct MailingCounts {
    /// Written and not yet out (pending, being sent, or waiting for a retry).
    pub queued: i64,
    pub sent: i64,
    /// Failed for good (the mail list says why; a failed mail can be sent again).
    pub failed: i64,
    /// In the group but not mailed: cancelled, declined, erased or without an email.
    pub skipped: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AudienceView {
    pub modes: Vec<String>,
    pub statuses: Vec<String>,
    pub attended: Option<bool>,
    /// Organization keys.
    pub organizations: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MailingView {
    pub id: Uuid,
    /// `scheduled`, `sending`, `sent` or `cancelled`.
    pub status: &'static str,
    /// Mails written; null until sending starts.
    pub recipients: Option<i64>,
    pub counts: MailingCounts,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub send_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    #[schema(value_type = Object)]
    pub subject: BTreeMap<String, String>,
    #[schema(value_type = Object)]
    pub body: BTreeMap<String, String>,
    pub to: AudienceView,
}

impl MailingView {
    /// `mailing` with the numbers of its mails by state.
    pub fn new(mailing: &mailing::Model, by_status: &[(OutboxStatus, i64)]) -> MailingView {
        let of = |wanted: &[OutboxStatus]| -> i64 {
            by_status.iter().filter(|(s, _)| wanted.contains(s)).map(|(_, n)| n).sum()
        };
        let counts = MailingCounts {
            queued: of(&[OutboxStatus::Pending, OutboxStatus::Sending, OutboxStatus::Deferred]),
            sent: of(&[OutboxStatus::Sent]),
            failed: of(&[OutboxStatus::Failed]),
            skipped: i64::from(mailing.skipped),
        };
        MailingView {
            id: mailing.id,
            status: status(mailing, &counts),
            recipients: mailing.recipients.map(i64::from),
            counts,
            created_by: mailing.created_by.clone(),
            created_at: mailing.created_at,
            send_at: mailing.send_at,
            started_at: mailing.started_at,
            subject: mailing.subject.0.clone(),
            body: mailing.body.0.clone(),
            to: AudienceView {
                modes: mailing.audience.modes.iter().map(|m| m.as_str().to_owned()).collect(),
                statuses: mailing.audience.statuses.iter().map(|s| s.as_str().to_owned()).collect(),
                attended: mailing.audience.attended,
                organizations: mailing.audience.organizations.clone(),
            },
        }
    }
}

/// `sent` once every recipient's mail is written and none is still on its way.
fn status(mailing: &mailing::Model, counts: &MailingCounts) -> &'static str {
    match mailing.status.as_str() {
        SCHEDULED => "scheduled",
        CANCELLED => "cancelled",
        _ if mailing.queued_at.is_some() && counts.queued == 0 => "sent",
        _ => "sending",
    }
}

/// Views of `mailings`, with their counts read in one query.
pub async fn views(
    db: &impl sea_orm::ConnectionTrait,
    mailings: &[mailing::Model],
) -> Result<Vec<MailingView>, sea_orm::DbErr> {
    let ids: Vec<Uuid> = mailings.iter().map(|m| m.id).collect();
    let counts = crate::mail::mailing_outbox::mailing_counts(db, &ids).await?;
    Ok(mailings
        .iter()
        .map(|m| {
            let mine: Vec<_> = counts.iter().filter(|(id, ..)| *id == m.id).map(|(_, s, n)| (*s, *n)).collect();
            MailingView::new(m, &mine)
        })
        .collect())
}

/// The view of one mailing, with its counts.
pub async fn view(db: &impl sea_orm::ConnectionTrait, mailing: &mailing::Model) -> Result<MailingView, sea_orm::DbErr> {
    let counts = crate::mail::mailing_outbox::mailing_counts(db, &[mailing.id]).await?;
    let mine: Vec<_> = counts.into_iter().map(|(_, status, n)| (status, n)).collect();
    Ok(MailingView::new(mailing, &mine))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailingList {
    pub items: Vec<MailingView>,
}

/// A mailing filled for one person.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewView {
    pub subject: String,
    pub body: String,
    /// The language of the text shown: the person's, or `en` when the mailing has none in it.
    pub language: String,
}
