//! Attendee data in: partner lists (registrations or invitations) and video-platform
//! attendance reports, each answered with a per-row report. Imports run in the caller's
//! transaction; a dry run is the same work rolled back.

pub mod attendance;
pub mod cli;
pub mod invitations;
pub mod jobs;
pub mod pages;
pub mod registrations;
pub mod report;
pub mod routes;
mod rows;
pub mod table;
