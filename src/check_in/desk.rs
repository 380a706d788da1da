//! The check-in desk page `/checkin/{event_id}`, and per-event desk links: an organizer
//! creates a link for a volunteer's phone; its first visit swaps the secret in the URL for an
//! HttpOnly, SameSite=Strict session limited to that event; revoking the link ends those
//! sessions. The page itself talks to the check-in API.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use minijinja::context;

use crate::attendance::stats;
use crate::auth::sessions::{self, SessionData};
use crate::db::keep;
use crate::domain::now;
use crate::error::AppError;
use crate::events::service as events;
use crate::events::view::zone;
use crate::i18n::format_span;
use crate::mail::compose::event_title;
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::identity::DeskPage;
use crate::web::lang::PageLang;
use crate::web::pages::Page;

pub async fn desk_page(
    State(state): State<AppState>,
    DeskPage(user): DeskPage,
    lang: PageLang,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), id).await?;
    let counts = stats::for_event(state.db.read(), &e).await?;
    let ctx = context! {
        event => context! {
            id => id.to_string(), title => event_title(&e, lang.lang),
            when => format_span(e.starts_at, e.ends_at, zone(&e), lang.lang),
            in_person => e.offers_in_person, online => e.offers_online, timezone => &e.timezone,
            ends_at => crate::events::view::utc(e.ends_at),
        },
        counts => minijinja::Value::from(minijinja::value::Serde(&counts)),
        desk_session => user.event_scope.is_some(),
        user_email => if user.event_scope.is_some() { None } else { Some(user.email.clone()) },
    };
    Ok(Page::new("desk/desk.html", lang, ctx).into_response())
}

/// The first visit of a desk link: a session for that event, then the clean page URL.
pub async fn redeem(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(link) = super::desk_links::find_live(state.db.read(), &token).await? else {
        return Ok(Page::new("errors/404.html", lang, context! {})
            .status(axum::http::StatusCode::NOT_FOUND)
            .secret()
            .into_response());
    };
    let event = events::get(state.db.read(), link.event_id).await?;
    // The session lasts until half a day after the event, and at least half a day.
    let expires = (event.ends_at + chrono::Duration::hours(12))
        .max(now() + chrono::Duration::hours(12))
        .min(now() + chrono::Duration::days(30));
    let data = SessionData::Desk { desk_link_id: link.id, event_id: link.event_id };
    let session = state.db.write(move |txn| keep(async move { sessions::create(txn, &data, expires).await })).await?;
    let secure = state.base_url.starts_with("https://");
    let target = format!("/checkin/{}", link.event_id);
    let mut response = Page::new("desk/redeem.html", lang, context! { target => &target }).secret().into_response();
    let cookie = sessions::set_cookie(&session, expires - now(), secure, "Strict");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    // A Strict cookie is not sent on a redirect that a foreign site started (a mail link), so
    // the page moves on by itself from our own origin (see the template).
    if let Ok(value) = HeaderValue::from_str(&format!("0;url={target}")) {
        response.headers_mut().insert("refresh", value);
    }
    Ok(response)
}
