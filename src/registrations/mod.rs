//! Registrations: partners taking a seat or a stream place, the waitlist, and the
//! registrant's own view and edits.

pub mod admin_pages;
pub mod answers;
pub mod input;
pub mod pages;
pub mod policy;
pub mod routes;
pub mod rows;
pub mod service;
pub mod view;
