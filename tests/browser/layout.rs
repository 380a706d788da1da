//! Issue 15 in a real browser: every page fits a 360 px phone and a 1366 px laptop, in
//! English and French, with no horizontal scroll. With `CONVENE_HTML_DIR` set, each page's
//! HTML is saved there for `.ci/run`'s Nu HTML checker.

use std::time::Duration;

use entity::Role;
use serde_json::json;

use crate::app::TestApp;
use crate::driver::Browser;
use crate::pages::{click, fill};

const WAIT: Duration = Duration::from_secs(20);

fn str_of(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}")).to_owned()
}

/// How far the page is wider than the window (0 when it fits).
async fn overflow(browser: &Browser) -> i64 {
    browser
        .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
        .await
        .ok()
        .and_then(|v| v.as_i64())
        .unwrap_or(i64::MAX)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_and_a_laptop_in_english_and_french() {
    let app = TestApp::spawn().await;
    app.create_account("admin@example.org", Role::Admin).await;
    let questions = json!([{"key": "dietary", "kind": "choice", "label": {"en": "Dietary needs", "fr": "Régime alimentaire"},
        "options": ["none", "vegetarian"]}]);
    let event = app.create_event(json!({"questions": questions, "in_person_capacity": 2})).await;
    let (event_id, slug) = (str_of(&event, "id"), str_of(&event, "slug"));
    let mut manage = String::new();
    let mut person = String::new();
    for (i, org) in
        ["Agentschap Integratie en Inburgering — Antwerpen-Mechelen-Limburg", "CIRÉ asbl", "Caritas International"]
            .iter()
            .enumerate()
    {
        let body = json!({"first_name": format!("Anne-Sophie{i}"), "last_name": "Vandenbroucke-Van der Elst",
            "email": format!("anne.sophie.vandenbroucke{i}@agentschap-integratie-inburgering.example.org"),
            "organization": org, "mode": "in_person", "language": "fr", "consent": true, "answers": {"dietary": "vegetarian"}});
        let reg = app.api_post_public(&format!("/api/v1/events/{event_id}/registrations"), body).await;
        if manage.is_empty() {
            manage = str_of(&reg, "manage_url");
            person = str_of(&reg, "id");
        }
    }
    let manage_path = manage.split_once("/r/").map(|(_, token)| format!("/r/{token}")).expect("a manage link");

    let browser = Browser::start().await;
    browser.open(&app.url("/admin/login?next=/admin/events&lang=en")).await;
    fill(&browser, "#field-email", "admin@example.org").await;
    fill(&browser, "#field-password", crate::app::PASSWORD).await;
    click(&browser, "form[action='/admin/login'] button").await;
    browser.wait_for_text("h1", WAIT).await;

    let pages: Vec<(&str, String)> = vec![
        ("event page", format!("/e/{slug}")),
        ("lost link", format!("/e/{slug}/lost-link")),
        ("manage page", manage_path.clone()),
        ("cancel step", format!("{manage_path}/cancel")),
        ("not found", "/no-such-page".to_owned()),
        ("events", "/admin/events".to_owned()),
        ("new event", "/admin/events/new".to_owned()),
        ("edit event", format!("/admin/events/{event_id}/edit")),
        ("dashboard", format!("/admin/events/{event_id}")),
        ("registrations", format!("/admin/events/{event_id}/registrations")),
        ("import", format!("/admin/events/{event_id}/import")),
        ("check-in list", format!("/admin/events/{event_id}/checkin-list")),
        ("desk", format!("/checkin/{event_id}")),
        // Shown once, right after an organizer makes the link (see below).
        ("desk link", format!("/admin/events/{event_id}")),
        ("users", "/admin/users".to_owned()),
        ("tokens", "/admin/tokens".to_owned()),
        ("settings", "/admin/settings".to_owned()),
        ("cancel event", format!("/admin/events/{event_id}/status/cancel")),
        ("close registration", format!("/admin/events/{event_id}/status/close")),
        ("person", format!("/admin/events/{event_id}/registrations/{person}")),
        ("cancel person", format!("/admin/events/{event_id}/registrations/{person}/cancel")),
        ("copy event", format!("/admin/events/{event_id}/copy")),
        ("invite previous", format!("/admin/events/{event_id}/invite-previous")),
        ("held seat", format!("/admin/events/{event_id}/held-seat")),
        ("badges", format!("/admin/events/{event_id}/badges")),
    ];
    let save_to = std::env::var("CONVENE_HTML_DIR").ok().map(std::path::PathBuf::from);
    let mut too_wide = Vec::new();
    for width in [360_u32, 1366] {
        browser.set_window_size(width, 900).await.expect("window size");
        for lang in ["en", "fr"] {
            for (name, path) in &pages {
                let separator = if path.contains('?') { '&' } else { '?' };
                browser.open(&app.url(&format!("{path}{separator}lang={lang}"))).await;
                if *name == "desk link" {
                    fill(&browser, "#field-desk-label", "Entrance A").await;
                    click(&browser, "form[action$='/desk-links'] button").await;
                }
                browser.wait_for_text("h1", WAIT).await;
                let over = overflow(&browser).await;
                if over > 0 {
                    too_wide.push(format!("{name} ({lang}, {width} px) is {over} px too wide"));
                }
                if let (Some(dir), 360) = (&save_to, width) {
                    std::fs::create_dir_all(dir).expect("html dir");
                    let file = format!("{}-{lang}.html", name.replace(' ', "-"));
                    let html = browser
                        .execute("return '<!DOCTYPE html>\\n' + document.documentElement.outerHTML;", vec![])
                        .await
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .expect("the page's HTML");
                    std::fs::write(dir.join(file), html).expect("save html");
                }
            }
        }
    }
    assert!(too_wide.is_empty(), "pages that scroll sideways:\n{}", too_wide.join("\n"));
    // The confirmation pages and the back office's newer pages, checked by axe too.
    for (name, path) in pages.iter().filter(|(name, _)| {
        matches!(
            *name,
            "cancel event" | "person" | "cancel person" | "copy event" | "invite previous" | "held seat" | "edit event"
        )
    }) {
        browser.open(&app.url(&format!("{path}?lang=fr"))).await;
        crate::axe::assert_accessible(&browser, &format!("{name} (fr)")).await;
    }
    browser.close().await;
    app.stop().await;
}
