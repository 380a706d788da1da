//! Next year's edition: seats held back for speakers and hosts, the programme, copying an
//! event, and inviting the people of an earlier edition (API.md "Additions").

use chrono::{Duration, Utc};
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, expect_error, json, registration, str_of};
use crate::mail::{app_with_sink, wait_for_mail};

async fn give_held_seat(app: &TestApp, event_id: &str, email: &str) -> reqwest::Response {
    let mut body = registration(email, "in_person");
    body["held_seat"] = json!(true);
    app.client
        .post(app.url(&format!("/api/v1/events/{event_id}/registrations")))
        .bearer_auth(&app.organizer_token)
        .json(&body)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn held_seats_are_out_of_the_publics_reach_and_given_by_organizers_only() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 3, "in_person_held": 1, "waitlist": true})).await;
    assert_eq!(event["in_person_held"], 1);
    let event_id = str_of(&event, "id");

    for i in 0..2 {
        assert_eq!(
            json(app.register(&event_id, &format!("p{i}@example.org"), "in_person").await).await["status"],
            "confirmed"
        );
    }
    // The room has a seat left, but it is held: the public waits.
    assert_eq!(json(app.register(&event_id, "third@example.org", "in_person").await).await["status"], "waitlisted");

    // Without a token, asking for a held seat is refused and changes nothing.
    let mut body = registration("sneaky@example.org", "in_person");
    body["held_seat"] = json!(true);
    expect_error(app.register_body(&event_id, body).await, 401, "unauthorized").await;

    let speaker = give_held_seat(&app, &event_id, "speaker@example.org").await;
    assert_eq!(speaker.status(), StatusCode::CREATED);
    assert_eq!(json(speaker).await["status"], "confirmed");
    expect_error(give_held_seat(&app, &event_id, "host@example.org").await, 409, "capacity_full").await;
    let mut online = registration("remote-speaker@example.org", "online");
    online["held_seat"] = json!(true);
    let response = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/registrations")))
        .bearer_auth(&app.organizer_token)
        .json(&online)
        .send()
        .await
        .expect("request");
    expect_error(response, 422, "validation").await;

    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 3, "the room's capacity holds: {stats}");
    assert_eq!(stats["in_person"]["waitlisted"], 1);
    assert_eq!(stats["in_person"]["held"], 1);
    assert_eq!(stats["in_person"]["held_used"], 1);

    // Holding back fewer seats than are given, or more than the room has, is refused.
    expect_error(app.patch_event(&event_id, json!({"in_person_held": 0})).await, 409, "conflict").await;
    expect_error(app.patch_event(&event_id, json!({"in_person_held": 4})).await, 422, "validation").await;
    app.stop().await;
}

#[tokio::test]
async fn a_cancelled_held_seat_stays_held_and_a_released_one_goes_to_the_waitlist() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 2, "in_person_held": 1})).await;
    let event_id = str_of(&event, "id");
    json(app.register(&event_id, "public@example.org", "in_person").await).await;
    let waiting = json(app.register(&event_id, "waiting@example.org", "in_person").await).await;
    assert_eq!(waiting["status"], "waitlisted");
    let speaker = json(give_held_seat(&app, &event_id, "speaker@example.org").await).await;

    // The speaker cancels: the seat is held again, the public line does not move.
    app.manage(reqwest::Method::DELETE, &str_of(&speaker, "manage_token"), None).await;
    let stats = app.stats(&event_id).await;
    assert_eq!(
        (stats["in_person"]["held_used"].as_i64(), stats["in_person"]["waitlisted"].as_i64()),
        (Some(0), Some(1))
    );

    // The organizer holds back no seat any more: it goes to the longest-waiting at once.
    assert_eq!(app.patch_event(&event_id, json!({"in_person_held": 0})).await.status(), StatusCode::OK);
    let stats = app.stats(&event_id).await;
    assert_eq!(
        (stats["in_person"]["confirmed"].as_i64(), stats["in_person"]["waitlisted"].as_i64()),
        (Some(2), Some(0))
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_racing_registrations_for_the_last_public_seat_leave_the_held_seats_untouched() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 5, "in_person_held": 2, "waitlist": false})).await;
    let event_id = str_of(&event, "id");
    for i in 0..2 {
        json(app.register(&event_id, &format!("early{i}@example.org"), "in_person").await).await;
    }
    let responses = join_all((0..20).map(|i| {
        let (app, event_id) = (&app, &event_id);
        async move { app.register(event_id, &format!("racer{i}@example.org"), "in_person").await.status() }
    }))
    .await;
    let won = responses.iter().filter(|s| **s == StatusCode::CREATED).count();
    let refused = responses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
    assert_eq!((won, refused), (1, 19), "{responses:?}");
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 3);
    assert_eq!(stats["in_person"]["held_used"], 0);
    // Both held seats are still there for the speakers.
    for speaker in ["a@example.org", "b@example.org"] {
        assert_eq!(give_held_seat(&app, &event_id, speaker).await.status(), StatusCode::CREATED);
    }
    assert_eq!(app.stats(&event_id).await["in_person"]["confirmed"], 5);
    app.stop().await;
}

