//! Public registration API: register, and the registrant's own read, edit, cancel.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use super::input::{ConsentShown, RegistrationInput, RegistrationPatchInput};
use super::service::{self, RegisterOptions, RegisterOutcome, RegistrationError};
use super::transfer::{self, TransferInput};
use super::view::RegistrationView;
use crate::db::keep;
use crate::domain::EmailAddress;
use crate::error::{AppError, AppResult, ErrorBody, FieldError};
use crate::history::Actor;
use crate::web::AppState;
use crate::web::client::ClientIp;
use crate::web::extract::{ApiJson, PathId, PathToken};
use crate::web::identity::Organizer;
use crate::web::security::SecretJson;

/// Register for an event, in person or online.
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations", tag = "registrations",
    params(("id" = uuid::Uuid, Path, description = "event id")), request_body = RegistrationInput,
    responses((status = 201, body = RegistrationView, description = "confirmed, or waitlisted when the mode is full"),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "already_registered, capacity_full, registration_closed, mode_not_offered"),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "only when CONVENE_RATE_LIMIT_REGISTER is set")))]
pub async fn register(
    State(state): State<AppState>,
    client: ClientIp,
    organizer: Result<Organizer, AppError>,
    PathId(event_id): PathId,
    ApiJson(input): ApiJson<RegistrationInput>,
) -> AppResult<(StatusCode, SecretJson<RegistrationView>)> {
    let held_seat = input.held_seat == Some(true);
    // A held seat is an organizer's to give; everyone else is the public, rate-limited.
    let held_by = match held_seat {
        true => Some(organizer?.0.email),
        false => {
            state.check_register_limit(client)?;
            None
        }
    };
    let mut new = input.parse(if held_seat { "api (held seat)" } else { "api" }).map_err(AppError::Validation)?;
    let branding = state.branding.get(state.db.read()).await?;
    new.consent_shown = Some(ConsentShown {
        language: new.language,
        privacy_url: branding.privacy_url(new.language).map(str::to_owned),
    });
    let outcome = match held_by {
        Some(email) => {
            let options = RegisterOptions { notify: true, held_seat: true, actor: Actor::Organizer(email) };
            let now = crate::domain::now();
            state.db.write(move |txn| keep(service::register_with(txn, event_id, new, options, now))).await?
        }
        // The public's registrations for one event are written together (`together.rs`).
        None => super::together::register(&state.db, event_id, new).await?,
    };
    match outcome {
        RegisterOutcome::Registered { registration, event } => {
            metrics::counter!("convene_registrations_total", "status" => registration.status.as_str()).increment(1);
            Ok((StatusCode::CREATED, SecretJson(RegistrationView::new(&registration, &event, &state.base_url))))
        }
        RegisterOutcome::AlreadyRegistered => Err(RegistrationError::AlreadyRegistered.into()),
    }
}

/// The registrant's own registration.
#[utoipa::path(get, path = "/api/v1/registrations/{manage_token}", tag = "registrations",
    params(("manage_token" = String, Path, description = "the registrant's secret manage token")),
    responses((status = 200, body = RegistrationView), (status = 404, body = ErrorBody)))]
pub async fn get_registration(
    State(state): State<AppState>,
    PathToken(token): PathToken,
) -> AppResult<SecretJson<RegistrationView>> {
    let (reg, event) = service::find_by_manage_token(state.db.read(), &token).await?.ok_or(AppError::NotFound)?;
    Ok(SecretJson(RegistrationView::new(&reg, &event, &state.base_url)))
}

/// Edit details or switch mode. Switching into a full mode is 409 `capacity_full` and
/// changes nothing.
#[utoipa::path(patch, path = "/api/v1/registrations/{manage_token}", tag = "registrations",
    params(("manage_token" = String, Path, description = "the registrant's secret manage token")),
    request_body = RegistrationPatchInput,
    responses((status = 200, body = RegistrationView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "capacity_full, cancelled, mode_not_offered, registration_closed"),
        (status = 422, body = ErrorBody)))]
