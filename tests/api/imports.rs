//! Imports over copies of the sample partner list and attendance report (tests/fixtures):
//! every special row's outcome, dry runs, capacity, consent, mail, invitations, the CLI.

use convene_test_support::process::Convene;
use std::time::Duration;

use chrono::{DateTime, Utc};
use convene::domain::EmailAddress;
use convene::imports::invitations;
use entity::{Role, invitation, online_join, registration};
use reqwest::Method;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::exports::{HEADER, parse};
use crate::helpers::{TestApp, TestDatabase, expect_error, json, str_of, write};
use crate::smtp::SmtpSink;

const PARTNERS: &[u8] = include_bytes!("../fixtures/partners.csv");
const PARTICIPANTS: &[u8] = include_bytes!("../fixtures/online-participants.csv");

async fn post(app: &TestApp, event_id: &str, what: &str, query: &str, body: Vec<u8>) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/events/{event_id}/imports/{what}{query}")))
        .bearer_auth(&app.organizer_token)
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .expect("request")
}

pub async fn import(app: &TestApp, event_id: &str, what: &str, query: &str, body: &[u8]) -> Value {
    let response = post(app, event_id, what, query, body.to_vec()).await;
    assert_eq!(response.status().as_u16(), 200, "import {what}{query}");
    json(response).await
}

/// The report entry of file line `line`.
fn row(report: &Value, line: u64) -> &Value {
    report["rows"].as_array().expect("rows").iter().find(|r| r["row"] == line).expect("a report row for that line")
}

async fn count(app: &TestApp, sql: &str, event_id: &str) -> i64 {
    let id = Uuid::parse_str(event_id).expect("uuid");
    let statement = convene::db::stmt(app.db.backend(), sql, vec![id.into()]);
    let row = app.db.read().query_one_raw(statement).await.expect("query").expect("row");
    row.try_get::<i64>("", "n").expect("count")
}

async fn registrations(app: &TestApp, event_id: &str) -> i64 {
    count(app, "SELECT COUNT(*) AS n FROM registration WHERE event_id = ?", event_id).await
}

async fn outbox(app: &TestApp, event_id: &str) -> i64 {
    count(app, "SELECT COUNT(*) AS n FROM outbox_email WHERE event_id = ?", event_id).await
}

async fn by_email(app: &TestApp, event_id: &str, email: &str) -> registration::Model {
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(Uuid::parse_str(event_id).expect("uuid")))
        .filter(registration::Column::Email.eq(email))
        .one(app.db.read())
        .await
        .expect("query")
        .expect("registered")
}

