//! The registrant's own data, as JSON: everything the server holds about their registration
//! (its fields and answers, the consent, the history, check-ins, exits, joins, mails, and the
//! future-invitation contact kept under their address).

use entity::{checkin, contact, event, online_join, outbox_email, registration, registration_history, room_exit};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

use crate::events::view::utc;
use crate::registrations::view::RegistrationView;

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonalData {
    pub registration: RegisteredData,
    pub consent: ConsentData,
    pub history: Vec<HistoryData>,
    pub check_ins: Vec<CheckInData>,
    pub exits: Vec<ExitData>,
    pub joins: Vec<JoinData>,
    pub mails: Vec<MailData>,
    /// Kept for invitations to future editions, when asked for.
    pub future_invitations: Option<ContactData>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegisteredData {
    #[serde(flatten)]
    pub view: RegistrationView,
    pub confirmed_at: Option<String>,
    pub held_seat: bool,
    pub reminder_sent_at: Option<String>,
    pub link_resent_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentData {
    pub given_at: String,
    /// The language the sentence was shown in.
    pub language: Option<String>,
    /// The sentence as shown; null for registrations made before consent texts were recorded
    /// (and for imported ones, whose consent was given to the organizers).
    pub text: Option<String>,
    pub version: Option<String>,
    pub privacy_url: Option<String>,
    /// How it was given: form, api, desk, imported by ….
    pub source: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryData {
    pub kind: String,
    pub at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CheckInData {
    pub checked_in_at: String,
    pub undone_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExitData {
    pub exited_at: String,
    pub returned_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JoinData {
    pub first_joined_at: String,
    pub last_joined_at: String,
    pub join_count: i32,
    pub source: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailData {
    pub kind: String,
    pub at: String,
    pub status: entity::OutboxStatus,
    pub sent_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContactData {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub organization: String,
    pub language: entity::Language,
    pub consent_at: String,
}

/// Everything held about `reg` (of `event`), for its registrant.
pub async fn collect(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    event: &event::Model,
    base_url: &str,
) -> Result<PersonalData, DbErr> {
    let history = registration_history::Entity::find()
        .filter(registration_history::Column::RegistrationId.eq(reg.id))
        .order_by_asc(registration_history::Column::At)
        .all(db)
        .await?;
    let check_ins = checkin::Entity::find()
        .filter(checkin::Column::RegistrationId.eq(reg.id))
        .order_by_asc(checkin::Column::CheckedInAt)
        .all(db)
        .await?;
    let exits = room_exit::Entity::find()
        .filter(room_exit::Column::RegistrationId.eq(reg.id))
        .order_by_asc(room_exit::Column::ExitedAt)
        .all(db)
        .await?;
    let joins = online_join::Entity::find().filter(online_join::Column::RegistrationId.eq(reg.id)).all(db).await?;
    let mails = outbox_email::Entity::find()
        .filter(outbox_email::Column::RegistrationId.eq(reg.id))
        .order_by_asc(outbox_email::Column::CreatedAt)
        .all(db)
        .await?;
    let contact = match reg.email.as_deref().filter(|e| !e.is_empty()) {
        Some(email) => contact::Entity::find().filter(contact::Column::Email.eq(email)).one(db).await?,
        None => None,
    };
    Ok(PersonalData {
        registration: RegisteredData {
            view: RegistrationView::new(reg, event, base_url),
            confirmed_at: reg.confirmed_at.map(utc),
            held_seat: reg.held_seat,
            reminder_sent_at: reg.reminder_sent_at.map(utc),
            link_resent_at: reg.link_resent_at.map(utc),
        },
        consent: ConsentData {
            given_at: utc(reg.consent_at),
            language: reg.consent_language.clone(),
            text: reg.consent_text.clone(),
            version: reg.consent_version.clone(),
            privacy_url: reg.consent_privacy_url.clone(),
            source: reg.consent_source.clone(),
        },
        history: history.into_iter().map(|h| HistoryData { kind: h.kind, at: utc(h.at) }).collect(),
        check_ins: check_ins
            .into_iter()
            .map(|c| CheckInData { checked_in_at: utc(c.checked_in_at), undone_at: c.undone_at.map(utc) })
            .collect(),
        exits: exits
            .into_iter()
            .map(|x| ExitData { exited_at: utc(x.exited_at), returned_at: x.returned_at.map(utc) })
            .collect(),
        joins: joins
            .into_iter()
            .map(|j| JoinData {
                first_joined_at: utc(j.first_joined_at),
                last_joined_at: utc(j.last_joined_at),
                join_count: j.join_count,
                source: j.source,
            })
            .collect(),
        mails: mails
            .into_iter()
            .map(|m| MailData { kind: m.kind, at: utc(m.created_at), status: m.status, sent_at: m.sent_at.map(utc) })
            .collect(),
        future_invitations: contact.map(|c| ContactData {
            email: c.email,
            first_name: c.first_name,
            last_name: c.last_name,
            organization: c.organization,
            language: c.language,
            consent_at: utc(c.consent_at),
        }),
    })
}
