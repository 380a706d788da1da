//! Privacy (API.md "Additions"): erasing an event, a person (by an organizer or by
//! themselves), the retention job, the registrant's own data, the consent record and the
//! audit. Every figure stays; the people are gone from every answer.

use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use entity::event;
use reqwest::{Method, StatusCode};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, expect_error, json, registration, str_of, write};

/// Moves an event so that it ended `days_ago` days ago.
pub async fn move_into_past(app: &TestApp, event_id: &str, days_ago: i64) {
    let id = Uuid::parse_str(event_id).expect("uuid");
    let ends = Utc::now() - Duration::days(days_ago);
    write(&app.db, move |txn| {
        Box::pin(async move {
            event::Entity::update_many()
                .col_expr(event::Column::StartsAt, Expr::value(ends - Duration::hours(3)))
                .col_expr(event::Column::EndsAt, Expr::value(ends))
                .col_expr(event::Column::RegistrationClosesAt, Expr::value(ends - Duration::hours(3)))
                .filter(event::Column::Id.eq(id))
                .exec(txn)
                .await
                .map(|_| ())
        })
    })
    .await;
}

/// One value of a raw query's single row.
pub async fn scalar_i64(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) -> i64 {
    let row = app
        .db
        .read()
        .query_one_raw(convene::db::stmt(app.db.backend(), sql, values))
        .await
        .expect("query")
        .expect("row");
    row.try_get::<i64>("", "n").expect("n")
}

async fn erase_event(app: &TestApp, event_id: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/events/{event_id}/erase")))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("request")
}

async fn erase_person(app: &TestApp, which: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.delete(app.url(&format!("/api/v1/registrations/{which}/personal-data")));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("request")
}

async fn audit(app: &TestApp, event_id: &str) -> Vec<Value> {
    let body = app.get_json(&format!("/api/v1/audit?event_id={event_id}&limit=100"), &app.organizer_token).await;
    body["items"].as_array().cloned().unwrap_or_default()
}

async fn csv(app: &TestApp, event_id: &str) -> String {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/events/{event_id}/attendees.csv")))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.expect("body")
}

fn with_answer(email: &str, mode: &str, diet: &str) -> Value {
    let mut body = registration(email, mode);
    body["answers"] = json!({"dietary": diet});
    body
}

const DIET_QUESTION: &str = r#"[{"key": "dietary", "kind": "text", "label": {"en": "Dietary needs"}}]"#;

