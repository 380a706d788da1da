//! Events in the back office: the list, the create and edit form (with the custom questions
//! editor), and publish / close / cancel.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use entity::event;
use entity::json::QuestionOption;
use minijinja::{Value, context};
use serde_json::{Value as Json, json};

use crate::attendance::stats;
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::events::input::{EventInput, Question};
use crate::events::service::{self as events, EventError};
use crate::events::view::{EventView, zone};
use crate::i18n::format_span;
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::{OrganizerPage, StaffPage};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

/// Blank question rows offered below the existing ones.
const BLANK_QUESTIONS: usize = 3;

pub async fn home(_: StaffPage) -> Redirect {
    Redirect::to("/admin/events")
}

/// The events; check-in staff see them too, with the way to their desk.
pub async fn list(
    State(state): State<AppState>,
    StaffPage(me): StaffPage,
    lang: PageLang,
) -> Result<Response, AppError> {
    let mut rows = Vec::new();
    for e in events::list(state.db.read()).await? {
        let counts = stats::for_event(state.db.read(), &e).await?;
        rows.push(context! {
            id => e.id.to_string(), title => &e.title, status => e.status.as_str(),
            when => format_span(e.starts_at, e.ends_at, zone(&e), lang.lang), counts => Value::from(minijinja::value::Serde(&counts)),
        });
    }
    let ctx = context! { events => rows, ..chrome(&me, "events") };
    Ok(Page::new("admin/events.html", lang, ctx).into_response())
}

/// Common IANA zones offered in the form (any other can be typed through the API).
const ZONES: &[&str] = &[
    "Europe/Brussels",
    "Europe/Amsterdam",
    "Europe/Paris",
    "Europe/Luxembourg",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Africa/Casablanca",
    "Africa/Kinshasa",
    "Africa/Lagos",
    "Africa/Nairobi",
    "America/New_York",
    "Asia/Dubai",
    "UTC",
];

/// `2026-12-13T09:30` in the event's zone, for `<input type="datetime-local">`.
fn local_input(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// Form values for an existing event.
fn values_of(e: &event::Model) -> BTreeMap<String, String> {
    let tz = zone(e);
    let view = EventView::from(e);
    let mut v = BTreeMap::new();
    v.insert("title".into(), e.title.clone());
    v.insert("slug".into(), e.slug.clone());
    v.insert("description".into(), e.description.clone());
    for lang in ["fr", "nl"] {
        if let Some(tr) = view.translations.get(lang) {
            v.insert(format!("title_{lang}"), tr.title.clone().unwrap_or_default());
            v.insert(format!("description_{lang}"), tr.description.clone().unwrap_or_default());
        }
    }
    v.insert("starts_at".into(), local_input(e.starts_at, tz));
    v.insert("ends_at".into(), local_input(e.ends_at, tz));
    v.insert("timezone".into(), e.timezone.clone());
    v.insert("venue".into(), e.venue.clone().unwrap_or_default());
    v.insert("online_url".into(), e.online_url.clone().unwrap_or_default());
    if e.offers_in_person {
        v.insert("mode_in_person".into(), "on".into());
    }
    if e.offers_online {
        v.insert("mode_online".into(), "on".into());
    }
    v.insert("in_person_capacity".into(), e.in_person_capacity.map(|c| c.to_string()).unwrap_or_default());
    v.insert("online_capacity".into(), e.online_capacity.map(|c| c.to_string()).unwrap_or_default());
    if e.waitlist {
        v.insert("waitlist".into(), "on".into());
    }
    v.insert("registration_closes_at".into(), e.registration_closes_at.map(|t| local_input(t, tz)).unwrap_or_default());
    v.insert("reminder_hours_before".into(), (e.reminder_minutes_before / 60).to_string());
    v.insert("status".into(), e.status.as_str().to_owned());
    for (i, q) in view.questions.iter().enumerate() {
        v.insert(format!("q{i}_key"), q.key.clone());
        v.insert(format!("q{i}_kind"), q.kind.as_str().into());
        if q.required {
            v.insert(format!("q{i}_required"), "on".into());
        }
        for (lang, label) in &q.label {
            v.insert(format!("q{i}_label_{lang}"), label.clone());
        }
        let lines: Vec<String> = q.options.iter().map(option_line).collect();
        v.insert(format!("q{i}_options"), lines.join("\n"));
    }
    v
}

/// One option as a line of the editor: `value`, or `English | Français | Nederlands`, or,
/// when the value is not the English label, `value | English | Français | Nederlands`.
fn option_line(option: &QuestionOption) -> String {
    match option {
        QuestionOption::Plain(value) => value.clone(),
        QuestionOption::Labelled { value, label } => {
            let labels = ["en", "fr", "nl"].map(|l| label.get(l).map(String::as_str).unwrap_or(""));
            if label.get("en") == Some(value) {
                labels.join(" | ")
            } else {
                format!("{value} | {}", labels.join(" | "))
            }
        }
    }
}

/// The option a line of the editor describes (see [`option_line`]); `None` for a blank line.
fn option_from_line(line: &str) -> Option<Json> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    let labelled = |value: &str, labels: &[&str]| {
        let label: serde_json::Map<String, Json> = ["en", "fr", "nl"]
            .into_iter()
            .zip(labels)
            .filter(|(_, text)| !text.is_empty())
            .map(|(lang, text)| (lang.to_owned(), json!(text)))
            .collect();
        json!({ "value": value, "label": label })
    };
    match parts.as_slice() {
        [""] => None,
        [value] => Some(json!(value)),
        [value, en, fr, nl] => Some(labelled(value, &[en, fr, nl])),
        labels => Some(labelled(labels[0], labels)),
    }
}

