//! The accept loop: `axum::serve` sets no timer, so a client that opens connections and never
//! finishes a request header would hold them forever. Here each connection gets hyper's
//! header-read timeout (which also closes a keep-alive connection left idle), and a client
//! address may hold only so many connections at once. Trusted proxies are not counted and may
//! keep an idle connection for [`PROXY_IDLE_TIMEOUT`].

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::config::ConnectionLimits;

/// Serves `router` on `listener` until `shutdown`, then waits up to `grace` for the requests
/// in flight.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    trusted_proxies: Vec<IpAddr>,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) {
    let builder = connection_builder(limits.header_read_timeout);
    // A trusted proxy reads its clients' headers itself and keeps its connections to us open
    // between requests (nginx: 60 s): closing them after 10 s would race its reuse of them.
    let proxy_builder = connection_builder(PROXY_IDLE_TIMEOUT);
    let open = OpenConnections { per_address: limits.per_address, trusted: trusted_proxies, ..Default::default() };
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(error = %err, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = open.take(peer.ip()) else {
            tracing::warn!("too many connections from one address; closed");
            metrics::counter!("convene_connections_refused_total").increment(1);
            continue; // dropping the stream closes it
        };
        stream.set_nodelay(true).ok();
        let router = router.clone();
        let from_proxy = open.trusted.contains(&peer.ip());
        let (builder, header_read_timeout) = match from_proxy {
            true => (proxy_builder.clone(), PROXY_IDLE_TIMEOUT),
            false => (builder.clone(), limits.header_read_timeout),
        };
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let _slot = slot;
            // Telling HTTP/1 from HTTP/2 reads the first bytes with no timer: a connection that
            // sends nothing at all is closed here.
            let mut first = [0u8; 1];
            if !matches!(tokio::time::timeout(header_read_timeout, stream.peek(&mut first)).await, Ok(Ok(1..))) {
                return;
            }
            let service = TowerToHyperService::new(tower::service_fn(move |mut request: hyper::Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                router.clone().oneshot(request)
            }));
            let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
            // A timed-out or reset connection is the client's business, not an error of ours.
            if let Err(err) = watcher.watch(connection.into_owned()).await {
                tracing::debug!(error = %err, "connection closed");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(grace, graceful.shutdown()).await.is_err() {
        tracing::warn!("in-flight requests did not finish within {grace:?}; stopping anyway");
    }
}

/// How long a trusted proxy's connection may wait for its next request.
const PROXY_IDLE_TIMEOUT: Duration = Duration::from_secs(120);

/// HTTP/1 and HTTP/2 with `header_read_timeout` (HTTP/1: for each request's header, and so for
/// an idle keep-alive connection; HTTP/2: pings at that interval).
fn connection_builder(header_read_timeout: Duration) -> auto::Builder<TokioExecutor> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(header_read_timeout);
    builder.http2().timer(TokioTimer::new()).keep_alive_interval(header_read_timeout);
    builder
}

/// How many connections each client address holds.
#[derive(Default)]
struct OpenConnections {
    per_address: usize,
    trusted: Vec<IpAddr>,
    counts: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl OpenConnections {
    /// A slot for one more connection from `ip`, or `None` when it holds its share.
    fn take(&self, ip: IpAddr) -> Option<Slot> {
        if self.trusted.contains(&ip) {
            return Some(Slot { ip, counts: None });
        }
        let mut counts = self.counts.lock().ok()?;
        let count = counts.entry(ip).or_insert(0);
        if *count >= self.per_address {
            return None;
        }
        *count += 1;
        Some(Slot { ip, counts: Some(self.counts.clone()) })
    }
}

/// One connection's place in [`OpenConnections`], given back when dropped.
struct Slot {
    ip: IpAddr,
    counts: Option<Arc<Mutex<HashMap<IpAddr, usize>>>>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(counts) = &self.counts
            && let Ok(mut counts) = counts.lock()
            && let Some(count) = counts.get_mut(&self.ip)
        {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_holds_its_share_and_gets_slots_back() {
        let open = OpenConnections { per_address: 2, ..Default::default() };
        let ip = IpAddr::from([192, 0, 2, 1]);
        let (a, b) = (open.take(ip), open.take(ip));
        assert!(a.is_some() && b.is_some());
        assert!(open.take(ip).is_none(), "a third is refused");
        assert!(open.take(IpAddr::from([192, 0, 2, 2])).is_some(), "other addresses are not");
        drop(a);
        assert!(open.take(ip).is_some(), "a closed connection frees its slot");
    }

    #[test]
    fn trusted_proxies_are_not_counted() {
        let proxy = IpAddr::from([10, 0, 0, 1]);
        let open = OpenConnections { per_address: 1, trusted: vec![proxy], ..Default::default() };
        let slots: Vec<_> = (0..5).map(|_| open.take(proxy)).collect();
        assert!(slots.iter().all(Option::is_some));
    }
}
