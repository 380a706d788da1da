//! Registering, editing, switching mode and cancelling, through the public API.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, expect_error, json, registration, str_of};

#[tokio::test]
async fn registering_answers_the_registration_with_its_own_links() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let response = app.register(&event_id, " Amina@Example.org ", "in_person").await;
    assert_eq!(response.status().as_u16(), 201);
    let body = json(response).await;
    assert_eq!(body["status"], "confirmed");
    assert_eq!(body["email"], "amina@example.org");
    assert_eq!(body["language"], "fr");
    let code = str_of(&body, "ticket_code");
    assert_eq!(code.len(), 26);
    assert!(code.chars().all(|c| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)));
    let token = str_of(&body, "manage_token");
    assert_eq!(body["manage_url"], format!("{}/r/{token}", app.base));
    assert!(body.get("join_url").is_none(), "in person, confirmed: no join link");

    let read = json(app.manage(Method::GET, &token, None).await).await;
    assert_eq!(read, body);
    assert_eq!(app.mails(&str_of(&body, "id"), "confirmation").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn online_and_hybrid_waitlisted_registrations_get_a_join_link() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 0})).await, "id");
    let online = json(app.register(&event_id, "online@example.org", "online").await).await;
    assert_eq!(online["status"], "confirmed");
    assert!(str_of(&online, "join_url").starts_with(&format!("{}/j/", app.base)));
    let waiting = json(app.register(&event_id, "room@example.org", "in_person").await).await;
    assert_eq!(waiting["status"], "waitlisted");
    assert!(waiting["join_url"].is_string(), "may follow online while waiting: {waiting}");
    assert_eq!(app.mails(&str_of(&waiting, "id"), "waitlisted").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_cancelled_partner_can_register_again_but_not_twice_at_once() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let first = json(app.register(&event_id, "amina@example.org", "in_person").await).await;

    let again = app.register(&event_id, "AMINA@example.org", "online").await;
    expect_error(again, 409, "already_registered").await;
    assert_eq!(app.mails(&str_of(&first, "id"), "manage_link").await, 1, "the manage link is mailed again");
    let again = app.register(&event_id, "amina@example.org", "online").await;
    expect_error(again, 409, "already_registered").await;
    assert_eq!(app.mails(&str_of(&first, "id"), "manage_link").await, 1, "at most once per 15 minutes");

    let cancelled = json(app.manage(Method::DELETE, &str_of(&first, "manage_token"), None).await).await;
    assert_eq!(cancelled["status"], "cancelled");
    let repeated = app.manage(Method::DELETE, &str_of(&first, "manage_token"), None).await;
    assert_eq!(repeated.status().as_u16(), 200);
    assert_eq!(json(repeated).await, cancelled, "cancelling twice answers the same");
    assert_eq!(app.mails(&str_of(&first, "id"), "cancelled").await, 1);

    let second = app.register(&event_id, "amina@example.org", "online").await;
    assert_eq!(second.status().as_u16(), 201);
    let stats = app.stats(&event_id).await;
    assert_eq!((stats["cancelled"].as_i64(), stats["registered"].as_i64()), (Some(1), Some(1)));
    app.stop().await;
}

#[tokio::test]
async fn switching_into_a_full_mode_changes_nothing_and_switching_out_frees_the_seat() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 1, "online_capacity": 1})).await, "id");
    let seated = json(app.register(&event_id, "seated@example.org", "in_person").await).await;
    let waiting = json(app.register(&event_id, "waiting@example.org", "in_person").await).await;
    let online = json(app.register(&event_id, "online@example.org", "online").await).await;
    assert_eq!(waiting["status"], "waitlisted");

    // Online is full: the seated partner cannot switch, and nothing changes.
    let refused = app
        .manage(
            Method::PATCH,
            &str_of(&seated, "manage_token"),
            Some(json!({"mode": "online", "organization": "Changed"})),
        )
        .await;
    expect_error(refused, 409, "capacity_full").await;
    let unchanged = json(app.manage(Method::GET, &str_of(&seated, "manage_token"), None).await).await;
    assert_eq!(
        (unchanged["mode"].as_str(), unchanged["organization"].as_str()),
        (Some("in_person"), Some("Caritas International"))
    );

    // The online partner cancels; now the seated one switches out and the waiting one moves up.
    app.manage(Method::DELETE, &str_of(&online, "manage_token"), None).await;
    let switched =
        json(app.manage(Method::PATCH, &str_of(&seated, "manage_token"), Some(json!({"mode": "online"}))).await).await;
    assert_eq!((switched["mode"].as_str(), switched["status"].as_str()), (Some("online"), Some("confirmed")));
    assert!(switched["join_url"].is_string());
    let promoted = json(app.manage(Method::GET, &str_of(&waiting, "manage_token"), None).await).await;
    assert_eq!(promoted["status"], "confirmed");
    assert_eq!(app.mails(&str_of(&seated, "id"), "confirmation").await, 2, "registration + switch");
    assert_eq!(app.mails(&str_of(&waiting, "id"), "confirmation").await, 1, "promotion");
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 1);
    assert_eq!(stats["online"]["confirmed"], 1);
    app.stop().await;
}

