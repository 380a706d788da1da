//! Who is writing (API.md "Organizer identity"): the settings API and its checks, the logo,
//! the public pages that show them, and every mail kind carrying the organization's name,
//! the contact as Reply-To, and the calendar method and organizer of the Additions.

use entity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, expect_error, json, make_token, registration, str_of};
use crate::mail::{Mail, app_with_sink, parse_calendar, wait_for_mail};

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0xf8, 0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3,
    0x4b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn identity() -> Value {
    json!({
        "organization_name": {"en": "IOM Belgium and Luxembourg", "fr": "OIM Belgique et Luxembourg", "nl": "IOM België en Luxemburg"},
        "contact_email": "partners@example.org",
        "privacy_url": {"en": "https://example.org/privacy", "fr": "https://example.org/fr/vie-privee"},
        "accent_color": "#0033A0"
    })
}

async fn patch(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client.patch(app.url("/api/v1/settings")).bearer_auth(token).json(&body).send().await.expect("send")
}

async fn put_logo(app: &TestApp, token: &str, content_type: &str, body: Vec<u8>) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/settings/logo"))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("send")
}

#[tokio::test]
async fn settings_are_checked_field_by_field_and_a_refusal_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = make_token(&app.db, "admin@example.org", Role::Admin).await;
    let saved = json(patch(&app, &admin, identity()).await).await;
    assert_eq!(saved["organization_name"]["fr"], "OIM Belgique et Luxembourg");
    assert_eq!(saved["accent_color"], "#0033a0");
    assert_eq!(saved["logo"], Value::Null);

    for (body, field) in [
        (json!({"accent_color": "blue"}), "accent_color"),
        (json!({"accent_color": "#0033A"}), "accent_color"),
        (json!({"contact_email": "partners"}), "contact_email"),
        (json!({"privacy_url": {"en": "ftp://example.org"}}), "privacy_url.en"),
        (json!({"privacy_url": {"de": "https://example.org"}}), "privacy_url.de"),
        (json!({"organization_name": "IOM"}), "organization_name"),
        (json!({"logo": "https://example.org/logo.png"}), "logo"),
    ] {
        let error = expect_error(patch(&app, &admin, body.clone()).await, 422, "validation").await;
        assert!(error["error"]["fields"][field].is_string(), "{body}: {error}");
    }
    let now = app.get_json("/api/v1/settings", &app.checkin_token).await;
    assert_eq!(now, saved, "any staff role reads it; nothing changed");
    expect_error(patch(&app, &app.organizer_token, json!({"accent_color": "#000000"})).await, 403, "forbidden").await;
    let cleared = json(patch(&app, &admin, json!({"contact_email": null, "privacy_url": null})).await).await;
    assert_eq!((cleared["contact_email"].clone(), cleared["privacy_url"].clone()), (Value::Null, json!({})));
    app.stop().await;
}

#[tokio::test]
async fn the_logo_is_a_png_or_jpeg_of_at_most_512_kib_served_with_nosniff() {
    let app = TestApp::spawn().await;
    let admin = make_token(&app.db, "admin@example.org", Role::Admin).await;
    assert_eq!(put_logo(&app, &admin, "image/png", PNG.to_vec()).await.status().as_u16(), 204);
    let settings = app.get_json("/api/v1/settings", &admin).await;
    let url = settings["logo"].as_str().expect("the logo's URL").to_owned();
    let served = app.client.get(&url).send().await.expect("send");
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert_eq!(served.bytes().await.expect("bytes").as_ref(), PNG);

    let mut large = PNG.to_vec();
    large.resize(512 * 1024 + 1, 0);
    expect_error(put_logo(&app, &admin, "image/png", large).await, 413, "payload_too_large").await;
    expect_error(put_logo(&app, &admin, "image/gif", b"GIF89a....".to_vec()).await, 415, "unsupported_media_type")
        .await;
    expect_error(
        put_logo(&app, &admin, "image/png", b"<svg onload=alert(1)>".to_vec()).await,
        415,
        "unsupported_media_type",
    )
    .await;
    expect_error(put_logo(&app, &app.organizer_token, "image/png", PNG.to_vec()).await, 403, "forbidden").await;
    assert_eq!(app.client.get(&url).send().await.expect("send").status().as_u16(), 200, "the refusals changed nothing");

    let deleted = json(patch(&app, &admin, json!({"logo": null})).await).await;
    assert_eq!(deleted["logo"], Value::Null);
    assert_eq!(app.client.get(app.url("/branding/logo")).send().await.expect("send").status().as_u16(), 404);
    app.stop().await;
}