fn at(event: &Value, hours_after_start: i64, minutes: i64) -> String {
    let start = chrono::DateTime::parse_from_rfc3339(event["starts_at"].as_str().unwrap_or_default()).expect("start");
    (start + Duration::hours(hours_after_start) + Duration::minutes(minutes)).to_rfc3339()
}

#[tokio::test]
async fn the_programme_is_checked_kept_and_shown_in_the_registrants_language() {
    let (app, sink) = app_with_sink().await;
    let event = app.create_event(json!({})).await;
    let event_id = str_of(&event, "id");
    let programme = json!([
        {"starts_at": at(&event, 0, 30), "ends_at": at(&event, 1, 30),
         "title": {"en": "Panel: reintegration", "fr": "Table ronde : réintégration", "nl": "Panel: re-integratie"},
         "speakers": ["Sammy Mahdi, State Secretary for Asylum and Migration"]},
        {"starts_at": at(&event, 0, 0), "ends_at": null, "title": {"en": "Welcome"}, "speakers": []}
    ]);
    let response = app.patch_event(&event_id, json!({"programme": programme})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved = json(response).await;
    let titles: Vec<&str> =
        saved["programme"].as_array().expect("items").iter().filter_map(|i| i["title"]["en"].as_str()).collect();
    assert_eq!(titles, ["Welcome", "Panel: reintegration"], "kept in order of start");

    let outside = json!([{"starts_at": at(&event, -2, 0), "title": {"en": "Too early"}}]);
    let body = expect_error(app.patch_event(&event_id, json!({"programme": outside})).await, 422, "validation").await;
    assert!(body["error"]["fields"]["programme[0].starts_at"].is_string(), "{body}");
    let too_many: Vec<Value> = (0..51).map(|_| json!({"starts_at": at(&event, 0, 0), "title": {"en": "x"}})).collect();
    expect_error(app.patch_event(&event_id, json!({"programme": too_many})).await, 422, "validation").await;

    let page = app.client.get(app.url(&format!("/e/{}?lang=fr", str_of(&event, "slug")))).send().await.expect("page");
    let html = page.text().await.expect("html");
    assert!(
        html.contains("Table ronde : réintégration") && html.contains("Sammy Mahdi"),
        "public page shows it in French"
    );

    json(app.register(&event_id, "amina@example.org", "in_person").await).await;
    let mail = wait_for_mail(&sink, "amina@example.org", "").await;
    assert!(mail.text.contains("Table ronde : réintégration"), "{}", mail.text);
    assert!(mail.html.contains("Sammy Mahdi"));
    sink.stop();
    app.stop().await;
}

#[tokio::test]
async fn copying_an_event_makes_a_draft_with_everything_but_the_people() {
    let app = TestApp::spawn().await;
    let starts = Utc::now() + Duration::days(14);
    let event = app
        .create_event(json!({
            "slug": "partner-meeting-2026",
            "in_person_held": 4,
            "registration_closes_at": (starts - Duration::days(2)).to_rfc3339(),
            "questions": [{"key": "dietary", "kind": "choice", "required": false, "label": {"en": "Diet"},
                "options": [{"value": "vegetarian", "label": {"en": "Vegetarian", "fr": "Végétarien"}}]}],
        }))
        .await;
    let event_id = str_of(&event, "id");
    app.patch_event(&event_id, json!({"programme": [{"starts_at": at(&event, 1, 0), "title": {"en": "Panel"}}]})).await;
    json(app.register(&event_id, "amina@example.org", "in_person").await).await;

    let original_start =
        chrono::DateTime::parse_from_rfc3339(event["starts_at"].as_str().unwrap_or_default()).expect("start");
    let next_start = original_start + Duration::days(365);
    let copy = |body: Value| {
        app.client
            .post(app.url(&format!("/api/v1/events/{event_id}/copy")))
            .bearer_auth(&app.organizer_token)
            .json(&body)
            .send()
    };
    let body = json!({"starts_at": next_start.to_rfc3339(), "ends_at": (next_start + Duration::hours(3)).to_rfc3339(),
        "title": "Partner Meeting 2027"});
    let response = copy(body.clone()).await.expect("copy");
    assert_eq!(response.status(), StatusCode::CREATED);
    let copied = json(response).await;
    assert_eq!(copied["status"], "draft");
    assert_eq!(copied["title"], "Partner Meeting 2027");
    assert_eq!(copied["in_person_held"], 4);
    assert_eq!(copied["questions"], event["questions"]);
    assert_eq!(copied["translations"], event["translations"]);
    assert_ne!(copied["slug"], event["slug"]);
    let moved = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap_or_default()).expect("time");
    assert_eq!(moved(&copied["registration_closes_at"]) - moved(&event["registration_closes_at"]), Duration::days(365));
    assert_eq!(moved(&copied["programme"][0]["starts_at"]) - moved(&copied["starts_at"]), Duration::hours(1));
    let stats = app.stats(&str_of(&copied, "id")).await;
    assert_eq!(stats["registered"], 0, "no people are copied");

    let mut taken = body.clone();
    taken["slug"] = json!("partner-meeting-2026");
    expect_error(copy(taken).await.expect("copy"), 409, "conflict").await;
    expect_error(copy(json!({"starts_at": "soon"})).await.expect("copy"), 422, "validation").await;
    app.stop().await;
}

