//! Issue 14 in a real browser: an admin names the organizer, its contact and privacy notice,
//! and uploads a logo on the settings page; the public page then shows them, with the
//! privacy link beside the consent box. axe-core checks both pages.

use std::time::Duration;

use entity::Role;
use fantoccini::Locator;
use serde_json::json;

use crate::app::TestApp;
use crate::axe::assert_accessible;
use crate::driver::Browser;
use crate::pages::{click, fill};

const WAIT: Duration = Duration::from_secs(20);

/// A 1×1 PNG.
const LOGO: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0xf8, 0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3,
    0x4b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_names_the_organizer_and_the_public_page_shows_logo_and_privacy_link() {
    let app = TestApp::spawn().await;
    app.create_account("admin@example.org", Role::Admin).await;
    let event = app.create_event(json!({})).await;
    let browser = Browser::start().await;
    browser.open(&app.url("/admin/login?next=/admin/settings&lang=fr")).await;
    fill(&browser, "#field-email", "admin@example.org").await;
    fill(&browser, "#field-password", crate::app::PASSWORD).await;
    click(&browser, "form[action='/admin/login'] button").await;
    browser.wait_for_text("#preview-heading", WAIT).await;

    fill(&browser, "#field-name_en", "IOM Belgium and Luxembourg").await;
    fill(&browser, "#field-name_fr", "OIM Belgique et Luxembourg").await;
    assert_eq!(browser.text_of("#preview-name").await, "IOM Belgium and Luxembourg", "the preview follows the typing");
    fill(&browser, "#field-contact_email", "partners@example.org").await;
    fill(&browser, "#field-privacy_fr", "https://example.org/fr/vie-privee").await;
    click(&browser, "#settings-form button[type=submit]").await;
    let notice = browser.wait_for_text(".notice.success", WAIT).await;
    assert_eq!(notice, "Les paramètres sont enregistrés.");

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("logo.png");
    std::fs::write(&file, LOGO).expect("write logo");
    let input = browser.find(Locator::Css("#field-logo-file")).await.expect("file field");
    input.send_keys(&file.to_string_lossy()).await.expect("choose file");
    click(&browser, "#field-logo button[type=submit]").await;
    // The page is replaced: wait for the new notice, not the one still on screen.
    assert_eq!(browser.wait_for_text_containing(".notice.success", "logo", WAIT).await, "Le logo est enregistré.");
    assert_accessible(&browser, "settings page (fr)").await;

    browser.open(&app.url(&format!("/e/{}?lang=fr", event["slug"].as_str().unwrap_or_default()))).await;
    assert!(browser.text_of(".brand").await.contains("OIM Belgique et Luxembourg"));
    let logo = browser.find(Locator::Css(".brand img.brand-logo")).await.expect("the logo in the header");
    assert!(logo.attr("src").await.ok().flatten().is_some_and(|src| src.contains("/branding/logo?v=")));
    let loaded: bool = browser
        .execute("return document.querySelector('.brand-logo').naturalWidth === 1;", vec![])
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    assert!(loaded, "the logo loads under the page's CSP");
    let href = browser.attr_of(".consent-privacy a", "href").await;
    assert_eq!(href.as_deref(), Some("https://example.org/fr/vie-privee"), "the privacy notice beside the consent");
    assert!(browser.text_of(".site-footer").await.contains("partners@example.org"));
    assert_accessible(&browser, "public page with the organizer (fr)").await;
    browser.close().await;
    app.stop().await;
}
