//! Who may register (API.md "Additions"): invitation-only events (a personal link, or an
//! address at an allowed domain), and events whose requests wait for the organizers'
//! approval, decided under the event lock like any seat change.

use chrono::Utc;
use entity::{AttendanceMode, invitation};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use sea_orm::ConnectionTrait;

use crate::helpers::{TestApp, expect_error, json, registration, str_of, write};
use crate::mail::{app_with_sink, wait_for_mail};
use crate::privacy::scalar_i64;

/// Invites `email` to `event` as an organizer's partner list does, and returns the link's token.
async fn invite(app: &TestApp, event: &Value, email: &str) -> String {
    let event_id = uuid::Uuid::parse_str(&str_of(event, "id")).expect("uuid");
    let email = convene::domain::EmailAddress::parse(email).expect("email");
    let row = write(&app.db, move |txn| {
        Box::pin(async move {
            let event = entity::event::Entity::find_by_id(event_id).one(txn).await?.expect("event");
            let invitee = convene::imports::invitations::Invitee {
                email,
                first_name: "Noor".into(),
                last_name: "Haddad".into(),
                organization: "Fedasil".into(),
                language: convene::domain::Language::Nl,
                mode: Some(AttendanceMode::InPerson),
            };
            convene::imports::invitations::create(txn, &event, invitee, None, Utc::now()).await
        })
    })
    .await;
    convene::secrets::open(&row.token_sealed).expect("sealed with the test key")
}

fn with_token(email: &str, token: &str) -> Value {
    let mut body = registration(email, "in_person");
    body["invitation_token"] = json!(token);
    body
}

async fn decide(
    app: &TestApp,
    event_id: &str,
    registration_id: &str,
    what: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/registrations/{registration_id}/{what}")))
        .bearer_auth(&app.organizer_token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("request")
}

/// Mails queued for `event_id` of `kind`, whoever they are for.
async fn queued(app: &TestApp, event_id: &str, kind: &str) -> i64 {
    let id = uuid::Uuid::parse_str(event_id).expect("uuid");
    let sql = "SELECT COUNT(*) AS n FROM outbox_email WHERE event_id = ? AND kind = ?";
    scalar_i64(app, sql, vec![id.into(), kind.into()]).await
}

#[tokio::test]
async fn an_invitation_only_event_admits_a_personal_link_or_an_allowed_domain() {
    let app = TestApp::spawn().await;
    let event = app
        .create_event(json!({"access": "invitation", "allowed_email_domains": [" @Fedasil.BE ", "ibz.fgov.be"]}))
        .await;
    let event_id = str_of(&event, "id");
    assert_eq!(event["access"], "invitation");
    assert_eq!(event["allowed_email_domains"], json!(["fedasil.be", "ibz.fgov.be"]), "cleaned and kept in order");

    // Someone who found the page: refused, nothing stored, nothing mailed.
    expect_error(app.register(&event_id, "stranger@example.org", "in_person").await, 409, "not_invited").await;
    expect_error(app.register(&event_id, "someone@notfedasil.be", "in_person").await, 409, "not_invited").await;
    expect_error(app.register(&event_id, "someone@sub.fedasil.be", "in_person").await, 409, "not_invited").await;
    let bogus = with_token("stranger@example.org", "not-a-token");
    expect_error(app.register_body(&event_id, bogus).await, 409, "not_invited").await;
    assert_eq!(app.stats(&event_id).await["registered"], 0);

    // An address at an allowed domain needs no link.
    let staff = json(app.register(&event_id, "Anne@FEDASIL.be", "in_person").await).await;
    assert_eq!(staff["status"], "confirmed");

    // The personal link serves whoever holds it, once: then only that address.
    let token = invite(&app, &event, "noor@partner.org").await;
    let first = app.register_body(&event_id, with_token("noor.haddad@home.example", &token)).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let noor = json(first).await;
    let stored = invitation::Entity::find()
        .filter(invitation::Column::Email.eq("noor@partner.org"))
        .one(app.db.read())
        .await
        .expect("query")
        .expect("invitation");
    assert_eq!(stored.registration_id.map(|id| id.to_string()), Some(str_of(&noor, "id")));
    assert!(stored.used_at.is_some());
    let colleague = with_token("colleague@partner.org", &token);
    expect_error(app.register_body(&event_id, colleague).await, 409, "not_invited").await;
    let again = with_token("noor.haddad@home.example", &token);
    expect_error(app.register_body(&event_id, again.clone()).await, 409, "already_registered").await;
    // After cancelling, the same person may register again with their link.
    assert_eq!(app.manage(Method::DELETE, &str_of(&noor, "manage_token"), None).await.status(), StatusCode::OK);
    assert_eq!(app.register_body(&event_id, again).await.status(), StatusCode::CREATED);

    // Another event's link opens nothing here.
    let other = app.create_event(json!({"access": "invitation"})).await;
    let foreign = invite(&app, &other, "elsewhere@partner.org").await;
    expect_error(app.register_body(&event_id, with_token("elsewhere@partner.org", &foreign)).await, 409, "not_invited")
        .await;
    assert_eq!(app.stats(&event_id).await["registered"], 2, "Anne and Noor");

    // Organizers' own ways in are not asked: a partner list imported as registrations.
    let csv = "first_name,last_name,email,organization,mode\nSam,Peeters,sam@uninvited.example,OCMW Gent,online\n";
    let report = crate::imports::import(&app, &event_id, "registrations", "", csv.as_bytes()).await;
    assert_eq!(report["summary"]["created"], 1, "{report}");

    // The rule and the domains are checked.
    let bad = app.patch_event(&event_id, json!({"access": "members"})).await;
    assert!(expect_error(bad, 422, "validation").await["error"]["fields"]["access"].is_string());
    let bad = app.patch_event(&event_id, json!({"allowed_email_domains": ["not a domain"]})).await;
    assert!(expect_error(bad, 422, "validation").await["error"]["fields"]["allowed_email_domains"].is_string());
    // Opened up, anyone may register.
    assert_eq!(app.patch_event(&event_id, json!({"access": "open"})).await.status(), StatusCode::OK);
    assert_eq!(app.register(&event_id, "stranger@example.org", "online").await.status(), StatusCode::CREATED);
    app.stop().await;
}

#[tokio::test]
async fn the_lost_link_form_sends_invited_and_allowed_addresses_their_link_and_nobody_else() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"access": "invitation", "allowed_email_domains": ["fedasil.be"]})).await;
    let event_id = str_of(&event, "id");
    invite(&app, &event, "noor@partner.org").await;
    assert_eq!(queued(&app, &event_id, "invitation").await, 1);
    let lost = |email: &'static str| {
        let body = json!({"event_id": event_id, "email": email, "language": "fr"});
        app.client.post(app.url("/api/v1/lost-link")).json(&body).send()
    };
    for email in ["noor@partner.org", "anne@fedasil.be", "stranger@example.org"] {
        assert_eq!(lost(email).await.expect("request").status(), StatusCode::ACCEPTED, "{email}");
    }
    assert_eq!(queued(&app, &event_id, "invitation").await, 3, "Noor's again, and a link for Anne; none for others");
    let anne = invitation::Entity::find()
        .filter(invitation::Column::Email.eq("anne@fedasil.be"))
        .one(app.db.read())
        .await
        .expect("query")
        .expect("a link of her own");
    assert_eq!((anne.first_name.as_str(), anne.language), ("", convene::domain::Language::Fr));
    let token = convene::secrets::open(&anne.token_sealed).expect("sealed");
    assert_eq!(app.register_body(&event_id, with_token("anne@fedasil.be", &token)).await.status(), StatusCode::CREATED);
    app.stop().await;
}

