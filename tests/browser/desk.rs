//! Issue 5 in a real browser: the check-in desk reads a ticket from the (fake) camera, checks
//! a person in by name and undoes it, and a desk link opens one event's desk and nothing else.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;

use crate::app::TestApp;
use crate::axe::assert_accessible;
use crate::driver::Browser;
use crate::y4m;

const WAIT: Duration = Duration::from_secs(20);

fn str_of(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}")).to_owned()
}

pub async fn log_in(browser: &Browser, app: &TestApp, next: &str) {
    log_in_at(browser, &app.url(&format!("/admin/login?next={next}&lang=en"))).await;
}

/// Logs the organizer in on the login page at `login_url`.
pub async fn log_in_at(browser: &Browser, login_url: &str) {
    browser.open(login_url).await;
    let email = browser.find(Locator::Css("#field-email")).await.expect("email field");
    email.send_keys(crate::app::ORGANIZER_EMAIL).await.expect("type");
    let password = browser.find(Locator::Css("#field-password")).await.expect("password field");
    password.send_keys(crate::app::PASSWORD).await.expect("type");
    browser
        .find(Locator::Css("form[action='/admin/login'] button"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
}

async fn register(app: &TestApp, event_id: &str, first: &str, last: &str, mode: &str) -> serde_json::Value {
    let body = json!({"first_name": first, "last_name": last, "email": format!("{}@example.org", first.to_lowercase()),
                      "organization": "Caritas", "mode": mode, "consent": true, "language": "en"});
    app.api_post_public(&format!("/api/v1/events/{event_id}/registrations"), body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_reads_a_ticket_from_the_camera_and_checks_the_person_in() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let event_id = str_of(&event, "id");
    let reg = register(&app, &event_id, "Amina", "El Idrissi", "in_person").await;
    let dir = tempfile::tempdir().expect("dir");
    let video = y4m::qr_video(dir.path(), &str_of(&reg, "ticket_code"));
    let browser = Browser::with_fake_camera(&video).await;
    log_in(&browser, &app, &format!("/checkin/{event_id}")).await;
    browser.wait_for_text("#camera-heading", WAIT).await;
    assert_accessible(&browser, "desk page").await;

    browser.find(Locator::Css("#camera-start")).await.expect("camera button").click().await.expect("click");
    let title = browser.wait_for_text("#result-title", WAIT).await;
    assert_eq!(title, "Checked in");
    assert!(browser.text_of("#result-detail").await.contains("Amina El Idrissi"));
    assert_eq!(browser.attr_of("#result", "class").await.as_deref(), Some("result result-ok"));
    assert_accessible(&browser, "desk page, checked in").await;
    let stats = app.api_get(&format!("/api/v1/events/{event_id}/stats")).await;
    assert_eq!(stats["in_person"]["checked_in"], 1);
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_search_and_a_tap_check_a_person_in_and_undo_reverts_it() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let event_id = str_of(&event, "id");
    register(&app, &event_id, "Noor", "Diallo", "in_person").await;
    register(&app, &event_id, "Wouter", "De Smet", "in_person").await; // waitlisted
    let browser = Browser::start().await;
    log_in(&browser, &app, &format!("/checkin/{event_id}")).await;
    browser.wait_for_text("#camera-heading", WAIT).await;

    let search = browser.find(Locator::Css("#q")).await.expect("search box");
    search.send_keys("noor").await.expect("type");
    let button = browser.wait_for_text("#results button", WAIT).await;
    assert_eq!(button, "Check in");
    browser.find(Locator::Css("#results button")).await.expect("button").click().await.expect("tap");
    assert_eq!(browser.wait_for_text("#result-title", WAIT).await, "Checked in");
    assert_eq!(app.api_get(&format!("/api/v1/events/{event_id}/stats")).await["in_person"]["checked_in"], 1);

    browser.find(Locator::Css("#undo")).await.expect("undo").click().await.expect("click");
    let mut undone = String::new();
    for _ in 0..100 {
        undone = browser.text_of("#result-title").await;
        if undone == "Check-in undone" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(undone, "Check-in undone");
    assert_eq!(app.api_get(&format!("/api/v1/events/{event_id}/stats")).await["in_person"]["checked_in"], 0);
    assert_accessible(&browser, "desk page, undone").await;

    // The waitlisted one: red, not confirmed.
    search.clear().await.expect("clear");
    search.send_keys("wouter").await.expect("type");
    browser.wait_for_text("#results button", WAIT).await;
    browser.find(Locator::Css("#results button")).await.expect("button").click().await.expect("tap");
    let mut title = String::new();
    for _ in 0..100 {
        title = browser.text_of("#result-title").await;
        if title.starts_with("On the waiting list") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(title.starts_with("On the waiting list"), "{title}");
    assert_eq!(browser.attr_of("#result", "class").await.as_deref(), Some("result result-bad"));
    assert_accessible(&browser, "desk page, refused").await;
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_link_opens_that_events_desk_and_nothing_else() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let other = app.create_event(json!({"title": "Another meeting"})).await;
    let (event_id, other_id) = (str_of(&event, "id"), str_of(&other, "id"));

    // The organizer makes a link in the back office.
    let organizer = Browser::start().await;
    log_in(&organizer, &app, &format!("/admin/events/{event_id}")).await;
    organizer.wait_for_text("#desk-links-heading", WAIT).await;
    organizer
        .find(Locator::Css("#field-desk-label"))
        .await
        .expect("label")
        .send_keys("Entrance A")
        .await
        .expect("type");
    organizer
        .find(Locator::Css("form[action$='/desk-links'] button"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    let link = organizer.wait_for_text("#desk-link-url", WAIT).await;
    organizer.close().await;

    let desk = Browser::start().await;
    desk.open(&link).await;
    desk.wait_for_text("#camera-heading", WAIT).await;
    let url = desk.current_url().await.expect("url");
    assert_eq!(url.path(), format!("/checkin/{event_id}"), "the secret leaves the address bar");
    assert!(!url.as_str().contains("/desk/"));

    desk.open(&app.url(&format!("/checkin/{other_id}"))).await;
    assert_eq!(desk.text_of("h1").await, "Not allowed");
    desk.open(&app.url("/admin/events")).await;
    assert_eq!(
        desk.current_url().await.expect("url").path(),
        format!("/checkin/{event_id}"),
        "no back office for a desk"
    );
    let api = |path: String| format!("fetch('{path}').then(r => r.status)");
    let status = desk
        .execute(&format!("return await {};", api(format!("/api/v1/events/{other_id}/stats"))), vec![])
        .await
        .expect("js");
    assert_eq!(status, json!(403));
    let status = desk.execute(&format!("return await {};", api("/api/v1/events".into())), vec![]).await.expect("js");
    assert_eq!(status, json!(403));
    let status = desk
        .execute(&format!("return await {};", api(format!("/api/v1/events/{event_id}/stats"))), vec![])
        .await
        .expect("js");
    assert_eq!(status, json!(200));
    desk.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_typed_in_groups_checks_in_and_new_input_clears_the_last_result() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let event_id = str_of(&event, "id");
    let reg = register(&app, &event_id, "Amina", "El Idrissi", "in_person").await;
    let browser = Browser::start().await;
    browser.set_window_size(360, 640).await.expect("a phone");
    log_in(&browser, &app, &format!("/checkin/{event_id}")).await;
    browser.wait_for_text("#camera-heading", WAIT).await;
    let search = browser.find(Locator::Css("#q")).await.expect("search box");

    // Typed as printed on the ticket: groups of four.
    let code = str_of(&reg, "ticket_code");
    let grouped: Vec<String> = code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    search.send_keys(&format!("{}\u{E007}", grouped.join(" "))).await.expect("type and Enter");
    assert_eq!(browser.wait_for_text("#result-title", WAIT).await, "Checked in");
    assert_eq!(app.api_get(&format!("/api/v1/events/{event_id}/stats")).await["in_person"]["checked_in"], 1);
    assert!(browser.find(Locator::Css("#undo")).await.expect("undo").is_displayed().await.expect("shown"));
    // At 360 px the field is still on screen with the result below it.
    let fits = browser
        .execute("var r = document.getElementById('q').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", vec![])
        .await
        .expect("js");
    assert_eq!(fits, json!(true), "the search field stays visible after a check-in");

    // Anything typed next hides the previous person's result at once.
    search.send_keys("xy\u{E007}").await.expect("type");
    let hidden = browser.execute("return document.getElementById('result').hidden;", vec![]).await.expect("js");
    assert_eq!(hidden, json!(true), "the last result is gone");

    // A code nobody has: red, and no Undo to press.
    search.clear().await.expect("clear");
    search.send_keys("ABCD EFGH JKMN PQRS TVWX YZ12 34\u{E007}").await.expect("type");
    let title = browser.wait_for_text("#result-title", WAIT).await;
    assert_eq!(title, "Unknown ticket", "{title}");
    assert!(!browser.find(Locator::Css("#undo")).await.expect("undo").is_displayed().await.expect("state"));
    assert_accessible(&browser, "desk page at 360 px, unknown").await;
    browser.close().await;
    app.stop().await;
}
