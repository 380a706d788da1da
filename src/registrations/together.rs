//! Registering together: the public registrations for one event that meet in a group-commit
//! batch are decided under one lock of the event row and written with one insert per table,
//! so a busy event costs a handful of statements per batch instead of a dozen per person.
//!
//! The decisions are the same as one by one ([`service::register`]): the same seat policy
//! (`seats::policy::place_new`) applied in arrival order to counters kept in memory, the same
//! rows, the same mail. Whatever is uncommon goes the ordinary way, alone: an invitation link,
//! an address already registered or mailed within the hour, a wish for future invitations, an
//! in-person seat under an organization cap. If the seat guard refuses what the counters
//! allowed, the whole group runs again one by one (`db::together`): never an oversold seat.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, event};
use futures_util::future::BoxFuture;
use sea_orm::{DatabaseTransaction, DbErr};
use uuid::Uuid;

use super::access::{self, Admission};
use super::answers;
use super::input::NewRegistration;
use super::rows::{insert_rows, new_row};
use super::service::{self, Placed, RegisterOutcome, RegistrationError, first_mail, refusal, row_of};
use crate::db::{Commit, Db, Grouped, Keep, Together};
use crate::events::view::{offers, questions};
use crate::history::{self, Actor, Kind};
use crate::mail::limits;
use crate::mail::outbox::{self, Queued, Recipient};
use crate::seats::organizations;
use crate::seats::policy::{self as seat_policy, Placement, Seats, WaitReason};
use crate::seats::{lock_event_reserving, seats, take_seats, waiting};

/// A registrant's own registration for an event, as it waits for the writer.
#[derive(Debug, Clone)]
pub struct Registering {
    pub event_id: Uuid,
    pub new: NewRegistration,
}

/// Registers `new` for `event_id` as the registrant themself ([`service::register`]), together
/// with the other registrations for that event waiting for the writer.
pub async fn register(db: &Db, event_id: Uuid, new: NewRegistration) -> Result<RegisterOutcome, RegistrationError> {
    db.write_together(Registering { event_id, new }).await
}

impl Together for Registering {
    type Out = RegisterOutcome;
    type Err = RegistrationError;

    fn key(&self) -> Uuid {
        self.event_id
    }

    fn run_together(txn: &DatabaseTransaction, group: Vec<Self>) -> BoxFuture<'_, Result<Vec<Grouped<Self>>, DbErr>> {
        Box::pin(register_all(txn, group, crate::domain::now()))
    }

    fn run_alone(self, txn: &DatabaseTransaction) -> BoxFuture<'_, Result<Commit<RegisterOutcome>, RegistrationError>> {
        Box::pin(async move { service::register(txn, self.event_id, self.new, crate::domain::now()).await.map(Keep) })
    }
}

/// What the group path decided for one registration before writing.
enum Plan {
    Refused(RegistrationError),
    Alone,
    /// Placed: its organization key (looked up after the first checks), status and answers.
    Placed(Placed),
}

async fn register_all(
    db: &DatabaseTransaction,
    group: Vec<Registering>,
    now: DateTime<Utc>,
) -> Result<Vec<Grouped<Registering>>, DbErr> {
    let Some(first) = group.first() else { return Ok(Vec::new()) };
    let places = i32::try_from(group.len()).unwrap_or(i32::MAX);
    let Some(event) = lock_event_reserving(db, first.event_id, places).await? else {
        return Ok(group.iter().map(|_| Grouped::Done(Err(RegistrationError::NotFound))).collect());
    };
    if refusal(&event, now).is_some() {
        let refused = |_| Grouped::Done(Err(refusal(&event, now).unwrap_or(RegistrationError::NotFound)));
        return Ok(group.iter().map(refused).collect());
    }

    let mut plans = screen(db, &event, &group, now).await?;
    place(db, &event, &group, &mut plans, now).await?;
    write(db, &event, group, plans, now).await
}

