//! Events: what organizers create, and the rules for changing them.

pub mod input;
pub mod routes;
pub mod schedule;
pub mod service;
pub mod view;
