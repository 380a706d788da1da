//! Online attendance and counts (API.md "Online attendance", "Counts"): the join link's
//! counting window, HEAD never counting, and stats after check-ins, walk-ins and joins.

use chrono::{Duration, Utc};
use entity::{online_join, registration};
use reqwest::{Method, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, json, str_of};

/// An event starting `minutes` from now, lasting three hours.
async fn event_starting_in(app: &TestApp, minutes: i64, overrides: Value) -> String {
    let starts = Utc::now() + Duration::minutes(minutes);
    let mut body = overrides;
    body["starts_at"] = json!(starts.to_rfc3339());
    body["ends_at"] = json!((starts + Duration::hours(3)).to_rfc3339());
    str_of(&app.create_event(body).await, "id")
}

async fn registered(app: &TestApp, event_id: &str, email: &str, mode: &str) -> Value {
    let response = app.register(event_id, email, mode).await;
    assert_eq!(response.status().as_u16(), 201, "register {email}");
    json(response).await
}

/// The join token, read from the database (in-person registrations are never shown one).
async fn join_token(app: &TestApp, registration_id: &str) -> String {
    let id = uuid::Uuid::parse_str(registration_id).expect("uuid");
    let row = registration::Entity::find_by_id(id).one(app.db.read()).await.expect("query").expect("row");
    // Stored only sealed (and as its hash): the server's key opens it.
    convene::secrets::open(row.join_token_sealed.as_deref().unwrap_or_default()).expect("sealed with the test key")
}

/// Opens a join link without following the redirect.
async fn open(app: &TestApp, method: Method, token: &str) -> Response {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    client.request(method, app.url(&format!("/j/{token}"))).send().await.expect("request")
}

async fn joins(app: &TestApp, registration_id: &str) -> Option<online_join::Model> {
    let id = uuid::Uuid::parse_str(registration_id).expect("uuid");
    online_join::Entity::find()
        .filter(online_join::Column::RegistrationId.eq(id))
        .one(app.db.read())
        .await
        .expect("query")
}

fn assert_redirects_to_the_stream(response: &Response) {
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "https://stream.example.org/live");
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn a_join_in_the_window_redirects_and_counts_the_person_once() {
    let app = TestApp::spawn().await;
    let event_id = event_starting_in(&app, 10, json!({})).await;
    let online = registered(&app, &event_id, "online@example.org", "online").await;
    let token = join_token(&app, &str_of(&online, "id")).await;
    assert_eq!(online["join_url"], format!("{}/j/{token}", app.base));

    let first = open(&app, Method::GET, &token).await;
    assert_redirects_to_the_stream(&first);
    let second = open(&app, Method::GET, &token).await;
    assert_redirects_to_the_stream(&second);

    let join = joins(&app, &str_of(&online, "id")).await.expect("a join was recorded");
    assert_eq!(join.join_count, 2);
    assert!(join.last_joined_at >= join.first_joined_at);
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["online"]["joined"], 1);
    assert_eq!(stats["attended"], 1);
    app.stop().await;
}

#[tokio::test]
async fn a_join_before_the_window_redirects_but_does_not_count() {
    let app = TestApp::spawn().await;
    let event_id = event_starting_in(&app, 120, json!({})).await;
    let online = registered(&app, &event_id, "online@example.org", "online").await;
    let token = join_token(&app, &str_of(&online, "id")).await;

    assert_redirects_to_the_stream(&open(&app, Method::GET, &token).await);

    assert!(joins(&app, &str_of(&online, "id")).await.is_none());
    assert_eq!(app.stats(&event_id).await["online"]["joined"], 0);
    app.stop().await;
}

#[tokio::test]
async fn head_never_counts_even_in_the_window() {
    let app = TestApp::spawn().await;
    let event_id = event_starting_in(&app, 10, json!({})).await;
    let online = registered(&app, &event_id, "online@example.org", "online").await;
    let token = join_token(&app, &str_of(&online, "id")).await;

    for _ in 0..3 {
        assert_redirects_to_the_stream(&open(&app, Method::HEAD, &token).await);
    }

    assert!(joins(&app, &str_of(&online, "id")).await.is_none());
    assert_eq!(app.stats(&event_id).await["online"]["joined"], 0);
    app.stop().await;
}