#[tokio::test]
async fn a_waitlisted_registration_may_switch_to_a_mode_with_room() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 0})).await, "id");
    let waiting = json(app.register(&event_id, "w@example.org", "in_person").await).await;
    let body =
        json(app.manage(Method::PATCH, &str_of(&waiting, "manage_token"), Some(json!({"mode": "online"}))).await).await;
    assert_eq!((body["mode"].as_str(), body["status"].as_str()), (Some("online"), Some("confirmed")));
    app.stop().await;
}

#[tokio::test]
async fn a_cancelled_registration_cannot_be_switched_or_edited() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let reg = json(app.register(&event_id, "c@example.org", "in_person").await).await;
    let token = str_of(&reg, "manage_token");
    app.manage(Method::DELETE, &token, None).await;
    expect_error(app.manage(Method::PATCH, &token, Some(json!({"mode": "online"}))).await, 409, "cancelled").await;
    app.stop().await;
}

#[tokio::test]
async fn details_and_answers_can_be_edited() {
    let app = TestApp::spawn().await;
    let questions = json!([
        {"key": "dietary", "kind": "choice", "required": true, "label": {"en": "Diet", "fr": "Régime"}, "options": ["none", "vegetarian"]},
        {"key": "remarks", "kind": "text", "label": {"en": "Remarks"}}
    ]);
    let event_id = str_of(&app.create_event(json!({"questions": questions})).await, "id");
    let mut body = registration("q@example.org", "online");
    expect_error(app.register_body(&event_id, body.clone()).await, 422, "validation").await;
    body["answers"] = json!({"dietary": "pizza", "shoe": 42});
    let error = expect_error(app.register_body(&event_id, body.clone()).await, 422, "validation").await;
    assert!(
        error["error"]["fields"]["answers.dietary"].is_string() && error["error"]["fields"]["answers.shoe"].is_string(),
        "{error}"
    );
    body["answers"] = json!({"dietary": "none"});
    let reg = json(app.register_body(&event_id, body).await).await;
    let token = str_of(&reg, "manage_token");

    let edited = json(
        app.manage(Method::PATCH, &token, Some(json!({"first_name": "Noor", "language": "nl", "answers": {"remarks": "late", "dietary": "vegetarian"}})))
            .await,
    )
    .await;
    assert_eq!(edited["first_name"], "Noor");
    assert_eq!(edited["language"], "nl");
    assert_eq!(edited["answers"], json!({"dietary": "vegetarian", "remarks": "late"}));
    let error = expect_error(
        app.manage(Method::PATCH, &token, Some(json!({"answers": {"dietary": null}}))).await,
        422,
        "validation",
    )
    .await;
    assert!(error["error"]["fields"]["answers.dietary"].is_string());
    expect_error(app.manage(Method::PATCH, &token, Some(json!({"email": "x@example.org"}))).await, 422, "validation")
        .await;
    app.stop().await;
}

