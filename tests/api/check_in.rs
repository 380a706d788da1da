//! The door (API.md "Check-in"): every scan result, undo, walk-ins, an online registrant
//! taking a seat, staff search, and no registrant secret in any staff answer.

use futures::future::join_all;
use reqwest::{Method, Response};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, expect_error, json, registration, str_of, write};

async fn scan_with(app: &TestApp, token: &str, event_id: &str, code: &str) -> Response {
    app.client
        .post(app.url(&format!("/api/v1/events/{event_id}/checkins")))
        .bearer_auth(token)
        .json(&json!({ "code": code }))
        .send()
        .await
        .expect("request")
}

/// Scans as the door account and returns the 200 answer.
async fn scan(app: &TestApp, event_id: &str, code: &str) -> Value {
    let response = scan_with(app, &app.checkin_token, event_id, code).await;
    assert_eq!(response.status().as_u16(), 200, "a scan always answers 200");
    json(response).await
}

async fn undo(app: &TestApp, event_id: &str, registration_id: &str) -> Response {
    app.client
        .delete(app.url(&format!("/api/v1/events/{event_id}/checkins/{registration_id}")))
        .bearer_auth(&app.checkin_token)
        .send()
        .await
        .expect("request")
}

async fn walk_in(app: &TestApp, event_id: &str, body: Value) -> Response {
    app.client
        .post(app.url(&format!("/api/v1/events/{event_id}/walkins")))
        .bearer_auth(&app.checkin_token)
        .json(&body)
        .send()
        .await
        .expect("request")
}

async fn search(app: &TestApp, token: &str, event_id: &str, query: &str) -> Response {
    app.client
        .get(app.url(&format!("/api/v1/events/{event_id}/registrations?{query}")))
        .bearer_auth(token)
        .send()
        .await
        .expect("request")
}

async fn registered(app: &TestApp, event_id: &str, email: &str, mode: &str) -> Value {
    let response = app.register(event_id, email, mode).await;
    assert_eq!(response.status().as_u16(), 201, "register {email}");
    json(response).await
}

/// A count from the database, for what the API does not show.
pub async fn count(app: &TestApp, sql: &str, id: &str) -> i64 {
    let id = uuid::Uuid::parse_str(id).expect("uuid");
    let row = app
        .db
        .read()
        .query_one_raw(convene::db::stmt(app.db.backend(), sql, vec![id.into()]))
        .await
        .expect("query")
        .expect("row");
    row.try_get::<i64>("", "n").expect("count")
}

/// How a scanner on a Belgian AZERTY keyboard types a code: shifted digits, and here also
/// lower case with dashes and spaces.
fn as_typed_on_azerty(code: &str) -> String {
    let typed: String = code
        .chars()
        .map(|c| match c {
            '0' => 'à',
            '1' => '&',
            '2' => 'é',
            '3' => '"',
            '4' => '\'',
            '5' => '(',
            '6' => '§',
            '7' => 'è',
            '8' => '!',
            '9' => 'ç',
            other => other.to_ascii_lowercase(),
        })
        .collect();
    let (a, b) = typed.split_at(typed.char_indices().nth(5).map_or(0, |(i, _)| i));
    format!(" {a}-{b} ")
}

#[tokio::test]
async fn a_scan_checks_in_once_and_a_second_scan_reports_the_first_time() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let reg = registered(&app, &event_id, "amina@example.org", "in_person").await;

    let first = scan(&app, &event_id, &str_of(&reg, "ticket_code")).await;
    assert_eq!(first["result"], "checked_in", "{first}");
    assert_eq!(first["mode_changed"], false);
    assert_eq!(first["registration"]["id"], reg["id"]);
    assert_eq!(first["registration"]["first_name"], "Amina");
    assert_eq!(first["registration"]["mode"], "in_person");
    assert_eq!(first["registration"]["status"], "confirmed");
    assert_eq!(first["registration"]["checked_in_at"], first["checked_in_at"]);
    let at = str_of(&first, "checked_in_at");
    assert!(chrono::DateTime::parse_from_rfc3339(&at).is_ok(), "{at}");

    let again = scan(&app, &event_id, &as_typed_on_azerty(&str_of(&reg, "ticket_code"))).await;
    assert_eq!(again["result"], "already_checked_in", "{again}");
    assert_eq!(again["checked_in_at"], at, "the first time stands");
    assert_eq!(again["registration"]["id"], reg["id"]);

    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["checked_in"], 1);
    assert_eq!(stats["attended"], 1);
    app.stop().await;
}

