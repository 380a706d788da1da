//! What every handler can reach: the database, the configuration, and the shared in-memory
//! limits and caches.

use std::sync::Arc;

use metrics_exporter_prometheus::PrometheusHandle;

use super::client::{self, IpRateLimit, LoginThrottle, RateLimit};
use super::page_cache::EventPageCache;
use crate::config::Config;
use crate::db::Db;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// `config.base_url`, without a trailing slash.
    pub base_url: Arc<str>,
    pub metrics: PrometheusHandle,
    /// Per-IP registration limit (`CONVENE_RATE_LIMIT_REGISTER`); `None` is off.
    pub register_limit: Option<Arc<IpRateLimit>>,
    pub login_throttle: Arc<LoginThrottle>,
    /// Check-in searches per desk session or checkin account (`check_in::search::SEARCHES_PER_MINUTE`).
    pub desk_search_limit: Arc<RateLimit<uuid::Uuid>>,
    /// Rendered public event pages (see [`EventPageCache`]).
    pub event_pages: Arc<EventPageCache>,
    /// Who organizes, read again every few seconds.
    pub branding: Arc<crate::branding::BrandingCache>,
}

impl AppState {
    pub fn check_register_limit(&self, ip: client::ClientIp) -> Result<(), crate::error::AppError> {
        self.register_limit.as_ref().map_or(Ok(()), |limit| limit.check(ip.0))
    }
}
