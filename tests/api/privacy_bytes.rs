//! Erasure to the bytes on SQLite: after an event is erased, neither the database file nor
//! its WAL holds any erased name, address or answer, even though an export was streaming and
//! a reader held an older snapshot while it happened (the checkpoint waits and tries again).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sea_orm::DbBackend;
use sea_orm::sqlx::{Connection, SqliteConnection};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, json, str_of};
use crate::privacy::{move_into_past, scalar_i64};

/// What an erased registrant leaves nowhere: names, the address domain, the answers.
const ERASED: [&str; 4] = ["Quillfeather", "Zephyrinex", "forget.example", "Marmaladex"];

fn database_file(app: &TestApp) -> PathBuf {
    let url = app.database_url();
    let path = url.trim_start_matches("sqlite://");
    PathBuf::from(path.split('?').next().unwrap_or(path))
}

/// The markers found in the database file and its WAL.
fn markers_on_disk(db_file: &Path, markers: &[&str]) -> Vec<String> {
    let mut bytes = std::fs::read(db_file).unwrap_or_default();
    bytes.extend(std::fs::read(format!("{}-wal", db_file.display())).unwrap_or_default());
    markers.iter().filter(|m| bytes.windows(m.len()).any(|w| w == m.as_bytes())).map(|m| (*m).to_owned()).collect()
}

#[tokio::test]
async fn an_erased_event_leaves_no_bytes_in_the_sqlite_file_or_its_wal() {
    let mail_dir = tempfile::tempdir().expect("dir");
    let dir = mail_dir.path().to_owned();
    let app = TestApp::spawn_with(move |c| c.mail.outbox_dir = dir).await;
    if app.db.backend() != DbBackend::Sqlite {
        return; // a property of SQLite's files; the server databases vacuum (README)
    }
    let questions = json!([{"key": "dietary", "kind": "text", "label": {"en": "Dietary needs"}}]);
    let event = app.create_event(json!({"in_person_capacity": null, "questions": questions})).await;
    let event_id = str_of(&event, "id");
    let kept = app.create_event(json!({})).await;
    for i in 0..40 {
        let body = json!({
            "first_name": format!("Zephyrinex{i:02}"), "last_name": "Quillfeather", "email": format!("zq{i}@forget.example"),
            "organization": "Caritas International", "mode": if i % 2 == 0 { "in_person" } else { "online" },
            "language": "nl", "consent": true, "answers": {"dietary": format!("Marmaladex{i}")}
        });
        assert_eq!(app.register_body(&event_id, body).await.status(), 201);
    }
    let keeper = json!({"first_name": "Keepmex", "last_name": "Presentia", "email": "keep@stays.example",
        "organization": "Fedasil", "mode": "online", "consent": true});
    let kept_reg: Value = json(app.register_body(&str_of(&kept, "id"), keeper).await).await;
    assert_eq!(kept_reg["status"], "confirmed");

    let id = Uuid::parse_str(&event_id).expect("uuid");
    let unsent = "SELECT COUNT(*) AS n FROM outbox_email WHERE status <> 'sent'";
    let deadline = Instant::now() + Duration::from_secs(60);
    while scalar_i64(&app, unsent, vec![]).await > 0 {
        assert!(Instant::now() < deadline, "mail not sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let db_file = database_file(&app);
    assert_eq!(markers_on_disk(&db_file, &ERASED).len(), ERASED.len(), "the test must see the data first");

    // An export streaming, and a reader holding a snapshot from before the erasure.
    let mut export = app
        .client
        .get(app.url(&format!("/api/v1/events/{event_id}/attendees.csv")))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("export");
    let first_chunk = export.chunk().await.expect("chunk").expect("some bytes");
    assert!(!first_chunk.is_empty());
    let mut reader = SqliteConnection::connect(&app.database_url()).await.expect("reader");
    sea_orm::sqlx::query("BEGIN").execute(&mut reader).await.expect("begin");
    let (held,): (i64,) =
        sea_orm::sqlx::query_as("SELECT COUNT(*) FROM registration").fetch_one(&mut reader).await.expect("snapshot");
    assert_eq!(held, 41);

    move_into_past(&app, &event_id, 1).await;
    let erased = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/erase")))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("erase");
    assert_eq!(json(erased).await, json!({"erased": 40}));
    let sql = "SELECT COUNT(*) AS n FROM registration WHERE event_id = ? AND erased_at IS NOT NULL";
    assert_eq!(scalar_i64(&app, sql, vec![id.into()]).await, 40);
    // While the snapshot is held the old pages must stay: the reader still sees them.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (names,): (i64,) =
        sea_orm::sqlx::query_as("SELECT COUNT(*) FROM registration WHERE last_name = 'Quillfeather'")
            .fetch_one(&mut reader)
            .await
            .expect("old snapshot");
    assert_eq!(names, 40);
    assert!(!markers_on_disk(&db_file, &ERASED).is_empty(), "an open snapshot keeps old pages");

    // The export ends, the reader lets go: the checkpoint gets through and truncates the WAL.
    while export.chunk().await.expect("chunk").is_some() {}
    sea_orm::sqlx::query("ROLLBACK").execute(&mut reader).await.expect("rollback");
    reader.close().await.expect("close");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = markers_on_disk(&db_file, &ERASED);
        if left.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "still on disk after the reader ended: {left:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(markers_on_disk(&db_file, &["Keepmex", "stays.example"]).len(), 2, "the other event is untouched");
    for file in std::fs::read_dir(mail_dir.path()).expect("mail dir") {
        let text = std::fs::read_to_string(file.expect("entry").path()).unwrap_or_default();
        assert!(!ERASED.iter().any(|m| text.contains(m)), "a mail file kept an erased person");
    }
}