#[tokio::test]
async fn the_partner_list_imports_with_the_right_outcome_for_every_special_row() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");

    let report = import(&app, &event_id, "registrations", "", PARTNERS).await;

    assert_eq!(report["dry_run"], false);
    assert_eq!(report["rows"].as_array().map(Vec::len), Some(187));
    assert!((2..=181).all(|line| row(&report, line)["outcome"] == "created"), "the 180 ordinary rows");
    let geert = row(&report, 182);
    assert_eq!((&geert["outcome"], &geert["email"]), (&json!("created"), &json!("geert.vandamme@fedasil.be")));
    let twice = row(&report, 183);
    assert_eq!(twice["outcome"], "duplicate_in_file");
    assert!(twice["reason"].as_str().unwrap_or("").contains("row 182"), "{twice}");
    assert_eq!(row(&report, 184)["outcome"], "invalid_email");
    assert_eq!(row(&report, 185)["outcome"], "created", "a formula is data: kept, and quoted on export");
    assert_eq!(row(&report, 186)["outcome"], "created", "a long organization fits");
    assert_eq!(row(&report, 187)["outcome"], "created", "non-Latin names");
    let omar = row(&report, 188);
    assert_eq!(omar["outcome"], "missing_name");
    assert!(omar["reason"].as_str().unwrap_or("").contains("last_name"), "{omar}");
    assert_eq!(report["summary"]["created"], 184);
    assert_eq!(report["summary"]["skipped"], 3);

    // Capacity and waitlist as for any registration: 60 seats in the room.
    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 60);
    assert_eq!(report["summary"]["waitlisted"], stats["in_person"]["waitlisted"]);
    assert_eq!(stats["registered"], 184);

    // Trimmed, normalized, consent recorded, and no mail without --notify.
    let geert = by_email(&app, &event_id, "geert.vandamme@fedasil.be").await;
    assert_eq!((geert.first_name(), geert.last_name(), geert.language.code()), ("Geert", "Vandamme", "nl"));
    assert_eq!(geert.mode, entity::AttendanceMode::InPerson, "the first of the two rows counts");
    assert_eq!(geert.consent_source, "imported by organizer@example.org");
    let formula = by_email(&app, &event_id, "emmanuel.formula@example.org").await;
    assert_eq!(formula.organization, "=HYPERLINK(\"http://evil.example\",\"click\")");
    let long = by_email(&app, &event_id, "as.devries@agentschapintegratieeninburgering.be").await;
    assert_eq!(
        long.organization,
        "Agentschap Integratie en Inburgering — Afdeling Antwerpen, Team Terugkeer en Re-integratie"
    );
    let li = by_email(&app, &event_id, "li.wei@example.org").await;
    assert_eq!((li.first_name(), li.last_name()), ("李", "伟"));
    assert_eq!(outbox(&app, &event_id).await, 0, "no mail without notify");

    // The export quotes the formula the import kept.
    let (_, csv) = crate::exports::export(&app, &event_id, "").await;
    let (_, rows) = parse(&csv, b',');
    let exported = rows.iter().find(|r| r["email"] == "emmanuel.formula@example.org").expect("exported");
    assert_eq!(exported["organization"], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    app.stop().await;
}

#[tokio::test]
async fn a_dry_run_reports_exactly_what_the_import_does_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");

    let rehearsal = import(&app, &event_id, "registrations", "?dry_run=true&notify=true", PARTNERS).await;
    assert_eq!(rehearsal["dry_run"], true);
    assert_eq!(registrations(&app, &event_id).await, 0);
    assert_eq!(outbox(&app, &event_id).await, 0);
    let stats = app.stats(&event_id).await;
    assert_eq!((stats["in_person"]["confirmed"].as_i64(), stats["registered"].as_i64()), (Some(0), Some(0)));

    let real = import(&app, &event_id, "registrations", "", PARTNERS).await;
    let outcomes = |r: &Value| {
        r["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|x| (x["row"].clone(), x["outcome"].clone(), x["status"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(outcomes(&rehearsal), outcomes(&real));
    assert_eq!(rehearsal["summary"], real["summary"]);
    assert_eq!(registrations(&app, &event_id).await, 184);
    app.stop().await;
}

#[tokio::test]
async fn notify_queues_the_confirmation_and_waitlist_mails() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 1})).await, "id");
    let csv = "first_name,last_name,email,organization,language,mode\n\
               Amina,El Idrissi,amina@example.org,Caritas,fr,in_person\n\
               Pieter,Goossens,pieter@example.org,Fedasil,nl,in_person\n";

    let report = import(&app, &event_id, "registrations", "?notify=true", csv.as_bytes()).await;

    let amina = str_of(row(&report, 2), "registration_id");
    let pieter = str_of(row(&report, 3), "registration_id");
    assert_eq!((&row(&report, 2)["status"], &row(&report, 3)["status"]), (&json!("confirmed"), &json!("waitlisted")));
    assert_eq!(app.mails(&amina, "confirmation").await, 1);
    assert_eq!(app.mails(&pieter, "waitlisted").await, 1);
    assert_eq!(outbox(&app, &event_id).await, 2);
    app.stop().await;
}

