//! Destructive actions in the back office go through a confirmation: cancelling an event says
//! how many people will be mailed, needs the title typed, mails nobody until then, and carries
//! the organizers' message into every cancellation mail; closing can be undone.

use reqwest::redirect::Policy;
use serde_json::{Value, json};

use crate::helpers::{TestApp, json as body_json, registration, str_of};
use crate::mail::{app_with_sink, wait_for_mail};

fn browser() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).cookie_store(true).build().expect("client")
}

async fn mails_of_kind(app: &TestApp, event_id: &str, kind: &str) -> usize {
    let list: Value = app.get_json(&format!("/api/v1/events/{event_id}/mails"), &app.organizer_token).await;
    list["items"].as_array().map_or(0, |items| items.iter().filter(|m| m["kind"] == kind).count())
}

#[tokio::test]
async fn cancelling_an_event_needs_the_typed_title_and_mails_the_organizers_message() {
    let (app, sink) = app_with_sink().await;
    let event = app.create_event(json!({})).await;
    let (id, title) = (str_of(&event, "id"), str_of(&event, "title"));
    for email in ["a@example.org", "b@example.org"] {
        let mut body = registration(email, "online");
        body["language"] = json!("en");
        assert_eq!(app.register_body(&id, body).await.status().as_u16(), 201);
    }
    let client = browser();
    let login = client
        .post(app.url("/admin/login"))
        .form(&[("email", "organizer@example.org"), ("password", "a long test password"), ("next", "/admin/events")])
        .send()
        .await
        .expect("send");
    assert_eq!(login.status().as_u16(), 303);

    let dashboard = client.get(app.url(&format!("/admin/events/{id}?lang=en"))).send().await.expect("send");
    let html = dashboard.text().await.expect("text").replace("&#x2f;", "/");
    assert!(
        html.contains(&format!("href=\"/admin/events/{id}/status/cancel\"")),
        "cancelling is a link to a confirmation"
    );
    let confirm = client.get(app.url(&format!("/admin/events/{id}/status/cancel?lang=en"))).send().await.expect("send");
    let html = confirm.text().await.expect("text");
    assert!(html.contains("2 registered people will be mailed at once"), "{html}");

    let wrong = client
        .post(app.url(&format!("/admin/events/{id}/status?lang=en")))
        .form(&[("status", "cancelled"), ("confirm_title", "Partner meeting"), ("note", "Moved to March.")])
        .send()
        .await
        .expect("send");
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(wrong.text().await.expect("text").contains("That is not the title"));
    let still = app.get_json(&format!("/api/v1/events/{id}"), &app.organizer_token).await;
    assert_eq!(still["status"], "published", "nothing changed");
    assert_eq!(mails_of_kind(&app, &id, "event_cancelled").await, 0, "nobody mailed before the confirmation");

    let done = client
        .post(app.url(&format!("/admin/events/{id}/status?lang=en")))
        .form(&[
            ("status", "cancelled"),
            ("confirm_title", title.as_str()),
            ("note", "We meet in March instead.\nDetails follow."),
        ])
        .send()
        .await
        .expect("send");
    assert_eq!(done.status().as_u16(), 303);
    let location = done.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(location.ends_with("?done=cancelled&mailed=2"), "{location}");
    let after =
        client.get(app.url(&format!("{location}&lang=en"))).send().await.expect("send").text().await.expect("text");
    assert!(after.contains("The event is cancelled. 2 people are being mailed."), "says what was done");
    let mail = wait_for_mail(&sink, "a@example.org", "Cancelled:").await;
    assert!(
        mail.text.contains("A message from the organizers") && mail.text.contains("We meet in March instead."),
        "{}",
        mail.text
    );
    assert!(mail.html.contains("We meet in March instead."));
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn closing_registration_is_confirmed_mails_nobody_and_can_be_reopened() {
    let app = TestApp::spawn().await;
    let id = str_of(&app.create_event(json!({})).await, "id");
    assert_eq!(app.register(&id, "a@example.org", "online").await.status().as_u16(), 201);
    let client = browser();
    client
        .post(app.url("/admin/login"))
        .form(&[("email", "organizer@example.org"), ("password", "a long test password"), ("next", "/admin/events")])
        .send()
        .await
        .expect("send");
    let confirm = client.get(app.url(&format!("/admin/events/{id}/status/close?lang=en"))).send().await.expect("send");
    assert!(confirm.text().await.expect("text").contains("You can reopen registration at any time"));
    let closed = client
        .post(app.url(&format!("/admin/events/{id}/status")))
        .form(&[("status", "closed")])
        .send()
        .await
        .expect("send");
    assert_eq!(closed.status().as_u16(), 303);
    assert_eq!(app.get_json(&format!("/api/v1/events/{id}"), &app.organizer_token).await["status"], "closed");
    let reopened = client
        .post(app.url(&format!("/admin/events/{id}/status")))
        .form(&[("status", "published")])
        .send()
        .await
        .expect("send");
    assert_eq!(reopened.status().as_u16(), 303);
    let event = app.get_json(&format!("/api/v1/events/{id}"), &app.organizer_token).await;
    assert_eq!(event["status"], "published");
    let registered = body_json(app.register(&id, "late@example.org", "online").await).await;
    assert_eq!(registered["status"], "confirmed", "registration is open again");
    app.stop().await;
}
