//! The template environment (`templates/`, embedded at build time by `build.rs`), shared by
//! pages (`web::pages`) and mails (`mail::compose`), with the translation functions of `i18n`.

use std::sync::OnceLock;

use minijinja::Environment;

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
