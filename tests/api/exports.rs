//! Attendee exports through the HTTP endpoints, parsed as a spreadsheet would: header and
//! order, filters, Excel options, formula protection, database state, roles, and streaming.

use std::io::Read;

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, checkin, online_join, registration};
use reqwest::Method;
use sea_orm::{EntityTrait, IntoActiveModel};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use uuid::Uuid;

use crate::helpers::{TestApp, expect_error, json, str_of, write};

pub const HEADER: [&str; 11] = [
    "registration_id",
    "first_name",
    "last_name",
    "email",
    "organization",
    "mode",
    "status",
    "language",
    "registered_at",
    "checked_in_at",
    "joined_online_at",
];

/// GETs an export with the organizer's token; returns (content type, body bytes).
pub async fn export(app: &TestApp, event_id: &str, query: &str) -> (String, Vec<u8>) {
    let url = app.url(&format!("/api/v1/events/{event_id}/attendees.csv{query}"));
    let response = app.client.get(url).bearer_auth(&app.organizer_token).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200, "GET attendees.csv{query}");
    let content_type = response.headers()["content-type"].to_str().expect("ascii").to_owned();
    (content_type, response.bytes().await.expect("body").to_vec())
}

/// Parses CSV bytes into (header, rows as maps).
pub fn parse(bytes: &[u8], delimiter: u8) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(bytes);
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            header.iter().cloned().zip(r.iter().map(str::to_owned)).collect()
        })
        .collect();
    (header, rows)
}

async fn register(app: &TestApp, event_id: &str, body: Value) -> Value {
    let response = app.register_body(event_id, body).await;
    assert_eq!(response.status().as_u16(), 201);
    json(response).await
}

fn person(first: &str, last: &str, email: &str, org: &str, mode: &str) -> Value {
    json!({"first_name": first, "last_name": last, "email": email, "organization": org, "mode": mode,
           "language": "nl", "consent": true})
}

#[tokio::test]
async fn the_csv_has_the_documented_header_then_one_row_per_registration_in_order_and_no_token() {
    let app = TestApp::spawn().await;
    let event = app
        .create_event(json!({"questions": [
            {"key": "dietary", "kind": "text", "required": false, "label": {"en": "Dietary needs"}},
            {"key": "newsletter", "kind": "boolean", "required": false, "label": {"en": "Newsletter"}}]}))
        .await;
    let event_id = str_of(&event, "id");
    let mut first = person("Amina", "El Idrissi", "amina@example.org", "Caritas", "in_person");
    first["answers"] = json!({"dietary": "vegetarian", "newsletter": true});
    let a = register(&app, &event_id, first).await;
    let b = register(&app, &event_id, person("Pieter", "Goossens", "pieter@example.org", "Fedasil", "online")).await;

    let (content_type, body) = export(&app, &event_id, "").await;
    assert_eq!(content_type, "text/csv; charset=utf-8");
    let (header, rows) = parse(&body, b',');
    let mut expected: Vec<&str> = HEADER.to_vec();
    expected.extend(["dietary", "newsletter"]);
    assert_eq!(header, expected);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["registration_id"], str_of(&a, "id"));
    assert_eq!(rows[1]["registration_id"], str_of(&b, "id"));
    assert_eq!(
        (rows[0]["first_name"].as_str(), rows[0]["email"].as_str(), rows[0]["mode"].as_str()),
        ("Amina", "amina@example.org", "in_person")
    );
    assert_eq!((rows[0]["status"].as_str(), rows[0]["language"].as_str()), ("confirmed", "nl"));
    assert_eq!((rows[0]["dietary"].as_str(), rows[0]["newsletter"].as_str()), ("vegetarian", "true"));
    assert_eq!((rows[1]["dietary"].as_str(), rows[1]["checked_in_at"].as_str()), ("", ""));
    let registered = DateTime::parse_from_rfc3339(&rows[0]["registered_at"]).expect("RFC 3339");
    let created = DateTime::parse_from_rfc3339(&str_of(&a, "created_at")).expect("RFC 3339");
    assert_eq!(registered.timestamp(), created.timestamp());
    let text = String::from_utf8(body).expect("UTF-8");
    let join_url = str_of(&b, "join_url");
    let join_token = join_url.rsplit('/').next().unwrap_or("");
    for secret in [str_of(&a, "ticket_code"), str_of(&a, "manage_token"), str_of(&b, "manage_token")] {
        assert!(!text.contains(&secret), "a token reached the export");
    }
    assert!(join_token.len() > 20 && !text.contains(join_token), "the join token stays out");
    app.stop().await;
}

