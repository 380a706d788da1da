//! Seats per partner organization: the organization key (computed here, never left to a
//! database collation: MariaDB and PostgreSQL fold differently), the cap in force, and the
//! counters kept per (event, organization key) beside the event's own, under its row lock.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, event, organization_alias, organization_seat, registration};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use uuid::Uuid;

use super::policy;
use crate::db::FetchUnique;

/// The organization key of API.md: the name after Unicode NFKD, without combining marks,
/// fully case-folded, every run of whitespace one space, trimmed; punctuation kept. A blank
/// name has the empty key (never capped, never counted).
pub fn organization_key(name: &str) -> String {
    let decomposed: String = name.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    // Folding can decompose again (`ǰ` folds to `j` and a caron): normalize and strip once more.
    let folded: String =
        caseless::default_case_fold_str(&decomposed).nfkd().filter(|c| !is_combining_mark(*c)).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cap on `key`'s in-person seats at `event` now; `None` when none applies (no cap, the
/// cap lifted, or a blank organization).
pub fn cap_for(event: &event::Model, key: &str, now: DateTime<Utc>) -> Option<u32> {
    if key.is_empty() {
        return None;
    }
    policy::organization_cap(event.per_organization_in_person_cap, event.organization_cap_lifts_at, now)
}

/// The key a registration of `event_id` naming `organization` belongs to: its own, or the
/// key organizers merged that spelling into.
pub async fn key_at(db: &impl ConnectionTrait, event_id: Uuid, organization: &str) -> Result<String, DbErr> {
    let key = organization_key(organization);
    if key.is_empty() {
        return Ok(key);
    }
    let merged = organization_alias::Entity::find_by_id((event_id, key.clone())).unique(db).await?;
    Ok(merged.map_or(key, |alias| alias.target_key))
}

/// [`key_at`] for several spellings at once, in their order, with one query.
pub async fn keys_at_all(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    organizations: &[&str],
) -> Result<Vec<String>, DbErr> {
    let keys: Vec<String> = organizations.iter().map(|name| organization_key(name)).collect();
    let wanted: Vec<&str> = keys.iter().map(String::as_str).filter(|key| !key.is_empty()).collect();
    if wanted.is_empty() {
        return Ok(keys);
    }
    let merged: std::collections::HashMap<String, String> = organization_alias::Entity::find()
        .filter(organization_alias::Column::EventId.eq(event_id))
        .filter(organization_alias::Column::AliasKey.is_in(wanted))
        .all(db)
        .await?
        .into_iter()
        .map(|alias| (alias.alias_key, alias.target_key))
        .collect();
    Ok(keys.into_iter().map(|key| merged.get(&key).cloned().unwrap_or(key)).collect())
}

/// Whether someone of `organization` would find its in-person seats used at `event` now.
pub async fn is_full(
    db: &impl ConnectionTrait,
    event: &event::Model,
    organization: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let key = key_at(db, event.id, organization).await?;
    Ok(match cap_for(event, &key, now) {
        Some(cap) => seated(db, event.id, &key).await? >= cap,
        None => false,
    })
}

/// Confirmed in-person seats of `key` at `event_id`.
pub async fn seated(db: &impl ConnectionTrait, event_id: Uuid, key: &str) -> Result<u32, DbErr> {
    let row = organization_seat::Entity::find_by_id((event_id, key.to_owned())).unique(db).await?;
    Ok(row.map_or(0, |r| u32::try_from(r.in_person_confirmed).unwrap_or(0)))
}

/// Moves `key`'s counter by one seat taken (`+1`) or given back (`-1`). The caller holds the
/// event lock; a blank organization has no counter.
pub async fn count(db: &impl ConnectionTrait, event_id: Uuid, key: &str, delta: i32) -> Result<(), DbErr> {
    if key.is_empty() {
        return Ok(());
    }
    if delta > 0 {
        return count_taken(db, event_id, &BTreeMap::from([(key, delta)])).await;
    }
    // Given back: never below zero.
    let column = organization_seat::Column::InPersonConfirmed;
    organization_seat::Entity::update_many()
        .col_expr(column, Expr::col(column).add(delta))
        .filter(organization_seat::Column::EventId.eq(event_id))
        .filter(organization_seat::Column::OrganizationKey.eq(key))
        .filter(column.gte(-delta))
        .exec(db)
        .await?;
    Ok(())
}

/// Moves several keys' counters up by the seats each took, in one statement (a group's
/// registrations). The caller holds the event lock; a blank organization has no counter.
pub async fn count_taken(db: &impl ConnectionTrait, event_id: Uuid, taken: &BTreeMap<&str, i32>) -> Result<(), DbErr> {
    let rows: Vec<_> = taken
        .iter()
        .filter(|(key, seats)| !key.is_empty() && **seats > 0)
        .map(|(key, seats)| {
            let row =
                organization_seat::Model { event_id, organization_key: (*key).to_owned(), in_person_confirmed: *seats };
            row.into_active_model()
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let column = organization_seat::Column::InPersonConfirmed;
    // The seats a row would have been inserted with, as each backend names them in an upsert.
    let inserted = match db.get_database_backend() {
        DbBackend::MySql => Expr::cust("VALUES(in_person_confirmed)"),
        _ => Expr::cust("excluded.in_person_confirmed"),
    };
    let on_conflict =
        OnConflict::columns([organization_seat::Column::EventId, organization_seat::Column::OrganizationKey])
            .value(column, Expr::col((organization_seat::Entity, column)).add(inserted))
            .to_owned();
    organization_seat::Entity::insert_many(rows).on_conflict(on_conflict).exec_without_returning(db).await?;
    Ok(())
}

/// The keys of `event_id` that have used `cap` seats or more.
pub async fn capped_keys(db: &impl ConnectionTrait, event_id: Uuid, cap: u32) -> Result<Vec<String>, DbErr> {
    organization_seat::Entity::find()
        .select_only()
        .column(organization_seat::Column::OrganizationKey)
        .filter(organization_seat::Column::EventId.eq(event_id))
        .filter(organization_seat::Column::InPersonConfirmed.gte(i64::from(cap)))
        .into_tuple()
        .all(db)
        .await
}

/// Counts `event_id`'s seats per organization again from its registrations (after a merge,
/// and for rows of an earlier release). The caller holds the event lock.
pub async fn recount(db: &impl ConnectionTrait, event_id: Uuid) -> Result<(), DbErr> {
    organization_seat::Entity::delete_many().filter(organization_seat::Column::EventId.eq(event_id)).exec(db).await?;
    let keys: Vec<Option<String>> = registration::Entity::find()
        .select_only()
        .column(registration::Column::OrganizationKey)
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Mode.eq(AttendanceMode::InPerson))
        .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed))
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = std::collections::BTreeMap::<String, i32>::new();
    for key in keys.into_iter().flatten().filter(|k| !k.is_empty()) {
        *counts.entry(key).or_default() += 1;
    }
    let rows = counts.into_iter().map(|(organization_key, in_person_confirmed)| {
        organization_seat::Model { event_id, organization_key, in_person_confirmed }.into_active_model()
    });
    organization_seat::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Merges spellings of one organization at `event_id` into `into`: every later registration
/// naming one of `names` belongs to `into`'s key, shown as `into`; the registrations already
/// there move too, and the seat counts follow. The caller holds the event lock. Merging can
/// put an organization past its cap: nobody is unseated (as when a cap is lowered).
pub async fn merge(db: &impl ConnectionTrait, event_id: Uuid, names: &[String], into: &str) -> Result<(), DbErr> {
    let target_key = organization_key(into);
    let mut keys: Vec<String> = names.iter().map(|n| organization_key(n)).filter(|k| !k.is_empty()).collect();
    keys.push(target_key.clone());
    keys.sort();
    keys.dedup();
    // Spellings merged earlier into one of these follow them.
    let earlier: Vec<String> = organization_alias::Entity::find()
        .select_only()
        .column(organization_alias::Column::AliasKey)
        .filter(organization_alias::Column::EventId.eq(event_id))
        .filter(organization_alias::Column::TargetKey.is_in(keys.clone()))
        .into_tuple()
        .all(db)
        .await?;
    keys.extend(earlier);
    keys.sort();
    keys.dedup();
    organization_alias::Entity::delete_many()
        .filter(organization_alias::Column::EventId.eq(event_id))
        .filter(organization_alias::Column::AliasKey.is_in(keys.clone()))
        .exec(db)
        .await?;
    let aliases = keys.iter().map(|alias_key| {
        organization_alias::Model {
            event_id,
            alias_key: alias_key.clone(),
            target_key: target_key.clone(),
            target_name: into.trim().to_owned(),
        }
        .into_active_model()
    });
    organization_alias::Entity::insert_many(aliases).exec_without_returning(db).await?;
    registration::Entity::update_many()
        .col_expr(registration::Column::OrganizationKey, Expr::value(target_key))
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::OrganizationKey.is_in(keys))
        .exec(db)
        .await?;
    recount(db, event_id).await
}

