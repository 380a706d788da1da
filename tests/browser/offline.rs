//! The desk when the venue's Wi-Fi dies. The network is cut by the test itself: the browser
//! talks to the server through a TCP relay that the test stops and starts (browser network
//! emulation does not reliably cover a service worker's requests).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fantoccini::Locator;
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{AbortHandle, JoinHandle};

use crate::app::TestApp;
use crate::axe::assert_accessible;
use crate::driver::Browser;

const WAIT: Duration = Duration::from_secs(30);

fn str_of(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}")).to_owned()
}

/// A TCP relay on a fixed local port: `stop` drops the listener and every open connection
/// (the browser sees the network gone); `resume` listens on the same port again.
struct Relay {
    port: u16,
    target: SocketAddr,
    accept: Option<JoinHandle<()>>,
    connections: Arc<Mutex<Vec<AbortHandle>>>,
}

impl Relay {
    async fn start(target: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let mut relay = Relay { port, target, accept: None, connections: Arc::new(Mutex::new(Vec::new())) };
        relay.serve(listener);
        relay
    }

    fn serve(&mut self, listener: TcpListener) {
        let (target, connections) = (self.target, self.connections.clone());
        self.accept = Some(tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let task = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(target).await {
                        tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await.ok();
                    }
                });
                connections.lock().expect("lock").push(task.abort_handle());
            }
        }));
    }

    fn stop(&mut self) {
        if let Some(accept) = self.accept.take() {
            accept.abort();
        }
        for connection in self.connections.lock().expect("lock").drain(..) {
            connection.abort();
        }
    }

    async fn resume(&mut self) {
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(listener) => break listener,
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        };
        self.serve(listener);
    }

    /// `localhost` is a secure context: service workers and crypto.subtle work there.
    fn url(&self, path: &str) -> String {
        format!("http://localhost:{}{path}", self.port)
    }
}

async fn banner_containing(browser: &Browser, needle: &str) -> String {
    browser.wait_for_text_containing("#desk-banner", needle, WAIT).await
}

