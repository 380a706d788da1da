//! Writing a mailing in the back office: the texts in EN/FR/NL side by side, the group with
//! the registrations table's filters and its live count, a preview as a chosen person in
//! their language, a test to oneself, then a review page that names how many people it goes
//! to and when, before anything is sent.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{AttendanceMode, EventAccess, event};
use minijinja::{Value, context};
use uuid::Uuid;

use super::audience::{self, Tally};
use super::compose_form;
use super::input::{self, Draft};
use super::pages::tally_sentence;
use super::service::{self, Author};
use crate::db::keep;
use crate::domain::{Language, now};
use crate::error::{AppError, FieldErrors};
use crate::events::service as events;
use crate::events::view::zone;
use crate::i18n::{format_short, t};
use crate::mail::mailing::{Rendered, paragraphs};
use crate::web::AppState;
use crate::web::extract::PathId;
use crate::web::form::FormFields;
use crate::web::identity::{CurrentUser, OrganizerPage};
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;
use sea_orm::EntityTrait;

/// People the "preview as" list offers.
const PREVIEW_CHOICES: u64 = 300;

/// `GET /admin/events/{id}/mailings/new`
pub async fn compose(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
    query: axum::extract::RawQuery,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), event_id).await?;
    // The registrations table links here with its filters: the group starts as those people.
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.0.as_deref().unwrap_or("")).unwrap_or_default();
    pairs.retain(|(name, _)| ["modes", "statuses", "attended", "organizations"].contains(&name.as_str()));
    pairs.push(("when".into(), "now".into()));
    // A spelling from the table becomes the name the page's list shows for its organization.
    let names = crate::attendance::organizations::for_event(state.db.read(), event_id).await?;
    for (_, value) in pairs.iter_mut().filter(|(name, _)| name == "organizations") {
        let key = crate::seats::organizations::key_at(state.db.read(), event_id, value).await?;
        if let Some(shown) = names.iter().find(|o| crate::seats::organizations::organization_key(&o.name) == key) {
            *value = shown.name.clone();
        }
    }
    let form = FormFields::new(pairs);
    let screen = Screen { form: &form, errors: FieldErrors::new(), preview: None, notice: None };
    compose_page(&state, &me, lang, &e, screen).await
}

/// What the compose page shows besides the form.
struct Screen<'a> {
    form: &'a FormFields,
    errors: FieldErrors,
    preview: Option<Shown>,
    notice: Option<String>,
}

/// The mailing as one person will read it.
struct Shown {
    rendered: Rendered,
    person: Uuid,
    name: String,
}

/// `POST /admin/events/{id}/mailings/new`: `action` is `preview`, `test`, `review` (the page
/// that asks before sending), `edit` (back from it) or `confirm` (send or schedule).
pub async fn act(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
    form: FormFields,
) -> Result<Response, AppError> {
    let e = events::get(state.db.read(), event_id).await?;
    let mut errors = FieldErrors::new();
    let input = compose_form::to_input(&form, zone(&e), &mut errors);
    let chosen = input.registration_id;
    let draft = match input::parse(input) {
        Ok(draft) if errors.is_empty() => Some(draft),
        Ok(_) => None,
        Err(more) => {
            errors.extend(more);
            None
        }
    };
    let action = form.get("action").unwrap_or("preview");
    let Some(draft) = draft else {
        let screen = Screen { form: &form, errors, preview: None, notice: None };
        return compose_page(&state, &me, lang, &e, screen).await;
    };
    let shown = preview_for(&state, &e, &draft, chosen).await?;
    match action {
        "confirm" => {
            let author = Author { user_id: Some(me.id), email: me.email.clone() };
            let id = form.get("draft_id").and_then(|id| Uuid::parse_str(id.trim()).ok());
            let mailing = service::create(&state.db, event_id, draft, author, id, now()).await?;
            Ok(Redirect::to(&format!("/admin/events/{event_id}/mailings/{}?done=created", mailing.id)).into_response())
        }
        "review" => review_page(&state, &me, lang, &e, &form, &draft, shown).await,
        "test" => {
            let notice = match &shown {
                Some(shown) => {
                    send_test(&state, event_id, &draft, shown.person, &me.email).await?;
                    t(lang.lang, "mailing-test-sent", &[("email", &me.email), ("person", &shown.name)])
                }
                None => t(lang.lang, "mailing-nobody", &[]),
            };
            let screen = Screen { form: &form, errors, preview: shown, notice: Some(notice) };
            compose_page(&state, &me, lang, &e, screen).await
        }
        _ => {
            let notice = shown.is_none().then(|| t(lang.lang, "mailing-nobody", &[]));
            let screen = Screen { form: &form, errors, preview: shown, notice };
            compose_page(&state, &me, lang, &e, screen).await
        }
    }
}

