//! The organizer's event API: create, read, merge-patch, and what changes cause.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, expect_error, json, str_of, write};

#[tokio::test]
async fn an_event_is_created_with_a_unique_slug_and_read_back_in_its_time_zone() {
    let app = TestApp::spawn().await;
    let body = json!({
        "title": "Réunion des partenaires", "starts_at": "2031-12-13T08:30:00Z", "ends_at": "2031-12-13T12:00:00Z",
        "timezone": "Europe/Brussels", "in_person_capacity": 60
    });
    let response = app
        .client
        .post(app.url("/api/v1/events"))
        .bearer_auth(&app.organizer_token)
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 201);
    let location = response.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let first = json(response).await;
    assert_eq!(first["slug"], "reunion-des-partenaires");
    assert_eq!(first["starts_at"], "2031-12-13T09:30:00+01:00");
    assert_eq!(first["status"], "draft");
    assert_eq!(first["modes"], json!(["in_person", "online"]));
    assert_eq!(first["online_capacity"], json!(null));
    assert_eq!(location, Some(format!("/api/v1/events/{}", str_of(&first, "id"))));

    let second = json(
        app.client
            .post(app.url("/api/v1/events"))
            .bearer_auth(&app.organizer_token)
            .json(&body)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(second["slug"], "reunion-des-partenaires-2");
    let mut taken = body.clone();
    taken["slug"] = json!("reunion-des-partenaires");
    let response = app
        .client
        .post(app.url("/api/v1/events"))
        .bearer_auth(&app.organizer_token)
        .json(&taken)
        .send()
        .await
        .expect("send");
    expect_error(response, 409, "conflict").await;

    let read = app.get_json(&format!("/api/v1/events/{}", str_of(&first, "id")), &app.organizer_token).await;
    assert_eq!(read, first);
    let list = app.get_json("/api/v1/events", &app.organizer_token).await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(2));
    app.stop().await;
}

#[tokio::test]
async fn a_merge_patch_changes_only_what_it_names_and_null_clears() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let patched =
        json(app.patch_event(&id, json!({"venue": null, "title": "New title", "in_person_capacity": null})).await)
            .await;
    assert_eq!(patched["venue"], json!(null));
    assert_eq!(patched["title"], "New title");
    assert_eq!(patched["in_person_capacity"], json!(null));
    for unchanged in ["description", "starts_at", "ends_at", "online_url", "modes", "status", "slug", "translations"] {
        assert_eq!(patched[unchanged], event[unchanged], "{unchanged}");
    }
    let error =
        expect_error(app.patch_event(&id, json!({"in_person_capacity": "many"})).await, 422, "validation").await;
    assert!(error["error"]["fields"]["in_person_capacity"].is_string(), "{error}");
    let error =
        expect_error(app.patch_event(&id, json!({"ends_at": "2001-01-01T00:00:00Z"})).await, 422, "validation").await;
    assert!(error["error"]["fields"]["ends_at"].is_string(), "{error}");
    app.stop().await;
}

#[tokio::test]
async fn raising_a_capacity_promotes_and_lowering_it_below_the_confirmed_count_is_refused() {
    let app = TestApp::spawn().await;
    let id = str_of(&app.create_event(json!({"in_person_capacity": 2})).await, "id");
    let mut tokens = Vec::new();
    for i in 0..5 {
        tokens.push(str_of(
            &json(app.register(&id, &format!("r{i}@example.org"), "in_person").await).await,
            "manage_token",
        ));
    }
    expect_error(app.patch_event(&id, json!({"in_person_capacity": 1})).await, 409, "conflict").await;
    let response = app.patch_event(&id, json!({"in_person_capacity": 4})).await;
    assert_eq!(response.status().as_u16(), 200);
    let mut confirmed = Vec::new();
    for t in &tokens {
        confirmed.push(json(app.manage(Method::GET, t, None).await).await["status"] == "confirmed");
    }
    assert_eq!(confirmed, [true, true, true, true, false], "the two longest-waiting move up");
    assert_eq!(app.stats(&id).await["in_person"]["confirmed"], 4);
    app.stop().await;
}

