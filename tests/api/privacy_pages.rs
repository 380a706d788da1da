//! Privacy as people meet it: the retention field with its date, the consent sentence the
//! form shows and records, erasing behind a confirmation in the back office, the audit page,
//! and the registrant's own "download" and "erase my details" behind their link.

use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use crate::backoffice::{browser, log_in};
use crate::helpers::{TestApp, json, registration, str_of};
use crate::privacy::move_into_past;

fn text(html: &str) -> String {
    html.replace("&#x2f;", "/").replace("&#x27;", "'").replace("&quot;", "\"")
}

#[tokio::test]
async fn the_event_form_sets_retention_and_says_when_erasure_happens() {
    let app = TestApp::spawn().await;
    let event = app
        .create_event(json!({"starts_at": "2027-03-10T09:00:00+01:00", "ends_at": "2027-03-10T13:00:00+01:00"}))
        .await;
    let id = str_of(&event, "id");
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let form = client.get(app.url(&format!("/admin/events/{id}/edit?lang=en"))).send().await.expect("send");
    let html = text(&form.text().await.expect("html"));
    assert!(html.contains("name=\"retention_days\"") && html.contains("value=\"180\""), "{html}");
    assert!(html.contains("they are erased on 6 September 2027, 14:00"), "the date follows the form: {html}");

    let dashboard = client.get(app.url(&format!("/admin/events/{id}?lang=fr"))).send().await.expect("send");
    let html = text(&dashboard.text().await.expect("html"));
    assert!(html.contains("conservés 180 jours après l'événement"), "{html}");
    assert!(!html.contains(&format!("/admin/events/{id}/erase\"")), "no erasing before the end");

    let copy = client.get(app.url(&format!("/admin/events/{id}/copy?lang=nl"))).send().await.expect("send");
    assert!(text(&copy.text().await.expect("html")).contains("180 dagen na haar eigen einde"));

    // Through the form: a bad number is explained, a good one kept.
    let mut fields: Vec<(String, String)> = vec![
        ("title".into(), str_of(&event, "title")),
        ("starts_at".into(), "2027-03-10T09:00".into()),
        ("ends_at".into(), "2027-03-10T13:00".into()),
        ("timezone".into(), "Europe/Brussels".into()),
        ("mode_online".into(), "on".into()),
        ("status".into(), "published".into()),
        ("retention_days".into(), "0".into()),
    ];
    let refused =
        client.post(app.url(&format!("/admin/events/{id}/edit?lang=en"))).form(&fields).send().await.expect("send");
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.expect("html").contains("Enter a number of days from 1 to 3650."));
    fields.last_mut().expect("field").1 = "30".into();
    let saved =
        client.post(app.url(&format!("/admin/events/{id}/edit")).as_str()).form(&fields).send().await.expect("send");
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let after = app.get_json(&format!("/api/v1/events/{id}"), &app.organizer_token).await;
    assert_eq!(after["retention_days"], 30);
    assert_eq!(after["erasure_due_at"], "2027-04-09T12:00:00+00:00");
}

#[tokio::test]
async fn the_form_records_the_consent_sentence_it_showed() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"retention_days": 90, "modes": ["online"], "in_person_capacity": null})).await;
    let page = app.client.get(app.url(&format!("/e/{}?lang=nl", str_of(&event, "slug")))).send().await.expect("send");
    let html = text(&page.text().await.expect("html"));
    let shown = "Ik ga ermee akkoord dat de organisatoren mijn gegevens bewaren om deze vergadering te beheren en de aanwezigheid te tellen. Ze worden 90 dagen na afloop gewist.";
    assert!(html.contains(shown), "{html}");
    let form = [
        ("first_name", "Joris"),
        ("last_name", "Peeters"),
        ("email", "joris@example.be"),
        ("organization", "Fedasil"),
        ("mode", "online"),
        ("language", "en"),
        ("consent", "yes"),
    ];
    let posted = browser()
        .post(app.url(&format!("/e/{}?lang=nl", str_of(&event, "slug"))))
        .form(&form)
        .send()
        .await
        .expect("send");
    assert!(posted.status().is_redirection() || posted.status().is_success(), "{}", posted.status());
    let row = entity::registration::Entity::find()
        .filter(entity::registration::Column::EventId.eq(Uuid::parse_str(&str_of(&event, "id")).expect("uuid")))
        .one(app.db.read())
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.consent_source, "form");
    assert_eq!(row.consent_language.as_deref(), Some("nl"), "the page's language, not the mails' (en)");
    assert_eq!(row.consent_text.as_deref(), Some(shown), "exactly the sentence shown, no invisible marks");
}

