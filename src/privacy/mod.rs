//! Privacy: erasing registrants' personal data (by the retention job, an organizer or the
//! registrant), the registrant's own data as JSON, the consent each registration was given
//! under, and the audit of who exported, downloaded, erased or changed settings.
//!
//! What erasure removes and keeps is in `erasure.rs`; when it is due in `policy.rs`.

pub mod audit;
pub mod consent;
pub mod data;
pub mod erasure;
pub mod pages;
pub mod policy;
pub mod retention;
pub mod routes;
pub mod service;