#[tokio::test]
async fn an_approval_event_keeps_requests_pending_without_a_seat_until_an_organizer_decides() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"access": "approval", "in_person_capacity": 2})).await;
    let event_id = str_of(&event, "id");
    let mut requests = Vec::new();
    for n in 0..5 {
        let response = app.register(&event_id, &format!("partner{n}@example.org"), "in_person").await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let body = json(response).await;
        assert_eq!(body["status"], "pending", "{body}");
        requests.push(body);
    }
    let id = |n: usize| str_of(&requests[n], "id");
    let stats = app.stats(&event_id).await;
    assert_eq!((stats["pending"].as_i64(), stats["registered"].as_i64()), (Some(5), Some(0)), "{stats}");
    assert_eq!(stats["in_person"]["confirmed"], 0, "a request takes no seat");
    assert_eq!(queued(&app, &event_id, "request_received").await, 5);
    expect_error(app.register(&event_id, "partner0@example.org", "online").await, 409, "already_registered").await;
    let scan = app.scan(&event_id, &str_of(&requests[0], "ticket_code")).await;
    assert_eq!(scan["result"], "not_confirmed", "not let in before approval");
    // The registrant may change their request (no seat is needed) or withdraw it.
    let token = str_of(&requests[4], "manage_token");
    let switched = json(app.manage(Method::PATCH, &token, Some(json!({"mode": "online"}))).await).await;
    assert_eq!((switched["status"].as_str(), switched["mode"].as_str()), (Some("pending"), Some("online")));

    // Approved by the capacity at that moment: two seats, then the waiting line.
    for n in 0..3 {
        assert_eq!(decide(&app, &event_id, &id(n), "approve", None).await.status(), StatusCode::OK);
    }
    let mut statuses = Vec::new();
    for request in &requests[..3] {
        let body = json(app.manage(Method::GET, &str_of(request, "manage_token"), None).await).await;
        statuses.push(str_of(&body, "status"));
    }
    assert_eq!(statuses, ["confirmed", "confirmed", "waitlisted"]);
    assert_eq!(app.mails(&id(0), "confirmation").await, 1);
    assert_eq!(app.mails(&id(2), "waitlisted").await, 1);
    expect_error(decide(&app, &event_id, &id(0), "approve", None).await, 409, "conflict").await;

    // Declined, with or without words for the person; they take nothing and are mailed.
    let message = json!({"message": "The room is for partner organizations this year."});
    let declined = json(decide(&app, &event_id, &id(3), "decline", Some(message)).await).await;
    assert_eq!(declined["status"], "declined");
    assert_eq!(json(decide(&app, &event_id, &id(4), "decline", None).await).await["status"], "declined");
    assert_eq!(app.mails(&id(3), "declined").await, 1);
    let too_long = json!({"message": "x".repeat(2001)});
    expect_error(decide(&app, &event_id, &id(1), "decline", Some(too_long)).await, 422, "validation").await;
    expect_error(decide(&app, &event_id, &id(1), "decline", None).await, 409, "conflict").await;
    let declined_token = str_of(&requests[3], "manage_token");
    expect_error(app.manage(Method::PATCH, &declined_token, Some(json!({"first_name": "X"}))).await, 409, "conflict")
        .await;
    expect_error(app.manage(Method::DELETE, &declined_token, None).await, 409, "conflict").await;
    assert_eq!(app.scan(&event_id, &str_of(&requests[3], "ticket_code")).await["result"], "cancelled");

    let stats = app.stats(&event_id).await;
    assert_eq!((stats["pending"].as_i64(), stats["declined"].as_i64()), (Some(0), Some(2)), "{stats}");
    assert_eq!((stats["registered"].as_i64(), stats["in_person"]["confirmed"].as_i64()), (Some(3), Some(2)));

    // Exports know both statuses; the people preset leaves the declined out unless asked.
    let csv = |query: &'static str| {
        app.client
            .get(app.url(&format!("/api/v1/events/{event_id}/attendees.csv{query}")))
            .bearer_auth(&app.organizer_token)
            .send()
    };
    let rows = |body: String| body.lines().count() - 1;
    assert_eq!(rows(csv("?status=declined").await.expect("csv").text().await.expect("body")), 2);
    assert_eq!(rows(csv("?status=pending").await.expect("csv").text().await.expect("body")), 0);
    assert_eq!(rows(csv("").await.expect("csv").text().await.expect("body")), 5, "the published default: every row");
    assert_eq!(rows(csv("?preset=people&lang=en").await.expect("csv").text().await.expect("body")), 3);

    // Organizers only; another event's registration is not found.
    let no_token = app.client.post(app.url(&format!("/api/v1/events/{event_id}/registrations/{}/approve", id(1))));
    expect_error(no_token.send().await.expect("request"), 401, "unauthorized").await;
    let door = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/registrations/{}/approve", id(1))))
        .bearer_auth(&app.checkin_token);
    expect_error(door.send().await.expect("request"), 403, "forbidden").await;
    let other = app.create_event(json!({})).await;
    expect_error(decide(&app, &str_of(&other, "id"), &id(1), "approve", None).await, 404, "not_found").await;
    app.stop().await;
}

