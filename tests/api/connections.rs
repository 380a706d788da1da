//! Connections that never finish a request are closed within the header-read timeout, while
//! the server keeps answering; one address holds only so many connections.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::TestApp;

/// Reads until the server closes the connection; `Err` when it is still open after `limit`.
async fn closed_within(mut stream: TcpStream, limit: Duration) -> Result<Duration, ()> {
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(limit.saturating_sub(started.elapsed()), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return Ok(started.elapsed()),
            Ok(Ok(_)) => continue, // a 408 answer before the close
            Err(_) => return Err(()),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_half_sent_connections_are_closed_while_the_server_keeps_answering() {
    let app = TestApp::spawn_with(|c| c.connections.header_read_timeout = Duration::from_secs(2)).await;
    let mut held = Vec::new();
    for _ in 0..50 {
        held.push(TcpStream::connect(app.address).await.expect("connect"));
    }
    for n in 0..10 {
        let mut stream = TcpStream::connect(app.address).await.expect("connect");
        stream.write_all(format!("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow-{n}: ").as_bytes()).await.expect("write");
        held.push(stream);
    }
    // A keep-alive connection that answered once and then went quiet.
    let mut quiet = TcpStream::connect(app.address).await.expect("connect");
    quiet.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.expect("write");
    let mut answer = [0u8; 12];
    quiet.read_exact(&mut answer).await.expect("answer");
    assert_eq!(&answer, b"HTTP/1.1 200");
    held.push(quiet);

    let health = app.client.get(app.url("/healthz")).send().await.expect("the server still answers");
    assert_eq!(health.status().as_u16(), 200);

    let closing = held.into_iter().map(|stream| closed_within(stream, Duration::from_secs(10)));
    let results = futures::future::join_all(closing).await;
    let still_open = results.iter().filter(|r| r.is_err()).count();
    assert_eq!(still_open, 0, "connections still open 10 s after a 2 s header-read timeout");
    // A new client: the first one's pooled connection sat idle past the timeout and is closed.
    let health = reqwest::get(app.url("/healthz")).await.expect("the server still answers");
    assert_eq!(health.status().as_u16(), 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_holds_only_its_share_of_connections() {
    let app = TestApp::spawn_with(|c| c.connections.per_address = 5).await;
    let mut held = Vec::new();
    for _ in 0..5 {
        held.push(TcpStream::connect(app.address).await.expect("connect"));
    }
    let extra = TcpStream::connect(app.address).await.expect("the kernel accepts");
    assert!(closed_within(extra, Duration::from_secs(2)).await.is_ok(), "the sixth is closed at once");
    drop(held);
    // Slots come back as the connections close.
    let started = Instant::now();
    loop {
        let client = reqwest::Client::new();
        match client.get(app.url("/healthz")).send().await {
            Ok(response) if response.status().as_u16() == 200 => break,
            _ if started.elapsed() < Duration::from_secs(5) => tokio::time::sleep(Duration::from_millis(50)).await,
            other => panic!("no answer after the connections closed: {other:?}"),
        }
    }
    app.stop().await;
}
