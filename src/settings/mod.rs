//! The organizer identity: who organizes, shown on pages and mails (API.md "Organizer
//! identity"). The API and the admins' settings page change it; `branding` reads it.

pub mod input;
pub mod pages;
pub mod routes;
pub mod service;
