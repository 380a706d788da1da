//! The real `convene` binary: CLI, start-up, logs, shutdown and crash safety.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use convene_test_support::process::{Convene, Served};
use convene_test_support::smtp::SmtpSink;
use serde_json::{Value, json};

use crate::helpers::{TEST_SECRET_KEY, TestDatabase, registration, str_of};

const BIN: &str = env!("CARGO_BIN_EXE_convene");

/// `convene serve` on `database_url` with its logs in `format` (`text`, `json`) and more
/// environment (`SMTP_URL`, …), once it listens; everything it prints is kept.
fn serve(database_url: &str, format: &str, env: &[(&str, &str)]) -> Served {
    let mut serve =
        Convene::new(BIN, database_url).with_secret_key(TEST_SECRET_KEY).serve().env("CONVENE_LOG_FORMAT", format);
    for (key, value) in env {
        serve = serve.env(key, value);
    }
    serve.start().unwrap_or_else(|e| panic!("convene serve starts: {e:#}"))
}

fn cli(database_url: &str, args: &[&str], stdin: Option<&str>) -> String {
    Convene::new(BIN, database_url).ok(args, stdin).unwrap_or_else(|e| panic!("{e:#}"))
}

#[tokio::test]
async fn user_add_refuses_a_weak_password_and_creates_nothing() {
    let database = TestDatabase::create().await;
    for weak in ["ten chars!", "            ", "Password2026!", "qwertyuiop12"] {
        let out = Convene::new(BIN, &database.url)
            .run(
                &["user", "add", "--email", "weak@example.org", "--role", "organizer", "--password-stdin"],
                Some(&format!("{weak}\n")),
            )
            .expect("convene runs");
        let stderr = &out.stderr;
        assert!(!out.success, "{weak:?} was accepted");
        assert!(stderr.contains("password"), "{weak:?}: the error says why: {stderr}");
        assert!(!stderr.contains(weak.trim()) || weak.trim().is_empty(), "the password is never echoed: {stderr}");
    }
    // A good one after all of them: the address was never taken.
    cli(
        &database.url,
        &["user", "add", "--email", "weak@example.org", "--role", "organizer", "--password-stdin"],
        Some("a long password\n"),
    );
}

/// Creates an organizer through the CLI and returns a fresh API token.
fn organizer_token(database_url: &str) -> String {
    cli(
        database_url,
        &["user", "add", "--email", "org@example.org", "--role", "organizer", "--password-stdin"],
        Some("a long password\n"),
    );
    let token = cli(database_url, &["token", "create", "--email", "org@example.org", "--name", "tests"], None);
    let token = token.trim().to_owned();
    assert!(token.starts_with("cvn_") && !token.contains('\n'), "token alone on stdout: {token:?}");
    token
}

