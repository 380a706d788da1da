//! Mailings to registrants (API.md "Mailings to registrants"): the group each filter picks,
//! one mail per recipient in their language with their own links, the refusals, preview for
//! one person, the schedule kept in the database (a restart, two servers, cancelling), an SMTP
//! outage during a mailing of 500, roles, the audit and each recipient's mail history.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use entity::Role;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, expect_error, json, make_token, str_of};
use crate::mail::{Mail, app_with_sink, parse};
use crate::organizations::from;
use crate::privacy::scalar_i64;
use crate::smtp::SmtpSink;

const WAIT: Duration = Duration::from_secs(30);

/// A mailing body in English only, sent now.
fn mailing_to(subject: &str, body: &str, to: Value) -> Value {
    json!({"subject": {"en": subject}, "body": {"en": body}, "to": to, "send_at": null})
}

/// A registrant with every field the placeholders read.
fn person(email: &str, first: &str, last: &str, organization: &str, mode: &str, language: &str) -> Value {
    json!({"first_name": first, "last_name": last, "email": email, "organization": organization,
        "mode": mode, "language": language, "consent": true})
}

/// Amina (French, in person) and Pieter (Dutch, online) registered at `event_id`.
async fn amina_and_pieter(app: &TestApp, event_id: &str) -> (Value, Value) {
    let amina = person("amina@example.org", "Amina", "El Idrissi", "Caritas International", "in_person", "fr");
    let pieter = person("pieter@example.org", "Pieter", "Goossens", "Fedasil", "online", "nl");
    (registered(app, event_id, amina).await, registered(app, event_id, pieter).await)
}

async fn registered(app: &TestApp, event_id: &str, body: Value) -> Value {
    let response = app.register_body(event_id, body.clone()).await;
    assert_eq!(response.status(), StatusCode::CREATED, "register {body}");
    json(response).await
}

fn mailings_path(event_id: &str) -> String {
    format!("/api/v1/events/{event_id}/mailings")
}

async fn post_mailing(app: &TestApp, event_id: &str, token: &str, body: &Value) -> Response {
    app.client.post(app.url(&mailings_path(event_id))).bearer_auth(token).json(body).send().await.expect("request")
}

/// Creates a mailing as `token`'s user and returns the 201 answer.
async fn create_as(app: &TestApp, event_id: &str, token: &str, body: &Value) -> Value {
    let response = post_mailing(app, event_id, token, body).await;
    let status = response.status();
    let answer: Value = response.json().await.expect("json");
    assert_eq!(status, StatusCode::CREATED, "create mailing {body}: {answer}");
    answer
}

async fn create(app: &TestApp, event_id: &str, body: &Value) -> Value {
    create_as(app, event_id, &app.organizer_token, body).await
}

async fn preview(app: &TestApp, event_id: &str, token: &str, body: &Value) -> Response {
    app.client
        .post(app.url(&format!("{}/preview", mailings_path(event_id))))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("request")
}

async fn delete_mailing(app: &TestApp, event_id: &str, token: &str, mailing_id: &str) -> Response {
    app.client
        .delete(app.url(&format!("{}/{mailing_id}", mailings_path(event_id))))
        .bearer_auth(token)
        .send()
        .await
        .expect("request")
}

async fn get_mailing(app: &TestApp, event_id: &str, mailing_id: &str) -> Value {
    app.get_json(&format!("{}/{mailing_id}", mailings_path(event_id)), &app.organizer_token).await
}

async fn list_ids(app: &TestApp, event_id: &str) -> Vec<String> {
    let list = app.get_json(&mailings_path(event_id), &app.organizer_token).await;
    let items = list["items"].as_array().unwrap_or_else(|| panic!("items in {list}"));
    items.iter().map(|m| str_of(m, "id")).collect()
}

