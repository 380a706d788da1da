//! Registrations: partners taking a seat or a stream place, the waitlist, and the
//! registrant's own view and edits.

pub mod access;
pub mod admin_pages;
pub mod answers;
pub mod approval;
pub mod approval_pages;
pub mod approval_routes;
pub mod badges;
mod changes;
pub mod data_pages;
mod history_view;
pub mod input;
pub mod listing;
pub mod mailing;
pub mod manage_pages;
mod organizer_actions;
pub mod page_views;
pub mod pages;
pub mod people_actions;
pub mod person_pages;
pub mod policy;
pub mod resend;
pub mod routes;
pub mod rows;
pub mod service;
pub mod together;
pub mod transfer;
pub mod transfer_pages;
pub mod upgrade;
pub mod view;