#[tokio::test]
async fn a_full_mode_without_waitlist_and_existing_registrations_are_reported_per_row() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 2, "waitlist": false})).await;
    let event_id = str_of(&event, "id");
    let existing = json(app.register(&event_id, "amina@example.org", "online").await).await;
    // Semicolons, headers in other cases and spellings, an extra column, a language in capitals.
    let csv = "E-Mail;FIRST NAME;Last_Name;Phone;Mode;Langue\n\
               AMINA@example.org;Amina;El Idrissi;+32 2 555 01 01;online;fr\n\
               a@example.org;Ann;One;;In Person;NL\n\
               b@example.org;Bert;Two;;in_person;\n\
               c@example.org;Cleo;Three;;in_person;en\n\
               d@example.org;Dirk;Four;;hybrid;en\n\
               e@example.org;Eva;Five;;online;de\n";

    let report = import(&app, &event_id, "registrations", "?notify=true", csv.as_bytes()).await;

    let outcomes: Vec<&str> =
        report["rows"].as_array().expect("rows").iter().map(|r| r["outcome"].as_str().unwrap_or("")).collect();
    assert_eq!(
        outcomes,
        ["already_registered", "created", "created", "capacity_full", "invalid_mode", "invalid_language"]
    );
    assert_eq!(app.mails(&str_of(&existing, "id"), "manage_link").await, 0, "an import does not mail them again");
    assert_eq!(app.stats(&event_id).await["in_person"]["confirmed"], 2);
    let ann = by_email(&app, &event_id, "a@example.org").await;
    assert_eq!((ann.language.code(), ann.mode), ("nl", entity::AttendanceMode::InPerson));
    app.stop().await;
}

#[tokio::test]
async fn bad_files_and_requests_are_refused_before_anything_is_written() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let ok = PARTNERS.to_vec();

    let no_email = post(&app, &event_id, "registrations", "", b"first_name,last_name\nA,B\n".to_vec()).await;
    let body = expect_error(no_email, 422, "validation").await;
    assert!(body["error"]["fields"]["file"].as_str().unwrap_or("").contains("email"), "{body}");
    expect_error(post(&app, &event_id, "registrations", "", Vec::new()).await, 422, "validation").await;
    let flag = post(&app, &event_id, "registrations", "?dry_run=maybe", ok.clone()).await;
    assert!(expect_error(flag, 422, "validation").await["error"]["fields"]["dry_run"].is_string());
    let json_body = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/imports/registrations")))
        .bearer_auth(&app.organizer_token)
        .json(&json!({"rows": []}))
        .send()
        .await
        .expect("request");
    expect_error(json_body, 400, "bad_request").await;
    for what in ["registrations", "attendance"] {
        let url = app.url(&format!("/api/v1/events/{event_id}/imports/{what}"));
        let door = app.client.post(&url).bearer_auth(&app.checkin_token).header("content-type", "text/csv");
        expect_error(door.body(ok.clone()).send().await.expect("request"), 403, "forbidden").await;
        let anonymous = app.client.post(&url).header("content-type", "text/csv").body(ok.clone());
        expect_error(anonymous.send().await.expect("request"), 401, "unauthorized").await;
        let unknown = post(&app, &Uuid::now_v7().to_string(), what, "", ok.clone()).await;
        expect_error(unknown, 404, "not_found").await;
    }
    let draft = str_of(&app.create_event(json!({"status": "draft"})).await, "id");
    expect_error(post(&app, &draft, "registrations", "", ok.clone()).await, 409, "registration_closed").await;
    let huge = vec![b'a'; 10 * 1024 * 1024 + 1];
    expect_error(post(&app, &event_id, "registrations", "", huge).await, 413, "payload_too_large").await;
    assert_eq!(registrations(&app, &event_id).await, 0);

    // Bodies far above the JSON endpoints' 64 KiB are fine.
    let mut big = String::from("first_name,last_name,email,mode\n");
    for i in 0..2000 {
        big.push_str(&format!("Partner,Number {i},partner{i}@example.org,online\n"));
    }
    assert!(big.len() > 64 * 1024);
    let report = import(&app, &event_id, "registrations", "?dry_run=true", big.as_bytes()).await;
    assert_eq!(report["summary"]["created"], 2000);
    app.stop().await;
}

