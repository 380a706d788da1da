//! The typed messages the outbox holds. A row stores what happened, not the rendered mail:
//! subject, bodies and attachments are rendered when sent, in the registrant's language.

use entity::{AttendanceMode, RegistrationStatus};
use serde::{Deserialize, Serialize};

/// Why a confirmation is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmationReason {
    Registered,
    /// A seat freed up and the registration left the waitlist.
    Promoted,
    /// The registrant (or staff) switched mode.
    ModeSwitched,
    /// The organizers approved the request (at an event with `access: approval`).
    Approved,
    /// A colleague handed their registration to the recipient.
    Transferred,
}

/// Why the manage link is mailed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkReason {
    RepeatedRegistration,
    LostLink,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    Confirmation {
        reason: ConfirmationReason,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous_mode: Option<AttendanceMode>,
        /// The calendar entry's SEQUENCE at the time of the change.
        sequence: i32,
    },
    Waitlisted {
        /// The organizers approved the request and the room was full at that moment.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        approved: bool,
    },
    /// A request at an event with `access: approval` is waiting for the organizers.
    RequestReceived,
    /// The organizers declined the request.
    Declined {
        /// What the organizers wrote to the person.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    Cancelled {
        sequence: i32,
        /// What the organizer wrote to the person, when an organizer cancelled.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    ManageLink {
        reason: LinkReason,
    },
    /// The event started and no seat freed up for this waitlisted registration.
    NoSeatFreed,
    /// The event's time or place changed; `changes` names what (`time`, `venue`).
    EventUpdated {
        changes: Vec<String>,
        sequence: i32,
    },
    EventCancelled {
        sequence: i32,
        /// What the organizers wrote to every registrant when cancelling.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    Reminder,
    /// To the former holder of a registration handed to a colleague, at their own address
    /// (their row now holds the colleague). The address and name are emptied once sent.
    TransferNotice {
        email: String,
        first_name: String,
        /// The colleague's name, as the former holder typed it.
        colleague: String,
    },
    /// One recipient's copy of an organizers' mailing (`mailing` row): rendered when sent,
    /// from the mailing's text and the registration as it is then.
    Mailing {
        mailing_id: uuid::Uuid,
    },
    /// A mailing as one recipient will read it, sent to the organizer who asked for a test.
    /// Rendered when queued; the address and text are emptied once sent.
    MailingTest {
        email: String,
        subject: String,
        body: String,
        /// Whose mail it shows, as the page chose them ("Amina Diallo").
        shown_as: String,
    },
    /// A personal invitation from an imported partner list (no registration yet); the
    /// recipient is the invitation row.
    Invitation {
        invitation_id: uuid::Uuid,
    },
}

impl Message {
    /// The mail that tells a registration's holder where it stands now (sent again by an
    /// organizer, or with new links); `None` once cancelled or declined.
    pub fn standing(status: RegistrationStatus, calendar_sequence: i32) -> Option<Message> {
        match status {
            RegistrationStatus::Confirmed => Some(Message::Confirmation {
                reason: ConfirmationReason::Registered,
                previous_mode: None,
                sequence: calendar_sequence,
            }),
            RegistrationStatus::Waitlisted => Some(Message::Waitlisted { approved: false }),
            RegistrationStatus::Pending => Some(Message::RequestReceived),
            RegistrationStatus::Cancelled | RegistrationStatus::Declined => None,
        }
    }

    /// The iCalendar SEQUENCE this message carries an `.ics` with, if any.
    pub fn calendar_sequence(&self) -> Option<i32> {
        match self {
            Message::Confirmation { sequence, .. }
            | Message::Cancelled { sequence, .. }
            | Message::EventUpdated { sequence, .. }
            | Message::EventCancelled { sequence, .. } => Some(*sequence),
            _ => None,
        }
    }

    /// The organizer's own words for the recipient, if the message carries any.
    pub fn note(&self) -> Option<&str> {
        match self {
            Message::Cancelled { note, .. } | Message::EventCancelled { note, .. } => note.as_deref(),
            Message::Declined { message } => message.as_deref(),
            _ => None,
        }
    }

    /// The outbox row's `kind`, also the template folder's name.
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Confirmation { .. } => "confirmation",
            Message::Waitlisted { .. } => "waitlisted",
            Message::RequestReceived => "request_received",
            Message::Declined { .. } => "declined",
            Message::Cancelled { .. } => "cancelled",
            Message::ManageLink { .. } => "manage_link",
            Message::NoSeatFreed => "no_seat_freed",
            Message::EventUpdated { .. } => "event_updated",
            Message::EventCancelled { .. } => "event_cancelled",
            Message::Reminder => "reminder",
            Message::Invitation { .. } => "invitation",
            Message::TransferNotice { .. } => "transfer_notice",
            Message::Mailing { .. } => "mailing",
            Message::MailingTest { .. } => "mailing_test",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_serialized_kind_matches_kind() {
        let messages = [
            Message::Confirmation { reason: ConfirmationReason::Promoted, previous_mode: None, sequence: 1 },
            Message::Waitlisted { approved: false },
            Message::Waitlisted { approved: true },
            Message::RequestReceived,
            Message::Declined { message: Some("The room is for partner organizations.".into()) },
            Message::Cancelled { sequence: 2, note: None },
            Message::ManageLink { reason: LinkReason::LostLink },
            Message::NoSeatFreed,
            Message::EventUpdated { changes: vec!["starts_at".into()], sequence: 2 },
            Message::EventCancelled { sequence: 3, note: Some("We meet in March instead.".into()) },
            Message::Reminder,
            Message::Invitation { invitation_id: uuid::Uuid::nil() },
            Message::TransferNotice { email: "a@x.org".into(), first_name: "A".into(), colleague: "B C".into() },
            Message::Mailing { mailing_id: uuid::Uuid::nil() },
            Message::MailingTest {
                email: "o@x.org".into(),
                subject: "Room change".into(),
                body: "Dear Amina".into(),
                shown_as: "Amina Diallo".into(),
            },
        ];
        for m in messages {
            let json = serde_json::to_value(&m).unwrap_or_default();
            assert_eq!(json["kind"], m.kind());
            let back: Message = serde_json::from_value(json).unwrap_or(Message::Reminder);
            assert_eq!(back, m);
        }
    }

    #[test]
    fn waitlist_notices_queued_before_approvals_still_read() {
        let stored: Result<Message, _> = serde_json::from_str(r#"{"kind":"waitlisted"}"#);
        assert_eq!(stored.ok(), Some(Message::Waitlisted { approved: false }));
    }
}
