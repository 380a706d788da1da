//! Accounts, roles, passwords and API tokens.
//!
//! Roles are ordered: `admin` ⊇ `organizer` ⊇ `checkin`. Handlers state what they need by
//! taking an extractor ([`Organizer`], [`Staff`]), so an unauthenticated handler cannot be
//! written by accident.

pub mod extract;
pub mod passwords;
pub mod service;
pub mod sessions;

pub use extract::{CurrentUser, Organizer, Staff};
