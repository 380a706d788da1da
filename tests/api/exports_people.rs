//! API.md "Exports for people": `?preset=people&lang=…` reads as an organizer would (words,
//! local date-times, cancelled rows left out, a dated file name; in XLSX date cells, fitted
//! widths, a frozen header and filters, text exactly as entered), while the default stays
//! byte for byte the published format scripts rely on.

use std::io::Read;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use reqwest::Method;
use serde_json::{Value, json};

use crate::exports::parse;
use crate::helpers::{TestApp, json as body_json, str_of};

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    let response = app.client.get(app.url(path)).bearer_auth(&app.organizer_token).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    response
}

async fn register(app: &TestApp, event_id: &str, first: &str, org: &str, mode: &str) -> Value {
    let body = json!({"first_name": first, "last_name": "Peeters", "email": format!("{}@example.org", first.to_lowercase()),
                      "organization": org, "mode": mode, "language": "fr", "consent": true});
    body_json(app.register_body(event_id, body).await).await
}

#[tokio::test]
async fn the_people_csv_has_words_local_times_no_cancelled_rows_and_a_dated_name() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let amina = register(&app, &event_id, "Amina", "+32 470 12 34 56", "in_person").await;
    let gone = register(&app, &event_id, "Gone", "X", "online").await;
    app.manage(Method::DELETE, &str_of(&gone, "manage_token"), None).await;

    let response = get(&app, &format!("/api/v1/events/{event_id}/attendees.csv?preset=people&lang=fr")).await;
    let disposition = response.headers()["content-disposition"].to_str().expect("ascii").to_owned();
    let today = Utc::now().with_timezone(&chrono_tz::Europe::Brussels).format("%Y-%m-%d").to_string();
    assert!(disposition.ends_with(&format!("-people-{today}.csv\"")), "{disposition}");
    let bytes = response.bytes().await.expect("body");
    let (header, rows) = parse(&bytes, b',');
    assert_eq!(header[..4], ["Prénom", "Nom", "E-mail", "Organisation"]);
    assert!(header.contains(&"Connexion en ligne".to_owned()) && !header.contains(&"registration_id".to_owned()));
    assert_eq!(rows.len(), 1, "the cancelled registration is left out");
    let row = &rows[0];
    assert_eq!(
        (row["Participation"].as_str(), row["Statut"].as_str(), row["Langue"].as_str()),
        ("Sur place", "Confirmée", "Français")
    );
    assert_eq!(row["Organisation"], "'+32 470 12 34 56", "the CSV keeps the published formula guard");
    // A local date-time in the event's zone, which spreadsheets read as a date.
    let registered = NaiveDateTime::parse_from_str(&row["Inscription"], "%Y-%m-%d %H:%M").expect("a local date-time");
    let created = DateTime::parse_from_rfc3339(&str_of(&amina, "created_at")).expect("time").with_timezone(&Utc);
    let local = Tz::Europe__Brussels.from_local_datetime(&registered).single().expect("unambiguous");
    assert!((local.with_timezone(&Utc) - created).num_seconds().abs() < 60, "{registered} vs {created}");

    let asked =
        get(&app, &format!("/api/v1/events/{event_id}/attendees.csv?preset=people&lang=nl&status=cancelled")).await;
    let (header, rows) = parse(&asked.bytes().await.expect("body"), b',');
    assert_eq!(header[0], "Voornaam");
    assert_eq!((rows.len(), rows[0]["Status"].as_str()), (1, "Geannuleerd"), "cancelled rows when asked for");
    app.stop().await;
}

#[tokio::test]
async fn the_published_csv_is_byte_for_byte_the_script_format() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let reg = register(&app, &event_id, "Amina", "=cmd", "in_person").await;
    let gone = register(&app, &event_id, "Gone", "X", "online").await;
    app.manage(Method::DELETE, &str_of(&gone, "manage_token"), None).await;
    let bytes = get(&app, &format!("/api/v1/events/{event_id}/attendees.csv")).await.bytes().await.expect("body");
    let time = |v: &Value, key: &str| {
        DateTime::parse_from_rfc3339(&str_of(v, key))
            .expect("time")
            .with_timezone(&chrono_tz::Europe::Brussels)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    };
    let expected = format!(
        "registration_id,first_name,last_name,email,organization,mode,status,language,registered_at,checked_in_at,joined_online_at\r\n\
         {},Amina,Peeters,amina@example.org,'=cmd,in_person,confirmed,fr,{},,\r\n\
         {},Gone,Peeters,gone@example.org,X,online,cancelled,fr,{},,\r\n",
        str_of(&reg, "id"),
        time(&reg, "created_at"),
        str_of(&gone, "id"),
        time(&gone, "created_at"),
    );
    assert_eq!(String::from_utf8_lossy(&bytes), expected);
    app.stop().await;
}

#[tokio::test]
async fn the_people_xlsx_has_date_cells_fitted_widths_a_frozen_header_and_filters() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    register(&app, &event_id, "Amina", "+32 470 12 34 56", "in_person").await;
    register(&app, &event_id, "Noor", "Agentschap Integratie en Inburgering — Antwerpen", "online").await;
    let response = get(&app, &format!("/api/v1/events/{event_id}/attendees.xlsx?preset=people&lang=fr")).await;
    assert!(response.headers()["content-disposition"].to_str().unwrap_or("").contains("-people-"));
    let bytes = response.bytes().await.expect("body").to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut sheet = String::new();
    archive.by_name("xl/worksheets/sheet1.xml").expect("sheet").read_to_string(&mut sheet).expect("utf-8");
    assert!(sheet.contains(">Prénom<") && sheet.contains(">Sur place<") && sheet.contains(">Confirmée<"), "{sheet}");
    assert!(sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"1\""), "a frozen header row");
    assert!(sheet.contains("<autoFilter ref=\"A1:"), "filters on the header");
    let widths: Vec<f64> =
        sheet.split("width=\"").skip(1).filter_map(|rest| rest.split('"').next()?.parse().ok()).collect();
    assert!(widths.len() >= 5 && widths.iter().any(|w| *w > 40.0), "widths fitted to content: {widths:?}");
    assert!(sheet.contains(">+32 470 12 34 56<") && !sheet.contains("'+32"), "text exactly as entered");
    let mut styles = String::new();
    archive.by_name("xl/styles.xml").expect("styles").read_to_string(&mut styles).expect("utf-8");
    assert!(styles.contains("formatCode=\"yyyy-mm-dd hh:mm\""), "a date format: {styles}");
    assert!(!styles.contains("quotePrefix"), "no visible guard");
    // The registration time is a number (a date serial) in a date-styled cell, not text.
    let date_cell = sheet.split("<c r=\"H2\"").nth(1).and_then(|c| c.split("</c>").next()).expect("H2");
    assert!(!date_cell.contains("t=\"") && date_cell.contains("<v>46"), "a date serial: {date_cell}");
    app.stop().await;
}
