//! The admins' settings page: who organizes (name per language, contact, privacy notice,
//! accent colour, logo), with a preview of the public header and of a mail.

use std::collections::BTreeMap;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde_json::{Map, Value as Json, json};

use super::{input, service};
use crate::branding::Branding;
use crate::db::keep;
use crate::domain::{Language, now};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::i18n::t;
use crate::web::AppState;
use crate::web::form::FormFields;
use crate::web::identity::{AdminPage, CurrentUser};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

const LANGUAGES: [&str; 3] = ["en", "fr", "nl"];

/// The form's values for `branding`.
fn values_of(branding: &Branding) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for lang in LANGUAGES {
        values.insert(format!("name_{lang}"), branding.organization_name.0.get(lang).cloned().unwrap_or_default());
        values.insert(format!("privacy_{lang}"), branding.privacy_url.0.get(lang).cloned().unwrap_or_default());
    }
    values.insert("contact_email".into(), branding.contact_email.clone().unwrap_or_default());
    values.insert("accent_color".into(), branding.accent_color.clone().unwrap_or_default());
    values
}

/// The form's fields in page order, with their labels.
fn labels(lang: Language) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for l in LANGUAGES {
        fields.push((format!("name_{l}"), t(lang, &format!("settings-name-{l}"), &[])));
    }
    fields.push(("contact_email".into(), t(lang, "settings-contact", &[])));
    for l in LANGUAGES {
        fields.push((format!("privacy_{l}"), t(lang, &format!("settings-privacy-{l}"), &[])));
    }
    fields.push(("accent_color".into(), t(lang, "settings-accent", &[])));
    fields.push(("logo".into(), t(lang, "settings-logo", &[])));
    fields
}

fn page(
    user: &CurrentUser,
    lang: PageLang,
    branding: &Branding,
    values: BTreeMap<String, String>,
    errors: FieldErrors,
    notice: Option<&str>,
) -> Response {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let preview_name =
        LANGUAGES.iter().find_map(|l| values.get(&format!("name_{l}")).filter(|s| !s.is_empty())).cloned();
    let ctx = context! {
        values => values, errors => errors.in_language(lang.lang), summary => errors.summary(lang.lang, &labels(lang.lang)),
        notice => notice.map(|key| t(lang.lang, key, &[])),
        logo => branding.logo_path(), accent => branding.readable_accent(), preview_name => preview_name,
        ..chrome(user, "settings")
    };
    Page::new("admin/settings.html", lang, ctx).status(status).into_response()
}

pub async fn show(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    lang: PageLang,
    uri: axum::http::Uri,
) -> Result<Response, AppError> {
    let branding = crate::branding::load(state.db.read()).await?;
    let notice = match uri.query().unwrap_or("") {
        q if q.contains("saved=1") => Some("settings-saved"),
        q if q.contains("logo=1") => Some("settings-logo-saved"),
        q if q.contains("logo=0") => Some("settings-logo-removed"),
        _ => None,
    };
    Ok(page(&me, lang, &branding, values_of(&branding), FieldErrors::new(), notice))
}

/// The form as the API's patch: the same rules, the same errors.
fn patch_of(form: &FormFields) -> Map<String, Json> {
    let text = |name: &str| form.get(name).map(str::trim).unwrap_or("").to_owned();
    let per_language = |prefix: &str| -> Json {
        LANGUAGES.iter().map(|l| (l.to_string(), json!(text(&format!("{prefix}_{l}"))))).collect::<Map<_, _>>().into()
    };
    let mut patch = Map::new();
    patch.insert("organization_name".into(), per_language("name"));
    patch.insert("privacy_url".into(), per_language("privacy"));
    patch.insert("contact_email".into(), json!(text("contact_email")));
    let accent = text("accent_color");
    patch.insert(
        "accent_color".into(),
        if accent.is_empty() || form.checked("no_accent") { Json::Null } else { json!(accent) },
    );
    patch
}

/// Form names for the API's fields: `organization_name.fr` → `name_fr`.
fn form_field(api: &str) -> String {
    match api.split_once('.') {
        Some(("organization_name", l)) => format!("name_{l}"),
        Some(("privacy_url", l)) => format!("privacy_{l}"),
        _ => api.to_owned(),
    }
}

pub async fn save(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    lang: PageLang,
    form: FormFields,
) -> Result<Response, AppError> {
    let patch = patch_of(&form);
    let change = match input::parse(&patch) {
        Ok(change) => change,
        Err(errors) => {
            let branding = crate::branding::load(state.db.read()).await?;
            return Ok(page(&me, lang, &branding, form.strings(), errors.map_fields(form_field), None));
        }
    };
    state.db.write(move |txn| keep(async move { service::apply(txn, change, &me.email, now()).await })).await?;
    state.branding.forget();
    Ok(Redirect::to("/admin/settings?saved=1").into_response())
}

pub async fn upload_logo(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    lang: PageLang,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut file: Option<(Vec<u8>, Option<String>)> = None;
    let mut too_large = false;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("logo") {
            let declared = field.content_type().map(str::to_owned);
            match field.bytes().await {
                Ok(bytes) if bytes.len() <= service::LOGO_LIMIT => file = Some((bytes.to_vec(), declared)),
                _ => too_large = true,
            }
        }
    }
    let problem = match (&file, too_large) {
        (_, true) => Some(FieldError::new("logo_too_large").with("max", "512 KiB")),
        (None, false) => Some(FieldError::new("logo_missing")),
        (Some((bytes, declared)), false) => {
            service::logo_type(declared.as_deref(), bytes).is_none().then(|| FieldError::new("logo_type"))
        }
    };
    if let Some(problem) = problem {
        let branding = crate::branding::load(state.db.read()).await?;
        return Ok(page(&me, lang, &branding, values_of(&branding), FieldErrors::one("logo", problem), None));
    }
    let Some((bytes, declared)) = file else { return Err(AppError::BadRequest("no logo".into())) };
    let media_type = service::logo_type(declared.as_deref(), &bytes).ok_or(AppError::UnsupportedMediaType)?;
    state
        .db
        .write(move |txn| keep(async move { service::set_logo(txn, bytes, media_type, &me.email, now()).await }))
        .await?;
    state.branding.forget();
    Ok(Redirect::to("/admin/settings?logo=1").into_response())
}

pub async fn delete_logo(State(state): State<AppState>, AdminPage(me): AdminPage) -> Result<Response, AppError> {
    let change = input::SettingsChange { delete_logo: true, ..Default::default() };
    state.db.write(move |txn| keep(async move { service::apply(txn, change, &me.email, now()).await })).await?;
    state.branding.forget();
    Ok(Redirect::to("/admin/settings?logo=0").into_response())
}
