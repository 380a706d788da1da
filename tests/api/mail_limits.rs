//! Limits on mail caused by anonymous requests (API.md): someone registering a third party's
//! address and cancelling in a loop gets that address 5 mails in the hour, the rest deferred
//! into one mail with the latest state; organizer mail is never held back.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use sea_orm::ConnectionTrait;

use crate::helpers::{TestApp, json, str_of, write};
use crate::mail::{app_with_sink, parse};

const VICTIM: &str = "someone.else@example.org";

async fn mail_list(app: &TestApp, event_id: &str, status: &str) -> Vec<Value> {
    let list = app.get_json(&format!("/api/v1/events/{event_id}/mails?status={status}"), &app.organizer_token).await;
    list["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_register_and_cancel_loop_sends_five_mails_and_defers_the_rest_into_one() {
    let (app, sink) = app_with_sink().await;
    let event = app.create_event(json!({})).await;
    let event_id = str_of(&event, "id");
    for _ in 0..10 {
        let reg = json(app.register(&event_id, VICTIM, "online").await).await;
        let cancel = app.manage(Method::DELETE, &str_of(&reg, "manage_token"), None).await;
        assert_eq!(cancel.status().as_u16(), 200);
    }
    sink.wait_for(5, Duration::from_secs(30)).await;
    // Give the worker time to send anything else it would have sent.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let received: Vec<_> = sink.messages().into_iter().filter(|m| m.to.iter().any(|t| t == VICTIM)).collect();
    assert_eq!(received.len(), 5, "mails to the address within the hour");

    // The other 15 are one deferred mail holding the latest state: the last cancellation.
    let deferred = mail_list(&app, &event_id, "deferred").await;
    assert_eq!(deferred.len(), 1, "{deferred:?}");
    assert_eq!(deferred[0]["kind"], "cancelled");
    assert_eq!(deferred[0]["recipient"], VICTIM);
    assert!(deferred[0]["next_attempt_at"].is_string(), "says when it goes: {}", deferred[0]);
    assert!(str_of(&deferred[0], "last_error").contains("replacing 14 earlier"), "{}", deferred[0]);

    // When the hour is over it goes, once.
    let backend = app.db.backend();
    write(&app.db, move |txn| {
        Box::pin(async move {
            let sql = "UPDATE outbox_email SET next_attempt_at = ? WHERE status = 'deferred'";
            let past = chrono::Utc::now() - chrono::Duration::seconds(1);
            txn.execute_raw(convene::db::stmt(backend, sql, vec![past.into()])).await?;
            Ok(())
        })
    })
    .await;
    let all = sink.wait_for(6, Duration::from_secs(30)).await;
    let last = parse(&all[5]);
    assert_eq!(last.to, VICTIM);
    assert!(last.subject.starts_with("Inscription annulée"), "the latest state: {}", last.subject);
    assert!(mail_list(&app, &event_id, "deferred").await.is_empty());
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn organizer_mail_is_not_limited() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    json(app.register(&event_id, VICTIM, "online").await).await;
    sink.wait_for(1, Duration::from_secs(30)).await;
    // The sink has it before the server records it sent.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut sent = mail_list(&app, &event_id, "sent").await;
    while sent.is_empty() {
        assert!(std::time::Instant::now() < deadline, "the confirmation was never recorded sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
        sent = mail_list(&app, &event_id, "sent").await;
    }
    let mail_id = str_of(&sent[0], "id");
    for _ in 0..7 {
        let resend = app
            .client
            .post(app.url(&format!("/api/v1/events/{event_id}/mails/{mail_id}/resend")))
            .bearer_auth(&app.organizer_token)
            .send()
            .await
            .expect("send");
        assert_eq!(resend.status().as_u16(), 202);
    }
    sink.wait_for(8, Duration::from_secs(30)).await;
    assert!(mail_list(&app, &event_id, "deferred").await.is_empty());
    app.stop().await;
    sink.stop();
}