#[tokio::test]
async fn removing_a_mode_with_active_registrations_is_refused() {
    let app = TestApp::spawn().await;
    let id = str_of(&app.create_event(json!({})).await, "id");
    app.register(&id, "o@example.org", "online").await;
    expect_error(app.patch_event(&id, json!({"modes": ["in_person"]})).await, 409, "conflict").await;
    let response = app.patch_event(&id, json!({"modes": ["online"]})).await;
    assert_eq!(response.status().as_u16(), 200, "in person has nobody: it may go");
    app.stop().await;
}

#[tokio::test]
async fn moving_or_cancelling_the_event_queues_an_update_for_every_active_registration() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let a = json(app.register(&id, "a@example.org", "in_person").await).await;
    let b = json(app.register(&id, "b@example.org", "online").await).await;
    app.manage(Method::DELETE, &str_of(&b, "manage_token"), None).await;

    let moved = app.patch_event(&id, json!({"venue": "Egmont Palace, Brussels"})).await;
    assert_eq!(moved.status().as_u16(), 200);
    assert_eq!(app.mails(&str_of(&a, "id"), "event_updated").await, 1);
    assert_eq!(app.mails(&str_of(&b, "id"), "event_updated").await, 0, "cancelled registrations are not mailed");
    app.patch_event(&id, json!({"title": "Only the title"})).await;
    assert_eq!(app.mails(&str_of(&a, "id"), "event_updated").await, 1, "a title change is no calendar change");

    let cancelled = json(app.patch_event(&id, json!({"status": "cancelled"})).await).await;
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(app.mails(&str_of(&a, "id"), "event_cancelled").await, 1);
    expect_error(app.patch_event(&id, json!({"status": "published"})).await, 409, "conflict").await;
    expect_error(app.register(&id, "late@example.org", "online").await, 409, "registration_closed").await;
    app.stop().await;
}

#[tokio::test]
async fn a_draft_event_is_invisible_to_the_public() {
    let app = TestApp::spawn().await;
    let id = str_of(&app.create_event(json!({"status": "draft"})).await, "id");
    expect_error(app.register(&id, "a@example.org", "online").await, 404, "not_found").await;
    app.stop().await;
}

#[tokio::test]
async fn the_checkin_role_sees_counts_but_may_not_manage_events() {
    let app = TestApp::spawn().await;
    let id = str_of(&app.create_event(json!({})).await, "id");
    let stats = app.get_json(&format!("/api/v1/events/{id}/stats"), &app.checkin_token).await;
    assert_eq!(stats["registered"], 0);
    for (method, path) in [
        (Method::GET, "/api/v1/events".to_owned()),
        (Method::GET, format!("/api/v1/events/{id}")),
        (Method::PATCH, format!("/api/v1/events/{id}")),
        (Method::POST, "/api/v1/events".to_owned()),
    ] {
        let response = app
            .client
            .request(method, app.url(&path))
            .bearer_auth(&app.checkin_token)
            .json(&json!({}))
            .send()
            .await
            .expect("send");
        expect_error(response, 403, "forbidden").await;
    }
    app.stop().await;
}

/// Stored JSON of the wrong shape (a hand edit, a bad restore) is an error that is answered
/// and logged, never read as "no questions".
#[tokio::test]
async fn corrupt_stored_questions_are_an_error_not_an_empty_list() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"status": "published"})).await;
    let id = uuid::Uuid::parse_str(&str_of(&event, "id")).expect("uuid");
    let backend = app.db.backend();
    write(&app.db, move |txn| {
        Box::pin(async move {
            let sql = "UPDATE event SET questions = ? WHERE id = ?";
            txn.execute_raw(convene::db::stmt(backend, sql, vec![json!({"not": "a list"}).into(), id.into()])).await?;
            Ok(())
        })
    })
    .await;

    let response =
        app.client.get(app.url(&format!("/api/v1/events/{id}"))).bearer_auth(&app.organizer_token).send().await;
    expect_error(response.expect("send"), 500, "internal").await;
    let page = app.client.get(app.url(&format!("/e/{}", str_of(&event, "slug")))).send().await.expect("send");
    assert_eq!(page.status().as_u16(), 500, "the public page does not show the event without its questions");
    app.stop().await;
}
