//! The load generator: each simulated client owns one keep-alive HTTP/1.1 connection (hyper's
//! low-level client, no pool, nothing shared) and sends its requests one after the other.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::sync::Barrier;

/// One request to send.
pub struct Req {
    pub method: Method,
    pub path: String,
    pub token: Option<Arc<str>>,
    pub body: Option<Bytes>,
    /// A back-office session cookie (`name=value`), for the pages.
    pub cookie: Option<Arc<str>>,
    /// `application/json` unless a form.
    pub form: bool,
    /// `Accept-Encoding`, as browsers send it; none by default (the answer is not compressed).
    pub accept_encoding: Option<&'static str>,
}

impl Req {
    pub fn get(path: impl Into<String>) -> Req {
        Req {
            method: Method::GET,
            path: path.into(),
            token: None,
            body: None,
            cookie: None,
            form: false,
            accept_encoding: None,
        }
    }

    pub fn post_json(path: impl Into<String>, body: impl Into<Bytes>) -> Req {
        Req { method: Method::POST, body: Some(body.into()), ..Req::get(path) }
    }

    /// A form post (`application/x-www-form-urlencoded`), as a browser sends it.
    pub fn post_form(path: impl Into<String>, body: impl Into<Bytes>) -> Req {
        Req { form: true, ..Req::post_json(path, body) }
    }

    pub fn cookie(mut self, cookie: &Arc<str>) -> Req {
        self.cookie = Some(cookie.clone());
        self
    }

    pub fn accept_encoding(mut self, encodings: &'static str) -> Req {
        self.accept_encoding = Some(encodings);
        self
    }

    pub fn bearer(mut self, token: &Arc<str>) -> Req {
        self.token = Some(token.clone());
        self
    }
}

/// One keep-alive connection.
pub struct Conn {
    addr: SocketAddr,
    host: HeaderValue,
    sender: SendRequest<Full<Bytes>>,
}

impl Conn {
    pub async fn connect(addr: SocketAddr) -> anyhow::Result<Conn> {
        let stream = TcpStream::connect(addr).await.with_context(|| format!("cannot connect to {addr}"))?;
        stream.set_nodelay(true)?;
        let (sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Conn { addr, host: HeaderValue::from_str(&addr.to_string())?, sender })
    }

    /// Sends and returns the response with its body still streaming.
    pub async fn send_streaming(&mut self, req: &Req) -> anyhow::Result<Response<Incoming>> {
        if self.sender.is_closed() {
            *self = Conn::connect(self.addr).await?;
        }
        self.sender.ready().await?;
        let mut builder = Request::builder().method(req.method.clone()).uri(&req.path).header(HOST, self.host.clone());
        if let Some(token) = &req.token {
            builder = builder.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(cookie) = &req.cookie {
            builder = builder.header(hyper::header::COOKIE, cookie.as_ref());
        }
        if let Some(encodings) = req.accept_encoding {
            builder = builder.header(hyper::header::ACCEPT_ENCODING, encodings);
        }
        if req.body.is_some() {
            let kind = if req.form { "application/x-www-form-urlencoded" } else { "application/json" };
            builder = builder.header(CONTENT_TYPE, kind);
        }
        let request = builder.body(Full::new(req.body.clone().unwrap_or_default()))?;
        Ok(self.sender.send_request(request).await?)
    }

    pub async fn send(&mut self, req: &Req) -> anyhow::Result<(StatusCode, Bytes)> {
        let response = self.send_streaming(req).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, body))
    }
}

/// What a run of many requests gave.
#[derive(Debug, Default)]
pub struct LoadOutcome {
    pub wall: Duration,
    /// Every request's latency, in microseconds, sorted.
    pub latencies_us: Vec<u64>,
    pub ok: usize,
    pub failed: usize,
    pub statuses: BTreeMap<u16, usize>,
    pub first_failure: Option<String>,
}

impl LoadOutcome {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    /// The `q` quantile (0..=1) of the latencies, in milliseconds.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return f64::NAN;
        }
        let rank = ((q * self.latencies_us.len() as f64).ceil() as usize).clamp(1, self.latencies_us.len());
        self.latencies_us[rank - 1] as f64 / 1000.0
    }
}

type Build = dyn Fn(usize) -> Req + Send + Sync;
/// Judges one answer: `Err(reason)` counts it as failed.
type Check = dyn Fn(usize, StatusCode, &Bytes) -> Result<(), String> + Send + Sync;

/// Sends requests `0..total` from `clients` concurrent connections; every connection is open
/// before the clock starts.
pub async fn run(
    addr: SocketAddr,
    clients: usize,
    total: usize,
    build: impl Fn(usize) -> Req + Send + Sync + 'static,
    check: impl Fn(usize, StatusCode, &Bytes) -> Result<(), String> + Send + Sync + 'static,
) -> anyhow::Result<LoadOutcome> {
    let clients = clients.clamp(1, total.max(1));
    let build: Arc<Build> = Arc::new(build);
    let check: Arc<Check> = Arc::new(check);
    let next = Arc::new(AtomicUsize::new(0));
    let barrier = Arc::new(Barrier::new(clients + 1));
    let mut workers = Vec::with_capacity(clients);
    for _ in 0..clients {
        let conn = Conn::connect(addr).await?;
        let (build, check, next, barrier) = (build.clone(), check.clone(), next.clone(), barrier.clone());
        workers.push(tokio::spawn(async move {
            let mut conn = conn;
            let mut part = LoadOutcome::default();
            barrier.wait().await;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let req = build(i);
                let started = Instant::now();
                let result = conn.send(&req).await;
                part.latencies_us.push(started.elapsed().as_micros() as u64);
                let verdict = match result {
                    Ok((status, body)) => {
                        *part.statuses.entry(status.as_u16()).or_default() += 1;
                        check(i, status, &body).map_err(|e| format!("{} {}: {e}", req.method, status))
                    }
                    Err(e) => {
                        *part.statuses.entry(0).or_default() += 1;
                        // A broken connection: the next request gets a new one.
                        if let Ok(fresh) = Conn::connect(addr).await {
                            conn = fresh;
                        }
                        Err(format!("{} transport error: {e:#}", req.method))
                    }
                };
                match verdict {
                    Ok(()) => part.ok += 1,
                    Err(e) => {
                        part.failed += 1;
                        part.first_failure.get_or_insert(e);
                    }
                }
            }
            part
        }));
    }
    barrier.wait().await;
    let started = Instant::now();
    let mut outcome = LoadOutcome::default();
    for worker in workers {
        let part = worker.await?;
        outcome.latencies_us.extend(part.latencies_us);
        outcome.ok += part.ok;
        outcome.failed += part.failed;
        for (status, n) in part.statuses {
            *outcome.statuses.entry(status).or_default() += n;
        }
        if outcome.first_failure.is_none() {
            outcome.first_failure = part.first_failure;
        }
    }
    outcome.wall = started.elapsed();
    outcome.latencies_us.sort_unstable();
    Ok(outcome)
}
