//! The error contract of API.md: every malformed request gets its documented status and
//! code, and none a 5xx.

use serde_json::{Value, json};

use crate::helpers::{TestApp, expect_error, registration, str_of};

#[tokio::test]
async fn malformed_registration_requests_get_their_documented_errors() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let url = app.url(&format!("/api/v1/events/{event_id}/registrations"));
    let post = |body: String, content_type: Option<&'static str>| {
        let mut request = app.client.post(&url).body(body);
        if let Some(ct) = content_type {
            request = request.header("content-type", ct);
        }
        request.send()
    };
    let valid = registration("ok@example.org", "online").to_string();

    expect_error(post("{\"first_name\": ".into(), Some("application/json")).await.expect("send"), 400, "bad_request")
        .await;
    expect_error(post(valid.clone(), None).await.expect("send"), 400, "bad_request").await;
    expect_error(post(valid.clone(), Some("text/plain")).await.expect("send"), 400, "bad_request").await;
    expect_error(post("[1, 2]".into(), Some("application/json")).await.expect("send"), 400, "bad_request").await;

    let mut bad_email = registration("not-an-address", "online");
    let body =
        expect_error(post(bad_email.to_string(), Some("application/json")).await.expect("send"), 422, "validation")
            .await;
    assert!(body["error"]["fields"]["email"].is_string(), "{body}");
    bad_email["email"] = json!("x@example.org");
    bad_email["consent"] = json!(false);
    let body =
        expect_error(post(bad_email.to_string(), Some("application/json")).await.expect("send"), 422, "validation")
            .await;
    assert!(body["error"]["fields"]["consent"].is_string(), "{body}");
    let mut no_consent = registration("x@example.org", "online");
    no_consent.as_object_mut().map(|o| o.remove("consent"));
    let body =
        expect_error(post(no_consent.to_string(), Some("application/json")).await.expect("send"), 422, "validation")
            .await;
    assert!(body["error"]["fields"]["consent"].is_string(), "{body}");
    let unknown_mode = registration("x@example.org", "hybrid");
    let body =
        expect_error(post(unknown_mode.to_string(), Some("application/json")).await.expect("send"), 422, "validation")
            .await;
    assert!(body["error"]["fields"]["mode"].is_string(), "{body}");
    let mut wrong_type = registration("x@example.org", "online");
    wrong_type["first_name"] = json!(42);
    let body =
        expect_error(post(wrong_type.to_string(), Some("application/json")).await.expect("send"), 422, "validation")
            .await;
    assert!(body["error"]["fields"]["first_name"].is_string(), "{body}");

    let mut huge = registration("x@example.org", "online");
    huge["organization"] = Value::String("x".repeat(70 * 1024));
    expect_error(post(huge.to_string(), Some("application/json")).await.expect("send"), 413, "payload_too_large").await;

    // Just under the limit is accepted (and then judged on its content).
    let mut big = registration("big@example.org", "online");
    let padding = 60 * 1024;
    big["answers"] = json!({});
    big["padding_field"] = Value::String("y".repeat(padding));
    let response = post(big.to_string(), Some("application/json; charset=utf-8")).await.expect("send");
    assert_eq!(response.status().as_u16(), 201);

    assert_eq!(app.stats(&event_id).await["registered"], 1, "nothing but the valid one was stored");
    app.stop().await;
}

#[tokio::test]
async fn unknown_draft_and_non_uuid_events_are_404() {
    let app = TestApp::spawn().await;
    let draft = str_of(&app.create_event(json!({"status": "draft"})).await, "id");
    let unknown = uuid::Uuid::now_v7().to_string();
    for id in [draft.as_str(), unknown.as_str(), "not-a-uuid", "1"] {
        let response = app.register(id, "a@example.org", "online").await;
        expect_error(response, 404, "not_found").await;
    }
    let response = app
        .client
        .get(app.url("/api/v1/events/not-a-uuid"))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("send");
    expect_error(response, 404, "not_found").await;
    for token in ["short", "x".repeat(43).as_str(), "%2e%2e"] {
        let response = app.client.get(app.url(&format!("/api/v1/registrations/{token}"))).send().await.expect("send");
        expect_error(response, 404, "not_found").await;
    }
    let response = app.client.get(app.url("/api/v1/nothing-here")).send().await.expect("send");
    expect_error(response, 404, "not_found").await;
    let page = app.client.get(app.url("/no/such/page")).send().await.expect("send");
    assert_eq!(page.status().as_u16(), 404);
    assert!(page.headers()["content-type"].to_str().unwrap_or("").starts_with("text/html"));
    app.stop().await;
}

