//! Integration tests: the real app on a real port, each test with its own database.
//!
//! SQLite by default (a fresh file per test). Set `CONVENE_TEST_DATABASE` to a server URL
//! without a database name — `postgres://postgres@127.0.0.1:5432` or
//! `mysql://root@127.0.0.1:3306` — to run the same tests on a fresh PostgreSQL or MariaDB
//! database each (`.ci/run` does both).

mod access;
mod attendance;
pub mod backoffice;
mod binary;
mod check_in;
mod concurrency;
mod connections;
mod contract;
mod delivery;
mod door;
mod editions;
mod events;
mod exports;
mod exports_people;
mod headers;
mod helpers;
mod identity;
mod import_jobs;
mod imports;
mod jobs_client;
mod mail;
mod mail_limits;
mod mail_samples;
mod mailings;
mod organizations;
mod pages;
mod privacy;
mod privacy_bytes;
mod privacy_pages;
mod questions;
mod registrations;
mod registrations_table;
mod room;
mod safe_actions;
mod seat_properties;
mod secrets;
use convene_test_support::smtp;
mod transfer;
mod words;
