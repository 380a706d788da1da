//! Scanning together: the plain entrance scans for one event that meet in a group-commit batch
//! (a ticket code or a picked registration, no nonce, no time of its own, no override) are
//! looked up with one query each and written with one insert, instead of one by one.
//!
//! The decisions are the ones of [`service::check_in`] (`policy::decide`). Whatever would write
//! more than a check-in goes the ordinary way, alone: a person already in (their return closes
//! an exit), an online registrant taking a seat, a second scan of one person in the group, and
//! every scan a desk may replay. The event's lock is taken only when something is written, so
//! scans that change nothing leave nothing behind, as one by one; a check-in that another
//! server wrote meanwhile meets the unique index, and the group then runs again one by one.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, checkin, event, registration};
use futures_util::future::BoxFuture;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::door::{self, Answer, Direction, DoorError, Scan};
use super::policy::{self, Decision};
use super::service::{CheckInOutcome, Desk, Ticket, check_in_row, check_in_times};
use super::view::CheckInAnswer;
use crate::db::{Commit, Db, Discard, FetchUnique, Grouped, Keep, Together};
use crate::events::view::offers;
use crate::seats::{lock_event, seats};

/// One scan at `event_id`'s door by `desk`, as it waits for the writer.
#[derive(Debug, Clone)]
pub struct Scanning {
    pub event_id: Uuid,
    pub scan: Scan,
    pub desk: Desk,
}

/// Answers `scan` ([`door::scan`]), together with the other scans for that event waiting for
/// the writer when it is a plain entrance scan.
pub async fn scan(db: &Db, scanning: Scanning) -> Result<Answer, DoorError> {
    db.write_together(scanning).await
}

impl Scanning {
    /// An entrance scan the group path may decide: none a desk may replay or back-date.
    fn plain(&self) -> bool {
        let meta = &self.scan.meta;
        self.scan.direction == Direction::Entry
            && meta.nonce.is_none()
            && meta.scanned_at.is_none()
            && !meta.override_cap
    }
}

impl Together for Scanning {
    type Out = Answer;
    type Err = DoorError;

    fn key(&self) -> Uuid {
        self.event_id
    }

    fn run_together(txn: &DatabaseTransaction, group: Vec<Self>) -> BoxFuture<'_, Result<Vec<Grouped<Self>>, DbErr>> {
        Box::pin(scan_all(txn, group, crate::domain::now()))
    }

    fn run_alone(self, txn: &DatabaseTransaction) -> BoxFuture<'_, Result<Commit<Answer>, DoorError>> {
        Box::pin(async move {
            let event = crate::events::service::get(txn, self.event_id).await.map_err(|_| DoorError::NotFound)?;
            let answer = door::scan(txn, &event, &self.scan, &self.desk, crate::domain::now()).await?;
            // A scan that changes nothing is answered at once, its savepoint rolled back (it
            // leaves nothing behind, not even the event row's lock).
            Ok(if answer.changed { Keep(answer) } else { Discard(answer) })
        })
    }
}

/// What the group path decided for one scan.
enum Plan {
    Answered(CheckInOutcome),
    Alone,
    CheckIn(Box<registration::Model>),
}