/// Polls the mailing until it shows `sent` (every mail of it out, or failed for good).
async fn wait_until_sent(app: &TestApp, event_id: &str, mailing_id: &str, limit: Duration) -> Value {
    let started = Instant::now();
    loop {
        let mailing = get_mailing(app, event_id, mailing_id).await;
        if mailing["status"] == "sent" {
            return mailing;
        }
        assert!(started.elapsed() < limit, "the mailing is not sent within {limit:?}: {mailing}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The received mails whose subject is exactly `subject`, parsed.
fn with_subject(sink: &SmtpSink, subject: &str) -> Vec<Mail> {
    sink.messages().iter().map(parse).filter(|m| m.subject == subject).collect()
}

/// Waits until at least `n` mails titled `subject` arrived and returns them.
async fn wait_for_subject(sink: &SmtpSink, subject: &str, n: usize) -> Vec<Mail> {
    let started = Instant::now();
    loop {
        let mails = with_subject(sink, subject);
        if mails.len() >= n {
            return mails;
        }
        assert!(started.elapsed() < WAIT, "only {} of {n} mails \"{subject}\" arrived within {WAIT:?}", mails.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// How many of `mails` each address got.
fn per_recipient(mails: &[Mail]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for mail in mails {
        *counts.entry(mail.to.clone()).or_insert(0) += 1;
    }
    counts
}

/// True when the 422 answer names `field` (or a part of it, as `subject.de` or `to.statuses[0]`).
fn names_field(error: &Value, field: &str) -> bool {
    error["error"]["fields"].as_object().is_some_and(|fields| fields.keys().any(|k| k == field))
}

fn addresses(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| format!("{n}@example.org")).collect()
}

fn time(value: &Value) -> DateTime<Utc> {
    let text = value.as_str().unwrap_or_else(|| panic!("a time, not {value}"));
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}")).with_timezone(&Utc)
}

/// `(actor, count)` of the event's `mailing` audit entries, newest first.
async fn mailing_audit(app: &TestApp, event_id: &str) -> Vec<(String, i64)> {
    let body = app.get_json(&format!("/api/v1/audit?event_id={event_id}&limit=100"), &app.organizer_token).await;
    body["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|e| e["action"] == "mailing")
        .map(|e| (e["actor"].as_str().unwrap_or_default().to_owned(), e["count"].as_i64().unwrap_or(-1)))
        .collect()
}

/// Sends `to` now and checks the group: the answer's counts, then exactly `expected` mailed.
async fn check_group(
    app: &TestApp,
    sink: &SmtpSink,
    event_id: &str,
    subject: &str,
    to: Value,
    expected: &[&str],
    skipped: i64,
) {
    let body = mailing_to(subject, "Dear {first_name},\nthe meeting moves to room B.", to.clone());
    let answer = create(app, event_id, &body).await;
    assert_eq!(answer["recipients"].as_i64(), Some(expected.len() as i64), "\"{subject}\" to {to}: {answer}");
    assert_eq!(answer["counts"]["skipped"].as_i64(), Some(skipped), "skipped of \"{subject}\" to {to}: {answer}");
    let mails = wait_for_subject(sink, subject, expected.len()).await;
    let got: BTreeSet<String> = mails.iter().map(|m| m.to.clone()).collect();
    let want: BTreeSet<String> = expected.iter().map(|e| (*e).to_owned()).collect();
    assert_eq!(got, want, "the group of \"{subject}\" ({to})");
}

#[tokio::test]
async fn each_filter_picks_exactly_the_right_people() {
    let (app, sink) = app_with_sink().await;
    // Starting in ten minutes: joins count from 30 minutes before the start.
    let starts = Utc::now() + chrono::Duration::minutes(10);
    let event = app
        .create_event(json!({"in_person_capacity": 3, "starts_at": starts.to_rfc3339(),
            "ends_at": (starts + chrono::Duration::hours(3)).to_rfc3339()}))
        .await;
    let event_id = str_of(&event, "id");
    let seated = registered(&app, &event_id, from("seated@example.org", "Caritas International", "in_person")).await;
    let undone = registered(&app, &event_id, from("undone@example.org", "CARITAS INTERNATIONAL", "in_person")).await;
    registered(&app, &event_id, from("absent@example.org", "Fedasil", "in_person")).await;
    let waiting = registered(&app, &event_id, from("waiting@example.org", "Fedasil", "in_person")).await;
    assert_eq!(waiting["status"], "waitlisted", "the room holds three");
    let joined = registered(&app, &event_id, from("joined@example.org", "caritas  internátional", "online")).await;
    registered(&app, &event_id, from("imported@example.org", "Fedasil", "online")).await;
    registered(&app, &event_id, from("remote@example.org", "Caritas International", "online")).await;
    let gone = registered(&app, &event_id, from("gone@example.org", "Caritas International", "online")).await;
    assert!(app.manage(Method::DELETE, &str_of(&gone, "manage_token"), None).await.status().is_success());

    // Checked in; checked in and undone; joined through the link; joined by the imported report.
    assert_eq!(app.scan(&event_id, &str_of(&seated, "ticket_code")).await["result"], "checked_in");
    assert_eq!(app.scan(&event_id, &str_of(&undone, "ticket_code")).await["result"], "checked_in");
    let undo = app
        .client
        .delete(app.url(&format!("/api/v1/events/{event_id}/checkins/{}", str_of(&undone, "id"))))
        .bearer_auth(&app.checkin_token)
        .send()
        .await
        .expect("undo");
    assert_eq!(undo.status().as_u16(), 204, "the check-in is undone");
    let no_redirect = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let join = no_redirect.get(str_of(&joined, "join_url")).send().await.expect("join");
    assert_eq!(join.status().as_u16(), 303, "the join link leads to the stream");
    let report = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
                  Im Ported,imported@example.org,12/13/2021 09:47:00 AM,12/13/2021 10:54:00 AM,67,No\n";
    let report = crate::imports::import(&app, &event_id, "attendance", "", report.as_bytes()).await;
    assert_eq!(report["summary"]["registrations_marked"], 1, "{report}");
    let stats = app.stats(&event_id).await;
    assert_eq!(
        (stats["attended"].as_i64(), stats["online"]["joined"].as_i64()),
        (Some(3), Some(2)),
        "seated, joined and imported attended: {stats}"
    );

    let everyone = ["seated", "undone", "absent", "waiting", "joined", "imported", "remote"];
    let cases: Vec<(&str, Value, Vec<String>, i64)> = vec![
        (
            "Everyone",
            json!({"modes": [], "statuses": [], "attended": null, "organizations": []}),
            addresses(&everyone),
            1,
        ),
        (
            "Null filters",
            json!({"modes": null, "statuses": null, "attended": null, "organizations": null}),
            addresses(&everyone),
            1,
        ),
        (
            "Seated in the room",
            json!({"modes": ["in_person"], "statuses": ["confirmed"]}),
            addresses(&["seated", "undone", "absent"]),
            0,
        ),
        ("Attended", json!({"attended": true}), addresses(&["seated", "joined", "imported"]), 0),
        (
            "Not at the door",
            json!({"modes": ["in_person"], "attended": false}),
            addresses(&["undone", "absent", "waiting"]),
            0,
        ),
        ("Absent online", json!({"modes": ["online"], "attended": false}), addresses(&["remote"]), 1),
        (
            "Caritas confirmed",
            json!({"organizations": ["caritas  internátional"], "statuses": ["confirmed"]}),
            addresses(&["seated", "undone", "joined", "remote"]),
            0,
        ),
        ("Still waiting", json!({"statuses": ["waitlisted"]}), addresses(&["waiting"]), 0),
        (
            "Fedasil absent",
            json!({"organizations": ["FEDASIL"], "attended": false}),
            addresses(&["absent", "waiting"]),
            0,
        ),
        (
            "Two organizations",
            json!({"organizations": ["Fedasil", "Caritas International"], "modes": ["online"],
                "statuses": ["confirmed"]}),
            addresses(&["joined", "imported", "remote"]),
            0,
        ),
    ];
    for (subject, to, expected, skipped) in &cases {
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        check_group(&app, &sink, &event_id, subject, to.clone(), &expected, *skipped).await;
    }
    // Nobody got any of them twice, and the cancelled registration none.
    tokio::time::sleep(Duration::from_secs(1)).await;
    for (subject, _, expected, _) in &cases {
        let mails = with_subject(&sink, subject);
        assert_eq!(mails.len(), expected.len(), "\"{subject}\" went once to each: {:?}", per_recipient(&mails));
    }
    assert_eq!(app.mails(&str_of(&gone, "id"), "mailing").await, 0, "a cancelled registration is never mailed");
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn organizations_are_matched_by_key_and_merged_spellings_count_as_their_target() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    registered(&app, &event_id, from("intl@example.org", "Caritas Intl", "online")).await;
    registered(&app, &event_id, from("full@example.org", "Caritas International", "online")).await;
    registered(&app, &event_id, from("fedasil@example.org", "Fedasil", "online")).await;
    let merge = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/organizations/merge")))
        .bearer_auth(&app.organizer_token)
        .json(&json!({"names": ["Caritas Intl"], "into": "Caritas International"}))
        .send()
        .await
        .expect("merge");
    assert_eq!(merge.status(), StatusCode::OK, "merge");

    let both = ["intl@example.org", "full@example.org"];
    let to = json!({"organizations": ["caritas  internátional"]});
    check_group(&app, &sink, &event_id, "By the target's spelling", to, &both, 0).await;
    let to = json!({"organizations": ["CARITAS INTL"]});
    check_group(&app, &sink, &event_id, "By a merged spelling", to, &both, 0).await;
    let to = json!({"organizations": ["fedasil"]});
    check_group(&app, &sink, &event_id, "Another organization", to, &["fedasil@example.org"], 0).await;
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn each_recipient_gets_one_mail_in_their_language_with_their_own_links() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 1})).await, "id");
    let (amina, pieter) = amina_and_pieter(&app, &event_id).await;
    let john = registered(&app, &event_id, person("john@example.org", "John", "Smith", "IOM", "in_person", "en")).await;
    assert_eq!(
        (amina["status"].as_str(), pieter["status"].as_str(), john["status"].as_str()),
        (Some("confirmed"), Some("confirmed"), Some("waitlisted"))
    );

    let body = json!({
        "subject": {"en": "Room change for {first_name}", "fr": "Changement de salle pour {first_name}"},
        "body": {
            "en": "Dear {first_name} {last_name} ({organization}),\nmanage: {manage_url}\n\
                   join: [{join_url}]\nticket: [{ticket_code}]\nslides: https://example.org/slides/room-b\n\
                   {{not a placeholder}} <b>bold</b>",
            "fr": "Bonjour {first_name} {last_name} ({organization}),\ngérer : {manage_url}\n\
                   rejoindre : [{join_url}]\nbillet : [{ticket_code}]\n\
                   diapositives : https://example.org/slides/room-b\n{{pas un champ}} <b>gras</b>"
        },
        "to": {"statuses": ["confirmed", "waitlisted"]},
        "send_at": null
    });
    let created = create(&app, &event_id, &body).await;
    assert_eq!(created["recipients"], 3, "{created}");

    let amina_mail = crate::mail::wait_for_mail(&sink, "amina@example.org", "Changement de salle pour Amina").await;
    assert_eq!(amina_mail.subject, "Changement de salle pour Amina", "French for a French registrant");
    for line in [
        "Bonjour Amina El Idrissi (Caritas International),".to_owned(),
        format!("gérer : {}", str_of(&amina, "manage_url")),
        "rejoindre : []".to_owned(),
        format!("billet : [{}]", str_of(&amina, "ticket_code")),
        "{pas un champ} <b>gras</b>".to_owned(),
    ] {
        assert!(amina_mail.text.contains(&line), "Amina's text has {line:?}:\n{}", amina_mail.text);
    }
    assert!(amina_mail.text.contains(&str_of(&amina, "manage_token")), "her manage link carries her own token");
    assert!(
        amina_mail.html.contains("<a href=\"https://example.org/slides/room-b\""),
        "a link is clickable in the HTML part:\n{}",
        amina_mail.html
    );
    assert!(amina_mail.html.contains(&str_of(&amina, "manage_url")), "{}", amina_mail.html);
    assert!(amina_mail.html.contains("&lt;b&gt;gras&lt;/b&gt;"), "the HTML part escapes:\n{}", amina_mail.html);
    assert!(!amina_mail.html.contains("<b>gras</b>"), "no markup from the body:\n{}", amina_mail.html);

    // No Dutch text: Pieter reads English, with his join link and no ticket (he follows online).
    let pieter_mail = crate::mail::wait_for_mail(&sink, "pieter@example.org", "Room change for Pieter").await;
    assert_eq!(pieter_mail.subject, "Room change for Pieter", "English where the language has no text");
    for line in [
        "Dear Pieter Goossens (Fedasil),".to_owned(),
        format!("manage: {}", str_of(&pieter, "manage_url")),
        format!("join: [{}]", str_of(&pieter, "join_url")),
        "ticket: []".to_owned(),
        "{not a placeholder} <b>bold</b>".to_owned(),
    ] {
        assert!(pieter_mail.text.contains(&line), "Pieter's text has {line:?}:\n{}", pieter_mail.text);
    }
    assert!(!pieter_mail.text.contains(&str_of(&pieter, "ticket_code")), "an online registrant has no seat's code");
    assert!(pieter_mail.html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{}", pieter_mail.html);

    // Waiting for a seat at an event that is also online: may follow online (as the
    // registration answer's join_url says), holds no seat.
    let john_mail = crate::mail::wait_for_mail(&sink, "john@example.org", "Room change for John").await;
    let john_join = john["join_url"].as_str().unwrap_or_default();
    assert!(john_mail.text.contains(&format!("join: [{john_join}]")), "{}", john_mail.text);
    assert!(john_mail.text.contains("ticket: []"), "no code without a seat:\n{}", john_mail.text);
    assert!(john_mail.text.contains(&str_of(&john, "manage_url")), "{}", john_mail.text);

    tokio::time::sleep(Duration::from_secs(1)).await;
    let mailed: Vec<Mail> = sink
        .messages()
        .iter()
        .map(parse)
        .filter(|m| m.subject.starts_with("Room change for") || m.subject.starts_with("Changement de salle pour"))
        .collect();
    let expected: BTreeMap<String, usize> =
        ["amina@example.org", "john@example.org", "pieter@example.org"].iter().map(|a| ((*a).to_owned(), 1)).collect();
    assert_eq!(per_recipient(&mailed), expected, "one mail each");
    for reg in [&amina, &pieter, &john] {
        assert_eq!(app.mails(&str_of(reg, "id"), "mailing").await, 1, "in the history of {}", reg["email"]);
    }
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn a_preview_renders_the_mailing_for_one_person_in_their_language_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let other_id = str_of(&app.create_event(json!({})).await, "id");
    let (amina, pieter) = amina_and_pieter(&app, &event_id).await;
    let stranger = registered(&app, &other_id, person("s@example.org", "Sam", "Other", "IOM", "online", "en")).await;
    let mailing = |registration_id: &Value| {
        json!({
            "subject": {"en": "Room change for {first_name}", "fr": "Changement de salle pour {first_name}"},
            "body": {"en": "Dear {first_name},\njoin: {join_url}\n{{ok}}",
                     "fr": "Bonjour {first_name},\nvotre billet : {ticket_code}\n{manage_url}\n{{ok}}"},
            "to": {"statuses": ["confirmed"]},
            "send_at": null,
            "registration_id": registration_id
        })
    };

    let response = preview(&app, &event_id, &app.organizer_token, &mailing(&amina["id"])).await;
    assert_eq!(response.status(), StatusCode::OK);
    let shown = json(response).await;
    let expected = format!(
        "Bonjour Amina,\nvotre billet : {}\n{}\n{{ok}}",
        str_of(&amina, "ticket_code"),
        str_of(&amina, "manage_url")
    );
    assert_eq!(
        shown,
        json!({"subject": "Changement de salle pour Amina", "body": expected, "language": "fr"}),
        "rendered for Amina, in French"
    );

    // No Dutch text: English is what Pieter would read.
    let shown = json(preview(&app, &event_id, &app.organizer_token, &mailing(&pieter["id"])).await).await;
    assert_eq!(shown["subject"], "Room change for Pieter", "{shown}");
    assert_eq!(shown["body"], format!("Dear Pieter,\njoin: {}\n{{ok}}", str_of(&pieter, "join_url")), "{shown}");
    assert_eq!(shown["language"], "en", "the language of the text shown: {shown}");

    // Another event's registration, or none at all, is not found here.
    let response = preview(&app, &event_id, &app.organizer_token, &mailing(&stranger["id"])).await;
    expect_error(response, 404, "not_found").await;
    let unknown = json!(uuid::Uuid::now_v7().to_string());
    expect_error(preview(&app, &event_id, &app.organizer_token, &mailing(&unknown)).await, 404, "not_found").await;
    // The rules of a mailing hold for its preview.
    let mut bad = mailing(&amina["id"]);
    bad["body"]["en"] = json!("Dear {firstname}");
    let refused = expect_error(preview(&app, &event_id, &app.organizer_token, &bad).await, 422, "validation").await;
    assert!(names_field(&refused, "body.en"), "{refused}");

    assert!(list_ids(&app, &event_id).await.is_empty(), "a preview is not a mailing");
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) AS n FROM mailing", vec![]).await, 0);
    for reg in [&amina, &pieter] {
        assert_eq!(app.mails(&str_of(reg, "id"), "mailing").await, 0, "a preview mails nobody");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_refused_mailing_names_its_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let amina = registered(&app, &event_id, from("amina@example.org", "Caritas International", "online")).await;
    let with =
        |subject: Value, body: Value, to: Value| json!({"subject": subject, "body": body, "to": to, "send_at": null});
    let subject = json!({"en": "Room change", "fr": "Changement de salle"});
    let text = json!({"en": "Dear {first_name}", "fr": "Bonjour {first_name}"});
    // A bad subject, a bad body, a bad group: each with the rest as it should be.
    let bad_subject = |s: Value| with(s, text.clone(), json!({}));
    let bad_body = |b: Value| with(subject.clone(), b, json!({}));
    let bad_group = |to: Value| with(subject.clone(), text.clone(), to);
    let cases = [
        ("no English subject", bad_subject(json!({"fr": "Changement de salle"})), "subject.en"),
        ("an empty English subject", bad_subject(json!({"en": ""})), "subject.en"),
        ("no English body", bad_body(json!({"fr": "Bonjour"})), "body.en"),
        ("no subject at all", json!({"body": text.clone(), "to": {}, "send_at": null}), "subject.en"),
        ("a line break in the subject", bad_subject(json!({"en": "Room\nchange"})), "subject.en"),
        ("a line break in a French subject", bad_subject(json!({"en": "Room", "fr": "Salle\r\nB"})), "subject.fr"),
        ("a German subject", bad_subject(json!({"en": "Room change", "de": "Raumwechsel"})), "subject.de"),
        ("a German body", bad_body(json!({"en": "Dear", "de": "Liebe"})), "body.de"),
        ("an unknown placeholder", bad_body(json!({"en": "Dear {firstname}"})), "body.en"),
        ("an unknown placeholder in French", bad_body(json!({"en": "Dear", "fr": "Cher {prenom}"})), "body.fr"),
        ("an unknown placeholder in the subject", bad_subject(json!({"en": "Room {room}"})), "subject.en"),
        ("a cancelled status", bad_group(json!({"statuses": ["cancelled"]})), "to.statuses"),
        ("a declined status", bad_group(json!({"statuses": ["confirmed", "declined"]})), "to.statuses"),
        ("an unknown status", bad_group(json!({"statuses": ["maybe"]})), "to.statuses"),
        ("an unknown mode", bad_group(json!({"modes": ["hybrid"]})), "to.modes"),
        (
            "a Dutch subject without its text",
            bad_subject(json!({"en": "Room change", "fr": "Salle B", "nl": "Zaal B"})),
            "body.nl",
        ),
        (
            "an organization of accents only",
            bad_group(json!({"organizations": ["Caritas", "\u{301}\u{308}"]})),
            "to.organizations",
        ),
    ];
    for (what, body, field) in &cases {
        let response = post_mailing(&app, &event_id, &app.organizer_token, body).await;
        let error = expect_error(response, 422, "validation").await;
        assert!(names_field(&error, field), "{what}: the field {field} is named: {error}");
    }
    // The unknown placeholder is named, so the organizer sees what to fix.
    let body = bad_body(json!({"en": "Dear {firstname}"}));
    let error = expect_error(post_mailing(&app, &event_id, &app.organizer_token, &body).await, 422, "validation").await;
    let named = error["error"]["message"].as_str().is_some_and(|m| m.contains("{firstname}"))
        || error["error"]["fields"]["body.en"].as_str().is_some_and(|m| m.contains("{firstname}"));
    assert!(named, "the error names {{firstname}}: {error}");

    assert!(list_ids(&app, &event_id).await.is_empty(), "no mailing was stored");
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) AS n FROM mailing", vec![]).await, 0);
    assert_eq!(app.mails(&str_of(&amina, "id"), "mailing").await, 0, "nobody was mailed");
    app.stop().await;
}

#[tokio::test]
async fn a_mailing_sent_now_is_counted_listed_audited_and_in_each_recipients_history() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let amina = registered(&app, &event_id, from("amina@example.org", "Caritas International", "online")).await;
    let bart = registered(&app, &event_id, from("bart@example.org", "Fedasil", "in_person")).await;
    let chloe = registered(&app, &event_id, from("chloe@example.org", "Fedasil", "online")).await;
    assert!(app.manage(Method::DELETE, &str_of(&chloe, "manage_token"), None).await.status().is_success());

    // Every status: Chloe's cancelled registration is in the group, skipped and counted.
    let body =
        mailing_to("Stream link changed", "Dear {first_name}, the stream link changed.", json!({"statuses": []}));
    let first = create(&app, &event_id, &body).await;
    let first_id = str_of(&first, "id");
    assert!(matches!(first["status"].as_str(), Some("sending" | "sent")), "queued before the answer: {first}");
    assert_eq!(first["recipients"], 2, "{first}");
    assert_eq!(first["counts"]["skipped"], 1, "{first}");
    let counts = &first["counts"];
    let total = ["queued", "sent", "failed"].iter().map(|k| counts[*k].as_i64().unwrap_or(-100)).sum::<i64>();
    assert_eq!(total, 2, "every written mail is queued, sent or failed: {first}");
    assert_eq!(first["created_by"], "organizer@example.org");
    assert!((Utc::now() - time(&first["created_at"])).num_seconds().abs() < 60, "{first}");
    assert_eq!((&first["subject"], &first["body"]), (&body["subject"], &body["body"]), "{first}");
    assert!(first["to"].is_object(), "{first}");

    let mails = wait_for_subject(&sink, "Stream link changed", 2).await;
    let mut to: Vec<String> = mails.iter().map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["amina@example.org", "bart@example.org"]);
    assert!(mails.iter().any(|m| m.text.contains("Dear Amina, the stream link changed.")));
    let sent = wait_until_sent(&app, &event_id, &first_id, WAIT).await;
    assert_eq!(sent["counts"], json!({"queued": 0, "sent": 2, "failed": 0, "skipped": 1}), "{sent}");
    assert_eq!(sent["recipients"], 2);

    // Confirmed only, online only, due an hour ago: sent at once; Chloe is not in this group.
    let online_confirmed = json!({"modes": ["online"], "statuses": ["confirmed"]});
    let mut body = mailing_to("Slides", "Dear {first_name}, here are the slides.", online_confirmed);
    body["send_at"] = json!((Utc::now() - chrono::Duration::hours(1)).to_rfc3339());
    let second = create(&app, &event_id, &body).await;
    let second_id = str_of(&second, "id");
    assert!(matches!(second["status"].as_str(), Some("sending" | "sent")), "a past send_at is now: {second}");
    assert_eq!((second["recipients"].as_i64(), second["counts"]["skipped"].as_i64()), (Some(1), Some(0)), "{second}");
    wait_for_subject(&sink, "Slides", 1).await;
    wait_until_sent(&app, &event_id, &second_id, WAIT).await;

    assert_eq!(list_ids(&app, &event_id).await, [second_id.clone(), first_id.clone()], "newest first");
    let list = app.get_json(&mailings_path(&event_id), &app.organizer_token).await;
    assert_eq!(list["items"][1]["counts"]["sent"], 2, "the list shows the counts: {list}");
    assert_eq!(list["items"][1]["created_by"], "organizer@example.org");
    assert_eq!(
        mailing_audit(&app, &event_id).await,
        [("organizer@example.org".to_owned(), 1), ("organizer@example.org".to_owned(), 2)],
        "each mailing is audited with its number of recipients"
    );
    assert_eq!(app.mails(&str_of(&amina, "id"), "mailing").await, 2);
    assert_eq!(app.mails(&str_of(&bart, "id"), "mailing").await, 1);
    assert_eq!(app.mails(&str_of(&chloe, "id"), "mailing").await, 0);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(with_subject(&sink, "Stream link changed").len(), 2, "no mail twice");
    assert_eq!(with_subject(&sink, "Slides").len(), 1, "no mail twice");
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn erased_and_email_less_registrations_are_skipped_and_counted() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let amina = registered(&app, &event_id, from("amina@example.org", "Caritas International", "in_person")).await;
    let carl = registered(&app, &event_id, from("carl@example.org", "Fedasil", "online")).await;
    let erased = app
        .client
        .delete(app.url(&format!("/api/v1/registrations/{}/personal-data", str_of(&carl, "manage_token"))))
        .send()
        .await
        .expect("erase");
    assert_eq!(erased.status(), StatusCode::NO_CONTENT, "Carl is forgotten");
    let walk_in = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/walkins")))
        .bearer_auth(&app.checkin_token)
        .json(&json!({"first_name": "Jan", "last_name": "Peeters"}))
        .send()
        .await
        .expect("walk-in");
    assert_eq!(walk_in.status(), StatusCode::CREATED);
    let jan = json(walk_in).await;
    assert_eq!(jan["registration"]["email"], Value::Null, "a walk-in without an email");

    let created = create(&app, &event_id, &mailing_to("Room change", "Dear {first_name}", json!({}))).await;
    let counted = (created["recipients"].as_i64(), created["counts"]["skipped"].as_i64());
    assert_eq!(counted, (Some(1), Some(2)), "Amina mailed; Carl and Jan skipped: {created}");
    let sent = wait_until_sent(&app, &event_id, &str_of(&created, "id"), WAIT).await;
    assert_eq!(sent["counts"], json!({"queued": 0, "sent": 1, "failed": 0, "skipped": 2}), "{sent}");
    assert_eq!(app.mails(&str_of(&amina, "id"), "mailing").await, 1);
    assert_eq!(app.mails(&str_of(&carl, "id"), "mailing").await, 0, "an erased registration is not mailed");
    assert_eq!(app.mails(&str_of(&jan["registration"], "id"), "mailing").await, 0, "no address, no mail");
    app.stop().await;
}