async fn insert_checkin(app: &TestApp, event_id: Uuid, registration_id: Uuid, at: DateTime<Utc>, undone: bool) {
    let row = checkin::Model {
        id: Uuid::now_v7(),
        event_id,
        registration_id,
        active_registration_id: (!undone).then_some(registration_id),
        checked_in_at: at,
        desk: "test desk".into(),
        user_id: None,
        undone_at: undone.then_some(at),
        undone_by: undone.then(|| "test".to_owned()),
    };
    write(&app.db, move |txn| Box::pin(checkin::Entity::insert(row.into_active_model()).exec_without_returning(txn)))
        .await;
}

async fn insert_join(app: &TestApp, event_id: Uuid, registration_id: Uuid, at: DateTime<Utc>) {
    let row = online_join::Model {
        id: Uuid::now_v7(),
        event_id,
        registration_id,
        first_joined_at: at,
        last_joined_at: at + chrono::Duration::minutes(20),
        join_count: 2,
        source: "link".into(),
    };
    write(&app.db, move |txn| {
        Box::pin(online_join::Entity::insert(row.into_active_model()).exec_without_returning(txn))
    })
    .await;
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).expect("time").with_timezone(&Utc)
}

fn uuid(v: &Value) -> Uuid {
    Uuid::parse_str(&str_of(v, "id")).expect("uuid")
}

#[tokio::test]
async fn filters_and_the_check_in_and_join_columns_follow_the_database() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 2})).await;
    let event_id = str_of(&event, "id");
    let eid = Uuid::parse_str(&event_id).expect("uuid");
    let seated = json(app.register(&event_id, "seated@example.org", "in_person").await).await;
    let undone = json(app.register(&event_id, "undone@example.org", "in_person").await).await;
    let waiting = json(app.register(&event_id, "waiting@example.org", "in_person").await).await;
    let online = json(app.register(&event_id, "online@example.org", "online").await).await;
    let gone = json(app.register(&event_id, "gone@example.org", "online").await).await;
    app.manage(Method::DELETE, &str_of(&gone, "manage_token"), None).await;
    assert_eq!(waiting["status"], "waitlisted");
    insert_checkin(&app, eid, uuid(&seated), at("2026-12-13T08:47:03Z"), false).await;
    insert_checkin(&app, eid, uuid(&undone), at("2026-12-13T08:50:00Z"), true).await;
    insert_join(&app, eid, uuid(&online), at("2026-12-13T08:31:00Z")).await;

    let ids = |query: &'static str| {
        let app = &app;
        let event_id = &event_id;
        async move {
            let (_, body) = export(app, event_id, query).await;
            parse(&body, b',').1.iter().map(|r| r["email"].clone()).collect::<Vec<_>>()
        }
    };
    assert_eq!(ids("").await.len(), 5, "every registration, cancelled too");
    assert_eq!(ids("?mode=online").await, ["online@example.org", "gone@example.org"]);
    assert_eq!(ids("?status=waitlisted").await, ["waiting@example.org"]);
    assert_eq!(ids("?status=cancelled").await, ["gone@example.org"]);
    assert_eq!(ids("?checked_in=true").await, ["seated@example.org"], "an undone check-in does not count");
    assert_eq!(ids("?checked_in=false&mode=in_person").await, ["undone@example.org", "waiting@example.org"]);
    assert_eq!(ids("?mode=in_person&status=confirmed&checked_in=true").await, ["seated@example.org"]);

    let (_, body) = export(&app, &event_id, "").await;
    let (_, rows) = parse(&body, b',');
    let by_email = |e: &str| rows.iter().find(|r| r["email"] == e).expect("row").clone();
    // Times are in the event's zone (Europe/Brussels, +01:00 in December).
    assert_eq!(by_email("seated@example.org")["checked_in_at"], "2026-12-13T09:47:03+01:00");
    assert_eq!(by_email("undone@example.org")["checked_in_at"], "");
    assert_eq!(by_email("online@example.org")["joined_online_at"], "2026-12-13T09:31:00+01:00");
    assert_eq!(by_email("seated@example.org")["joined_online_at"], "");
    assert_eq!(by_email("gone@example.org")["status"], "cancelled");
    app.stop().await;
}