#[tokio::test]
async fn unknown_cancelled_and_waitlisted_tickets_each_get_their_result() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 1})).await, "id");
    let other_event = str_of(&app.create_event(json!({})).await, "id");
    let seated = registered(&app, &event_id, "seated@example.org", "in_person").await;
    let waiting = registered(&app, &event_id, "waiting@example.org", "in_person").await;
    assert_eq!(waiting["status"], "waitlisted");
    let cancelled = registered(&app, &event_id, "gone@example.org", "online").await;
    app.manage(Method::DELETE, &str_of(&cancelled, "manage_token"), None).await;
    let elsewhere = registered(&app, &other_event, "elsewhere@example.org", "in_person").await;

    let others = ["0000000000000000000000000Z", "", "   ", "AB\u{0}CD", "' OR 1=1 --", &"X".repeat(500)];
    for code in others.into_iter().chain([str_of(&elsewhere, "ticket_code").as_str()]) {
        let answer = scan(&app, &event_id, code).await;
        assert_eq!(answer, json!({"result": "unknown"}), "{code:?}");
    }
    let answer = scan(&app, &event_id, &str_of(&cancelled, "ticket_code")).await;
    assert_eq!(answer["result"], "cancelled");
    assert_eq!(answer["registration"]["status"], "cancelled");
    let answer = scan(&app, &event_id, &str_of(&waiting, "ticket_code")).await;
    assert_eq!(answer["result"], "not_confirmed");
    assert_eq!(answer["registration"]["status"], "waitlisted");
    assert!(answer.get("checked_in_at").is_none());

    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["checked_in"], 0, "none of those checked anyone in");
    assert_eq!(scan(&app, &event_id, &str_of(&seated, "ticket_code")).await["result"], "checked_in");
    app.stop().await;
}

#[tokio::test]
async fn an_online_registrant_at_the_door_takes_a_free_seat_and_frees_the_online_place() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 2, "online_capacity": 1})).await, "id");
    let online = registered(&app, &event_id, "online@example.org", "online").await;
    let waiting = registered(&app, &event_id, "next@example.org", "online").await;
    assert_eq!(waiting["status"], "waitlisted");

    let answer = scan(&app, &event_id, &str_of(&online, "ticket_code")).await;
    assert_eq!(answer["result"], "checked_in", "{answer}");
    assert_eq!(answer["mode_changed"], true);
    assert_eq!(answer["registration"]["mode"], "in_person");

    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 1);
    assert_eq!(stats["in_person"]["checked_in"], 1);
    assert_eq!(stats["online"]["confirmed"], 1, "the online place went to the one waiting");
    assert_eq!(stats["online"]["waitlisted"], 0);
    let id = str_of(&online, "id");
    assert_eq!(app.mails(&id, "confirmation").await, 2, "registered, then switched at the door");
    assert_eq!(app.mails(&str_of(&waiting, "id"), "confirmation").await, 1, "promoted");
    let own = json(app.manage(Method::GET, &str_of(&online, "manage_token"), None).await).await;
    assert_eq!(own["mode"], "in_person");

    let again = scan(&app, &event_id, &str_of(&online, "ticket_code")).await;
    assert_eq!(again["result"], "already_checked_in");
    assert_eq!(again["checked_in_at"], answer["checked_in_at"]);
    app.stop().await;
}

