//! The door without a network (API.md "Check-in without a network"): replayable requests by
//! nonce, `scanned_at`, the batch of scans, the check-in index and its cursor.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, expect_error, json, registration, str_of, write};

async fn post(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.client.post(app.url(path)).bearer_auth(&app.checkin_token).json(&body).send().await.expect("request")
}

/// An event that started `minutes_ago`, so that scans may be dated.
async fn event_started(app: &TestApp, minutes_ago: i64) -> String {
    let start = Utc::now() - Duration::minutes(minutes_ago);
    let event = app
        .create_event(json!({"in_person_capacity": null, "starts_at": start.to_rfc3339(), "ends_at": (start + Duration::hours(4)).to_rfc3339(),
            "registration_closes_at": (start + Duration::hours(4)).to_rfc3339()}))
        .await;
    str_of(&event, "id")
}

async fn seated(app: &TestApp, event_id: &str, email: &str) -> Value {
    let reg = json(app.register(event_id, email, "in_person").await).await;
    assert_eq!(reg["status"], "confirmed", "{reg}");
    reg
}

#[tokio::test]
async fn the_same_nonce_checks_in_once_and_answers_the_same_and_other_content_is_a_conflict() {
    let app = TestApp::spawn().await;
    let id = event_started(&app, 30).await;
    let (a, b) = (seated(&app, &id, "a@example.org").await, seated(&app, &id, "b@example.org").await);
    let nonce = Uuid::now_v7().to_string();
    let path = format!("/api/v1/events/{id}/checkins");
    let mut answers = Vec::new();
    for _ in 0..3 {
        let response = post(&app, &path, json!({"code": str_of(&a, "ticket_code"), "nonce": nonce})).await;
        assert_eq!(response.status(), StatusCode::OK);
        answers.push(json(response).await);
    }
    assert_eq!(answers[0]["result"], "checked_in");
    assert_eq!(answers[1], answers[0], "a replay answers the first answer again");
    assert_eq!(answers[2], answers[0]);
    assert_eq!(app.stats(&id).await["in_person"]["checked_in"], 1);
    let other = post(&app, &path, json!({"code": str_of(&b, "ticket_code"), "nonce": nonce})).await;
    expect_error(other, 409, "conflict").await;
    assert_eq!(app.stats(&id).await["in_person"]["checked_in"], 1, "the conflict changed nothing");
    expect_error(post(&app, &path, json!({"code": "x", "nonce": "not-a-uuid"})).await, 422, "validation").await;

    // Walk-ins and exits replay the same way.
    let walk = json!({"first_name": "Jan", "last_name": "Peeters", "nonce": Uuid::now_v7()});
    let first = post(&app, &format!("/api/v1/events/{id}/walkins"), walk.clone()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first = json(first).await;
    let again = post(&app, &format!("/api/v1/events/{id}/walkins"), walk).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(json(again).await, first);
    assert_eq!(app.stats(&id).await["in_person"]["confirmed"], 3, "one walk-in, not two");
    app.stop().await;
}

#[tokio::test]
async fn scanned_at_is_the_check_in_time_within_its_bounds_and_never_moves() {
    let app = TestApp::spawn().await;
    let id = event_started(&app, 60).await;
    let reg = seated(&app, &id, "a@example.org").await;
    let path = format!("/api/v1/events/{id}/checkins");
    let code = str_of(&reg, "ticket_code");
    let ahead = (Utc::now() + Duration::minutes(6)).to_rfc3339();
    let body =
        expect_error(post(&app, &path, json!({"code": code, "scanned_at": ahead})).await, 422, "validation").await;
    assert!(body["error"]["fields"]["scanned_at"].is_string());
    let before = (Utc::now() - Duration::days(3)).to_rfc3339();
    expect_error(post(&app, &path, json!({"code": code, "scanned_at": before})).await, 422, "validation").await;

    let when = Utc::now() - Duration::minutes(20);
    let first = json(post(&app, &path, json!({"code": code, "scanned_at": when.to_rfc3339()})).await).await;
    assert_eq!(first["result"], "checked_in");
    let at = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v["checked_in_at"].as_str().unwrap_or_default()).expect("time")
    };
    assert!((at(&first).with_timezone(&Utc) - when).num_milliseconds().abs() < 1, "{first}");
    let earlier =
        json(post(&app, &path, json!({"code": code, "scanned_at": (when - Duration::minutes(5)).to_rfc3339()})).await)
            .await;
    assert_eq!(earlier["result"], "already_checked_in");
    assert_eq!(at(&earlier), at(&first), "the first scan to arrive wins");
    let soon = json(
        post(&app, &path, json!({"code": code, "scanned_at": (Utc::now() + Duration::minutes(3)).to_rfc3339()})).await,
    )
    .await;
    assert_eq!(soon["result"], "already_checked_in", "a slightly fast clock is accepted");
    app.stop().await;
}