#[tokio::test]
async fn semicolon_tab_and_bom_suit_excel_and_formula_cells_are_quoted_while_non_latin_names_survive() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    register(&app, &event_id, person("李", "伟", "li.wei@example.org", formula, "online")).await;
    register(&app, &event_id, person("+32 2 555 01 01", "-", "phone@example.org", "@SUM(A1); Brussels", "online"))
        .await;
    register(&app, &event_id, person("Zoë", "Öztürk", "zoe@example.org", "Myria", "in_person")).await;

    let (_, body) = export(&app, &event_id, "?delimiter=semicolon&bom=true").await;
    assert!(body.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark");
    let (header, rows) = parse(&body[3..], b';');
    assert_eq!(header[..11], HEADER);
    assert_eq!((rows[0]["first_name"].as_str(), rows[0]["last_name"].as_str()), ("李", "伟"));
    assert_eq!(rows[0]["organization"], format!("'{formula}"));
    assert_eq!(rows[1]["first_name"], "'+32 2 555 01 01", "the text is kept after the quote");
    assert_eq!(rows[1]["last_name"], "'-");
    assert_eq!(rows[1]["organization"], "'@SUM(A1); Brussels");
    assert_eq!((rows[2]["first_name"].as_str(), rows[2]["last_name"].as_str()), ("Zoë", "Öztürk"));
    for row in &rows {
        for cell in row.values() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} could run as a formula");
        }
    }

    let (_, tab) = export(&app, &event_id, "?delimiter=tab").await;
    assert!(!tab.starts_with(&[0xEF]), "no BOM unless asked");
    let (header, rows) = parse(&tab, b'\t');
    assert_eq!(header.len(), 11);
    assert_eq!(rows[2]["organization"], "Myria");
    app.stop().await;
}

#[tokio::test]
async fn invalid_options_are_422_naming_the_field_and_only_organizers_may_export() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    for (query, field) in [
        ("mode=hybrid", "mode"),
        ("status=maybe", "status"),
        ("checked_in=yes", "checked_in"),
        ("delimiter=pipe", "delimiter"),
        ("bom=please", "bom"),
    ] {
        for ext in ["csv", "xlsx"] {
            if ext == "xlsx" && (field == "delimiter" || field == "bom") {
                continue;
            }
            let url = app.url(&format!("/api/v1/events/{event_id}/attendees.{ext}?{query}"));
            let response = app.client.get(url).bearer_auth(&app.organizer_token).send().await.expect("request");
            let body = expect_error(response, 422, "validation").await;
            assert!(body["error"]["fields"][field].is_string(), "{body}");
        }
    }
    for path in [
        format!("/api/v1/events/{event_id}/attendees.csv"),
        format!("/api/v1/events/{event_id}/attendees.xlsx"),
        format!("/admin/events/{event_id}/checkin-list"),
    ] {
        let response = app.client.get(app.url(&path)).bearer_auth(&app.checkin_token).send().await.expect("request");
        expect_error(response, 403, "forbidden").await;
        let response = app.client.get(app.url(&path)).send().await.expect("request");
        if path.ends_with("checkin-list") {
            // A page: the login page, not a JSON 401.
            assert_eq!(response.url().path(), "/admin/login", "{path}");
        } else {
            assert_eq!(response.status().as_u16(), 401, "{path}");
        }
    }
    let unknown = app.url(&format!("/api/v1/events/{}/attendees.csv", Uuid::now_v7()));
    let response = app.client.get(unknown).bearer_auth(&app.organizer_token).send().await.expect("request");
    expect_error(response, 404, "not_found").await;
    app.stop().await;
}

