//! What people read, in their language: form errors as sentences naming each field by its
//! label in the form's order, the organizer's event form, the desk's walk-in errors, notices
//! after a change, the full room, and a registrant's language kept from page to page.

use reqwest::redirect::Policy;
use serde_json::json;

use crate::helpers::{TestApp, json as body_json, registration, str_of};

fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).cookie_store(true).build().expect("client")
}

/// No developer text: codes, API field names, English API wording, raw timestamps.
fn assert_for_people(html: &str, codes: &[&str]) {
    for code in codes.iter().chain(&["is required", "must be", ">field-", "T00:", "+00:00"]) {
        assert!(!html.contains(code), "{code:?} reached the page:\n{html}");
    }
}

/// The summary's lines, in order.
fn summary_lines(html: &str) -> Vec<String> {
    let Some(start) = html.find("id=\"error-summary\"") else { return Vec::new() };
    let end = html[start..].find("</ul>").map_or(html.len(), |e| start + e);
    html[start..end]
        .split("<li>")
        .skip(1)
        .map(|li| li.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn a_french_form_error_names_fields_by_label_in_form_order() {
    let app = TestApp::spawn().await;
    let questions = json!([{"key": "dietary", "kind": "choice", "required": true,
        "label": {"en": "Diet", "fr": "Régime alimentaire"},
        "options": ["none", {"value": "vegetarian", "label": {"en": "Vegetarian", "fr": "Végétarien", "nl": "Vegetarisch"}}]}]);
    let event = app.create_event(json!({"questions": questions})).await;
    let url = app.url(&format!("/e/{}?lang=fr", str_of(&event, "slug")));
    let client = client();
    let page = client.get(&url).send().await.expect("send").text().await.expect("text");
    assert!(page.contains(">Végétarien</label>") && page.contains("value=\"vegetarian\""), "translated option: {page}");

    let response = client
        .post(&url)
        .form(&[("email", "nope"), ("mode", "in_person"), ("first_name", "")])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.expect("text");
    assert_eq!(
        summary_lines(&html),
        [
            "Prénom : Remplissez ce champ.",
            "Nom : Remplissez ce champ.",
            "Adresse e-mail : Indiquez une adresse e-mail comme nom@exemple.org.",
            "Régime alimentaire : Remplissez ce champ.",
            "Consentement : Cochez la case pour donner votre accord, afin que nous puissions vous inscrire.",
        ]
    );
    assert_for_people(&html, &["first_name:", "consent_required", "invalid_email"]);
    app.stop().await;
}

#[tokio::test]
async fn the_dutch_event_form_explains_its_errors_and_names_the_create_button() {
    let app = TestApp::spawn().await;
    let client = client();
    let login = client
        .post(app.url("/admin/login"))
        .form(&[("email", "organizer@example.org"), ("password", "a long test password"), ("next", "/admin/events")])
        .send()
        .await
        .expect("send");
    assert_eq!(login.status().as_u16(), 303);
    let new = client.get(app.url("/admin/events/new?lang=nl")).send().await.expect("send").text().await.expect("text");
    assert!(new.contains("Evenement aanmaken"), "a new event's button creates it");
    let fields = [
        ("title", ""),
        ("starts_at", "2026-12-13T13:00"),
        ("ends_at", "2026-12-13T09:00"),
        ("timezone", "Europe/Brussels"),
        ("mode_in_person", "on"),
        ("in_person_capacity", "veel"),
        ("status", "draft"),
        ("q0_key", "Dieet!"),
        ("q0_kind", "choice"),
        ("q0_label_en", "Diet"),
        ("q0_options", ""),
    ];
    let response = client.post(app.url("/admin/events")).form(&fields).send().await.expect("send");
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.expect("text");
    let lines = summary_lines(&html);
    assert!(lines.first().is_some_and(|l| l.starts_with("Titel: Vul dit veld in.")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("Het einde moet na het begin komen.")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("Geef een getal, of laat leeg voor geen limiet.")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("Vraag 1 · ")), "question fields are named: {lines:?}");
    assert_for_people(&html, &["ends_before_start", "must be after", "questions[0]"]);
    app.stop().await;
}

#[tokio::test]
async fn walk_in_errors_come_back_as_sentences_in_the_desks_language() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let response = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/walkins")))
        .bearer_auth(&app.checkin_token)
        .header("accept-language", "nl")
        .json(&json!({"first_name": "", "last_name": "Peeters", "email": "nope"}))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 422);
    let error = body_json(response).await;
    assert_eq!(error["error"]["fields"]["first_name"], "is required", "the API keeps its English");
    assert_eq!(error["error"]["field_messages"]["first_name"], "Vul dit veld in.");
    assert!(
        error["error"]["field_messages"]["email"].as_str().is_some_and(|m| m.starts_with("Geef een e-mailadres")),
        "{error}"
    );
    let plain = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/walkins")))
        .bearer_auth(&app.checkin_token)
        .json(&json!({"first_name": ""}))
        .send()
        .await
        .expect("send");
    assert!(body_json(plain).await["error"].get("field_messages").is_none(), "only when a language is asked for");
    app.stop().await;
}

