//! Fair seats as people meet them: the form says an organization's seats are used once it is
//! typed and offers the online mode, and a registrant hands their seat to a colleague.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::{Value, json};

use crate::app::TestApp;
use crate::axe::assert_accessible;
use crate::driver::Browser;
use crate::pages::{click, fill};

const WAIT: Duration = Duration::from_secs(10);

fn str_of(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}")).to_owned()
}

fn person(first: &str, organization: &str) -> Value {
    json!({"first_name": first, "last_name": "Test", "email": format!("{}@example.org", first.to_lowercase()),
           "organization": organization, "mode": "in_person", "language": "fr", "consent": true})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_says_when_an_organization_has_used_its_seats_and_offers_online() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"per_organization_in_person_cap": 1})).await;
    let id = str_of(&event, "id");
    app.api_post_public(&format!("/api/v1/events/{id}/registrations"), person("Amina", "Fedasil")).await;
    let browser = Browser::start().await;
    browser.open(&app.url(&format!("/e/{}?lang=fr", str_of(&event, "slug")))).await;
    fill(&browser, "#field-first_name", "Bart").await;
    fill(&browser, "#field-last_name", "Maes").await;
    fill(&browser, "#field-email", "bart@example.org").await;
    fill(&browser, "#field-organization", "FEDASIL").await;
    // Leaving the field asks the server, as the submit will.
    click(&browser, "#field-consent").await;
    let hint = browser.wait_for_text("#organization-seats", WAIT).await;
    assert!(hint.contains("Votre organisation a utilisé ses places"), "{hint}");
    click(&browser, "#mode-in_person").await;
    click(&browser, "form[action^='/e/'] button.primary").await;
    let error = browser.wait_for_text("#field-mode-error", WAIT).await;
    assert!(error.contains("en ligne"), "{error}");
    assert_eq!(browser.attr_of("#mode-online", "checked").await.as_deref(), Some("true"), "online offered first");
    assert_accessible(&browser, "form with the organization's seats used").await;
    assert_eq!(app.api_get(&format!("/api/v1/events/{id}/stats")).await["registered"], 1, "nothing registered yet");
    // Choosing the waiting line for the room, on purpose.
    click(&browser, "button[name=choice][value=wait]").await;
    browser.wait_for_text("#wait-reason", WAIT).await;
    let stats = app.api_get(&format!("/api/v1/events/{id}/stats")).await;
    assert_eq!(stats["in_person"]["waitlisted"], 1);
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registrant_hands_their_seat_to_a_colleague_after_a_confirmation() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let amina = app.api_post_public(&format!("/api/v1/events/{id}/registrations"), person("Amina", "Fedasil")).await;
    let page = app.url(&format!("/r/{}", str_of(&amina, "manage_token")));
    let browser = Browser::start().await;
    browser.open(&format!("{page}?lang=en")).await;
    click(&browser, "a[href$='/transfer']").await;
    browser.wait_for_text_containing("h1", "colleague", WAIT).await;
    assert_accessible(&browser, "transfer form").await;
    fill(&browser, "#field-first_name", "Bart").await;
    fill(&browser, "#field-last_name", "Maes").await;
    fill(&browser, "#field-email", "bart@example.org").await;
    click(&browser, "form button.primary").await;
    let what = browser.wait_for_text("#transfer-what", WAIT).await;
    assert!(what.contains("Bart Maes (bart@example.org)"), "{what}");
    assert_accessible(&browser, "transfer confirmation").await;
    let stats = app.api_get(&format!("/api/v1/events/{id}/stats")).await;
    assert_eq!(stats["registered"], 1);
    click(&browser, "form button.danger").await;
    let done = browser.wait_for_text(".notice.success", WAIT).await;
    assert!(done.contains("Bart Maes"), "{done}");
    browser.open(&page).await;
    assert!(browser.find(Locator::Css("main")).await.is_ok());
    let title = browser.wait_for_text("h1", WAIT).await;
    assert!(!title.contains("Partner Meeting"), "the old link opens nothing: {title}");
    browser.close().await;
    app.stop().await;
}
