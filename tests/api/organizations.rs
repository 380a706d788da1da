//! Fair seats for partner organizations (API.md "Additions"): the organization key, the cap on
//! every path that takes a seat, promotion the cap allows, the cap lifting, merging spellings,
//! the organizations view, and handing a registration to a colleague.

use chrono::{Duration, Utc};
use entity::{organization_seat, registration};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, expect_error, json, registration as person, str_of};

pub fn from(email: &str, organization: &str, mode: &str) -> Value {
    let mut body = person(email, mode);
    body["organization"] = json!(organization);
    body
}

pub async fn status_of(app: &TestApp, token: &str) -> (String, Option<String>) {
    let body = json(app.manage(Method::GET, token, None).await).await;
    (str_of(&body, "status"), body["waitlist_reason"].as_str().map(str::to_owned))
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> reqwest::Response {
    app.client.post(app.url(path)).bearer_auth(token).json(&body).send().await.expect("request")
}

#[tokio::test]
async fn eight_concurrent_registrations_of_one_organization_spelled_four_ways_get_two_seats() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 20, "per_organization_in_person_cap": 2})).await;
    assert_eq!(event["per_organization_in_person_cap"], 2);
    let event_id = str_of(&event, "id");
    let spellings =
        ["Caritas International", "caritas  international", "CARITAS INTERNATIONAL", " Caritás International"];
    let answers = futures::future::join_all(
        (0..8).map(|n| app.register_body(&event_id, from(&format!("c{n}@example.org"), spellings[n % 4], "in_person"))),
    )
    .await;
    let mut seated = 0;
    for answer in answers {
        assert_eq!(answer.status(), StatusCode::CREATED);
        let body = json(answer).await;
        match str_of(&body, "status").as_str() {
            "confirmed" => seated += 1,
            "waitlisted" => assert_eq!(body["waitlist_reason"], "organization_cap", "{body}"),
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(seated, 2);
    // Another organization still gets seats; a blank one is never capped.
    let fedasil = json(app.register_body(&event_id, from("f@example.org", "Fedasil", "in_person")).await).await;
    assert_eq!(fedasil["status"], "confirmed");
    for n in 0..3 {
        let blank =
            json(app.register_body(&event_id, from(&format!("b{n}@example.org"), " ", "in_person")).await).await;
        assert_eq!(blank["status"], "confirmed");
    }
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 6);
    let organizations = stats["organizations"].as_array().expect("organizations");
    assert_eq!(organizations.len(), 2, "{stats}");
    let name = organizations[0]["name"].as_str().unwrap_or_default();
    // Names are kept trimmed: " Caritás International" is stored without its leading space.
    assert!(spellings.iter().any(|s| s.trim() == name), "one of its spellings (the earliest) names it: {name:?}");
    assert_eq!((organizations[0]["in_person"].as_i64(), organizations[0]["waitlisted"].as_i64()), (Some(2), Some(6)));
    assert_eq!(organizations[1]["name"], "Fedasil");
    // At an event without a waiting list, the ninth is refused with its own code.
    let strict = app.create_event(json!({"per_organization_in_person_cap": 1, "waitlist": false})).await;
    let strict_id = str_of(&strict, "id");
    assert_eq!(app.register_body(&strict_id, from("s1@example.org", "OCMW Gent", "in_person")).await.status(), 201);
    let refused = app.register_body(&strict_id, from("s2@example.org", "ocmw gent", "in_person")).await;
    expect_error(refused, 409, "organization_full").await;
    assert_eq!(app.register_body(&strict_id, from("s2@example.org", "ocmw gent", "online")).await.status(), 201);
    // The cap is checked: at least 1.
    let bad = app.patch_event(&event_id, json!({"per_organization_in_person_cap": 0})).await;
    assert!(
        expect_error(bad, 422, "validation").await["error"]["fields"]["per_organization_in_person_cap"].is_string()
    );
    app.stop().await;
}