/// The checks of one registration that need no database, and the lookups the rest need in one
/// query each: which addresses already registered or had mail this hour, which organization
/// spellings were merged.
async fn screen(
    db: &DatabaseTransaction,
    event: &event::Model,
    group: &[Registering],
    now: DateTime<Utc>,
) -> Result<Vec<Plan>, DbErr> {
    let capped =
        seat_policy::organization_cap(event.per_organization_in_person_cap, event.organization_cap_lifts_at, now)
            .is_some();
    let mut plans: Vec<Plan> = group.iter().map(|r| first_checks(event, &r.new, capped)).collect();

    let candidates = || group.iter().zip(plans.iter()).filter(|(_, p)| matches!(p, Plan::Placed(_)));
    let emails: Vec<&str> = candidates().map(|(r, _)| r.new.email.as_str()).collect();
    let mail_keys: Vec<String> = emails.iter().map(|e| limits::address_key(e)).collect();
    let organizations: Vec<&str> = candidates().map(|(r, _)| r.new.organization.as_str()).collect();
    let registered = super::resend::active_emails(db, event.id, &emails).await?;
    let mailed = limits::keys_mailed_within_window(db, &mail_keys, now).await?;
    let keys = organizations::keys_at_all(db, event.id, &organizations).await?;

    // Seen in this group: a second registration of one address goes the ordinary way after
    // the first, and is told it is registered already.
    let mut seen_emails = HashSet::new();
    let mut seen_keys = HashSet::new();
    let mut looked_up = emails.iter().zip(mail_keys).zip(keys);
    for plan in &mut plans {
        let Plan::Placed(placed) = plan else { continue };
        let Some(((email, mail_key), organization_key)) = looked_up.next() else { break };
        let fresh = seen_emails.insert(*email) && seen_keys.insert(mail_key.clone());
        if !fresh || registered.contains(*email) || mailed.contains(&mail_key) {
            *plan = Plan::Alone;
        } else {
            placed.organization_key = organization_key;
        }
    }
    Ok(plans)
}

/// The refusals and the uncommon cases of one registration, decided without the database.
fn first_checks(event: &event::Model, new: &NewRegistration, organization_capped: bool) -> Plan {
    if !offers(event, new.mode) {
        return Plan::Refused(RegistrationError::ModeNotOffered);
    }
    let answers = match answers::check(&questions(event), &new.answers) {
        Ok(answers) => answers,
        Err(fields) => return Plan::Refused(RegistrationError::Invalid(fields)),
    };
    let in_person_capped = organization_capped && new.mode == AttendanceMode::InPerson;
    if new.invitation_token.is_some() || new.future_invitations || in_person_capped {
        return Plan::Alone;
    }
    let status = match access::admit_by_address(event, &new.email) {
        None => return Plan::Refused(RegistrationError::NotInvited),
        Some(Admission::Pending) => RegistrationStatus::Pending,
        // Given a seat or a place in line below, in arrival order.
        Some(Admission::Place) => RegistrationStatus::Confirmed,
    };
    Plan::Placed(Placed { organization_key: String::new(), status, waitlist_reason: None, answers })
}

