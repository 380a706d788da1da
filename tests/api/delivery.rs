//! How pages and files travel: compressed when the client asks (gzip or brotli), never when
//! the answer carries a registrant's secret (BREACH); assets linked by content hash and cached
//! for a year; a favicon.

use serde_json::json;

use crate::helpers::{TestApp, json, registration, str_of};

async fn encoding(app: &TestApp, path: &str, accept: &str) -> Option<String> {
    let response = app.client.get(app.url(path)).header("accept-encoding", accept).send().await.expect("send");
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    response.headers().get("content-encoding").map(|v| v.to_str().unwrap_or("").to_owned())
}

#[tokio::test]
async fn pages_and_assets_are_compressed_but_never_an_answer_with_a_secret() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let slug = str_of(&event, "slug");
    assert_eq!(encoding(&app, &format!("/e/{slug}"), "gzip").await.as_deref(), Some("gzip"));
    assert_eq!(encoding(&app, &format!("/e/{slug}"), "br, gzip").await.as_deref(), Some("br"));
    assert_eq!(encoding(&app, "/assets/vendor/jsQR.js", "br").await.as_deref(), Some("br"));
    assert_eq!(encoding(&app, "/api/openapi.json", "gzip").await.as_deref(), Some("gzip"));
    // Streamed exports compressed to their end (a compressor polls the body once more after it).
    for export in ["attendees.csv", "attendees.xlsx", "attendees.xlsx?preset=people"] {
        let response = app
            .client
            .get(app.url(&format!("/api/v1/events/{}/{export}", str_of(&event, "id"))))
            .bearer_auth(&app.organizer_token)
            .header("accept-encoding", "gzip")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.bytes().await.is_ok_and(|b| !b.is_empty()), "{export} arrives whole");
    }

    let response = app
        .client
        .post(app.url(&format!("/api/v1/events/{}/registrations", str_of(&event, "id"))))
        .header("accept-encoding", "gzip, br")
        .json(&registration("secret@example.org", "in_person"))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 201);
    assert!(response.headers().get("content-encoding").is_none(), "the 201 carries the manage link");
    let reg = json(response).await;
    let token = str_of(&reg, "manage_token");
    assert_eq!(encoding(&app, &format!("/api/v1/registrations/{token}"), "gzip, br").await, None);
    assert_eq!(encoding(&app, &format!("/r/{token}"), "gzip, br").await, None, "the manage page");
    assert_eq!(encoding(&app, &format!("/r/{token}/cancel"), "gzip, br").await, None);
    app.stop().await;
}

async fn event_page(app: &TestApp, slug: &str, accept: &str) -> (Option<String>, Vec<u8>) {
    let response =
        app.client.get(app.url(&format!("/e/{slug}"))).header("accept-encoding", accept).send().await.expect("send");
    assert_eq!(response.status().as_u16(), 200);
    let vary = response.headers().get_all("vary").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
    assert!(vary.to_ascii_lowercase().contains("accept-encoding"), "Vary names Accept-Encoding: {vary:?}");
    let encoding = response.headers().get("content-encoding").map(|v| v.to_str().unwrap_or("").to_owned());
    (encoding, response.bytes().await.expect("body").to_vec())
}

fn decoded(encoding: Option<&str>, body: &[u8]) -> String {
    use std::io::Read;
    let mut out = Vec::new();
    let read = match encoding {
        Some("br") => brotli::Decompressor::new(body, 4096).read_to_end(&mut out),
        Some("gzip") => flate2::read::GzDecoder::new(body).read_to_end(&mut out),
        _ => Ok(body.len()).inspect(|_| out.extend_from_slice(body)),
    };
    assert!(read.is_ok(), "{encoding:?} decodes");
    String::from_utf8(out).expect("UTF-8")
}

/// The event page is kept with its compressed forms: each decodes to the page as sent plain,
/// and a seat taken gives new forms, never the previous page's.
#[tokio::test]
async fn the_event_page_compressed_once_is_the_page_as_it_is_now() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 5})).await;
    let slug = str_of(&event, "slug");
    for round in 0..2 {
        let (none, plain) = event_page(&app, &slug, "identity").await;
        assert_eq!(none, None);
        let plain = decoded(None, &plain);
        for (accept, expected) in [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip")] {
            for _ in 0..2 {
                let (encoding, body) = event_page(&app, &slug, accept).await;
                assert_eq!(encoding.as_deref(), Some(expected), "{accept}");
                assert_eq!(decoded(encoding.as_deref(), &body), plain, "round {round}, {accept}");
            }
        }
        let left = if round == 0 { "5 seats left" } else { "4 seats left" };
        assert!(plain.contains(left), "round {round}: {left} on the page");
        let response = app
            .client
            .post(app.url(&format!("/api/v1/events/{}/registrations", str_of(&event, "id"))))
            .json(&registration(&format!("p{round}@example.org"), "in_person"))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status().as_u16(), 201);
    }
    app.stop().await;
}

#[tokio::test]
async fn assets_are_linked_by_content_hash_and_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({})).await;
    let html = app.client.get(app.url(&format!("/e/{}", str_of(&event, "slug")))).send().await.expect("send");
    let html = html.text().await.expect("text").replace("&#x2f;", "/");
    let css = html
        .split("href=\"/assets/app.css?v=")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a hashed stylesheet link");
    let response = app.client.get(app.url(&format!("/assets/app.css?v={css}"))).send().await.expect("send");
    assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(html.contains("<meta name=\"description\""), "a meta description");
    let favicon = app.client.get(app.url("/favicon.ico")).send().await.expect("send");
    assert_eq!(favicon.status().as_u16(), 200);
    assert_eq!(favicon.headers()["content-type"], "image/svg+xml");
    app.stop().await;
}
