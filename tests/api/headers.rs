//! Every HTML page answers with a CSP, and every page showing personal data with
//! `Cache-Control: no-store`: a walk over the pages a partner, an organizer and the door see.

use serde_json::json;

use crate::backoffice::{browser, log_in};
use crate::helpers::{TestApp, json, registration, str_of};

#[tokio::test]
async fn every_page_has_a_csp_and_personal_pages_are_not_stored() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let (id, slug) = (str_of(&event, "id"), str_of(&event, "slug"));
    let reg = json(app.register_body(&id, registration("amina@example.org", "in_person")).await).await;
    let (reg_id, manage) = (str_of(&reg, "id"), str_of(&reg, "manage_token"));
    let client = browser();
    log_in(&app, &client, "organizer@example.org").await;

    // (path, shows personal data)
    let pages = [
        (format!("/e/{slug}"), false),
        (format!("/e/{slug}/lost-link"), false),
        (format!("/r/{manage}"), true),
        (format!("/r/{manage}/cancel"), true),
        ("/admin/login".to_owned(), false),
        ("/admin/events".to_owned(), true),
        ("/admin/events/new".to_owned(), true),
        (format!("/admin/events/{id}"), true),
        (format!("/admin/events/{id}/edit"), true),
        (format!("/admin/events/{id}/registrations"), true),
        (format!("/admin/events/{id}/registrations/{reg_id}"), true),
        (format!("/admin/events/{id}/held-seat"), true),
        (format!("/admin/events/{id}/badges"), true),
        (format!("/admin/events/{id}/import"), true),
        (format!("/admin/events/{id}/copy"), true),
        (format!("/admin/events/{id}/invite-previous"), true),
        (format!("/admin/events/{id}/checkin-list"), true),
        (format!("/checkin/{id}"), true),
        ("/admin/users".to_owned(), false), // admins only: a 403 page for an organizer
        ("/admin/tokens".to_owned(), true),
        ("/admin/settings".to_owned(), false), // admins only too
        ("/no/such/page".to_owned(), false),
    ];
    for (path, personal) in &pages {
        let response = client.get(app.url(path)).send().await.expect("send");
        let status = response.status().as_u16();
        let expected = match path.as_str() {
            "/no/such/page" => 404,
            "/admin/users" | "/admin/settings" => 403,
            _ => 200,
        };
        assert_eq!(status, expected, "{path}");
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert!(header("content-type").starts_with("text/html"), "{path}: {}", header("content-type"));
        assert!(header("content-security-policy").contains("default-src 'self'"), "{path} has no CSP");
        if *personal {
            assert!(header("cache-control").contains("no-store"), "{path} may be stored: {}", header("cache-control"));
        }
    }
    app.stop().await;
}