async fn create_event(client: &reqwest::Client, base: &str, token: &str, capacity: u32) -> String {
    let body = json!({
        "title": "Crash test", "starts_at": "2031-12-13T09:30:00+01:00", "ends_at": "2031-12-13T13:00:00+01:00",
        "in_person_capacity": capacity, "status": "published"
    });
    let response =
        client.post(format!("{base}/api/v1/events")).bearer_auth(token).json(&body).send().await.expect("send");
    assert_eq!(response.status().as_u16(), 201);
    str_of(&response.json::<Value>().await.expect("json"), "id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_during_a_burst_loses_no_acknowledged_registration() {
    let database = TestDatabase::create().await;
    let token = organizer_token(&database.url);
    let server = serve(&database.url, "text", &[]);
    let client = reqwest::Client::new();
    let event_id = create_event(&client, server.base(), &token, 25).await;

    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let sent = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..16 {
        let (client, base, event_id, acknowledged, sent) =
            (client.clone(), server.base().to_owned(), event_id.clone(), acknowledged.clone(), sent.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let n = sent.fetch_add(1, Ordering::SeqCst);
                if n >= 2000 {
                    break;
                }
                let url = format!("{base}/api/v1/events/{event_id}/registrations");
                match client.post(url).json(&registration(&format!("burst{n}@example.org"), "in_person")).send().await {
                    Ok(r) if r.status().as_u16() == 201 => {
                        if let Ok(body) = r.json::<Value>().await {
                            acknowledged.lock().expect("lock").push(str_of(&body, "manage_token"));
                        }
                    }
                    Ok(r) => panic!("unexpected status {}", r.status()),
                    Err(_) => break, // the server is gone
                }
            }
        }));
    }
    // Kill mid-burst: once some registrations are answered, but long before the end.
    let started = Instant::now();
    while acknowledged.lock().expect("lock").len() < 150 && started.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut server = server;
    server.kill();
    for w in workers {
        w.await.ok();
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(acknowledged.len() >= 150 && sent.load(Ordering::SeqCst) < 2000, "the kill came mid-burst");

    let restarted = serve(&database.url, "text", &[]);
    for token in &acknowledged {
        let response =
            client.get(format!("{}/api/v1/registrations/{token}", restarted.base())).send().await.expect("send");
        assert_eq!(response.status().as_u16(), 200, "an acknowledged registration was lost");
    }
    let stats: Value = client
        .get(format!("{}/api/v1/events/{event_id}/stats", restarted.base()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(stats["in_person"]["confirmed"], 25, "{stats}");
    assert!(stats["registered"].as_u64().unwrap_or(0) >= acknowledged.len() as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_starting_together_on_a_fresh_database_both_come_up() {
    let database = TestDatabase::create().await;
    let url = database.url.clone();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| serve(&url, "text", &[]));
        let b = s.spawn(|| serve(&url, "text", &[]));
        (a.join().expect("first"), b.join().expect("second"))
    });
    let client = reqwest::Client::new();
    for server in [&a, &b] {
        let health = client.get(format!("{}/healthz", server.base())).send().await.expect("send");
        assert_eq!(health.status().as_u16(), 200, "{}", server.logs());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_name_the_route_never_the_secret_path_and_sigterm_stops_within_10_seconds() {
    let database = TestDatabase::create().await;
    let token = organizer_token(&database.url);
    let mut server = serve(&database.url, "json", &[]);
    let client = reqwest::Client::new();
    let event_id = create_event(&client, server.base(), &token, 10).await;
    let reg: Value = client
        .post(format!("{}/api/v1/events/{event_id}/registrations", server.base()))
        .json(&registration("logs@example.org", "online"))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    let manage_token = str_of(&reg, "manage_token");
    client
        .get(format!("{}/api/v1/registrations/{manage_token}?x=secret-query", server.base()))
        .send()
        .await
        .expect("send");

    // Client errors: what was sent stays out of the logs, and none is logged as an error.
    let mut bad = registration("not an address", "online");
    bad["first_name"] = json!("SUBMITTED-CONTENT");
    let refused =
        client.post(format!("{}/api/v1/events/{event_id}/registrations", server.base())).json(&bad).send().await;
    assert_eq!(refused.expect("send").status().as_u16(), 422);
    let mut unknown_answer = registration("answers@example.org", "online");
    unknown_answer["answers"] = json!({"no_such_question": "SUBMITTED-ANSWER"});
    let refused = client
        .post(format!("{}/api/v1/events/{event_id}/registrations", server.base()))
        .json(&unknown_answer)
        .send()
        .await;
    assert_eq!(refused.expect("send").status().as_u16(), 422, "refused by the service, past the input checks");
    let import = client
        .post(format!("{}/api/v1/events/{event_id}/imports/registrations", server.base()))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body("SUBMITTED-HEADER;\u{fffd}\nAmina;x\n")
        .send()
        .await
        .expect("send");
    assert!(import.status().is_client_error(), "{}", import.status());

    server.signal("TERM").expect("kill -TERM");
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(status.is_some_and(|s| s.success()), "serve must exit cleanly within 10 s of SIGTERM");
    let logs = server.logs();
    assert!(logs.contains("/api/v1/registrations/{manage_token}"), "{logs}");
    for content in ["SUBMITTED-CONTENT", "SUBMITTED-ANSWER", "SUBMITTED-HEADER", "submitted_header", "not an address"] {
        assert!(!logs.contains(content), "submitted content reached the logs: {logs}");
    }
    let errors: Vec<&str> = logs.lines().filter(|l| l.contains("\"level\":\"ERROR\"")).collect();
    assert!(errors.is_empty(), "client errors logged as errors: {errors:?}");
    for secret in [manage_token.as_str(), "secret-query", token.as_str(), str_of(&reg, "ticket_code").as_str()] {
        assert!(!logs.contains(secret), "a secret reached the logs");
    }
    let json_lines = logs.lines().filter(|l| l.starts_with('{')).count();
    assert!(
        json_lines >= 3
            && logs.lines().filter(|l| l.starts_with('{')).all(|l| serde_json::from_str::<Value>(l).is_ok()),
        "{logs}"
    );
}

#[test]
fn serve_refuses_all_interfaces_without_a_base_url() {
    let out = Command::new(BIN)
        .arg("serve")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("CONVENE_BIND", "0.0.0.0:0")
        .env_remove("CONVENE_BASE_URL")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("CONVENE_BASE_URL"));
}

#[test]
fn user_add_generates_a_password_when_none_is_given() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let password = cli(&url, &["user", "add", "--email", "admin@example.org", "--role", "admin"], None);
    assert!(password.trim().len() >= 20, "{password:?}");
    let out = Convene::new(BIN, &url).run(&["user", "add", "--email", "admin@example.org", "--role", "admin"], None);
    assert!(!out.expect("runs").success, "a second account with the same email is refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_seeds_a_living_meeting_and_refuses_a_used_file() {
    let dir = tempfile::tempdir().expect("dir");
    let mut child = Command::new(BIN)
        .arg("demo")
        .current_dir(dir.path())
        .env("CONVENE_BIND", "127.0.0.1:0")
        .env_remove("CONVENE_BASE_URL")
        .env_remove("SMTP_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("demo starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut printed = Vec::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            printed.push(line.clone());
            if line.trim_start().starts_with("Password:") {
                tx.send(printed.clone()).ok();
            }
        }
    });
    let printed = rx.recv_timeout(Duration::from_secs(60)).expect("the demo starts").join("\n");
    assert!(printed.contains("Log in as:") && printed.contains("Password:"), "{printed}");
    let base = printed
        .lines()
        .find_map(|l| l.trim().strip_prefix("Back office:"))
        .map(|url| url.trim().trim_end_matches("/admin").to_owned())
        .expect("the back office's address");
    let page =
        reqwest::get(format!("{base}/e/annual-voluntary-return-and-reintegration-partner-meeting")).await.expect("get");
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.expect("text").contains("seats left"));
    let login = reqwest::get(format!("{base}/admin/login")).await.expect("get");
    assert_eq!(login.status().as_u16(), 200);
    // Tomorrow's workshop is open: a registrant there may still switch mode.
    let tomorrow = reqwest::get(format!("{base}/e/reintegration-counselling-workshop")).await.expect("get");
    let html = tomorrow.text().await.expect("text");
    assert!(html.contains("name=\"mode\""), "registration is open tomorrow");
    // Enter prints the login again.
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), b"\n").expect("enter");
    let again = rx.recv_timeout(Duration::from_secs(10)).expect("the login again").join("\n");
    assert_eq!(again.matches("Password:").count(), 2);
    child.kill().ok();
    child.wait().ok();

    let again = Command::new(BIN)
        .arg("demo")
        .current_dir(dir.path())
        .env("CONVENE_BIND", "127.0.0.1:0")
        .output()
        .expect("runs");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

