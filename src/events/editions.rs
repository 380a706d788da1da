//! Next year's edition from this year's: copy an event (texts, questions, programme, seats,
//! door settings; no people), and invite the people of an earlier edition to the new one.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use entity::{EventStatus, RegistrationStatus, checkin, door_setting, event, invitation, online_join, registration};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

use super::input::EventInput;
use super::service::{self, EventError};
use super::view::{EventView, in_zone, zone};
use crate::contacts::service as contacts;
use crate::db::FetchUnique;
use crate::domain::EmailAddress;
use crate::error::{FieldError, FieldErrors};
use crate::imports::invitations::{self, Invitee};
use crate::seats::lock_event;

/// `POST /api/v1/events/{id}/copy`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CopyInput {
    /// RFC 3339 with offset.
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// Default: the same title.
    pub title: Option<String>,
    /// Default: made from the title, unique.
    pub slug: Option<String>,
}

/// `POST /api/v1/events/{id}/invite-previous`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct InvitePreviousInput {
    pub from_event_id: Option<String>,
    /// Only those who checked in or joined online (default `true`).
    pub attended_only: Option<bool>,
}

fn instant(raw: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw?.trim()).ok().map(|t| t.with_timezone(&Utc))
}

/// Copies `source_id` into a new draft at the given times: `registration_closes_at` and the
/// programme move with the start. The copy is checked like any new event.
pub async fn copy(
    db: &impl ConnectionTrait,
    source_id: Uuid,
    input: CopyInput,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<event::Model, EventError> {
    let source = service::get(db, source_id).await?;
    let mut document = serde_json::to_value(EventView::from(&source)).unwrap_or_default();
    let shift = instant(input.starts_at.as_deref()).map(|start| start - source.starts_at);
    let moved = |t: DateTime<Utc>| in_zone(t + shift.unwrap_or_else(Duration::zero), zone(&source));
    document["starts_at"] = json!(input.starts_at);
    document["ends_at"] = json!(input.ends_at);
    document["registration_closes_at"] = json!(source.registration_closes_at.map(moved));
    document["programme"] = Value::Array(
        source
            .programme
            .0
            .iter()
            .map(|item| {
                json!({"starts_at": moved(item.starts_at), "ends_at": item.ends_at.map(moved),
                    "title": item.title, "speakers": item.speakers})
            })
            .collect(),
    );
    document["status"] = json!("draft");
    document["slug"] = json!(input.slug);
    if let Some(title) = input.title {
        document["title"] = json!(title);
    }
    let parsed: EventInput = serde_json::from_value(document).map_err(|e| {
        EventError::Invalid(FieldErrors::one("body", FieldError::new("invalid_value").with("detail", e)))
    })?;
    let spec = parsed.parse().map_err(EventError::Invalid)?;
    let copy = service::create(db, spec, by, now).await?;
    if let Some(door) = door_setting::Entity::find_by_id(source.id).unique(db).await? {
        let row = door_setting::Model { event_id: copy.id, updated_at: now, ..door };
        door_setting::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    }
    Ok(copy)
}

/// Whom to invite: who came (or registered) to `from`, then the contacts who asked to be
/// invited, one per address, skipping anyone registered or invited here already and anyone
/// who stopped invitations.
async fn candidates(
    db: &impl ConnectionTrait,
    target: &event::Model,
    from: &event::Model,
    attended_only: bool,
) -> Result<Vec<Invitee>, DbErr> {
    let mut query = registration::Entity::find()
        .filter(registration::Column::EventId.eq(from.id))
        .filter(registration::Column::Status.is_in(RegistrationStatus::PLACED))
        .order_by_asc(registration::Column::Id);
    if attended_only {
        let checked_in = checkin::Entity::find()
            .select_only()
            .column(checkin::Column::RegistrationId)
            .filter(checkin::Column::EventId.eq(from.id))
            .filter(checkin::Column::UndoneAt.is_null())
            .into_query();
        let joined = online_join::Entity::find()
            .select_only()
            .column(online_join::Column::RegistrationId)
            .filter(online_join::Column::EventId.eq(from.id))
            .into_query();
        query = query.filter(
            sea_orm::Condition::any()
                .add(registration::Column::Id.in_subquery(checked_in))
                .add(registration::Column::Id.in_subquery(joined)),
        );
    }
    let previous = query.all(db).await?;
    let registered: HashSet<String> = registration::Entity::find()
        .filter(registration::Column::EventId.eq(target.id))
        .filter(registration::Column::ActiveEmail.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.email)
        .collect();
    let mut seen: HashSet<String> = invitation::Entity::find()
        .filter(invitation::Column::EventId.eq(target.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.email)
        .chain(registered)
        .collect();

    // Erased registrations have no address left: `filter_map` passes them by.
    let people = previous.into_iter().filter_map(|r| {
        Some((r.email?, r.first_name.unwrap_or_default(), r.last_name.unwrap_or_default(), r.organization, r.language))
    });
    let contacts =
        contacts::all(db).await?.into_iter().map(|c| (c.email, c.first_name, c.last_name, c.organization, c.language));
    let mut invitees = Vec::new();
    for (email, first_name, last_name, organization, language) in people.chain(contacts) {
        let Ok(address) = EmailAddress::parse(&email) else { continue };
        if !seen.insert(address.as_str().to_owned()) || contacts::opted_out(db, address.as_str()).await? {
            continue;
        }
        invitees.push(Invitee { email: address, first_name, last_name, organization, language, mode: None });
    }
    Ok(invitees)
}

/// Invites the people of `input.from_event_id` (and the contacts) to `target_id`; returns how
/// many were invited. Runs under the target's lock, so two requests never invite one person
/// twice.
pub async fn invite_previous(
    db: &impl ConnectionTrait,
    target_id: Uuid,
    input: InvitePreviousInput,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<usize, EventError> {
    let from_id = input.from_event_id.as_deref().and_then(|raw| Uuid::parse_str(raw.trim()).ok());
    let target = lock_event(db, target_id, false).await?.ok_or(EventError::NotFound)?;
    let from = match from_id {
        Some(id) => event::Entity::find_by_id(id).unique(db).await?,
        None => None,
    };
    let Some(from) = from else {
        let code = if input.from_event_id.is_some() { "unknown_event" } else { "required" };
        return Err(EventError::Invalid(FieldErrors::one("from_event_id", FieldError::new(code))));
    };
    if target.status != EventStatus::Published {
        return Err(EventError::NotPublished);
    }
    let invitees = candidates(db, &target, &from, input.attended_only.unwrap_or(true)).await?;
    let invited = invitees.len();
    for invitee in invitees {
        invitations::create(db, &target, invitee, by, now).await?;
    }
    Ok(invited)
}