#[tokio::test]
async fn public_pages_name_the_organizer_link_the_privacy_notice_and_take_the_colour() {
    let app = TestApp::spawn().await;
    let admin = make_token(&app.db, "admin@example.org", Role::Admin).await;
    let mut light = identity();
    light["accent_color"] = json!("#ffcc00");
    patch(&app, &admin, light).await;
    put_logo(&app, &admin, "image/png", PNG.to_vec()).await;
    let event = app.create_event(json!({})).await;
    let html = app
        .client
        .get(app.url(&format!("/e/{}?lang=fr", str_of(&event, "slug"))))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("text")
        // minijinja writes `/` as `&#x2f;`, which browsers read as `/`.
        .replace("&#x2f;", "/");
    assert!(html.contains("OIM Belgique et Luxembourg"), "the name heads the page");
    assert!(html.contains("src=\"/branding/logo?v="), "the logo heads the page");
    assert!(html.contains("href=\"https://example.org/fr/vie-privee\""), "the privacy notice beside the consent");
    assert!(html.contains("mailto:partners@example.org"), "the contact in the footer");
    let theme_path =
        html.split("href=\"/branding/theme.css").nth(1).and_then(|r| r.split('"').next()).expect("a theme");
    let css = app
        .client
        .get(app.url(&format!("/branding/theme.css{theme_path}")))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("css");
    let accent = css.split("--accent: ").nth(1).and_then(|r| r.get(..7)).expect("an accent");
    assert_ne!(accent, "#ffcc00", "a colour too light to read is darkened: {css}");
    app.stop().await;
}

fn assert_from_the_organizer(mail: &Mail, name: &str) {
    assert_eq!(mail.from_name, name, "{}", mail.subject);
    assert_eq!(mail.reply_to.as_deref(), Some("partners@example.org"), "{}", mail.subject);
    assert_eq!(mail.auto_submitted.as_deref(), Some("auto-generated"), "{}", mail.subject);
    assert!(mail.text.contains(name) && mail.html.contains(name), "signed by the organization: {}", mail.text);
    assert!(mail.text.contains("partners@example.org"), "the contact in the signature: {}", mail.text);
    assert!(
        mail.related_types.iter().all(|t| t == "text/html") && !mail.related_types.is_empty(),
        "{:?}",
        mail.related_types
    );
}

#[tokio::test]
async fn every_mail_is_from_the_organizer_with_its_contact_and_calendar_organizer() {
    let (app, sink) = app_with_sink().await;
    let admin = make_token(&app.db, "admin@example.org", Role::Admin).await;
    patch(&app, &admin, identity()).await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let event_id = str_of(&event, "id");
    let (en, fr) = ("IOM Belgium and Luxembourg", "OIM Belgique et Luxembourg");
    let body = |email: &str, language: &str| {
        let mut body = registration(email, "in_person");
        body["language"] = json!(language);
        body
    };
    let seated = json(app.register_body(&event_id, body("seated@example.org", "fr")).await).await;
    let waiting = json(app.register_body(&event_id, body("waiting@example.org", "en")).await).await;

    let confirmation = wait_for_mail(&sink, "seated@example.org", "Votre inscription").await;
    assert_from_the_organizer(&confirmation, fr);
    let (method, ics) = confirmation.calendar.clone().expect("calendar");
    assert_eq!(method, "PUBLISH");
    assert_eq!(parse_calendar(&ics).organizer.as_deref(), Some("mailto:partners@example.org"));
    assert!(!ics.contains("RSVP") && !ics.contains("ATTENDEE"), "{ics}");
    assert!(
        confirmation.html.contains("cid:org-logo") || !confirmation.html.contains("<img src=\"cid:org"),
        "no logo set"
    );

    assert_from_the_organizer(&wait_for_mail(&sink, "waiting@example.org", "You are on the waiting list").await, en);
    app.register_body(&event_id, body("seated@example.org", "fr")).await;
    assert_from_the_organizer(&wait_for_mail(&sink, "seated@example.org", "Votre lien").await, fr);

    app.manage(Method::DELETE, &str_of(&seated, "manage_token"), None).await;
    let cancelled = wait_for_mail(&sink, "seated@example.org", "annulée").await;
    assert_from_the_organizer(&cancelled, fr);
    let (method, ics) = cancelled.calendar.clone().expect("calendar");
    assert_eq!(method, "CANCEL", "a withdrawal in the organizer's name");
    assert_eq!(parse_calendar(&ics).organizer.as_deref(), Some("mailto:partners@example.org"));

    assert_from_the_organizer(&wait_for_mail(&sink, "waiting@example.org", "A seat is free for you").await, en);
    app.manage(Method::PATCH, &str_of(&waiting, "manage_token"), Some(json!({"mode": "online"}))).await;
    assert_from_the_organizer(&wait_for_mail(&sink, "waiting@example.org", "Your attendance has changed").await, en);
    app.patch_event(&event_id, json!({"venue": "Egmont Palace"})).await;
    assert_from_the_organizer(&wait_for_mail(&sink, "waiting@example.org", "Updated:").await, en);
    app.patch_event(&event_id, json!({"status": "cancelled"})).await;
    let withdrawn = wait_for_mail(&sink, "waiting@example.org", "Cancelled:").await;
    assert_from_the_organizer(&withdrawn, en);
    assert_eq!(withdrawn.calendar.expect("calendar").0, "CANCEL");
    app.stop().await;
    sink.stop();
}
