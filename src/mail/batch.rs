//! What a group of mails sent together is built from, read once for the group: its
//! registrations, events and mailings, one query each. Read per mail, they were up to three
//! queries a mail through the pool, for rows that mostly share one event and one mailing.

use std::collections::HashMap;

use entity::{event, mailing, outbox_email, registration};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::Message;
use crate::db::Db;

pub struct Batch {
    /// Each row's typed message, or why its payload no longer decodes.
    messages: HashMap<Uuid, Result<Message, String>>,
    pub registrations: HashMap<Uuid, registration::Model>,
    pub events: HashMap<Uuid, event::Model>,
    pub mailings: HashMap<Uuid, mailing::Model>,
}

impl Batch {
    /// Reads what `rows` refer to, as it is now (after the rows were claimed).
    pub async fn read(db: &Db, rows: &[outbox_email::Model]) -> Result<Batch, DbErr> {
        let messages: HashMap<Uuid, Result<Message, String>> = rows
            .iter()
            .map(|row| (row.id, serde_json::from_value(row.payload.clone()).map_err(|e| e.to_string())))
            .collect();
        let registration_ids = distinct(rows.iter().filter_map(|row| row.registration_id));
        let event_ids = distinct(rows.iter().map(|row| row.event_id));
        let mailing_ids = distinct(messages.values().filter_map(|message| match message {
            Ok(Message::Mailing { mailing_id }) => Some(*mailing_id),
            _ => None,
        }));
        let registrations = if registration_ids.is_empty() {
            Vec::new()
        } else {
            registration::Entity::find().filter(registration::Column::Id.is_in(registration_ids)).all(db.read()).await?
        };
        let events = event::Entity::find().filter(event::Column::Id.is_in(event_ids)).all(db.read()).await?;
        let mailings = if mailing_ids.is_empty() {
            Vec::new()
        } else {
            mailing::Entity::find().filter(mailing::Column::Id.is_in(mailing_ids)).all(db.read()).await?
        };
        Ok(Batch {
            messages,
            registrations: registrations.into_iter().map(|r| (r.id, r)).collect(),
            events: events.into_iter().map(|e| (e.id, e)).collect(),
            mailings: mailings.into_iter().map(|m| (m.id, m)).collect(),
        })
    }

    /// The typed message of `row`, or why its payload no longer decodes.
    pub fn message(&self, row: &outbox_email::Model) -> Result<Message, String> {
        self.messages.get(&row.id).cloned().unwrap_or_else(|| Err("the row is not in this batch".to_owned()))
    }
}

fn distinct(ids: impl Iterator<Item = Uuid>) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
