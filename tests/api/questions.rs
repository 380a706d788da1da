//! Custom questions as API.md "Question options in three languages" publishes them: options
//! as strings or `{value, label}` objects, the kinds `multi` and `long_text`, answers by value,
//! labels in the registrant's language in mails, `|`-joined cells in exports.

use reqwest::Method;
use serde_json::{Value, json};

use crate::exports::{export, parse};
use crate::helpers::{TestApp, expect_error, json, registration, str_of};
use crate::mail::{app_with_sink, wait_for_mail};

fn questions() -> Value {
    json!([
        {"key": "dietary", "kind": "choice", "required": true, "label": {"en": "Diet", "fr": "Régime", "nl": "Dieet"},
         "options": [
            "none",
            {"value": "vegetarian", "label": {"en": "Vegetarian", "fr": "Végétarien", "nl": "Vegetarisch"}},
            {"value": "halal", "label": {"en": "Halal"}}
         ]},
        {"key": "sessions", "kind": "multi", "required": false, "label": {"en": "Workshops", "fr": "Ateliers"},
         "options": [
            {"value": "return", "label": {"en": "Return counselling", "fr": "Conseil au retour", "nl": "Terugkeerbegeleiding"}},
            {"value": "reintegration", "label": {"en": "Reintegration", "fr": "Réintégration", "nl": "Re-integratie"}},
            "networking"
         ]},
        {"key": "remarks", "kind": "text", "required": false, "label": {"en": "Remarks"}},
        {"key": "story", "kind": "long_text", "required": false, "label": {"en": "Your experience"}}
    ])
}

fn field_error(error: &Value, field: &str) -> bool {
    error["error"]["fields"][field].is_string()
}

#[tokio::test]
async fn options_come_back_in_the_form_they_were_sent() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"questions": questions()})).await;
    assert_eq!(event["questions"], questions());
    let fetched = app.get_json(&format!("/api/v1/events/{}", str_of(&event, "id")), &app.organizer_token).await;
    assert_eq!(fetched["questions"], questions());
    app.stop().await;
}

#[tokio::test]
async fn malformed_options_and_kinds_are_named_and_change_nothing() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let bad = [
        (
            json!([{"key": "d", "kind": "choice", "label": {"en": "D"}, "options": [{"value": "x"}]}]),
            "questions[0].options",
        ),
        (
            json!([{"key": "d", "kind": "choice", "label": {"en": "D"}, "options": [{"value": "x", "label": {"en": "X"}, "extra": 1}]}]),
            "questions[0].options",
        ),
        (
            json!([{"key": "d", "kind": "multi", "label": {"en": "D"}, "options": ["a", {"value": "a", "label": {"en": "A"}}]}]),
            "questions[0].options",
        ),
        (
            json!([{"key": "d", "kind": "choice", "label": {"en": "D"}, "options": [{"value": "x", "label": {"de": "X", "en": "X"}}]}]),
            "questions[0].options[0].label.de",
        ),
        (
            json!([{"key": "d", "kind": "choice", "label": {"en": "D"}, "options": [{"value": "x", "label": {"fr": "X"}}]}]),
            "questions[0].options[0].label.en",
        ),
        (json!([{"key": "d", "kind": "long_text", "label": {"en": "D"}, "options": ["a"]}]), "questions[0].options"),
        (json!([{"key": "d", "kind": "essay", "label": {"en": "D"}}]), "questions[0].kind"),
    ];
    for (questions, field) in bad {
        let error =
            expect_error(app.patch_event(&event_id, json!({"questions": questions})).await, 422, "validation").await;
        assert!(field_error(&error, field), "{field}: {error}");
    }
    let unchanged = app.get_json(&format!("/api/v1/events/{event_id}"), &app.organizer_token).await;
    assert!(unchanged["questions"].as_array().is_none_or(|q| q.is_empty()), "{unchanged}");
    app.stop().await;
}

#[tokio::test]
async fn answers_are_checked_by_kind_and_stored_by_value() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"questions": questions()})).await, "id");
    let with = |answers: Value| {
        let mut body = registration("q@example.org", "online");
        body["answers"] = answers;
        body
    };
    let refused = [
        (json!({"dietary": "Végétarien"}), "answers.dietary"),
        (json!({"dietary": "none", "sessions": "return"}), "answers.sessions"),
        (json!({"dietary": "none", "sessions": ["return", "golf"]}), "answers.sessions"),
        (json!({"dietary": "none", "remarks": "two\nlines"}), "answers.remarks"),
        (json!({"dietary": "none", "remarks": "x".repeat(501)}), "answers.remarks"),
        (json!({"dietary": "none", "story": "x".repeat(5001)}), "answers.story"),
    ];
    for (answers, field) in refused {
        let error = expect_error(app.register_body(&event_id, with(answers.clone())).await, 422, "validation").await;
        assert!(field_error(&error, field), "{answers}: {error}");
    }
    assert_eq!(app.stats(&event_id).await["online"]["confirmed"], 0, "nothing was registered");

    let story = format!("Line one\n\n{}", "y".repeat(4000));
    let reg = json(
        app.register_body(
            &event_id,
            with(json!({"dietary": "vegetarian", "sessions": ["reintegration", "return"], "remarks": "late", "story": story})),
        )
        .await,
    )
    .await;
    assert_eq!(
        reg["answers"],
        json!({"dietary": "vegetarian", "sessions": ["return", "reintegration"], "remarks": "late", "story": story})
    );
    let token = str_of(&reg, "manage_token");
    let edited =
        json(app.manage(Method::PATCH, &token, Some(json!({"answers": {"sessions": ["networking"]}}))).await).await;
    assert_eq!(edited["answers"]["sessions"], json!(["networking"]));
    app.stop().await;
}

#[tokio::test]
async fn a_csv_cell_joins_several_options_with_a_bar() {
    let app = TestApp::spawn().await;
    let event_id = str_of(&app.create_event(json!({"questions": questions()})).await, "id");
    let mut body = registration("multi@example.org", "online");
    body["answers"] = json!({"dietary": "halal", "sessions": ["return", "networking"], "story": "a\nb"});
    assert_eq!(app.register_body(&event_id, body).await.status().as_u16(), 201);
    let (_, bytes) = export(&app, &event_id, "").await;
    let (header, rows) = parse(&bytes, b',');
    assert!(header.ends_with(&["dietary".into(), "sessions".into(), "remarks".into(), "story".into()]), "{header:?}");
    assert_eq!(rows[0]["dietary"], "halal");
    assert_eq!(rows[0]["sessions"], "return|networking");
    assert_eq!(rows[0]["story"], "a\nb");
    app.stop().await;
}

#[tokio::test]
async fn the_confirmation_shows_answers_with_labels_in_the_registrants_language() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({"questions": questions()})).await, "id");
    let mut body = registration("fr@example.org", "online");
    body["language"] = json!("fr");
    body["answers"] = json!({"dietary": "vegetarian", "sessions": ["return", "networking"]});
    assert_eq!(app.register_body(&event_id, body).await.status().as_u16(), 201);
    let mail = wait_for_mail(&sink, "fr@example.org", "Votre inscription").await;
    for part in [&mail.text, &mail.html] {
        assert!(part.contains("Vos réponses"), "{part}");
        assert!(part.contains("Régime") && part.contains("Végétarien"), "{part}");
        assert!(part.contains("Conseil au retour, networking"), "{part}");
        assert!(!part.contains("vegetarian"), "values stay out of what people read: {part}");
    }
    app.stop().await;
    sink.stop();
}
