//! Who is asking: the client's IP (believing `X-Forwarded-For` only from trusted proxies),
//! per-IP rate limits, and login throttling: per IP (`CONVENE_RATE_LIMIT_LOGIN`, 10 a minute
//! by default), per account and address pair (5 failures per 15 minutes) and, more slowly,
//! per account (50 failures an hour), all kept in memory per instance. Counting failures per
//! pair means nobody can lock an organizer out from another address.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::AppState;
use crate::error::AppError;

/// The client's address as far as it can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The nearest address in `X-Forwarded-For` that is not one of our proxies; the peer itself
/// when the peer is not a trusted proxy.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops = forwarded_for.unwrap_or("").split(',').rev().filter_map(|h| h.trim().parse::<IpAddr>().ok());
    for hop in hops {
        if !trusted.contains(&hop) {
            return hop;
        }
    }
    peer
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer =
            parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::from([127, 0, 0, 1]));
        let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
        Ok(ClientIp(client_ip(peer, forwarded, &state.config.trusted_proxies)))
    }
}

/// A token bucket per key (a client address, a session): `per_minute` requests a minute,
/// bursting up to that many.
pub struct RateLimit<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
}

/// The per-address limit (registrations, logins).
pub type IpRateLimit = RateLimit<IpAddr>;

impl<K: Hash + Eq + Clone> RateLimit<K> {
    pub fn per_minute(per_minute: u32) -> RateLimit<K> {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        RateLimit { limiter: RateLimiter::keyed(Quota::per_minute(n)) }
    }

    /// `RateLimited` with the seconds to wait when `key` is over its quota.
    pub fn check(&self, key: K) -> Result<(), AppError> {
        if self.limiter.len() > 100_000 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            AppError::RateLimited { retry_after_secs: wait.max(Duration::from_secs(1)).as_secs() }
        })
    }
}

/// Failed logins per account (with the address each came from), and the per-IP limit.
pub struct LoginThrottle {
    pub per_ip: IpRateLimit,
    /// Failures allowed per account and address pair within [`PAIR_WINDOW`].
    max_pair_failures: u32,
    failures: Mutex<HashMap<String, Vec<(IpAddr, Instant)>>>,
}

const PAIR_WINDOW: Duration = Duration::from_secs(15 * 60);
const ACCOUNT_WINDOW: Duration = Duration::from_secs(60 * 60);
/// Failures from all addresses together after which an account waits (a slow guess spread
/// over many addresses).
const ACCOUNT_MAX_FAILURES: usize = 50;

impl LoginThrottle {
    pub fn new(per_ip_per_minute: u32, max_pair_failures: u32) -> LoginThrottle {
        LoginThrottle {
            per_ip: IpRateLimit::per_minute(per_ip_per_minute),
            max_pair_failures,
            failures: Mutex::default(),
        }
    }

    /// True while `account` may not log in from `ip`: too many recent failures from that
    /// address, or from everywhere together.
    pub fn locked(&self, account: &str, ip: IpAddr) -> bool {
        let Ok(mut map) = self.failures.lock() else { return false };
        let Some(recent) = map.get_mut(account) else { return false };
        recent.retain(|(_, at)| at.elapsed() < ACCOUNT_WINDOW);
        let from_ip = recent.iter().filter(|(from, at)| *from == ip && at.elapsed() < PAIR_WINDOW).count();
        from_ip >= self.max_pair_failures as usize || recent.len() >= ACCOUNT_MAX_FAILURES
    }

    pub fn failed(&self, account: &str, ip: IpAddr) {
        if let Ok(mut map) = self.failures.lock() {
            if map.len() > 100_000 {
                map.retain(|_, v| v.iter().any(|(_, at)| at.elapsed() < ACCOUNT_WINDOW));
            }
            let recent = map.entry(account.to_owned()).or_default();
            // Bounded: past the account's limit more entries change nothing.
            if recent.len() >= ACCOUNT_MAX_FAILURES {
                recent.remove(0);
            }
            recent.push((ip, Instant::now()));
        }
    }

    /// A success from `ip` forgets that address's failures; others' still count.
    pub fn succeeded(&self, account: &str, ip: IpAddr) {
        if let Ok(mut map) = self.failures.lock()
            && let Some(recent) = map.get_mut(account)
        {
            recent.retain(|(from, _)| *from != ip);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxy = ip("10.0.0.1");
        assert_eq!(client_ip(ip("203.0.113.9"), Some("198.51.100.7"), &[proxy]), ip("203.0.113.9"));
        assert_eq!(client_ip(proxy, Some("198.51.100.7"), &[proxy]), ip("198.51.100.7"));
        assert_eq!(client_ip(proxy, Some("6.6.6.6, 198.51.100.7, 10.0.0.1"), &[proxy]), ip("198.51.100.7"));
        assert_eq!(client_ip(proxy, Some("garbage"), &[proxy]), proxy);
    }

    #[test]
    fn the_limit_refuses_past_its_quota_per_address() {
        let limit = IpRateLimit::per_minute(2);
        assert!(limit.check(ip("192.0.2.1")).is_ok());
        assert!(limit.check(ip("192.0.2.1")).is_ok());
        assert!(
            matches!(limit.check(ip("192.0.2.1")), Err(AppError::RateLimited { retry_after_secs }) if retry_after_secs >= 1)
        );
        assert!(limit.check(ip("192.0.2.2")).is_ok(), "other addresses are unaffected");
    }

    #[test]
    fn five_failures_lock_the_account_for_that_address_only() {
        let throttle = LoginThrottle::new(10, 5);
        let (attacker, organizer) = (ip("198.51.100.7"), ip("203.0.113.9"));
        for _ in 0..4 {
            throttle.failed("a@example.org", attacker);
        }
        assert!(!throttle.locked("a@example.org", attacker));
        throttle.failed("a@example.org", attacker);
        assert!(throttle.locked("a@example.org", attacker));
        assert!(!throttle.locked("a@example.org", organizer), "the organizer's own address still gets in");
        assert!(!throttle.locked("b@example.org", attacker));
    }

    #[test]
    fn fifty_failures_from_many_addresses_lock_the_account() {
        let throttle = LoginThrottle::new(10, 5);
        for n in 0..49u8 {
            throttle.failed("a@example.org", IpAddr::from([198, 51, 100, n]));
        }
        assert!(!throttle.locked("a@example.org", ip("203.0.113.9")));
        throttle.failed("a@example.org", ip("192.0.2.1"));
        assert!(throttle.locked("a@example.org", ip("203.0.113.9")));
    }
}