/// Opens the desk and waits until it is ready to lose the network: its list downloaded and
/// its shell cached by the service worker.
async fn open_desk(browser: &Browser, relay: &Relay, event_id: &str) {
    crate::desk::log_in_at(browser, &relay.url(&format!("/admin/login?next=/checkin/{event_id}&lang=en"))).await;
    banner_containing(browser, "list updated").await;
    for _ in 0..300 {
        let cached = browser
            .execute_async(
                "var done = arguments[arguments.length - 1];
                 caches.open('convene-desk-v1').then(function (c) { return c.keys(); })
                   .then(function (keys) { done(keys.length); }, function () { done(0); });",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        if cached >= 5
            && browser.execute("return !!navigator.serviceWorker.controller;", vec![]).await.ok() == Some(json!(true))
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the desk's shell was never cached");
}

async fn scan(browser: &Browser, code: &str) -> String {
    let q = browser.find(Locator::Css("#q")).await.expect("search box");
    q.clear().await.ok();
    q.send_keys(&format!("{code}\u{E007}")).await.expect("type");
    browser.wait_for_text("#result-title", WAIT).await
}

async fn event_now(app: &TestApp) -> String {
    let start = chrono::Utc::now() - chrono::Duration::minutes(10);
    let event = app
        .create_event(json!({"in_person_capacity": null, "starts_at": start.to_rfc3339(),
            "ends_at": (start + chrono::Duration::hours(3)).to_rfc3339()}))
        .await;
    str_of(&event, "id")
}

async fn person(app: &TestApp, event_id: &str, first: &str) -> Value {
    let body = json!({"first_name": first, "last_name": "Test", "email": format!("{}@example.org", first.to_lowercase()),
        "organization": "Caritas", "mode": "in_person", "consent": true, "language": "en"});
    app.api_post_public(&format!("/api/v1/events/{event_id}/registrations"), body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_offline_check_ins_survive_a_reload_and_reach_the_server_once() {
    let app = TestApp::spawn().await;
    let id = event_now(&app).await;
    let mut people = Vec::new();
    for first in ["Amina", "Bart", "Chloe", "Dirk"] {
        people.push(person(&app, &id, first).await);
    }
    let target: SocketAddr = app.base.trim_start_matches("http://").parse().expect("address");
    let mut relay = Relay::start(target).await;
    let browser = Browser::start().await;
    browser.set_window_size(360, 740).await.expect("a phone");
    open_desk(&browser, &relay, &id).await;
    assert_accessible(&browser, "desk online").await;

    relay.stop();
    let before = chrono::Utc::now();
    for reg in &people[..3] {
        let title = scan(&browser, &str_of(reg, "ticket_code")).await;
        assert!(title.contains("Checked in") && title.contains("(offline)"), "{title}");
    }
    banner_containing(&browser, "3 waiting").await;
    assert_accessible(&browser, "desk offline").await;
    if let Some(dir) = std::env::var_os("CONVENE_SHOTS") {
        let png = browser.screenshot().await.expect("screenshot");
        std::fs::write(std::path::Path::new(&dir).join("desk-offline-360.png"), png).expect("save");
    }
    let fits =
        browser.execute("return document.documentElement.scrollWidth <= window.innerWidth;", vec![]).await.expect("js");
    assert_eq!(fits, json!(true), "the offline desk fits 360 px");
    assert_eq!(app.api_get(&format!("/api/v1/events/{id}/stats")).await["in_person"]["checked_in"], 0);

    // Reloaded while still offline: the shell comes from the service worker, the queue from disk.
    browser.refresh().await.expect("reload");
    banner_containing(&browser, "3 waiting").await;
    let after = chrono::Utc::now();

    relay.resume().await;
    banner_containing(&browser, "0 waiting").await;
    let stats = app.api_get(&format!("/api/v1/events/{id}/stats")).await;
    assert_eq!(stats["in_person"]["checked_in"], 3, "exactly the three offline check-ins");
    let index = app.api_get(&format!("/api/v1/events/{id}/checkin-index")).await;
    for entry in index["entries"].as_array().expect("entries") {
        let Some(at) = entry["checked_in_at"].as_str() else { continue };
        let at = chrono::DateTime::parse_from_rfc3339(at).expect("time").with_timezone(&chrono::Utc);
        assert!(
            at >= before - chrono::Duration::seconds(1) && at <= after,
            "checked in at the scan's time, not on arrival: {at}"
        );
    }
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_offline_desks_one_ticket_one_check_in_and_a_conflict_shown_and_a_walk_in_made_once() {
    let app = TestApp::spawn().await;
    let id = event_now(&app).await;
    let amina = person(&app, &id, "Amina").await;
    let target: SocketAddr = app.base.trim_start_matches("http://").parse().expect("address");
    let mut relay = Relay::start(target).await;
    let (first, second) = (Browser::start().await, Browser::start().await);
    open_desk(&first, &relay, &id).await;
    open_desk(&second, &relay, &id).await;
    assert_accessible(&first, "desk online").await; // also loads axe-core while the network is up

    relay.stop();
    let code = str_of(&amina, "ticket_code");
    assert!(scan(&first, &code).await.contains("(offline)"));
    assert!(scan(&second, &code).await.contains("(offline)"));
    // A walk-in at the first desk: pending, never shown as admitted.
    first.find(Locator::Css("#w-first")).await.expect("first name").send_keys("Jan").await.expect("type");
    first.find(Locator::Css("#w-last")).await.expect("last name").send_keys("Peeters").await.expect("type");
    first.find(Locator::Css("#walkin button[type=submit]")).await.expect("button").click().await.expect("click");
    let pending = first.wait_for_text_containing("#result-title", "server decides", WAIT).await;
    assert!(pending.contains("(offline)"), "{pending}");
    assert_accessible(&first, "desk pending").await;

    relay.resume().await;
    banner_containing(&first, "0 waiting").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    banner_containing(&second, "0 waiting").await;
    let stats = app.api_get(&format!("/api/v1/events/{id}/stats")).await;
    assert_eq!(stats["in_person"]["checked_in"], 2, "Amina once, and the walk-in: {stats}");
    assert_eq!(stats["in_person"]["confirmed"], 2, "one walk-in, not two");
    let conflicts = [conflict_shown(&first).await, conflict_shown(&second).await];
    assert_eq!(conflicts.iter().filter(|c| **c).count(), 1, "one desk lists the conflict: {conflicts:?}");
    // Reloading the first desk sends nothing again.
    first.refresh().await.expect("reload");
    banner_containing(&first, "0 waiting").await;
    assert_eq!(app.api_get(&format!("/api/v1/events/{id}/stats")).await["in_person"]["confirmed"], 2);
    first.close().await;
    second.close().await;
    app.stop().await;
}

async fn conflict_shown(browser: &Browser) -> bool {
    browser.execute("return !document.getElementById('conflicts').hidden;", vec![]).await.ok() == Some(json!(true))
}
