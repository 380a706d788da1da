//! Who is asking: the client's IP (believing `X-Forwarded-For` only from trusted proxies),
//! and per-IP rate limits.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

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
}
