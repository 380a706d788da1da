//! The partner's pages over plain HTTP (the browser suite drives them in Chromium too).

use reqwest::redirect::Policy;
use serde_json::json;

use crate::helpers::{TestApp, str_of};

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).build().expect("client")
}

async fn form(client: &reqwest::Client, url: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    client.post(url).form(fields).send().await.expect("send")
}

#[tokio::test]
async fn the_event_page_speaks_the_visitors_language_and_remembers_a_choice() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let url = app.url(&format!("/e/{}", str_of(&event, "slug")));
    let client = no_redirects();

    let page = client.get(&url).header("accept-language", "nl-BE,nl;q=0.9,en;q=0.5").send().await.expect("send");
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.expect("text");
    assert!(html.contains("<html lang=\"nl\">") && html.contains("Jaarlijkse partnervergadering"), "Dutch title");

    let chosen = client.get(format!("{url}?lang=fr")).send().await.expect("send");
    let cookie = chosen.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(cookie.starts_with("lang=fr"), "{cookie}");
    let html = chosen.text().await.expect("text");
    assert!(html.contains("<html lang=\"fr\">") && html.contains("Réunion annuelle des partenaires"));
    let remembered =
        client.get(&url).header("cookie", "lang=fr").header("accept-language", "en").send().await.expect("send");
    assert!(remembered.text().await.expect("text").contains("<html lang=\"fr\">"));
    assert!(!html.contains("stream.example.org"), "the stream stays hidden until registered");
    app.stop().await;
}

#[tokio::test]
async fn registering_through_the_form_leads_to_the_personal_page() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let url = app.url(&format!("/e/{}?lang=fr", str_of(&event, "slug")));
    let client = no_redirects();
    let fields = [
        ("first_name", "Amina"),
        ("last_name", "El Idrissi"),
        ("email", "amina@example.org"),
        ("organization", "Caritas"),
        ("mode", "in_person"),
        ("language", "fr"),
        ("consent", "yes"),
    ];
    let response = form(&client, &url, &fields).await;
    assert_eq!(response.status().as_u16(), 303);
    let location = response.headers()["location"].to_str().expect("location").to_owned();
    assert!(location.starts_with("/r/"), "{location}");

    let manage = client.get(app.url(&location)).send().await.expect("send");
    assert_eq!(manage.headers()["cache-control"], "no-store");
    assert_eq!(manage.headers()["referrer-policy"], "no-referrer");
    let html = manage.text().await.expect("text");
    assert!(html.contains("<html lang=\"fr\">") && html.contains("Vous êtes inscrit·e"), "the confirmation in French");
    assert!(html.replace("&#x2f;", "/").contains("src=\"data:image/svg+xml;base64,"), "the ticket's QR code is shown");
    app.stop().await;
}

#[tokio::test]
async fn an_invalid_form_shows_every_error_next_to_its_field_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let url = app.url(&format!("/e/{}?lang=en", str_of(&event, "slug")));
    let response = form(&no_redirects(), &url, &[("first_name", ""), ("email", "nope"), ("mode", "in_person")]).await;
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.expect("text");
    for needle in [
        "There is a problem",
        "href=\"#field-first_name\"",
        "href=\"#field-email\"",
        "href=\"#field-consent\"",
        "aria-invalid=\"true\"",
        "Enter an email address",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
    assert!(html.contains("value=\"nope\""), "what was typed is kept");
    assert_eq!(app.stats(&id).await["registered"], 0);
    app.stop().await;
}

#[tokio::test]
async fn user_supplied_text_is_escaped_everywhere_it_is_shown() {
    let app = TestApp::spawn().await;
    let event = app
        .create_event(
            json!({"title": "<script>alert('t')</script> Meeting", "description": "<img src=x onerror=alert(1)>"}),
        )
        .await;
    let client = no_redirects();
    let url = app.url(&format!("/e/{}?lang=en", str_of(&event, "slug")));
    let html = client.get(&url).send().await.expect("send").text().await.expect("text");
    assert!(!html.contains("<script>alert") && html.contains("&lt;script&gt;"));
    assert!(!html.contains("<img src=x"));
    let fields = [
        ("first_name", "<script>alert(1)</script>"),
        ("last_name", "\"><b>x</b>"),
        ("email", "xss@example.org"),
        ("organization", "<i>Org</i>"),
        ("mode", "online"),
        ("consent", "yes"),
    ];
    let response = form(&client, &url, &fields).await;
    let location = response.headers()["location"].to_str().expect("location").to_owned();
    let html = client.get(app.url(&location)).send().await.expect("send").text().await.expect("text");
    assert!(!html.contains("<script>alert(1)") && !html.contains("<b>x</b>") && !html.contains("<i>Org</i>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    app.stop().await;
}

#[tokio::test]
async fn a_form_posted_from_another_site_is_refused() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let url = app.url(&format!("/e/{}", str_of(&event, "slug")));
    let fields = [
        ("first_name", "A"),
        ("last_name", "B"),
        ("email", "csrf@example.org"),
        ("mode", "online"),
        ("consent", "yes"),
    ];
    let foreign = no_redirects()
        .post(&url)
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&fields)
        .send()
        .await
        .expect("send");
    assert_eq!(foreign.status().as_u16(), 403);
    assert_eq!(app.stats(&str_of(&event, "id")).await["registered"], 0);
    app.stop().await;
}