/// The mailing as the chosen person (else the first of the group) will read it, and who.
async fn preview_for(
    state: &AppState,
    e: &event::Model,
    draft: &Draft,
    chosen: Option<Uuid>,
) -> Result<Option<Shown>, AppError> {
    let db = state.db.read();
    let person = match chosen {
        Some(id) => Some(id),
        None => {
            let group = audience::resolve(db, e.id, &draft.audience).await?;
            audience::sample(db, e.id, &group, 1).await?.first().map(|r| r.id)
        }
    };
    let Some(person) = person else { return Ok(None) };
    let Some(rendered) = service::preview(db, e.id, person, (&draft.subject, &draft.body), &state.base_url).await?
    else {
        return Ok(None);
    };
    let reg = entity::registration::Entity::find_by_id(person).one(db).await?;
    let name = reg.map(|r| format!("{} {}", r.first_name(), r.last_name())).unwrap_or_default();
    Ok(Some(Shown { rendered, person, name }))
}

async fn send_test(state: &AppState, event_id: Uuid, draft: &Draft, person: Uuid, email: &str) -> Result<(), AppError> {
    let (subject, body, email, base) =
        (draft.subject.clone(), draft.body.clone(), email.to_owned(), state.base_url.clone());
    state
        .db
        .write(move |txn| {
            keep(
                async move { service::send_test(txn, event_id, person, (&subject, &body), &email, &base, now()).await },
            )
        })
        .await?;
    Ok(())
}

/// The group's size for the form's filters (none when the filters do not parse).
async fn tally_of(state: &AppState, e: &event::Model, form: &FormFields) -> Result<Option<Tally>, AppError> {
    let mut ignored = FieldErrors::new();
    let input = compose_form::to_input(form, zone(e), &mut ignored);
    let Ok(group) = input::parse_audience(input.to.unwrap_or_default()) else { return Ok(None) };
    let group = audience::resolve(state.db.read(), e.id, &group).await?;
    Ok(Some(audience::tally(state.db.read(), e.id, &group).await?))
}

fn preview_value(preview: &Option<Shown>, lang: Language) -> Value {
    match preview {
        Some(Shown { rendered, name, person }) => context! {
            name => name, person => person.to_string(),
            subject => &rendered.subject,
            paragraphs => Value::from(minijinja::value::Serde(paragraphs(&rendered.body))),
            language => t(lang, &format!("language-{}", rendered.language.code()), &[]),
        },
        None => Value::UNDEFINED,
    }
}

