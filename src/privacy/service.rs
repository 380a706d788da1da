//! Erasure as the API, the pages and the retention job run it: in a transaction of its own,
//! then the erased mails' `.eml` files deleted and the space reclaimed.

use std::path::Path;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::audit::Action;
use super::erasure::{self, Erased, ErasedBy};
use crate::db::{Db, Keep};
use crate::history::Actor;
use crate::registrations::service::{RegistrationError, find_by_manage_token};

/// Whose data: a registration an organizer picked, or the registrant's own (by manage token).
#[derive(Debug, Clone)]
pub enum Person {
    Id(Uuid),
    Token(String),
}

/// Erases one person's registration; `NotFound` for an unknown (or already erased) token.
pub async fn erase_person(
    db: &Db,
    mail_dir: &Path,
    person: Person,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<u64, RegistrationError> {
    let erased = db
        .write_alone(move |txn| {
            Box::pin(async move {
                let id = match &person {
                    Person::Id(id) => *id,
                    Person::Token(token) => {
                        find_by_manage_token(txn, token).await?.ok_or(RegistrationError::NotFound)?.0.id
                    }
                };
                let by = ErasedBy { actor: &actor, action: Action::ErasePerson };
                erasure::erase_registration(txn, id, by, now).await.map(Keep)
            })
        })
        .await?;
    Ok(after(db, mail_dir, erased).await)
}

/// Erases every registration of an event: an organizer's request (`EraseEvent`) or the
/// retention job's (`RetentionErase`).
pub async fn erase_event(
    db: &Db,
    mail_dir: &Path,
    event_id: Uuid,
    by: (Actor, Action),
    now: DateTime<Utc>,
) -> Result<u64, RegistrationError> {
    let erased = db
        .write_alone(move |txn| {
            Box::pin(async move {
                let by = ErasedBy { actor: &by.0, action: by.1 };
                erasure::erase_event(txn, event_id, by, now).await.map(Keep)
            })
        })
        .await?;
    Ok(after(db, mail_dir, erased).await)
}

/// After the first step commits: the second step (mails, uploads, contacts) in transactions
/// of its own, again while the mail worker holds some of the rows; then the mails' files
/// deleted and the space reclaimed.
async fn after(db: &Db, mail_dir: &Path, erased: Erased) -> u64 {
    scrub(db, mail_dir, &erased.leftovers).await;
    if erased.registrations > 0 {
        db.reclaim_after_erasure();
    }
    erased.registrations
}

/// The second step of an erasure (or of a transfer, for the former holder), after the first
/// committed: mails and uploads emptied in transactions of their own, again while the mail
/// worker holds some of the rows, then the mails' files deleted.
pub async fn scrub(db: &Db, mail_dir: &Path, leftovers: &super::erasure::Leftovers) {
    let skip_locked = db.backend() != sea_orm::DbBackend::Sqlite;
    let mut mail_ids = Vec::new();
    for attempt in 1..=ATTEMPTS {
        let left = leftovers.clone();
        let step = db
            .write_alone(move |txn| {
                Box::pin(async move { erasure::scrub_leftovers(txn, &left, skip_locked).await.map(Keep) })
            })
            .await;
        match step {
            Ok((ids, complete)) => {
                mail_ids.extend(ids);
                if complete {
                    break;
                }
            }
            Err(err) => tracing::warn!(error = %err, attempt, "erasing mails and uploads failed; trying again"),
        }
        if attempt == ATTEMPTS {
            tracing::error!(event = %leftovers.event_id, "some mails of erased people could not be emptied; erase again to finish");
        } else {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
    erasure::delete_mail_files(mail_dir, &mail_ids).await;
}

/// How often the second step tries while the mail worker holds rows (a send takes seconds).
const ATTEMPTS: u32 = 50;
