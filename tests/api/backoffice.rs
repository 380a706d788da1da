//! The back office over plain HTTP: login, roles, and the organizer's forms.

use reqwest::redirect::Policy;
use serde_json::json;

use crate::helpers::{TestApp, make_token, str_of};

/// A browser-like client that keeps cookies and does not follow redirects.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).cookie_store(true).build().expect("client")
}

pub async fn log_in(app: &TestApp, client: &reqwest::Client, email: &str) -> reqwest::Response {
    client
        .post(app.url("/admin/login"))
        .form(&[("email", email), ("password", "a long test password"), ("next", "/admin/events")])
        .send()
        .await
        .expect("send")
}

#[tokio::test]
async fn logging_in_opens_the_back_office_and_logging_out_closes_it() {
    let app = TestApp::spawn().await;
    let client = browser();
    let before = client.get(app.url("/admin/events")).send().await.expect("send");
    assert_eq!(before.status().as_u16(), 303);
    assert_eq!(before.headers()["location"], "/admin/login?next=/admin/events");

    let wrong = client
        .post(app.url("/admin/login"))
        .form(&[("email", "organizer@example.org"), ("password", "wrong password")])
        .send()
        .await
        .expect("send");
    assert_eq!(wrong.status().as_u16(), 401);

    let ok = log_in(&app, &client, "organizer@example.org").await;
    assert_eq!(ok.status().as_u16(), 303);
    assert_eq!(ok.headers()["location"], "/admin/events");
    let cookie = ok.headers()["set-cookie"].to_str().expect("cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let page = client.get(app.url("/admin/events?lang=en")).send().await.expect("send");
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.expect("text").contains("New event"));

    client.post(app.url("/admin/logout")).send().await.expect("send");
    let after = client.get(app.url("/admin/events")).send().await.expect("send");
    assert_eq!(after.status().as_u16(), 303, "the session ended server-side");
    app.stop().await;
}

#[tokio::test]
async fn the_session_cookie_works_on_the_api_but_not_from_another_site() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let stats = client.get(app.url(&format!("/api/v1/events/{id}/stats"))).send().await.expect("send");
    assert_eq!(stats.status().as_u16(), 200);
    let foreign = client
        .patch(app.url(&format!("/api/v1/events/{id}")))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"title": "pwned"}))
        .send()
        .await
        .expect("send");
    assert_eq!(foreign.status().as_u16(), 403);
    let same = client
        .patch(app.url(&format!("/api/v1/events/{id}")))
        .header("sec-fetch-site", "same-origin")
        .json(&json!({"title": "Renamed"}))
        .send()
        .await
        .expect("send");
    assert_eq!(same.status().as_u16(), 200);
    app.stop().await;
}

#[tokio::test]
async fn five_failed_logins_lock_the_account_from_that_address_only() {
    // Behind a proxy on 127.0.0.1 that says who the client is.
    let app = TestApp::spawn_with(|c| c.trusted_proxies = vec![std::net::IpAddr::from([127, 0, 0, 1])]).await;
    let client = browser();
    let attempt = |from: &'static str, password: &'static str| {
        client
            .post(app.url("/admin/login"))
            .header("x-forwarded-for", from)
            .form(&[("email", "organizer@example.org"), ("password", password)])
            .send()
    };
    for _ in 0..5 {
        assert_eq!(attempt("198.51.100.7", "guess").await.expect("send").status().as_u16(), 401);
    }
    let locked = attempt("198.51.100.7", "a long test password").await.expect("send");
    assert_eq!(locked.status().as_u16(), 429, "from the guessing address even the right password waits");
    assert!(locked.headers().contains_key("retry-after"));
    // The organizer, from their own address, is not locked out by someone else's guesses.
    let own = attempt("203.0.113.9", "a long test password").await.expect("send");
    assert_eq!(own.status().as_u16(), 303, "{}", own.text().await.unwrap_or_default());
    app.stop().await;
}