#[tokio::test]
async fn erasing_an_ended_event_keeps_every_figure_and_forgets_the_people() {
    let mail_dir = tempfile::tempdir().expect("dir");
    let dir = mail_dir.path().to_owned();
    let app = TestApp::spawn_with(move |c| c.mail.outbox_dir = dir).await;
    let questions: Value = serde_json::from_str(DIET_QUESTION).expect("json");
    let event = app.create_event(json!({"in_person_capacity": 2, "questions": questions})).await;
    let event_id = str_of(&event, "id");
    let mut people = Vec::new();
    for (i, mode) in ["in_person", "in_person", "in_person", "online"].iter().enumerate() {
        let response =
            app.register_body(&event_id, with_answer(&format!("erase{i}@example.org"), mode, "Quincemarmalade")).await;
        people.push(json(response).await);
    }
    let seated = &people[0];
    assert_eq!(app.scan(&event_id, &str_of(seated, "ticket_code")).await["result"], "checked_in");
    let index = app.get_json(&format!("/api/v1/events/{event_id}/checkin-index"), &app.checkin_token).await;
    let cursor = str_of(&index, "cursor");

    // An event still ahead cannot be erased as a whole.
    expect_error(erase_event(&app, &event_id).await, 409, "conflict").await;

    // Every mail is out (its `.eml` file written) before the erasure.
    let id = Uuid::parse_str(&event_id).expect("uuid");
    let unsent = "SELECT COUNT(*) AS n FROM outbox_email WHERE event_id = ? AND status <> 'sent'";
    let deadline = std::time::Instant::now() + StdDuration::from_secs(60);
    while scalar_i64(&app, unsent, vec![id.into()]).await > 0 {
        assert!(std::time::Instant::now() < deadline, "mail not sent");
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    assert!(std::fs::read_dir(mail_dir.path()).expect("mail dir").count() >= 4);
    move_into_past(&app, &event_id, 1).await;
    let stats_before = app.stats(&event_id).await;
    let csv_before = csv(&app, &event_id).await;
    let response = erase_event(&app, &event_id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(response).await, json!({"erased": 4}));
    assert_eq!(json(erase_event(&app, &event_id).await).await, json!({"erased": 0}), "nothing more the second time");

    // Every figure is the same.
    assert_eq!(app.stats(&event_id).await, stats_before);
    let csv_after = csv(&app, &event_id).await;
    assert_eq!(csv_after.lines().count(), csv_before.lines().count());
    assert_eq!(csv_after.lines().next(), csv_before.lines().next(), "the same columns");
    for needle in ["erase0@example.org", "El Idrissi", "Amina", "Quincemarmalade"] {
        assert!(csv_before.contains(needle) && !csv_after.contains(needle), "{needle} left in {csv_after}");
    }

    // Nobody is found, no link or ticket works.
    for person in &people {
        let token = str_of(person, "manage_token");
        assert_eq!(app.manage(Method::GET, &token, None).await.status(), StatusCode::NOT_FOUND);
        let data = app.client.get(app.url(&format!("/api/v1/registrations/{token}/data"))).send().await.expect("data");
        assert_eq!(data.status(), StatusCode::NOT_FOUND);
    }
    let join_url = str_of(&people[3], "join_url");
    assert_eq!(app.client.get(&join_url).send().await.expect("join").status(), StatusCode::NOT_FOUND);
    let found = app.get_json(&format!("/api/v1/events/{event_id}/registrations?q=Amina"), &app.organizer_token).await;
    assert_eq!(found["items"], json!([]));
    let everyone = app.get_json(&format!("/api/v1/events/{event_id}/registrations"), &app.organizer_token).await;
    assert_eq!(everyone["items"], json!([]));
    let full = app.get_json(&format!("/api/v1/events/{event_id}/checkin-index"), &app.checkin_token).await;
    assert_eq!(full["entries"], json!([]));
    let since =
        app.get_json(&format!("/api/v1/events/{event_id}/checkin-index?cursor={cursor}"), &app.checkin_token).await;
    let removed = since["entries"].as_array().expect("entries");
    assert_eq!(removed.len(), 4);
    assert!(removed.iter().all(|e| e["removed"] == true && e.get("first_name").is_none()), "{since}");

    // In the tables: personal columns NULL, the rest kept; no mail left to send.
    let sql = "SELECT COUNT(*) AS n FROM registration WHERE event_id = ? AND first_name IS NULL AND last_name IS NULL \
               AND email IS NULL AND ticket_code IS NULL AND manage_token IS NULL AND join_token IS NULL \
               AND answers IS NULL AND erased_at IS NOT NULL AND organization = 'Caritas International'";
    assert_eq!(scalar_i64(&app, sql, vec![id.into()]).await, 4);
    let scrubbed =
        "SELECT COUNT(*) AS n FROM outbox_email WHERE event_id = ? AND last_error IS NULL AND recipient_key IS NULL";
    let all = "SELECT COUNT(*) AS n FROM outbox_email WHERE event_id = ?";
    assert_eq!(scalar_i64(&app, scrubbed, vec![id.into()]).await, scalar_i64(&app, all, vec![id.into()]).await);
    for file in std::fs::read_dir(mail_dir.path()).expect("mail dir") {
        let text = std::fs::read_to_string(file.expect("entry").path()).unwrap_or_default();
        assert!(!text.contains("erase0@example.org") && !text.contains("El Idrissi"), "a mail file kept a person");
    }

    // Sent mails keep their kind and state, not their content: nothing to resend.
    let mails = app.get_json(&format!("/api/v1/events/{event_id}/mails"), &app.organizer_token).await;
    let first = mails["items"].as_array().and_then(|m| m.first()).cloned().expect("a mail");
    assert_eq!((first["status"].as_str(), first["recipient"].as_str()), (Some("sent"), None));
    let resend = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/mails/{}/resend", str_of(&first, "id"))))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("resend");
    expect_error(resend, 404, "not_found").await;

    // The audit says who exported and erased, and names no registrant.
    let entries = audit(&app, &event_id).await;
    let erasures: Vec<(&str, i64)> = entries
        .iter()
        .filter(|e| e["action"] == "erase_event")
        .map(|e| (e["actor"].as_str().unwrap_or(""), e["count"].as_i64().unwrap_or(-1)))
        .collect();
    assert_eq!(erasures, vec![("organizer@example.org", 0), ("organizer@example.org", 4)], "newest first");
    assert!(entries.iter().any(|e| e["action"] == "export" && e["count"] == 4), "{entries:?}");
    assert!(entries.iter().any(|e| e["action"] == "checkin_index"), "{entries:?}");
    let text = serde_json::to_string(&entries).expect("json");
    assert!(!text.contains("erase0@") && !text.contains("Amina"));
    // The space is reclaimed on each backend: checkpoint, VACUUM or OPTIMIZE.
    app.db.reclaim_now().await.expect("reclaim");
    assert_eq!(app.stats(&event_id).await, stats_before);
}

#[tokio::test]
async fn a_registrant_forgotten_before_the_event_gives_their_seat_to_the_waitlist_unmailed() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let event_id = str_of(&event, "id");
    let first = json(app.register(&event_id, "first@example.org", "in_person").await).await;
    let waiting = json(app.register(&event_id, "waiting@example.org", "in_person").await).await;
    let other = json(app.register(&event_id, "other@example.org", "online").await).await;
    assert_eq!((first["status"].as_str(), waiting["status"].as_str()), (Some("confirmed"), Some("waitlisted")));

    let token = str_of(&first, "manage_token");
    let response = erase_person(&app, &token, None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.mails(&str_of(&first, "id"), "cancelled").await, 0, "not mailed");
    assert_eq!(app.manage(Method::GET, &token, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(erase_person(&app, &token, None).await.status(), StatusCode::NOT_FOUND, "the link is gone");
    let promoted = app.manage(Method::GET, &str_of(&waiting, "manage_token"), None).await;
    assert_eq!(json(promoted).await["status"], "confirmed");
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 1, "{stats}");

    // Their ticket scans unknown; the desk's search never finds them.
    assert_eq!(app.scan(&event_id, &str_of(&first, "ticket_code")).await["result"], "unknown");

    // An organizer erases by registration id, with a token only.
    let other_id = str_of(&other, "id");
    expect_error(erase_person(&app, &other_id, None).await, 401, "unauthorized").await;
    expect_error(erase_person(&app, &other_id, Some(&app.checkin_token)).await, 403, "forbidden").await;
    assert_eq!(erase_person(&app, &other_id, Some(&app.organizer_token)).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(erase_person(&app, &other_id, Some(&app.organizer_token)).await.status(), StatusCode::NO_CONTENT);
    let unknown = Uuid::now_v7().to_string();
    expect_error(erase_person(&app, &unknown, Some(&app.organizer_token)).await, 404, "not_found").await;

    let found =
        app.get_json(&format!("/api/v1/events/{event_id}/registrations?q=example.org"), &app.organizer_token).await;
    let ids: Vec<&str> = found["items"].as_array().expect("items").iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, vec![str_of(&waiting, "id").as_str()]);

    let entries = audit(&app, &event_id).await;
    let actors: Vec<(&str, i64)> = entries
        .iter()
        .filter(|e| e["action"] == "erase_person")
        .map(|e| (e["actor"].as_str().unwrap_or(""), e["count"].as_i64().unwrap_or(-1)))
        .collect();
    assert_eq!(actors, vec![("organizer@example.org", 0), ("organizer@example.org", 1), ("registrant", 1)]);
}

#[tokio::test]
async fn the_retention_job_erases_an_event_whose_days_have_run_out_and_no_other() {
    let app = TestApp::spawn().await;
    for bad in [json!(0), json!(3651), json!("soon")] {
        let response = app
            .client
            .post(app.url("/api/v1/events"))
            .bearer_auth(&app.organizer_token)
            .json(&json!({"title": "x", "starts_at": "2027-01-01T10:00:00Z", "ends_at": "2027-01-01T12:00:00Z", "retention_days": bad}))
            .send()
            .await
            .expect("request");
        assert!(response.status().is_client_error(), "{bad}");
    }
    let due = app.create_event(json!({"retention_days": 1})).await;
    assert_eq!(due["retention_days"], 1);
    assert_eq!(due["personal_data_erased_at"], Value::Null);
    let kept = app.create_event(json!({})).await;
    assert_eq!(kept["retention_days"], 180, "the default");
    let (due_id, kept_id) = (str_of(&due, "id"), str_of(&kept, "id"));
    for (event_id, email) in [(&due_id, "due@example.org"), (&kept_id, "kept@example.org")] {
        assert_eq!(app.register(event_id, email, "online").await.status(), StatusCode::CREATED);
    }
    move_into_past(&app, &due_id, 2).await;
    move_into_past(&app, &kept_id, 2).await;
    let stats_before = app.stats(&due_id).await;

    // The job runs at start.
    let app = app.restart_with(|_| {}).await;
    let erased = "SELECT COUNT(*) AS n FROM registration WHERE event_id = ? AND erased_at IS NOT NULL";
    let due_uuid = Uuid::parse_str(&due_id).expect("uuid");
    let deadline = std::time::Instant::now() + StdDuration::from_secs(60);
    while scalar_i64(&app, erased, vec![due_uuid.into()]).await == 0 {
        assert!(std::time::Instant::now() < deadline, "the retention job did not run");
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    assert_eq!(app.stats(&due_id).await, stats_before);
    let kept_uuid = Uuid::parse_str(&kept_id).expect("uuid");
    assert_eq!(scalar_i64(&app, erased, vec![kept_uuid.into()]).await, 0, "180 days are not over");
    let entries = audit(&app, &due_id).await;
    assert!(
        entries.iter().any(|e| e["action"] == "retention_erase" && e["actor"] == "system" && e["count"] == 1),
        "{entries:?}"
    );
}

#[tokio::test]
async fn the_registrants_data_holds_everything_the_server_holds_about_them() {
    let app = TestApp::spawn().await;
    let questions: Value = serde_json::from_str(DIET_QUESTION).expect("json");
    let event = app.create_event(json!({"questions": questions})).await;
    let event_id = str_of(&event, "id");
    let mut body = with_answer("data@example.org", "online", "halal");
    body["future_invitations"] = json!(true);
    let reg = json(app.register_body(&event_id, body).await).await;
    let token = str_of(&reg, "manage_token");
    let switched = app.manage(Method::PATCH, &token, Some(json!({"mode": "in_person"}))).await;
    assert_eq!(switched.status(), StatusCode::OK);
    assert_eq!(app.scan(&event_id, &str_of(&reg, "ticket_code")).await["result"], "checked_in");

    let response = app.client.get(app.url(&format!("/api/v1/registrations/{token}/data"))).send().await.expect("data");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let data = json(response).await;

    // The registration row, field by field.
    let id = Uuid::parse_str(&str_of(&reg, "id")).expect("uuid");
    let row = entity::registration::Entity::find_by_id(id).one(app.db.read()).await.expect("query").expect("row");
    let shown = &data["registration"];
    assert_eq!(shown["first_name"], row.first_name());
    assert_eq!(shown["last_name"], row.last_name());
    assert_eq!(shown["email"], row.email());
    assert_eq!(shown["organization"], row.organization);
    assert_eq!(shown["mode"], "in_person");
    assert_eq!(shown["answers"], json!(row.answers()));
    assert_eq!(shown["ticket_code"], reg["ticket_code"]);
    assert_eq!(shown["held_seat"], false);
    // The consent: the French sentence shown, its version, when.
    let consent = &data["consent"];
    assert_eq!(consent["text"], json!(row.consent_text));
    assert!(consent["text"].as_str().is_some_and(|t| t.contains("180 jours")), "{consent}");
    assert_eq!(consent["language"], "fr");
    assert_eq!(consent["version"].as_str().map(str::len), Some(12));
    assert_eq!(consent["source"], "api");
    assert!(consent["given_at"].is_string());
    // History, check-ins, mails and the contact: as many as the tables hold.
    let count = |table: &str| format!("SELECT COUNT(*) AS n FROM {table} WHERE registration_id = ?");
    let history = scalar_i64(&app, &count("registration_history"), vec![id.into()]).await;
    assert_eq!(data["history"].as_array().map(Vec::len), Some(history as usize));
    let kinds: Vec<&str> =
        data["history"].as_array().expect("history").iter().filter_map(|h| h["kind"].as_str()).collect();
    assert_eq!(kinds, vec!["registered", "switched"]);
    assert_eq!(
        data["check_ins"].as_array().map(Vec::len),
        Some(scalar_i64(&app, &count("checkin"), vec![id.into()]).await as usize)
    );
    assert_eq!(data["check_ins"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        data["mails"].as_array().map(Vec::len),
        Some(scalar_i64(&app, &count("outbox_email"), vec![id.into()]).await as usize)
    );
    assert!(data["mails"].as_array().is_some_and(|m| m.iter().any(|m| m["kind"] == "confirmation")), "{data}");
    assert_eq!(data["joins"], json!([]));
    assert_eq!(data["future_invitations"]["email"], "data@example.org");

    // A registration from before consent texts were recorded says so.
    write(&app.db, move |txn| {
        Box::pin(async move {
            entity::registration::Entity::update_many()
                .col_expr(entity::registration::Column::ConsentText, Expr::value(sea_orm::Value::String(None)))
                .filter(entity::registration::Column::Id.eq(id))
                .exec(txn)
                .await
                .map(|_| ())
        })
    })
    .await;
    let data = app.get_json(&format!("/api/v1/registrations/{token}/data"), "").await;
    assert_eq!(data["consent"]["text"], Value::Null);

    // Forgetting them removes the contact kept for future invitations too.
    assert_eq!(erase_person(&app, &token, None).await.status(), StatusCode::NO_CONTENT);
    let contacts = "SELECT COUNT(*) AS n FROM contact WHERE email = 'data@example.org'";
    assert_eq!(scalar_i64(&app, contacts, vec![]).await, 0);
}

#[tokio::test]
async fn the_audit_lists_settings_changes_and_pages_through_its_entries() {
    let app = TestApp::spawn().await;
    let admin = crate::helpers::make_token(&app.db, "admin@example.org", entity::Role::Admin).await;
    for color in ["#0033A0", "#112233", "#445566"] {
        let response = app
            .client
            .patch(app.url("/api/v1/settings"))
            .bearer_auth(&admin)
            .json(&json!({"accent_color": color}))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::OK);
    }
    let page = app.get_json("/api/v1/audit?limit=2", &app.organizer_token).await;
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|e| e["action"] == "settings_change" && e["actor"] == "admin@example.org"));
    let cursor = str_of(&page, "next_cursor");
    let rest = app.get_json(&format!("/api/v1/audit?limit=2&cursor={cursor}"), &app.organizer_token).await;
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(rest["next_cursor"], Value::Null);

    let bad = app.client.get(app.url("/api/v1/audit?limit=0")).bearer_auth(&app.organizer_token).send().await;
    expect_error(bad.expect("request"), 422, "validation").await;
    let bad = app.client.get(app.url("/api/v1/audit?event_id=nope")).bearer_auth(&app.organizer_token).send().await;
    expect_error(bad.expect("request"), 422, "validation").await;
    let anonymous = app.client.get(app.url("/api/v1/audit")).send().await.expect("request");
    expect_error(anonymous, 401, "unauthorized").await;
    let door = app.client.get(app.url("/api/v1/audit")).bearer_auth(&app.checkin_token).send().await;
    expect_error(door.expect("request"), 403, "forbidden").await;
}