#[tokio::test]
async fn credentials_are_checked_before_the_body() {
    let app = TestApp::spawn().await;
    let url = app.url("/api/v1/events");
    let missing = app.client.post(&url).body("not json").send().await.expect("send");
    expect_error(missing, 401, "unauthorized").await;
    let forged = app
        .client
        .post(&url)
        .bearer_auth("cvn_forged-token-000000000000000000000000000000")
        .body("{")
        .send()
        .await
        .expect("send");
    expect_error(forged, 401, "unauthorized").await;
    let wrong_scheme = app
        .client
        .post(&url)
        .basic_auth("organizer@example.org", Some("a long test password"))
        .json(&json!({}))
        .send()
        .await
        .expect("send");
    expect_error(wrong_scheme, 401, "unauthorized").await;
    let checkin = app.client.post(&url).bearer_auth(&app.checkin_token).body("{").send().await.expect("send");
    expect_error(checkin, 403, "forbidden").await;
    let stats =
        app.client.get(app.url(&format!("/api/v1/events/{}/stats", uuid::Uuid::now_v7()))).send().await.expect("send");
    expect_error(stats, 401, "unauthorized").await;
    let invalid =
        app.client.post(&url).bearer_auth(&app.organizer_token).json(&json!({"title": ""})).send().await.expect("send");
    let body = expect_error(invalid, 422, "validation").await;
    assert!(body["error"]["fields"]["title"].is_string() && body["error"]["fields"]["starts_at"].is_string(), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn health_metrics_and_openapi_are_served() {
    let app = TestApp::spawn().await;
    let health = app.client.get(app.url("/healthz")).send().await.expect("send");
    assert_eq!(health.status().as_u16(), 200);
    app.client.get(app.url("/healthz")).send().await.expect("send");
    let metrics = app.client.get(app.url("/metrics")).send().await.expect("send").text().await.expect("text");
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    assert!(metrics.contains("route=\"/healthz\""));
    let spec: Value =
        app.client.get(app.url("/api/openapi.json")).send().await.expect("send").json().await.expect("json");
    assert!(spec["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for path in [
        "/api/v1/events",
        "/api/v1/events/{id}",
        "/api/v1/events/{id}/registrations",
        "/api/v1/registrations/{manage_token}",
        "/api/v1/lost-link",
        "/api/v1/events/{id}/stats",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} missing from the OpenAPI description");
    }
    let docs = app.client.get(app.url("/api/docs/")).send().await.expect("send");
    assert_eq!(docs.status().as_u16(), 200);
    app.stop().await;
}

#[tokio::test]
async fn the_registration_limit_answers_429_with_retry_after_when_configured() {
    let app = TestApp::spawn_with(|c| c.rate_limits.register_per_ip_per_minute = Some(3)).await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    for i in 0..3 {
        assert_eq!(app.register(&event_id, &format!("r{i}@example.org"), "online").await.status().as_u16(), 201);
    }
    let limited = app.register(&event_id, "r4@example.org", "online").await;
    let retry_after =
        limited.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    assert!(retry_after.is_some_and(|s| s >= 1), "Retry-After missing");
    expect_error(limited, 429, "rate_limited").await;
    assert_eq!(app.stats(&event_id).await["registered"], 3);
    // The public form from the same address is held to the same limit.
    let slug = app.get_json(&format!("/api/v1/events/{event_id}"), &app.organizer_token).await["slug"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let form = [
        ("first_name", "Eve"),
        ("last_name", "X"),
        ("email", "eve@example.org"),
        ("mode", "online"),
        ("consent", "yes"),
    ];
    let posted = app.client.post(app.url(&format!("/e/{slug}"))).form(&form).send().await.expect("post");
    assert_eq!(posted.status().as_u16(), 429, "the form obeys the limit");
    assert_eq!(app.stats(&event_id).await["registered"], 3, "and stores nothing");
    app.stop().await;
}

#[tokio::test]
async fn cors_is_off_unless_origins_are_listed() {
    let app = TestApp::spawn().await;
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/lost-link"))
        .header("origin", "https://partners.example.org")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("send");
    assert!(preflight.headers().get("access-control-allow-origin").is_none());
    app.stop().await;

    let app = TestApp::spawn_with(|c| c.cors_origins = vec!["https://partners.example.org".into()]).await;
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/lost-link"))
        .header("origin", "https://partners.example.org")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("send");
    assert_eq!(
        preflight.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()),
        Some("https://partners.example.org")
    );
    app.stop().await;
}

#[tokio::test]
async fn private_pages_are_never_cached_and_https_sites_ask_for_https_only() {
    let app = TestApp::spawn().await;
    let login = app.client.get(app.url("/admin/login")).send().await.expect("send");
    assert_eq!(login.headers()["cache-control"], "no-store", "back-office pages");
    assert!(login.headers().get("strict-transport-security").is_none(), "not behind plain http");
    app.stop().await;

    let app = TestApp::spawn_with(|c| c.base_url = "https://events.example.org".to_owned()).await;
    let health = app.client.get(format!("http://{}/healthz", app.address)).send().await.expect("send");
    assert_eq!(health.headers()["strict-transport-security"], "max-age=31536000");
    app.stop().await;
}
