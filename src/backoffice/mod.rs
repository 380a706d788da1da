//! The organizers' back office under `/admin`: server-rendered pages over the same services
//! the API uses. Every page takes [`auth::AdminUser`]; every action is a form post protected
//! against cross-site requests by the router's CSRF layer.

pub mod auth;
pub mod dashboard;
pub mod events;
pub mod imports;
pub mod registrations;
pub mod users;

use minijinja::{Value, context};

use crate::auth::CurrentUser;

/// What every back-office page shows in its header.
pub fn chrome(user: &CurrentUser, section: &str) -> Value {
    context! {
        user => context! { email => &user.email, role => user.role.as_str(), is_admin => user.role == entity::Role::Admin },
        section => section,
    }
}