#[tokio::test]
async fn thirty_concurrent_approvals_for_ten_seats_seat_exactly_ten() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"access": "approval", "in_person_capacity": 10})).await;
    let event_id = str_of(&event, "id");
    let mut ids = Vec::new();
    for n in 0..30 {
        ids.push(str_of(&json(app.register(&event_id, &format!("p{n}@example.org"), "in_person").await).await, "id"));
    }
    let answers = futures::future::join_all(ids.iter().map(|id| decide(&app, &event_id, id, "approve", None))).await;
    let mut seated = 0;
    for answer in answers {
        assert_eq!(answer.status(), StatusCode::OK);
        if json(answer).await["status"] == "confirmed" {
            seated += 1;
        }
    }
    assert_eq!(seated, 10);
    let stats = app.stats(&event_id).await;
    assert_eq!(
        (stats["in_person"]["confirmed"].as_i64(), stats["in_person"]["waitlisted"].as_i64()),
        (Some(10), Some(20))
    );
    let id = uuid::Uuid::parse_str(&event_id).expect("uuid");
    let row = entity::event::Entity::find_by_id(id).one(app.db.read()).await.expect("query").expect("event");
    assert_eq!(row.in_person_confirmed, 10, "the guarded counter agrees");

    // The waiting line is the order of approval: a freed seat goes to the first approved.
    let sql = "SELECT COUNT(DISTINCT queue_seq) AS n FROM registration WHERE event_id = ? AND status = 'waitlisted'";
    assert_eq!(scalar_i64(&app, sql, vec![id.into()]).await, 20, "each its own place");
    let sql = "SELECT MIN(queue_seq) AS n FROM registration WHERE event_id = ? AND status = 'waitlisted'";
    let first_in_line = scalar_i64(&app, sql, vec![id.into()]).await;
    let sql = "SELECT MIN(queue_seq) AS n FROM registration WHERE event_id = ? AND status = 'confirmed'";
    let seat_of = scalar_i64(&app, sql, vec![id.into()]).await;
    let seated_person = entity::registration::Entity::find()
        .filter(entity::registration::Column::QueueSeq.eq(seat_of))
        .filter(entity::registration::Column::EventId.eq(id))
        .one(app.db.read())
        .await
        .expect("query")
        .expect("row");
    write(&app.db, move |txn| {
        Box::pin(async move {
            convene::registrations::service::cancel_with_note(
                txn,
                convene::registrations::service::RegistrationRef::Id(seated_person.id),
                None,
                &convene::history::Actor::System,
                Utc::now(),
            )
            .await
            .map(|_| ())
            .map_err(|e| sea_orm::DbErr::Custom(e.to_string()))
        })
    })
    .await;
    let sql = "SELECT status AS s, queue_seq AS n FROM registration WHERE event_id = ? AND queue_seq = ?";
    let row = app
        .db
        .read()
        .query_one_raw(convene::db::stmt(app.db.backend(), sql, vec![id.into(), first_in_line.into()]))
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.try_get::<String>("", "s").expect("status"), "confirmed", "the longest-waiting got the seat");

    // Without a waiting line, an approval that finds the room full is refused and stays pending.
    let small = app.create_event(json!({"access": "approval", "in_person_capacity": 1, "waitlist": false})).await;
    let small_id = str_of(&small, "id");
    let a = str_of(&json(app.register(&small_id, "a@example.org", "in_person").await).await, "id");
    let b = str_of(&json(app.register(&small_id, "b@example.org", "in_person").await).await, "id");
    assert_eq!(decide(&app, &small_id, &a, "approve", None).await.status(), StatusCode::OK);
    expect_error(decide(&app, &small_id, &b, "approve", None).await, 409, "capacity_full").await;
    assert_eq!(app.stats(&small_id).await["pending"], 1);
    app.stop().await;
}