#[tokio::test]
async fn the_xlsx_export_holds_the_same_rows_as_text_cells() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    register(&app, &event_id, person("李", "伟", "li.wei@example.org", formula, "online")).await;
    register(&app, &event_id, person("Zoë", "<Öztürk>", "zoe@example.org", "Myria", "in_person")).await;

    let url = app.url(&format!("/api/v1/events/{event_id}/attendees.xlsx?mode=online"));
    let response = app.client.get(url).bearer_auth(&app.organizer_token).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = response.bytes().await.expect("body").to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut sheet = String::new();
    archive.by_name("xl/worksheets/sheet1.xml").expect("sheet").read_to_string(&mut sheet).expect("utf-8");
    for column in HEADER {
        assert!(sheet.contains(&format!(">{column}<")), "header {column}");
    }
    assert!(sheet.contains(">李<") && sheet.contains("li.wei@example.org"));
    let escaped = "=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)";
    assert!(sheet.contains(formula) || sheet.contains(escaped), "text kept whole: {sheet}");
    assert!(!sheet.contains("<f>"), "no cell is a formula");
    assert!(!sheet.contains("zoe@example.org"), "the mode filter applies");
    let mut styles = String::new();
    archive.by_name("xl/styles.xml").expect("styles").read_to_string(&mut styles).expect("utf-8");
    assert!(styles.contains("quotePrefix=\"1\""), "formula-like text carries Excel's quote prefix");
    app.stop().await;
}

#[tokio::test]
async fn the_checkin_list_is_sorted_by_last_name_escaped_and_printable() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    register(&app, &event_id, person("Karim", "Vermeulen", "karim@example.org", "Myria", "in_person")).await;
    register(&app, &event_id, person("Zoë", "Öztürk", "zoe@example.org", "<script>alert(1)</script>", "online")).await;
    register(&app, &event_id, person("Éloïse", "Dubois", "eloise@example.org", "CIRÉ", "in_person")).await;
    let gone = register(&app, &event_id, person("Gone", "Aaron", "gone@example.org", "X", "online")).await;
    app.manage(Method::DELETE, &str_of(&gone, "manage_token"), None).await;

    let url = app.url(&format!("/admin/events/{event_id}/checkin-list"));
    let response = app.client.get(url).bearer_auth(&app.organizer_token).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap_or("").starts_with("text/html"));
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(response.headers()["content-security-policy"].to_str().unwrap_or("").contains("default-src 'self'"));
    let html = response.text().await.expect("html");
    assert!(html.contains("checkin-list.css"), "printed with its own stylesheet");
    let anonymous = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let login = anonymous.get(app.url(&format!("/admin/events/{event_id}/checkin-list"))).send().await.expect("send");
    assert_eq!(login.status().as_u16(), 303, "someone not logged in is sent to the login page");
    assert!(!html.contains("<script>alert(1)</script>") && html.contains("&lt;script&gt;"));
    assert!(!html.contains("Aaron"), "cancelled registrations are not on the list");
    let positions: Vec<usize> =
        ["Dubois", "Öztürk", "Vermeulen"].iter().map(|n| html.find(n).expect("listed")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "sorted by last name: {positions:?}");
    assert_eq!(html.matches("☐").count(), 3, "a box to tick per person");
    app.stop().await;
}