pub async fn patch_registration(
    State(state): State<AppState>,
    PathToken(token): PathToken,
    ApiJson(input): ApiJson<RegistrationPatchInput>,
) -> AppResult<SecretJson<RegistrationView>> {
    let changes = input.parse().map_err(AppError::Validation)?;
    let (reg, event) = state
        .db
        .write(move |txn| keep(async move { service::update(txn, &token, changes, crate::domain::now()).await }))
        .await?;
    Ok(SecretJson(RegistrationView::new(&reg, &event, &state.base_url)))
}

/// Cancel; repeating it changes nothing and answers the same.
#[utoipa::path(delete, path = "/api/v1/registrations/{manage_token}", tag = "registrations",
    params(("manage_token" = String, Path, description = "the registrant's secret manage token")),
    responses((status = 200, body = RegistrationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn cancel_registration(
    State(state): State<AppState>,
    PathToken(token): PathToken,
) -> AppResult<SecretJson<RegistrationView>> {
    let (reg, event) = state
        .db
        .write(move |txn| keep(async move { service::cancel(txn, &token, crate::domain::now()).await }))
        .await?;
    Ok(SecretJson(RegistrationView::new(&reg, &event, &state.base_url)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LostLinkInput {
    pub event_id: Option<String>,
    pub email: Option<String>,
    /// `en` (default), `fr` or `nl`: for a mail to an address nobody named yet (an allowed
    /// domain at an invitation-only event).
    pub language: Option<String>,
}

/// Mail the manage link again. Always 202, whether or not such a registration exists.
#[utoipa::path(post, path = "/api/v1/lost-link", tag = "registrations", request_body = LostLinkInput,
    responses((status = 202, description = "accepted; a mail goes out if the registration exists"),
        (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn lost_link(State(state): State<AppState>, ApiJson(input): ApiJson<LostLinkInput>) -> AppResult<StatusCode> {
    let mut errors = crate::error::FieldErrors::new();
    let event_id = input.event_id.as_deref().and_then(|s| uuid::Uuid::parse_str(s.trim()).ok());
    if event_id.is_none() {
        errors.insert("event_id", FieldError::new("invalid_event_id"));
    }
    let email = EmailAddress::parse(input.email.as_deref().unwrap_or("")).map_err(|e| errors.insert("email", e)).ok();
    let language = match input.language.as_deref().map(str::trim) {
        None | Some("") => Some(crate::domain::Language::En),
        Some(code) => crate::domain::Language::parse(code),
    };
    if language.is_none() {
        errors.insert("language", FieldError::new("invalid_language"));
    }
    let (Some(event_id), Some(email), Some(lang)) = (event_id, email, language) else {
        return Err(AppError::Validation(errors));
    };
    state
        .db
        .write(move |txn| {
            keep(async move { service::lost_link(txn, event_id, email.as_str(), lang, crate::domain::now()).await })
        })
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Hand the registration to a colleague: same id, mode, seat and queue place; new ticket code
/// and links for the colleague (mailed to them), the old ones dead at once; the former holder
/// gets a notice and their details are erased. → 200 with the registration as the colleague's
/// page shows it, without the new secrets.
#[utoipa::path(post, path = "/api/v1/registrations/{manage_token}/transfer", tag = "registrations",
    params(("manage_token" = String, Path, description = "the registrant's secret manage token")),
    request_body = TransferInput,
    responses((status = 200, description = "the registration, without its new secrets"), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "already_registered (the colleague), cancelled, registration_closed (started or checked in)"),
        (status = 422, body = ErrorBody, description = "a field, or `email` when it is the holder's own")))]
pub async fn transfer_registration(
    State(state): State<AppState>,
    PathToken(token): PathToken,
    ApiJson(input): ApiJson<TransferInput>,
) -> AppResult<Json<serde_json::Value>> {
    let colleague = input.parse().map_err(AppError::Validation)?;
    let done = state
        .db
        .write(move |txn| keep(async move { transfer::transfer(txn, &token, colleague, crate::domain::now()).await }))
        .await?;
    crate::privacy::service::scrub(&state.db, &state.config.mail.outbox_dir, &done.leftovers).await;
    let mut view = serde_json::to_value(RegistrationView::new(&done.registration, &done.event, &state.base_url))
        .unwrap_or_default();
    if let Some(fields) = view.as_object_mut() {
        for secret in ["ticket_code", "manage_token", "manage_url", "join_url"] {
            fields.remove(secret);
        }
    }
    Ok(Json(view))
}
