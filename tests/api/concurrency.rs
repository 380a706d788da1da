//! Seats are never oversold, and the waitlist moves in order, under real concurrency.

use futures::future::join_all;
use serde_json::json;

use crate::helpers::{TestApp, json, registration, str_of};

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

/// Registrations that meet in one batch are decided together (one lock of the event, one
/// insert per table): the outcome is the one of registering one by one. A burst mixing new
/// people in both modes, repeats of one address, an address registered before, and two
/// spellings of one organization fills each mode exactly, answers every repeat 409, gives each
/// new registration its own place in line, one history entry and one mail, and counts the
/// organization's seats; the longest waiting are promoted first.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_mixed_registrations_is_decided_as_one_by_one() {
    mixed_burst(TestApp::spawn().await).await;
}

/// The same burst, every registration committed on its own (`CONVENE_GROUP_COMMIT=off`).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_group_commit_a_burst_of_mixed_registrations_ends_the_same() {
    mixed_burst(TestApp::spawn_with(|config| config.group_commit = false).await).await;
}

async fn mixed_burst(app: TestApp) {
    use entity::{organization_seat, registration, registration_history};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

    let event = app.create_event(json!({"in_person_capacity": 20, "online_capacity": 30})).await;
    let event_id = str_of(&event, "id");
    let id = uuid::Uuid::parse_str(&event_id).expect("uuid");
    assert_eq!(app.register(&event_id, "early@example.org", "online").await.status().as_u16(), 201);

    let bodies = (0..300).map(|i| {
        let email = match i % 10 {
            0 => "repeat@example.org".to_owned(),
            1 => "early@example.org".to_owned(),
            _ => format!("p{i}@example.org"),
        };
        let mut body = registration(&email, if i % 2 == 0 { "in_person" } else { "online" });
        // Two spellings of one organization, and others: a group counts several at once.
        body["organization"] = json!(match i % 5 {
            0 | 1 => "Caritas International",
            2 => "  caritas INTERNATIONAL ",
            3 => "Fedasil",
            _ => "Red Cross Flanders",
        });
        body
    });
    let responses = join_all(bodies.map(|body| async {
        let response = app.register_body(&event_id, body).await;
        (response.status().as_u16(), json(response).await)
    }))
    .await;
    let statuses: Vec<u16> = responses.iter().map(|(status, _)| *status).collect();
    let tokens: std::collections::HashMap<String, String> = responses
        .iter()
        .filter(|(status, _)| *status == 201)
        .map(|(_, b)| (str_of(b, "id"), str_of(b, "manage_token")))
        .collect();
    // 240 new addresses and the first of the repeats; 29 repeats and 30 of the early address.
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 241, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 59, "{statuses:?}");

    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 20);
    assert_eq!(stats["online"]["confirmed"], 30);
    assert_eq!(stats["registered"], 242);
    let seats = organization_seat::Entity::find()
        .filter(organization_seat::Column::EventId.eq(id))
        .all(app.db.read())
        .await
        .expect("query");
    let counted: std::collections::BTreeMap<String, i32> = seats
        .into_iter()
        .filter(|s| s.in_person_confirmed > 0)
        .map(|s| (s.organization_key, s.in_person_confirmed))
        .collect();

    let rows = registration::Entity::find()
        .filter(registration::Column::EventId.eq(id))
        .order_by_asc(registration::Column::QueueSeq)
        .all(app.db.read())
        .await
        .expect("query");
    // Each organization's counter is its confirmed seats in the room, both spellings as one.
    let mut seated_by_key = std::collections::BTreeMap::new();
    for row in &rows {
        if row.mode == entity::AttendanceMode::InPerson && row.status == entity::RegistrationStatus::Confirmed {
            *seated_by_key.entry(row.organization_key.clone().unwrap_or_default()).or_insert(0) += 1;
        }
    }
    assert_eq!(counted, seated_by_key);
    let keys = ["caritas international", "fedasil", "red cross flanders"];
    assert!(seated_by_key.keys().all(|key| keys.contains(&key.as_str())), "{seated_by_key:?}");
    assert_eq!(seated_by_key.values().sum::<i32>(), 20);
    let places: std::collections::HashSet<i64> = rows.iter().map(|r| r.queue_seq).collect();
    assert_eq!(places.len(), 242, "each registration has its own place in line");
    for row in &rows {
        let entries = registration_history::Entity::find()
            .filter(registration_history::Column::RegistrationId.eq(row.id))
            .filter(registration_history::Column::Kind.eq("registered"))
            .count(app.db.read())
            .await
            .expect("query");
        assert_eq!(entries, 1, "history of {:?}", row.email);
        let kind = if row.status == entity::RegistrationStatus::Confirmed { "confirmation" } else { "waitlisted" };
        assert_eq!(app.mails(&row.id.to_string(), kind).await, 1, "mail of {:?}", row.email);
    }

    // Three seats free: the three longest waiting in person take them.
    let waiting: Vec<_> = rows
        .iter()
        .filter(|r| r.mode == entity::AttendanceMode::InPerson && r.status == entity::RegistrationStatus::Waitlisted)
        .map(|r| r.id)
        .collect();
    let seated: Vec<_> = rows
        .iter()
        .filter(|r| r.mode == entity::AttendanceMode::InPerson && r.status == entity::RegistrationStatus::Confirmed)
        .collect();
    let burst_seated = seated.iter().filter_map(|reg| tokens.get(&reg.id.to_string()));
    for token in burst_seated.take(3) {
        assert_eq!(app.manage(reqwest::Method::DELETE, token, None).await.status().as_u16(), 200);
    }
    for (position, reg_id) in waiting.iter().enumerate().take(6) {
        let row = registration::Entity::find_by_id(*reg_id).one(app.db.read()).await.expect("query").expect("row");
        let expected =
            if position < 3 { entity::RegistrationStatus::Confirmed } else { entity::RegistrationStatus::Waitlisted };
        assert_eq!(row.status, expected, "waitlist position {position}");
    }
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

