//! An event's mails as organizers list them: newest first, in pages with a cursor, each with
//! the address it went to.

use std::collections::HashMap;

use entity::{OutboxStatus, outbox_email, registration};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// One page of mails with their recipients' addresses, and the cursor of the next page.
pub struct MailPage {
    pub items: Vec<(outbox_email::Model, Option<String>)>,
    pub next_cursor: Option<Uuid>,
}

/// Up to `limit` of the event's mails older than `before` (all when `None`), in `status` when
/// given.
pub async fn list(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    status: Option<OutboxStatus>,
    before: Option<Uuid>,
    limit: u64,
) -> Result<MailPage, DbErr> {
    let mut select = outbox_email::Entity::find()
        .filter(outbox_email::Column::EventId.eq(event_id))
        .order_by_desc(outbox_email::Column::Id)
        .limit(limit + 1);
    if let Some(status) = status {
        select = select.filter(outbox_email::Column::Status.eq(status));
    }
    if let Some(cursor) = before {
        select = select.filter(outbox_email::Column::Id.lt(cursor));
    }
    let mut rows = select.all(db).await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let ids: Vec<Uuid> = rows.iter().filter_map(|r| r.registration_id).collect();
    let emails: HashMap<Uuid, String> = registration::Entity::find()
        .select_only()
        .column(registration::Column::Id)
        .column(registration::Column::Email)
        .filter(registration::Column::Id.is_in(ids))
        .into_tuple::<(Uuid, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        // An erased registration has no address left.
        .filter_map(|(id, email)| Some((id, email.filter(|e| !e.is_empty())?)))
        .collect();
    let items = rows
        .into_iter()
        .map(|row| {
            let recipient = row.registration_id.and_then(|id| emails.get(&id).cloned());
            (row, recipient)
        })
        .collect();
    Ok(MailPage { items, next_cursor })
}
