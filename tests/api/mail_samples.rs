//! One mail of every kind, as a partner receives it from an organizer with a name, a contact
//! and a logo, written as `.eml` files for `.ci/run` to score with SpamAssassin (local tests
//! only). Ignored in `cargo test`: run with
//! `CONVENE_MAIL_SAMPLES=dir cargo test --test api mail_samples -- --ignored`.

use std::time::Duration;

use chrono::Utc;
use entity::Role;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, json, make_token, registration, str_of};
use crate::mail::wait_for_mail;
use crate::smtp::SmtpSink;

/// A 1×1 PNG standing in for the organizer's logo.
const LOGO: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0xf8, 0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3,
    0x4b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::test]
#[ignore = "writes sample mails for .ci/run's SpamAssassin step"]
async fn mail_samples() {
    let dir = std::env::var("CONVENE_MAIL_SAMPLES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join("convene-mail-samples"));
    std::fs::create_dir_all(&dir).expect("sample folder");
    let sink = SmtpSink::start().await;
    let url = sink.url();
    // Links by name, as in production (a numeric address in a link is a spam sign of its own).
    let port = SmtpSink::unused_port().await;
    let app = TestApp::spawn_with(move |c| {
        c.mail.smtp_url = Some(url);
        c.mail.from = "Partner Meeting <partners-meeting@iom-belgium.example>".into();
        c.bind = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        c.base_url = format!("http://localhost:{port}");
    })
    .await;
    let admin = make_token(&app.db, "admin@example.org", Role::Admin).await;
    let identity = json!({"organization_name": {"en": "IOM Belgium and Luxembourg", "fr": "OIM Belgique et Luxembourg"},
        "contact_email": "partners@iom-belgium.example", "privacy_url": {"en": "https://iom-belgium.example/privacy"},
        "accent_color": "#0033a0"});
    app.client.patch(app.url("/api/v1/settings")).bearer_auth(&admin).json(&identity).send().await.expect("settings");
    app.client
        .put(app.url("/api/v1/settings/logo"))
        .bearer_auth(&admin)
        .header("content-type", "image/png")
        .body(LOGO.to_vec())
        .send()
        .await
        .expect("logo");

    let soon = Utc::now() + chrono::Duration::hours(3);
    let event = app
        .create_event(json!({"in_person_capacity": 1, "starts_at": soon.to_rfc3339(), "ends_at": (soon + chrono::Duration::hours(3)).to_rfc3339()}))
        .await;
    let event_id = str_of(&event, "id");
    let person = |email: &str, mode: &str| {
        let mut body = registration(email, mode);
        body["language"] = json!("en");
        body
    };
    let seated = json(app.register_body(&event_id, person("seated@example.org", "in_person")).await).await;
    let waiting = json(app.register_body(&event_id, person("waiting@example.org", "in_person")).await).await;
    app.register_body(&event_id, person("online@example.org", "online")).await;
    let mut kinds = vec![
        ("confirmation-in-person", wait_for_mail(&sink, "seated@example.org", "Your registration").await),
        ("confirmation-online", wait_for_mail(&sink, "online@example.org", "Your registration").await),
        ("waitlisted", wait_for_mail(&sink, "waiting@example.org", "waiting list").await),
    ];
    app.register_body(&event_id, person("seated@example.org", "online")).await;
    kinds.push(("manage-link", wait_for_mail(&sink, "seated@example.org", "Your registration link").await));
    convene::jobs::schedule::queue_due_reminders(&app.db, Utc::now()).await.expect("reminders");
    kinds.push(("reminder", wait_for_mail(&sink, "seated@example.org", "Reminder").await));
    app.manage(Method::DELETE, &str_of(&seated, "manage_token"), None).await;
    kinds.push(("cancelled", wait_for_mail(&sink, "seated@example.org", "Registration cancelled").await));
    kinds.push(("promoted", wait_for_mail(&sink, "waiting@example.org", "A seat is free").await));
    app.manage(Method::PATCH, &str_of(&waiting, "manage_token"), Some(json!({"mode": "online"}))).await;
    kinds.push(("mode-switched", wait_for_mail(&sink, "waiting@example.org", "Your attendance has changed").await));
    app.patch_event(&event_id, json!({"venue": "Egmont Palace, Brussels"})).await;
    kinds.push(("event-updated", wait_for_mail(&sink, "waiting@example.org", "Updated").await));
    app.patch_event(&event_id, json!({"status": "cancelled"})).await;
    kinds.push(("event-cancelled", wait_for_mail(&sink, "waiting@example.org", "Cancelled:").await));

    // At the start, those still waiting hear that no seat freed up.
    let start = Utc::now() + chrono::Duration::seconds(1);
    let full = str_of(
        &app.create_event(json!({"in_person_capacity": 0, "starts_at": start.to_rfc3339(), "ends_at": (start + chrono::Duration::hours(2)).to_rfc3339()}))
            .await,
        "id",
    );
    app.register_body(&full, person("late@example.org", "in_person")).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    convene::jobs::schedule::close_started_waitlists(&app.db, Utc::now()).await.expect("waitlists");
    kinds.push(("no-seat-freed", wait_for_mail(&sink, "late@example.org", "No seat freed").await));

    // An invitation from an imported partner list.
    let open = str_of(&app.create_event(json!({})).await, "id");
    app.client
        .post(app.url(&format!("/api/v1/events/{open}/imports/registrations?invite=true")))
        .bearer_auth(&app.organizer_token)
        .header("content-type", "text/csv")
        .body("first_name,last_name,email,language\nNoor,Peeters,invited@example.org,en\n")
        .send()
        .await
        .expect("import");
    kinds.push(("invitation", wait_for_mail(&sink, "invited@example.org", "invited").await));

    // Requests at an event that needs the organizers' approval: received, approved (seated,
    // then on the waiting list), declined with the organizers' words.
    let reviewed = str_of(&app.create_event(json!({"access": "approval", "in_person_capacity": 1})).await, "id");
    let mut asked = Vec::new();
    for who in ["asks", "second", "third"] {
        let email = format!("{who}@example.org");
        asked.push(str_of(&json(app.register_body(&reviewed, person(&email, "in_person")).await).await, "id"));
    }
    kinds.push(("request-received", wait_for_mail(&sink, "asks@example.org", "Request received").await));
    let decide = |id: &str, what: &str, body: serde_json::Value| {
        app.client
            .post(app.url(&format!("/api/v1/events/{reviewed}/registrations/{id}/{what}")))
            .bearer_auth(&app.organizer_token)
            .json(&body)
            .send()
    };
    decide(&asked[0], "approve", json!({})).await.expect("approve");
    kinds.push(("approved", wait_for_mail(&sink, "asks@example.org", "Your request is accepted:").await));
    decide(&asked[1], "approve", json!({})).await.expect("approve");
    kinds.push(("approved-waitlisted", wait_for_mail(&sink, "second@example.org", "on the waiting list").await));
    let words =
        json!({"message": "This year the room is for partner organizations only. The recording will be sent to you."});
    decide(&asked[2], "decline", words).await.expect("decline");
    kinds.push(("declined", wait_for_mail(&sink, "third@example.org", "Your request:").await));

    // An organizers' mailing to those seated, with a link in its text.
    let mailing = json!({
        "subject": {"en": "Room change for the partner meeting"},
        "body": {"en": "Dear {first_name},\n\nThe meeting moves to room B on the second floor. The slides of the \
            morning are at https://iom-belgium.example/slides.\n\nSee you soon,\nThe partnerships team"},
        "to": {"statuses": ["confirmed"]}
    });
    app.client
        .post(app.url(&format!("/api/v1/events/{reviewed}/mailings")))
        .bearer_auth(&app.organizer_token)
        .json(&mailing)
        .send()
        .await
        .expect("mailing");
    kinds.push(("mailing", wait_for_mail(&sink, "asks@example.org", "Room change").await));

    let raw = sink.messages();
    for (kind, mail) in &kinds {
        let received = raw
            .iter()
            .find(|r| crate::mail::parse(r).message_id == mail.message_id)
            .unwrap_or_else(|| panic!("{kind}: raw message"));
        std::fs::write(dir.join(format!("{kind}.eml")), &received.data).expect("write sample");
    }
    assert_eq!(kinds.len(), 17);
    app.stop().await;
    sink.stop();
}