fn question_count(values: &BTreeMap<String, String>) -> usize {
    (0..50).take_while(|i| values.contains_key(&format!("q{i}_key"))).count()
}

/// A `datetime-local` value read in the event's zone, as RFC 3339.
fn instant(form: &FormFields, field: &str, tz: Tz, errors: &mut FieldErrors) -> Option<String> {
    let raw = form.get(field).unwrap_or("").trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .and_then(|naive| tz.from_local_datetime(&naive).earliest());
    match parsed {
        Some(t) => Some(t.to_rfc3339()),
        None => {
            errors.insert(field, FieldError::new("form_datetime"));
            None
        }
    }
}

fn capacity(form: &FormFields, field: &str, errors: &mut FieldErrors) -> Json {
    let raw = form.get(field).unwrap_or("").trim();
    if raw.is_empty() {
        return Json::Null;
    }
    match raw.parse::<i64>() {
        Ok(n) => json!(n),
        Err(_) => {
            errors.insert(field, FieldError::new("form_capacity"));
            Json::Null
        }
    }
}

/// The whole event as the form describes it, as a JSON document the event parser takes.
fn document(form: &FormFields) -> (Json, FieldErrors) {
    let mut errors = FieldErrors::new();
    let tz: Tz = form.get("timezone").unwrap_or("UTC").parse().unwrap_or(Tz::UTC);
    let text = |f: &str| form.get(f).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let mut modes = Vec::new();
    if form.checked("mode_in_person") {
        modes.push("in_person");
    }
    if form.checked("mode_online") {
        modes.push("online");
    }
    let mut translations = serde_json::Map::new();
    for lang in ["fr", "nl"] {
        let (title, description) = (text(&format!("title_{lang}")), text(&format!("description_{lang}")));
        if title.is_some() || description.is_some() {
            translations.insert(lang.into(), json!({"title": title, "description": description}));
        }
    }
    let mut questions = Vec::new();
    for i in 0..50 {
        let Some(key) = form.get(&format!("q{i}_key")) else { break };
        if key.trim().is_empty() {
            continue; // a blank row
        }
        let mut label = serde_json::Map::new();
        for lang in ["en", "fr", "nl"] {
            if let Some(l) = text(&format!("q{i}_label_{lang}")) {
                label.insert(lang.into(), json!(l));
            }
        }
        let options: Vec<Json> =
            form.get(&format!("q{i}_options")).unwrap_or("").lines().filter_map(option_from_line).collect();
        let kind = form.get(&format!("q{i}_kind")).unwrap_or("text");
        questions.push(json!({
            "key": key.trim(), "kind": kind, "required": form.checked(&format!("q{i}_required")), "label": label,
            "options": if matches!(kind, "choice" | "multi") { json!(options) } else { json!([]) },
        }));
    }
    let reminder = text("reminder_hours_before").map(|h| h.parse::<i64>().map(|n| json!(n)).unwrap_or(json!(-1)));
    let doc = json!({
        "title": text("title"),
        "slug": text("slug"),
        "description": text("description").unwrap_or_default(),
        "translations": translations,
        "starts_at": instant(form, "starts_at", tz, &mut errors),
        "ends_at": instant(form, "ends_at", tz, &mut errors),
        "timezone": form.get("timezone").unwrap_or("UTC"),
        "venue": text("venue"),
        "online_url": text("online_url"),
        "modes": modes,
        "in_person_capacity": capacity(form, "in_person_capacity", &mut errors),
        "online_capacity": capacity(form, "online_capacity", &mut errors),
        "waitlist": form.checked("waitlist"),
        "registration_closes_at": instant(form, "registration_closes_at", tz, &mut errors),
        "status": form.get("status").unwrap_or("draft"),
        "questions": questions,
        "reminder_hours_before": reminder.unwrap_or(json!(24)),
    });
    (doc, errors)
}

