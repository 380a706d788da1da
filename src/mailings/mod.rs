//! Mailings to registrants: organizers write to a chosen group of an event's registrants, in
//! their languages, now or at a set time (API.md, "Mailings to registrants").
//!
//! `input` parses what organizers send; `audience` is the group as one SQL condition;
//! `service` stores, starts (once across servers) and writes recipients in chunks; the mail
//! itself is built by `mail::mailing` when sent; `routes` is the API and `pages` the back
//! office.

pub mod audience;
pub mod compose_form;
pub mod compose_pages;
pub mod input;
pub mod pages;
pub mod routes;
pub mod service;
pub mod view;
