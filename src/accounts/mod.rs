//! Staff accounts in the back office: logging in and out (with throttling), and the admins'
//! pages for users and API tokens. The accounts themselves (passwords, sessions, tokens) are
//! in `auth`, below the web layer.

pub mod login;
pub mod users;