/// Gives the registrations of an earlier release their organization key and counts each of
/// their events' seats per organization, event by event under its lock (so two servers
/// starting together do it once). Returns how many registrations were keyed.
pub async fn fill_keys(db: &crate::db::Db) -> anyhow::Result<usize> {
    let events: Vec<Uuid> = registration::Entity::find()
        .select_only()
        .column(registration::Column::EventId)
        .distinct()
        .filter(registration::Column::OrganizationKey.is_null())
        .into_tuple()
        .all(db.read())
        .await?;
    let mut keyed = 0;
    for event_id in events {
        keyed += db
            .write_alone(move |txn| {
                Box::pin(async move {
                    super::lock_event(txn, event_id, false).await?;
                    let rows: Vec<(Uuid, String)> = registration::Entity::find()
                        .select_only()
                        .column(registration::Column::Id)
                        .column(registration::Column::Organization)
                        .filter(registration::Column::EventId.eq(event_id))
                        .filter(registration::Column::OrganizationKey.is_null())
                        .into_tuple()
                        .all(txn)
                        .await?;
                    for (id, organization) in &rows {
                        registration::Entity::update_many()
                            .col_expr(
                                registration::Column::OrganizationKey,
                                Expr::value(organization_key(organization)),
                            )
                            .filter(registration::Column::Id.eq(*id))
                            .exec(txn)
                            .await?;
                    }
                    recount(txn, event_id).await?;
                    Ok::<_, DbErr>(crate::db::Keep(rows.len()))
                })
            })
            .await?;
    }
    if keyed > 0 {
        tracing::info!(registrations = keyed, "organization keys computed for registrations of an earlier release");
    }
    Ok(keyed)
}

/// [`merge`] in a transaction of its own, under the event lock (the API and the dashboard).
pub async fn merge_spellings(
    db: &crate::db::Db,
    event_id: Uuid,
    names: Vec<String>,
    into: String,
) -> Result<(), DbErr> {
    db.write(move |txn| {
        crate::db::keep(async move {
            super::lock_event(txn, event_id, false).await?;
            merge(txn, event_id, &names, &into).await
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_organization_share_a_key() {
        let same = [
            ("Caritas International", "  caritas   INTERNATIONAL "),
            ("Fédasil", "FEDASIL"),
            ("Fedasil", "Ｆｅｄａｓｉｌ"),
            ("Straße", "STRASSE"),
            ("Office des Étrangers", "office des etrangers"),
            ("OCMW\tGent", "ocmw\u{00a0}gent"),
            ("ΣΟΦΙΑ", "σοφια"),
        ];
        for (a, b) in same {
            assert_eq!(organization_key(a), organization_key(b), "{a:?} and {b:?}");
        }
        assert_eq!(organization_key("Caritas  Intl."), "caritas intl.");
        assert_ne!(organization_key("OCMW-Gent"), organization_key("OCMW Gent"), "punctuation is kept");
        assert_eq!(organization_key(" \t "), "");
    }
}
