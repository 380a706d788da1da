//! A registration's history: what happened, when, and who did it. Entries are stored as a
//! kind plus parameters (modes, counts), never as rendered text, so each viewer reads them in
//! their own language; they are deleted with the registration. The mails a registration was
//! sent are its outbox rows and are shown beside these entries, not copied into them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::json::HistoryParams;
use entity::registration_history;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The registrant, on their own page or through the API with their manage token.
    Registrant,
    /// An organizer or admin, by email.
    Organizer(String),
    /// A door desk, by its link's label (or the staff member's email).
    Desk(String),
    /// Convene itself: the waitlist, scheduled jobs.
    System,
}

impl Actor {
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Registrant => "registrant",
            Actor::Organizer(_) => "organizer",
            Actor::Desk(_) => "desk",
            Actor::System => "system",
        }
    }

    pub fn label(&self) -> Option<&str> {
        match self {
            Actor::Organizer(who) | Actor::Desk(who) => Some(who),
            Actor::Registrant | Actor::System => None,
        }
    }
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Registered,
    Promoted,
    Switched,
    Edited,
    CheckedIn,
    CheckInUndone,
    Exit,
    Joined,
    Cancelled,
    HeldSeatGiven,
    NewLinks,
    Approved,
    Declined,
    /// Staff let someone in past their organization's cap.
    CapOverridden,
    /// The registration was handed to a colleague (the former holder's details erased).
    Transferred,
}

impl Kind {
    pub const ALL: [Kind; 15] = [
        Kind::Registered,
        Kind::Promoted,
        Kind::Switched,
        Kind::Edited,
        Kind::CheckedIn,
        Kind::CheckInUndone,
        Kind::Exit,
        Kind::Joined,
        Kind::Cancelled,
        Kind::HeldSeatGiven,
        Kind::NewLinks,
        Kind::Approved,
        Kind::Declined,
        Kind::CapOverridden,
        Kind::Transferred,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Registered => "registered",
            Kind::Promoted => "promoted",
            Kind::Switched => "switched",
            Kind::Edited => "edited",
            Kind::CheckedIn => "checked_in",
            Kind::CheckInUndone => "check_in_undone",
            Kind::Exit => "exit",
            Kind::Joined => "joined",
            Kind::Cancelled => "cancelled",
            Kind::HeldSeatGiven => "held_seat_given",
            Kind::Approved => "approved",
            Kind::Declined => "declined",
            Kind::CapOverridden => "cap_overridden",
            Kind::Transferred => "transferred",
            Kind::NewLinks => "new_links",
        }
    }
}

/// Appends one entry to the history of `registration_id`, in the caller's transaction.
pub async fn record(
    db: &impl ConnectionTrait,
    registration: (Uuid, Uuid),
    kind: Kind,
    actor: &Actor,
    params: &[(&str, &str)],
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = row(registration, kind, actor, params, at);
    registration_history::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(())
}

/// The entry [`record`] writes, for writing many with [`insert_all`].
pub fn row(
    registration: (Uuid, Uuid),
    kind: Kind,
    actor: &Actor,
    params: &[(&str, &str)],
    at: DateTime<Utc>,
) -> registration_history::Model {
    let (registration_id, event_id) = registration;
    let params: BTreeMap<String, String> = params.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    registration_history::Model {
        id: Uuid::now_v7(),
        registration_id,
        event_id,
        at,
        kind: kind.as_str().to_owned(),
        actor_kind: actor.kind().to_owned(),
        actor_label: actor.label().map(str::to_owned),
        params: HistoryParams(params),
    }
}

/// Writes entries made by [`row`] with one statement (none is fine).
pub async fn insert_all(db: &impl ConnectionTrait, rows: Vec<registration_history::Model>) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let rows = rows.into_iter().map(IntoActiveModel::into_active_model);
    registration_history::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// The key of a registration for [`record`].
pub fn of(reg: &entity::registration::Model) -> (Uuid, Uuid) {
    (reg.id, reg.event_id)
}

/// The history of one registration, oldest first.
pub async fn of_registration(
    db: &impl ConnectionTrait,
    registration_id: Uuid,
) -> Result<Vec<registration_history::Model>, DbErr> {
    registration_history::Entity::find()
        .filter(registration_history::Column::RegistrationId.eq(registration_id))
        .order_by_asc(registration_history::Column::At)
        .order_by_asc(registration_history::Column::Id)
        .all(db)
        .await
}