#[tokio::test]
async fn an_online_registrant_finds_the_room_full_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 1})).await, "id");
    registered(&app, &event_id, "seated@example.org", "in_person").await;
    let online = registered(&app, &event_id, "online@example.org", "online").await;
    let before = app.stats(&event_id).await;

    let answer = scan(&app, &event_id, &str_of(&online, "ticket_code")).await;
    assert_eq!(answer["result"], "capacity_full", "{answer}");
    assert_eq!(answer["registration"]["mode"], "online");
    assert!(answer.get("checked_in_at").is_none());

    assert_eq!(app.stats(&event_id).await, before, "nothing changed");
    let own = json(app.manage(Method::GET, &str_of(&online, "manage_token"), None).await).await;
    assert_eq!((own["mode"].as_str(), own["status"].as_str()), (Some("online"), Some("confirmed")));
    assert_eq!(app.mails(&str_of(&online, "id"), "confirmation").await, 1, "no switch mail");
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM checkin WHERE registration_id = ?", &str_of(&online, "id")).await,
        0
    );

    let online_only = str_of(&app.create_event(json!({"modes": ["online"], "in_person_capacity": null})).await, "id");
    let remote = registered(&app, &online_only, "remote@example.org", "online").await;
    let answer = scan(&app, &online_only, &str_of(&remote, "ticket_code")).await;
    assert_eq!(answer["result"], "capacity_full", "an online-only event has no room: {answer}");
    app.stop().await;
}

#[tokio::test]
async fn undoing_a_check_in_lets_the_ticket_check_in_again() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let reg = registered(&app, &event_id, "amina@example.org", "in_person").await;
    let id = str_of(&reg, "id");
    let code = str_of(&reg, "ticket_code");
    scan(&app, &event_id, &code).await;

    let response = undo(&app, &event_id, &id).await;
    assert_eq!(response.status().as_u16(), 204);
    assert_eq!(app.stats(&event_id).await["in_person"]["checked_in"], 0);
    expect_error(undo(&app, &event_id, &id).await, 404, "not_found").await;
    let unknown = uuid::Uuid::now_v7().to_string();
    expect_error(undo(&app, &event_id, &unknown).await, 404, "not_found").await;
    expect_error(undo(&app, &unknown, &id).await, 404, "not_found").await;
    expect_error(undo(&app, &event_id, "not-a-uuid").await, 404, "not_found").await;

    let again = scan(&app, &event_id, &code).await;
    assert_eq!(again["result"], "checked_in", "{again}");
    assert_eq!(app.stats(&event_id).await["in_person"]["checked_in"], 1);
    let sql = "SELECT COUNT(*) AS n FROM checkin WHERE registration_id = ? AND undone_at IS NOT NULL";
    assert_eq!(count(&app, sql, &id).await, 1, "the undone check-in stays in the log");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_simultaneous_scans_of_one_ticket_make_one_check_in() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let reg = registered(&app, &event_id, "amina@example.org", "in_person").await;
    let code = str_of(&reg, "ticket_code");

    let answers = join_all((0..10).map(|_| scan(&app, &event_id, &code))).await;

    let checked_in: Vec<_> = answers.iter().filter(|a| a["result"] == "checked_in").collect();
    let already: Vec<_> = answers.iter().filter(|a| a["result"] == "already_checked_in").collect();
    assert_eq!((checked_in.len(), already.len()), (1, 9), "{answers:?}");
    assert!(already.iter().all(|a| a["checked_in_at"] == checked_in[0]["checked_in_at"]));
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM checkin WHERE registration_id = ?", &str_of(&reg, "id")).await,
        1
    );
    assert_eq!(app.stats(&event_id).await["in_person"]["checked_in"], 1);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_scans_of_an_online_ticket_move_it_once() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 5})).await, "id");
    let online = registered(&app, &event_id, "online@example.org", "online").await;
    let code = str_of(&online, "ticket_code");

    let answers = join_all((0..6).map(|_| scan(&app, &event_id, &code))).await;

    let results: Vec<_> = answers.iter().map(|a| a["result"].as_str().unwrap_or("?")).collect();
    assert_eq!(results.iter().filter(|r| **r == "checked_in").count(), 1, "{results:?}");
    assert_eq!(results.iter().filter(|r| **r == "already_checked_in").count(), 5, "{results:?}");
    let stats = app.stats(&event_id).await;
    assert_eq!((stats["in_person"]["confirmed"].as_i64(), stats["online"]["confirmed"].as_i64()), (Some(1), Some(0)));
    assert_eq!(app.mails(&str_of(&online, "id"), "confirmation").await, 2, "one switch mail");
    app.stop().await;
}