fn form_page(
    user: &crate::web::identity::CurrentUser,
    lang: PageLang,
    event_id: Option<String>,
    values: BTreeMap<String, String>,
    errors: FieldErrors,
    status: StatusCode,
) -> Response {
    let rows = question_count(&values) + BLANK_QUESTIONS;
    let ctx = context! {
        event_id => event_id, values => values, errors => errors.in_language(lang.lang), zones => ZONES.to_vec(), question_rows => (0..rows).collect::<Vec<_>>(),
        ..chrome(user, "events")
    };
    Page::new("admin/event_form.html", lang, ctx).status(status).into_response()
}

pub async fn new_page(OrganizerPage(me): OrganizerPage, lang: PageLang) -> Response {
    let mut values = BTreeMap::new();
    for (k, v) in [
        ("timezone", "Europe/Brussels"),
        ("mode_in_person", "on"),
        ("mode_online", "on"),
        ("waitlist", "on"),
        ("reminder_hours_before", "24"),
        ("status", "draft"),
    ] {
        values.insert(k.to_owned(), v.to_owned());
    }
    form_page(&me, lang, None, values, FieldErrors::new(), StatusCode::OK)
}

pub async fn create(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    form: FormFields,
) -> Result<Response, AppError> {
    let values: BTreeMap<String, String> = form.strings();
    let (doc, mut errors) = document(&form);
    let parsed = serde_json::from_value::<EventInput>(doc)
        .map_err(|e| FieldErrors::one("form", FieldError::new("invalid_value").with("detail", e)));
    let spec = match parsed.and_then(|input| input.parse()) {
        Ok(spec) if errors.is_empty() => spec,
        Ok(_) => return Ok(form_page(&me, lang, None, values, errors, StatusCode::UNPROCESSABLE_ENTITY)),
        Err(more) => {
            errors.extend(more);
            return Ok(form_page(&me, lang, None, values, errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let by = me.id;
    match state.db.write(move |txn| keep(events::create(txn, spec, Some(by), now()))).await {
        Ok(e) => Ok(Redirect::to(&format!("/admin/events/{}", e.id)).into_response()),
        Err(EventError::Conflict(message)) => Ok(form_page(
            &me,
            lang,
            None,
            values,
            FieldErrors::one("slug", FieldError::new("conflict").with("detail", message)),
            StatusCode::CONFLICT,
        )),
        Err(other) => Err(other.into()),
    }
}

pub async fn edit_page(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    Ok(form_page(&me, lang, Some(id.to_string()), values_of(&e), FieldErrors::new(), StatusCode::OK))
}

pub async fn update(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let values: BTreeMap<String, String> = form.strings();
    let (doc, errors) = document(&form);
    if !errors.is_empty() {
        return Ok(form_page(&me, lang, Some(id.to_string()), values, errors, StatusCode::UNPROCESSABLE_ENTITY));
    }
    apply(&state, &me, lang, id, doc, values).await
}

/// Applies a patch and answers the dashboard, or the form again with what went wrong.
async fn apply(
    state: &AppState,
    me: &crate::web::identity::CurrentUser,
    lang: PageLang,
    id: uuid::Uuid,
    patch: Json,
    values: BTreeMap<String, String>,
) -> Result<Response, AppError> {
    match state.db.write(move |txn| keep(async move { events::update(txn, id, &patch, now()).await })).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/events/{id}")).into_response()),
        Err(EventError::Invalid(errors)) => {
            Ok(form_page(me, lang, Some(id.to_string()), values, errors, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(EventError::Conflict(message)) => Ok(form_page(
            me,
            lang,
            Some(id.to_string()),
            values,
            FieldErrors::one("form", FieldError::new("conflict").with("detail", message)),
            StatusCode::CONFLICT,
        )),
        Err(other) => Err(other.into()),
    }
}

/// Publish, close or cancel.
pub async fn set_status(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let status = form.get("status").unwrap_or("");
    if !matches!(status, "draft" | "published" | "closed" | "cancelled") {
        return Err(AppError::field("status", FieldError::new("invalid_event_status")));
    }
    let e = events::get(state.db.read(), id).await?;
    apply(&state, &me, lang, id, json!({"status": status}), values_of(&e)).await
}

/// Question labels for the dashboard and lists.
pub fn question_labels(e: &event::Model) -> Vec<Value> {
    crate::events::view::questions(e)
        .into_iter()
        .map(|q: Question| context! { key => q.key, label => q.label.get("en").cloned().unwrap_or_default() })
        .collect()
}
