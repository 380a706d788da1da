//! Form posts (`application/x-www-form-urlencoded`) as name → value pairs. A form that cannot
//! be read is an `AppError` (400, or 413 when too large), which page routes answer as a page.

use std::collections::HashMap;

use axum::extract::{Form, FromRequest, Request};
use axum::http::StatusCode;

use crate::error::AppError;

/// The posted fields. `get` gives a name's first value; `all` every value a name was
/// given (ticked boxes of one group).
pub struct FormFields {
    first: HashMap<String, String>,
    pairs: Vec<(String, String)>,
}

impl FormFields {
    pub fn new(pairs: Vec<(String, String)>) -> FormFields {
        let mut first = HashMap::new();
        for (name, value) in &pairs {
            first.entry(name.clone()).or_insert_with(|| value.clone());
        }
        FormFields { first, pairs }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.first.get(name).map(String::as_str)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every posted pair, in order.
    pub fn pairs(&self) -> impl Iterator<Item = &(String, String)> {
        self.pairs.iter()
    }

    pub fn owned(&self, name: &str) -> Option<String> {
        self.first.get(name).cloned()
    }

    /// Each name's first value.
    pub fn strings(&self) -> std::collections::BTreeMap<String, String> {
        self.first.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// The fields to show again in a form that failed: one value per name, or a list for
    /// a name given several times.
    pub fn values(&self) -> std::collections::BTreeMap<String, minijinja::Value> {
        let mut values = std::collections::BTreeMap::new();
        for name in self.first.keys() {
            let all: Vec<&str> = self.all(name).collect();
            let value = match all.as_slice() {
                [one] => minijinja::Value::from(*one),
                many => minijinja::Value::from(many.iter().map(|v| v.to_string()).collect::<Vec<_>>()),
            };
            values.insert(name.clone(), value);
        }
        values
    }

    /// A checkbox or yes/no field.
    pub fn checked(&self, name: &str) -> bool {
        matches!(self.get(name), Some("on" | "yes" | "true" | "1"))
    }
}

impl<S: Send + Sync> FromRequest<S> for FormFields {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Form::<Vec<(String, String)>>::from_request(req, state).await {
            Ok(Form(pairs)) => Ok(FormFields::new(pairs)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(AppError::PayloadTooLarge),
            Err(_) => Err(AppError::BadRequest("this form could not be read".into())),
        }
    }
}
