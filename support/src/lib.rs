//! What Convene's integration tests and `convene-bench` share, so that both exercise the
//! product through the same real parts:
//!
//! - [`smtp::SmtpSink`]: a real SMTP server on 127.0.0.1 that records (or only counts) what it
//!   accepts;
//! - [`database::Databases`]: a fresh SQLite file, or a fresh PostgreSQL/MariaDB database
//!   created and dropped on a running server;
//! - [`process::Convene`]: the `convene` binary run as a child process, for a CLI command or
//!   as `convene serve`;
//! - [`sample`]: request bodies both send (a hybrid event).
//!
//! Nothing here is part of the product; the server package uses it only as a dev-dependency.

pub mod database;
pub mod process;
pub mod sample;
pub mod smtp;
