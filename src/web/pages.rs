//! Server-rendered HTML: the template environment, the page response type, and the pages
//! that belong to no feature (404, 403).

use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use minijinja::{Value, context};

use super::identity::CurrentUser;
use super::lang::PageLang;
use super::security::page_headers;
use crate::domain::Language;
use crate::error::AppError;
use crate::i18n::t;
use crate::templates::templates;

/// Renders `name` with `ctx`, or the internal-error answer if the template fails.
pub fn render(status: StatusCode, name: &str, ctx: Value) -> Response {
    let lang = ctx.get_attr("lang").ok().and_then(|l| l.as_str().and_then(Language::parse)).unwrap_or_default();
    let ctx = context! { organizer => crate::branding::current().view(lang), asset_url => Value::from_function(asset_url), ..ctx };
    match templates().get_template(name).and_then(|t| t.render(ctx)) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => AppError::Internal(anyhow::anyhow!("template {name}: {err:#}")).into_response(),
    }
}

/// `asset_url("app.css")` in templates: the file's address with its content hash, cached for
/// a year (see [`super::assets`]).
fn asset_url(path: &str) -> String {
    super::assets::url(path)
}

/// An HTML page in the visitor's language.
pub struct Page {
    pub status: StatusCode,
    pub template: &'static str,
    pub lang: PageLang,
    pub ctx: Value,
    /// Reached through a secret link: never cached, never sent as a Referer.
    pub secret_link: bool,
}

impl Page {
    pub fn new(template: &'static str, lang: PageLang, ctx: Value) -> Page {
        Page { status: StatusCode::OK, template, lang, ctx, secret_link: false }
    }

    pub fn status(mut self, status: StatusCode) -> Page {
        self.status = status;
        self
    }

    pub fn secret(mut self) -> Page {
        self.secret_link = true;
        self
    }
}

fn language_links(path: &str) -> Vec<Value> {
    Language::ALL.iter().map(|l| context! { code => l.code(), href => format!("{path}?lang={}", l.code()) }).collect()
}

impl Page {
    /// The page's HTML, layout included.
    pub fn html(&self) -> Result<String, minijinja::Error> {
        let ctx = context! {
            lang => self.lang.lang.code(),
            languages => language_links(&self.lang.path),
            organizer => crate::branding::current().view(self.lang.lang),
            asset_url => Value::from_function(asset_url),
            ..self.ctx.clone()
        };
        templates().get_template(self.template)?.render(ctx)
    }

    /// Answers with `html`, this page's HTML rendered earlier (see [`Page::html`]).
    pub fn respond_with(self, html: impl Into<axum::body::Bytes>) -> Response {
        let mut response = (self.status, Html(html.into())).into_response();
        page_headers(&mut response, self.secret_link);
        self.lang.remember(&mut response);
        response
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        match self.html() {
            Ok(html) => self.respond_with(html),
            Err(err) => AppError::Internal(anyhow::anyhow!("template {}: {err:#}", self.template)).into_response(),
        }
    }
}

/// The "not found" page, for a page handler whose link leads nowhere.
pub fn not_found_page(lang: PageLang) -> Response {
    Page::new("errors/404.html", lang, context! {}).status(StatusCode::NOT_FOUND).into_response()
}

/// Unknown paths: the JSON error under `/api`, an HTML page elsewhere.
pub async fn not_found(uri: Uri, lang: PageLang) -> Response {
    if uri.path().starts_with("/api/") {
        return AppError::NotFound.into_response();
    }
    not_found_page(lang)
}

fn is_plain_text(response: &Response) -> bool {
    response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"))
}

/// The error code a page names for a bare status.
fn code_of_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::BAD_REQUEST => "bad_request",
        _ => "client_error",
    }
}

/// Turns `AppError` answers of page routes into HTML pages in the visitor's language.
pub async fn html_errors(lang: PageLang, request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let info = match response.extensions().get::<crate::error::ErrorInfo>() {
        Some(info) => info.clone(),
        // axum's own plain-text rejections (an unreadable path, a wrong method) become pages too.
        None if status.is_client_error() && is_plain_text(&response) => {
            crate::error::ErrorInfo { code: code_of_status(status).to_owned(), message: String::new(), fields: None }
        }
        None => return response,
    };
    let template = match status {
        StatusCode::NOT_FOUND => "errors/404.html",
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => "errors/403.html",
        _ => "errors/error.html",
    };
    // People read the code's sentence in their language; the API's English stays out.
    let code_key = format!("error-code-{}", info.code.replace('_', "-"));
    let message = if crate::i18n::has(lang.lang, &code_key) {
        t(lang.lang, &code_key, &[])
    } else {
        t(lang.lang, "error-generic", &[])
    };
    let problems: Vec<String> = info
        .fields
        .map(|fields| {
            fields
                .iter()
                .map(|(field, error)| {
                    let key = format!("field-{field}");
                    match crate::i18n::has(lang.lang, &key) {
                        true => format!(
                            "{}{} {}",
                            t(lang.lang, &key, &[]),
                            t(lang.lang, "colon", &[]),
                            error.for_people(lang.lang)
                        ),
                        false => error.for_people(lang.lang),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Page::new(template, lang, context! { message => message, problems => problems, status => status.as_u16() })
        .status(status)
        .into_response()
}

/// API error answers gain `field_messages`: each field's sentence in the language the
/// request's `Accept-Language` names (EN, FR or NL), for clients that show them to people
/// (the desk). `fields` keeps the published English.
pub async fn api_field_messages(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let accept =
        request.headers().get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let response = next.run(request).await;
    let (Some(accept), Some(info)) = (accept, response.extensions().get::<crate::error::ErrorInfo>().cloned()) else {
        return response;
    };
    let Some(fields) = info.fields else { return response };
    let lang = crate::web::lang::negotiate(None, None, Some(&accept));
    let messages: std::collections::BTreeMap<String, String> = fields.in_language(lang);
    let body = serde_json::json!({ "error": {
        "code": info.code, "message": info.message, "fields": fields, "field_messages": messages,
    }});
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body.to_string()))
}

/// A page for a refused action (wrong role, foreign form).
pub fn forbidden(lang: PageLang) -> Response {
    Page::new("errors/403.html", lang, context! {}).status(StatusCode::FORBIDDEN).into_response()
}

/// What every back-office page shows in its header.
pub fn back_office_chrome(user: &CurrentUser, section: &str) -> Value {
    context! {
        user => context! { email => &user.email, role => user.role.as_str(), is_admin => user.role == entity::Role::Admin },
        section => section,
    }
}
