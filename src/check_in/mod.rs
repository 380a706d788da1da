//! At the door: scanning tickets (idempotent, one active check-in per registration however
//! many desks scan at once), undoing a check-in, walk-ins, and the staff search. Nothing here
//! answers with a registrant's secrets: staff see [`view::StaffRegistrationView`]. Optional per
//! event: exit scans and the room's live head count ([`room`]).

pub mod desk;
pub mod desk_links;
pub mod door;
pub mod index;
pub mod input;
pub mod offline_routes;
pub mod policy;
pub mod room;
pub mod routes;
pub mod search;
pub mod service;
pub mod together;
pub mod view;
mod walk_in;
