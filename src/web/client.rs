//! Who is asking: the client's IP (believing `X-Forwarded-For` only from trusted proxies),
//! per-IP rate limits, and login throttling: per IP (`CONVENE_RATE_LIMIT_LOGIN`, 10 a minute
//! by default) and per account (5 failures per 15 minutes), both kept in memory per instance.

use std::collections::HashMap;
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

/// A per-IP token bucket: `per_minute` requests a minute, bursting up to that many.
pub struct IpRateLimit {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
}

impl IpRateLimit {
    pub fn per_minute(per_minute: u32) -> IpRateLimit {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        IpRateLimit { limiter: RateLimiter::keyed(Quota::per_minute(n)) }
    }

    /// `RateLimited` with the seconds to wait when `ip` is over its quota.
    pub fn check(&self, ip: IpAddr) -> Result<(), AppError> {
        if self.limiter.len() > 100_000 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            AppError::RateLimited { retry_after_secs: wait.max(Duration::from_secs(1)).as_secs() }
        })
    }
}

/// Failed logins per account, and the per-IP limit.
pub struct LoginThrottle {
    pub per_ip: IpRateLimit,
    max_failures: u32,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

impl LoginThrottle {
    pub fn new(per_ip_per_minute: u32, max_failures: u32) -> LoginThrottle {
        LoginThrottle { per_ip: IpRateLimit::per_minute(per_ip_per_minute), max_failures, failures: Mutex::default() }
    }

    /// True while the account has had too many recent failures.
    pub fn locked(&self, account: &str) -> bool {
        let Ok(mut map) = self.failures.lock() else { return false };
        let recent = map.entry(account.to_owned()).or_default();
        recent.retain(|t| t.elapsed() < FAILURE_WINDOW);
        recent.len() >= self.max_failures as usize
    }

    pub fn failed(&self, account: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if map.len() > 100_000 {
                map.retain(|_, v| v.iter().any(|t| t.elapsed() < FAILURE_WINDOW));
            }
            map.entry(account.to_owned()).or_default().push(Instant::now());
        }
    }

    pub fn succeeded(&self, account: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(account);
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
    fn five_failures_lock_the_account_for_a_while() {
        let throttle = LoginThrottle::new(10, 5);
        for _ in 0..4 {
            throttle.failed("a@example.org");
        }
        assert!(!throttle.locked("a@example.org"));
        throttle.failed("a@example.org");
        assert!(throttle.locked("a@example.org"));
        assert!(!throttle.locked("b@example.org"));
    }
}