async fn compose_page(
    state: &AppState,
    me: &CurrentUser,
    lang: PageLang,
    e: &event::Model,
    screen: Screen<'_>,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let tally = tally_of(state, e, screen.form).await?;
    let mut ignored = FieldErrors::new();
    let input = compose_form::to_input(screen.form, zone(e), &mut ignored);
    let group = input::parse_audience(input.to.unwrap_or_default()).unwrap_or_default();
    let group = audience::resolve(db, e.id, &group).await?;
    let people: Vec<Value> = audience::sample(db, e.id, &group, PREVIEW_CHOICES)
        .await?
        .iter()
        .map(|r| {
            context! {
                id => r.id.to_string(), name => format!("{}, {}", r.last_name(), r.first_name()),
                organization => &r.organization, language => r.language.code().to_uppercase(),
            }
        })
        .collect();
    let organizations: Vec<String> =
        crate::attendance::organizations::for_event(db, e.id).await?.into_iter().map(|o| o.name).collect();
    let summary = screen.errors.summary(lang.lang, &compose_form::labels(lang.lang));
    let ctx = context! {
        event => event_value(e, lang.lang),
        values => screen.form.values(),
        errors => screen.errors.in_language(lang.lang),
        summary => summary,
        tally => tally.map(|t| tally_sentence(t, lang.lang)),
        people => people,
        organizations => organizations,
        preview => preview_value(&screen.preview, lang.lang),
        notice => screen.notice,
        statuses => statuses_offered(e),
        chosen => context! {
            modes => screen.form.all("modes").map(str::to_owned).collect::<Vec<_>>(),
            statuses => screen.form.all("statuses").map(str::to_owned).collect::<Vec<_>>(),
            organizations => screen.form.all("organizations").map(str::to_owned).collect::<Vec<_>>(),
        },
        placeholders => crate::mail::placeholders::NAMES.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>(),
        ..chrome(me, "events")
    };
    Ok(Page::new("admin/mailing_compose.html", lang, ctx).into_response())
}

/// The statuses a group may choose: requests only where the event takes them.
fn statuses_offered(e: &event::Model) -> Vec<&'static str> {
    let mut statuses = vec!["confirmed", "waitlisted"];
    if e.access == EventAccess::Approval {
        statuses.push("pending");
    }
    statuses
}

fn event_value(e: &event::Model, lang: Language) -> Value {
    let modes: Vec<&str> =
        AttendanceMode::ALL.into_iter().filter(|m| crate::facts::offers(e, *m)).map(|m| m.as_str()).collect();
    context! {
        id => e.id.to_string(), title => crate::mail::compose::event_title(e, lang), modes => modes,
        approval => e.access == EventAccess::Approval,
        zone => crate::i18n::zone_label(zone(e), e.starts_at.with_timezone(&zone(e)), lang),
    }
}

async fn review_page(
    state: &AppState,
    me: &CurrentUser,
    lang: PageLang,
    e: &event::Model,
    form: &FormFields,
    draft: &Draft,
    shown: Option<Shown>,
) -> Result<Response, AppError> {
    let group = audience::resolve(state.db.read(), e.id, &draft.audience).await?;
    let tally = audience::tally(state.db.read(), e.id, &group).await?;
    let later = draft.send_at.filter(|at| *at > now());
    let mut hidden: Vec<(String, String)> = form
        .pairs()
        .filter(|(name, _)| !["action", "draft_id"].contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    // The mailing's id, chosen now: confirming twice (a double click, a reload) writes it once.
    let draft_id = form.get("draft_id").and_then(|id| Uuid::parse_str(id).ok()).unwrap_or_else(Uuid::now_v7);
    hidden.push(("draft_id".into(), draft_id.to_string()));
    let ctx = context! {
        event => event_value(e, lang.lang),
        hidden => hidden,
        subject => draft.subject.for_language(lang.lang.code()),
        written_in => draft.subject.0.keys().map(|c| t(lang.lang, &format!("language-{c}"), &[])).collect::<Vec<_>>(),
        tally => tally_sentence(tally, lang.lang),
        recipients => tally.recipients,
        send_at => later.map(|at| format_short(at, zone(e), lang.lang)),
        preview => preview_value(&shown, lang.lang),
        ..chrome(me, "events")
    };
    Ok(Page::new("admin/mailing_review.html", lang, ctx).into_response())
}