#[tokio::test]
async fn walk_ins_register_and_check_in_at_once_with_or_without_email() {
    let app = TestApp::spawn().await;
    let event_id =
        str_of(&app.create_event(json!({"registration_closes_at": chrono::Utc::now().to_rfc3339()})).await, "id");

    let response = walk_in(&app, &event_id, json!({"first_name": "Jan", "last_name": "Peeters"})).await;
    assert_eq!(response.status().as_u16(), 201);
    let first = json(response).await;
    assert_eq!(first["result"], "checked_in", "{first}");
    assert_eq!(first["registration"]["email"], Value::Null);
    assert_eq!(first["registration"]["mode"], "in_person");
    assert_eq!(first["registration"]["status"], "confirmed");
    assert!(first["checked_in_at"].is_string());
    let response = walk_in(&app, &event_id, json!({"first_name": "Els", "last_name": "Peeters", "email": ""})).await;
    assert_eq!(response.status().as_u16(), 201, "a second walk-in without email does not collide");
    let second = json(response).await;

    let body = json!({"first_name": "Sara", "last_name": "Janssens", "email": " Sara@Example.org ",
        "organization": "Fedasil", "language": "nl"});
    let with_email = json(walk_in(&app, &event_id, body).await).await;
    assert_eq!(with_email["registration"]["email"], "sara@example.org");
    assert_eq!(with_email["registration"]["language"], "nl");

    for walk_in in [&first, &second] {
        let id = str_of(&walk_in["registration"], "id");
        let sql = "SELECT COUNT(*) AS n FROM outbox_email WHERE registration_id = ?";
        assert_eq!(count(&app, sql, &id).await, 0, "nothing is mailed without an address");
        let sql = "SELECT COUNT(*) AS n FROM registration WHERE id = ? AND consent_source = 'desk'";
        assert_eq!(count(&app, sql, &id).await, 1, "consent recorded as given at the desk");
    }
    assert_eq!(app.mails(&str_of(&with_email["registration"], "id"), "confirmation").await, 1);

    let again =
        walk_in(&app, &event_id, json!({"first_name": "S", "last_name": "J", "email": "sara@example.org"})).await;
    expect_error(again, 409, "already_registered").await;
    let invalid = walk_in(&app, &event_id, json!({"first_name": "", "email": "nope"})).await;
    let body = expect_error(invalid, 422, "validation").await;
    assert!(body["error"]["fields"]["email"].is_string() && body["error"]["fields"]["last_name"].is_string());

    let stats = app.stats(&event_id).await;
    assert_eq!(stats["in_person"]["confirmed"], 3);
    assert_eq!(stats["in_person"]["checked_in"], 3);
    assert_eq!(stats["attended"], 3);
    app.stop().await;
}

#[tokio::test]
async fn a_walk_in_finds_the_room_full_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 1})).await, "id");
    registered(&app, &event_id, "seated@example.org", "in_person").await;
    let before = app.stats(&event_id).await;

    let response = walk_in(&app, &event_id, json!({"first_name": "Jan", "last_name": "Peeters"})).await;
    expect_error(response, 409, "capacity_full").await;
    assert_eq!(app.stats(&event_id).await, before);

    let cancelled = str_of(&app.create_event(json!({})).await, "id");
    app.patch_event(&cancelled, json!({"status": "cancelled"})).await;
    let response = walk_in(&app, &cancelled, json!({"first_name": "Jan", "last_name": "Peeters"})).await;
    expect_error(response, 409, "registration_closed").await;
    let online_only = str_of(&app.create_event(json!({"modes": ["online"], "in_person_capacity": null})).await, "id");
    let response = walk_in(&app, &online_only, json!({"first_name": "Jan", "last_name": "Peeters"})).await;
    expect_error(response, 409, "mode_not_offered").await;
    let unknown = uuid::Uuid::now_v7().to_string();
    let response = walk_in(&app, &unknown, json!({"first_name": "Jan", "last_name": "Peeters"})).await;
    expect_error(response, 404, "not_found").await;
    app.stop().await;
}

