//! An event's rules on who comes: who may register (`access`, allowed domains) and the seats
//! per partner organization (the cap and when it lifts), as the event's input parses them.

use chrono::{DateTime, Utc};
use entity::EventAccess;

use super::input::{MAX_CAPACITY, parse_instant};
use crate::error::{FieldError, FieldErrors};

/// The rules, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Admission {
    pub access: EventAccess,
    pub allowed_email_domains: Vec<String>,
    pub per_organization_in_person_cap: Option<i32>,
    pub organization_cap_lifts_at: Option<DateTime<Utc>>,
}

/// Parses `(access, allowed_email_domains)` and `(per_organization_in_person_cap,
/// organization_cap_lifts_at)` as sent, each problem under its field.
pub fn parse(
    (access, domains): (Option<String>, Option<Vec<String>>),
    (cap, lifts_at): (Option<i64>, Option<String>),
    errors: &mut FieldErrors,
) -> Admission {
    let access = match access.as_deref() {
        None => EventAccess::Open,
        Some(raw) => EventAccess::parse(raw.trim()).unwrap_or_else(|| {
            errors.insert("access", FieldError::new("invalid_access"));
            EventAccess::Open
        }),
    };
    let allowed_email_domains = crate::registrations::access::parse_domains(domains, errors);
    let per_organization_in_person_cap = match cap {
        None => None,
        Some(n) if (1..=MAX_CAPACITY).contains(&n) => i32::try_from(n).ok(),
        Some(_) => {
            errors.insert("per_organization_in_person_cap", FieldError::new("invalid_organization_cap"));
            None
        }
    };
    let organization_cap_lifts_at = match lifts_at.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => {
            parse_instant(raw).map_err(|e| errors.insert("organization_cap_lifts_at", e)).ok()
        }
        _ => None,
    };
    Admission { access, allowed_email_domains, per_organization_in_person_cap, organization_cap_lifts_at }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_is_checked_under_its_field() {
        let mut errors = FieldErrors::new();
        let rules =
            parse((Some("approval".into()), None), (Some(2), Some("2026-12-12T12:00:00+01:00".into())), &mut errors);
        assert!(errors.is_empty());
        assert_eq!((rules.access, rules.per_organization_in_person_cap), (EventAccess::Approval, Some(2)));
        assert!(rules.organization_cap_lifts_at.is_some());
        let mut errors = FieldErrors::new();
        parse((Some("members".into()), Some(vec!["x".into()])), (Some(0), Some("tomorrow".into())), &mut errors);
        for field in ["access", "allowed_email_domains", "per_organization_in_person_cap", "organization_cap_lifts_at"]
        {
            assert!(errors.contains_key(field), "{field}");
        }
    }
}
