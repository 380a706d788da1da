//! Cross-site protection and the headers every HTML page carries.
//!
//! Forms are protected by tower-http's `CsrfLayer` (Sec-Fetch-Site / Origin, no tokens). The
//! JSON API applies the same check only to requests authenticated by the session cookie: a
//! Bearer token cannot be sent by a foreign page, and public endpoints carry no credential.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::sessions;
use crate::error::AppError;

/// The Content-Security-Policy of every page: our own scripts and styles only.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// True when the browser says the request comes from another site.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => origin.split("://").nth(1) != Some(host),
        (Some(_), None) => true,
        _ => false,
    }
}

/// For `/api`: refuses unsafe cookie-authenticated requests from another site.
pub async fn api_cross_site(request: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let headers = request.headers();
    if unsafe_method
        && !headers.contains_key(header::AUTHORIZATION)
        && sessions::cookie(headers, sessions::COOKIE).is_some()
        && is_cross_site(headers)
    {
        return AppError::Forbidden.into_response();
    }
    next.run(request).await
}

/// The back office and the desk show people's names, emails and answers: no cache keeps
/// them (a page that says otherwise keeps its own header).
pub async fn private_pages(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let private = {
        let path = request.uri().path();
        path.starts_with("/admin") || path.starts_with("/checkin/")
    };
    let mut response = next.run(request).await;
    if private && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Headers for HTML pages: the CSP, and for pages behind a secret link, no caching.
pub fn page_headers(response: &mut Response, secret_link: bool) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    if secret_link {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        response.extensions_mut().insert(CarriesSecret);
    }
}

/// Marks a response that carries a registrant's secret (a manage or join link, a ticket
/// code): it is never compressed, so a page's size cannot leak the secret (BREACH).
#[derive(Debug, Clone, Copy)]
pub struct CarriesSecret;

/// A JSON answer that carries a registrant's secret (see [`CarriesSecret`]).
pub struct SecretJson<T>(pub T);

impl<T: serde::Serialize> axum::response::IntoResponse for SecretJson<T> {
    fn into_response(self) -> Response {
        let mut response = axum::Json(self.0).into_response();
        response.extensions_mut().insert(CarriesSecret);
        response
    }
}

/// Compress what the client accepts, except answers that carry a secret and those too small
/// or already compressed (tower-http's defaults: images, gRPC, under 32 bytes).
#[derive(Debug, Clone, Copy, Default)]
pub struct CompressUnlessSecret;

impl tower_http::compression::Predicate for CompressUnlessSecret {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &axum::http::Response<B>) -> bool {
        response.extensions().get::<CarriesSecret>().is_none()
            && tower_http::compression::DefaultPredicate::new().should_compress(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn fetch_metadata_decides_first_then_origin_against_host() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "same-origin"), ("origin", "https://evil.example")])));
        assert!(is_cross_site(&headers(&[("origin", "https://evil.example"), ("host", "events.example.org")])));
        assert!(!is_cross_site(&headers(&[("origin", "https://events.example.org"), ("host", "events.example.org")])));
        assert!(!is_cross_site(&headers(&[])), "curl and scripts send neither");
    }

    /// The CSP allows no inline style: a `style` attribute or block in a page template would
    /// be dropped by the browser (mails and the printable list are not served under it).
    #[test]
    fn page_templates_carry_no_inline_style() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for dir in ["public", "admin", "desk", "errors"] {
            for entry in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                assert!(!text.contains(" style=\"") && !text.contains("<style"), "{}", entry.path().display());
            }
        }
        let layout = std::fs::read_to_string(root.join("layout.html")).unwrap_or_default();
        assert!(!layout.contains(" style=\""));
    }
}