#[tokio::test]
async fn search_pages_through_every_match_with_a_cursor() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": null})).await, "id");
    for i in 0..25 {
        let mut body = registration(&format!("p{i:02}@example.org"), "in_person");
        body["last_name"] = json!(format!("Dupont{}", i % 7));
        body["first_name"] = json!(format!("Marie {i:02}"));
        body["organization"] = json!(if i % 2 == 0 { "Caritas International" } else { "Fedasil" });
        assert_eq!(app.register_body(&event_id, body).await.status().as_u16(), 201);
    }
    registered(&app, &event_id, "other@example.org", "online").await; // "Amina El Idrissi"

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let query = match &cursor {
            None => "q=dupont&limit=10".to_owned(),
            Some(c) => format!("q=dupont&limit=10&cursor={c}"),
        };
        let response = search(&app, &app.checkin_token, &event_id, &query).await;
        assert_eq!(response.status().as_u16(), 200);
        let page = json(response).await;
        pages += 1;
        for item in page["items"].as_array().expect("items") {
            seen.push((str_of(item, "last_name"), str_of(item, "first_name"), str_of(item, "id")));
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!((pages, seen.len()), (3, 25));
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen, "in (last name, first name) order, no repeats");

    let page = |q: &'static str| {
        let app = &app;
        let event_id = &event_id;
        async move { json(search(app, &app.checkin_token, event_id, q).await).await }
    };
    assert_eq!(page("q=DUPONT3%20marie&limit=100").await["items"].as_array().map(Vec::len), Some(4));
    assert_eq!(page("q=fedasil&limit=100").await["items"].as_array().map(Vec::len), Some(12));
    // The checkin role neither searches nor sees addresses (API.md); organizers do.
    assert_eq!(page("q=p07%40example").await["items"], json!([]));
    assert_eq!(page("q=el%20idrissi").await["items"][0]["email"], Value::Null);
    let organizer = json(search(&app, &app.organizer_token, &event_id, "q=p07%40example").await).await;
    assert_eq!(organizer["items"][0]["first_name"], "Marie 07");
    assert_eq!(organizer["items"][0]["email"], "p07@example.org");
    assert_eq!(page("q=%25%25").await["items"], json!([]), "a % in the query is a literal %");
    assert_eq!(page("q=__").await["items"], json!([]), "an _ in the query is a literal _");
    let default = page("q=marie").await;
    assert_eq!(default["items"].as_array().map(Vec::len), Some(20), "20 by default");
    assert!(default["next_cursor"].is_string());
    app.stop().await;
}

#[tokio::test]
async fn a_desk_makes_sixty_searches_a_minute_and_organizers_are_not_held() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    registered(&app, &event_id, "amina@example.org", "in_person").await;
    // 60 at once, then one a second: searching as fast as possible meets the limit soon after
    // the 60th (how soon depends on how fast this machine answers).
    let mut answered = 0;
    let held = loop {
        let response = search(&app, &app.checkin_token, &event_id, "q=am").await;
        if response.status().as_u16() == 429 {
            break response;
        }
        assert_eq!(response.status().as_u16(), 200, "search {answered}");
        answered += 1;
        assert!(answered < 120, "no limit after 120 searches");
    };
    assert!(answered >= 60, "held after {answered} searches");
    assert!(held.headers().contains_key("retry-after"));
    expect_error(held, 429, "rate_limited").await;
    assert_eq!(search(&app, &app.organizer_token, &event_id, "q=am").await.status().as_u16(), 200);
    app.stop().await;
}

