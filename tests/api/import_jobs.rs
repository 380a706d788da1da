//! Partner lists imported as background jobs: the upload answers at once, rows go in chunks
//! that let public registrations through, and the job's report says what became of each row.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::{TestApp, json, registration, str_of};

fn partner_list(rows: usize) -> String {
    let mut csv = String::from("first_name,last_name,email,organization,language,mode\n");
    for i in 0..rows {
        csv.push_str(&format!("Partner{i},Imported,partner{i}@example.org,Organization {},en,online\n", i % 120));
    }
    csv
}

async fn start(app: &TestApp, event_id: &str, csv: String) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/events/{event_id}/imports/registrations/jobs")))
        .bearer_auth(&app.organizer_token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .expect("send")
}

async fn wait_done(app: &TestApp, location: &str, limit: Duration) -> Value {
    let started = Instant::now();
    loop {
        let job = app.get_json(location, &app.organizer_token).await;
        if job["status"] == "done" || job["status"] == "failed" {
            return job;
        }
        assert!(started.elapsed() < limit, "the job is still {}: {job}", job["status"]);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forty_thousand_row_import_runs_while_registrations_answer_within_a_second() {
    const ROWS: usize = 40_000;
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"online_capacity": null})).await, "id");
    let started = Instant::now();
    let accepted = start(&app, &event_id, partner_list(ROWS)).await;
    assert_eq!(accepted.status().as_u16(), 202);
    assert!(started.elapsed() < Duration::from_secs(5), "the upload answers at once");
    let location = accepted.headers()["location"].to_str().expect("location").to_owned();
    let job = json(accepted).await;
    assert_eq!((job["status"].as_str(), job["total_rows"].as_u64()), (Some("queued"), Some(ROWS as u64)));

    // Another client registers while the import runs: each answer comes within a second.
    let mut slowest = Duration::ZERO;
    let mut n = 0;
    loop {
        let progress = app.get_json(&location, &app.organizer_token).await;
        if progress["status"] == "done" || n >= 400 {
            break;
        }
        let asked = Instant::now();
        let response = app.register(&event_id, &format!("walkin{n}@example.org"), "online").await;
        assert_eq!(response.status().as_u16(), 201);
        slowest = slowest.max(asked.elapsed());
        n += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(n >= 5, "the import ran long enough to register beside it ({n})");
    assert!(slowest < Duration::from_secs(1), "a registration waited {slowest:?} behind the import");

    let job = wait_done(&app, &location, Duration::from_secs(900)).await;
    assert_eq!(job["status"], "done", "{}", job["error"]);
    assert_eq!(job["done_rows"], ROWS);
    assert_eq!(job["report"]["summary"]["created"], ROWS, "{}", job["report"]["summary"]);
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["registered"], ROWS + n, "{stats}");
    app.stop().await;
}

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
