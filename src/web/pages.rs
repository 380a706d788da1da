//! Server-rendered HTML: the template environment and the pages that are not a feature's.

use std::sync::OnceLock;

use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use minijinja::Environment;

use crate::error::AppError;

/// Templates embedded at build time (see `build.rs`).
pub fn templates() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        minijinja_embed::load_templates!(&mut env);
        crate::i18n::register(&mut env);
        env
    })
}

/// Renders `name` with `ctx`, or a plain error page if the template fails.
pub fn render(status: StatusCode, name: &str, ctx: minijinja::Value) -> Response {
    match templates().get_template(name).and_then(|t| t.render(ctx)) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => AppError::Internal(anyhow::anyhow!("template {name}: {err}")).into_response(),
    }
}

/// Unknown paths: the JSON error under `/api`, an HTML page elsewhere.
pub async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return AppError::NotFound.into_response();
    }
    render(StatusCode::NOT_FOUND, "errors/404.html", minijinja::context! { lang => "en" })
}
