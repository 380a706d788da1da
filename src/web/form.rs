//! Form posts (`application/x-www-form-urlencoded`) as name → value pairs, with a 400 page
//! instead of axum's plain-text rejection.

use std::collections::HashMap;

use axum::extract::{Form, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The posted fields; a name given twice keeps its last value.
pub struct FormFields(pub HashMap<String, String>);

impl FormFields {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    pub fn owned(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }

    /// A checkbox or yes/no field.
    pub fn checked(&self, name: &str) -> bool {
        matches!(self.get(name), Some("on" | "yes" | "true" | "1"))
    }
}

pub struct BadForm;

impl IntoResponse for BadForm {
    fn into_response(self) -> Response {
        (StatusCode::BAD_REQUEST, "This form could not be read. Go back and try again.").into_response()
    }
}

impl<S: Send + Sync> FromRequest<S> for FormFields {
    type Rejection = BadForm;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(req, state).await.map_err(|_| BadForm)?;
        Ok(FormFields(pairs.into_iter().collect()))
    }
}
