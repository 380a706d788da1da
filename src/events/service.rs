//! Event use cases: create, list, read, and update by merge patch (capacity changes promote
//! the waitlist; moving or cancelling the event mails every active registration).

use chrono::{DateTime, Utc};
use entity::json::{EmailDomains, Programme, Questions, Translations};
use entity::{AttendanceMode, EventStatus, RegistrationStatus, event, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::Value;
use uuid::Uuid;

use super::input::{EventInput, EventSpec, slugify};
use super::view::EventView;
use crate::db::FetchUnique;
use crate::db::is_unique_violation;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::mail::Message;
use crate::mail::outbox::{self, Recipient};
use crate::seats::policy::{self, CapacityChange};
use crate::seats::{held_seats, lock_event, promote_waitlist, seats, waiting};

#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error("no such event")]
    NotFound,
    #[error("invalid event")]
    Invalid(FieldErrors),
    /// The change cannot be made now; the field it is about, and why.
    #[error("{1}")]
    Conflict(&'static str, FieldError),
    /// Invitations need a published event to register for.
    #[error("the event is not published: publish it before inviting")]
    NotPublished,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<EventError> for AppError {
    fn from(err: EventError) -> Self {
        match err {
            EventError::NotFound => AppError::NotFound,
            EventError::Invalid(fields) => AppError::Validation(fields),
            EventError::Conflict(_, error) => AppError::conflict("conflict", error.message()),
            EventError::NotPublished => AppError::conflict("registration_closed", err.to_string()),
            EventError::Db(e) => AppError::from(e),
        }
    }
}

fn slug_taken_error(slug: &str) -> EventError {
    EventError::Conflict("slug", FieldError::new("slug_taken").with("slug", slug))
}

async fn slug_taken(db: &impl ConnectionTrait, slug: &str, except: Option<Uuid>) -> Result<bool, DbErr> {
    let mut query = event::Entity::find().filter(event::Column::Slug.eq(slug));
    if let Some(id) = except {
        query = query.filter(event::Column::Id.ne(id));
    }
    Ok(query.count(db).await? > 0)
}

/// A free slug: `base`, else `base-2`, `base-3`, …
async fn free_slug(db: &impl ConnectionTrait, base: &str) -> Result<String, DbErr> {
    let mut candidate = base.to_owned();
    let mut n = 2;
    while slug_taken(db, &candidate, None).await? {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

#[tracing::instrument(skip_all)]
pub async fn create(
    db: &impl ConnectionTrait,
    spec: EventSpec,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<event::Model, EventError> {
    let slug = match &spec.slug {
        Some(slug) if slug_taken(db, slug, None).await? => {
            return Err(slug_taken_error(slug));
        }
        Some(slug) => slug.clone(),
        None => free_slug(db, &slugify(&spec.title)).await?,
    };
    let model = event::Model {
        id: Uuid::now_v7(),
        slug,
        title: spec.title,
        description: spec.description,
        translations: Translations(spec.translations.clone()),
        starts_at: spec.starts_at,
        ends_at: spec.ends_at,
        timezone: spec.timezone.name().to_owned(),
        venue: spec.venue,
        online_url: spec.online_url,
        offers_in_person: spec.offers_in_person,
        offers_online: spec.offers_online,
        in_person_capacity: spec.in_person_capacity,
        online_capacity: spec.online_capacity,
        in_person_confirmed: 0,
        online_confirmed: 0,
        in_person_held: spec.in_person_held,
        in_person_held_used: 0,
        programme: Programme(spec.programme.clone()),
        waitlist: spec.waitlist,
        registration_closes_at: spec.registration_closes_at,
        status: spec.status,
        questions: Questions(spec.questions.clone()),
        next_queue_seq: 1,
        revision: 0,
        calendar_sequence: 0,
        reminder_minutes_before: spec.reminder_minutes_before,
        retention_days: spec.retention_days,
        retention_from: None,
        personal_data_erased_at: None,
        access: spec.access,
        allowed_email_domains: EmailDomains(spec.allowed_email_domains.clone()),
        per_organization_in_person_cap: spec.per_organization_in_person_cap,
        organization_cap_lifts_at: spec.organization_cap_lifts_at,
        organization_cap_lifted_at: None,
        reminders_queued_at: None,
        waitlist_closed_at: None,
        created_by,
        created_at: now,
        updated_at: now,
    };
    match event::Entity::insert(model.clone().into_active_model()).exec_without_returning(db).await {
        Ok(_) => Ok(model),
        Err(e) if is_unique_violation(&e) => Err(slug_taken_error(&model.slug)),
        Err(e) => Err(e.into()),
    }
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find().order_by_desc(event::Column::StartsAt).all(db).await
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<event::Model, EventError> {
    event::Entity::find_by_id(id).unique(db).await?.ok_or(EventError::NotFound)
}

pub async fn get_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find().filter(event::Column::Slug.eq(slug)).unique(db).await
}

async fn active_registrations_in(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    mode: AttendanceMode,
) -> Result<u64, DbErr> {
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Mode.eq(mode))
        .filter(registration::Column::Status.is_in(RegistrationStatus::OPEN))
        .count(db)
        .await
}

/// Applies an RFC 7396 merge patch to the event under its row lock.
pub async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    patch: &Value,
    now: DateTime<Utc>,
) -> Result<event::Model, EventError> {
    update_with_note(db, id, patch, None, now).await
}

/// [`update`], with the organizers' words for every registrant should it cancel the event.
#[tracing::instrument(skip_all)]
pub async fn update_with_note(
    db: &impl ConnectionTrait,
    id: Uuid,
    patch: &Value,
    note: Option<String>,
    now: DateTime<Utc>,
) -> Result<event::Model, EventError> {
    let current = lock_event(db, id, false).await?.ok_or(EventError::NotFound)?;
    let mut document = serde_json::to_value(EventView::from(&current)).unwrap_or_default();
    crate::web::merge_patch::apply(&mut document, patch);
    let input: EventInput = serde_path_to_error::deserialize(document).map_err(|e| {
        let field = e.path().to_string();
        EventError::Invalid(FieldErrors::one(field, FieldError::new("invalid_value").with("detail", e.inner())))
    })?;
    let spec = input.parse().map_err(EventError::Invalid)?;

    if current.status == EventStatus::Cancelled && spec.status != EventStatus::Cancelled {
        return Err(EventError::Conflict("status", FieldError::new("cannot_reopen")));
    }
    if let Some(slug) = &spec.slug
        && *slug != current.slug
        && slug_taken(db, slug, Some(id)).await?
    {
        return Err(slug_taken_error(slug));
    }

    let mut promotions = Vec::new();
    for mode in AttendanceMode::ALL {
        let offered_before = crate::events::view::offers(&current, mode);
        if offered_before && !spec.offers(mode) && active_registrations_in(db, id, mode).await? > 0 {
            let field = if mode == AttendanceMode::InPerson { "mode_in_person" } else { "mode_online" };
            return Err(EventError::Conflict(field, FieldError::new("mode_in_use").with("mode", mode.as_str())));
        }
        // In person, the public's capacity is the room less the held seats.
        let held = if mode == AttendanceMode::InPerson { spec.in_person_held.max(0) as u32 } else { 0 };
        let given = held_seats(&current).confirmed;
        if mode == AttendanceMode::InPerson && held < given {
            return Err(EventError::Conflict("in_person_held", FieldError::new("held_in_use").with("given", given)));
        }
        let seats_now = seats(&current, mode);
        let new_capacity = spec.capacity(mode).map(|c| (c.max(0) as u32).saturating_sub(held));
        if new_capacity == seats_now.capacity {
            continue;
        }
        let waiting_now = waiting(db, &current, mode, now).await?;
        match policy::change_capacity(new_capacity, seats_now.confirmed, waiting_now) {
            CapacityChange::BelowConfirmed if held > 0 => {
                let error = FieldError::new("below_confirmed_held")
                    .with("confirmed", seats_now.confirmed)
                    .with("held", held)
                    .with("min", seats_now.confirmed + held);
                let field = if spec.in_person_capacity == current.in_person_capacity {
                    "in_person_held"
                } else {
                    "in_person_capacity"
                };
                return Err(EventError::Conflict(field, error));
            }
            CapacityChange::BelowConfirmed => {
                let field = if mode == AttendanceMode::InPerson { "in_person_capacity" } else { "online_capacity" };
                let error = FieldError::new("below_confirmed")
                    .with("mode", mode.as_str())
                    .with("confirmed", seats_now.confirmed);
                return Err(EventError::Conflict(field, error));
            }
            CapacityChange::Allowed { promote } if promote > 0 => promotions.push(mode),
            CapacityChange::Allowed { .. } => {}
        }
    }
    // A cap raised, removed or lifting sooner lets its organizations' waiting people in at once.
    let cap_changed = spec.per_organization_in_person_cap != current.per_organization_in_person_cap
        || spec.organization_cap_lifts_at != current.organization_cap_lifts_at;
    if cap_changed && !promotions.contains(&AttendanceMode::InPerson) {
        promotions.push(AttendanceMode::InPerson);
    }

    let moved = spec.starts_at != current.starts_at || spec.ends_at != current.ends_at || spec.venue != current.venue;
    let cancelling = spec.status == EventStatus::Cancelled && current.status != EventStatus::Cancelled;
    let calendar_changes = if moved || cancelling { current.calendar_sequence + 1 } else { current.calendar_sequence };
    let mut changes = Vec::new();
    if spec.starts_at != current.starts_at || spec.ends_at != current.ends_at {
        changes.push("time".to_owned());
    }
    if spec.venue != current.venue {
        changes.push("venue".to_owned());
    }

    let mut active = current.clone().into_active_model();
    let slug_now = spec.slug.clone().unwrap_or(current.slug.clone());
    active.slug = Set(slug_now.clone());
    active.title = Set(spec.title);
    active.description = Set(spec.description);
    active.translations = Set(Translations(spec.translations.clone()));
    active.starts_at = Set(spec.starts_at);
    active.ends_at = Set(spec.ends_at);
    active.timezone = Set(spec.timezone.name().to_owned());
    active.venue = Set(spec.venue);
    active.online_url = Set(spec.online_url);
    active.offers_in_person = Set(spec.offers_in_person);
    active.offers_online = Set(spec.offers_online);
    active.in_person_capacity = Set(spec.in_person_capacity);
    active.online_capacity = Set(spec.online_capacity);
    active.in_person_held = Set(spec.in_person_held);
    active.programme = Set(Programme(spec.programme.clone()));
    active.waitlist = Set(spec.waitlist);
    active.registration_closes_at = Set(spec.registration_closes_at);
    active.status = Set(spec.status);
    active.questions = Set(Questions(spec.questions.clone()));
    active.reminder_minutes_before = Set(spec.reminder_minutes_before);
    active.retention_days = Set(spec.retention_days);
    active.access = Set(spec.access);
    active.per_organization_in_person_cap = Set(spec.per_organization_in_person_cap);
    active.organization_cap_lifts_at = Set(spec.organization_cap_lifts_at);
    if spec.organization_cap_lifts_at != current.organization_cap_lifts_at {
        // A new lifting time lifts again (the background job moves the line then).
        active.organization_cap_lifted_at = Set(None);
    }
    active.allowed_email_domains = Set(EmailDomains(spec.allowed_email_domains.clone()));
    active.calendar_sequence = Set(calendar_changes);
    if spec.ends_at != current.ends_at || spec.retention_days != current.retention_days {
        // Erasure is due again on the new date for whatever is left (or added) by then.
        active.personal_data_erased_at = Set(None);
    }
    if spec.starts_at != current.starts_at {
        // A new start means new reminders.
        active.reminders_queued_at = Set(None);
        active.waitlist_closed_at = Set(None);
    }
    active.updated_at = Set(now);
    // The seat counters are left out of the update: only the seat module writes them.
    active.in_person_confirmed = sea_orm::ActiveValue::NotSet;
    active.online_confirmed = sea_orm::ActiveValue::NotSet;
    active.in_person_held_used = sea_orm::ActiveValue::NotSet;
    active.next_queue_seq = sea_orm::ActiveValue::NotSet;
    active.revision = sea_orm::ActiveValue::NotSet;
    active.update(db).await.map_err(
        |e| {
            if is_unique_violation(&e) { slug_taken_error(&slug_now) } else { e.into() }
        },
    )?;

    for mode in promotions {
        promote_waitlist(db, id, mode, now).await?;
    }
    if cap_changed {
        crate::seats::waitlist::note_wait_reasons(db, id, now).await?;
    }
    // Read back, so the answer carries the counters promotion changed.
    let updated = get(db, id).await?;

    if updated.status != EventStatus::Draft && (cancelling || (moved && updated.status != EventStatus::Cancelled)) {
        let notice = if cancelling { Notice::Cancelled(note) } else { Notice::Moved(changes) };
        notify_active_registrations(db, &updated, notice, now).await?;
    }
    Ok(updated)
}

/// How many people cancelling the event would mail: active registrations with an address.
pub async fn mailed_on_cancel(db: &impl ConnectionTrait, id: Uuid) -> Result<u64, DbErr> {
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(id))
        .filter(registration::Column::Status.is_in(RegistrationStatus::OPEN))
        .filter(registration::Column::Email.ne(""))
        .count(db)
        .await
}

/// What happened to the event, for the mail to each registrant.
enum Notice {
    Moved(Vec<String>),
    /// With the organizers' words, if any.
    Cancelled(Option<String>),
}

/// Mails every active registration of `event` an update with its calendar entry, each under a
/// higher SEQUENCE than before.
async fn notify_active_registrations(
    db: &impl ConnectionTrait,
    event: &event::Model,
    notice: Notice,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let active = registration::Column::Status.is_in(RegistrationStatus::OPEN);
    registration::Entity::update_many()
        .col_expr(
            registration::Column::CalendarSequence,
            sea_orm::sea_query::ExprTrait::add(Expr::col(registration::Column::CalendarSequence), 1),
        )
        .filter(registration::Column::EventId.eq(event.id))
        .filter(active.clone())
        .exec(db)
        .await?;
    let recipients: Vec<(Uuid, entity::Language, i32)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::Id)
        .column(registration::Column::Language)
        .column(registration::Column::CalendarSequence)
        .filter(registration::Column::EventId.eq(event.id))
        .filter(active)
        // A walk-in registered without an address is never mailed.
        .filter(registration::Column::Email.ne(""))
        .into_tuple()
        .all(db)
        .await?;
    for (registration_id, language, sequence) in recipients {
        let message = match &notice {
            Notice::Moved(changes) => Message::EventUpdated { changes: changes.clone(), sequence },
            Notice::Cancelled(note) => Message::EventCancelled { sequence, note: note.clone() },
        };
        let to = Recipient { event_id: event.id, registration_id: Some(registration_id), language };
        outbox::enqueue(db, to, &message, now).await?;
    }
    Ok(())
}