#[tokio::test]
async fn an_organizer_creates_an_event_with_a_question_through_the_form() {
    let app = TestApp::spawn().await;
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let form = [
        ("title", "Partner meeting"),
        ("description", "Annual meeting"),
        ("starts_at", "2031-12-13T09:30"),
        ("ends_at", "2031-12-13T13:00"),
        ("timezone", "Europe/Brussels"),
        ("venue", "Brussels"),
        ("mode_in_person", "on"),
        ("mode_online", "on"),
        ("in_person_capacity", "60"),
        ("online_capacity", ""),
        ("waitlist", "on"),
        ("status", "published"),
        ("reminder_hours_before", "24"),
        ("q0_key", "dietary"),
        ("q0_kind", "choice"),
        ("q0_required", "on"),
        ("q0_label_en", "Diet"),
        ("q0_label_fr", "Régime"),
        ("q0_options", "none\nvegetarian\nhalal"),
        // A new question: its key is made from the English label.
        ("q1_key", ""),
        ("q1_kind", "boolean"),
        ("q1_label_en", "Will you join the lunch?"),
        // A question marked for removal (the page without its script), and a blank row.
        ("q2_key", ""),
        ("q2_kind", "text"),
        ("q2_label_en", "Not wanted after all"),
        ("q2_remove", "on"),
        ("q3_key", ""),
        ("q3_kind", "text"),
    ];
    let created = client.post(app.url("/admin/events")).form(&form).send().await.expect("send");
    assert_eq!(created.status().as_u16(), 303);
    let dashboard = created.headers()["location"].to_str().expect("location").to_owned();
    let id = dashboard.trim_start_matches("/admin/events/").to_owned();
    let event = app.get_json(&format!("/api/v1/events/{id}"), &app.organizer_token).await;
    assert_eq!(event["starts_at"], "2031-12-13T09:30:00+01:00");
    assert_eq!(event["online_capacity"], json!(null));
    assert_eq!(event["questions"][0]["options"], json!(["none", "vegetarian", "halal"]));
    assert_eq!(event["questions"][0]["label"]["fr"], "Régime");
    assert_eq!(event["questions"][1]["key"], "will_you_join_the_lunch");
    assert_eq!(event["questions"].as_array().map(Vec::len), Some(2), "removed and blank rows are skipped");

    let page =
        client.get(app.url(&format!("{dashboard}?lang=en"))).send().await.expect("send").text().await.expect("text");
    assert!(page.contains("Live counts") && page.contains("data-stat=\"registered\">0<"));
    let mut body = crate::helpers::registration("dash@example.org", "in_person");
    body["answers"] = json!({"dietary": "halal"});
    assert_eq!(app.register_body(&id, body).await.status().as_u16(), 201);
    let page = client.get(app.url(&dashboard)).send().await.expect("send").text().await.expect("text");
    assert!(page.contains("data-stat=\"registered\">1<"), "the count changed");

    let invalid = client
        .post(app.url("/admin/events"))
        .form(&[("title", ""), ("starts_at", "nonsense")])
        .send()
        .await
        .expect("send");
    assert_eq!(invalid.status().as_u16(), 422);
    let html = invalid.text().await.expect("text");
    assert!(html.contains("field-starts_at") && html.contains("aria-invalid"));
    app.stop().await;
}