#[tokio::test]
async fn a_batch_of_three_hundred_checks_each_ticket_in_once() {
    let app = TestApp::spawn().await;
    let id = event_started(&app, 90).await;
    let mut codes = Vec::new();
    for i in 0..120 {
        codes.push(str_of(&seated(&app, &id, &format!("p{i}@example.org")).await, "ticket_code"));
    }
    let t = |minutes: i64| (Utc::now() - Duration::minutes(minutes)).to_rfc3339();
    let mut scans: Vec<Value> = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        scans.push(json!({"nonce": Uuid::now_v7(), "code": code, "scanned_at": t(60), "kind": "entry"}));
        if i < 100 {
            // The same ticket again from a second desk, later, with its own nonce.
            scans.push(json!({"nonce": Uuid::now_v7(), "code": code, "scanned_at": t(30)}));
        }
    }
    let replayed = scans[0].clone();
    scans.push(replayed); // a duplicate: the same nonce and content
    for i in 0..77 {
        scans.push(json!({"nonce": Uuid::now_v7(), "code": format!("UNKNOWN{i:03}"), "scanned_at": t(10)}));
    }
    scans.push(json!({"nonce": Uuid::now_v7(), "code": codes[0], "kind": "sideways"}));
    scans.push(json!({"nonce": Uuid::now_v7(), "code": codes[1], "scanned_at": (Utc::now() + Duration::hours(1)).to_rfc3339()}));
    assert_eq!(scans.len(), 300);
    let response = post(&app, &format!("/api/v1/events/{id}/checkins/batch"), json!({"scans": scans})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let results = json(response).await["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 300, "one result per scan, in order");
    for (scan, result) in scans.iter().zip(&results) {
        assert_eq!(scan["nonce"], result["nonce"], "in the same order");
    }
    let count = |r: &str| results.iter().filter(|x| x["result"] == r).count();
    assert_eq!(count("checked_in"), 121, "each ticket, and the replay answering its first answer");
    assert_eq!(count("already_checked_in"), 100, "the second desk");
    assert_eq!(count("unknown"), 77);
    assert_eq!(count("invalid"), 2);
    assert_eq!(results[1]["checked_in_at"], results[0]["checked_in_at"], "the later desk gets the earlier time");
    assert_eq!(results[220], results[0], "the duplicate answers the first answer");
    assert!(
        results[298]["error"]["fields"]["kind"].is_string()
            && results[299]["error"]["fields"]["scanned_at"].is_string()
    );
    assert_eq!(app.stats(&id).await["in_person"]["checked_in"], 120);

    let too_many: Vec<Value> = (0..501).map(|_| json!({"code": "X"})).collect();
    let body = expect_error(
        post(&app, &format!("/api/v1/events/{id}/checkins/batch"), json!({"scans": too_many})).await,
        422,
        "validation",
    )
    .await;
    assert!(body["error"]["fields"]["scans"].is_string());
    app.stop().await;
}

#[tokio::test]
async fn the_index_holds_no_secret_and_its_cursor_brings_only_changes() {
    let app = TestApp::spawn().await;
    let id = app
        .create_event(
            json!({"questions": [{"key": "diet", "kind": "text", "required": false, "label": {"en": "Diet"}}]}),
        )
        .await["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut with_answer = registration("secret.person@example.org", "in_person");
    with_answer["answers"] = json!({"diet": "kosher-and-secret"});
    let a = json(app.register_body(&id, with_answer).await).await;
    let b = seated(&app, &id, "b@example.org").await;
    let c = seated(&app, &id, "c@example.org").await;
    let get = |query: String| {
        app.client
            .get(app.url(&format!("/api/v1/events/{id}/checkin-index{query}")))
            .bearer_auth(&app.checkin_token)
            .send()
    };
    let raw = get(String::new()).await.expect("index").text().await.expect("text");
    for secret in [
        str_of(&a, "ticket_code"),
        str_of(&a, "manage_token"),
        "secret.person@example.org".into(),
        "kosher-and-secret".into(),
    ] {
        assert!(!raw.contains(&secret), "the index leaks {secret}");
    }
    let index: Value = serde_json::from_str(&raw).expect("json");
    assert_eq!(index["entries"].as_array().map(Vec::len), Some(3));
    let code = str_of(&a, "ticket_code");
    let hash = index["entries"].as_array().and_then(|e| e.iter().find(|x| x["registration_id"] == a["id"])).expect("a")
        ["code_sha256"]
        .clone();
    assert_eq!(hash, json!(sha256_hex(&code)), "the normalized code's SHA-256");
    let cursor = str_of(&index, "cursor");

    assert!(
        json(get(format!("?cursor={cursor}")).await.expect("index")).await["entries"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    post(&app, &format!("/api/v1/events/{id}/checkins"), json!({"code": str_of(&b, "ticket_code")})).await;
    app.manage(reqwest::Method::DELETE, &str_of(&c, "manage_token"), None).await;
    let changes = json(get(format!("?cursor={cursor}")).await.expect("index")).await;
    let entries = changes["entries"].as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 2, "{changes}");
    let of = |reg: &Value| entries.iter().find(|e| e["registration_id"] == reg["id"]).cloned().unwrap_or_default();
    assert!(of(&b)["checked_in_at"].is_string());
    assert_eq!(of(&c), json!({"registration_id": c["id"], "removed": true}));
    let bad = get("?cursor=yesterday".into()).await.expect("index");
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Each download is recorded for the audit.
    let downloads: i64 = write(&app.db, |txn| {
        Box::pin(async move {
            use sea_orm::{EntityTrait, PaginatorTrait};
            entity::index_download::Entity::find().count(txn).await.map(|n| n as i64)
        })
    })
    .await;
    assert_eq!(downloads, 3);

    // A desk session of another event may not read it.
    let other = app.create_event(json!({"slug": "another"})).await;
    let other_id = uuid::Uuid::parse_str(&str_of(&other, "id")).expect("id");
    let (_, token) = write(&app.db, move |txn| {
        Box::pin(async move { convene::check_in::desk_links::create(txn, other_id, "Door B", None, Utc::now()).await })
    })
    .await;
    let desk = reqwest::Client::builder().cookie_store(true).build().expect("client");
    desk.get(app.url(&format!("/desk/{token}"))).send().await.expect("redeem");
    let refused = desk.get(app.url(&format!("/api/v1/events/{id}/checkin-index"))).send().await.expect("index");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let own = desk.get(app.url(&format!("/api/v1/events/{other_id}/checkin-index"))).send().await.expect("index");
    assert_eq!(own.status(), StatusCode::OK);
    // Its check-ins are recorded under the link's label.
    let guest = json(app.register(&other_id.to_string(), "guest@example.org", "in_person").await).await;
    let scan = desk
        .post(app.url(&format!("/api/v1/events/{other_id}/checkins")))
        .json(&json!({"code": str_of(&guest, "ticket_code")}))
        .send()
        .await
        .expect("scan");
    assert_eq!(json(scan).await["result"], "checked_in");
    let desks: Vec<String> = write(&app.db, |txn| {
        Box::pin(async move {
            use sea_orm::{EntityTrait, QuerySelect};
            entity::checkin::Entity::find()
                .select_only()
                .column(entity::checkin::Column::Desk)
                .into_tuple()
                .all(txn)
                .await
        })
    })
    .await;
    assert!(desks.contains(&"Door B".to_owned()), "{desks:?}");
    app.stop().await;
}

fn sha256_hex(code: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(code.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}
