//! An event's registrations in the back office: the table (search, filters, sort, pages,
//! selection), and the one-click actions that change nothing irreversible (switch, promote,
//! resend, give a held seat). Cancelling, and switching many at once, go through
//! `people_actions` first.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use entity::{AttendanceMode, RegistrationStatus};
use minijinja::{Value, context};
use uuid::Uuid;

use super::listing::{self, Filter, Row, SortBy};
use crate::db::keep;
use crate::domain::{Language, now};
use crate::error::AppError;
use crate::events::service as events;
use crate::events::view::zone;
use crate::history::Actor;
use crate::i18n::{format_short, t};
use crate::registrations::input::RegistrationChanges;
use crate::registrations::service::{self, RegistrationError};
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::OrganizerPage;
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

/// The filters and sort of the table, read from its query string.
pub(super) fn filter_of(query: &FormFields) -> Filter {
    let text = |name: &str| query.get(name).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    Filter {
        words: text("q"),
        mode: query.get("mode").and_then(AttendanceMode::parse),
        status: query.get("status").and_then(RegistrationStatus::parse),
        attended: match query.get("attended") {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        },
        organization: text("org"),
        answers: query
            .strings()
            .into_iter()
            .filter_map(|(name, value)| Some((name.strip_prefix("answer.")?.to_owned(), value)))
            .filter(|(_, value)| !value.is_empty())
            .collect(),
        sort: query.get("sort").and_then(SortBy::parse).unwrap_or_default(),
        descending: query.get("dir") == Some("desc"),
    }
}

