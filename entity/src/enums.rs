//! Enums stored as short strings, so rows read the same on SQLite, PostgreSQL and MariaDB.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// How a partner attends: in the room or on the stream.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum AttendanceMode {
    #[sea_orm(string_value = "in_person")]
    InPerson,
    #[sea_orm(string_value = "online")]
    Online,
}

impl AttendanceMode {
    pub const ALL: [AttendanceMode; 2] = [AttendanceMode::InPerson, AttendanceMode::Online];

    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceMode::InPerson => "in_person",
            AttendanceMode::Online => "online",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in_person" => Some(AttendanceMode::InPerson),
            "online" => Some(AttendanceMode::Online),
            _ => None,
        }
    }
}

/// Where a registration stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    #[sea_orm(string_value = "waitlisted")]
    Waitlisted,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
    /// At an event with `access: approval`: waiting for the organizers' decision, no seat.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// The organizers said no. Like a pending request it keeps its address (one request per
    /// person), and it takes no seat.
    #[sea_orm(string_value = "declined")]
    Declined,
}

impl RegistrationStatus {
    pub const ALL: [RegistrationStatus; 5] = [
        RegistrationStatus::Confirmed,
        RegistrationStatus::Waitlisted,
        RegistrationStatus::Pending,
        RegistrationStatus::Declined,
        RegistrationStatus::Cancelled,
    ];

    /// Holding a seat or a place in the waiting line: what "registered" counts.
    pub const PLACED: [RegistrationStatus; 2] = [RegistrationStatus::Confirmed, RegistrationStatus::Waitlisted];
    /// Still expecting to come: placed, or waiting for the organizers' decision. These get
    /// the event's updates and may change or withdraw.
    pub const OPEN: [RegistrationStatus; 3] =
        [RegistrationStatus::Confirmed, RegistrationStatus::Waitlisted, RegistrationStatus::Pending];

    pub fn holds_place(self) -> bool {
        Self::PLACED.contains(&self)
    }

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
            RegistrationStatus::Pending => "pending",
            RegistrationStatus::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "confirmed" => Some(RegistrationStatus::Confirmed),
            "waitlisted" => Some(RegistrationStatus::Waitlisted),
            "cancelled" => Some(RegistrationStatus::Cancelled),
            "pending" => Some(RegistrationStatus::Pending),
            "declined" => Some(RegistrationStatus::Declined),
            _ => None,
        }
    }
}

/// Who may register for an event.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum EventAccess {
    /// Anyone with the event's page.
    #[default]
    #[sea_orm(string_value = "open")]
    Open,
    /// A personal invitation link, or an address at one of the allowed domains.
    #[sea_orm(string_value = "invitation")]
    Invitation,
    /// Anyone may ask; registrations wait as `pending` for the organizers' decision.
    #[sea_orm(string_value = "approval")]
    Approval,
}

impl EventAccess {
    pub const ALL: [EventAccess; 3] = [EventAccess::Open, EventAccess::Invitation, EventAccess::Approval];

    pub fn as_str(self) -> &'static str {
        match self {
            EventAccess::Open => "open",
            EventAccess::Invitation => "invitation",
            EventAccess::Approval => "approval",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// An event's life cycle; only `published` events take registrations.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "closed")]
    Closed,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Closed => "closed",
            EventStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(EventStatus::Draft),
            "published" => Some(EventStatus::Published),
            "closed" => Some(EventStatus::Closed),
            "cancelled" => Some(EventStatus::Cancelled),
            _ => None,
        }
    }
}

/// What an account may do. Ordered: each role includes the ones below it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[sea_orm(string_value = "checkin")]
    Checkin,
    #[sea_orm(string_value = "organizer")]
    Organizer,
    #[sea_orm(string_value = "admin")]
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Checkin => "checkin",
            Role::Organizer => "organizer",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "checkin" => Some(Role::Checkin),
            "organizer" => Some(Role::Organizer),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Delivery state of an outbox row.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "sending")]
    Sending,
    #[sea_orm(string_value = "sent")]
    Sent,
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Over the per-address limit: held, and sent (with the latest state) when the hour ends.
    #[sea_orm(string_value = "deferred")]
    Deferred,
}

/// The three languages Convene speaks; stored as its code (`en`, `fr`, `nl`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    #[sea_orm(string_value = "en")]
    En,
    #[sea_orm(string_value = "fr")]
    Fr,
    #[sea_orm(string_value = "nl")]
    Nl,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::En, Language::Fr, Language::Nl];

    /// A language code, any case, surrounding spaces ignored.
    pub fn parse(s: &str) -> Option<Language> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Language::En),
            "fr" => Some(Language::Fr),
            "nl" => Some(Language::Nl),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Nl => "nl",
        }
    }
}