#[tokio::test]
async fn the_manage_page_switches_mode_and_cancels_after_a_confirmation_step() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let reg = crate::helpers::json(app.register(&str_of(&event, "id"), "m@example.org", "in_person").await).await;
    let base = format!("/r/{}", str_of(&reg, "manage_token"));
    let client = no_redirects();

    let switched = form(&client, &app.url(&format!("{base}/mode")), &[("mode", "online")]).await;
    assert_eq!(switched.status().as_u16(), 303);
    let html = client.get(app.url(&format!("{base}?lang=en"))).send().await.expect("send").text().await.expect("text");
    assert!(html.contains("Follow the meeting online"));

    let confirm =
        client.get(app.url(&format!("{base}/cancel?lang=en"))).send().await.expect("send").text().await.expect("text");
    assert!(confirm.contains("Cancel your registration?"));
    assert_eq!(form(&client, &app.url(&format!("{base}/cancel")), &[]).await.status().as_u16(), 303);
    let html = client.get(app.url(&format!("{base}?lang=en"))).send().await.expect("send").text().await.expect("text");
    assert!(html.contains("Cancelled") && html.contains("Register again"));
    app.stop().await;
}

#[tokio::test]
async fn unknown_pages_and_drafts_answer_a_404_page() {
    let app = TestApp::spawn().await;
    let draft = app.create_event(json!({"status": "draft"})).await;
    for path in [format!("/e/{}", str_of(&draft, "slug")), "/e/nothing".into(), "/r/not-a-token".into()] {
        let response = reqwest::get(app.url(&path)).await.expect("send");
        assert_eq!(response.status().as_u16(), 404, "{path}");
        assert!(response.text().await.expect("text").contains("<h1>"));
    }
    app.stop().await;
}

#[tokio::test]
async fn an_invitation_link_pre_fills_the_form() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let csv =
        "first_name,last_name,email,organization,language,mode\nNoor,Diallo,noor@example.org,JRS Belgium,en,online\n";
    let report = app
        .client
        .post(app.url(&format!("/api/v1/events/{id}/imports/registrations?invite=true")))
        .bearer_auth(&app.organizer_token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .expect("send");
    assert_eq!(report.status().as_u16(), 200);
    let token: String = {
        let backend = app.db.backend();
        let row = sea_orm::ConnectionTrait::query_one_raw(
            app.db.read(),
            convene::db::stmt(
                backend,
                "SELECT token_sealed FROM invitation WHERE email = ?",
                vec!["noor@example.org".into()],
            ),
        )
        .await
        .expect("query")
        .expect("row");
        let sealed: String = row.try_get("", "token_sealed").expect("token");
        convene::secrets::open(&sealed).expect("sealed with the test key")
    };
    let page =
        reqwest::get(app.url(&format!("/e/{}?invite={token}&lang=en", str_of(&event, "slug")))).await.expect("get");
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = page.text().await.expect("text");
    assert!(
        html.contains("value=\"Noor\"")
            && html.contains("value=\"noor@example.org\"")
            && html.contains("value=\"JRS Belgium\"")
    );
    app.stop().await;
}

/// The event page is served from a cache of rendered pages: every change that shows on it
/// (a seat taken, an edit, registration closing) must show at once.
#[tokio::test]
async fn the_event_page_shows_every_change_at_once() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 3})).await;
    let id = str_of(&event, "id");
    let url = app.url(&format!("/e/{}?lang=en", str_of(&event, "slug")));
    let page = || async { reqwest::get(&url).await.expect("get").text().await.expect("text") };

    assert!(page().await.contains("3 seats left"));
    assert!(page().await.contains("3 seats left"), "the same page again");
    assert_eq!(app.register(&id, "ana@example.org", "in_person").await.status().as_u16(), 201);
    let html = page().await;
    assert!(html.contains("2 seats left") && !html.contains("3 seats left"), "a seat taken shows");

    let edited = app.patch_event(&id, json!({"title": "Partner Meeting, new room"})).await;
    assert_eq!(edited.status().as_u16(), 200);
    assert!(page().await.contains("Partner Meeting, new room"), "an edit shows");

    let closed = app.patch_event(&id, json!({"status": "closed"})).await;
    assert_eq!(closed.status().as_u16(), 200);
    assert!(page().await.contains("Registration for this meeting is closed"), "closing shows");
    app.stop().await;
}

#[tokio::test]
async fn unreadable_addresses_and_oversized_forms_answer_pages_not_plain_text() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let client = no_redirects();
    let html = |response: &reqwest::Response| {
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").starts_with("text/html")
    };

    for path in ["/e/%ff", "/r/%ff%fe", "/invitations/%ff/stop"] {
        let response = client.get(app.url(path)).header("accept-language", "fr").send().await.expect("send");
        assert!(response.status().is_client_error(), "{path}: {}", response.status());
        assert!(html(&response), "{path} answers a page");
        let body = response.text().await.expect("body");
        assert!(body.contains("lang=\"fr\""), "{path}: in the visitor's language");
    }

    let url = app.url(&format!("/e/{}", str_of(&event, "slug")));
    let huge = "x".repeat(1024 * 1024);
    let response = client
        .post(&url)
        .header("origin", &app.base)
        .form(&[("first_name", huge.as_str()), ("last_name", "Big")])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 413);
    assert!(html(&response));
    assert!(response.text().await.expect("body").contains("too large"), "says why");
    assert_eq!(app.stats(&str_of(&event, "id")).await["registered"], 0, "nothing stored");
    app.stop().await;
}