/// The query string of the table as it is, without `skip`, to build the links that change
/// one thing (the page, the sort).
fn query_without(query: &FormFields, skip: &[&str]) -> String {
    let kept: Vec<(String, String)> =
        query.strings().into_iter().filter(|(k, v)| !skip.contains(&k.as_str()) && !v.is_empty()).collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

fn attended_text(row: &Row, tz: chrono_tz::Tz, lang: Language) -> String {
    match (row.checked_in_at, row.joined_at) {
        (Some(at), _) => t(lang, "attended-checked-in", &[("time", &format_short(at, tz, lang))]),
        (None, Some(at)) => t(lang, "attended-joined", &[("time", &format_short(at, tz, lang))]),
        (None, None) => String::new(),
    }
}

/// One row as the table shows it.
pub(super) fn row_view(row: &Row, tz: chrono_tz::Tz, lang: Language, held_free: bool) -> Value {
    let r = &row.registration;
    let active = r.status.is_open() && !r.is_erased();
    let name = if r.is_erased() {
        t(lang, "person-erased-name", &[])
    } else {
        format!("{} {}", r.first_name(), r.last_name())
    };
    context! {
        id => r.id.to_string(), name => name, email => r.email(),
        organization => &r.organization, mode => r.mode.as_str(), status => r.status.as_str(), held => r.held_seat,
        registered_at => format_short(r.created_at, tz, lang), attended => attended_text(row, tz, lang),
        other_mode => if r.mode == AttendanceMode::InPerson { "online" } else { "in_person" },
        active => active, can_promote => r.status == RegistrationStatus::Waitlisted,
        can_hold => active && held_free && !r.held_seat,
    }
}

pub async fn list(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(id): PathId,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let query = FormFields::new(pairs);
    let db = state.db.read();
    let e = events::get(db, id).await?;
    let filter = filter_of(&query);
    let page = query.get("page").and_then(|p| p.parse::<u64>().ok()).unwrap_or(1).max(1);
    let listing::Listing { rows, total } = listing::list(db, id, &filter, page).await?;
    let held_free = e.in_person_held_used < e.in_person_held;
    let items: Vec<Value> = rows.iter().map(|row| row_view(row, zone(&e), lang.lang, held_free)).collect();
    let questions: Vec<Value> = e
        .questions
        .0
        .iter()
        .filter(|q| q.has_options() || q.kind == entity::json::QuestionKind::Boolean)
        .map(|q| {
            let options: Vec<Value> = if q.has_options() {
                q.options
                    .iter()
                    .map(|o| context! { value => o.value(), label => o.label_in(lang.lang.code()) })
                    .collect()
            } else {
                vec![
                    context! { value => "yes", label => t(lang.lang, "yes", &[]) },
                    context! { value => "no", label => t(lang.lang, "no", &[]) },
                ]
            };
            let chosen = query.get(&format!("answer.{}", q.key)).unwrap_or("").to_owned();
            context! { key => &q.key, label => q.label_in(lang.lang.code()), options => options, chosen => chosen }
        })
        .collect();
    // Each column heading links to its sort; the current one turns around.
    let sort_base = query_without(&query, &["sort", "dir", "page", "done", "n"]);
    let sorts: std::collections::BTreeMap<&str, Value> = SortBy::ALL
        .into_iter()
        .map(|s| {
            let current = s == filter.sort;
            let dir = if current && !filter.descending { "desc" } else { "asc" };
            let joiner = if sort_base.is_empty() { "" } else { "&" };
            let aria = match (current, filter.descending) {
                (false, _) => "none",
                (true, false) => "ascending",
                (true, true) => "descending",
            };
            (
                s.as_str(),
                context! { link => format!("?{sort_base}{joiner}sort={}&dir={dir}", s.as_str()), aria => aria },
            )
        })
        .collect();
    // After an action on one person, the notice names them.
    let named = match query.get("rid").and_then(|rid| Uuid::parse_str(rid).ok()) {
        Some(rid) => {
            service::find_in_event(db, id, rid).await.ok().map(|r| format!("{} {}", r.first_name(), r.last_name()))
        }
        None => None,
    };
    let pages = total.div_ceil(listing::PAGE_SIZE).max(1);
    let page_base = query_without(&query, &["page", "done", "n"]);
    let ctx = context! {
        event => context! { id => id.to_string(), title => &e.title, held_free => held_free },
        items => items, total => total, page => page, pages => pages,
        page_link => format!("?{page_base}{}page=", if page_base.is_empty() { "" } else { "&" }),
        filters => context! {
            q => query.get("q").unwrap_or(""), mode => query.get("mode").unwrap_or(""), status => query.get("status").unwrap_or(""),
            attended => query.get("attended").unwrap_or(""), org => query.get("org").unwrap_or(""),
            sort => filter.sort.as_str(), dir => if filter.descending { "desc" } else { "asc" },
            active => ["mode", "status", "attended", "org"].iter().filter(|f| query.get(f).is_some_and(|v| !v.is_empty())).count() + filter.answers.len(),
        },
        organizations => listing::organizations(db, id).await?,
        questions => questions, sorts => sorts,
        done => done_notice(&query, lang.lang, named.as_deref()),
        badge_query => query_without(&query, &["page", "done", "n", "rid", "sort", "dir", "mode", "status"]),
        mailing_query => mailing_query(&query),
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/registrations.html", lang, ctx).into_response())
}

/// The table's filters as the mailing compose page reads them: write to the people shown.
/// `None` when the table shows people a mailing's group cannot be (a search, an answer, the
/// cancelled or declined, who are never mailed).
fn mailing_query(query: &FormFields) -> Option<String> {
    let searched = query.get("q").is_some_and(|q| !q.trim().is_empty());
    let by_answer = query.pairs().any(|(name, value)| name.starts_with("answer.") && !value.is_empty());
    let never_mailed = query.get("status").is_some_and(|s| ["cancelled", "declined"].contains(&s));
    if searched || by_answer || never_mailed {
        return None;
    }
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if let Some(mode) = query.get("mode").filter(|m| !m.is_empty()) {
        pairs.push(("modes", mode));
    }
    // Cancelled and declined people are never mailed: their filter does not carry over.
    if let Some(status) = query.get("status").filter(|s| ["confirmed", "waitlisted", "pending"].contains(s)) {
        pairs.push(("statuses", status));
    }
    if let Some(attended) = query.get("attended").filter(|a| ["yes", "no"].contains(a)) {
        pairs.push(("attended", attended));
    }
    if let Some(organization) = query.get("org").filter(|o| !o.is_empty()) {
        pairs.push(("organizations", organization));
    }
    serde_urlencoded::to_string(pairs).ok()
}

/// What the last action did, said at the top of the table: `?done=cancelled&n=3`.
fn done_notice(query: &FormFields, lang: Language, name: Option<&str>) -> Option<String> {
    let done = query.get("done")?;
    let n = query.get("n").and_then(|n| n.parse::<u64>().ok()).unwrap_or(1).to_string();
    let key = format!("done-people-{done}");
    crate::i18n::has(lang, &key).then(|| t(lang, &key, &[("count", &n), ("name", name.unwrap_or(""))]))
}

/// One action on one registration that needs no confirmation; answers the page it came from
/// (the person's page or the table) with what was done.
pub async fn act(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    Path((event_id, registration_id, action)): Path<(String, String, String)>,
    Query(back): Query<std::collections::BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let (Ok(event_id), Ok(registration_id)) = (Uuid::parse_str(&event_id), Uuid::parse_str(&registration_id)) else {
        return Err(AppError::NotFound);
    };
    if !matches!(action.as_str(), "switch" | "promote" | "resend" | "hold" | "newlinks") {
        return Err(AppError::NotFound);
    }
    let actor = Actor::Organizer(me.email);
    let result = state
        .db
        .write(move |txn| {
            keep(async move {
                let actor = &actor;
                let reg = service::find_in_event(txn, event_id, registration_id).await?;
                let t = now();
                match action.as_str() {
                    "switch" => {
                        let target = if reg.mode == AttendanceMode::InPerson {
                            AttendanceMode::Online
                        } else {
                            AttendanceMode::InPerson
                        };
                        let changes = RegistrationChanges { mode: Some(target), ..Default::default() };
                        service::update_by(txn, service::RegistrationRef::Id(reg.id), changes, actor, t)
                            .await
                            .map(|_| "switched")
                    }
                    "promote" => {
                        service::promote_one(txn, event_id, registration_id, actor, t).await.map(|_| "promoted")
                    }
                    "hold" => service::give_held_seat(txn, event_id, registration_id, actor, t).await.map(|_| "held"),
                    "newlinks" => {
                        service::issue_new_links(txn, event_id, registration_id, actor, t).await.map(|_| "newlinks")
                    }
                    _ => service::resend_confirmation(txn, event_id, registration_id, t).await.map(|_| "resent"),
                }
            })
        })
        .await;
    let done = match result {
        Ok(done) => done,
        Err(RegistrationError::CapacityFull | RegistrationError::OrganizationFull) => "full",
        Err(RegistrationError::Cancelled) => "is-cancelled",
        Err(RegistrationError::Closed(_)) => "not-possible",
        Err(RegistrationError::SecretsUnavailable) => "secret-unavailable",
        Err(other) => return Err(other.into()),
    };
    let back = match back.get("back").map(String::as_str) {
        Some("person") => format!("/admin/events/{event_id}/registrations/{registration_id}?done={done}"),
        _ => format!("/admin/events/{event_id}/registrations?done={done}-one&rid={registration_id}"),
    };
    Ok(Redirect::to(&back).into_response())
}
