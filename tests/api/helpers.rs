//! The test harness: `TestApp::spawn()` starts the real app on port 0 with its own database.

use std::time::Duration;

use chrono::Utc;
use convene::auth::service::{create_token, create_user};
use convene::domain::EmailAddress;
use convene::{App, Config};
use convene_test_support::database::{Databases, FreshDatabase};
use entity::Role;
use reqwest::{Response, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// A fresh database for one test (`CONVENE_TEST_DATABASE` names a server; SQLite otherwise),
/// dropped when the test ends.
pub struct TestDatabase {
    pub url: String,
    _fresh: FreshDatabase,
}

impl TestDatabase {
    pub async fn create() -> TestDatabase {
        let server = std::env::var("CONVENE_TEST_DATABASE").ok();
        let databases = Databases::from_url(server.as_deref()).expect("CONVENE_TEST_DATABASE names a database server");
        let fresh = databases.fresh("convene_t").await.unwrap_or_else(|e| panic!("a fresh database: {e:#}"));
        TestDatabase { url: fresh.url.clone(), _fresh: fresh }
    }
}

/// The key every app and command of the test process seals secrets with (32 bytes, base64).
pub const TEST_SECRET_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

pub struct TestApp {
    pub base: String,
    /// Where it listens (the base URL may name another address, as behind a proxy).
    pub address: std::net::SocketAddr,
    pub client: reqwest::Client,
    pub db: convene::db::Db,
    pub organizer_token: String,
    pub checkin_token: String,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    /// Kept alive for the test's duration; dropped (and deleted) with the app that owns it.
    _database: Option<TestDatabase>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let database = TestDatabase::create().await;
        let mut app = Self::start(&database.url, adjust, None).await;
        app._database = Some(database);
        app
    }

    /// Starts the app on `database_url`; with `tokens`, reuses accounts made earlier.
    async fn start(database_url: &str, adjust: impl FnOnce(&mut Config), tokens: Option<(String, String)>) -> TestApp {
        if std::env::var_os("TEST_LOG").is_some() {
            convene::telemetry::init(convene::telemetry::LogFormat::Text);
        }
        let mail_dir = tempfile::tempdir().expect("mail dir").keep();
        let mut config = Config::with_database(database_url);
        config.mail.outbox_dir = mail_dir;
        config.mail.per_second = 0;
        // One key for every app of the test process (the key is per process).
        config.secret_key = Some(TEST_SECRET_KEY.to_owned());
        adjust(&mut config);
        let app = App::build(config).await.expect("app builds");
        let base = app.base_url().to_owned();
        let address = app.address();
        let db = app.state().db.clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            app.run_until_stopped(async move {
                stopped.await.ok();
            })
            .await
            .expect("server runs");
        });
        let (organizer_token, checkin_token) = match tokens {
            Some(tokens) => tokens,
            None => (
                make_token(&db, "organizer@example.org", Role::Organizer).await,
                make_token(&db, "door@example.org", Role::Checkin).await,
            ),
        };
        let client = reqwest::Client::builder().timeout(Duration::from_secs(120)).build().expect("client");
        TestApp {
            base,
            address,
            client,
            db,
            organizer_token,
            checkin_token,
            stop: Some(stop),
            server: Some(server),
            _database: None,
        }
    }

    /// Stops this instance and starts a new one on the same database (a `serve` restart).
    pub async fn restart_with(mut self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let database = self._database.take().expect("the first instance owns the database");
        let tokens = (self.organizer_token.clone(), self.checkin_token.clone());
        self.shutdown().await;
        let mut app = Self::start(&database.url, adjust, Some(tokens)).await;
        app._database = Some(database);
        app
    }

    /// Another instance on the same database, as behind a load balancer.
    pub async fn second_instance(&self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let url = self._database.as_ref().expect("the first instance owns the database").url.clone();
        Self::start(&url, adjust, Some((self.organizer_token.clone(), self.checkin_token.clone()))).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The database this app runs on.
    pub fn database_url(&self) -> String {
        self._database.as_ref().map(|d| d.url.clone()).unwrap_or_default()
    }

    pub async fn stop(mut self) {
        self.shutdown().await;
    }

    async fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(server) = self.server.take() {
            server.await.ok();
        }
    }

    /// Creates a published hybrid event; `overrides` are merged into the defaults.
    pub async fn create_event(&self, overrides: Value) -> Value {
        let mut body = convene_test_support::sample::hybrid_event();
        convene::web::merge_patch::apply(&mut body, &overrides);
        let response = self
            .client
            .post(self.url("/api/v1/events"))
            .bearer_auth(&self.organizer_token)
            .json(&body)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::CREATED, "create event");
        response.json().await.expect("json")
    }

    pub async fn register(&self, event_id: &str, email: &str, mode: &str) -> Response {
        self.register_body(event_id, registration(email, mode)).await
    }

    pub async fn register_body(&self, event_id: &str, body: Value) -> Response {
        self.client
            .post(self.url(&format!("/api/v1/events/{event_id}/registrations")))
            .json(&body)
            .send()
            .await
            .expect("request")
    }

    pub async fn stats(&self, event_id: &str) -> Value {
        self.get_json(&format!("/api/v1/events/{event_id}/stats"), &self.organizer_token).await
    }

    pub async fn get_json(&self, path: &str, token: &str) -> Value {
        let response = self.client.get(self.url(path)).bearer_auth(token).send().await.expect("request");
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("json")
    }

    pub async fn patch_event(&self, event_id: &str, patch: Value) -> Response {
        self.client
            .patch(self.url(&format!("/api/v1/events/{event_id}")))
            .bearer_auth(&self.organizer_token)
            .json(&patch)
            .send()
            .await
            .expect("request")
    }

    pub async fn manage(&self, method: reqwest::Method, token: &str, body: Option<Value>) -> Response {
        let mut request = self.client.request(method, self.url(&format!("/api/v1/registrations/{token}")));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }

    /// Scans `code` at the door as the check-in account and returns the answer.
    pub async fn scan(&self, event_id: &str, code: &str) -> Value {
        let response = self
            .client
            .post(self.url(&format!("/api/v1/events/{event_id}/checkins")))
            .bearer_auth(&self.checkin_token)
            .json(&json!({ "code": code }))
            .send()
            .await
            .expect("scan");
        assert_eq!(response.status(), StatusCode::OK, "a scan always answers 200");
        response.json().await.expect("json")
    }

    /// Outbox rows of one kind for one registration.
    pub async fn mails(&self, registration_id: &str, kind: &str) -> i64 {
        let backend = self.db.backend();
        let sql = "SELECT COUNT(*) AS n FROM outbox_email WHERE registration_id = ? AND kind = ?";
        let id = uuid::Uuid::parse_str(registration_id).expect("uuid");
        let row = self
            .db
            .read()
            .query_one_raw(convene::db::stmt(backend, sql, vec![id.into(), kind.into()]))
            .await
            .expect("query")
            .expect("row");
        row.try_get::<i64>("", "n").expect("count")
    }
}

