//! The back office's registrations table, person page, held seats, badges and next-edition
//! pages, through real HTTP with an organizer's session.

use serde_json::json;

use crate::backoffice::{browser, log_in};
use crate::helpers::{TestApp, json, registration, str_of};

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.expect("send");
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    response.text().await.expect("text")
}

/// The names in the table, in order.
fn names(html: &str) -> Vec<String> {
    html.split("<td><a href=\"")
        .skip(1)
        .filter_map(|cell| {
            cell.split_once("\">").and_then(|(_, rest)| rest.split_once("</a>")).map(|(name, _)| name.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn the_table_sorts_filters_and_pages() {
    let app = TestApp::spawn().await;
    let event = app
        .create_event(
            json!({"questions": [{"key": "diet", "kind": "choice", "required": false, "label": {"en": "Diet"},
            "options": ["none", "vegetarian"]}]}),
        )
        .await;
    let id = str_of(&event, "id");
    for (first, last, org, diet) in [
        ("Zoe", "Adams", "Caritas", "none"),
        ("Amina", "Zeroual", "Fedasil", "vegetarian"),
        ("Bart", "Maes", "Caritas", "vegetarian"),
    ] {
        let mut body = registration(&format!("{first}@example.org").to_lowercase(), "in_person");
        body["first_name"] = json!(first);
        body["last_name"] = json!(last);
        body["organization"] = json!(org);
        body["answers"] = json!({"diet": diet});
        assert_eq!(app.register_body(&id, body).await.status().as_u16(), 201);
    }
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let table = format!("/admin/events/{id}/registrations?lang=en");
    assert_eq!(names(&page(&client, &app, &table).await), ["Zoe Adams", "Bart Maes", "Amina Zeroual"], "by last name");
    let desc = page(&client, &app, &format!("{table}&sort=name&dir=desc")).await;
    assert_eq!(names(&desc), ["Amina Zeroual", "Bart Maes", "Zoe Adams"]);
    assert!(desc.contains("aria-sort=\"descending\""));
    let by_org = page(&client, &app, &format!("{table}&org=Caritas&sort=registered")).await;
    assert_eq!(names(&by_org), ["Zoe Adams", "Bart Maes"]);
    let veg = page(&client, &app, &format!("{table}&answer.diet=vegetarian")).await;
    assert_eq!(names(&veg), ["Bart Maes", "Amina Zeroual"], "filtered on an answer");
    assert!(veg.contains("2 registrations"), "the count follows the filter");
    let none_came = page(&client, &app, &format!("{table}&attended=yes")).await;
    assert!(names(&none_came).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn pages_hold_fifty_rows_and_never_overlap() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": null})).await;
    let id = str_of(&event, "id");
    for i in 0..120 {
        app.register(&id, &format!("p{i:03}@example.org"), "online").await;
    }
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let mut seen = std::collections::HashSet::new();
    for (n, expected) in [(1, 50), (2, 50), (3, 20)] {
        let html = page(&client, &app, &format!("/admin/events/{id}/registrations?sort=registered&page={n}")).await;
        let ids: Vec<&str> = html.split("name=\"ids\" value=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(ids.len(), expected, "page {n}");
        for id in ids {
            assert!(seen.insert(id.to_owned()), "{id} on two pages");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn bulk_actions_resend_at_once_and_switch_after_a_confirmation() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let a = json(app.register(&id, "a@example.org", "in_person").await).await;
    let b = json(app.register(&id, "b@example.org", "in_person").await).await;
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let bulk = app.url(&format!("/admin/events/{id}/registrations/bulk"));
    let (a_id, b_id) = (str_of(&a, "id"), str_of(&b, "id"));
    let resent =
        client.post(&bulk).form(&[("action", "resend"), ("ids", &a_id), ("ids", &b_id)]).send().await.expect("send");
    assert!(resent.headers()["location"].to_str().unwrap_or("").contains("done=resent&n=2"));
    assert_eq!(app.mails(&a_id, "confirmation").await, 2, "the first one and the resend");

    let ask =
        client.post(&bulk).form(&[("action", "switch"), ("ids", &a_id), ("ids", &b_id)]).send().await.expect("send");
    let html = ask.text().await.expect("text");
    assert!(html.contains("people-list") && html.matches("name=\"ids\"").count() == 2, "a confirmation naming both");
    assert_eq!(app.stats(&id).await["online"]["confirmed"], 0, "nothing switched yet");
    client
        .post(app.url(&format!("/admin/events/{id}/registrations/confirm")))
        .form(&[("action", "switch"), ("ids", &a_id), ("ids", &b_id)])
        .send()
        .await
        .expect("send");
    assert_eq!(app.stats(&id).await["online"]["confirmed"], 2);
    let export = client
        .post(format!("{bulk}?lang=fr"))
        .form(&[("action", "export"), ("ids", &a_id)])
        .send()
        .await
        .expect("send");
    assert_eq!(export.status().as_u16(), 200);
    assert!(export.headers()["content-type"].to_str().unwrap_or("").starts_with("text/csv"));
    let csv = export.text().await.expect("csv");
    assert!(csv.contains("a@example.org") && !csv.contains("b@example.org"), "only the selection: {csv}");
    assert!(csv.contains("Prénom"), "headers in the page's language: {csv}");
    let nothing = client.post(&bulk).form(&[("action", "cancel")]).send().await.expect("send");
    assert!(nothing.headers()["location"].to_str().unwrap_or("").contains("done=none-selected"));
    app.stop().await;
}

#[tokio::test]
async fn the_person_page_shows_details_mails_and_history_and_saves_edits() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let id = str_of(&event, "id");
    let first = json(app.register(&id, "first@example.org", "in_person").await).await;
    let waiting = json(app.register(&id, "second@example.org", "in_person").await).await;
    app.manage(reqwest::Method::DELETE, &str_of(&first, "manage_token"), None).await; // promotes `waiting`
    app.manage(reqwest::Method::PATCH, &str_of(&waiting, "manage_token"), Some(json!({"mode": "online"}))).await;
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let person = format!("/admin/events/{id}/registrations/{}", str_of(&waiting, "id"));
    let html = page(&client, &app, &format!("{person}?lang=en")).await;
    for kind in ["registered", "promoted", "switched", "mailed"] {
        assert!(html.contains(&format!("data-history=\"{kind}\"")), "{kind} in the history");
    }
    assert!(html.contains("Switched from In person to Online") && html.contains("by the registrant"));
    assert!(html.contains("by Convene"), "the promotion was the waitlist's");
    let saved = client
        .post(app.url(&person))
        .form(&[
            ("first_name", "Amina"),
            ("last_name", "El Idrissi-Benali"),
            ("organization", "Caritas"),
            ("language", "nl"),
        ])
        .send()
        .await
        .expect("send");
    assert!(saved.headers()["location"].to_str().unwrap_or("").ends_with("done=edited"));
    let html = page(&client, &app, &format!("{person}?lang=en")).await;
    assert!(
        html.contains("El Idrissi-Benali") && html.contains("by organizer@example.org"),
        "the edit is the organizer's"
    );
    let fr = page(&client, &app, &format!("{person}?lang=fr")).await;
    assert!(fr.contains("Passage de Sur place à En ligne") || fr.contains("Passage de"), "the history speaks French");
    app.stop().await;
}

#[tokio::test]
async fn a_held_seat_is_given_to_someone_new_and_badges_list_the_room() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 2, "in_person_held": 1})).await;
    let id = str_of(&event, "id");
    app.register(&id, "public@example.org", "in_person").await;
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    assert!(page(&client, &app, &format!("/admin/events/{id}/held-seat?lang=en")).await.contains("0 of 1 given"));
    let given = client
        .post(app.url(&format!("/admin/events/{id}/held-seat")))
        .form(&[
            ("first_name", "Sammy"),
            ("last_name", "Mahdi"),
            ("email", "speaker@example.org"),
            ("organization", "Government"),
            ("language", "nl"),
        ])
        .send()
        .await
        .expect("send");
    let location = given.headers()["location"].to_str().unwrap_or("").to_owned();
    assert!(location.ends_with("done=held"), "{location}");
    let stats = app.stats(&id).await;
    assert_eq!(
        (stats["in_person"]["held_used"].as_i64(), stats["in_person"]["confirmed"].as_i64()),
        (Some(1), Some(2))
    );
    let again = client
        .post(app.url(&format!("/admin/events/{id}/held-seat")))
        .form(&[("first_name", "Other"), ("last_name", "Host"), ("email", "host@example.org")])
        .send()
        .await
        .expect("send");
    assert_eq!(again.status().as_u16(), 422, "no held seat left");

    let badges = page(&client, &app, &format!("/admin/events/{id}/badges?lang=en")).await;
    assert_eq!(badges.matches("class=\"badge-card\"").count(), 2);
    assert!(badges.contains("Sammy") && badges.contains("Government"));
    let filtered = page(&client, &app, &format!("/admin/events/{id}/badges?org=Government")).await;
    assert_eq!(filtered.matches("class=\"badge-card\"").count(), 1, "filtered like the table");
    app.stop().await;
}

#[tokio::test]
async fn the_next_edition_pages_copy_and_invite() {
    let app = TestApp::spawn().await;
    let last = app.create_event(json!({"slug": "meeting-2026", "starts_at": (chrono::Utc::now() - chrono::Duration::days(30)).to_rfc3339(), "ends_at": (chrono::Utc::now() - chrono::Duration::days(30) + chrono::Duration::hours(3)).to_rfc3339()})).await;
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let last_id = str_of(&last, "id");
    let form = page(&client, &app, &format!("/admin/events/{last_id}/copy?lang=en")).await;
    assert!(form.contains("name=\"starts_at\""));
    let copied = client
        .post(app.url(&format!("/admin/events/{last_id}/copy")))
        .form(&[
            ("title", "Meeting 2027"),
            ("starts_at", "2031-12-12T09:30"),
            ("ends_at", "2031-12-12T13:00"),
            ("slug", ""),
        ])
        .send()
        .await
        .expect("send");
    let location = copied.headers()["location"].to_str().unwrap_or("").to_owned();
    assert!(location.ends_with("/edit?done=copied"), "{location}");
    assert!(page(&client, &app, &format!("{location}&lang=en")).await.contains("This is the copy"));
    let new_id = location.trim_start_matches("/admin/events/").trim_end_matches("/edit?done=copied").to_owned();
    let invite = page(&client, &app, &format!("/admin/events/{new_id}/invite-previous?lang=en")).await;
    assert!(invite.contains("Publish this event first"), "a draft cannot invite");
    app.stop().await;
}