#[tokio::test]
async fn organizers_act_on_registrations_from_the_list() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let id = str_of(&event, "id");
    app.register(&id, "first@example.org", "in_person").await;
    let waiting = crate::helpers::json(app.register(&id, "second@example.org", "in_person").await).await;
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let list =
        client.get(app.url(&format!("/admin/events/{id}/registrations?q=SECOND&lang=en"))).send().await.expect("send");
    let html = list.text().await.expect("text");
    assert!(html.contains("second@example.org") && !html.contains("first@example.org"), "search narrows the list");

    let base = format!("/admin/events/{id}/registrations/{}", str_of(&waiting, "id"));
    let promote = client.post(app.url(&format!("{base}/promote"))).send().await.expect("send");
    let location = promote.headers()["location"].to_str().unwrap_or("").to_owned();
    assert!(location.contains("done=full-one"), "the room is full: {location}");
    let page =
        client.get(app.url(&format!("{location}&lang=en"))).send().await.expect("send").text().await.expect("text");
    assert!(page.contains("No seat is free for Amina El Idrissi"), "the notice names the person");
    client.post(app.url(&format!("{base}/switch"))).send().await.expect("send");
    let reg = app.manage(reqwest::Method::GET, &str_of(&waiting, "manage_token"), None).await;
    let reg = crate::helpers::json(reg).await;
    assert_eq!((reg["mode"].as_str(), reg["status"].as_str()), (Some("online"), Some("confirmed")));

    // Cancelling one person asks first, names them, and changes nothing until confirmed.
    let ask = client.get(app.url(&format!("{base}/cancel?lang=en"))).send().await.expect("send");
    assert_eq!(ask.status().as_u16(), 200);
    let html = ask.text().await.expect("text");
    assert!(html.contains("Cancel this registration?") && html.contains("Amina El Idrissi"), "{html}");
    assert_eq!(client.post(app.url(&format!("{base}/cancel"))).send().await.expect("send").status().as_u16(), 404);
    assert_eq!(app.stats(&id).await["cancelled"], 0, "nothing happened before the confirmation");
    let confirmed = client
        .post(app.url(&format!("/admin/events/{id}/registrations/confirm")))
        .form(&[("action", "cancel"), ("ids", &str_of(&waiting, "id")), ("note", "The meeting room changed.")])
        .send()
        .await
        .expect("send");
    let location = confirmed.headers()["location"].to_str().unwrap_or("").to_owned();
    assert!(location.contains("done=cancelled-one"), "{location}");
    assert_eq!(app.stats(&id).await["cancelled"], 1);
    let page =
        client.get(app.url(&format!("{location}&lang=en"))).send().await.expect("send").text().await.expect("text");
    assert!(
        page.contains("Amina El Idrissi&#x27;s registration is cancelled")
            || page.contains("Amina El Idrissi's registration is cancelled"),
        "{page}"
    );
    app.stop().await;
}

#[tokio::test]
async fn check_in_staff_cannot_reach_organizer_pages_and_only_admins_manage_users() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let id = str_of(&event, "id");
    let staff = browser();
    assert_eq!(log_in(&app, &staff, "door@example.org").await.status().as_u16(), 303);
    for path in [
        format!("/admin/events/{id}"),
        format!("/admin/events/{id}/edit"),
        format!("/admin/events/{id}/registrations"),
        "/admin/events/new".into(),
        "/admin/users".into(),
        "/admin/tokens".into(),
    ] {
        let r = staff.get(app.url(&path)).send().await.expect("send");
        assert_eq!(r.status().as_u16(), 403, "{path}");
    }
    // The refusal is a page, in the viewer's language.
    let french = staff.get(app.url("/admin/users?lang=fr")).send().await.expect("send");
    assert_eq!(french.status().as_u16(), 403);
    assert!(french.text().await.expect("body").contains("Action non autorisée"));
    let r = staff
        .post(app.url(&format!("/admin/events/{id}/status")))
        .form(&[("status", "cancelled")])
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 403);
    let patch =
        staff.patch(app.url(&format!("/api/v1/events/{id}"))).json(&json!({"title": "x"})).send().await.expect("send");
    assert_eq!(patch.status().as_u16(), 403);

    let organizer = browser();
    log_in(&app, &organizer, "organizer@example.org").await;
    assert_eq!(organizer.get(app.url("/admin/users")).send().await.expect("send").status().as_u16(), 403);
    make_token(&app.db, "admin@example.org", entity::Role::Admin).await;
    let admin = browser();
    log_in(&app, &admin, "admin@example.org").await;
    let created = admin
        .post(app.url("/admin/users?lang=en"))
        .form(&[("email", "new@example.org"), ("role", "checkin")])
        .send()
        .await
        .expect("send");
    assert_eq!(created.status().as_u16(), 200);
    assert!(created.text().await.expect("text").contains("Account new@example.org created"));
    app.stop().await;
}