#[tokio::test]
async fn a_freed_seat_goes_to_the_longest_waiting_person_the_room_and_the_cap_allow() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 2, "per_organization_in_person_cap": 1})).await;
    let event_id = str_of(&event, "id");
    let mut tokens = std::collections::BTreeMap::new();
    for (who, organization) in [("a1", "Org A"), ("a2", "Org A"), ("b1", "Org B"), ("b2", "Org B"), ("c1", "Org C")] {
        let body =
            json(app.register_body(&event_id, from(&format!("{who}@example.org"), organization, "in_person")).await)
                .await;
        tokens.insert(who, str_of(&body, "manage_token"));
    }
    assert_eq!(status_of(&app, &tokens["a2"]).await, ("waitlisted".into(), Some("organization_cap".into())));
    assert_eq!(status_of(&app, &tokens["b2"]).await, ("waitlisted".into(), Some("capacity".into())));
    // B's seat frees: A2 waits longest but A is at its cap, so B2 takes it (not C1).
    app.manage(Method::DELETE, &tokens["b1"], None).await;
    assert_eq!(status_of(&app, &tokens["b2"]).await.0, "confirmed");
    assert_eq!(status_of(&app, &tokens["a2"]).await.0, "waitlisted");
    // A's seat frees: A2 may now, and waits longest.
    app.manage(Method::DELETE, &tokens["a1"], None).await;
    assert_eq!(status_of(&app, &tokens["a2"]).await.0, "confirmed");
    assert_eq!(status_of(&app, &tokens["c1"]).await, ("waitlisted".into(), Some("capacity".into())));
    app.stop().await;
}

