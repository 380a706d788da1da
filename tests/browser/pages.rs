//! Issue 4 in a real browser: a partner registers in French, manages the registration, an
//! organizer builds an event and watches its dashboard; axe-core checks every page.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;

use crate::app::TestApp;
use crate::axe::assert_accessible;
use crate::driver::Browser;

pub async fn fill(browser: &Browser, css: &str, value: &str) {
    let field = browser.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no field {css}: {e}"));
    field.clear().await.ok();
    field.send_keys(value).await.unwrap_or_else(|e| panic!("typing into {css}: {e}"));
}

pub async fn click(browser: &Browser, css: &str) {
    browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

fn str_of(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}")).to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_registers_in_french_and_switches_mode_on_the_manage_page() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let browser = Browser::start().await;
    let page = app.url(&format!("/e/{}", str_of(&event, "slug")));

    browser.open(&format!("{page}?lang=fr")).await;
    assert_eq!(browser.attr_of("html", "lang").await.as_deref(), Some("fr"));
    assert_accessible(&browser, "event page").await;

    // An incomplete form first: the error state.
    fill(&browser, "#field-first_name", "Amina").await;
    click(&browser, "form[action^='/e/'] button[type=submit]").await;
    assert_eq!(browser.wait_for_text("#error-summary-title", Duration::from_secs(10)).await, "Il y a un problème");
    assert_accessible(&browser, "event page with errors").await;

    fill(&browser, "#field-last_name", "El Idrissi").await;
    fill(&browser, "#field-email", "amina@example.org").await;
    fill(&browser, "#field-organization", "Caritas International").await;
    click(&browser, "#mode-in_person").await;
    click(&browser, "#field-consent").await;
    click(&browser, "form[action^='/e/'] button[type=submit]").await;

    let flash = browser.wait_for_text(".notice.success", Duration::from_secs(10)).await;
    assert!(flash.starts_with("Vous êtes inscrit·e"), "{flash}");
    assert_eq!(browser.attr_of("html", "lang").await.as_deref(), Some("fr"));
    assert!(browser.text_of(".status").await.contains("Confirmée"));
    assert_accessible(&browser, "manage page").await;

    click(&browser, "form[action$='/mode'] button").await;
    // The page after the switch says what is now true (the welcome notice was there before).
    browser.wait_for_text_containing(".notice.success", "en ligne", Duration::from_secs(10)).await;
    assert!(browser.text_of(".status").await.to_lowercase().contains("en ligne"));
    assert!(browser.find(Locator::Css("a[href*='/j/']")).await.is_ok(), "the stream link is offered");
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_creates_an_event_with_a_question_and_sees_the_dashboard_count_change() {
    let app = TestApp::spawn().await;
    let browser = Browser::start().await;
    browser.open(&app.url("/admin?lang=en")).await;
    assert_accessible(&browser, "login page").await;
    fill(&browser, "#field-email", "organizer@example.org").await;
    fill(&browser, "#field-password", crate::app::PASSWORD).await;
    click(&browser, "form[action='/admin/login'] button").await;

    browser.wait_for_text("h1", Duration::from_secs(10)).await;
    click(&browser, "a[href='/admin/events/new']").await;
    fill(&browser, "#field-title", "Partner meeting 2031").await;
    // datetime-local takes the digits as typed in the browser's locale (en-US: MMDDYYYY HHMM AM).
    browser
        .execute("document.getElementById('field-starts_at').value = '2031-12-13T09:30';", vec![])
        .await
        .expect("js");
    browser.execute("document.getElementById('field-ends_at').value = '2031-12-13T13:00';", vec![]).await.expect("js");
    fill(&browser, "#field-in_person_capacity", "60").await;
    browser.execute("document.getElementById('field-status').value = 'published';", vec![]).await.expect("js");
    browser.execute("var s = document.getElementById('field-q0_kind'); s.value = 'choice'; s.dispatchEvent(new Event('change'));", vec![]).await.expect("js");
    fill(&browser, "#field-q0_label_en", "Dietary needs").await;
    fill(&browser, "#field-q0_options", "none\nvegetarian").await;
    click(&browser, "form[action='/admin/events'] button[type=submit]").await;

    let registered = browser.wait_for_text("[data-stat='registered']", Duration::from_secs(10)).await;
    assert_eq!(registered, "0");
    assert_accessible(&browser, "dashboard").await;
    let url = browser.current_url().await.expect("url");
    let event_id = url.path().trim_start_matches("/admin/events/").to_owned();

    let event = app.api_get(&format!("/api/v1/events/{event_id}")).await;
    assert_eq!(event["questions"][0]["key"], "dietary_needs", "made from the English label");
    let body = json!({"first_name": "Noor", "last_name": "Diallo", "email": "noor@example.org", "mode": "online",
                      "consent": true, "answers": {"dietary_needs": "vegetarian"}});
    app.api_post_public(&format!("/api/v1/events/{event_id}/registrations"), body).await;
    browser.refresh().await.expect("reload");
    assert_eq!(browser.wait_for_text("[data-stat='registered']", Duration::from_secs(10)).await, "1");
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_posted_from_another_site_is_refused() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let target = app.url(&format!("/e/{}", str_of(&event, "slug")));
    // A page on another origin that posts a registration to Convene.
    let evil = format!(
        "<!doctype html><html lang=\"en\"><head><title>x</title></head><body><form id=\"f\" method=\"post\" action=\"{target}\">\
         <input name=\"first_name\" value=\"Eve\"><input name=\"last_name\" value=\"X\"><input name=\"email\" value=\"eve@example.org\">\
         <input name=\"mode\" value=\"online\"><input name=\"consent\" value=\"yes\"><button>go</button></form></body></html>"
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let router = axum::Router::new().route("/", axum::routing::get(move || async move { axum::response::Html(evil) }));
    tokio::spawn(async move {
        axum::serve(listener, router).await.ok();
    });
    let browser = Browser::start().await;
    browser.open(&format!("http://localhost:{port}/")).await;
    click(&browser, "#f button").await;
    browser.wait_for_text("h1", Duration::from_secs(10)).await;
    let stats = app.api_get(&format!("/api/v1/events/{}/stats", str_of(&event, "id"))).await;
    assert_eq!(stats["registered"], 0, "the foreign form registered nobody");
    assert!(browser.source().await.expect("source").contains("Not allowed"), "a 403 page was shown");
    browser.close().await;
    app.stop().await;
}
