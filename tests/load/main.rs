//! Load tests, alone in their own binary so that no other test competes for the machine
//! while they measure how long requests wait. Same databases as the `api` suite
//! (`CONVENE_TEST_DATABASE`).

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
#[path = "../api/jobs_client.rs"]
mod jobs_client;

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{TestApp, json, str_of};
use crate::jobs_client::{partner_list, start, wait_done};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forty_thousand_row_import_runs_while_registrations_answer_within_a_second() {
    let app = TestApp::spawn().await;
    // 40,000 rows on SQLite, where one writer serves everyone and a whole-file transaction
    // held the door for 22 s. The server databases run the same chunked code on 5,000 rows:
    // a debug build writes about 60 rows a second there, and CI runs this suite three times.
    let rows: usize = if app.db.backend() == sea_orm::DbBackend::Sqlite { 40_000 } else { 5_000 };
    let event_id = str_of(&app.create_event(json!({"online_capacity": null})).await, "id");
    let started = Instant::now();
    let accepted = start(&app, &event_id, partner_list(rows)).await;
    assert_eq!(accepted.status().as_u16(), 202);
    assert!(started.elapsed() < Duration::from_secs(5), "the upload answers at once");
    let location = accepted.headers()["location"].to_str().expect("location").to_owned();
    let job = json(accepted).await;
    assert_eq!((job["status"].as_str(), job["total_rows"].as_u64()), (Some("queued"), Some(rows as u64)));

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
    assert_eq!(job["done_rows"], rows);
    assert_eq!(job["report"]["summary"]["created"], rows, "{}", job["report"]["summary"]);
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["registered"], rows + n, "{stats}");
    app.stop().await;
}
