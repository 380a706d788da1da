//! Handing a registration to a colleague (API.md "Fair seats"): the same id, seat and queue
//! place; new secrets for the colleague and the old ones dead at once; both people mailed in
//! their languages; the former holder's details erased.

use entity::{OutboxStatus, outbox_email};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, expect_error, json, str_of};
use crate::mail::{app_with_sink, wait_for_mail};
use crate::organizations::from;
use crate::privacy::scalar_i64;

async fn transfer(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    let url = app.url(&format!("/api/v1/registrations/{token}/transfer"));
    app.client.post(url).json(&body).send().await.expect("request")
}

fn colleague(email: &str) -> Value {
    json!({"first_name": "Bart", "last_name": "Maes", "email": email, "language": "nl"})
}

#[tokio::test]
async fn a_transfer_keeps_the_place_kills_the_old_links_and_mails_both_people() {
    let (app, sink) = app_with_sink().await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let event_id = str_of(&event, "id");
    let seated = json(app.register_body(&event_id, from("amina@example.org", "Fedasil", "in_person")).await).await;
    let waiting = json(app.register_body(&event_id, from("noor@example.org", "Caritas", "in_person")).await).await;
    wait_for_mail(&sink, "amina@example.org", "Votre inscription").await;
    let old_token = str_of(&seated, "manage_token");
    let old_join = seated["join_url"].as_str().map(str::to_owned);

    let index = format!("/api/v1/events/{event_id}/checkin-index");
    let before = app.get_json(&index, &app.checkin_token).await;
    let cursor = str_of(&before, "cursor");
    let answer = transfer(&app, &old_token, colleague("bart@example.org")).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let body = json(answer).await;
    assert_eq!(body["id"], seated["id"], "the same registration");
    assert_eq!((body["status"].as_str(), body["mode"].as_str()), (Some("confirmed"), Some("in_person")));
    assert_eq!((body["first_name"].as_str(), body["email"].as_str()), (Some("Bart"), Some("bart@example.org")));
    assert_eq!(body["organization"], "Fedasil", "the organization stays");
    for secret in ["ticket_code", "manage_token", "manage_url", "join_url"] {
        assert!(body.get(secret).is_none(), "{secret} is not in the answer: {body}");
    }
    // The old ticket and link are dead at once.
    assert_eq!(app.manage(Method::GET, &old_token, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.scan(&event_id, &str_of(&seated, "ticket_code")).await["result"], "unknown");
    if let Some(join) = old_join {
        let status = app.client.get(&join).send().await.map(|r| r.status());
        assert_eq!(status.ok(), Some(StatusCode::NOT_FOUND), "the old join link");
    }
    // An offline desk drops the old entry, then learns the new one (same registration).
    let delta = app.get_json(&format!("{index}?cursor={cursor}"), &app.checkin_token).await;
    let mine: Vec<&Value> =
        delta["entries"].as_array().expect("entries").iter().filter(|e| e["registration_id"] == seated["id"]).collect();
    assert_eq!(mine.len(), 2, "{delta}");
    assert_eq!(mine[0]["removed"], true);
    assert_eq!(mine[1]["first_name"], "Bart");
    let old_hash = before["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["registration_id"] == seated["id"])
        .expect("in the index")["code_sha256"]
        .clone();
    assert_ne!(mine[1]["code_sha256"], old_hash, "a new ticket");
    // The colleague has their own links, in their language; the former holder a notice.
    let welcome = wait_for_mail(&sink, "bart@example.org", "Een collega heeft u zijn inschrijving gegeven").await;
    assert!(welcome.png.is_some() && welcome.text.contains("/r/"), "their ticket and link");
    assert!(!welcome.text.contains(&old_token));
    let notice = wait_for_mail(&sink, "amina@example.org", "Votre inscription est cédée").await;
    assert!(notice.text.contains("Bart Maes"), "{}", notice.text);
    // The seat and the queue: the waiting person is still waiting, behind the same place.
    assert_eq!(app.stats(&event_id).await["in_person"]["confirmed"], 1);
    let waiting_now = json(app.manage(Method::GET, &str_of(&waiting, "manage_token"), None).await).await;
    assert_eq!(waiting_now["status"], "waitlisted");
    // The former holder's details are gone: from the row, from their mails once sent.
    let id = Uuid::parse_str(&str_of(&seated, "id")).expect("uuid");
    let sql =
        "SELECT COUNT(*) AS n FROM registration WHERE id = ? AND (email = 'amina@example.org' OR first_name = 'Amina')";
    assert_eq!(scalar_i64(&app, sql, vec![id.into()]).await, 0);
    let event_uuid = Uuid::parse_str(&event_id).expect("uuid");
    let mails = || async {
        outbox_email::Entity::find()
            .filter(outbox_email::Column::EventId.eq(event_uuid))
            .order_by_asc(outbox_email::Column::CreatedAt)
            .all(app.db.read())
            .await
            .expect("query")
    };
    let erased = json!({"erased": true});
    let first = mails().await.into_iter().find(|m| m.registration_id == Some(id)).expect("the first confirmation");
    assert_eq!(first.payload, erased, "the former holder's confirmation is emptied");
    let mut notice_payload = None;
    for _ in 0..50 {
        let notice = mails().await.into_iter().find(|m| m.kind == "transfer_notice").expect("the notice");
        if notice.status == OutboxStatus::Sent {
            notice_payload = Some(notice.payload);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(notice_payload, Some(erased), "the notice's address is emptied once sent");
    let sql = "SELECT COUNT(*) AS n FROM registration_history WHERE registration_id = ? AND kind = 'transferred'";
    assert_eq!(scalar_i64(&app, sql, vec![id.into()]).await, 1, "recorded in the history");
    sink.stop();
    app.stop().await;
}

#[tokio::test]
async fn a_transfer_is_refused_when_it_cannot_be_done_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let event_id = str_of(&event, "id");
    let amina = json(app.register_body(&event_id, from("amina@example.org", "Fedasil", "in_person")).await).await;
    app.register_body(&event_id, from("bart@example.org", "Fedasil", "online")).await;
    let token = str_of(&amina, "manage_token");
    expect_error(transfer(&app, &token, colleague("bart@example.org")).await, 409, "already_registered").await;
    let same = transfer(&app, &token, colleague(" Amina@Example.org ")).await;
    assert!(expect_error(same, 422, "validation").await["error"]["fields"]["email"].is_string());
    let empty = transfer(&app, &token, json!({"email": "x@example.org"})).await;
    assert!(expect_error(empty, 422, "validation").await["error"]["fields"]["first_name"].is_string());
    expect_error(transfer(&app, "not-a-token", colleague("c@example.org")).await, 404, "not_found").await;
    // Once checked in, or for a cancelled registration: no.
    app.scan(&event_id, &str_of(&amina, "ticket_code")).await;
    expect_error(transfer(&app, &token, colleague("c@example.org")).await, 409, "registration_closed").await;
    let chloe = json(app.register_body(&event_id, from("chloe@example.org", "Caritas", "online")).await).await;
    app.manage(Method::DELETE, &str_of(&chloe, "manage_token"), None).await;
    expect_error(transfer(&app, &str_of(&chloe, "manage_token"), colleague("d@example.org")).await, 409, "cancelled")
        .await;
    assert_eq!(json(app.manage(Method::GET, &token, None).await).await["email"], "amina@example.org");
    app.stop().await;
}
