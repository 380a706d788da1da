//! Attendance: who came, at the door or online, and the counts organizers report.

pub mod join;
pub mod organization_pages;
pub mod organization_routes;
pub mod organizations;
pub mod policy;
pub mod presence;
pub mod routes;
pub mod stats;