#[tokio::test]
async fn registration_closes_with_the_event() {
    let app = TestApp::spawn().await;
    let closed = str_of(&app.create_event(json!({"status": "closed"})).await, "id");
    expect_error(app.register(&closed, "a@example.org", "online").await, 409, "registration_closed").await;
    let cancelled = str_of(&app.create_event(json!({"status": "cancelled"})).await, "id");
    expect_error(app.register(&cancelled, "a@example.org", "online").await, 409, "registration_closed").await;
    let past_deadline = str_of(
        &app.create_event(
            json!({"registration_closes_at": (chrono::Utc::now() - chrono::Duration::minutes(1)).to_rfc3339()}),
        )
        .await,
        "id",
    );
    expect_error(app.register(&past_deadline, "a@example.org", "online").await, 409, "registration_closed").await;
    let in_person_only = str_of(&app.create_event(json!({"modes": ["in_person"]})).await, "id");
    expect_error(app.register(&in_person_only, "a@example.org", "online").await, 409, "mode_not_offered").await;
    let no_waitlist = str_of(&app.create_event(json!({"in_person_capacity": 0, "waitlist": false})).await, "id");
    expect_error(app.register(&no_waitlist, "a@example.org", "in_person").await, 409, "capacity_full").await;
    app.stop().await;
}

#[tokio::test]
async fn lost_link_answers_202_whether_or_not_the_registration_exists() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let reg = json(app.register(&event_id, "lost@example.org", "online").await).await;
    for email in ["LOST@example.org", "nobody@example.org"] {
        let response = app
            .client
            .post(app.url("/api/v1/lost-link"))
            .json(&json!({"event_id": event_id, "email": email}))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status().as_u16(), 202);
    }
    let response = app
        .client
        .post(app.url("/api/v1/lost-link"))
        .json(&json!({"event_id": uuid::Uuid::now_v7(), "email": "lost@example.org"}))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 202, "unknown event: same answer");
    assert_eq!(app.mails(&str_of(&reg, "id"), "manage_link").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_quoted_address_is_refused_and_a_fullwidth_one_is_the_same_person() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let quoted = app.register(&event_id, "\"evil\\\"@example.net\"@example.org", "online").await;
    expect_error(quoted, 422, "validation").await;
    assert_eq!(app.register(&event_id, "case@example.org", "online").await.status().as_u16(), 201);
    let fullwidth = app.register(&event_id, "ｃａｓｅ@example.org", "online").await;
    expect_error(fullwidth, 409, "already_registered").await;
    assert_eq!(app.stats(&event_id).await["registered"], 1);
    app.stop().await;
}

#[tokio::test]
async fn addresses_stored_before_nfkc_are_brought_to_form_and_twins_keep_the_older_registration() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let older = json(app.register(&event_id, "case@example.org", "in_person").await).await;
    let newer = json(app.register(&event_id, "other@example.org", "in_person").await).await;
    let lone = json(app.register(&event_id, "lone@example.org", "online").await).await;
    // As an earlier release stored them: fullwidth, compared as typed.
    for (reg, stored) in [(&newer, "ｃａｓｅ@example.org"), (&lone, "ＬＯＮＥ@Example.org")] {
        let id = uuid::Uuid::parse_str(&str_of(reg, "id")).expect("uuid");
        let backend = app.db.backend();
        crate::helpers::write(&app.db, move |txn| {
            Box::pin(async move {
                let sql = "UPDATE registration SET email = ?, active_email = ? WHERE id = ?";
                txn.execute_raw(convene::db::stmt(backend, sql, vec![stored.into(), stored.into(), id.into()])).await?;
                Ok(())
            })
        })
        .await;
    }

    let changed = convene::registrations::upgrade::normalize_emails(&app.db).await.expect("upgrade");
    assert_eq!(changed, 2);
    let read = |reg: &serde_json::Value| {
        let token = str_of(reg, "manage_token");
        let app = &app;
        async move { json(app.manage(Method::GET, &token, None).await).await }
    };
    assert_eq!(read(&older).await["status"], "confirmed", "the older keeps its seat");
    assert_eq!(read(&newer).await["status"], "cancelled", "the newer twin is cancelled");
    let lone_now = read(&lone).await;
    assert_eq!(
        (lone_now["status"].as_str(), lone_now["email"].as_str()),
        (Some("confirmed"), Some("lone@example.org"))
    );
    assert_eq!(app.stats(&event_id).await["in_person"]["confirmed"], 1, "the twin's seat is free again");
    // The same address registers as the same person from now on.
    expect_error(app.register(&event_id, "LONE@example.org", "online").await, 409, "already_registered").await;
    assert_eq!(convene::registrations::upgrade::normalize_emails(&app.db).await.expect("again"), 0, "once only");
    app.stop().await;
}
