//! Static files compiled into the binary: everything under `assets/` (the shared stylesheet and
//! the vendored front-end libraries, see `assets/vendor/README.md`), served at `/assets/{path}`.
//!
//! Caching: every answer carries a strong `ETag` (from the file's SHA-256) and honours
//! `If-None-Match`. Templates should link assets with [`url`], which appends `?v=<hash>`; a
//! request whose `v` matches the file's current hash is cached for a year as `immutable`,
//! anything else (a bare URL, a stale hash after an upgrade) for an hour only.
//!
//! Release builds read the files from the binary; debug builds read them from `assets/` on disk
//! (rust-embed's default), so stylesheet edits show up without a rebuild.

use axum::extract::{Path, RawQuery};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use rust_embed::{EmbeddedFile, RustEmbed};

use super::lang::PageLang;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

/// Versioned URLs are content hashes, so they can be cached forever.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Unversioned URLs may change with the next release.
const SHORT: &str = "public, max-age=3600";
/// Hex digits of the SHA-256 used in `?v=` and the `ETag`.
const VERSION_LEN: usize = 16;

/// `/assets/{path}?v=<hash>` for a file under `assets/`; the bare path if there is no such file
/// (the browser then gets the 404, which is easier to notice than a broken template).
pub fn url(path: &str) -> String {
    match Assets::get(path) {
        Some(file) => format!("/assets/{path}?v={}", version(&file)),
        None => {
            tracing::warn!(path, "asset_url: no such file under assets/");
            format!("/assets/{path}")
        }
    }
}

/// Adds `asset_url(path)` to a template environment: `<link rel="stylesheet" href="{{ asset_url('app.css') }}">`.
pub fn register(env: &mut minijinja::Environment<'_>) {
    env.add_function("asset_url", |path: &str| url(path));
}

/// `GET /assets/{*path}`.
pub async fn serve(
    Path(path): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    lang: PageLang,
    uri: Uri,
) -> Response {
    let Some(file) = lookup(&path) else {
        return super::pages::not_found(uri, lang).await;
    };
    let version = version(&file);
    let etag = format!("\"{version}\"");
    let versioned = query.as_deref().is_some_and(|q| q.split('&').any(|pair| pair == format!("v={version}")));
    let cache_control = if versioned { IMMUTABLE } else { SHORT };
    let mut response = if if_none_match(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = file.data.into_owned().into_response();
        if let Ok(value) = HeaderValue::from_str(&content_type(file.metadata.mimetype())) {
            response.headers_mut().insert(header::CONTENT_TYPE, value);
        }
        response
    };
    let response_headers = response.headers_mut();
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, value);
    }
    response
}

/// `GET /checkin/sw.js`: the desk's service worker, served from the folder it works for (a
/// worker's scope is where its script lives), never cached by the browser's HTTP cache so an
/// update is seen on the next visit.
pub async fn desk_worker() -> Response {
    match lookup("desk-sw.js") {
        Some(file) => {
            let mut response = file.data.into_owned().into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /favicon.ico`: browsers ask for it on every site; the SVG icon answers.
pub async fn favicon() -> Response {
    match lookup("favicon.svg") {
        Some(file) => {
            let mut response = file.data.into_owned().into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(SHORT));
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The embedded file at `path`, refusing anything that is not a plain relative path.
fn lookup(path: &str) -> Option<EmbeddedFile> {
    let plain = !path.is_empty()
        && !path.contains('\\')
        && path.split('/').all(|segment| !segment.is_empty() && segment != "." && segment != "..");
    if plain { Assets::get(path) } else { None }
}

fn version(file: &EmbeddedFile) -> String {
    file.metadata.sha256_hash().iter().take(VERSION_LEN / 2).map(|b| format!("{b:02x}")).collect()
}

/// Text types get an explicit UTF-8 charset; everything else is sent as guessed.
fn content_type(mime: &str) -> String {
    let textual = mime.starts_with("text/") || mime == "application/javascript" || mime == "image/svg+xml";
    if textual && !mime.contains("charset") { format!("{mime}; charset=utf-8") } else { mime.to_owned() }
}

fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::{Body, to_bytes};
    use axum::http::Request;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    async fn get_asset(uri: &str, if_none_match: Option<&str>) -> Response {
        let router = Router::new().route("/assets/{*path}", get(serve));
        let mut request = Request::get(uri);
        if let Some(tag) = if_none_match {
            request = request.header(header::IF_NONE_MATCH, tag);
        }
        router.oneshot(request.body(Body::empty()).expect("request")).await.expect("infallible")
    }

    fn header_of(response: &Response, name: header::HeaderName) -> &str {
        response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    #[tokio::test]
    async fn the_stylesheet_is_served_as_utf8_css_with_a_short_cache_when_unversioned() {
        let response = get_asset("/assets/app.css", None).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header_of(&response, header::CONTENT_TYPE), "text/css; charset=utf-8");
        assert_eq!(header_of(&response, header::CACHE_CONTROL), SHORT);
        let body = to_bytes(response.into_body(), usize::MAX).await.expect("body");
        assert!(String::from_utf8_lossy(&body).contains(".visually-hidden"));
    }

    #[tokio::test]
    async fn vendored_scripts_are_served_as_javascript() {
        for path in ["/assets/vendor/jsQR.js", "/assets/vendor/axe.min.js"] {
            let response = get_asset(path, None).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert!(header_of(&response, header::CONTENT_TYPE).contains("javascript"), "{path}");
        }
    }

    #[tokio::test]
    async fn a_versioned_url_is_immutable_and_a_stale_version_is_not() {
        let versioned = url("app.css");
        assert!(versioned.starts_with("/assets/app.css?v="), "{versioned}");
        let response = get_asset(&versioned, None).await;
        assert_eq!(header_of(&response, header::CACHE_CONTROL), IMMUTABLE);
        let stale = get_asset("/assets/app.css?v=0000000000000000", None).await;
        assert_eq!(stale.status(), StatusCode::OK);
        assert_eq!(header_of(&stale, header::CACHE_CONTROL), SHORT);
    }

    #[tokio::test]
    async fn a_matching_etag_gets_304_without_a_body() {
        let first = get_asset("/assets/app.css", None).await;
        let etag = header_of(&first, header::ETAG).to_owned();
        assert!(etag.starts_with('"') && etag.len() == VERSION_LEN + 2, "{etag}");
        let second = get_asset("/assets/app.css", Some(&etag)).await;
        assert_eq!(second.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(header_of(&second, header::ETAG), etag);
        assert!(to_bytes(second.into_body(), usize::MAX).await.expect("body").is_empty());
    }

    #[tokio::test]
    async fn unknown_files_and_path_tricks_get_the_html_404() {
        for path in
            ["/assets/nope.css", "/assets/vendor/", "/assets/../Cargo.toml", "/assets/vendor/..%2F..%2FCargo.toml"]
        {
            let response = get_asset(path, None).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            assert!(header_of(&response, header::CONTENT_TYPE).starts_with("text/html"), "{path}");
        }
        assert!(lookup("vendor/../app.css").is_none());
        assert!(lookup("./app.css").is_none());
    }

    #[test]
    fn url_of_a_missing_file_is_the_bare_path() {
        assert_eq!(url("missing.css"), "/assets/missing.css");
    }
}