/// PostgreSQL on this machine (loopback) is reached without TLS when the URL does not choose
/// an `sslmode`: encrypting loopback traffic protects nothing and, measured, more than doubled
/// the time of a registration (issue 24). Other backends: nothing to check.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_on_loopback_goes_without_tls() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = TestApp::spawn().await;
    if app.db.backend() == DbBackend::Postgres && !app.database_url().contains("sslmode=") {
        let sql = "SELECT CAST(ssl AS TEXT) AS ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
        let row = app
            .db
            .read()
            .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await
            .expect("query")
            .expect("row");
        assert_eq!(row.try_get::<String>("", "ssl").expect("ssl"), "false");
    }
    app.stop().await;
}

/// Scans that meet in one batch are decided together (one lookup per kind, one insert): the
/// outcome is the one of scanning one by one. Each seated person scanned twice at once (by
/// code, or by code and by a pick from the name search) is checked in once, the other scan
/// answered `already_checked_in` with the same time; online registrants find the room full,
/// and waitlisted, cancelled and unknown tickets change nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_scans_is_decided_as_one_by_one() {
    scan_burst(TestApp::spawn().await).await;
}

/// The same burst, every scan committed on its own (`CONVENE_GROUP_COMMIT=off`).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_group_commit_a_burst_of_scans_ends_the_same() {
    scan_burst(TestApp::spawn_with(|config| config.group_commit = false).await).await;
}

async fn scan_burst(app: TestApp) {
    use entity::checkin;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let event = app.create_event(json!({"in_person_capacity": 20})).await;
    let event_id = str_of(&event, "id");
    let mut people = Vec::new(); // (expected first result, code, registration id)
    for i in 0..25 {
        let mode = if i < 22 { "in_person" } else { "online" };
        let body = json(app.register(&event_id, &format!("door{i}@example.org"), mode).await).await;
        let expected = match i {
            0..20 => "checked_in",
            20 | 21 => "not_confirmed",
            22 | 23 => "capacity_full",
            _ => "cancelled",
        };
        if expected == "cancelled" {
            app.manage(reqwest::Method::DELETE, &str_of(&body, "manage_token"), None).await;
        }
        people.push((expected, str_of(&body, "ticket_code"), str_of(&body, "id")));
    }

    let scan = |ticket: serde_json::Value| {
        let app = &app;
        let event_id = &event_id;
        async move {
            let url = app.url(&format!("/api/v1/events/{event_id}/checkins"));
            let response =
                app.client.post(url).bearer_auth(&app.checkin_token).json(&ticket).send().await.expect("scan");
            assert_eq!(response.status().as_u16(), 200);
            json(response).await
        }
    };
    let mut tickets = Vec::new();
    for (i, (_, code, id)) in people.iter().enumerate() {
        tickets.push(json!({"code": code.to_lowercase()}));
        // The seated are scanned a second time: by code, or picked from the name search.
        if i < 20 {
            tickets.push(if i % 2 == 0 { json!({"code": code}) } else { json!({"registration_id": id}) });
        }
    }
    tickets.extend((0..3).map(|i| json!({"code": format!("ZZZZ-ZZZZ-ZZZZ-ZZZ{i}")})));
    let answers = join_all(tickets.into_iter().map(scan)).await;

    let mut results: std::collections::HashMap<String, usize> = Default::default();
    let mut times: std::collections::HashMap<String, Vec<String>> = Default::default();
    for answer in &answers {
        *results.entry(str_of(answer, "result")).or_default() += 1;
        if let (Some(id), Some(at)) = (answer["registration"]["id"].as_str(), answer["checked_in_at"].as_str()) {
            times.entry(id.to_owned()).or_default().push(at.to_owned());
        }
    }
    let expected: std::collections::HashMap<String, usize> = [
        ("checked_in", 20),
        ("already_checked_in", 20),
        ("not_confirmed", 2),
        ("capacity_full", 2),
        ("cancelled", 1),
        ("unknown", 3),
    ]
    .into_iter()
    .map(|(result, n)| (result.to_owned(), n))
    .collect();
    assert_eq!(results, expected);
    for (_, _, id) in people.iter().take(20) {
        let seen = &times[id];
        assert_eq!(seen.len(), 2, "{id}: {seen:?}");
        assert_eq!(seen[0], seen[1], "both scans of {id} give the one check-in time");
    }
    let id = uuid::Uuid::parse_str(&event_id).expect("uuid");
    let active = checkin::Entity::find()
        .filter(checkin::Column::EventId.eq(id))
        .filter(checkin::Column::ActiveRegistrationId.is_not_null())
        .all(app.db.read())
        .await
        .expect("query");
    assert_eq!(active.len(), 20);
    assert_eq!(app.stats(&event_id).await["attended"], 20);
    app.stop().await;
}
