//! Following import jobs over the API: a partner list of `n` rows, the upload, the wait.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::helpers::TestApp;

pub fn partner_list(rows: usize) -> String {
    let mut csv = String::from("first_name,last_name,email,organization,language,mode\n");
    for i in 0..rows {
        csv.push_str(&format!("Partner{i},Imported,partner{i}@example.org,Organization {},en,online\n", i % 120));
    }
    csv
}

pub async fn start(app: &TestApp, event_id: &str, csv: String) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/events/{event_id}/imports/registrations/jobs")))
        .bearer_auth(&app.organizer_token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .expect("send")
}

pub async fn wait_done(app: &TestApp, location: &str, limit: Duration) -> Value {
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
