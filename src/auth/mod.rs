//! Accounts, roles, passwords, sessions and API tokens: plain functions on a connection, below
//! the web layer (whose identity extractors, `web::identity`, are built on them).
//!
//! Roles are ordered: `admin` ⊇ `organizer` ⊇ `checkin`.

pub mod password_policy;
pub mod passwords;
pub mod service;
pub mod sessions;