async fn invite_previous(app: &TestApp, target: &str, from: &str, attended_only: bool) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/events/{target}/invite-previous")))
        .bearer_auth(&app.organizer_token)
        .json(&json!({"from_event_id": from, "attended_only": attended_only}))
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn inviting_the_previous_edition_reaches_each_person_once_and_the_stop_link_holds() {
    let (app, sink) = app_with_sink().await;
    let last_year = app.create_event(json!({"slug": "meeting-2026"})).await;
    let from = str_of(&last_year, "id");
    let scan = |code: String| {
        app.client
            .post(app.url(&format!("/api/v1/events/{from}/checkins")))
            .bearer_auth(&app.checkin_token)
            .json(&json!({"code": code}))
            .send()
    };
    let came = json(app.register(&from, "came@example.org", "in_person").await).await;
    scan(str_of(&came, "ticket_code")).await.expect("scan");
    json(app.register(&from, "absent@example.org", "online").await).await;
    let cancelled = json(app.register(&from, "cancelled@example.org", "online").await).await;
    app.manage(reqwest::Method::DELETE, &str_of(&cancelled, "manage_token"), None).await;
    let already = json(app.register(&from, "already@example.org", "in_person").await).await;
    scan(str_of(&already, "ticket_code")).await.expect("scan");
    // Someone from another event asked to be invited to future editions.
    let other = app.create_event(json!({"slug": "workshop"})).await;
    let mut keen = registration("keen@example.org", "online");
    keen["future_invitations"] = json!(true);
    json(app.register_body(&str_of(&other, "id"), keen).await).await;

    let draft = app.create_event(json!({"slug": "meeting-2027-draft", "status": "draft"})).await;
    expect_error(invite_previous(&app, &str_of(&draft, "id"), &from, true).await, 409, "registration_closed").await;

    let next = app.create_event(json!({"slug": "meeting-2027"})).await;
    let target = str_of(&next, "id");
    json(app.register(&target, "already@example.org", "in_person").await).await;
    expect_error(invite_previous(&app, &target, "not-an-id", true).await, 422, "validation").await;

    let response = invite_previous(&app, &target, &from, true).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert_eq!(json(response).await["invited"], 2, "came@ and the contact keen@");
    assert_eq!(json(invite_previous(&app, &target, &from, true).await).await["invited"], 0, "nobody twice");
    assert_eq!(
        json(invite_previous(&app, &target, &from, false).await).await["invited"],
        1,
        "absent@ now; never cancelled@"
    );

    let invitation = wait_for_mail(&sink, "keen@example.org", "Invitation :").await;
    let stop = invitation
        .text
        .split_whitespace()
        .find(|w| w.contains("/invitations/") && w.ends_with("/stop"))
        .expect("stop link in the mail")
        .to_owned();
    assert!(invitation.text.contains("?invite="), "a personal link that pre-fills the form");
    let page = app.client.get(&stop).send().await.expect("stop page");
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.expect("html").contains("k•••@example.org"));
    let stopped = app.client.post(&stop).send().await.expect("stop");
    assert_eq!(stopped.status(), StatusCode::OK);

    // The year after, the contact is gone and stays gone.
    let third = app.create_event(json!({"slug": "meeting-2028"})).await;
    let invited = json(invite_previous(&app, &str_of(&third, "id"), &from, true).await).await;
    assert_eq!(invited["invited"], 2, "came@ and already@, not keen@: {invited}");
    sink.stop();
    app.stop().await;
}