#[tokio::test]
async fn a_french_registrant_stays_in_french_through_switch_edit_and_cancel() {
    let app = TestApp::spawn().await;
    let event = app
        .create_event(
            json!({"questions": [{"key": "remarks", "kind": "text", "label": {"en": "Remarks", "fr": "Remarques"}}]}),
        )
        .await;
    let mut body = registration("fr@example.org", "in_person");
    body["language"] = json!("fr");
    let reg = body_json(app.register_body(&str_of(&event, "id"), body).await).await;
    let base = format!("/r/{}", str_of(&reg, "manage_token"));
    // A browser that asks for English and has never chosen a language.
    let client = client();
    let get = |path: String| {
        let client = client.clone();
        let url = app.url(&path);
        async move {
            client.get(url).header("accept-language", "en").send().await.expect("send").text().await.expect("text")
        }
    };
    let post = |path: String, fields: Vec<(&'static str, &'static str)>| {
        let client = client.clone();
        let url = app.url(&path);
        async move {
            let response = client.post(url).header("accept-language", "en").form(&fields).send().await.expect("send");
            assert_eq!(response.status().as_u16(), 303);
            response.headers()["location"].to_str().expect("ascii").to_owned()
        }
    };
    assert!(get(base.clone()).await.contains("<html lang=\"fr\">"));

    let after_switch = post(format!("{base}/mode"), vec![("mode", "online")]).await;
    let html = get(after_switch).await;
    assert!(html.contains("<html lang=\"fr\">") && html.contains("Vous participez maintenant en ligne."), "{html}");

    let after_edit = post(
        base.clone(),
        vec![
            ("first_name", "Aminata"),
            ("last_name", "Diallo"),
            ("organization", "Caritas"),
            ("language", "fr"),
            ("answers.remarks", "arrive tard"),
        ],
    )
    .await;
    let html = get(after_edit).await;
    assert!(html.contains("Enregistré. Modifié : Prénom, Nom, Organisation, Remarques."), "{html}");

    let confirm = get(format!("{base}/cancel")).await;
    assert!(confirm.contains("<html lang=\"fr\">") && confirm.contains("Annuler votre inscription"), "{confirm}");
    let after_cancel = post(format!("{base}/cancel"), vec![]).await;
    let html = get(after_cancel).await;
    assert!(html.contains("<html lang=\"fr\">") && html.contains("Votre inscription est annulée."), "{html}");
    app.stop().await;
}

#[tokio::test]
async fn a_full_room_says_so_above_the_choice_and_preselects_the_stream() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 1, "waitlist": true})).await;
    assert_eq!(app.register(&str_of(&event, "id"), "first@example.org", "in_person").await.status().as_u16(), 201);
    let html = client()
        .get(app.url(&format!("/e/{}?lang=nl", str_of(&event, "slug"))))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("text");
    let notice = html.find("De zaal is vol, maar u kunt de vergadering online volgen.").expect("the notice");
    let choice = html.find("id=\"mode-in_person\"").expect("the choice");
    assert!(notice < choice, "the notice comes before the choice");
    assert!(html.contains("id=\"mode-online\" value=\"online\" checked"), "online is pre-selected: {html}");
    assert!(!html.contains("id=\"mode-in_person\" value=\"in_person\" checked"));
    assert!(html.contains("(Brusselse tijd, UTC+1)"), "the zone is named in Dutch: {html}");
    app.stop().await;
}
