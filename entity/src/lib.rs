//! SeaORM entities: one module per table, plus the string-backed enums they share.
//!
//! No business rules live here; the `convene` crate maps these rows to its own view types
//! before anything reaches JSON or a template.

pub mod api_token;
pub mod audit_entry;
pub mod checkin;
pub mod contact;
pub mod desk_link;
pub mod door_request;
pub mod door_setting;
pub mod enums;
pub mod event;
pub mod import_job;
pub mod import_job_chunk;
pub mod index_download;
pub mod invitation;
pub mod invitation_opt_out;
pub mod json;
pub mod mailing;
pub mod online_join;
pub mod organization_alias;
pub mod organization_seat;
pub mod organizer_identity;
pub mod outbox_email;
pub mod registration;
pub mod registration_history;
pub mod room_exit;
pub mod session;
pub mod user;

pub use enums::*;
