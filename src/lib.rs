//! Convene: self-hosted registration and attendance for hybrid events.
//!
//! The binary (`main.rs`) only parses the command line; everything else lives here so that
//! integration tests drive exactly what production runs. Features are folders with the same
//! inner shape: `policy` (pure rules), `service` (use cases on any connection; the caller owns
//! the transaction), `routes` (thin handlers).

pub mod accounts;
pub mod app;
pub mod attendance;
pub mod auth;
pub mod branding;
pub mod check_in;
pub mod cli;
pub mod config;
pub mod contacts;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod events;
pub mod exports;
pub mod facts;
pub mod field_errors;
pub mod history;
pub mod i18n;
#[cfg(test)]
mod i18n_coverage;
pub mod imports;
pub mod jobs;
pub mod mail;
pub mod mailings;
pub mod privacy;
pub mod registrations;
pub mod routes;
pub mod seats;
pub mod secrets;
pub mod settings;
pub mod telemetry;
pub mod templates;
pub mod web;

pub use app::App;
pub use config::Config;
