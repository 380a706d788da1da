//! The app under test: the real `convene::App` on port 0 with a fresh SQLite file, an organizer
//! who can log in with a known password, and an API token for seeding data quickly.
//!
//! Browser tests run on SQLite only; the API suites cover PostgreSQL and MariaDB.
#![allow(dead_code, reason = "seeding helpers for the page tests; the smoke tests use only a few")]

use std::path::PathBuf;

use chrono::Utc;
use convene::auth::service::{create_token, create_user};
use convene::db::keep;
use convene::domain::EmailAddress;
use convene::{App, Config};
use entity::Role;
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::sync::oneshot;

pub const ORGANIZER_EMAIL: &str = "organizer@example.org";
pub const PASSWORD: &str = "a long test password";

pub struct TestApp {
    /// `http://127.0.0.1:<port>`, no trailing slash.
    pub base: String,
    pub db: convene::db::Db,
    /// Bearer token of the organizer, for `api_post`.
    pub organizer_token: String,
    /// Where the app writes mails as `.eml` files.
    pub mail_dir: PathBuf,
    http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    _dir: TempDir,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Like `spawn`, with a chance to change the configuration first.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config =
            Config::with_database(format!("sqlite://{}?mode=rwc", dir.path().join("convene.db").display()));
        config.mail.outbox_dir = dir.path().join("mail");
        config.mail.per_second = 0;
        // One key for every app of the test process (the key is per process).
        config.secret_key = Some("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".to_owned());
        adjust(&mut config);
        let mail_dir = config.mail.outbox_dir.clone();
        let app = App::build(config).await.expect("app builds");
        let base = app.base_url().to_owned();
        let db = app.state().db.clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            app.run_until_stopped(async move {
                stopped.await.ok();
            })
            .await
            .expect("server runs");
        });
        create_account(&db, ORGANIZER_EMAIL, Role::Organizer).await;
        let organizer_token = db
            .write_alone(|txn| {
                keep(async move { create_token(txn, &email(ORGANIZER_EMAIL), "browser tests", Utc::now()).await })
            })
            .await
            .expect("organizer token");
        TestApp {
            base,
            db,
            organizer_token,
            mail_dir,
            http: reqwest::Client::new(),
            stop: Some(stop),
            server: Some(server),
            _dir: dir,
        }
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Another account with `role` and the password [`PASSWORD`].
    pub async fn create_account(&self, email: &str, role: Role) {
        create_account(&self.db, email, role).await;
    }

    /// POSTs JSON to the API as the organizer and returns the JSON answer (2xx expected).
    pub async fn api_post(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(self.url(path))
            .bearer_auth(&self.organizer_token)
            .json(&body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "POST {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("POST {path}: not JSON ({e}): {text}"))
    }

    /// GETs JSON from the API as the organizer (200 expected).
    pub async fn api_get(&self, path: &str) -> Value {
        let response = self
            .http
            .get(self.url(path))
            .bearer_auth(&self.organizer_token)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert!(response.status().is_success(), "GET {path}: {}", response.status());
        response.json().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// POSTs JSON without credentials, as a partner's tool would (2xx expected).
    pub async fn api_post_public(&self, path: &str, body: Value) -> Value {
        let response =
            self.http.post(self.url(path)).json(&body).send().await.unwrap_or_else(|e| panic!("POST {path}: {e}"));
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "POST {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("POST {path}: not JSON ({e}): {text}"))
    }

    /// A published hybrid event in two weeks (60 seats in person, unlimited online);
    /// `overrides` are merged into the defaults as a JSON merge patch.
    pub async fn create_event(&self, overrides: Value) -> Value {
        let mut body = convene_test_support::sample::hybrid_event();
        let this_suite = json!({
            "title": "Partner Meeting",
            "description": "Partners meet in Brussels and online.",
            "translations": {"fr": {"title": "Réunion des partenaires"}, "nl": {"title": "Partnervergadering"}}
        });
        convene::web::merge_patch::apply(&mut body, &this_suite);
        convene::web::merge_patch::apply(&mut body, &overrides);
        self.api_post("/api/v1/events", body).await
    }

    /// Stops the server and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(server) = self.server.take() {
            server.await.ok();
        }
    }
}

fn email(address: &str) -> EmailAddress {
    EmailAddress::parse(address).expect("valid test address")
}

async fn create_account(db: &convene::db::Db, address: &str, role: Role) {
    let address = email(address);
    db.write_alone(move |txn| keep(async move { create_user(txn, &address, role, PASSWORD, Utc::now()).await }))
        .await
        .expect("create user");
}
