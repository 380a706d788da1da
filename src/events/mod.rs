//! Events: what organizers create, and the rules for changing them.

mod admission;
pub mod dashboard;
mod dashboard_view;
pub mod edition_pages;
pub mod editions;
mod event_form;
pub mod form_rows;
pub mod input;
pub mod pages;
pub mod programme;
pub mod questions;
pub mod routes;
pub mod service;
mod slug;
pub mod status_pages;
pub mod view;