/// Gives seats in arrival order by the seat policy, with each mode's counters kept in memory:
/// what the event row says now, plus this group's seats and waiting places so far.
async fn place(
    db: &DatabaseTransaction,
    event: &event::Model,
    group: &[Registering],
    plans: &mut [Plan],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    // Per mode (in person, online): its seats and, once counted, its waiting line.
    let mut counters: [Option<(Seats, Option<u32>)>; 2] = [None, None];
    for (registering, plan) in group.iter().zip(plans.iter_mut()) {
        let Plan::Placed(placed) = plan else { continue };
        if placed.status != RegistrationStatus::Confirmed {
            continue;
        }
        let mode = registering.new.mode;
        let counted = &mut counters[usize::from(mode == AttendanceMode::Online)];
        let (seats_now, waiting_now) = counted.get_or_insert_with(|| (seats(event, mode), None));
        // Like one by one, the waiting line is counted only while a seat is free.
        let waiting_count = match (seats_now.has_free(), *waiting_now) {
            (false, _) => 0,
            (true, Some(count)) => count,
            (true, None) => *waiting_now.insert(waiting(db, event, mode, now).await?),
        };
        match seat_policy::place_new(*seats_now, None, event.waitlist, waiting_count) {
            Placement::Confirmed => seats_now.confirmed += 1,
            Placement::Waitlisted(why) => {
                placed.status = RegistrationStatus::Waitlisted;
                placed.waitlist_reason = Some(why);
                if let Some(count) = waiting_now {
                    *count += 1;
                }
            }
            Placement::Full(WaitReason::Capacity) => *plan = Plan::Refused(RegistrationError::CapacityFull),
            Placement::Full(WaitReason::OrganizationCap) => *plan = Plan::Refused(RegistrationError::OrganizationFull),
        }
    }
    Ok(())
}

/// Takes the seats given, writes the registrations, their history and their mail, one
/// statement per table, and says what became of each.
async fn write(
    db: &DatabaseTransaction,
    event: &event::Model,
    group: Vec<Registering>,
    plans: Vec<Plan>,
    now: DateTime<Utc>,
) -> Result<Vec<Grouped<Registering>>, DbErr> {
    let seated = |mode| {
        let placed = group.iter().zip(&plans);
        placed.filter(move |(r, p)| {
            r.new.mode == mode && matches!(p, Plan::Placed(placed) if placed.status == RegistrationStatus::Confirmed)
        })
    };
    let wanted = [AttendanceMode::InPerson, AttendanceMode::Online]
        .map(|mode| (mode, u32::try_from(seated(mode).count()).unwrap_or(u32::MAX)));
    if !take_seats(db, event.id, &wanted).await? {
        return Err(DbErr::Custom("the seat guard refused seats the counters allowed".into()));
    }
    let mut per_organization: BTreeMap<&str, i32> = BTreeMap::new();
    for (_, plan) in seated(AttendanceMode::InPerson) {
        if let Plan::Placed(placed) = plan {
            *per_organization.entry(placed.organization_key.as_str()).or_default() += 1;
        }
    }
    organizations::count_taken(db, event.id, &per_organization).await?;

    let first_place = event.next_queue_seq - i64::try_from(group.len()).unwrap_or(i64::MAX);
    let mut outcomes = Vec::with_capacity(group.len());
    let (mut rows, mut histories, mut mails) = (Vec::new(), Vec::new(), Vec::new());
    for ((place_in_line, registering), plan) in (first_place..).zip(group).zip(plans) {
        let placed = match plan {
            Plan::Refused(err) => {
                outcomes.push(Grouped::Done(Err(err)));
                continue;
            }
            Plan::Alone => {
                outcomes.push(Grouped::Alone(registering));
                continue;
            }
            Plan::Placed(placed) => placed,
        };
        let status = placed.status;
        let mail_key = limits::address_key(registering.new.email.as_str());
        let mut row = new_row(event, row_of(event, registering.new, placed), now);
        row.queue_seq = place_in_line;
        let params = [("mode", row.mode.as_str()), ("status", status.as_str())];
        histories.push(history::row(history::of(&row), Kind::Registered, &Actor::Registrant, &params, now));
        mails.push((Recipient::registrant(&row), first_mail(status), Queued::now(now).limited(mail_key)));
        outcomes.push(Grouped::Done(Ok(RegisterOutcome::Registered {
            registration: Box::new(row.clone()),
            event: Box::new(event.clone()),
        })));
        rows.push(row);
    }
    insert_rows(db, rows).await?;
    history::insert_all(db, histories).await?;
    outbox::insert_all(db, mails).await?;
    Ok(outcomes)
}
