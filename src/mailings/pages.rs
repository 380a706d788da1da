//! The back office's mailings: the event's past and scheduled mailings, one mailing's sending
//! followed recipient by recipient (a failed mail sent again), cancelling a scheduled one,
//! and the live number of recipients the compose page asks for as its filters change.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use entity::{Language, OutboxStatus, mailing, registration};
use minijinja::{Value, context};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::compose_form;
use super::service;
use super::view::{MailingView, views};
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, FieldErrors};
use crate::events::service as events;
use crate::events::view::zone;
use crate::i18n::{format_short, t};
use crate::web::AppState;
use crate::web::extract::{PathId, PathIds};
use crate::web::form::FormFields;
use crate::web::identity::OrganizerPage;
use crate::web::lang::PageLang;
use crate::web::pages::Page;
use crate::web::pages::back_office_chrome as chrome;

/// Recipients one mailing's page lists (failed ones first).
const SHOWN: u64 = 200;

/// The group in words: "In person · Confirmed · Caritas International", or everyone.
pub async fn describe_group(db: &impl ConnectionTrait, m: &mailing::Model, lang: Language) -> Result<String, DbErr> {
    let a = &m.audience;
    let mut parts: Vec<String> =
        a.modes.iter().map(|mode| t(lang, &format!("mode-label-{}", mode.as_str()), &[])).collect();
    parts.extend(a.statuses.iter().map(|s| t(lang, &format!("status-{}", s.as_str()), &[])));
    if let Some(attended) = a.attended {
        parts.push(t(lang, if attended { "mailing-attended-yes" } else { "mailing-attended-no" }, &[]));
    }
    parts.extend(organization_names(db, m.event_id, &a.organizations).await?);
    Ok(if parts.is_empty() { t(lang, "mailing-everyone", &[]) } else { parts.join(" · ") })
}

/// A name registrants wrote for each key (the key itself when none is left).
async fn organization_names(db: &impl ConnectionTrait, event_id: Uuid, keys: &[String]) -> Result<Vec<String>, DbErr> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Option<String>, String)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::OrganizationKey)
        .column(registration::Column::Organization)
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::OrganizationKey.is_in(keys.iter().cloned()))
        .limit(1000)
        .into_tuple()
        .all(db)
        .await?;
    let names: HashMap<String, String> = rows.into_iter().filter_map(|(key, name)| Some((key?, name))).collect();
    Ok(keys.iter().map(|k| names.get(k).cloned().unwrap_or_else(|| k.clone())).collect())
}

fn row_view(view: &MailingView, m: &mailing::Model, group: String, tz: chrono_tz::Tz, lang: Language) -> Value {
    context! {
        id => m.id.to_string(), subject => m.subject.for_language(lang.code()), status => view.status,
        recipients => view.recipients, counts => context! { queued => view.counts.queued, sent => view.counts.sent,
            failed => view.counts.failed, skipped => view.counts.skipped },
        created_by => &m.created_by, created_at => format_short(m.created_at, tz, lang),
        send_at => format_short(m.send_at, tz, lang), group => group,
        languages => m.subject.0.keys().map(|c| t(lang, &format!("language-{c}"), &[])).collect::<Vec<_>>(),
    }
}

