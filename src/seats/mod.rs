//! The seat rules, the heart of the product, in one home: the pure policy (`policy`), the event
//! lock and the guarded counters on the event row (`counters`), the seats per partner
//! organization and their cap (`organizations`), and the waiting line with its promotion
//! (`waitlist`). Events, registrations and check-in all take and free seats through
//! here; "capacity is never exceeded" holds because every seat change runs under
//! [`lock_event`] and ends in a guarded counter update.

pub mod counters;
pub mod organizations;
pub mod policy;
pub mod waitlist;

pub use counters::{
    CapRule, Holder, Taken, held_seats, lock_event, lock_event_reserving, release_held_seat, release_seat,
    release_seat_of, seats, take_held_seat, take_seat, take_seats, waiting,
};
pub use policy::Seats;
pub use waitlist::promote_waitlist;
