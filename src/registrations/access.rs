//! Who may register (`access`): the event's rule applied to a registrant's own registration,
//! before the seat rules place it. The organizers' own ways in (imports, held seats, walk-ins
//! at the desk) are their decision already and are not asked.
//!
//! - `open`: anyone with the page;
//! - `invitation`: a personal invitation link of this event, or an address at one of
//!   `allowed_email_domains`; otherwise 409 `not_invited`. A link serves one person: once used,
//!   it lets the same address register again (after cancelling) and nobody else;
//! - `approval`: anyone may ask; the request waits as `pending`, with no seat, until an
//!   organizer approves it (`approval.rs`).

use chrono::{DateTime, Utc};
use entity::{EventAccess, event, invitation, registration};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::db::FetchUnique;
use crate::domain::EmailAddress;
use crate::error::{FieldError, FieldErrors};
use crate::secrets;

/// Most domains one event may allow.
pub const MAX_DOMAINS: usize = 200;

/// Where a registrant's own registration goes once admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// To the seat rules: a seat, the waitlist, or full.
    Place,
    /// `pending` until the organizers decide; no seat, no place in the line.
    Pending,
}

/// Why a person is invited, at an invitation-only event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    No,
    /// Their address is at an allowed domain.
    ByDomain,
    /// They hold a personal link that serves them.
    ByLink,
}

/// The event's rule for one person; `None` is 409 `not_invited`.
pub fn admission(access: EventAccess, invited: Invited) -> Option<Admission> {
    match (access, invited) {
        (EventAccess::Open, _) => Some(Admission::Place),
        (EventAccess::Invitation, Invited::No) => None,
        (EventAccess::Invitation, _) => Some(Admission::Place),
        (EventAccess::Approval, _) => Some(Admission::Pending),
    }
}

/// Whether `domain` (ASCII, lower case) is one of the allowed ones: the whole domain, not a
/// suffix, so `fedasil.be` admits `a@fedasil.be` and neither `a@x.fedasil.be` nor
/// `a@notfedasil.be`.
pub fn domain_allowed(allowed: &[String], domain: &str) -> bool {
    allowed.iter().any(|d| d == domain)
}

/// Whether an invitation link serves the person registering with `email`: an unused link
/// serves whoever holds it; a used one only the address it registered (`served_email`,
/// `None` when that registration was erased).
pub fn link_serves(used: bool, served_email: Option<&str>, email: &str) -> bool {
    !used || served_email == Some(email)
}

/// The organizer's list of domains: trimmed, a leading `@` dropped, lower case in ASCII
/// (punycode) form, duplicates once; each must look like a domain with a dot.
pub fn parse_domains(raw: Option<Vec<String>>, errors: &mut FieldErrors) -> Vec<String> {
    let mut domains: Vec<String> = Vec::new();
    for entry in raw.unwrap_or_default() {
        let trimmed = entry.trim().trim_start_matches('@').to_lowercase();
        let ascii = idna::domain_to_ascii(&trimmed).ok().filter(|d| looks_like_domain(d));
        match ascii {
            Some(d) if !domains.contains(&d) => domains.push(d),
            Some(_) => {}
            None => {
                errors.insert("allowed_email_domains", FieldError::new("invalid_domain").with("domain", entry.trim()));
                return Vec::new();
            }
        }
    }
    if domains.len() > MAX_DOMAINS {
        errors.insert("allowed_email_domains", FieldError::new("too_many_domains").with("max", MAX_DOMAINS));
    }
    domains
}

