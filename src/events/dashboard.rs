//! The event dashboard: live counts, arrivals over time, who has not come yet (by
//! organization), and the mail outbox with resend.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};

use crate::attendance::{presence, stats};
use crate::db::keep;
use crate::domain::now;
use crate::error::AppError;
use crate::events::service as events;
use crate::events::view::{EventView, zone};
use crate::i18n::format_span;
use crate::mail::outbox;
use crate::web::AppState;
use crate::web::extract::{PathId, PathIds};
use crate::web::identity::OrganizerPage;
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

pub async fn show(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    headers: axum::http::HeaderMap,
    uri: axum::http::Uri,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let e = events::get(db, id).await?;
    let done = done_notice(uri.query().unwrap_or(""), lang.lang);
    let counts = stats::for_event(db, &e).await?;

    let arrivals = presence::arrival_times(db, id).await?;
    let by_desk = presence::by_desk(db, id).await?;
    let absent = presence::absent_by_organization(db, id, 25).await?;
    let mail_counts: Vec<Value> = outbox::counts_by_status(db, id)
        .await?
        .into_iter()
        .map(|(status, n)| context! { status => format!("{status:?}").to_lowercase(), count => n })
        .collect();
    let failed: Vec<Value> = outbox::recent_failures(db, id, 20)
        .await?
        .into_iter()
        .map(|m| context! { id => m.id.to_string(), kind => m.kind, error => m.last_error, attempts => m.attempts })
        .collect();

    let desk_links: Vec<Value> = crate::check_in::desk_links::list(db, id)
        .await?
        .into_iter()
        .map(|l| context! { id => l.id.to_string(), label => l.label, created_at => crate::i18n::format_instant(l.created_at, zone(&e), lang.lang), revoked => l.revoked_at.is_some() })
        .collect();
    let view = EventView::from(&e);
    let ctx = context! {
        desk_links => desk_links,
        done => done,
        exports => export_links(&headers),
        event => context! {
            id => id.to_string(), title => &e.title, slug => &e.slug, status => e.status.as_str(), access => e.access.as_str(),
            when => format_span(e.starts_at, e.ends_at, zone(&e), lang.lang), venue => crate::mail::compose::event_venue(&e, lang.lang), modes => view.modes.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        },
        counts => minijinja::Value::from(minijinja::value::Serde(&counts)),
        zone => crate::i18n::zone_label(zone(&e), e.starts_at.with_timezone(&zone(&e)), lang.lang),
        arrivals => super::dashboard_view::arrival_rows(&arrivals, zone(&e)),
        by_desk => by_desk.into_iter().map(|(desk, n)| context! { desk => desk, count => n }).collect::<Vec<_>>(),
        sentences => super::dashboard_view::count_sentences(&counts, lang.lang),
        absent => absent.into_iter().map(|(org, n)| context! { organization => org, count => n }).collect::<Vec<_>>(),
        mail_counts => mail_counts,
        failed => failed,
        public_url => format!("{}/e/{}", state.base_url, e.slug),
        privacy => context! {
            days => e.retention_days,
            due_on => crate::i18n::format_instant(crate::privacy::policy::event_erasure_due_at(&e), zone(&e), lang.lang),
            erased_on => e.personal_data_erased_at.map(|at| crate::i18n::format_instant(at, zone(&e), lang.lang)),
            may_erase => crate::privacy::policy::may_erase_event(&e, now()),
        },
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/dashboard.html", lang, ctx).into_response())
}

/// Resends one mail from the dashboard.
pub async fn resend(
    State(state): State<AppState>,
    _: OrganizerPage,
    PathIds(event_id, mail_id): PathIds,
    axum::extract::Query(query): axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let person = query.get("back").and_then(|id| uuid::Uuid::parse_str(id).ok());
    if !outbox::can_be_written_again(state.db.read(), event_id, mail_id).await? {
        let back = match person {
            Some(person) => format!("/admin/events/{event_id}/registrations/{person}?done=secret-unavailable"),
            None => format!("/admin/events/{event_id}"),
        };
        return Ok(Redirect::to(&back).into_response());
    }
    state
        .db
        .write(move |txn| keep(outbox::resend_in_event(txn, event_id, mail_id, now())))
        .await?
        .ok_or(AppError::NotFound)?;
    // From a person's page, back to it.
    match person {
        Some(person) => {
            Ok(Redirect::to(&format!("/admin/events/{event_id}/registrations/{person}?done=resent")).into_response())
        }
        None => Ok(Redirect::to(&format!("/admin/events/{event_id}")).into_response()),
    }
}

/// Creates a desk link and shows it once.
pub async fn create_desk_link(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    form: crate::web::form::FormFields,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let label = form.get("label").map(str::trim).filter(|l| !l.is_empty()).unwrap_or("Desk").to_owned();
    let (owned_label, by) = (label.clone(), me.id);
    let (_, token) = state
        .db
        .write(move |txn| {
            keep(async move { crate::check_in::desk_links::create(txn, id, &owned_label, Some(by), now()).await })
        })
        .await?;
    let ctx = context! {
        event => context! { id => id.to_string(), title => &e.title },
        label => label, url => format!("{}/desk/{token}", state.base_url),
        qr => crate::mail::qr::svg_data_url(&format!("{}/desk/{token}", state.base_url)),
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/desk_link.html", lang, ctx).secret().into_response())
}

pub async fn revoke_desk_link(
    State(state): State<AppState>,
    _: OrganizerPage,
    PathIds(event_id, link_id): PathIds,
) -> Result<Response, AppError> {
    state.db.write(move |txn| keep(crate::check_in::desk_links::revoke(txn, event_id, link_id, now()))).await?;
    Ok(Redirect::to(&format!("/admin/events/{event_id}#desk-links")).into_response())
}

/// The export presets offered on the dashboard, as query strings of the attendee export.
/// The downloads the dashboard offers: for people first (in the page's language), then the
/// published formats for scripts.
pub const EXPORT_PRESETS: &[(&str, &str)] = &[
    ("people-xlsx", "attendees.xlsx?preset=people"),
    ("people-csv", "attendees.csv?preset=people&delimiter=semicolon&bom=true"),
    ("excel-be", "attendees.csv?delimiter=semicolon&bom=true"),
    ("csv", "attendees.csv"),
    ("xlsx", "attendees.xlsx"),
];
const PRESET_COOKIE: &str = "export_preset";

/// Downloads the attendee list with a named preset, remembering it as the organizer's choice.
pub async fn export(
    _: OrganizerPage,
    lang: PageLang,
    axum::extract::Path((id, preset)): axum::extract::Path<(String, String)>,
) -> Result<Response, AppError> {
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let Some((name, query)) = EXPORT_PRESETS.iter().find(|(name, _)| *name == preset) else {
        return Err(AppError::NotFound);
    };
    let lang_part = if query.contains("preset=people") { format!("&lang={}", lang.lang.code()) } else { String::new() };
    let mut response = Redirect::to(&format!("/api/v1/events/{id}/{query}{lang_part}")).into_response();
    let cookie = format!("{PRESET_COOKIE}={name}; Path=/admin; Max-Age=31536000; SameSite=Lax; HttpOnly");
    if let Ok(value) = axum::http::HeaderValue::from_str(&cookie) {
        response.headers_mut().append(axum::http::header::SET_COOKIE, value);
    }
    Ok(response)
}

/// The presets, the remembered one first.
fn export_links(headers: &axum::http::HeaderMap) -> Vec<Value> {
    let remembered = crate::auth::sessions::cookie(headers, PRESET_COOKIE);
    let mut presets: Vec<&str> = EXPORT_PRESETS.iter().map(|(name, _)| *name).collect();
    presets.sort_by_key(|name| Some(*name) != remembered);
    presets.into_iter().map(|name| context! { name => name, remembered => Some(name) == remembered }).collect()
}

/// What a status change did, said after it: `?done=cancelled&mailed=45`.
fn done_notice(query: &str, lang: crate::domain::Language) -> Option<String> {
    let param = |name: &str| query.split('&').find_map(|p| p.strip_prefix(name)?.strip_prefix('='));
    let mailed = param("mailed").or(param("count")).and_then(|n| n.parse::<u64>().ok()).unwrap_or(0).to_string();
    let key = match param("done")? {
        "cancelled" => "done-event-cancelled",
        "closed" => "done-event-closed",
        "published" => "done-event-published",
        "invited" => "done-invited",
        "erased" => "done-erased",
        "merged" => "done-merged",
        "merge-none" => "done-merge-none",
        _ => return None,
    };
    Some(crate::i18n::t(lang, key, &[("count", &mailed)]))
}
