//! The seat and waitlist rules, as pure functions: no I/O, no clock.
//!
//! The service loads the event's counters under its row lock, asks these functions what to
//! do, and writes the answer with guarded updates, so the database enforces what the policy
//! decided even if a caller got it wrong.

use chrono::{DateTime, Utc};

/// One mode's seats: `capacity` `None` is unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seats {
    pub capacity: Option<u32>,
    pub confirmed: u32,
}

impl Seats {
    /// Free seats; `None` when unlimited.
    pub fn free(self) -> Option<u32> {
        self.capacity.map(|cap| cap.saturating_sub(self.confirmed))
    }

    pub fn has_free(self) -> bool {
        self.free().is_none_or(|n| n > 0)
    }
}

/// Why a registration waits for a seat (or was refused one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    /// The room is full (or others wait before it).
    Capacity,
    /// Its organization has used the seats the per-organization cap allows.
    OrganizationCap,
}

impl WaitReason {
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::Capacity => "capacity",
            WaitReason::OrganizationCap => "organization_cap",
        }
    }
}

/// Where a new registration lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Confirmed,
    Waitlisted(WaitReason),
    /// No seat and no waitlist: refused (`capacity_full` or `organization_full`).
    Full(WaitReason),
}

/// A new registration takes a free seat, else joins the waitlist if the event has one.
///
/// `waiting` is how many already wait for this mode and could take a seat now (those whose
/// organization is at its cap cannot): a newcomer never jumps that queue, even if a seat is
/// momentarily free before they were promoted. `organization` is the seats of the newcomer's
/// organization against its cap, when a cap applies to them.
pub fn place_new(seats: Seats, organization: Option<Seats>, waitlist: bool, waiting: u32) -> Placement {
    let reason = if waiting > 0 || !seats.has_free() {
        WaitReason::Capacity
    } else if organization.is_some_and(|org| !org.has_free()) {
        WaitReason::OrganizationCap
    } else {
        return Placement::Confirmed;
    };
    if waitlist { Placement::Waitlisted(reason) } else { Placement::Full(reason) }
}

/// The per-organization cap in force at `now`: `cap` until `lifts_at` (if any), then none.
pub fn organization_cap(cap: Option<i32>, lifts_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<u32> {
    let cap = u32::try_from(cap?).unwrap_or(0);
    match lifts_at {
        Some(at) if now >= at => None,
        _ => Some(cap),
    }
}

/// How many of the `waiting` registrations can be confirmed now, oldest first.
pub fn promotable(seats: Seats, waiting: u32, now: DateTime<Utc>, starts_at: DateTime<Utc>) -> u32 {
    if now >= starts_at {
        return 0; // promotion stops when the event starts
    }
    match seats.free() {
        None => waiting,
        Some(free) => free.min(waiting),
    }
}

/// A mode switch: the target mode must have a free seat, or nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    /// Already in that mode: nothing to do.
    Unchanged,
    /// Confirmed in the target mode; `frees_seat` when the old mode's seat is given back.
    Move { frees_seat: bool },
    /// The target mode is full: 409, nothing changed.
    Full,
}

pub fn switch_mode(same_mode: bool, currently_confirmed: bool, target: Seats, target_waiting: u32) -> Switch {
    if same_mode {
        Switch::Unchanged
    } else if target_waiting == 0 && target.has_free() {
        Switch::Move { frees_seat: currently_confirmed }
    } else {
        Switch::Full
    }
}

/// An organizer's capacity change for one mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityChange {
    /// Allowed; then promote up to this many from the waitlist.
    Allowed { promote: u32 },
    /// Below the confirmed count: 409.
    BelowConfirmed,
}