#[tokio::test]
async fn raising_the_cap_and_the_cap_lifting_promote_at_once() {
    let app = TestApp::spawn().await;
    let lifts = Utc::now() + Duration::days(3);
    let event = app
        .create_event(json!({"per_organization_in_person_cap": 1, "organization_cap_lifts_at": lifts.to_rfc3339()}))
        .await;
    let event_id = str_of(&event, "id");
    let mut tokens = Vec::new();
    for n in 0..4 {
        let body =
            json(app.register_body(&event_id, from(&format!("p{n}@example.org"), "Fedasil", "in_person")).await).await;
        tokens.push(str_of(&body, "manage_token"));
    }
    assert_eq!(app.stats(&event_id).await["in_person"]["confirmed"], 1);
    assert_eq!(app.patch_event(&event_id, json!({"per_organization_in_person_cap": 2})).await.status(), 200);
    assert_eq!(status_of(&app, &tokens[1]).await.0, "confirmed", "raising the cap promotes at once");
    assert_eq!(status_of(&app, &tokens[2]).await, ("waitlisted".into(), Some("organization_cap".into())));
    // Lowering it unseats nobody.
    assert_eq!(app.patch_event(&event_id, json!({"per_organization_in_person_cap": 1})).await.status(), 200);
    assert_eq!(app.stats(&event_id).await["in_person"]["confirmed"], 2);
    // The lift: the background job promotes everyone it held back, once.
    let soon = Utc::now() + Duration::milliseconds(300);
    assert_eq!(app.patch_event(&event_id, json!({"organization_cap_lifts_at": soon.to_rfc3339()})).await.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let promoted = convene::jobs::schedule::lift_organization_caps(&app.db, Utc::now()).await.expect("job");
    assert_eq!(promoted, 2);
    assert_eq!(convene::jobs::schedule::lift_organization_caps(&app.db, Utc::now()).await.expect("job"), 0, "once");
    assert_eq!(status_of(&app, &tokens[3]).await.0, "confirmed");
    // Removing the cap promotes at once too.
    let other = app.create_event(json!({"per_organization_in_person_cap": 1})).await;
    let other_id = str_of(&other, "id");
    for n in 0..2 {
        app.register_body(&other_id, from(&format!("q{n}@example.org"), "Fedasil", "in_person")).await;
    }
    assert_eq!(app.patch_event(&other_id, json!({"per_organization_in_person_cap": null})).await.status(), 200);
    assert_eq!(app.stats(&other_id).await["in_person"]["confirmed"], 2);
    app.stop().await;
}

#[tokio::test]
async fn no_path_takes_a_seat_past_the_cap_without_the_recorded_override() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"per_organization_in_person_cap": 1, "waitlist": false})).await;
    let event_id = str_of(&event, "id");
    let seated = app.register_body(&event_id, from("in@example.org", "Fedasil", "in_person")).await;
    assert_eq!(seated.status(), 201);
    let online = json(app.register_body(&event_id, from("on@example.org", "FEDASIL", "online")).await).await;
    let other = json(app.register_body(&event_id, from("other@example.org", "Caritas", "in_person")).await).await;

    // A mode switch, an organization edit, a check-in, a walk-in, a batch scan, an import.
    let switch = app.manage(Method::PATCH, &str_of(&online, "manage_token"), Some(json!({"mode": "in_person"}))).await;
    expect_error(switch, 409, "organization_full").await;
    let edit =
        app.manage(Method::PATCH, &str_of(&other, "manage_token"), Some(json!({"organization": "fedasil"}))).await;
    expect_error(edit, 409, "organization_full").await;
    let scan = app.scan(&event_id, &str_of(&online, "ticket_code")).await;
    assert_eq!(scan["result"], "organization_full");
    let door = format!("/api/v1/events/{event_id}/walkins");
    let walk_in = json!({"first_name": "Jan", "last_name": "Peeters", "organization": "Fedasil"});
    expect_error(post(&app, &door, &app.checkin_token, walk_in.clone()).await, 409, "organization_full").await;
    let batch = format!("/api/v1/events/{event_id}/checkins/batch");
    let scans = json!({"scans": [{"nonce": Uuid::now_v7(), "code": str_of(&online, "ticket_code"), "kind": "entry"}]});
    let answer = json(post(&app, &batch, &app.checkin_token, scans).await).await;
    assert_eq!(answer["results"][0]["result"], "organization_full", "{answer}");
    let csv = "first_name,last_name,email,organization,mode\nAn,Claes,an@example.org,Fedasil,in_person\n";
    let report = crate::imports::import(&app, &event_id, "registrations", "", csv.as_bytes()).await;
    assert_eq!(report["rows"][0]["outcome"], "organization_full", "{report}");
    assert_eq!(app.stats(&event_id).await["organizations"][1]["in_person"], 1, "Fedasil still has one seat");

    // Staff may let someone in past the cap; it is recorded with who did it.
    let overridden = json!({"code": str_of(&online, "ticket_code"), "override_cap": true});
    let answer =
        json(post(&app, &format!("/api/v1/events/{event_id}/checkins"), &app.checkin_token, overridden).await).await;
    assert_eq!((answer["result"].as_str(), answer["mode_changed"].as_bool()), (Some("checked_in"), Some(true)));
    let walk_in = json!({"first_name": "Jan", "last_name": "Peeters", "organization": "Fedasil", "override_cap": true});
    assert_eq!(post(&app, &door, &app.checkin_token, walk_in).await.status(), StatusCode::CREATED);
    let id = Uuid::parse_str(&str_of(&online, "id")).expect("uuid");
    let sql = "SELECT COUNT(*) AS n FROM registration_history WHERE registration_id = ? AND kind = 'cap_overridden'";
    assert_eq!(crate::privacy::scalar_i64(&app, sql, vec![id.into()]).await, 1);
    assert_eq!(app.stats(&event_id).await["organizations"][1]["in_person"], 3, "counted like any seat");
    app.stop().await;
}

