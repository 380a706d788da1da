//! What staff see: a registration without any of the registrant's secrets, and the answer
//! to a scan.
//!
//! [`StaffRegistrationView`] is built field by field from the row, so a new secret column
//! can never leak into a staff answer by accident: no manage token or URL, no join link, no
//! ticket code (staff scan it; they need not read it back).

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, registration};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::policy::RoomLevel;
use super::room::{ExitOutcome, RoomStatus};
use super::service::CheckInOutcome;
use crate::events::view::utc;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct StaffRegistrationView {
    pub id: Uuid,
    pub event_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    /// `null` for a walk-in registered without an address.
    pub email: Option<String>,
    pub organization: String,
    pub mode: AttendanceMode,
    pub status: RegistrationStatus,
    /// Why a waitlisted registration waits: `capacity` or `organization_cap`; `null` otherwise.
    pub waitlist_reason: Option<String>,
    pub language: entity::Language,
    /// When the active check-in was made; `null` when not checked in.
    pub checked_in_at: Option<String>,
    /// Present (`true`) once its personal data is erased: the personal fields are then "".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub erased: bool,
}

impl StaffRegistrationView {
    pub fn new(reg: &registration::Model, checked_in_at: Option<DateTime<Utc>>) -> StaffRegistrationView {
        StaffRegistrationView {
            id: reg.id,
            event_id: reg.event_id,
            first_name: reg.first_name().to_owned(),
            last_name: reg.last_name().to_owned(),
            email: Some(reg.email().to_owned()).filter(|e| !e.is_empty()),
            organization: reg.organization.clone(),
            mode: reg.mode,
            status: reg.status,
            waitlist_reason: crate::registrations::view::waitlist_reason(reg),
            language: reg.language,
            checked_in_at: checked_in_at.map(utc),
            erased: reg.is_erased(),
        }
    }
}

/// The result of a scan (API.md "Check-in").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckInResult {
    CheckedIn,
    AlreadyCheckedIn,
    Unknown,
    Cancelled,
    NotConfirmed,
    CapacityFull,
    /// An online registrant's organization has used its seats in the room (staff may pass
    /// `override_cap`).
    OrganizationFull,
}

/// The answer to a scan or a walk-in. `registration` is there for every known ticket, so the
/// desk can show whose ticket it was; `checked_in_at` for `checked_in` (now) and
/// `already_checked_in` (the first time); `mode_changed` for `checked_in`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckInAnswer {
    pub result: CheckInResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<StaffRegistrationView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_in_at: Option<String>,
    /// `true` when an online registration was moved to a free seat in the room.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode_changed: Option<bool>,
    /// With exit scans: `true` when this scan brought someone back into the room.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returned: Option<bool>,
}

impl From<&CheckInOutcome> for CheckInAnswer {
    fn from(outcome: &CheckInOutcome) -> CheckInAnswer {
        let answer = |result, reg: Option<&registration::Model>, at: Option<DateTime<Utc>>, changed| CheckInAnswer {
            result,
            registration: reg.map(|r| StaffRegistrationView::new(r, at)),
            checked_in_at: at.map(utc),
            mode_changed: changed,
            returned: None,
        };
        match outcome {
            CheckInOutcome::CheckedIn { registration, at, mode_changed } => {
                answer(CheckInResult::CheckedIn, Some(registration), Some(*at), Some(*mode_changed))
            }
            CheckInOutcome::AlreadyCheckedIn { registration, at, returned } => CheckInAnswer {
                returned: returned.then_some(true),
                ..answer(CheckInResult::AlreadyCheckedIn, Some(registration), Some(*at), None)
            },
            CheckInOutcome::Unknown => answer(CheckInResult::Unknown, None, None, None),
            CheckInOutcome::Cancelled { registration } => {
                answer(CheckInResult::Cancelled, Some(registration), None, None)
            }
            CheckInOutcome::NotConfirmed { registration } => {
                answer(CheckInResult::NotConfirmed, Some(registration), None, None)
            }
            CheckInOutcome::CapacityFull { registration } => {
                answer(CheckInResult::CapacityFull, Some(registration), None, None)
            }
            CheckInOutcome::OrganizationFull { registration } => {
                answer(CheckInResult::OrganizationFull, Some(registration), None, None)
            }
        }
    }
}

/// The room now (`GET /events/{id}/room`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoomView {
    pub exit_scans: bool,
    /// The room's own cap, else the in-person capacity; `null` is unlimited.
    pub room_cap: Option<i32>,
    /// People in the room now (checked in and not scanned out); `null` without exit scans.
    pub in_room: Option<i64>,
    /// `near` from 90 % of the cap, `full` at the cap; `null` without exit scans.
    pub level: Option<RoomLevel>,
}

impl From<&RoomStatus> for RoomView {
    fn from(s: &RoomStatus) -> RoomView {
        RoomView { exit_scans: s.exit_scans, room_cap: s.cap, in_room: s.in_room, level: s.level }
    }
}

/// The result of an exit scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExitResult {
    CheckedOut,
    AlreadyOut,
    NotCheckedIn,
    Unknown,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExitAnswer {
    pub result: ExitResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<StaffRegistrationView>,
    /// When they left (for `already_out`, the first exit scan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_at: Option<String>,
}

impl From<&ExitOutcome> for ExitAnswer {
    fn from(outcome: &ExitOutcome) -> ExitAnswer {
        let view = StaffRegistrationView::new;
        let (result, registration, left_at) = match outcome {
            ExitOutcome::Left { registration, checked_in_at, at } => {
                (ExitResult::CheckedOut, Some(view(registration, Some(*checked_in_at))), Some(*at))
            }
            ExitOutcome::AlreadyOut { registration, checked_in_at, at } => {
                (ExitResult::AlreadyOut, Some(view(registration, Some(*checked_in_at))), Some(*at))
            }
            ExitOutcome::NotCheckedIn { registration } => {
                (ExitResult::NotCheckedIn, Some(view(registration, None)), None)
            }
            ExitOutcome::Unknown => (ExitResult::Unknown, None, None),
        };
        ExitAnswer { result, registration, left_at: left_at.map(utc) }
    }
}
