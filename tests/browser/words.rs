//! Issue 13 in a real browser: what people read is a sentence in their language (FR, NL)
//! that names the field by its label: the public form, the event form, the import report,
//! the desk's walk-in form; translated options; a French registrant stays French to the end.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;

use crate::app::TestApp;
use crate::axe::assert_accessible;
use crate::desk::log_in;
use crate::driver::Browser;
use crate::pages::{click, fill};

const WAIT: Duration = Duration::from_secs(20);

fn str_of(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing in {v}")).to_owned()
}

/// Fails on developer text: codes, API field names and wording, raw timestamps.
fn assert_for_people(text: &str, page: &str) {
    for code in ["_name", "required", "invalid_", "must be", "is required", "+00:00", "T09:", "field-"] {
        assert!(!text.contains(code), "{page}: {code:?} in\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_partner_reads_translated_options_and_french_errors_and_stays_french_to_the_end() {
    let app = TestApp::spawn().await;
    let questions = json!([{"key": "dietary", "kind": "choice", "required": true,
        "label": {"en": "Dietary needs", "fr": "Régime alimentaire", "nl": "Dieetwensen"},
        "options": [{"value": "none", "label": {"en": "None", "fr": "Aucun", "nl": "Geen"}},
                    {"value": "vegetarian", "label": {"en": "Vegetarian", "fr": "Végétarien", "nl": "Vegetarisch"}}]}]);
    let event = app.create_event(json!({"questions": questions})).await;
    let browser = Browser::start().await;
    browser.open(&app.url(&format!("/e/{}?lang=fr", str_of(&event, "slug")))).await;
    let options = browser.text_of("#field-answers-dietary").await;
    assert!(
        options.contains("Aucun") && options.contains("Végétarien") && !options.contains("vegetarian"),
        "{options}"
    );

    fill(&browser, "#field-email", "pas-une-adresse").await;
    click(&browser, "form[action^='/e/'] button[type=submit]").await;
    let summary = browser.wait_for_text("#error-summary ul", WAIT).await;
    let lines: Vec<&str> = summary.lines().collect();
    assert_eq!(lines.first().copied(), Some("Prénom : Remplissez ce champ."), "{summary}");
    assert!(summary.contains("Régime alimentaire : Remplissez ce champ."), "{summary}");
    assert_for_people(&browser.text_of("main").await, "public form errors");
    assert_accessible(&browser, "public form with errors (fr)").await;

    fill(&browser, "#field-first_name", "Amina").await;
    fill(&browser, "#field-last_name", "El Idrissi").await;
    fill(&browser, "#field-email", "amina@example.org").await;
    click(&browser, "#mode-in_person").await;
    click(&browser, "#field-answers-dietary-2").await;
    click(&browser, "#field-consent").await;
    click(&browser, "form[action^='/e/'] button[type=submit]").await;
    browser.wait_for_text(".notice.success", WAIT).await;

    // The browser itself asks for English from here on: the registrant's French holds.
    browser.delete_all_cookies().await.expect("cookies");
    click(&browser, "form[action$='/mode'] button").await;
    browser.wait_for_text_containing(".notice.success", "Vous participez maintenant en ligne", WAIT).await;
    click(&browser, "a[href$='/cancel']").await;
    browser.wait_for_text("h1", WAIT).await;
    assert_eq!(browser.attr_of("html", "lang").await.as_deref(), Some("fr"));
    assert_accessible(&browser, "cancel step (fr)").await;
    click(&browser, "form[action$='/cancel'] button[type=submit]").await;
    let notice = browser.wait_for_text(".notice.success", WAIT).await;
    assert!(notice.starts_with("Votre inscription est annulée"), "{notice}");
    assert_eq!(browser.attr_of("html", "lang").await.as_deref(), Some("fr"));
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dutch_organizer_reads_event_form_errors_and_the_import_report_in_dutch() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let browser = Browser::start().await;
    log_in(&browser, &app, "/admin/events/new").await;
    browser.wait_for_text("h1", WAIT).await;
    browser.open(&app.url("/admin/events/new?lang=nl")).await;
    assert_eq!(browser.text_of("form[action='/admin/events'] button[type=submit]").await, "Evenement aanmaken");
    browser
        .execute("document.getElementById('field-starts_at').value = '2031-12-13T13:00';", vec![])
        .await
        .expect("js");
    browser.execute("document.getElementById('field-ends_at').value = '2031-12-13T09:00';", vec![]).await.expect("js");
    fill(&browser, "#field-in_person_capacity", "veel").await;
    click(&browser, "form[action='/admin/events'] button[type=submit]").await;
    let summary = browser.wait_for_text("#error-summary ul", WAIT).await;
    assert!(summary.starts_with("Titel: Vul dit veld in."), "{summary}");
    assert!(summary.contains("Het einde moet na het begin komen."), "{summary}");
    assert_for_people(&browser.text_of("#error-summary").await, "event form errors");
    assert_accessible(&browser, "event form with errors (nl)").await;

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("partners.csv");
    std::fs::write(&file, "Voornaam,Achternaam,E-mail,Organisatie,Taal,Deelname\nNoor,Peeters,noor@example.org,Fedasil,Nederlands,ter plaatse\nJan,,jan@example.org,X,nl,online\n")
        .expect("write");
    browser.open(&app.url(&format!("/admin/events/{}/import?lang=nl", str_of(&event, "id")))).await;
    let input = browser.find(Locator::Css("#field-file")).await.expect("file field");
    input.send_keys(&file.to_string_lossy()).await.expect("choose file");
    click(&browser, "form[action$='/import'] button[type=submit]").await;
    let report = browser.wait_for_text("table", WAIT).await;
    assert!(report.contains("noor@example.org") && report.contains("Ingeschreven"), "{report}");
    assert!(report.contains("Naam ontbreekt") && report.contains("Achternaam: Vul dit veld in."), "{report}");
    assert_for_people(&report, "import report");
    assert_accessible(&browser, "import report (nl)").await;
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_walk_in_error_at_the_french_desk_is_a_french_sentence() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let event_id = str_of(&event, "id");
    let browser = Browser::start().await;
    log_in(&browser, &app, &format!("/checkin/{event_id}")).await;
    browser.wait_for_text("#walkin-heading", WAIT).await;
    browser.open(&app.url(&format!("/checkin/{event_id}?lang=fr"))).await;
    fill(&browser, "#w-last", "Peeters").await;
    fill(&browser, "#w-email", "pas-une-adresse").await;
    click(&browser, "#walkin button[type=submit]").await;
    let error = browser.wait_for_text("#walkin-error", WAIT).await;
    assert!(error.starts_with("Prénom : Remplissez ce champ."), "{error}");
    assert!(error.contains("Adresse e-mail : Indiquez une adresse e-mail"), "{error}");
    assert_for_people(&error, "walk-in error");
    assert_accessible(&browser, "desk with a walk-in error (fr)").await;
    browser.close().await;
    app.stop().await;
}
