//! Attendee data out: the CSV and XLSX exports (streamed page by page from the database, so
//! memory stays constant whatever the event's size), the `convene export` command and the
//! printable check-in list.
//!
//! Invariants: no token (ticket code, manage or join token) is ever selected; every text cell
//! that a spreadsheet could run as a formula is neutralized (see [`cells::protect`]).

pub mod attendees;
pub mod cells;
pub mod checkin_list;
pub mod cli;
pub mod csv;
pub mod people;
pub mod reading;
pub mod routes;
pub mod xlsx;
