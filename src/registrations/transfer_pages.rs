//! Handing one's registration to a colleague from the registrant's page: a form, then a
//! confirmation naming the colleague and saying what happens, then a page saying it is done
//! (the old link no longer opens anything).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;

use super::page_views::{SecretHeaders, event_view};
use super::service::{self, RegistrationError};
use super::transfer::{self, TransferInput};
use crate::db::keep;
use crate::domain::now;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::i18n::t;
use crate::web::AppState;
use crate::web::form::FormFields;
use crate::web::lang::PageLang;
use crate::web::pages::{Page, not_found_page};

fn input_of(form: &FormFields) -> TransferInput {
    TransferInput {
        first_name: form.owned("first_name"),
        last_name: form.owned("last_name"),
        email: form.owned("email"),
        language: form.owned("language"),
    }
}

fn labels(lang: crate::domain::Language) -> Vec<(String, String)> {
    ["first_name", "last_name", "email", "language"]
        .into_iter()
        .map(|field| (field.to_owned(), t(lang, &format!("field-{field}"), &[])))
        .collect()
}

/// `GET /r/{token}/transfer`: the colleague's details.
pub async fn form_page(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((reg, event)) = service::find_by_manage_token(state.db.read(), &token).await? else {
        return Ok(not_found_page(lang).secret_headers());
    };
    if !reg.status.is_open() {
        return Ok(Redirect::to(&format!("/r/{token}")).into_response());
    }
    let lang = if lang.explicit { lang } else { PageLang::fixed(reg.language, lang.path.clone()) };
    let values = context! { language => reg.language.code() };
    let ctx = context! {
        event => event_view(&event, lang.lang), base_path => format!("/r/{token}"), step => "form",
        values => values, errors => context! {},
    };
    Ok(Page::new("public/transfer.html", lang, ctx).secret().into_response())
}

/// `POST /r/{token}/transfer`: checked, then the confirmation (nothing changes yet); with
/// `confirm`, the transfer itself.
pub async fn submit(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
    form: FormFields,
) -> Result<Response, AppError> {
    let Some((reg, event)) = service::find_by_manage_token(state.db.read(), &token).await? else {
        return Ok(not_found_page(lang).secret_headers());
    };
    let lang = if lang.explicit { lang } else { PageLang::fixed(reg.language, lang.path.clone()) };
    let page = |step: &str, errors: FieldErrors, status: StatusCode| {
        let ctx = context! {
            event => event_view(&event, lang.lang), base_path => format!("/r/{token}"), step => step,
            values => form.values(), errors => errors.in_language(lang.lang),
            summary => errors.summary(lang.lang, &labels(lang.lang)),
        };
        Page::new("public/transfer.html", lang.clone(), ctx).status(status).secret().into_response()
    };
    let colleague = match input_of(&form).parse() {
        Ok(colleague) if colleague.email.as_str() == reg.email() => {
            let errors = FieldErrors::one("email", FieldError::new("same_email"));
            return Ok(page("form", errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Ok(colleague) => colleague,
        Err(errors) => return Ok(page("form", errors, StatusCode::UNPROCESSABLE_ENTITY)),
    };
    if !form.checked("confirm") {
        return Ok(page("confirm", FieldErrors::new(), StatusCode::OK));
    }
    let owned = token.clone();
    let done =
        state.db.write(move |txn| keep(async move { transfer::transfer(txn, &owned, colleague, now()).await })).await;
    match done {
        Ok(done) => {
            crate::privacy::service::scrub(&state.db, &state.config.mail.outbox_dir, &done.leftovers).await;
            let ctx = context! { event => event_view(&event, lang.lang), colleague => format!(
            "{} {}", done.registration.first_name(), done.registration.last_name()) };
            Ok(Page::new("public/transferred.html", lang, ctx).secret().into_response())
        }
        Err(RegistrationError::AlreadyRegistered) => {
            let errors = FieldErrors::one("email", FieldError::new("colleague_registered"));
            Ok(page("form", errors, StatusCode::CONFLICT))
        }
        Err(RegistrationError::Invalid(errors)) => Ok(page("form", errors, StatusCode::UNPROCESSABLE_ENTITY)),
        Err(RegistrationError::Closed(_) | RegistrationError::Cancelled | RegistrationError::Declined) => {
            let errors = FieldErrors::one("email", FieldError::new("transfer_closed"));
            Ok(page("form", errors, StatusCode::CONFLICT))
        }
        Err(other) => Err(other.into()),
    }
}