async fn scan_all(
    db: &DatabaseTransaction,
    group: Vec<Scanning>,
    now: DateTime<Utc>,
) -> Result<Vec<Grouped<Scanning>>, DbErr> {
    let Some(first) = group.first() else { return Ok(Vec::new()) };
    let Some(event) = event::Entity::find_by_id(first.event_id).unique(db).await? else {
        return Ok(group.iter().map(|_| Grouped::Done(Err(DoorError::NotFound))).collect());
    };
    let found = registrations_of(db, event.id, &group).await?;
    let checked_in = check_in_times(db, found.values().map(|r| r.id)).await?;

    let room = offers(&event, AttendanceMode::InPerson).then(|| seats(&event, AttendanceMode::InPerson));
    let mut seen = HashSet::new();
    let plans: Vec<Plan> = group
        .iter()
        .map(|scanning| {
            if !scanning.plain() {
                return Plan::Alone;
            }
            let Some(reg) = looked_up(&found, &scanning.scan.ticket) else {
                return Plan::Answered(CheckInOutcome::Unknown);
            };
            // A second scan of one person in the group: after the first, alone.
            if !seen.insert(reg.id) {
                return Plan::Alone;
            }
            let registration = Box::new(reg.clone());
            match policy::decide(reg.status, reg.mode, checked_in.contains_key(&reg.id), room) {
                Decision::Cancelled => Plan::Answered(CheckInOutcome::Cancelled { registration }),
                Decision::NotConfirmed => Plan::Answered(CheckInOutcome::NotConfirmed { registration }),
                Decision::NoSeat => Plan::Answered(CheckInOutcome::CapacityFull { registration }),
                Decision::CheckIn => Plan::CheckIn(registration),
                Decision::AlreadyCheckedIn | Decision::SeatThenCheckIn => Plan::Alone,
            }
        })
        .collect();

    let desks = group.iter().map(|scanning| &scanning.desk);
    let rows: Vec<checkin::Model> = plans
        .iter()
        .zip(desks)
        .filter_map(|(plan, desk)| match plan {
            Plan::CheckIn(reg) => Some(check_in_row(reg, desk, now)),
            _ => None,
        })
        .collect();
    if !rows.is_empty() {
        let event = lock_event(db, event.id, false).await?.ok_or(DbErr::RecordNotFound("the event".into()))?;
        let ids: Vec<Uuid> = rows.iter().map(|row| row.registration_id).collect();
        checkin::Entity::insert_many(rows.into_iter().map(IntoActiveModel::into_active_model))
            .exec_without_returning(db)
            .await?;
        // The check-in index moves: stamp them with the event's revision (`index::touch`).
        registration::Entity::update_many()
            .col_expr(registration::Column::IndexRevision, Expr::value(event.revision))
            .filter(registration::Column::Id.is_in(ids))
            .exec(db)
            .await?;
    }

    Ok(group
        .into_iter()
        .zip(plans)
        .map(|(scanning, plan)| {
            let outcome = match plan {
                Plan::Alone => return Grouped::Alone(scanning),
                Plan::Answered(outcome) => outcome,
                Plan::CheckIn(registration) => CheckInOutcome::CheckedIn { registration, at: now, mode_changed: false },
            };
            let changed = outcome.changed();
            Grouped::Done(Ok(Answer { status: 200, body: json!(CheckInAnswer::from(&outcome)), changed }))
        })
        .collect())
}

/// The registrations of `event_id` the group's tickets name, by ticket hash and by id.
async fn registrations_of(
    db: &DatabaseTransaction,
    event_id: Uuid,
    group: &[Scanning],
) -> Result<HashMap<Key, registration::Model>, DbErr> {
    let mut hashes = Vec::new();
    let mut ids = Vec::new();
    for scanning in group.iter().filter(|s| s.plain()) {
        match key_of(&scanning.scan.ticket) {
            Some(Key::Code(hash)) => hashes.push(hash),
            Some(Key::Id(id)) => ids.push(id),
            None => {}
        }
    }
    let mut found = HashMap::new();
    let find = || registration::Entity::find().filter(registration::Column::EventId.eq(event_id));
    if !hashes.is_empty() {
        for reg in find().filter(registration::Column::TicketCode.is_in(hashes)).all(db).await? {
            if let Some(hash) = reg.ticket_code.clone() {
                found.insert(Key::Code(hash), reg);
            }
        }
    }
    if !ids.is_empty() {
        for reg in find().filter(registration::Column::Id.is_in(ids)).all(db).await? {
            found.insert(Key::Id(reg.id), reg);
        }
    }
    Ok(found)
}

/// How a ticket names a registration: its code's lookup hash, or its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Code(String),
    Id(Uuid),
}

/// The key of `ticket` ([`super::service::find_ticket`]'s rule); `None` for what cannot be a code.
fn key_of(ticket: &Ticket) -> Option<Key> {
    match ticket {
        Ticket::Code(raw) => {
            let code = policy::normalize_scanned_code(raw);
            policy::could_be_ticket_code(&code).then(|| Key::Code(crate::secrets::lookup_hash(&code)))
        }
        Ticket::Registration(id) => Some(Key::Id(*id)),
    }
}

fn looked_up<'a>(found: &'a HashMap<Key, registration::Model>, ticket: &Ticket) -> Option<&'a registration::Model> {
    key_of(ticket).and_then(|key| found.get(&key))
}
