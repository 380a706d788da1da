//! Secrets at rest (API.md): a copy of the database opens nothing. Ticket codes, manage,
//! join and invitation tokens are stored as a lookup hash and a sealed copy; links made before
//! the upgrade keep working; a server with another key still takes every link, and only
//! refuses to show a ticket or link again.

use convene_test_support::process::{Convene, Served};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, json, str_of, write};

/// Every secret of one registration and one invitation, in plain text, as their holders have them.
async fn make_secrets(app: &TestApp) -> (String, Vec<String>) {
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let reg = json(app.register(&id, "amina@example.org", "in_person").await).await;
    let scan = app
        .client
        .post(app.url(&format!("/api/v1/events/{id}/checkins")))
        .bearer_auth(&app.checkin_token)
        .json(&json!({"code": str_of(&reg, "ticket_code")}))
        .send()
        .await
        .expect("scan");
    assert_eq!(json(scan).await["result"], "checked_in");
    let online = json(app.register(&id, "noor@example.org", "online").await).await;
    let join = str_of(&online, "join_url").rsplit('/').next().unwrap_or_default().to_owned();
    let csv = "first_name,last_name,email\nJan,Peeters,jan@example.org\n";
    let invited = app
        .client
        .post(app.url(&format!("/api/v1/events/{id}/imports/registrations?invite=true")))
        .bearer_auth(&app.organizer_token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .expect("import");
    assert!(invited.status().is_success(), "{}", invited.text().await.unwrap_or_default());
    let sealed: String = write(&app.db, |txn| {
        Box::pin(async move {
            use sea_orm::{EntityTrait, QuerySelect};
            let tokens: Vec<String> = entity::invitation::Entity::find()
                .select_only()
                .column(entity::invitation::Column::TokenSealed)
                .into_tuple()
                .all(txn)
                .await?;
            Ok(tokens.into_iter().next().unwrap_or_default())
        })
    })
    .await;
    let invitation = convene::secrets::open(&sealed).expect("an invitation token");
    let secrets = vec![
        str_of(&reg, "ticket_code"),
        str_of(&reg, "manage_token"),
        str_of(&online, "manage_token"),
        join,
        invitation,
    ];
    (id, secrets)
}

#[tokio::test]
async fn a_copy_of_the_database_holds_no_ticket_code_or_token() {
    let app = TestApp::spawn().await;
    let (_, secrets) = make_secrets(&app).await;
    assert!(secrets.iter().all(|s| s.len() >= 26), "{secrets:?}");
    let url = app.database_url();
    if let Some(file) = url.strip_prefix("sqlite://").map(|rest| rest.split('?').next().unwrap_or("").to_owned()) {
        // The file and its write-ahead log, byte for byte.
        let mut bytes = std::fs::read(&file).expect("database file");
        bytes.extend(std::fs::read(format!("{file}-wal")).unwrap_or_default());
        for secret in &secrets {
            let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
            assert!(!found, "{secret} is in the SQLite file");
        }
    } else {
        // PostgreSQL and MariaDB: every text the registration and invitation tables hold.
        let backend = app.db.backend();
        for (table, columns) in [
            (
                "registration",
                "ticket_code, manage_token, join_token, ticket_code_sealed, manage_token_sealed, join_token_sealed",
            ),
            ("invitation", "token, token_sealed"),
        ] {
            let sql = format!("SELECT {columns} FROM {table}");
            let rows = app.db.read().query_all_raw(convene::db::stmt(backend, &sql, vec![])).await.expect("query");
            for row in rows {
                for column in columns.split(", ") {
                    let value: String = row.try_get("", column).expect("text");
                    for secret in &secrets {
                        assert!(!value.contains(secret.as_str()), "{secret} is in {table}.{column}");
                    }
                }
            }
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn links_made_before_the_upgrade_keep_working() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": null})).await;
    let id = str_of(&event, "id");
    let reg = json(app.register(&id, "amina@example.org", "in_person").await).await;
    let (code, manage) = (str_of(&reg, "ticket_code"), str_of(&reg, "manage_token"));
    // As the previous release stored it: the values themselves, no sealed copies.
    let reg_id = uuid::Uuid::parse_str(&str_of(&reg, "id")).expect("id");
    let (c, m) = (code.clone(), manage.clone());
    write(&app.db, move |txn| {
        Box::pin(async move {
            use entity::registration::Column;
            use sea_orm::sea_query::Expr;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            entity::registration::Entity::update_many()
                .col_expr(Column::TicketCode, Expr::value(c))
                .col_expr(Column::ManageToken, Expr::value(m))
                .col_expr(Column::TicketCodeSealed, Expr::value(""))
                .col_expr(Column::ManageTokenSealed, Expr::value(""))
                .col_expr(Column::JoinTokenSealed, Expr::value(""))
                .filter(Column::Id.eq(reg_id))
                .exec(txn)
                .await
                .map(|_| ())
        })
    })
    .await;
    // The upgrade runs when the server starts.
    let app = app.restart_with(|_| {}).await;
    let mine = app.manage(reqwest::Method::GET, &manage, None).await;
    assert_eq!(mine.status(), StatusCode::OK, "the mailed manage link still opens");
    assert_eq!(json(mine).await["ticket_code"], json!(code), "and shows the same ticket");
    let scan = app
        .client
        .post(app.url(&format!("/api/v1/events/{id}/checkins")))
        .bearer_auth(&app.checkin_token)
        .json(&json!({"code": code}))
        .send()
        .await
        .expect("scan");
    assert_eq!(json(scan).await["result"], "checked_in", "the printed ticket still works");
    let stored: (String, String) = write(&app.db, move |txn| {
        Box::pin(async move {
            use entity::registration::Column;
            use sea_orm::{EntityTrait, QuerySelect};
            let row: Option<(String, String)> = entity::registration::Entity::find_by_id(reg_id)
                .select_only()
                .column(Column::TicketCode)
                .column(Column::ManageToken)
                .into_tuple()
                .one(txn)
                .await?;
            Ok(row.unwrap_or_default())
        })
    })
    .await;
    assert_ne!(stored.0, code, "no longer stored as itself");
    assert_ne!(stored.1, manage);
    app.stop().await;
}

const BIN: &str = env!("CARGO_BIN_EXE_convene");

/// `convene serve` on `database` with `key`, until dropped.
fn serve(database: &str, key: &str) -> Served {
    Convene::new(BIN, database).with_secret_key(key).serve().start().unwrap_or_else(|e| panic!("serve: {e:#}"))
}

fn cli(database: &str, args: &[&str]) -> String {
    Convene::new(BIN, database).ok(args, None).unwrap_or_else(|e| panic!("{e:#}")).trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_another_key_links_work_and_showing_them_again_fails_clearly() {
    let dir = tempfile::tempdir().expect("dir");
    let database = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let first_key = cli(&database, &["key", "generate"]);
    let other_key = cli(&database, &["key", "generate"]);
    assert_ne!(first_key, other_key);
    cli(&database, &["migrate"]);
    cli(&database, &["user", "add", "--email", "org@example.org", "--role", "organizer"]);
    let token = cli(&database, &["token", "create", "--email", "org@example.org", "--name", "t"]);
    let http = reqwest::Client::new();

    let (event_id, reg) = {
        let server = serve(&database, &first_key);
        let starts = chrono::Utc::now() + chrono::Duration::days(3);
        let event: Value = http
            .post(format!("{}/api/v1/events", server.base()))
            .bearer_auth(&token)
            .json(&json!({"title": "Meeting", "starts_at": starts.to_rfc3339(),
                "ends_at": (starts + chrono::Duration::hours(2)).to_rfc3339(), "status": "published"}))
            .send()
            .await
            .expect("event")
            .json()
            .await
            .expect("json");
        let id = str_of(&event, "id");
        let reg: Value = http
            .post(format!("{}/api/v1/events/{id}/registrations", server.base()))
            .json(&crate::helpers::registration("amina@example.org", "in_person"))
            .send()
            .await
            .expect("register")
            .json()
            .await
            .expect("json");
        (id, reg)
    };

    let server = serve(&database, &other_key);
    let mine = http
        .get(format!("{}/api/v1/registrations/{}", server.base(), str_of(&reg, "manage_token")))
        .send()
        .await
        .expect("get");
    assert_eq!(mine.status(), StatusCode::OK, "the link still works");
    let page =
        http.get(format!("{}/r/{}?lang=fr", server.base(), str_of(&reg, "manage_token"))).send().await.expect("page");
    let html = page.text().await.expect("html");
    assert!(html.contains("Votre billet ne peut pas être affiché ici"), "the page says so, in French");
    let scan = http
        .post(format!("{}/api/v1/events/{event_id}/checkins", server.base()))
        .bearer_auth(&token)
        .json(&json!({"code": str_of(&reg, "ticket_code")}))
        .send()
        .await
        .expect("scan");
    assert_eq!(scan.json::<Value>().await.expect("json")["result"], "checked_in", "the ticket still works");
    // Showing the ticket again: the resend is refused with a clear reason.
    let mails: Value = http
        .get(format!("{}/api/v1/events/{event_id}/mails", server.base()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("mails")
        .json()
        .await
        .expect("json");
    let mail_id = mails["items"][0]["id"].as_str().expect("the confirmation").to_owned();
    let resend = http
        .post(format!("{}/api/v1/events/{event_id}/mails/{mail_id}/resend", server.base()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("resend");
    let status = resend.status();
    let body: Value = resend.json().await.expect("json");
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "secret_unavailable", "{body}");
    drop(server);
}

#[tokio::test]
async fn an_organizer_issues_new_links_and_the_old_ones_stop() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let reg = json(app.register(&id, "amina@example.org", "in_person").await).await;
    let client = crate::backoffice::browser();
    crate::backoffice::log_in(&app, &client, "organizer@example.org").await;
    let person = format!("/admin/events/{id}/registrations/{}", str_of(&reg, "id"));
    let done = client.post(app.url(&format!("{person}/newlinks?back=person"))).send().await.expect("send");
    assert!(done.headers()["location"].to_str().unwrap_or("").ends_with("done=newlinks"));
    let old = app.manage(reqwest::Method::GET, &str_of(&reg, "manage_token"), None).await;
    assert_eq!(old.status(), StatusCode::NOT_FOUND, "the old link stops at once");
    let scan = app
        .client
        .post(app.url(&format!("/api/v1/events/{id}/checkins")))
        .bearer_auth(&app.checkin_token)
        .json(&json!({"code": str_of(&reg, "ticket_code")}))
        .send()
        .await
        .expect("scan");
    assert_eq!(json(scan).await["result"], "unknown", "and so does the old ticket");
    assert_eq!(app.mails(&str_of(&reg, "id"), "confirmation").await, 2, "the new links are mailed");
    let page =
        client.get(app.url(&format!("{person}?lang=en"))).send().await.expect("page").text().await.expect("html");
    assert!(page.contains("New ticket and links issued"), "in the history");
    app.stop().await;
}