/// `GET /admin/events/{id}/mailings`
pub async fn list(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let e = events::get(db, event_id).await?;
    let mailings = service::list(db, event_id).await?;
    let mut rows = Vec::with_capacity(mailings.len());
    for (view, m) in views(db, &mailings).await?.iter().zip(&mailings) {
        rows.push(row_view(view, m, describe_group(db, m, lang.lang).await?, zone(&e), lang.lang));
    }
    let ctx = context! {
        event => context! { id => event_id.to_string(), title => &e.title },
        mailings => rows,
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/mailings.html", lang, ctx).into_response())
}

/// `GET /admin/events/{id}/mailings/{mailing_id}`
pub async fn show(
    State(state): State<AppState>,
    OrganizerPage(me): OrganizerPage,
    lang: PageLang,
    PathIds(event_id, mailing_id): PathIds,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let e = events::get(db, event_id).await?;
    let m = service::get(db, event_id, mailing_id).await?.ok_or(AppError::NotFound)?;
    let view = super::view::view(db, &m).await?;
    let mails = crate::mail::mailing_outbox::of_mailing(db, mailing_id, SHOWN).await?;
    let ids: Vec<Uuid> = mails.iter().filter_map(|r| r.registration_id).collect();
    let people: HashMap<Uuid, registration::Model> = registration::Entity::find()
        .filter(registration::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let tz = zone(&e);
    let recipients: Vec<Value> = mails
        .iter()
        .map(|mail| {
            let person = mail.registration_id.and_then(|id| people.get(&id));
            context! {
                mail_id => mail.id.to_string(),
                registration_id => mail.registration_id.map(|id| id.to_string()),
                name => person.map(|p| format!("{} {}", p.first_name(), p.last_name())),
                email => person.map(|p| p.email()),
                language => t(lang.lang, &format!("language-{}", mail.language.code()), &[]),
                status => sea_orm::ActiveEnum::to_value(&mail.status),
                failed => mail.status == OutboxStatus::Failed,
                error => mail.last_error.as_deref(),
                sent_at => mail.sent_at.map(|at| format_short(at, tz, lang.lang)),
            }
        })
        .collect();
    // The page's language first, then the others as written.
    let mut codes: Vec<&String> = m.subject.0.keys().collect();
    codes.sort_by_key(|code| code.as_str() != lang.lang.code());
    let texts: Vec<Value> = codes
        .into_iter()
        .filter_map(|code| m.subject.0.get_key_value(code))
        .map(|(code, subject)| {
            context! {
                language => t(lang.lang, &format!("language-{code}"), &[]), code => code, subject => subject,
                body => m.body.0.get(code),
            }
        })
        .collect();
    let ctx = context! {
        event => context! { id => event_id.to_string(), title => &e.title },
        mailing => row_view(&view, &m, describe_group(db, &m, lang.lang).await?, tz, lang.lang),
        texts => texts, recipients => recipients,
        more => view.recipients.unwrap_or(0).saturating_sub(SHOWN as i64),
        following => view.status == "sending",
        done => query.get("done").map(|d| match d.as_str() {
            "cancelled" => t(lang.lang, "mailing-done-cancelled", &[]),
            "retried" => t(lang.lang, "mailing-done-retried", &[]),
            "created" => t(lang.lang, "mailing-done-created", &[]),
            _ => String::new(),
        }).filter(|s| !s.is_empty()),
        ..chrome(&me, "events")
    };
    Ok(Page::new("admin/mailing.html", lang, ctx).into_response())
}

/// `POST /admin/events/{id}/mailings/{mailing_id}/cancel`: a scheduled mailing is not sent.
pub async fn cancel(
    State(state): State<AppState>,
    _: OrganizerPage,
    PathIds(event_id, mailing_id): PathIds,
) -> Result<Response, AppError> {
    service::cancel(&state.db, event_id, mailing_id, now()).await?;
    Ok(Redirect::to(&format!("/admin/events/{event_id}/mailings/{mailing_id}?done=cancelled")).into_response())
}

/// `POST /admin/events/{id}/mailings/{mailing_id}/retry`: the failed mail `mail_id` (or,
/// without it, every failed one) is tried again now.
pub async fn retry(
    State(state): State<AppState>,
    _: OrganizerPage,
    PathIds(event_id, mailing_id): PathIds,
    form: FormFields,
) -> Result<Response, AppError> {
    service::get(state.db.read(), event_id, mailing_id).await?.ok_or(AppError::NotFound)?;
    let one = form.get("mail_id").and_then(|id| Uuid::parse_str(id.trim()).ok());
    state
        .db
        .write(move |txn| {
            keep(async move {
                match one {
                    Some(mail_id) => {
                        crate::mail::mailing_outbox::retry_one(txn, mailing_id, mail_id, now()).await.map(|_| ())
                    }
                    None => {
                        crate::mail::mailing_outbox::retry_failed_of_mailing(txn, mailing_id, now()).await.map(|_| ())
                    }
                }
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/admin/events/{event_id}/mailings/{mailing_id}?done=retried")).into_response())
}

/// `GET /admin/events/{id}/mailings/recipients?modes=…`: how many the compose page's group
/// holds, as numbers and as the sentence the page shows.
pub async fn recipients(
    State(state): State<AppState>,
    _: OrganizerPage,
    lang: PageLang,
    PathId(event_id): PathId,
    form: axum::extract::RawQuery,
) -> Result<Response, AppError> {
    let db = state.db.read();
    let e = events::get(db, event_id).await?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(form.0.as_deref().unwrap_or("")).unwrap_or_default();
    let form = FormFields::new(pairs);
    let mut errors = FieldErrors::new();
    let input = compose_form::to_input(&form, zone(&e), &mut errors);
    let audience = super::input::parse_audience(input.to.unwrap_or_default()).map_err(AppError::Validation)?;
    let audience = super::audience::resolve(db, event_id, &audience).await?;
    let tally = super::audience::tally(db, event_id, &audience).await?;
    let sentence = tally_sentence(tally, lang.lang);
    Ok(Json(serde_json::json!({"recipients": tally.recipients, "skipped": tally.skipped, "text": sentence}))
        .into_response())
}

/// "This mailing goes to 84 people (3 in the group are not mailed: …)."
pub fn tally_sentence(tally: super::audience::Tally, lang: Language) -> String {
    let mut text = t(lang, "mailing-tally", &[("recipients", &tally.recipients.to_string())]);
    if tally.skipped > 0 {
        text.push(' ');
        text.push_str(&t(lang, "mailing-tally-skipped", &[("skipped", &tally.skipped.to_string())]));
    }
    text
}