#[tokio::test]
async fn invitation_mode_mails_a_personal_link_that_prefills_the_form() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = TestApp::spawn_with(move |c| c.mail.smtp_url = Some(url)).await;
    let event = app.create_event(json!({})).await;
    let (event_id, slug) = (str_of(&event, "id"), str_of(&event, "slug"));
    app.register(&event_id, "already@example.org", "online").await;
    let csv = "first_name,last_name,email,organization,language,mode\n\
               Amina,El Idrissi,Amina@Example.org,Caritas <International>,fr,\n\
               Pieter,Goossens,pieter@example.org,Fedasil,nl,online\n\
               Al,Ready,already@example.org,X,en,online\n";

    let report = import(&app, &event_id, "registrations", "?invite=true", csv.as_bytes()).await;

    let outcomes: Vec<&str> =
        report["rows"].as_array().expect("rows").iter().map(|r| r["outcome"].as_str().unwrap_or("")).collect();
    assert_eq!(outcomes, ["invited", "invited", "already_registered"]);
    assert_eq!(report["summary"]["invited"], 2);
    assert_eq!(registrations(&app, &event_id).await, 1, "invitations register nobody");
    let amina = invitation::Entity::find()
        .filter(invitation::Column::Email.eq("amina@example.org"))
        .one(app.db.read())
        .await
        .expect("query")
        .expect("stored");
    let token = convene::secrets::open(&amina.token_sealed).expect("sealed with the test key");
    assert!(token.len() >= 22, "at least 128 random bits");
    assert_ne!(amina.token, token, "stored as its hash only");

    let prefill = invitations::find_by_token(app.db.read(), &token).await.expect("query").expect("found");
    assert_eq!((prefill.first_name.as_str(), prefill.last_name.as_str()), ("Amina", "El Idrissi"));
    assert_eq!((prefill.organization.as_str(), prefill.mode), ("Caritas <International>", None));
    assert_eq!(prefill.event_id.to_string(), event_id);
    assert_eq!(prefill.language, convene::domain::Language::Fr);

    let received = sink.wait_for(3, Duration::from_secs(30)).await;
    let mail = received
        .iter()
        .map(crate::mail::parse)
        .find(|m| m.to == "amina@example.org")
        .expect("the invitation reached Amina");
    assert!(mail.subject.starts_with("Invitation : "), "{}", mail.subject);
    let link = format!("{}/e/{slug}?invite={token}", app.base);
    assert!(mail.text.contains(&link), "{}", mail.text);
    assert!(mail.html.contains(&link.replace('&', "&amp;")), "{}", mail.html);

    let again = import(&app, &event_id, "registrations", "?invite=true", csv.as_bytes()).await;
    assert_eq!(row(&again, 2)["outcome"], "already_invited");
    assert!(invitations::find_by_token(app.db.read(), "not-a-token").await.expect("query").is_none());
    app.stop().await;
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

async fn join_of(app: &TestApp, event_id: &str, email: &str) -> Option<online_join::Model> {
    let reg = by_email(app, event_id, email).await;
    online_join::Entity::find()
        .filter(online_join::Column::RegistrationId.eq(reg.id))
        .one(app.db.read())
        .await
        .expect("query")
}

