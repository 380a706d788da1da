//! Who may register, as people see it: the public page of an open, an invitation-only and an
//! approval event says its rule before anyone fills the form; an organizer approves and
//! declines from the approvals queue.

use std::time::Duration;

use fantoccini::Locator;
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

fn person(first: &str, organization: &str) -> Value {
    json!({"first_name": first, "last_name": "Test", "email": format!("{}@example.org", first.to_lowercase()),
           "organization": organization, "mode": "in_person", "language": "en", "consent": true,
           "answers": {"dietary": "vegetarian"}})
}

async fn has(browser: &Browser, css: &str) -> bool {
    browser.find(Locator::Css(css)).await.is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_access_rule_is_said_on_the_public_page_before_the_form() {
    let app = TestApp::spawn().await;
    let open = app.create_event(json!({"title": "Open meeting"})).await;
    let invited_only = app.create_event(json!({"title": "Invited meeting", "access": "invitation"})).await;
    let with_domains = app
        .create_event(
            json!({"title": "Partners meeting", "access": "invitation", "allowed_email_domains": ["fedasil.be"]}),
        )
        .await;
    let approval = app.create_event(json!({"title": "Reviewed meeting", "access": "approval"})).await;
    let browser = Browser::start().await;
    let page = |event: &Value, lang: &str| app.url(&format!("/e/{}?lang={lang}", str_of(event, "slug")));

    browser.open(&page(&open, "en")).await;
    assert!(!has(&browser, "#access-rule").await, "an open event states no rule");
    assert!(has(&browser, "form[action^='/e/'] #field-email").await);

    // Invitation only, no domains: no form to fill in vain; the way to get one's link again.
    browser.open(&page(&invited_only, "fr")).await;
    let rule = browser.text_of("#access-rule").await;
    assert!(rule.contains("Inscription sur invitation"), "{rule}");
    assert!(!has(&browser, "#field-email").await, "nobody fills a form that will be refused");
    assert!(has(&browser, "#access-rule a[href$='/lost-link']").await);
    assert_accessible(&browser, "invitation-only event page").await;
    click(&browser, "#access-rule a[href$='/lost-link']").await;
    let text = browser.wait_for_text("main", WAIT).await;
    assert!(text.contains("Si vous êtes inscrit·e ou invité·e"), "{text}");

    // Allowed domains: said, and the form is there for them.
    browser.open(&page(&with_domains, "nl")).await;
    let rule = browser.text_of("#access-rule").await;
    assert!(rule.contains("@fedasil.be"), "{rule}");
    assert!(has(&browser, "#field-email").await);
    fill(&browser, "#field-first_name", "Sam").await;
    fill(&browser, "#field-last_name", "Peeters").await;
    fill(&browser, "#field-email", "sam@elsewhere.example").await;
    click(&browser, "#mode-online").await;
    click(&browser, "#field-consent").await;
    click(&browser, "form[action^='/e/'] button[type=submit]").await;
    let notice = browser.wait_for_text_containing(".notice", "uitnodigingslijst", WAIT).await;
    assert!(notice.contains("niet op de uitnodigingslijst"), "{notice}");
    assert_eq!(app.api_get(&format!("/api/v1/events/{}/stats", str_of(&with_domains, "id"))).await["registered"], 0);

    // Approval: the rule and when requests close, a request button, then the pending page.
    browser.open(&page(&approval, "en")).await;
    let rule = browser.text_of("#access-rule").await;
    assert!(rule.contains("approval") && rule.contains("Requests are taken until"), "{rule}");
    assert_eq!(browser.text_of("form[action^='/e/'] button[type=submit]").await, "Send my request");
    assert_accessible(&browser, "approval event page").await;
    fill(&browser, "#field-first_name", "Amina").await;
    fill(&browser, "#field-last_name", "El Idrissi").await;
    fill(&browser, "#field-email", "amina@example.org").await;
    click(&browser, "#mode-in_person").await;
    click(&browser, "#field-consent").await;
    click(&browser, "form[action^='/e/'] button[type=submit]").await;
    let flash = browser.wait_for_text(".notice.success", WAIT).await;
    assert!(flash.starts_with("Your request is sent"), "{flash}");
    assert!(browser.text_of(".status").await.contains("Request waiting for review"));
    assert!(browser.text_of("#request-state").await.contains("No seat is reserved"));
    assert!(browser.text_of("#cancel-heading").await.contains("Withdraw"));
    assert!(!has(&browser, ".ticket").await, "no ticket before approval");
    assert_accessible(&browser, "pending request page").await;
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_approves_and_declines_from_the_queue() {
    let app = TestApp::spawn().await;
    let questions = json!([{"key": "dietary", "kind": "choice", "required": false,
        "label": {"en": "Dietary needs", "fr": "Régime", "nl": "Dieet"}, "options": ["vegetarian", "none"]}]);
    let event = app.create_event(json!({"access": "approval", "in_person_capacity": 1, "questions": questions})).await;
    let id = str_of(&event, "id");
    for (first, organization) in [("Amina", "Caritas International"), ("Bart", "Fedasil"), ("Chloe", "OCMW Gent")] {
        app.api_post_public(&format!("/api/v1/events/{id}/registrations"), person(first, organization)).await;
    }
    let browser = Browser::start().await;
    log_in(&browser, &app, &format!("/admin/events/{id}")).await;
    let link = browser.wait_for_text("#approvals-link", WAIT).await;
    assert_eq!(link, "3 requests to attend");
    click(&browser, "#approvals-link").await;
    browser.wait_for_text_containing("h1", "Requests to attend", WAIT).await;
    let names: Vec<String> = {
        let cells = browser.find_all(Locator::Css("#approvals tbody tr td:nth-child(2) a")).await.expect("rows");
        let mut names = Vec::new();
        for cell in cells {
            names.push(cell.text().await.expect("text"));
        }
        names
    };
    assert_eq!(names, ["Amina Test", "Bart Test", "Chloe Test"], "oldest first");
    let table = browser.text_of("#approvals").await;
    assert!(table.contains("Fedasil") && table.contains("Dietary needs") && table.contains("vegetarian"), "{table}");
    assert_accessible(&browser, "approvals queue").await;

    // Two approved for one seat: the first seated, the second on the waiting list.
    click(&browser, "input[aria-label='Tick Amina Test']").await;
    click(&browser, "input[aria-label='Tick Bart Test']").await;
    click(&browser, "button[name=action][value=approve]").await;
    let done = browser.wait_for_text(".notice.success", WAIT).await;
    assert_eq!(done, "Approved: 1 seated, 1 on the waiting list.");
    let stats = app.api_get(&format!("/api/v1/events/{id}/stats")).await;
    assert_eq!(
        (stats["in_person"]["confirmed"].as_i64(), stats["in_person"]["waitlisted"].as_i64()),
        (Some(1), Some(1))
    );

    // Declining asks first, with words for the person.
    click(&browser, "input[aria-label='Tick Chloe Test']").await;
    click(&browser, "button[name=action][value=decline]").await;
    browser.wait_for_text_containing("h1", "Decline this request?", WAIT).await;
    assert_eq!(app.api_get(&format!("/api/v1/events/{id}/stats")).await["declined"], 0, "nothing before confirming");
    assert_accessible(&browser, "decline confirmation").await;
    fill(&browser, "#field-message", "The room is for partner organizations this year.").await;
    click(&browser, "form[action$='/approvals/decline'] button[type=submit]").await;
    browser.wait_for_text_containing(".notice.success", "declined", WAIT).await;
    assert!(browser.text_of("#no-requests").await.contains("No request is waiting"));
    let stats = app.api_get(&format!("/api/v1/events/{id}/stats")).await;
    assert_eq!((stats["pending"].as_i64(), stats["declined"].as_i64()), (Some(0), Some(1)));
    browser.close().await;
    app.stop().await;
}