#[tokio::test]
async fn the_dashboard_offers_export_presets_and_remembers_the_last_one() {
    let app = TestApp::spawn().await;
    let id = str_of(&app.create_event(json!({})).await, "id");
    app.register(&id, "x@example.org", "online").await;
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    let download = client.get(app.url(&format!("/admin/events/{id}/export/excel-be"))).send().await.expect("send");
    assert_eq!(download.status().as_u16(), 303);
    let location = download.headers()["location"].to_str().expect("location").to_owned();
    assert_eq!(location, format!("/api/v1/events/{id}/attendees.csv?delimiter=semicolon&bom=true"));
    let csv = client.get(app.url(&location)).send().await.expect("send").bytes().await.expect("body");
    assert!(csv.starts_with(b"\xef\xbb\xbfregistration_id;"), "semicolons and a BOM");
    let page = client
        .get(app.url(&format!("/admin/events/{id}?lang=en")))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("text");
    assert!(page.contains("your last choice"));
    let first = page.find("/export/").map(|i| &page[i..i + 16]).unwrap_or("");
    assert!(first.starts_with("/export/excel-be"), "the remembered preset comes first: {first}");
    app.stop().await;
}

fn multipart(fields: &[(&str, &str)], csv: &str) -> (String, Vec<u8>) {
    let boundary = "convene-test-boundary";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"partners.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    ));
    (format!("multipart/form-data; boundary={boundary}"), body.into_bytes())
}

#[tokio::test]
async fn an_organizer_uploads_a_partner_list_dry_run_first() {
    let app = TestApp::spawn().await;
    let id = str_of(&app.create_event(json!({})).await, "id");
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;
    // Headers and modes in French, as a French-speaking organizer's spreadsheet has them.
    let csv = "Prénom,Nom,Courriel,Organisation,Langue,Participation\nAmina,El Idrissi,amina@example.org,Caritas,Français,Sur place\nBad,Row,not-an-address,X,en,en ligne\nNoor,Haddad,noor@example.org,X,nl,hybride\n";
    let url = app.url(&format!("/admin/events/{id}/import?lang=fr"));

    let (content_type, body) = multipart(&[("dry_run", "on")], csv);
    let dry = client.post(&url).header("content-type", content_type).body(body).send().await.expect("send");
    assert_eq!(dry.status().as_u16(), 200);
    let html = dry.text().await.expect("text");
    assert!(html.contains("amina@example.org") && html.contains("Inscrit (Confirmée)"), "{html}");
    assert!(html.contains("Adresse e-mail non valide"), "the outcome is a word: {html}");
    assert!(html.contains("Adresse e-mail : Indiquez une adresse e-mail"), "the reason names the column: {html}");
    assert!(html.contains("Participation : Choisissez sur place ou en ligne."), "{html}");
    for code in ["invalid_email", "invalid_mode", "created", "in_person", "must be"] {
        assert!(!html.contains(code), "{code} reached the page: {html}");
    }
    assert_eq!(app.stats(&id).await["registered"], 0, "a dry run writes nothing");

    let (content_type, body) = multipart(&[], csv);
    let real = client.post(&url).header("content-type", content_type).body(body).send().await.expect("send");
    // A real import runs as a job: the upload leads to its page, which follows it to its report.
    assert_eq!(real.status().as_u16(), 303);
    let job_path = real.headers()["location"].to_str().expect("location").to_owned();
    assert!(job_path.starts_with(&format!("/admin/events/{id}/import/")), "{job_path}");
    let job_url = app.url(&format!("{job_path}?lang=fr"));
    let mut html = String::new();
    for _ in 0..300 {
        if html.contains("Rapport d&#x27;import") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        html = client.get(job_url.clone()).send().await.expect("send").text().await.expect("text");
    }
    assert!(html.contains("Rapport d&#x27;import") && html.contains("Importation terminée"), "{html}");
    assert!(html.contains("3 lignes sur 3 traitées"), "{html}");
    assert_eq!(app.stats(&id).await["registered"], 1);
    app.stop().await;
}
