//! The back office as an organizer uses it: cancelling an event, a bulk action on a
//! selection, a person's history, the questions editor, and badges at their printed size.

use std::time::Duration;

use fantoccini::Locator;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::app::TestApp;
use crate::axe::assert_accessible;
use crate::desk::log_in;
use crate::driver::Browser;
use crate::pages::{click, fill};

const WAIT: Duration = Duration::from_secs(10);

fn str_of(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}")).to_owned()
}

fn person(first: &str, last: &str, mode: &str) -> Value {
    json!({"first_name": first, "last_name": last, "email": format!("{}@example.org", first.to_lowercase()),
           "organization": "Caritas International", "mode": mode, "language": "fr", "consent": true})
}

async fn mails_of_kind(app: &TestApp, kind: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) AS n FROM outbox_email WHERE kind = '{kind}'");
    let row = app
        .db
        .read()
        .query_one_raw(sea_orm::Statement::from_string(app.db.backend(), sql))
        .await
        .expect("query")
        .expect("row");
    row.try_get::<i64>("", "n").expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_an_event_needs_the_typed_title_and_mails_nobody_before() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"title": "Partner Meeting 2026"})).await;
    let id = str_of(&event, "id");
    for first in ["Amina", "Bart"] {
        app.api_post_public(&format!("/api/v1/events/{id}/registrations"), person(first, "Test", "online")).await;
    }
    let browser = Browser::start().await;
    log_in(&browser, &app, &format!("/admin/events/{id}")).await;
    browser.wait_for_text("h1", WAIT).await;
    click(&browser, &format!("a[href='/admin/events/{id}/status/cancel']")).await;
    browser.wait_for_text_containing("h1", "Cancel", WAIT).await;
    assert_eq!(mails_of_kind(&app, "event_cancelled").await, 0, "opening the page mails nobody");
    fill(&browser, "#field-note", "We meet online in March instead.").await;
    fill(&browser, "#field-confirm_title", "Partner Meeting").await;
    click(&browser, "form[action$='/status'] button[type=submit]").await;
    browser.wait_for_text(".error-summary", WAIT).await;
    assert_eq!(mails_of_kind(&app, "event_cancelled").await, 0, "a wrong title cancels nothing");
    assert_eq!(app.api_get(&format!("/api/v1/events/{id}")).await["status"], "published");
    fill(&browser, "#field-confirm_title", "Partner Meeting 2026").await;
    click(&browser, "form[action$='/status'] button[type=submit]").await;
    browser.wait_for_text(".notice.success", WAIT).await;
    assert_eq!(app.api_get(&format!("/api/v1/events/{id}")).await["status"], "cancelled");
    assert_eq!(mails_of_kind(&app, "event_cancelled").await, 2);
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_switch_on_a_selection_asks_then_moves_everyone_ticked() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    for first in ["Amina", "Bart", "Chloe"] {
        app.api_post_public(&format!("/api/v1/events/{id}/registrations"), person(first, "Test", "in_person")).await;
    }
    let browser = Browser::start().await;
    log_in(&browser, &app, &format!("/admin/events/{id}/registrations")).await;
    browser.wait_for_text("h1", WAIT).await;
    assert_accessible(&browser, "registrations table").await;
    click(&browser, "input[aria-label='Tick Amina Test']").await;
    click(&browser, "input[aria-label='Tick Chloe Test']").await;
    browser.execute("document.getElementById('bulk-action').value = 'switch';", vec![]).await.expect("js");
    click(&browser, ".bulk-bar button").await;
    browser.wait_for_text_containing("h1", "2", WAIT).await;
    assert_accessible(&browser, "bulk confirmation").await;
    let listed = browser.text_of(".people-list").await;
    assert!(listed.contains("Amina Test") && listed.contains("Chloe Test") && !listed.contains("Bart"), "{listed}");
    assert_eq!(app.api_get(&format!("/api/v1/events/{id}/stats")).await["online"]["confirmed"], 0);
    click(&browser, "form[action$='/registrations/confirm'] button[type=submit]").await;
    browser.wait_for_text_containing(".notice.success", "2", WAIT).await;
    assert_eq!(app.api_get(&format!("/api/v1/events/{id}/stats")).await["online"]["confirmed"], 2);
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_person_page_tells_a_promoted_switched_checked_in_and_undone_story() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let id = str_of(&event, "id");
    let registrations = format!("/api/v1/events/{id}/registrations");
    let first = app.api_post_public(&registrations, person("Amina", "First", "in_person")).await;
    let second = app.api_post_public(&registrations, person("Bart", "Second", "online")).await;
    let http = reqwest::Client::new();
    // Bart switches to the full room and waits; Amina cancels and Bart is promoted.
    let waiting = app.api_post_public(&registrations, person("Chloe", "Third", "in_person")).await;
    assert_eq!(waiting["status"], "waitlisted");
    http.delete(app.url(&format!("/api/v1/registrations/{}", str_of(&first, "manage_token"))))
        .send()
        .await
        .expect("cancel");
    http.patch(app.url(&format!("/api/v1/registrations/{}", str_of(&waiting, "manage_token"))))
        .json(&json!({"mode": "online"}))
        .send()
        .await
        .expect("switch");
    let code = str_of(&second, "ticket_code");
    // Chloe was promoted then switched; put her back in the room through the desk and undo it.
    http.patch(app.url(&format!("/api/v1/registrations/{}", str_of(&waiting, "manage_token"))))
        .json(&json!({"mode": "in_person"}))
        .send()
        .await
        .expect("switch back");
    let chloe = app.api_get(&format!("/api/v1/registrations/{}", str_of(&waiting, "manage_token"))).await;
    let scan =
        app.api_post(&format!("/api/v1/events/{id}/checkins"), json!({"code": str_of(&chloe, "ticket_code")})).await;
    assert_eq!(scan["result"], "checked_in", "{scan} ({code})");
    http.delete(app.url(&format!("/api/v1/events/{id}/checkins/{}", str_of(&waiting, "id"))))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("undo");

    let browser = Browser::start().await;
    log_in(&browser, &app, &format!("/admin/events/{id}/registrations/{}", str_of(&waiting, "id"))).await;
    browser.wait_for_text_containing("h1", "Chloe", WAIT).await;
    let history = browser.text_of(".timeline").await;
    for needle in [
        "Registered (In person): On the waiting list",
        "Got a seat from the waiting list",
        "Switched from In person to Online",
        "Checked in",
        "Check-in undone",
        "by Convene",
        "by the registrant",
    ] {
        assert!(history.contains(needle), "{needle:?} missing from:\n{history}");
    }
    assert_accessible(&browser, "person page").await;
    browser.open(&app.url(&format!("/admin/events/{id}/registrations/{}?lang=nl", str_of(&waiting, "id")))).await;
    assert!(
        browser.text_of(".timeline").await.contains("Plaats gekregen van de wachtlijst"),
        "in the viewer's language"
    );
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_questions_editor_adds_reorders_and_removes_questions_the_form_then_asks() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let (id, slug) = (str_of(&event, "id"), str_of(&event, "slug"));
    let browser = Browser::start().await;
    log_in(&browser, &app, &format!("/admin/events/{id}/edit")).await;
    browser.wait_for_text("h1", WAIT).await;
    let questions = "[data-rows='q']";
    // The blank row: a choice with options in three languages.
    fill(&browser, "#field-q0_label_en", "Dietary needs").await;
    fill(&browser, "#field-q0_label_fr", "Régime alimentaire").await;
    fill(&browser, "#field-q0_label_nl", "Dieet").await;
    browser.execute("var s = document.getElementById('field-q0_kind'); s.value = 'choice'; s.dispatchEvent(new Event('change'));", vec![]).await.expect("js");
    fill(&browser, "#field-q0_options", "None | Aucun | Geen\nVegetarian | Végétarien | Vegetarisch").await;
    // Two more: a yes/no question, and one that is removed again.
    click(&browser, &format!("{questions} [data-row-add]")).await;
    fill(&browser, "#field-q1_label_en", "Will you join the lunch?").await;
    fill(&browser, "#field-q1_label_fr", "Serez-vous au déjeuner ?").await;
    browser.execute("document.getElementById('field-q1_kind').value = 'boolean';", vec![]).await.expect("js");
    click(&browser, &format!("{questions} [data-row-add]")).await;
    fill(&browser, "#field-q2_label_en", "Not wanted after all").await;
    click(&browser, &format!("{questions} [data-row]:nth-child(3) [data-row-remove]")).await;
    // The lunch question moves first.
    click(&browser, &format!("{questions} [data-row]:nth-child(2) [data-row-up]")).await;
    assert_accessible(&browser, "questions editor").await;
    click(&browser, "form[action$='/edit'] button[type=submit]").await;
    browser.wait_for_text("[data-stat='registered']", WAIT).await;

    let saved = app.api_get(&format!("/api/v1/events/{id}")).await;
    let keys: Vec<&str> =
        saved["questions"].as_array().expect("questions").iter().filter_map(|q| q["key"].as_str()).collect();
    assert_eq!(keys, ["will_you_join_the_lunch", "dietary_needs"], "reordered, one removed, keys from the labels");
    assert_eq!(saved["questions"][1]["options"][1]["label"]["nl"], "Vegetarisch");

    browser.open(&app.url(&format!("/e/{slug}?lang=fr"))).await;
    let form = browser.text_of("form[action^='/e/']").await;
    let lunch = form.find("Serez-vous au déjeuner").expect("the lunch question");
    let diet = form.find("Régime alimentaire").expect("the diet question");
    assert!(lunch < diet && form.contains("Végétarien"), "{form}");
    assert!(browser.find(Locator::Css("input[name='answers.dietary_needs'][value='Vegetarian']")).await.is_ok());
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn badges_are_drawn_at_their_printed_size() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    for (i, first) in ["Amina", "Bart", "Chloe", "Dirk", "Emma", "Farid", "Greet", "Hanne", "Ilse"].iter().enumerate() {
        let mode = if i == 8 { "online" } else { "in_person" };
        app.api_post_public(
            &format!("/api/v1/events/{id}/registrations"),
            person(first, "Vandenbroucke-Van der Elst", mode),
        )
        .await;
    }
    let browser = Browser::start().await;
    browser.set_window_size(1366, 900).await.expect("window");
    log_in(&browser, &app, &format!("/admin/events/{id}/badges")).await;
    browser.wait_for_text("h1", WAIT).await;
    assert_accessible(&browser, "badges").await;
    let sizes = browser
        .execute(
            "var mm = 96 / 25.4; var c = document.querySelector('.badge-card').getBoundingClientRect();
             var s = document.querySelector('.sheet').getBoundingClientRect();
             return [c.width / mm, c.height / mm, s.width / mm, s.height / mm, document.querySelectorAll('.sheet').length,
                     document.querySelectorAll('.badge-card').length];",
            vec![],
        )
        .await
        .expect("js");
    let n: Vec<f64> = sizes.as_array().expect("array").iter().filter_map(Value::as_f64).collect();
    let close = |a: f64, b: f64| (a - b).abs() < 0.5;
    assert!(close(n[0], 85.0) && close(n[1], 54.0), "a card is 85 × 54 mm: {n:?}");
    assert!(close(n[2], 210.0) && close(n[3], 297.0), "a sheet is A4: {n:?}");
    assert_eq!((n[4], n[5]), (1.0, 8.0), "8 in-person badges on one sheet: {n:?}");
    browser.close().await;
    app.stop().await;
}