#[tokio::test]
async fn the_attendance_report_marks_joins_merges_reconnections_and_reports_the_rest() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    import(&app, &event_id, "registrations", "", PARTNERS).await;
    let cancelled = by_email(&app, &event_id, "zoe.haddad@cpasdeliege.be").await;
    let token = convene::secrets::open(cancelled.manage_token_sealed.as_deref().unwrap_or_default())
        .expect("sealed with the test key");
    app.manage(Method::DELETE, &token, None).await;
    // Anaïs already followed through her personal link, a little earlier than the report says.
    let anais = by_email(&app, &event_id, "anais.elamrani@ocmwantwerpen.lu").await;
    let link_join = online_join::Model {
        id: Uuid::now_v7(),
        event_id: anais.event_id,
        registration_id: anais.id,
        first_joined_at: utc("2021-12-13T08:30:00Z"),
        last_joined_at: utc("2021-12-13T08:30:00Z"),
        join_count: 1,
        source: "link".into(),
    };
    write(&app.db, move |txn| {
        Box::pin(online_join::Entity::insert(link_join.into_active_model()).exec_without_returning(txn))
    })
    .await;
    let mut report_file = PARTICIPANTS.to_vec();
    report_file.extend_from_slice(
        b"Unknown Person,unknown.person@example.org,12/13/2021 10:00:00 AM,12/13/2021 10:30:00 AM,30,No\r\n",
    );

    let dry = import(&app, &event_id, "attendance", "?dry_run=true", &report_file).await;
    assert!(join_of(&app, &event_id, "aicha.peeters@myria.lu").await.is_none(), "a dry run writes nothing");
    let report = import(&app, &event_id, "attendance", "", &report_file).await;

    assert_eq!(dry["summary"], report["summary"]);
    assert_eq!(row(&report, 2)["outcome"], "matched");
    assert_eq!(row(&report, 23)["outcome"], "matched");
    let again = row(&report, 24);
    assert_eq!(again["outcome"], "merged", "a reconnecting person appears twice");
    assert!(again["reason"].as_str().unwrap_or("").contains("row 23"), "{again}");
    assert_eq!(row(&report, 32)["outcome"], "merged");
    assert_eq!(
        (&row(&report, 33)["outcome"], &row(&report, 33)["reason"]),
        (&json!("unmatched"), &json!("registration_cancelled"))
    );
    assert_eq!((&row(&report, 72)["outcome"], &row(&report, 72)["reason"]), (&json!("unmatched"), &json!("no_email")));
    assert_eq!(row(&report, 72)["name"], "Guest caller");
    assert_eq!(
        (&row(&report, 73)["outcome"], &row(&report, 73)["reason"]),
        (&json!("unmatched"), &json!("no_such_registration"))
    );
    assert_eq!(report["summary"]["rows"], 72);
    assert_eq!(report["summary"]["unmatched"], 3);
    assert_eq!(report["summary"]["merged"], 2);
    assert_eq!(report["summary"]["registrations_marked"], 67);

    // US-style local times, read in the event's zone (Europe/Brussels, UTC+1 in December).
    let aicha = join_of(&app, &event_id, "aicha.peeters@myria.lu").await.expect("marked");
    assert_eq!(
        (aicha.first_joined_at, aicha.last_joined_at),
        (utc("2021-12-13T08:41:00Z"), utc("2021-12-13T10:05:00Z"))
    );
    assert_eq!((aicha.join_count, aicha.source.as_str()), (2, "import"));
    let anais = join_of(&app, &event_id, "anais.elamrani@ocmwantwerpen.lu").await.expect("marked");
    assert_eq!(
        (anais.first_joined_at, anais.last_joined_at),
        (utc("2021-12-13T08:30:00Z"), utc("2021-12-13T08:47:00Z"))
    );
    assert_eq!(anais.source, "link", "merged into the existing record");
    assert_eq!(app.stats(&event_id).await["online"]["joined"], 67);

    // Importing the same report again changes nothing.
    import(&app, &event_id, "attendance", "", &report_file).await;
    let aicha_again = join_of(&app, &event_id, "aicha.peeters@myria.lu").await.expect("marked");
    assert_eq!(aicha_again, aicha);
    let (_, csv) = crate::exports::export(&app, &event_id, "?mode=online").await;
    let (_, rows) = parse(&csv, b',');
    let exported = rows.iter().find(|r| r["email"] == "aicha.peeters@myria.lu").expect("exported");
    assert_eq!(exported["joined_online_at"], "2021-12-13T09:41:00+01:00");
    app.stop().await;
}

const BIN: &str = env!("CARGO_BIN_EXE_convene");

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary; returns (success, stdout, stderr).
fn convene(database_url: &str, args: &[&str]) -> (bool, String, String) {
    let ran = Convene::new(BIN, database_url).with_secret_key(crate::helpers::TEST_SECRET_KEY).run(args, None);
    let ran = ran.expect("convene runs");
    (ran.success, ran.stdout, ran.stderr)
}