#[tokio::test]
async fn a_cancelled_scheduled_mailing_sends_nothing_and_a_started_one_cannot_be_cancelled() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let amina = registered(&app, &event_id, from("amina@example.org", "Caritas International", "online")).await;
    let bart = registered(&app, &event_id, from("bart@example.org", "Fedasil", "in_person")).await;

    let send_at = Utc::now() + chrono::Duration::seconds(3);
    let mut body = mailing_to("Recording online", "Dear {first_name}, the recording is online.", json!({}));
    body["send_at"] = json!(send_at.to_rfc3339());
    let scheduled = create(&app, &event_id, &body).await;
    let id = str_of(&scheduled, "id");
    assert_eq!(scheduled["status"], "scheduled", "{scheduled}");
    assert_eq!(scheduled["recipients"], Value::Null, "recipients are fixed when sending starts: {scheduled}");
    assert!((time(&scheduled["send_at"]) - send_at).num_milliseconds().abs() < 1000, "{scheduled}");

    let response = delete_mailing(&app, &event_id, &app.organizer_token, &id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(response).await["status"], "cancelled");
    assert_eq!(get_mailing(&app, &event_id, &id).await["status"], "cancelled");

    // Well past its time: nothing went out, nothing was written.
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert!(with_subject(&sink, "Recording online").is_empty(), "a cancelled mailing sends nothing");
    for reg in [&amina, &bart] {
        assert_eq!(app.mails(&str_of(reg, "id"), "mailing").await, 0, "no mail written for {}", reg["email"]);
    }
    let after = get_mailing(&app, &event_id, &id).await;
    assert_eq!((after["status"].as_str(), &after["recipients"]), (Some("cancelled"), &Value::Null), "{after}");
    assert!(mailing_audit(&app, &event_id).await.is_empty(), "nothing was sent, nothing audited");

    // Once sending started there is no taking it back.
    let now = create(&app, &event_id, &mailing_to("Room change", "Dear {first_name}", json!({}))).await;
    let now_id = str_of(&now, "id");
    expect_error(delete_mailing(&app, &event_id, &app.organizer_token, &now_id).await, 409, "conflict").await;
    wait_until_sent(&app, &event_id, &now_id, WAIT).await;
    expect_error(delete_mailing(&app, &event_id, &app.organizer_token, &now_id).await, 409, "conflict").await;
    wait_for_subject(&sink, "Room change", 2).await;
    app.stop().await;
    sink.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_scheduled_mailing_survives_a_restart_and_is_sent_once() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    for n in 0..3 {
        registered(&app, &event_id, from(&format!("r{n}@example.org"), "Fedasil", "online")).await;
    }
    let mut body = mailing_to("After the restart", "Dear {first_name}", json!({}));
    body["send_at"] = json!((Utc::now() + chrono::Duration::seconds(4)).to_rfc3339());
    let scheduled = create(&app, &event_id, &body).await;
    let id = str_of(&scheduled, "id");
    assert_eq!(scheduled["status"], "scheduled");

    let url = sink.url();
    let app = app.restart_with(move |c| c.mail.smtp_url = Some(url)).await;
    assert!(
        matches!(get_mailing(&app, &event_id, &id).await["status"].as_str(), Some("scheduled" | "sending" | "sent")),
        "the schedule is in the database"
    );
    wait_for_subject(&sink, "After the restart", 3).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mails = with_subject(&sink, "After the restart");
    let expected: BTreeMap<String, usize> = (0..3).map(|n| (format!("r{n}@example.org"), 1)).collect();
    assert_eq!(per_recipient(&mails), expected, "each recipient exactly once");
    let sent = wait_until_sent(&app, &event_id, &id, WAIT).await;
    assert_eq!((sent["recipients"].as_i64(), sent["counts"]["sent"].as_i64()), (Some(3), Some(3)), "{sent}");
    assert_eq!(mailing_audit(&app, &event_id).await, [("organizer@example.org".to_owned(), 3)], "started once");
    app.stop().await;
    sink.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_send_a_scheduled_mailing_once() {
    let (first, second, sink) = crate::mail::two_instances_with_sink().await;
    let event_id = str_of(&first.create_event(json!({})).await, "id");
    let answers = futures::future::join_all((0..20).map(|n| {
        let app = if n % 2 == 0 { &first } else { &second };
        let event_id = event_id.clone();
        let body = from(&format!("twin{n}@example.org"), "Fedasil", "online");
        async move { app.register_body(&event_id, body).await.status() }
    }))
    .await;
    assert!(answers.iter().all(|s| *s == StatusCode::CREATED), "{answers:?}");

    let mut body = mailing_to("Twice nothing", "Dear {first_name}", json!({"modes": ["online"]}));
    body["send_at"] = json!((Utc::now() + chrono::Duration::seconds(3)).to_rfc3339());
    let scheduled = create(&first, &event_id, &body).await;
    let id = str_of(&scheduled, "id");
    assert_eq!(scheduled["status"], "scheduled");
    assert_eq!(get_mailing(&second, &event_id, &id).await["status"], "scheduled", "both servers see the schedule");

    wait_for_subject(&sink, "Twice nothing", 20).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mails = with_subject(&sink, "Twice nothing");
    let expected: BTreeMap<String, usize> = (0..20).map(|n| (format!("twin{n}@example.org"), 1)).collect();
    assert_eq!(per_recipient(&mails), expected, "each recipient exactly once");
    let sent = wait_until_sent(&second, &event_id, &id, WAIT).await;
    assert_eq!(sent["counts"], json!({"queued": 0, "sent": 20, "failed": 0, "skipped": 0}), "{sent}");
    assert_eq!(mailing_audit(&first, &event_id).await, [("organizer@example.org".to_owned(), 20)], "started once");
    second.stop().await;
    first.stop().await;
    sink.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_smtp_outage_during_a_mailing_of_500_loses_none_and_doubles_none() {
    // The SMTP server is down when the mailing starts; it comes back before the first retry
    // (5 seconds after a failure, src/mail/retry.rs).
    let port = SmtpSink::unused_port().await;
    let app = TestApp::spawn_with(move |c| c.mail.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    // An import mails nobody (no notify): every mail the sink gets is the mailing's.
    let mut csv = String::from("first_name,last_name,email,organization,language,mode\n");
    for n in 0..500 {
        let language = ["en", "fr", "nl"][n % 3];
        csv.push_str(&format!("Partner,Number {n},partner{n}@example.org,Fedasil,{language},online\n"));
    }
    let report = crate::imports::import(&app, &event_id, "registrations", "", csv.as_bytes()).await;
    assert_eq!(report["summary"]["created"], 500, "{}", report["summary"]);

    let body = json!({
        "subject": {"en": "Stream moved", "fr": "Le direct a changé", "nl": "De stream is verplaatst"},
        "body": {"en": "Dear {first_name} {last_name}: {join_url}",
                 "fr": "Bonjour {first_name} {last_name} : {join_url}",
                 "nl": "Beste {first_name} {last_name}: {join_url}"},
        "to": {"modes": ["online"], "statuses": ["confirmed"]},
        "send_at": null
    });
    let created = create(&app, &event_id, &body).await;
    let id = str_of(&created, "id");
    let counted = (created["recipients"].as_i64(), created["counts"]["skipped"].as_i64());
    assert_eq!(counted, (Some(500), Some(0)), "{created}");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let during = get_mailing(&app, &event_id, &id).await;
    assert_eq!((during["status"].as_str(), during["counts"]["sent"].as_i64()), (Some("sending"), Some(0)), "{during}");

    let sink = SmtpSink::start_on(port).await;
    sink.wait_for(500, Duration::from_secs(60)).await;
    // Give a duplicate every chance to show up.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mails: Vec<Mail> = sink.messages().iter().map(parse).collect();
    let recipients = per_recipient(&mails);
    assert_eq!(recipients.len(), 500, "500 distinct recipients");
    let twice: Vec<_> = recipients.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "mailed more than once: {twice:?}");
    assert_eq!(mails.len(), 500, "no other mail");
    for (n, subject) in [(0, "Stream moved"), (1, "Le direct a changé"), (2, "De stream is verplaatst")] {
        let address = format!("partner{n}@example.org");
        let mail = mails.iter().find(|m| m.to == address).expect("mailed");
        assert_eq!(mail.subject, subject, "{address} reads their language");
        assert!(mail.text.contains(&format!("Number {n}")), "{}", mail.text);
    }
    let sent = wait_until_sent(&app, &event_id, &id, WAIT).await;
    assert_eq!(sent["counts"], json!({"queued": 0, "sent": 500, "failed": 0, "skipped": 0}), "{sent}");
    assert_eq!(sent["recipients"], 500);
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn only_organizers_and_admins_mail_and_a_mailing_belongs_to_its_event() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let other_id = str_of(&app.create_event(json!({})).await, "id");
    let amina = registered(&app, &event_id, from("amina@example.org", "Caritas International", "online")).await;
    let body = mailing_to("Room change", "Dear {first_name}", json!({}));

    let anonymous = app.client.post(app.url(&mailings_path(&event_id))).json(&body).send().await.expect("request");
    expect_error(anonymous, 401, "unauthorized").await;
    let anonymous = app.client.get(app.url(&mailings_path(&event_id))).send().await.expect("request");
    expect_error(anonymous, 401, "unauthorized").await;
    expect_error(post_mailing(&app, &event_id, &app.checkin_token, &body).await, 403, "forbidden").await;
    let door = app.client.get(app.url(&mailings_path(&event_id))).bearer_auth(&app.checkin_token).send().await;
    expect_error(door.expect("request"), 403, "forbidden").await;
    let mut shown = body.clone();
    shown["registration_id"] = amina["id"].clone();
    expect_error(preview(&app, &event_id, &app.checkin_token, &shown).await, 403, "forbidden").await;
    assert_eq!(app.mails(&str_of(&amina, "id"), "mailing").await, 0, "refused requests mail nobody");

    // An admin may; the mailing says who sent it.
    let admin = make_token(&app.db, "admin@example.org", Role::Admin).await;
    let mut later = body.clone();
    later["send_at"] = json!((Utc::now() + chrono::Duration::days(1)).to_rfc3339());
    let scheduled = create_as(&app, &event_id, &admin, &later).await;
    assert_eq!(scheduled["created_by"], "admin@example.org", "{scheduled}");
    assert_eq!(scheduled["status"], "scheduled", "{scheduled}");
    let id = str_of(&scheduled, "id");
    expect_error(delete_mailing(&app, &event_id, &app.checkin_token, &id).await, 403, "forbidden").await;

    // Under another event, or unknown: not found, and not cancelled.
    let elsewhere = app
        .client
        .get(app.url(&format!("{}/{id}", mailings_path(&other_id))))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("request");
    expect_error(elsewhere, 404, "not_found").await;
    expect_error(delete_mailing(&app, &other_id, &app.organizer_token, &id).await, 404, "not_found").await;
    let unknown = uuid::Uuid::now_v7().to_string();
    expect_error(delete_mailing(&app, &event_id, &app.organizer_token, &unknown).await, 404, "not_found").await;
    let nowhere = uuid::Uuid::now_v7().to_string();
    expect_error(post_mailing(&app, &nowhere, &app.organizer_token, &body).await, 404, "not_found").await;
    assert!(list_ids(&app, &other_id).await.is_empty(), "the other event has no mailing");
    assert_eq!(get_mailing(&app, &event_id, &id).await["status"], "scheduled", "still scheduled");
    // And the organizer cancels it.
    let cancelled = delete_mailing(&app, &event_id, &app.organizer_token, &id).await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn a_double_confirmation_writes_one_mailing_and_a_failed_mail_is_sent_again_once() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let (_amina, pieter) = amina_and_pieter(&app, &event_id).await;
    sink.wait_for(2, WAIT).await; // their confirmations
    sink.reject("pieter@example.org");
    let client = crate::backoffice::browser();
    crate::backoffice::log_in(&app, &client, "organizer@example.org").await;
    let page = app.url(&format!("/admin/events/{event_id}/mailings/new"));
    let form = [("subject.en", "Room change"), ("body.en", "Dear {first_name}, room B."), ("when", "now")];
    let review = client.post(&page).form(&[&form[..], &[("action", "review")]].concat()).send().await.expect("send");
    let html = review.text().await.expect("review page");
    let draft_id = html
        .split("name=\"draft_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("the review page carries the mailing's id: {html}"))
        .to_owned();

    // A double click on "Send": one mailing, one mail each.
    let confirm = [&form[..], &[("action", "confirm"), ("draft_id", draft_id.as_str())]].concat();
    let first = client.post(&page).form(&confirm).send().await.expect("send");
    let second = client.post(&page).form(&confirm).send().await.expect("send");
    assert_eq!((first.status().as_u16(), second.status().as_u16()), (303, 303));
    assert_eq!(first.headers()["location"], second.headers()["location"], "both show the one mailing");
    let ids = list_ids(&app, &event_id).await;
    assert_eq!(ids.len(), 1, "one mailing");
    assert_eq!(wait_for_subject(&sink, "Room change", 1).await[0].to, "amina@example.org");

    // Pieter's server said no for good; it takes him back, and the organizer sends it again,
    // twice in a hurry: he gets it once.
    let failed = loop {
        let mailing = get_mailing(&app, &event_id, &ids[0]).await;
        // Both outcomes recorded: the sink holds Amina's mail before the server, told 250,
        // records it as sent, so her row may still be queued when Pieter's has failed.
        if mailing["counts"]["failed"] == 1 && mailing["counts"]["queued"] == 0 {
            break mailing;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(failed["counts"]["sent"], 1, "{failed}");
    sink.accept_again("pieter@example.org");
    let mails = app.get_json(&format!("/api/v1/events/{event_id}/mails?status=failed"), &app.organizer_token).await;
    let mail_id = mails["items"]
        .as_array()
        .and_then(|items| items.iter().find(|m| m["registration_id"] == pieter["id"]))
        .map(|m| str_of(m, "id"))
        .unwrap_or_else(|| panic!("Pieter's failed mail: {mails}"));
    let retry = app.url(&format!("/admin/events/{event_id}/mailings/{}/retry", ids[0]));
    for _ in 0..2 {
        let answer = client.post(&retry).form(&[("mail_id", mail_id.as_str())]).send().await.expect("send");
        assert_eq!(answer.status().as_u16(), 303);
    }
    let sent = wait_until_sent(&app, &event_id, &ids[0], WAIT).await;
    assert_eq!(sent["counts"], json!({"queued": 0, "sent": 2, "failed": 0, "skipped": 0}), "{sent}");
    tokio::time::sleep(Duration::from_secs(2)).await; // a second copy would show by now
    let to_pieter = with_subject(&sink, "Room change").into_iter().filter(|m| m.to == "pieter@example.org").count();
    assert_eq!(to_pieter, 1, "Pieter got the mailing once");
    app.stop().await;
    sink.stop();
}