/// Internationalized addresses (its own process: what the server learns of its SMTP server is
/// process-wide): a domain goes out as punycode; a non-ASCII local part, which this server
/// cannot take, fails for good with a clear reason, and such addresses are refused from then on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_ascii_addresses_go_out_as_punycode_or_fail_clearly_without_smtputf8() {
    let sink = SmtpSink::start_without_smtputf8().await;
    let database = TestDatabase::create().await;
    let token = organizer_token(&database.url);
    let smtp_url = sink.url();
    let server = serve(&database.url, "text", &[("SMTP_URL", smtp_url.as_str())]);
    let client = reqwest::Client::new();
    let event_id = create_event(&client, server.base(), &token, 10).await;
    let register = |email: &'static str| {
        client
            .post(format!("{}/api/v1/events/{event_id}/registrations", server.base()))
            .json(&registration(email, "online"))
            .send()
    };
    assert_eq!(register("amina@bücher.example").await.expect("send").status().as_u16(), 201);
    let received = sink.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(received[0].to, vec!["amina@xn--bcher-kva.example".to_owned()]);

    assert_eq!(register("siobhán.lambert@example.ie").await.expect("send").status().as_u16(), 201);
    let mails_url = format!("{}/api/v1/events/{event_id}/mails?status=failed", server.base());
    let started = Instant::now();
    let failed = loop {
        let list: Value =
            client.get(&mails_url).bearer_auth(&token).send().await.expect("send").json().await.expect("json");
        if let Some(mail) = list["items"].as_array().and_then(|items| items.first()).cloned() {
            break mail;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the mail did not fail: {}", server.logs());
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(failed["recipient"], "siobhán.lambert@example.ie");
    assert!(str_of(&failed, "last_error").contains("SMTPUTF8"), "{failed}");
    assert_eq!(failed["attempts"], 1, "not retried: it cannot succeed");

    let refused = register("lucía.rahimi@example.be").await.expect("send");
    assert_eq!(refused.status().as_u16(), 422);
    let body: Value = refused.json().await.expect("json");
    assert!(str_of(&body["error"]["fields"], "email").contains("before the @"), "{body}");
    sink.stop();
}
