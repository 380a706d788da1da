//! Counts for organizers and the door.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::join;
use super::policy::{JoinVisit, counts_as_join};
use super::stats::{self, EventStats};
use crate::db::keep;
use crate::error::{AppResult, ErrorBody};
use crate::events::service as events;
use crate::registrations::view::may_follow_online;
use crate::web::AppState;
use crate::web::extract::{PathId, PathToken};
use crate::web::identity::Staff;

/// Live counts: seats, waitlist, check-ins, online joins, attendance.
#[utoipa::path(get, path = "/api/v1/events/{id}/stats", tag = "attendance", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "event id")),
    responses((status = 200, body = EventStats), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn event_stats(State(state): State<AppState>, _: Staff, PathId(id): PathId) -> AppResult<Json<EventStats>> {
    let event = events::get(state.db.read(), id).await?;
    Ok(Json(stats::for_event(state.db.read(), &event).await?))
}

/// `GET /j/{join_token}`: 303 to the event's stream, recording the join when it counts (see
/// `policy::counts_as_join`; never for `HEAD`). Unknown tokens, and events without a stream,
/// get the 404 page. A secret link: no Referer leaves, nothing is cached.
pub async fn follow_join_link(
    State(state): State<AppState>,
    method: Method,
    PathToken(token): PathToken,
) -> AppResult<Response> {
    let now = crate::domain::now();
    let found = join::find_by_join_token(state.db.read(), &token).await?;
    let Some((reg, event, location)) = found.and_then(|(reg, event)| {
        let location = event.online_url.as_deref().and_then(|url| HeaderValue::from_str(url).ok())?;
        Some((reg, event, location))
    }) else {
        let page =
            crate::web::pages::render(StatusCode::NOT_FOUND, "errors/404.html", minijinja::context! { lang => "en" });
        return Ok(secret_link_headers(page));
    };
    let visit = JoinVisit {
        head: method == Method::HEAD,
        may_follow_online: may_follow_online(&reg, &event),
        event_status: event.status,
        now,
        starts_at: event.starts_at,
        ends_at: event.ends_at,
    };
    if counts_as_join(visit) {
        state.db.write(move |txn| keep(async move { join::record_join(txn, &reg, now).await })).await?;
        metrics::counter!("convene_online_joins_total").increment(1);
    }
    Ok(secret_link_headers((StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()))
}

fn secret_link_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
