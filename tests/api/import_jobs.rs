//! Partner lists imported as background jobs: the upload answers at once, rows go in chunks
//! that let public registrations through, and the job's report says what became of each row.

use std::time::Duration;

use serde_json::json;

use crate::helpers::{TestApp, registration, str_of};
use crate::jobs_client::{partner_list, start, wait_done};

#[tokio::test]
async fn a_job_reports_each_row_and_a_bad_file_is_refused_at_once() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    assert_eq!(
        app.register_body(&event_id, registration("partner1@example.org", "online")).await.status().as_u16(),
        201
    );
    let csv = format!(
        "{}Bad,Row,not-an-address,Org,en,online\nPartner0,Again,partner0@example.org,Org,en,online\n",
        partner_list(3)
    );
    let accepted = start(&app, &event_id, csv).await;
    assert_eq!(accepted.status().as_u16(), 202);
    let location = accepted.headers()["location"].to_str().expect("location").to_owned();
    let job = wait_done(&app, &location, Duration::from_secs(60)).await;
    let outcomes: Vec<&str> =
        job["report"]["rows"].as_array().expect("rows").iter().filter_map(|r| r["outcome"].as_str()).collect();
    assert_eq!(outcomes, ["created", "already_registered", "created", "invalid_email", "duplicate_in_file"]);

    let refused = start(&app, &event_id, "name;phone\nAmina;123\n".to_owned()).await;
    assert_eq!(refused.status().as_u16(), 422, "columns missing: refused before any job");
    let unknown = uuid::Uuid::now_v7();
    let missing = app
        .client
        .get(app.url(&format!("/api/v1/events/{event_id}/imports/jobs/{unknown}")))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("send");
    assert_eq!(missing.status().as_u16(), 404);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_stopped_by_a_restart_resumes_where_it_was_and_imports_each_row_once() {
    const ROWS: u64 = 3_000;
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"online_capacity": null})).await, "id");
    let accepted = start(&app, &event_id, partner_list(ROWS as usize)).await;
    assert_eq!(accepted.status().as_u16(), 202);
    let location = accepted.headers()["location"].to_str().expect("location").to_owned();
    // Restart the server once the first rows are in, long before the last.
    loop {
        let job = app.get_json(&location, &app.organizer_token).await;
        let done = job["done_rows"].as_u64().unwrap_or(0);
        if done > 0 {
            assert!(done < ROWS, "the job ended before the restart: a faster machine needs a longer list");
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let app = app.restart_with(|_| {}).await;
    let job = wait_done(&app, &location, Duration::from_secs(600)).await;
    assert_eq!((job["status"].as_str(), job["done_rows"].as_u64()), (Some("done"), Some(ROWS)), "{}", job["error"]);
    let rows = job["report"]["rows"].as_array().cloned().unwrap_or_default();
    let mut lines: Vec<u64> = rows.iter().filter_map(|r| r["row"].as_u64()).collect();
    lines.dedup();
    assert_eq!(lines.len() as u64, ROWS, "each row reported once");
    assert_eq!(job["report"]["summary"]["created"], ROWS, "{}", job["report"]["summary"]);
    assert_eq!(app.stats(&event_id).await["registered"], ROWS, "each row registered once");
    app.stop().await;
}
