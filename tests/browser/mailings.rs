//! Writing to registrants in a real browser: an organizer composes a mailing in three
//! languages, watches the number of recipients follow the filters, previews it as a French
//! registrant, sends a test to themself, reviews and sends it; every mail arrives at the
//! test's SMTP server in its reader's language.

use std::time::Duration;

use fantoccini::Locator;
use mail_parser::MessageParser;
use serde_json::{Value, json};

use crate::app::{ORGANIZER_EMAIL, TestApp};
use crate::axe::assert_accessible;
use crate::desk::log_in;
use crate::driver::Browser;
use crate::pages::{click, fill};
use crate::smtp::SmtpSink;

const WAIT: Duration = Duration::from_secs(15);

fn person(first: &str, mode: &str, language: &str) -> Value {
    json!({"first_name": first, "last_name": "Partner", "email": format!("{}@example.org", first.to_lowercase()),
           "organization": "Caritas International", "mode": mode, "language": language, "consent": true})
}

/// (recipient, subject, text) of each mail received.
fn received(sink: &SmtpSink) -> Vec<(String, String, String)> {
    sink.messages()
        .iter()
        .map(|m| {
            let parsed = MessageParser::default().parse(&m.data).expect("a MIME message");
            let subject = parsed.subject().unwrap_or_default().to_owned();
            let text = parsed.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
            (m.to.first().cloned().unwrap_or_default().to_lowercase(), subject, text)
        })
        .collect()
}

async fn wait_for_subject(sink: &SmtpSink, needle: &str, n: usize) -> Vec<(String, String, String)> {
    let started = std::time::Instant::now();
    loop {
        let found: Vec<_> = received(sink).into_iter().filter(|(_, s, _)| s.contains(needle)).collect();
        if found.len() >= n {
            return found;
        }
        assert!(started.elapsed() < WAIT, "only {} mails with {needle:?}: {:?}", found.len(), received(sink));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_writes_to_registrants_in_three_languages_and_each_reads_their_own() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = TestApp::spawn_with(move |c| c.mail.smtp_url = Some(url)).await;
    let event = app.create_event(json!({})).await;
    let id = event["id"].as_str().expect("id").to_owned();
    for (first, mode, language) in
        [("Amina", "in_person", "fr"), ("Bram", "online", "nl"), ("Chloe", "in_person", "en")]
    {
        app.api_post_public(&format!("/api/v1/events/{id}/registrations"), person(first, mode, language)).await;
    }
    sink.wait_for(3, WAIT).await; // their confirmations
    let browser = Browser::start().await;
    log_in(&browser, &app, &format!("/admin/events/{id}/mailings/new")).await;

    // The group: everyone, then only those online (the count follows), then everyone again.
    let tally = browser.wait_for_text_containing("#mailing-tally", "3 people", WAIT).await;
    assert!(tally.contains("This mailing goes to 3 people"), "{tally}");
    click(&browser, "#mode-online").await;
    browser.wait_for_text_containing("#mailing-tally", "1 person", WAIT).await;
    click(&browser, "#mode-online").await;
    browser.wait_for_text_containing("#mailing-tally", "3 people", WAIT).await;

    fill(&browser, "#field-subject-en", "Room change").await;
    fill(&browser, "#field-body-en", "Dear {first_name},\nWe meet in room B. Slides: https://iom.example/slides").await;
    fill(&browser, "#field-subject-fr", "Changement de salle").await;
    fill(
        &browser,
        "#field-body-fr",
        "Bonjour {first_name},\nNous sommes en salle B. Diapos : https://iom.example/slides",
    )
    .await;
    fill(&browser, "#field-subject-nl", "Zaalwijziging").await;
    fill(&browser, "#field-body-nl", "Beste {first_name},\nWe zitten in zaal B.").await;
    assert_accessible(&browser, "mailing compose page").await;

    // Preview as the French registrant: her text, her name, the link clickable.
    let amina = browser
        .find(Locator::XPath("//select[@id='field-preview_as']/option[contains(., 'Amina')]"))
        .await
        .expect("Amina is offered");
    amina.click().await.expect("choose Amina");
    click(&browser, "button[value=preview]").await;
    let preview = browser.wait_for_text_containing("#mailing-preview", "Bonjour Amina", WAIT).await;
    assert!(preview.contains("Changement de salle") && preview.contains("Français"), "{preview}");
    let link = browser.find(Locator::Css("#mailing-preview a[href='https://iom.example/slides']")).await;
    assert!(link.is_ok(), "the link in the text is clickable");
    // The form kept every text.
    assert_eq!(browser.attr_of("#field-subject-nl", "value").await.as_deref(), Some("Zaalwijziging"));

    // A test to oneself, as Amina will read it.
    click(&browser, "button[value=test]").await;
    browser.wait_for_text_containing(".notice", ORGANIZER_EMAIL, WAIT).await;
    let test = wait_for_subject(&sink, "[Test] Changement de salle", 1).await;
    assert_eq!(test[0].0, ORGANIZER_EMAIL);
    assert!(test[0].2.contains("Bonjour Amina"), "{}", test[0].2);

    // Review, then send.
    click(&browser, "button[value=review]").await;
    let review = browser.wait_for_text_containing("#review-tally", "3 people", WAIT).await;
    assert!(review.contains("3 people"), "{review}");
    assert_eq!(browser.text_of("#confirm-mailing").await, "Send to 3 people now");
    assert_accessible(&browser, "mailing review page").await;
    click(&browser, "#confirm-mailing").await;
    browser.wait_for_text_containing(".notice", "The mailing is written", WAIT).await;

    let fr = wait_for_subject(&sink, "Changement de salle", 2).await; // the test and Amina's
    let amina_mail = fr.iter().find(|(to, subject, _)| to == "amina@example.org" && !subject.starts_with("[Test]"));
    assert!(amina_mail.is_some_and(|(_, _, text)| text.contains("Bonjour Amina")), "{fr:?}");
    let nl = wait_for_subject(&sink, "Zaalwijziging", 1).await;
    assert_eq!(nl[0].0, "bram@example.org");
    assert!(nl[0].2.contains("Beste Bram"), "{}", nl[0].2);
    let en = wait_for_subject(&sink, "Room change", 1).await;
    assert_eq!(en.len(), 1, "{en:?}");
    assert_eq!(en[0].0, "chloe@example.org");

    // The mailing's page follows it to the end, and the list names who wrote it.
    browser.wait_for_text_containing("#mailing-status", "Sent", WAIT).await;
    assert_accessible(&browser, "mailing page").await;
    browser.open(&app.url(&format!("/admin/events/{id}/mailings?lang=en"))).await;
    let list = browser.text_of("main").await;
    assert!(list.contains("Room change") && list.contains(ORGANIZER_EMAIL), "{list}");

    browser.close().await;
    app.stop().await;
    sink.stop();
}
