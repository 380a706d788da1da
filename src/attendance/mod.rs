//! Attendance: who came, at the door or online, and the counts organizers report.

pub mod routes;
pub mod stats;
