//! Optional per event: exit scans and the live "in the room now" figure against the room's cap.

use serde_json::{Value, json};

use crate::helpers::{TestApp, expect_error, json, str_of};

async fn post(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.client.post(app.url(path)).bearer_auth(&app.checkin_token).json(&body).send().await.expect("request")
}

async fn room(app: &TestApp, event_id: &str) -> Value {
    app.get_json(&format!("/api/v1/events/{event_id}/room"), &app.checkin_token).await
}

async fn set_room(app: &TestApp, token: &str, event_id: &str, body: Value) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/events/{event_id}/room")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("request")
}

async fn scan(app: &TestApp, event_id: &str, door: &str, code: &str) -> Value {
    let response = post(app, &format!("/api/v1/events/{event_id}/{door}"), json!({ "code": code })).await;
    assert_eq!(response.status().as_u16(), 200, "{door}");
    json(response).await
}

#[tokio::test]
async fn exit_scans_are_off_until_an_organizer_turns_them_on() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 60})).await, "id");

    let status = room(&app, &event_id).await;
    assert_eq!(status, json!({"exit_scans": false, "room_cap": 60, "in_room": null, "level": null}));
    let exit = post(&app, &format!("/api/v1/events/{event_id}/exits"), json!({"code": "ABC"})).await;
    expect_error(exit, 409, "conflict").await;
    expect_error(set_room(&app, &app.checkin_token, &event_id, json!({"exit_scans": true})).await, 403, "forbidden")
        .await;
    let bad = set_room(&app, &app.organizer_token, &event_id, json!({"exit_scans": true, "room_cap": -3})).await;
    let body = expect_error(bad, 422, "validation").await;
    assert!(body["error"]["fields"]["room_cap"].is_string(), "{body}");
    let unknown = uuid::Uuid::now_v7().to_string();
    expect_error(set_room(&app, &app.organizer_token, &unknown, json!({"exit_scans": true})).await, 404, "not_found")
        .await;

    let on = set_room(&app, &app.organizer_token, &event_id, json!({"exit_scans": true, "room_cap": 50})).await;
    assert_eq!(on.status().as_u16(), 200);
    assert_eq!(json(on).await, json!({"exit_scans": true, "room_cap": 50, "in_room": 0, "level": "ok"}));
    let again = set_room(&app, &app.organizer_token, &event_id, json!({"exit_scans": true})).await;
    assert_eq!(json(again).await["room_cap"], 60, "without its own cap the room holds the seats sold");
    app.stop().await;
}

#[tokio::test]
async fn with_exit_scans_the_room_counts_who_is_inside_now() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    set_room(&app, &app.organizer_token, &event_id, json!({"exit_scans": true, "room_cap": 2})).await;
    let mut people = Vec::new();
    for email in ["a@example.org", "b@example.org", "c@example.org"] {
        people.push(json(app.register(&event_id, email, "in_person").await).await);
    }
    let code = |i: usize| str_of(&people[i], "ticket_code");

    assert_eq!(scan(&app, &event_id, "checkins", &code(0)).await["result"], "checked_in");
    let first_in = scan(&app, &event_id, "checkins", &code(1)).await;
    assert_eq!(room(&app, &event_id).await["in_room"], 2);
    assert_eq!(room(&app, &event_id).await["level"], "full", "2 of 2");

    let out = scan(&app, &event_id, "exits", &code(1)).await;
    assert_eq!(out["result"], "checked_out", "{out}");
    assert_eq!(out["registration"]["checked_in_at"], first_in["checked_in_at"]);
    let again = scan(&app, &event_id, "exits", &code(1)).await;
    assert_eq!((again["result"].as_str(), &again["left_at"]), (Some("already_out"), &out["left_at"]));
    assert_eq!(scan(&app, &event_id, "exits", &code(2)).await["result"], "not_checked_in");
    assert_eq!(scan(&app, &event_id, "exits", "NOPE").await, json!({"result": "unknown"}));
    assert_eq!(
        (
            room(&app, &event_id).await["in_room"].as_i64(),
            app.stats(&event_id).await["in_person"]["checked_in"].as_i64()
        ),
        (Some(1), Some(2)),
        "leaving is not un-checking in"
    );

    let back = scan(&app, &event_id, "checkins", &code(1)).await;
    assert_eq!(back["result"], "already_checked_in");
    assert_eq!(back["returned"], true);
    assert_eq!(back["checked_in_at"], first_in["checked_in_at"], "the first time still stands");
    assert_eq!(room(&app, &event_id).await["in_room"], 2);
    let plain = scan(&app, &event_id, "checkins", &code(1)).await;
    assert!(plain.get("returned").is_none(), "an ordinary second scan: {plain}");

    // Undoing the check-in of someone outside forgets the exit too.
    scan(&app, &event_id, "exits", &code(0)).await;
    let id = str_of(&people[0], "id");
    let undo = app
        .client
        .delete(app.url(&format!("/api/v1/events/{event_id}/checkins/{id}")))
        .bearer_auth(&app.checkin_token)
        .send()
        .await
        .expect("send");
    assert_eq!(undo.status().as_u16(), 204);
    assert_eq!(room(&app, &event_id).await["in_room"], 1);
    assert_eq!(scan(&app, &event_id, "checkins", &code(0)).await["result"], "checked_in");
    assert_eq!(room(&app, &event_id).await, json!({"exit_scans": true, "room_cap": 2, "in_room": 2, "level": "full"}));

    let body = post(&app, &format!("/api/v1/events/{event_id}/exits"), json!({"code": code(1)})).await;
    let text = body.text().await.expect("body");
    for reg in &people {
        assert!(!text.contains(&str_of(reg, "manage_token")) && !text.contains(&str_of(reg, "ticket_code")), "{text}");
    }
    app.stop().await;
}
