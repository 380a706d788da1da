//! A registration's history as the person page shows it: the stored entries (registered,
//! promoted, switched, edited, cancelled, held seat given) merged in time order with what
//! other tables already record (check-ins and their undoing, exits, the first online join,
//! every mail), each as a sentence in the viewer's language with when and who.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entity::{checkin, online_join, outbox_email, registration, room_exit};
use minijinja::{Value, context};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::Language;
use crate::history;
use crate::i18n::{format_short, t};

/// One line of the timeline, before it is put into words.
struct Entry {
    at: DateTime<Utc>,
    kind: &'static str,
    actor: (&'static str, Option<String>),
    params: Vec<(&'static str, String)>,
}

fn mode_word(mode: &str, lang: Language) -> String {
    t(lang, &format!("mode-label-{mode}"), &[])
}

/// The stored entry's parameters, put into words where they are codes.
fn stored_params(row: &entity::registration_history::Model, lang: Language) -> Vec<(&'static str, String)> {
    let get = |k: &str| row.params.0.get(k).cloned().unwrap_or_default();
    let mode = |k: &str| Some(get(k)).filter(|m| !m.is_empty()).map(|m| mode_word(&m, lang)).unwrap_or_default();
    let fields = get("fields")
        .split(',')
        .filter(|f| !f.is_empty())
        .map(|f| t(lang, &format!("field-{f}"), &[]))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        ("mode", mode("mode")),
        ("from", mode("from")),
        ("to", mode("to")),
        ("from_mode", mode("from_mode")),
        (
            "status",
            Some(get("status"))
                .filter(|s| !s.is_empty())
                .map(|s| t(lang, &format!("status-{s}"), &[]))
                .unwrap_or_default(),
        ),
        ("fields", fields),
        ("walk_in", get("walk_in")),
    ]
}

fn stored_kind(kind: &str) -> &'static str {
    history::Kind::ALL.into_iter().find(|k| k.as_str() == kind).map_or("unknown", history::Kind::as_str)
}

fn actor_of(kind: &str) -> &'static str {
    ["registrant", "organizer", "desk", "system"].into_iter().find(|a| *a == kind).unwrap_or("system")
}

/// The timeline of `reg`, oldest first, ready for the template.
pub async fn timeline(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    tz: Tz,
    lang: Language,
) -> Result<Vec<Value>, DbErr> {
    let mut entries: Vec<Entry> = history::of_registration(db, reg.id)
        .await?
        .into_iter()
        .map(|row| Entry {
            at: row.at,
            kind: stored_kind(&row.kind),
            actor: (actor_of(&row.actor_kind), row.actor_label.clone()),
            params: stored_params(&row, lang),
        })
        .collect();
    for c in checkin::Entity::find().filter(checkin::Column::RegistrationId.eq(reg.id)).all(db).await? {
        entries.push(Entry {
            at: c.checked_in_at,
            kind: "checked_in",
            actor: ("desk", Some(c.desk.clone())),
            params: vec![],
        });
        if let Some(undone) = c.undone_at {
            entries.push(Entry {
                at: undone,
                kind: "check_in_undone",
                actor: ("desk", c.undone_by.clone()),
                params: vec![],
            });
        }
    }
    for exit in room_exit::Entity::find().filter(room_exit::Column::RegistrationId.eq(reg.id)).all(db).await? {
        entries.push(Entry {
            at: exit.exited_at,
            kind: "exit",
            actor: ("desk", Some(exit.desk.clone())),
            params: vec![],
        });
        if let Some(back) = exit.returned_at {
            entries.push(Entry { at: back, kind: "returned", actor: ("desk", None), params: vec![] });
        }
    }
    if let Some(join) =
        online_join::Entity::find().filter(online_join::Column::RegistrationId.eq(reg.id)).one(db).await?
    {
        let count = join.join_count.to_string();
        entries.push(Entry {
            at: join.first_joined_at,
            kind: "joined",
            actor: ("registrant", None),
            params: vec![("count", count)],
        });
    }
    let mails = outbox_email::Entity::find()
        .filter(outbox_email::Column::RegistrationId.eq(reg.id))
        .order_by_asc(outbox_email::Column::Id)
        .all(db)
        .await?;
    // An organizers' mailing is named by its subject and its author.
    let mailing_ids: Vec<uuid::Uuid> = mails.iter().filter_map(|m| m.mailing_id).collect();
    let mailings: std::collections::HashMap<uuid::Uuid, entity::mailing::Model> = if mailing_ids.is_empty() {
        Default::default()
    } else {
        entity::mailing::Entity::find()
            .filter(entity::mailing::Column::Id.is_in(mailing_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect()
    };
    for mail in mails {
        let status = t(lang, &format!("mail-status-{}", format!("{:?}", mail.status).to_lowercase()), &[]);
        let mailing = mail.mailing_id.and_then(|id| mailings.get(&id));
        let (what, actor) = match mailing {
            Some(m) => (
                t(lang, "history-mailing", &[("subject", m.subject.for_language(lang.code()))]),
                ("organizer", Some(m.created_by.clone())),
            ),
            None => (t(lang, &format!("mail-kind-{}", mail.kind), &[]), ("system", None)),
        };
        entries.push(Entry {
            at: mail.created_at,
            kind: "mailed",
            actor,
            params: vec![("mail", what), ("status", status)],
        });
    }
    entries.sort_by_key(|e| e.at);
    Ok(entries
        .into_iter()
        .map(|e| {
            let args: Vec<(&str, &str)> = e.params.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let walk_in = e.params.iter().any(|(k, v)| *k == "walk_in" && v == "yes");
            let key = if walk_in { "history-walk_in".to_owned() } else { format!("history-{}", e.kind) };
            let who = match e.actor {
                (kind @ ("organizer" | "desk"), Some(label)) => {
                    t(lang, &format!("history-by-{kind}"), &[("who", &label)])
                }
                (kind, _) => t(lang, &format!("history-by-{kind}"), &[("who", "")]),
            };
            context! { at => format_short(e.at, tz, lang), text => t(lang, &key, &args), who => who, kind => e.kind }
        })
        .collect())
}
