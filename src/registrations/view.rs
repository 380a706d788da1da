//! How a registration is shown to its registrant (with the secret links) — never to staff.

use entity::{AttendanceMode, RegistrationStatus, event, registration};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::events::view::utc;

/// The registrant's own view: carries `manage_token`, `manage_url` and the join link, so it
/// is only ever sent to the registrant (the 201 answer, the manage API, their mails).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegistrationView {
    pub id: Uuid,
    pub event_id: Uuid,
    pub status: RegistrationStatus,
    pub mode: AttendanceMode,
    /// Why a waitlisted registration waits: `capacity` or `organization_cap`; `null` otherwise.
    pub waitlist_reason: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organization: String,
    pub language: entity::Language,
    #[schema(value_type = Object)]
    pub answers: std::collections::BTreeMap<String, serde_json::Value>,
    pub ticket_code: String,
    pub manage_token: String,
    pub manage_url: String,
    /// Present while the registrant may follow online.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join_url: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<String>,
}

pub use crate::facts::{join_url, manage_url, may_follow_online};

/// Why `reg` waits, while it does.
pub fn waitlist_reason(reg: &registration::Model) -> Option<String> {
    (reg.status == RegistrationStatus::Waitlisted)
        .then(|| reg.waitlist_reason.clone().unwrap_or_else(|| "capacity".to_owned()))
}

impl RegistrationView {
    pub fn new(reg: &registration::Model, event: &event::Model, base_url: &str) -> RegistrationView {
        RegistrationView {
            id: reg.id,
            event_id: reg.event_id,
            status: reg.status,
            mode: reg.mode,
            waitlist_reason: waitlist_reason(reg),
            first_name: reg.first_name().to_owned(),
            last_name: reg.last_name().to_owned(),
            email: reg.email().to_owned(),
            organization: reg.organization.clone(),
            language: reg.language,
            answers: reg.answers().clone(),
            ticket_code: crate::facts::ticket_code(reg).unwrap_or_default(),
            manage_token: crate::facts::manage_token(reg).unwrap_or_default(),
            manage_url: manage_url(base_url, reg),
            join_url: may_follow_online(reg, event).then(|| join_url(base_url, reg)),
            created_at: utc(reg.created_at),
            updated_at: utc(reg.updated_at),
            cancelled_at: reg.cancelled_at.map(utc),
        }
    }
}