#[tokio::test]
async fn the_checkin_role_must_type_two_characters_and_bad_paging_is_422() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    registered(&app, &event_id, "amina@example.org", "in_person").await;

    for query in ["", "q=", "q=a", "q=%20a%20"] {
        let body = expect_error(search(&app, &app.checkin_token, &event_id, query).await, 422, "validation").await;
        assert!(body["error"]["fields"]["q"].is_string(), "{query}: {body}");
    }
    let everyone = json(search(&app, &app.organizer_token, &event_id, "").await).await;
    assert_eq!(everyone["items"].as_array().map(Vec::len), Some(1), "organizers may list without a query");
    assert_eq!(everyone["next_cursor"], Value::Null);
    assert_eq!(
        json(search(&app, &app.checkin_token, &event_id, "q=am").await).await["items"][0]["first_name"],
        "Amina"
    );

    for (query, field) in [
        ("q=am&limit=0", "limit"),
        ("q=am&limit=101", "limit"),
        ("q=am&limit=many", "limit"),
        ("q=am&cursor=garbage", "cursor"),
    ] {
        let body = expect_error(search(&app, &app.checkin_token, &event_id, query).await, 422, "validation").await;
        assert!(body["error"]["fields"][field].is_string(), "{query}: {body}");
    }
    assert_eq!(search(&app, &app.checkin_token, &event_id, "q=am&limit=100").await.status().as_u16(), 200);
    for (query, status) in [
        ("q=%F0%9F%98%80%F0%9F%98%80", 200),
        ("q=%27%20OR%201%3D1%20--", 200),
        ("q=%5C%5C%5C", 200),
        ("q=%C3%89l%C3%A9na", 200),
        ("q=a%00b", 422),
        ("q=%FF%FE", 200), // read lossily, as U+FFFD
        ("q=am&q=bo", 400),
    ] {
        let response = search(&app, &app.checkin_token, &event_id, query).await;
        assert_eq!(response.status().as_u16(), status, "{query}");
    }
    let unknown = uuid::Uuid::now_v7().to_string();
    expect_error(search(&app, &app.checkin_token, &unknown, "q=am").await, 404, "not_found").await;
    app.stop().await;
}

