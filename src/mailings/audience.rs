//! Who a mailing goes to: the event's registrations matching its filters, as one SQL
//! condition (the compose page counts with it, sending walks it in chunks). Attendance is
//! counted as stats count it: an active check-in (an undone one is not) or a join, imported
//! joins included. In the group, cancelled and declined registrations, erased ones and those
//! without an address are not mailed: they are skipped, and counted.

use chrono::{DateTime, Utc};
use entity::json::MailingAudience;
use entity::registration::{self, Column};
use entity::{Language, RegistrationStatus, checkin, online_join};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::input::Audience;

/// The group's keys: each organization given by name or key becomes the key its
/// registrations carry (merged spellings resolve to their target).
pub async fn resolve(db: &impl ConnectionTrait, event_id: Uuid, audience: &Audience) -> Result<MailingAudience, DbErr> {
    let mut organizations = Vec::with_capacity(audience.organizations.len());
    for name in &audience.organizations {
        let key = crate::seats::organizations::key_at(db, event_id, name).await?;
        if !organizations.contains(&key) {
            organizations.push(key);
        }
    }
    Ok(MailingAudience {
        modes: audience.modes.clone(),
        statuses: audience.statuses.clone(),
        attended: audience.attended,
        organizations,
    })
}

/// The registrations of `event_id` in the group.
pub fn condition(event_id: Uuid, audience: &MailingAudience) -> Condition {
    let mut all = Condition::all().add(Column::EventId.eq(event_id));
    if !audience.modes.is_empty() {
        all = all.add(Column::Mode.is_in(audience.modes.iter().copied()));
    }
    if !audience.statuses.is_empty() {
        all = all.add(Column::Status.is_in(audience.statuses.iter().copied()));
    }
    if !audience.organizations.is_empty() {
        all = all.add(Column::OrganizationKey.is_in(audience.organizations.iter().cloned()));
    }
    let checked_in = Query::select()
        .column(checkin::Column::ActiveRegistrationId)
        .from(checkin::Entity)
        .and_where(checkin::Column::EventId.eq(event_id))
        .and_where(checkin::Column::ActiveRegistrationId.is_not_null())
        .to_owned();
    let joined = Query::select()
        .column(online_join::Column::RegistrationId)
        .from(online_join::Entity)
        .and_where(online_join::Column::EventId.eq(event_id))
        .to_owned();
    match audience.attended {
        Some(true) => {
            all.add(Condition::any().add(Column::Id.in_subquery(checked_in)).add(Column::Id.in_subquery(joined)))
        }
        Some(false) => all.add(Column::Id.not_in_subquery(checked_in)).add(Column::Id.not_in_subquery(joined)),
        None => all,
    }
}

/// Of the group, those who get the mail.
fn mailable() -> Condition {
    Condition::all()
        .add(Column::Status.is_in(RegistrationStatus::OPEN))
        .add(Column::ErasedAt.is_null())
        .add(Column::Email.is_not_null())
        .add(Column::Email.ne(""))
}

/// How many of the group get the mail, and how many are skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub recipients: u64,
    pub skipped: u64,
}

pub async fn tally(db: &impl ConnectionTrait, event_id: Uuid, audience: &MailingAudience) -> Result<Tally, DbErr> {
    let group = registration::Entity::find().filter(condition(event_id, audience));
    let all = group.clone().count(db).await?;
    let recipients = group.filter(mailable()).count(db).await?;
    Ok(Tally { recipients, skipped: all.saturating_sub(recipients) })
}

/// One registration of the group, as sending sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: Uuid,
    pub language: Language,
    pub mailed: bool,
}

/// The next `limit` registrations of the group after `after` (by id), made by `made_by`: the
/// recipients are those who had registered when sending started.
pub async fn next_chunk(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    audience: &MailingAudience,
    after: Option<Uuid>,
    made_by: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Candidate>, DbErr> {
    let mut query = registration::Entity::find()
        .select_only()
        .columns([Column::Id, Column::Language, Column::Status, Column::Email, Column::ErasedAt])
        .filter(condition(event_id, audience))
        .filter(Column::CreatedAt.lte(made_by))
        .order_by_asc(Column::Id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(Column::Id.gt(after));
    }
    type Row = (Uuid, Language, RegistrationStatus, Option<String>, Option<DateTime<Utc>>);
    let rows: Vec<Row> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(id, language, status, email, erased_at)| Candidate {
            id,
            language,
            mailed: status.is_open() && erased_at.is_none() && email.is_some_and(|e| !e.is_empty()),
        })
        .collect())
}

/// The group's registrations, for the compose page's "preview as": up to `limit`, by name.
pub async fn sample(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    audience: &MailingAudience,
    limit: u64,
) -> Result<Vec<registration::Model>, DbErr> {
    registration::Entity::find()
        .filter(condition(event_id, audience))
        .filter(mailable())
        .order_by_asc(Column::LastName)
        .order_by_asc(Column::FirstName)
        .limit(limit)
        .all(db)
        .await
}