pub fn change_capacity(new_capacity: Option<u32>, confirmed: u32, waiting: u32) -> CapacityChange {
    match new_capacity {
        Some(cap) if cap < confirmed => CapacityChange::BelowConfirmed,
        Some(cap) => CapacityChange::Allowed { promote: (cap - confirmed).min(waiting) },
        None => CapacityChange::Allowed { promote: waiting },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn caps() -> impl Iterator<Item = Option<u32>> {
        std::iter::once(None).chain((0..6).map(Some))
    }

    #[test]
    fn a_new_registration_is_confirmed_exactly_when_a_seat_is_free_nobody_waits_and_its_organization_may() {
        let organizations =
            [None, Some(Seats { capacity: Some(2), confirmed: 1 }), Some(Seats { capacity: Some(2), confirmed: 2 })];
        for capacity in caps() {
            for confirmed in 0..8 {
                for waiting in 0..3 {
                    for waitlist in [false, true] {
                        for organization in organizations {
                            let seats = Seats { capacity, confirmed };
                            let placed = place_new(seats, organization, waitlist, waiting);
                            let free = capacity.is_none_or(|c| confirmed < c);
                            let org_free = organization.is_none_or(Seats::has_free);
                            let reason =
                                if free && waiting == 0 { WaitReason::OrganizationCap } else { WaitReason::Capacity };
                            let expected = if free && waiting == 0 && org_free {
                                Placement::Confirmed
                            } else if waitlist {
                                Placement::Waitlisted(reason)
                            } else {
                                Placement::Full(reason)
                            };
                            assert_eq!(
                                placed, expected,
                                "{seats:?} {organization:?} waitlist={waitlist} waiting={waiting}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_organization_cap_holds_until_it_lifts() {
        let now = crate::domain::now();
        let hour = Duration::hours(1);
        assert_eq!(organization_cap(None, None, now), None);
        assert_eq!(organization_cap(Some(2), None, now), Some(2));
        assert_eq!(organization_cap(Some(2), Some(now + hour), now), Some(2));
        assert_eq!(organization_cap(Some(2), Some(now), now), None, "lifted from that instant");
        assert_eq!(organization_cap(Some(2), Some(now - hour), now), None);
    }

    #[test]
    fn confirming_never_exceeds_capacity() {
        // Replaying any sequence of placements from empty never goes past the capacity.
        for capacity in 0..6u32 {
            let mut seats = Seats { capacity: Some(capacity), confirmed: 0 };
            for _ in 0..10 {
                if place_new(seats, None, true, 0) == Placement::Confirmed {
                    seats.confirmed += 1;
                }
            }
            assert_eq!(seats.confirmed, capacity);
        }
    }

    #[test]
    fn promotion_fills_free_seats_oldest_first_until_the_start() {
        let start = crate::domain::now() + Duration::hours(1);
        let before = start - Duration::minutes(1);
        for capacity in caps() {
            for confirmed in 0..8 {
                for waiting in 0..8 {
                    let seats = Seats { capacity, confirmed };
                    let n = promotable(seats, waiting, before, start);
                    assert!(n <= waiting);
                    if let Some(cap) = capacity {
                        assert!(confirmed + n <= cap.max(confirmed));
                        assert_eq!(n, cap.saturating_sub(confirmed).min(waiting));
                    } else {
                        assert_eq!(n, waiting);
                    }
                    assert_eq!(promotable(seats, waiting, start, start), 0);
                }
            }
        }
    }

    #[test]
    fn switching_needs_a_free_seat_in_the_target_mode() {
        let free = Seats { capacity: Some(2), confirmed: 1 };
        let full = Seats { capacity: Some(2), confirmed: 2 };
        let unlimited = Seats { capacity: None, confirmed: 99 };
        assert_eq!(switch_mode(true, true, full, 0), Switch::Unchanged);
        assert_eq!(switch_mode(false, true, free, 0), Switch::Move { frees_seat: true });
        assert_eq!(switch_mode(false, false, free, 0), Switch::Move { frees_seat: false });
        assert_eq!(switch_mode(false, true, unlimited, 0), Switch::Move { frees_seat: true });
        assert_eq!(switch_mode(false, true, full, 0), Switch::Full);
        assert_eq!(switch_mode(false, true, free, 1), Switch::Full, "may not jump that mode's queue");
    }

    #[test]
    fn capacity_may_not_drop_below_the_confirmed_count() {
        for confirmed in 0..6 {
            for waiting in 0..4 {
                for cap in 0..8 {
                    let change = change_capacity(Some(cap), confirmed, waiting);
                    if cap < confirmed {
                        assert_eq!(change, CapacityChange::BelowConfirmed);
                    } else {
                        assert_eq!(change, CapacityChange::Allowed { promote: (cap - confirmed).min(waiting) });
                    }
                }
                assert_eq!(change_capacity(None, confirmed, waiting), CapacityChange::Allowed { promote: waiting });
            }
        }
    }
}
