//! The page language: `?lang=`, else the remembered choice (cookie), else `Accept-Language`,
//! else English. Choosing with `?lang=` is remembered for a year.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::Response;

use crate::auth::sessions::cookie;
use crate::domain::Language;

pub const COOKIE: &str = "lang";

/// The language a page is served in, and whether the visitor just chose it.
#[derive(Debug, Clone)]
pub struct PageLang {
    pub lang: Language,
    chosen: bool,
    /// Chosen now or remembered (not guessed from the browser).
    pub explicit: bool,
    /// The request path, for the language switch links.
    pub path: String,
}

/// Picks a language from the three sources, in order.
pub fn negotiate(query: Option<&str>, remembered: Option<&str>, accept: Option<&str>) -> Language {
    if let Some(lang) = query.and_then(Language::parse).or_else(|| remembered.and_then(Language::parse)) {
        return lang;
    }
    let mut ranked: Vec<(f32, Language)> = accept
        .unwrap_or("")
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let primary = tag.split(['-', '_']).next()?;
            Some((q, Language::parse(primary)?))
        })
        .filter(|(q, _)| *q > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, l)| *l).unwrap_or_default()
}

fn query_lang(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|pair| pair.strip_prefix("lang="))
}

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let chosen = query_lang(parts.uri.query()).and_then(Language::parse);
        let accept = parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        let remembered = cookie(&parts.headers, COOKIE);
        let lang = negotiate(chosen.map(Language::code), remembered, accept);
        let explicit = chosen.is_some() || remembered.and_then(Language::parse).is_some();
        Ok(PageLang { lang, chosen: chosen.is_some(), explicit, path: parts.uri.path().to_owned() })
    }
}

impl PageLang {
    pub fn fixed(lang: Language, path: impl Into<String>) -> PageLang {
        PageLang { lang, chosen: false, explicit: true, path: path.into() }
    }

    /// Remembers a language chosen with `?lang=`.
    pub fn remember(&self, response: &mut Response) {
        if self.chosen {
            let value = format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", self.lang.code());
            if let Ok(v) = HeaderValue::from_str(&value) {
                response.headers_mut().append(header::SET_COOKIE, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_wins_then_the_cookie_then_the_browser() {
        assert_eq!(negotiate(Some("nl"), Some("fr"), Some("en")), Language::Nl);
        assert_eq!(negotiate(None, Some("fr"), Some("nl")), Language::Fr);
        assert_eq!(negotiate(None, None, Some("de-DE,nl-BE;q=0.8,fr;q=0.9")), Language::Fr);
        assert_eq!(negotiate(None, None, Some("fr-CA")), Language::Fr);
        assert_eq!(negotiate(None, None, Some("de")), Language::En);
        assert_eq!(negotiate(Some("xx"), Some("yy"), None), Language::En);
    }
}
