//! Registrations: partners taking a seat or a stream place, the waitlist, and the
//! registrant's own view and edits.

pub mod answers;
pub mod input;
pub mod page_cache;
pub mod pages;
pub mod policy;
pub mod routes;
pub mod rows;
pub mod seats;
pub mod service;
pub mod view;
