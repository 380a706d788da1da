//! The web toolkit below the features: shared state, extractors (identity, JSON and forms with
//! our rejections, the page language), page rendering, limits, caches, security headers and the
//! static assets. It imports no feature; the top-level route list puts their handlers together.

pub mod assets;
pub mod client;
pub mod compressed;
pub mod extract;
pub mod form;
pub mod health;
pub mod identity;
pub mod lang;
pub mod merge_patch;
pub mod middleware;
pub mod page_cache;
pub mod pages;
pub mod security;
pub mod server;
pub mod state;

pub use state::AppState;