fn looks_like_domain(d: &str) -> bool {
    d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Why a registrant may register here, looking up their link when they bring one.
pub struct Admitted {
    pub admission: Admission,
    /// The invitation whose link they used, to be marked as serving the new registration.
    pub invitation: Option<invitation::Model>,
}

/// Applies `event`'s rule to a registrant registering with `email`, holding `token` (their
/// invitation link's value) if any; `None` is 409 `not_invited`. Runs under the event lock.
pub async fn admit(
    db: &impl ConnectionTrait,
    event: &event::Model,
    email: &EmailAddress,
    token: Option<&str>,
) -> Result<Option<Admitted>, DbErr> {
    let invitation = match token {
        Some(token) => serving_invitation(db, event.id, token, email.as_str()).await?,
        None => None,
    };
    if invitation.is_some() {
        let admission = admission(event.access, Invited::ByLink);
        return Ok(admission.map(|admission| Admitted { admission, invitation }));
    }
    Ok(admit_by_address(event, email).map(|admission| Admitted { admission, invitation: None }))
}

/// Where a registrant without an invitation link is admitted, by their address alone.
pub fn admit_by_address(event: &event::Model, email: &EmailAddress) -> Option<Admission> {
    let invited = match domain_allowed(&event.allowed_email_domains.0, &email.domain()) {
        true => Invited::ByDomain,
        false => Invited::No,
    };
    admission(event.access, invited)
}

/// The invitation of `event_id` behind `token`, if it serves `email`.
async fn serving_invitation(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    token: &str,
    email: &str,
) -> Result<Option<invitation::Model>, DbErr> {
    if !secrets::is_url_token(token) {
        return Ok(None);
    }
    let Some(found) = invitation::Entity::find()
        .filter(invitation::Column::Token.eq(secrets::lookup_hash(token)))
        .filter(invitation::Column::EventId.eq(event_id))
        .unique(db)
        .await?
    else {
        return Ok(None);
    };
    let served_email = match found.registration_id {
        Some(id) => registration::Entity::find_by_id(id).unique(db).await?.and_then(|r| r.email),
        None => None,
    };
    Ok(link_serves(found.registration_id.is_some(), served_email.as_deref(), email).then_some(found))
}

/// Records that `invitation` served `registration_id` (the first use's time stays).
pub async fn mark_served(
    db: &impl ConnectionTrait,
    invitation: &invitation::Model,
    registration_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RegistrationId, Expr::value(registration_id))
        .col_expr(invitation::Column::UsedAt, Expr::value(invitation.used_at.unwrap_or(now)))
        .filter(invitation::Column::Id.eq(invitation.id))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_admits_whom_it_says() {
        for invited in [Invited::No, Invited::ByDomain, Invited::ByLink] {
            assert_eq!(admission(EventAccess::Open, invited), Some(Admission::Place));
            assert_eq!(admission(EventAccess::Approval, invited), Some(Admission::Pending));
            let expected = (invited != Invited::No).then_some(Admission::Place);
            assert_eq!(admission(EventAccess::Invitation, invited), expected, "{invited:?}");
        }
    }

    #[test]
    fn domains_match_whole() {
        let allowed = vec!["fedasil.be".to_owned(), "xn--caf-dma.be".to_owned()];
        assert!(domain_allowed(&allowed, "fedasil.be"));
        assert!(domain_allowed(&allowed, "xn--caf-dma.be"));
        for other in ["x.fedasil.be", "notfedasil.be", "fedasil.be.evil.org", "be", ""] {
            assert!(!domain_allowed(&allowed, other), "{other}");
        }
        let email = EmailAddress::parse("Anne@CAFÉ.be").unwrap_or_else(|_| panic!("valid address"));
        assert!(domain_allowed(&allowed, &email.domain()));
    }

    #[test]
    fn a_link_serves_one_person() {
        assert!(link_serves(false, None, "a@x.org"), "an unused link serves whoever holds it");
        assert!(link_serves(true, Some("a@x.org"), "a@x.org"), "and then the address it registered");
        assert!(!link_serves(true, Some("a@x.org"), "b@x.org"), "nobody else");
        assert!(!link_serves(true, None, "a@x.org"), "nor anyone once that registration is erased");
    }

    #[test]
    fn domains_are_cleaned_and_checked() {
        let mut errors = FieldErrors::new();
        let raw = vec![" @Fedasil.BE ".into(), "fedasil.be".into(), "café.be".into(), "ibz.fgov.be".into()];
        assert_eq!(parse_domains(Some(raw), &mut errors), ["fedasil.be", "xn--caf-dma.be", "ibz.fgov.be"]);
        assert!(errors.is_empty());
        for bad in ["localhost", "a..b", "-x.be", "x .be", "http://x.be", ""] {
            let mut errors = FieldErrors::new();
            parse_domains(Some(vec![bad.into()]), &mut errors);
            assert!(!errors.is_empty(), "{bad:?} accepted");
        }
        let mut errors = FieldErrors::new();
        parse_domains(Some((0..=MAX_DOMAINS).map(|i| format!("d{i}.be")).collect()), &mut errors);
        assert!(!errors.is_empty());
    }
}