#[tokio::test]
async fn spellings_merged_into_one_name_count_as_one_organization() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"per_organization_in_person_cap": 2})).await;
    let event_id = str_of(&event, "id");
    app.register_body(&event_id, from("a@example.org", "Caritas Intl", "in_person")).await;
    app.register_body(&event_id, from("b@example.org", "Caritas International", "in_person")).await;
    assert_eq!(app.stats(&event_id).await["organizations"].as_array().map(Vec::len), Some(2));
    let merge = format!("/api/v1/events/{event_id}/organizations/merge");
    let body = json!({"names": ["Caritas Intl", "caritas  intl"], "into": "Caritas International"});
    let merged = json(post(&app, &merge, &app.organizer_token, body).await).await;
    assert_eq!(merged.as_array().map(Vec::len), Some(1), "{merged}");
    assert_eq!((merged[0]["name"].as_str(), merged[0]["in_person"].as_i64()), (Some("Caritas International"), Some(2)));
    // A later registration with the merged spelling counts for it, and finds its seats used.
    let later = json(app.register_body(&event_id, from("c@example.org", "CARITAS INTL", "in_person")).await).await;
    assert_eq!(
        (later["status"].as_str(), later["waitlist_reason"].as_str()),
        (Some("waitlisted"), Some("organization_cap"))
    );
    expect_error(post(&app, &merge, &app.organizer_token, json!({"names": [], "into": "X"})).await, 422, "validation")
        .await;
    expect_error(post(&app, &merge, &app.checkin_token, json!({"names": ["a"], "into": "b"})).await, 403, "forbidden")
        .await;

    // The report organizers send: one row per organization, headers in their language.
    let report = app
        .client
        .get(app.url(&format!("/api/v1/events/{event_id}/organizations.csv?lang=fr")))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("report");
    assert_eq!(report.status(), StatusCode::OK);
    let text = report.text().await.expect("body");
    assert_eq!(
        text.lines().next(),
        Some("Organisation,Sur place,En ligne,En attente,Enregistrés,En ligne (connectés)")
    );
    assert_eq!(text.lines().nth(1), Some("Caritas International,2,0,1,0,0"));
    app.stop().await;
}

#[tokio::test]
async fn stored_counts_follow_every_seat_and_an_upgrade_fills_them() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"per_organization_in_person_cap": 3})).await;
    let event_id = str_of(&event, "id");
    let mut tokens = Vec::new();
    for n in 0..3 {
        let body =
            json(app.register_body(&event_id, from(&format!("x{n}@example.org"), "Org X", "in_person")).await).await;
        tokens.push(str_of(&body, "manage_token"));
    }
    app.manage(Method::PATCH, &tokens[0], Some(json!({"mode": "online"}))).await;
    app.manage(Method::DELETE, &tokens[1], None).await;
    let id = Uuid::parse_str(&event_id).expect("uuid");
    let stored = |db: convene::db::Db| async move {
        organization_seat::Entity::find()
            .filter(organization_seat::Column::EventId.eq(id))
            .all(db.read())
            .await
            .expect("query")
            .into_iter()
            .map(|r| (r.organization_key, r.in_person_confirmed))
            .collect::<Vec<_>>()
    };
    assert_eq!(stored(app.db.clone()).await, [("org x".to_owned(), 1)]);
    // Rows of an earlier release (no key yet) get theirs, and the counts, at start-up.
    let reset = registration::Entity::update_many()
        .col_expr(registration::Column::OrganizationKey, sea_orm::sea_query::Expr::value(Option::<String>::None))
        .filter(registration::Column::EventId.eq(id));
    crate::helpers::write(&app.db, move |txn| Box::pin(async move { reset.exec(txn).await.map(|_| ()) })).await;
    crate::helpers::write(&app.db, |txn| {
        Box::pin(async move { organization_seat::Entity::delete_many().exec(txn).await.map(|_| ()) })
    })
    .await;
    let app = app.restart_with(|_| {}).await;
    assert_eq!(stored(app.db.clone()).await, [("org x".to_owned(), 1)]);
    app.stop().await;
}
