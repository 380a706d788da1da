//! Extractors with our rejections: a bad body, path or content type becomes the documented
//! 4xx error, never axum's plain-text default.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::{AppError, FieldError, FieldErrors};

/// Largest JSON body accepted.
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// A JSON body: 400 for a missing or wrong content type or malformed JSON, 413 past the
/// limit, 422 (naming the field) when the JSON has the wrong shape.
pub struct ApiJson<T>(pub T);

fn is_json_content_type(req: &Request) -> bool {
    let Some(value) = req.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Reads the body as a JSON value (content type, size and syntax checked).
pub async fn json_value<S: Send + Sync>(req: Request, state: &S) -> Result<serde_json::Value, AppError> {
    if !is_json_content_type(&req) {
        return Err(AppError::BadRequest("expected a JSON body with Content-Type: application/json".into()));
    }
    let bytes = Bytes::from_request(req, state).await.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(ref e) if is_length_limit(e) => AppError::PayloadTooLarge,
        other => AppError::BadRequest(format!("could not read the request body: {other}")),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| AppError::BadRequest(format!("malformed JSON: {e}")))
}

fn is_length_limit(e: &axum::extract::rejection::FailedToBufferBody) -> bool {
    matches!(e, axum::extract::rejection::FailedToBufferBody::LengthLimitError(_))
}

/// Deserializes a JSON value, turning shape errors into a 422 that names the field.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, AppError> {
    if !value.is_object() {
        return Err(AppError::BadRequest("the body must be a JSON object".into()));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." { "body".to_owned() } else { field };
        AppError::Validation(FieldErrors::one(field, FieldError::new("invalid_value").with("detail", e.inner())))
    })
}

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = json_value(req, state).await?;
        from_value(value).map(ApiJson)
    }
}

/// A JSON body that may be left out: no body at all is `T::default()`; a body is read as by
/// [`ApiJson`] (content type, size, syntax and shape checked).
pub struct OptionalApiJson<T>(pub T);

impl<S, T> FromRequest<S> for OptionalApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Default,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = req.headers();
        let length = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).map(str::trim);
        let no_body = length == Some("0")
            || (length.is_none() && !headers.contains_key(TRANSFER_ENCODING) && !headers.contains_key(CONTENT_TYPE));
        if no_body {
            return Ok(OptionalApiJson(T::default()));
        }
        ApiJson::from_request(req, state).await.map(|ApiJson(value)| OptionalApiJson(value))
    }
}

/// The raw JSON object of a request (for merge patches).
pub struct JsonObject(pub serde_json::Value);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = json_value(req, state).await?;
        if !value.is_object() {
            return Err(AppError::BadRequest("the body must be a JSON object".into()));
        }
        Ok(JsonObject(value))
    }
}

/// A UUID path segment; anything else is 404, as API.md requires.
pub struct PathId(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        Uuid::parse_str(&raw).map(PathId).map_err(|_| AppError::NotFound)
    }
}

/// A secret token path segment (manage or join token).
pub struct PathToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        Ok(PathToken(raw))
    }
}

/// Two UUID path segments (`/events/{id}/…/{other}`); anything else is 404.
pub struct PathIds(pub Uuid, pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for PathIds {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path((a, b)) =
            Path::<(String, String)>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        match (Uuid::parse_str(&a), Uuid::parse_str(&b)) {
            (Ok(a), Ok(b)) => Ok(PathIds(a, b)),
            _ => Err(AppError::NotFound),
        }
    }
}