#[tokio::test]
async fn requests_and_decisions_are_mailed_in_the_registrants_language() {
    let (app, sink) = app_with_sink().await;
    let event = app.create_event(json!({"access": "approval"})).await;
    let event_id = str_of(&event, "id");
    let mut body = registration("ines@example.org", "in_person");
    body["language"] = json!("nl");
    let ines = json(app.register_body(&event_id, body).await).await;
    let received = wait_for_mail(&sink, "ines@example.org", "Aanvraag ontvangen").await;
    assert!(received.text.contains("geen plaats voor u gereserveerd"), "{}", received.text);
    assert!(received.text.contains(&str_of(&ines, "manage_url")), "their link to change or withdraw");
    assert!(received.calendar.is_none() && received.png.is_none(), "no ticket or calendar before approval");

    let amina = json(app.register(&event_id, "amina@example.org", "in_person").await).await;
    let words = "La salle est réservée aux organisations partenaires cette année.\nÀ bientôt <en ligne>.";
    let response = decide(&app, &event_id, &str_of(&amina, "id"), "decline", Some(json!({"message": words}))).await;
    assert_eq!(response.status(), StatusCode::OK);
    let declined = wait_for_mail(&sink, "amina@example.org", "Votre demande").await;
    assert!(declined.text.contains("ne peuvent pas accepter votre demande"), "{}", declined.text);
    assert!(declined.text.contains("La salle est réservée aux organisations partenaires"), "{}", declined.text);
    assert!(declined.html.contains("&lt;en ligne&gt;"), "the message is escaped: {}", declined.html);

    assert_eq!(decide(&app, &event_id, &str_of(&ines, "id"), "approve", None).await.status(), StatusCode::OK);
    let approved = wait_for_mail(&sink, "ines@example.org", "Uw aanvraag is aanvaard").await;
    assert!(approved.text.contains("De organisatoren hebben uw aanvraag aanvaard"), "{}", approved.text);
    assert!(approved.png.is_some() && approved.calendar.is_some(), "the ticket and calendar of a confirmation");
    sink.stop();
    app.stop().await;
}