#[tokio::test]
async fn organizers_erase_an_event_and_a_person_behind_a_confirmation_and_read_the_audit() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let (id, title) = (str_of(&event, "id"), str_of(&event, "title"));
    let one = json(app.register(&id, "one@example.org", "online").await).await;
    let two = json(app.register(&id, "two@example.org", "in_person").await).await;
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;

    // One person, before the event: a confirmation that says their seat goes back.
    let person = format!("/admin/events/{id}/registrations/{}", str_of(&one, "id"));
    let page = client.get(app.url(&format!("{person}?lang=en"))).send().await.expect("send");
    assert!(text(&page.text().await.expect("html")).contains(&format!("href=\"{person}/erase\"")));
    let confirm = client.get(app.url(&format!("{person}/erase?lang=en"))).send().await.expect("send");
    let html = confirm.text().await.expect("html");
    assert!(html.contains("Their registration is cancelled first"), "{html}");
    let done = client.post(app.url(&format!("{person}/erase"))).send().await.expect("send");
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let page = client.get(app.url(&format!("{person}?done=erased&lang=en"))).send().await.expect("send");
    let html = page.text().await.expect("html");
    assert!(html.contains("Erased registration") && html.contains("The personal data was erased."), "{html}");
    assert!(!html.contains("one@example.org") && !html.contains("El Idrissi"));

    // The whole event: refused before its end, then the typed title.
    let early = client.get(app.url(&format!("/admin/events/{id}/erase?lang=en"))).send().await.expect("send");
    assert_eq!(early.status(), StatusCode::CONFLICT);
    move_into_past(&app, &id, 1).await;
    let confirm = client.get(app.url(&format!("/admin/events/{id}/erase?lang=en"))).send().await.expect("send");
    let html = confirm.text().await.expect("html");
    assert!(html.contains("The name, address, answers, ticket and links of one registration will be erased"), "{html}");
    let wrong = client
        .post(app.url(&format!("/admin/events/{id}/erase?lang=en")))
        .form(&[("confirm_title", "nope")])
        .send()
        .await
        .expect("send");
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let manage = app.manage(reqwest::Method::GET, &str_of(&two, "manage_token"), None).await;
    assert_eq!(manage.status(), StatusCode::OK, "nothing erased yet");
    let erased = client
        .post(app.url(&format!("/admin/events/{id}/erase")))
        .form(&[("confirm_title", title.as_str())])
        .send()
        .await
        .expect("send");
    assert_eq!(erased.status(), StatusCode::SEE_OTHER);
    let location = erased.headers()["location"].to_str().expect("location").to_owned();
    let dashboard = client.get(app.url(&format!("{location}&lang=en"))).send().await.expect("send");
    let html = dashboard.text().await.expect("html");
    assert!(html.contains("The personal data of one registration was erased."), "{html}");
    assert!(html.contains("personal data was erased on"), "{html}");
    let manage = app.manage(reqwest::Method::GET, &str_of(&two, "manage_token"), None).await;
    assert_eq!(manage.status(), StatusCode::NOT_FOUND);

    let audit = client.get(app.url(&format!("/admin/events/{id}/audit?lang=fr"))).send().await.expect("send");
    assert_eq!(audit.status(), StatusCode::OK);
    let html = audit.text().await.expect("html");
    for words in ["Données personnelles de l", "Données d", "organizer@example.org"] {
        assert!(html.contains(words), "{words} in {html}");
    }
    assert!(!html.contains("one@example.org") && !html.contains("two@example.org"));
}

#[tokio::test]
async fn registrants_download_their_data_and_erase_it_from_their_link() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let id = str_of(&event, "id");
    let mut body = registration("self@example.org", "in_person");
    body["language"] = json!("fr");
    let me = json(app.register_body(&id, body).await).await;
    let next = json(app.register(&id, "next@example.org", "in_person").await).await;
    assert_eq!(next["status"], "waitlisted");
    let token = str_of(&me, "manage_token");

    let page = app.client.get(app.url(&format!("/r/{token}"))).send().await.expect("send");
    let html = text(&page.text().await.expect("html"));
    assert!(html.contains("Vos données") && html.contains(&format!("/r/{token}/forget")), "{html}");
    let file = app.client.get(app.url(&format!("/r/{token}/data"))).send().await.expect("send");
    assert_eq!(file.status(), StatusCode::OK);
    assert!(file.headers()["content-disposition"].to_str().unwrap_or("").contains("my-data.json"));
    assert_eq!(file.headers()["cache-control"], "no-store");
    let data: serde_json::Value = file.json().await.expect("json");
    assert_eq!(data["registration"]["email"], "self@example.org");

    let confirm = app.client.get(app.url(&format!("/r/{token}/forget"))).send().await.expect("send");
    let html = confirm.text().await.expect("html");
    assert!(html.contains("Effacer vos données") && html.contains("la place libérée revient"), "{html}");
    let done = app.client.post(app.url(&format!("/r/{token}/forget?lang=fr"))).send().await.expect("send");
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done.text().await.expect("html").contains("Vos données sont effacées"));
    let gone = app.client.get(app.url(&format!("/r/{token}"))).send().await.expect("send");
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    let promoted = app.manage(reqwest::Method::GET, &str_of(&next, "manage_token"), None).await;
    assert_eq!(json(promoted).await["status"], "confirmed", "the seat went to the next person");
}