#[tokio::test]
async fn staff_answers_never_contain_the_registrants_secrets() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 1})).await, "id");
    let seated = registered(&app, &event_id, "seated@example.org", "in_person").await;
    let online = registered(&app, &event_id, "online@example.org", "online").await;
    let waiting = registered(&app, &event_id, "waiting@example.org", "in_person").await;
    let secrets: Vec<String> = [&seated, &online, &waiting]
        .iter()
        .flat_map(|r| {
            let join = r["join_url"].as_str().and_then(|u| u.rsplit('/').next()).unwrap_or("").to_owned();
            [str_of(r, "manage_token"), str_of(r, "ticket_code"), join]
        })
        .filter(|s| !s.is_empty())
        .collect();
    assert!(secrets.len() >= 8, "{secrets:?}");

    let mut bodies = Vec::new();
    for reg in [&seated, &online, &waiting] {
        let response = scan_with(&app, &app.checkin_token, &event_id, &str_of(reg, "ticket_code")).await;
        bodies.push(response.text().await.expect("body"));
    }
    let walk_in_response = walk_in(&app, &event_id, json!({"first_name": "Jan", "last_name": "Peeters"})).await;
    bodies.push(walk_in_response.text().await.expect("body"));
    for token in [&app.checkin_token, &app.organizer_token] {
        let response = search(&app, token, &event_id, "q=example&limit=100").await;
        bodies.push(response.text().await.expect("body"));
    }
    for body in &bodies {
        for secret in &secrets {
            assert!(!body.contains(secret.as_str()), "a staff answer leaks {secret}: {body}");
        }
        for key in ["manage_token", "manage_url", "join_url", "ticket_code", "join_token"] {
            assert!(!body.contains(key), "a staff answer has {key}: {body}");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn the_door_needs_a_staff_account_and_a_well_formed_scan() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let url = app.url(&format!("/api/v1/events/{event_id}/checkins"));

    let anonymous = app.client.post(&url).body("not json").send().await.expect("send");
    expect_error(anonymous, 401, "unauthorized").await;
    let anonymous = app.client.post(app.url(&format!("/api/v1/events/{event_id}/walkins"))).send().await;
    expect_error(anonymous.expect("send"), 401, "unauthorized").await;
    let anonymous = app.client.get(app.url(&format!("/api/v1/events/{event_id}/registrations?q=am"))).send().await;
    expect_error(anonymous.expect("send"), 401, "unauthorized").await;

    let bad = app.client.post(&url).bearer_auth(&app.checkin_token).body("{").send().await.expect("send");
    expect_error(bad, 400, "bad_request").await;
    let missing = app.client.post(&url).bearer_auth(&app.checkin_token).json(&json!({})).send().await.expect("send");
    let body = expect_error(missing, 422, "validation").await;
    assert!(body["error"]["fields"]["code"].is_string(), "{body}");
    let wrong = app.client.post(&url).bearer_auth(&app.checkin_token).json(&json!({"code": 7})).send().await;
    expect_error(wrong.expect("send"), 422, "validation").await;
    for id in [uuid::Uuid::now_v7().to_string(), "nope".to_owned()] {
        expect_error(scan_with(&app, &app.checkin_token, &id, "ABC").await, 404, "not_found").await;
    }

    // The checkin role scans and reads counts, but organizer routes stay closed to it.
    assert_eq!(scan_with(&app, &app.checkin_token, &event_id, "ABC").await.status().as_u16(), 200);
    assert_eq!(scan_with(&app, &app.organizer_token, &event_id, "ABC").await.status().as_u16(), 200);
    let stats = app.client.get(app.url(&format!("/api/v1/events/{event_id}/stats"))).bearer_auth(&app.checkin_token);
    assert_eq!(stats.send().await.expect("send").status().as_u16(), 200);
    let events = app.client.get(app.url("/api/v1/events")).bearer_auth(&app.checkin_token).send().await;
    expect_error(events.expect("send"), 403, "forbidden").await;
    app.stop().await;
}

#[tokio::test]
async fn a_clash_on_the_unique_active_check_in_answers_already_checked_in_and_the_transaction_goes_on() {
    use convene::check_in::service::{CheckInOutcome, Desk, record};
    use sea_orm::EntityTrait;

    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let reg = registered(&app, &event_id, "amina@example.org", "in_person").await;
    let id = uuid::Uuid::parse_str(&str_of(&reg, "id")).expect("uuid");
    let row = entity::registration::Entity::find_by_id(id).one(app.db.read()).await.expect("query").expect("row");
    let desk = Desk { label: "test desk".into(), user_id: None };
    let first_time = convene::domain::now();

    // Two writers that skipped the "already checked in?" read: the second hits the unique index.
    let (first, second, rows) = write(&app.db, move |txn| {
        Box::pin(async move {
            let first = record(txn, row.clone(), &desk, (first_time, 1), false).await.expect("first");
            let second = record(txn, row.clone(), &desk, (first_time + chrono::Duration::seconds(5), 1), false)
                .await
                .expect("second");
            // On PostgreSQL a failed statement outside a savepoint would have aborted the transaction.
            let rows = entity::checkin::Entity::find().all(txn).await.map(|rows| rows.len());
            Ok((first, second, rows))
        })
    })
    .await;
    assert!(matches!(first, CheckInOutcome::CheckedIn { .. }), "{first:?}");
    match second {
        CheckInOutcome::AlreadyCheckedIn { at, .. } => assert_eq!(at, first_time),
        other => panic!("expected already checked in, got {other:?}"),
    }
    assert!(rows.is_ok_and(|n| n == 1));
    assert_eq!(app.stats(&event_id).await["in_person"]["checked_in"], 1);
    app.stop().await;
}

#[tokio::test]
async fn the_door_endpoints_are_described_in_the_openapi_document() {
    let app = TestApp::spawn().await;
    let spec: Value = json(app.client.get(app.url("/api/openapi.json")).send().await.expect("send")).await;
    let paths = &spec["paths"];
    assert!(paths["/api/v1/events/{id}/checkins"]["post"].is_object());
    assert!(paths["/api/v1/events/{id}/checkins/{registration_id}"]["delete"].is_object());
    assert!(paths["/api/v1/events/{id}/walkins"]["post"].is_object());
    let registrations = &paths["/api/v1/events/{id}/registrations"];
    assert!(registrations["get"].is_object() && registrations["post"].is_object(), "search beside register");
    assert!(spec["components"]["schemas"]["StaffRegistrationView"].is_object());
    let staff = spec["components"]["schemas"]["StaffRegistrationView"].to_string();
    assert!(!staff.contains("manage") && !staff.contains("join") && !staff.contains("ticket"), "{staff}");
    app.stop().await;
}