pub fn registration(email: &str, mode: &str) -> Value {
    json!({
        "first_name": "Amina", "last_name": "El Idrissi", "email": email,
        "organization": "Caritas International", "mode": mode, "language": "fr", "consent": true
    })
}

pub async fn make_token(db: &convene::db::Db, email: &str, role: Role) -> String {
    let email = EmailAddress::parse(email).expect("email");
    let user = email.clone();
    write(db, move |txn| {
        Box::pin(async move { Ok(create_user(txn, &user, role, "a long test password", Utc::now()).await) })
    })
    .await
    .expect("user");
    write(db, move |txn| Box::pin(async move { Ok(create_token(txn, &email, "tests", Utc::now()).await) }))
        .await
        .expect("token")
}

/// Runs `work` through the write door in a transaction of its own and commits it: for tests
/// that set rows up directly.
pub async fn write<T, F>(db: &convene::db::Db, work: F) -> T
where
    T: Send + 'static,
    F: for<'c> FnOnce(&'c sea_orm::DatabaseTransaction) -> futures::future::BoxFuture<'c, Result<T, sea_orm::DbErr>>
        + Send
        + 'static,
{
    db.write_alone(move |txn| convene::db::keep(work(txn))).await.expect("write")
}

pub async fn json(response: Response) -> Value {
    response.json().await.expect("json body")
}

/// Asserts the documented error body and returns it.
pub async fn expect_error(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "status for {code}");
    let body: Value = response.json().await.expect("error body is JSON");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].is_string(), "{body}");
    body
}

pub fn str_of(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}")).to_owned()
}
