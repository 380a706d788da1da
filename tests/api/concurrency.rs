//! Seats are never oversold, and the waitlist moves in order, under real concurrency.

use futures::future::join_all;
use serde_json::json;

use crate::helpers::{TestApp, json, str_of};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_hundred_concurrent_registrations_fill_fifty_seats_exactly() {
    fill_fifty_seats(TestApp::spawn().await).await;
}

/// The same rules hold when every write commits on its own (`CONVENE_GROUP_COMMIT=off`).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_group_commit_four_hundred_registrations_still_fill_fifty_seats_exactly() {
    fill_fifty_seats(TestApp::spawn_with(|config| config.group_commit = false).await).await;
}

async fn fill_fifty_seats(app: TestApp) {
    let event = app.create_event(json!({"in_person_capacity": 50})).await;
    let event_id = str_of(&event, "id");

    let responses = join_all((0..400).map(|i| {
        let app = &app;
        let event_id = &event_id;
        async move { app.register(event_id, &format!("partner{i}@example.org"), "in_person").await }
    }))
    .await;

    let mut confirmed = 0;
    let mut waitlisted = 0;
    for response in responses {
        assert_eq!(response.status().as_u16(), 201);
        match json(response).await["status"].as_str() {
            Some("confirmed") => confirmed += 1,
            Some("waitlisted") => waitlisted += 1,
            other => panic!("unexpected status {other:?}"),
        }
    }
    assert_eq!((confirmed, waitlisted), (50, 350));
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 50);
    assert_eq!(stats["in_person"]["waitlisted"], 350);
    assert_eq!(stats["registered"], 400);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_concurrent_cancellations_promote_the_ten_longest_waiting() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 10})).await;
    let event_id = str_of(&event, "id");

    // Sequential registrations fix the order of arrival: 10 seated, 20 waiting.
    let mut seated = Vec::new();
    let mut waiting = Vec::new();
    for i in 0..30 {
        let body = json(app.register(&event_id, &format!("p{i}@example.org"), "in_person").await).await;
        if i < 10 {
            assert_eq!(body["status"], "confirmed");
            seated.push(str_of(&body, "manage_token"));
        } else {
            assert_eq!(body["status"], "waitlisted");
            waiting.push(str_of(&body, "manage_token"));
        }
    }

    let cancellations = join_all(seated.iter().map(|token| app.manage(reqwest::Method::DELETE, token, None))).await;
    for response in cancellations {
        assert_eq!(response.status().as_u16(), 200);
    }

    for (position, token) in waiting.iter().enumerate() {
        let body = json(app.manage(reqwest::Method::GET, token, None).await).await;
        let expected = if position < 10 { "confirmed" } else { "waitlisted" };
        assert_eq!(body["status"], expected, "waitlist position {position}");
        if position < 10 {
            assert_eq!(
                app.mails(&str_of(&body, "id"), "confirmation").await,
                1,
                "promotion mail for position {position}"
            );
        }
    }
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 10);
    assert_eq!(stats["in_person"]["waitlisted"], 10);
    assert_eq!(stats["cancelled"], 10);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_duplicates_of_one_email_make_one_registration() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let responses = join_all((0..20).map(|i| {
        app.register(&event_id, if i % 2 == 0 { "same@example.org" } else { " SAME@example.org " }, "online")
    }))
    .await;
    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 19, "{statuses:?}");
    assert_eq!(app.stats(&event_id).await["registered"], 1);
    app.stop().await;
}

/// An acknowledged write survives a power loss: SQLite syncs the WAL on every commit
/// (`synchronous=FULL`), PostgreSQL waits for its WAL flush (`synchronous_commit=on`).
#[tokio::test]
async fn writes_are_durable_by_default() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = TestApp::spawn().await;
    let backend = app.db.backend();
    let (sql, column) = match backend {
        DbBackend::Sqlite => ("PRAGMA synchronous", "synchronous"),
        DbBackend::Postgres => ("SHOW synchronous_commit", "synchronous_commit"),
        _ => {
            // MariaDB: InnoDB flushes its log at each commit by default (innodb_flush_log_at_trx_commit=1).
            ("SELECT CAST(@@innodb_flush_log_at_trx_commit AS CHAR) AS v", "v")
        }
    };
    // Asked on the write connection: that is where durability matters.
    let row = app
        .db
        .write_alone(move |txn| {
            Box::pin(async move {
                Ok::<_, sea_orm::DbErr>(convene::db::Discard(
                    txn.query_one_raw(Statement::from_string(backend, sql)).await?,
                ))
            })
        })
        .await
        .expect("query")
        .expect("row");
    let value: String = match backend {
        DbBackend::Sqlite => row.try_get::<i64>("", column).expect("value").to_string(),
        _ => row.try_get::<String>("", column).expect("value"),
    };
    let durable = match backend {
        DbBackend::Sqlite => "2",
        DbBackend::Postgres => "on",
        _ => "1",
    };
    assert_eq!(value, durable, "{sql}");
    app.stop().await;
}