/// Inserts `n` confirmed registrations in one transaction, fast.
async fn seed(app: &TestApp, event_id: Uuid, n: usize) {
    write(&app.db, move |txn| {
        Box::pin(async move {
            let now = Utc::now();
            let organization = "Agentschap Integratie en Inburgering — Afdeling Antwerpen ".repeat(4);
            for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
                let rows = chunk.iter().map(|i| {
                    let email = format!("seed{i}@example.org");
                    registration::Model {
                        id: Uuid::now_v7(),
                        event_id,
                        first_name: Some(format!("Seed{i}")),
                        last_name: Some("Partner".into()),
                        email: Some(email.clone()),
                        active_email: Some(email),
                        organization: organization.clone(),
                        organization_key: Some(convene::seats::organizations::organization_key(&organization)),
                        waitlist_reason: None,
                        transferred_revision: None,
                        mode: AttendanceMode::Online,
                        status: RegistrationStatus::Confirmed,
                        queue_seq: *i as i64,
                        language: entity::Language::En,
                        ticket_code: Some(Uuid::new_v4().simple().to_string().to_uppercase()),
                        manage_token: Some(format!("m{}", Uuid::new_v4().simple())),
                        join_token: Some(format!("j{}", Uuid::new_v4().simple())),
                        ticket_code_sealed: Some(String::new()),
                        manage_token_sealed: Some(String::new()),
                        join_token_sealed: Some(String::new()),
                        consent_at: now,
                        consent_source: "seed".into(),
                        answers: Default::default(),
                        created_at: now,
                        updated_at: now,
                        confirmed_at: Some(now),
                        cancelled_at: None,
                        link_resent_at: None,
                        reminder_sent_at: None,
                        calendar_sequence: 0,
                        held_seat: false,
                        index_revision: 0,
                        erased_at: None,
                        consent_text: None,
                        consent_version: None,
                        consent_language: None,
                        consent_privacy_url: None,
                    }
                    .into_active_model()
                });
                registration::Entity::insert_many(rows).exec_without_returning(txn).await?;
            }
            Ok(())
        })
    })
    .await;
}

/// Reads one HTTP/1.1 chunk (`None` at the last, empty chunk).
async fn read_chunk(reader: &mut BufReader<tokio::net::TcpStream>) -> Option<Vec<u8>> {
    let mut size_line = String::new();
    reader.read_line(&mut size_line).await.expect("chunk size");
    let size = usize::from_str_radix(size_line.trim().split(';').next().unwrap_or(""), 16).expect("hex size");
    let mut data = vec![0; size + 2];
    reader.read_exact(&mut data).await.expect("chunk data");
    data.truncate(size);
    (size > 0).then_some(data)
}

#[tokio::test]
async fn the_export_is_streamed_and_its_first_rows_arrive_before_the_table_is_read_to_the_end() {
    // Arrange: about 10 MB of CSV, far more than the socket buffers between the server and a
    // client that reads slowly (its receive buffer is set small, which also stops the kernel
    // from growing it).
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"online_capacity": null})).await, "id");
    let n = 20_000;
    seed(&app, Uuid::parse_str(&event_id).expect("uuid"), n).await;

    let address = app.base.trim_start_matches("http://").parse().expect("socket address");
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(16 * 1024).expect("small receive buffer");
    let mut stream = socket.connect(address).await.expect("connect");
    let request = format!(
        "GET /api/v1/events/{event_id}/attendees.csv HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        app.organizer_token
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut reader = BufReader::new(stream);
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).await.expect("header line");
        if line == "\r\n" {
            break;
        }
        head.push(line.trim_end().to_ascii_lowercase());
    }
    assert!(head[0].starts_with("http/1.1 200"), "{head:?}");
    assert!(head.iter().any(|h| h == "transfer-encoding: chunked"), "chunked: {head:?}");
    assert!(!head.iter().any(|h| h.starts_with("content-length")), "no Content-Length: {head:?}");

    // Act: take the first rows, then register someone new while the response is under way.
    let mut body = Vec::new();
    while body.iter().filter(|b| **b == b'\n').count() < 3 {
        body.extend(read_chunk(&mut reader).await.expect("a first chunk"));
    }
    let late = app.register(&event_id, "late.comer@example.org", "online").await;
    assert_eq!(late.status().as_u16(), 201);
    while let Some(chunk) = read_chunk(&mut reader).await {
        body.extend(chunk);
    }

    // Assert: the newcomer is in the file, so the server had not read the table to its end
    // when the first rows were already on their way.
    let (_, rows) = parse(&body, b',');
    assert_eq!(rows.len(), n + 1);
    assert_eq!(rows[0]["first_name"], "Seed0");
    assert_eq!(rows[n]["email"], "late.comer@example.org", "rows read after the first chunk was sent");
    app.stop().await;
}

#[tokio::test]
async fn an_event_without_registrations_exports_the_header_alone() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let (_, body) = export(&app, &event_id, "?bom=false").await;
    assert_eq!(String::from_utf8(body).expect("utf-8"), format!("{}\r\n", HEADER.join(",")));
    app.stop().await;
}