#[tokio::test]
async fn only_registrations_that_may_follow_online_are_counted_but_all_are_redirected() {
    let app = TestApp::spawn().await;
    let event_id = event_starting_in(&app, 10, json!({"in_person_capacity": 1})).await;
    let seated = registered(&app, &event_id, "seated@example.org", "in_person").await;
    let waiting = registered(&app, &event_id, "waiting@example.org", "in_person").await;
    assert_eq!(waiting["status"], "waitlisted");
    let cancelled = registered(&app, &event_id, "gone@example.org", "online").await;
    let cancelled_token = join_token(&app, &str_of(&cancelled, "id")).await;
    app.manage(Method::DELETE, &str_of(&cancelled, "manage_token"), None).await;

    for reg in [&seated, &waiting] {
        let token = join_token(&app, &str_of(reg, "id")).await;
        assert_redirects_to_the_stream(&open(&app, Method::GET, &token).await);
    }
    assert_redirects_to_the_stream(&open(&app, Method::GET, &cancelled_token).await);

    assert!(joins(&app, &str_of(&seated, "id")).await.is_none(), "confirmed in person: not a join");
    assert!(joins(&app, &str_of(&cancelled, "id")).await.is_none(), "cancelled: not a join");
    assert!(joins(&app, &str_of(&waiting, "id")).await.is_some(), "waitlisted at a hybrid event follows online");
    let stats = app.stats(&event_id).await;
    assert_eq!((stats["online"]["joined"].as_i64(), stats["attended"].as_i64()), (Some(1), Some(1)));
    app.stop().await;
}

#[tokio::test]
async fn unknown_join_links_and_events_without_a_stream_get_the_404_page() {
    let app = TestApp::spawn().await;
    let no_stream = event_starting_in(&app, 10, json!({"modes": ["in_person"], "online_url": null})).await;
    let seated = registered(&app, &no_stream, "seated@example.org", "in_person").await;
    let token = join_token(&app, &str_of(&seated, "id")).await;

    for token in [token, "x".repeat(43), "short".to_owned(), "a.b".to_owned()] {
        for method in [Method::GET, Method::HEAD] {
            let response = open(&app, method.clone(), &token).await;
            assert_eq!(response.status().as_u16(), 404, "{method} {token}");
            assert_eq!(response.headers()["cache-control"], "no-store");
            assert_eq!(response.headers()["referrer-policy"], "no-referrer");
            if method == Method::GET {
                assert!(response.headers()["content-type"].to_str().unwrap_or("").starts_with("text/html"));
            }
        }
    }
    assert!(joins(&app, &str_of(&seated, "id")).await.is_none());
    app.stop().await;
}

#[tokio::test]
async fn stats_count_check_ins_joins_and_walk_ins_each_person_once() {
    let app = TestApp::spawn().await;
    let event_id = event_starting_in(&app, 10, json!({"in_person_capacity": 3})).await;
    let door = |path: &str| app.url(&format!("/api/v1/events/{event_id}/{path}"));
    let scan = |code: String| {
        let request = app.client.post(door("checkins")).bearer_auth(&app.checkin_token).json(&json!({"code": code}));
        async move { json(request.send().await.expect("send")).await }
    };
    let seated = registered(&app, &event_id, "seated@example.org", "in_person").await;
    let undone = registered(&app, &event_id, "undone@example.org", "in_person").await;
    let remote = registered(&app, &event_id, "remote@example.org", "online").await;
    let both = registered(&app, &event_id, "both@example.org", "online").await;
    registered(&app, &event_id, "absent@example.org", "online").await;

    assert_eq!(scan(str_of(&seated, "ticket_code")).await["result"], "checked_in");
    assert_eq!(scan(str_of(&undone, "ticket_code")).await["result"], "checked_in");
    let response = app
        .client
        .delete(door(&format!("checkins/{}", str_of(&undone, "id"))))
        .bearer_auth(&app.checkin_token)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 204);
    for reg in [&remote, &both] {
        assert_eq!(open(&app, Method::GET, &join_token(&app, &str_of(reg, "id")).await).await.status().as_u16(), 303);
    }
    // Joined online first, then came to the door and took the last seat.
    let moved = scan(str_of(&both, "ticket_code")).await;
    assert_eq!((moved["result"].as_str(), moved["mode_changed"].as_bool()), (Some("checked_in"), Some(true)));
    let walk_in = app
        .client
        .post(door("walkins"))
        .bearer_auth(&app.checkin_token)
        .json(&json!({"first_name": "Jan", "last_name": "Peeters"}))
        .send()
        .await
        .expect("send");
    assert_eq!(walk_in.status().as_u16(), 409, "the room (3) is full: seated, undone, both");

    let stats = app.stats(&event_id).await;
    assert_eq!(
        stats,
        json!({
            "in_person": {"capacity": 3, "confirmed": 3, "waitlisted": 0, "checked_in": 2, "held": 0, "held_used": 0},
            "online": {"capacity": null, "confirmed": 2, "waitlisted": 0, "joined": 2},
            "cancelled": 0, "pending": 0, "declined": 0, "registered": 5, "attended": 3,
            "organizations": [{"name": "Caritas International", "in_person": 3, "online": 2, "waitlisted": 0,
                "checked_in": 2, "joined": 2}]
        })
    );
    let checkin_view = app.get_json(&format!("/api/v1/events/{event_id}/stats"), &app.checkin_token).await;
    assert_eq!(checkin_view, stats, "the door sees the same counts");
    app.stop().await;
}