#[tokio::test]
async fn the_command_line_imports_and_exports_through_the_real_binary() {
    let database = TestDatabase::create().await;
    let url = database.url.clone();
    let db = convene::db::Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let email = EmailAddress::parse("org@example.org").expect("email");
    write(&db, move |txn| {
        Box::pin(async move {
            Ok(convene::auth::service::create_user(txn, &email, Role::Organizer, "a long password", Utc::now()).await)
        })
    })
    .await
    .expect("organizer");
    let input: convene::events::input::EventInput = serde_json::from_value(json!({
        "title": "Partner Meeting", "slug": "partner-meeting", "starts_at": "2031-12-13T09:30:00+01:00",
        "ends_at": "2031-12-13T13:00:00+01:00", "timezone": "Europe/Brussels", "in_person_capacity": 60,
        "status": "published"}))
    .expect("event input");
    let spec = input.parse().expect("valid event");
    let event = write(&db, move |txn| {
        Box::pin(async move { Ok(convene::events::service::create(txn, spec, None, Utc::now()).await) })
    })
    .await
    .expect("event");
    let partners = fixture("partners.csv");

    let (ok, stdout, stderr) = convene(
        &url,
        &["import", "registrations", "partner-meeting", &partners, "--dry-run", "--as", "org@example.org"],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("row 183\tduplicate_in_file"), "{stdout}");
    assert!(stderr.contains("dry run, nothing written"), "{stderr}");
    let count = || async {
        registration::Entity::find()
            .filter(registration::Column::EventId.eq(event.id))
            .all(db.read())
            .await
            .expect("query")
    };
    assert!(count().await.is_empty());

    let (ok, stdout, stderr) =
        convene(&url, &["import", "registrations", "partner-meeting", &partners, "--as", "org@example.org", "--json"]);
    assert!(ok, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(report["summary"]["created"], 184);
    let registered = count().await;
    assert_eq!(registered.len(), 184);
    assert!(registered.iter().all(|r| r.consent_source == "imported by org@example.org"));
    let (ok, _, stderr) =
        convene(&url, &["import", "registrations", "partner-meeting", &partners, "--as", "nobody@example.org"]);
    assert!(!ok && stderr.contains("--as"), "{stderr}");

    let (ok, stdout, stderr) =
        convene(&url, &["import", "attendance", &event.id.to_string(), &fixture("online-participants.csv")]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("row 72\tunmatched\tGuest caller <>: no_email"), "{stdout}");

    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("attendees.csv");
    let out_str = out.to_str().expect("path");
    let (ok, _, stderr) = convene(
        &url,
        &[
            "export",
            "attendees",
            "partner-meeting",
            "--out",
            out_str,
            "--delimiter",
            "semicolon",
            "--bom",
            "--checked-in",
            "false",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(
        !stderr.contains('\r') && !stderr.contains("[="),
        "no progress bar when stderr is not a terminal: {stderr:?}"
    );
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let (header, rows) = parse(&bytes[3..], b';');
    assert_eq!(header, HEADER);
    assert_eq!(rows.len(), 184);
    assert_eq!(rows.iter().filter(|r| !r["joined_online_at"].is_empty()).count(), 68);

    let (ok, stdout, stderr) =
        convene(&url, &["export", "attendees", &event.id.to_string(), "--mode", "in_person", "--status", "confirmed"]);
    assert!(ok, "{stderr}");
    assert_eq!(parse(stdout.as_bytes(), b',').1.len(), 60, "to stdout without --out");

    let xlsx = dir.path().join("attendees.xlsx");
    let (ok, _, stderr) =
        convene(&url, &["export", "attendees", "partner-meeting", "--out", xlsx.to_str().expect("path")]);
    assert!(ok, "{stderr}");
    let archive =
        zip::ZipArchive::new(std::fs::File::open(&xlsx).expect("file")).expect("the format follows the extension");
    let mut archive = archive;
    assert!(archive.by_name("xl/worksheets/sheet1.xml").is_ok());

    let (ok, _, stderr) = convene(&url, &["export", "attendees", "partner-meeting", "--mode", "hybrid"]);
    assert!(!ok && stderr.contains("--mode"), "{stderr}");
    let (ok, _, stderr) = convene(&url, &["export", "attendees", "no-such-event"]);
    assert!(!ok && stderr.contains("no event"), "{stderr}");
    drop(db);
}
