//! Browser tests: headless Chromium driven through ChromeDriver against the real app.
//!
//! Only built with `--features browser` (without it this file compiles to an empty test binary),
//! and they need Debian's `chromium` and `chromium-driver`:
//!
//! ```sh
//! apt-get install chromium chromium-driver
//! cargo test --features browser --test browser
//! ```
//!
//! Each test starts its own app (fresh SQLite file, port 0) and its own ChromeDriver and
//! browser profile, so they run in parallel. The harness:
//! - `app`: [`app::TestApp`], the server with an organizer account and API seeding helpers;
//! - `driver`: [`driver::Browser`], a WebDriver session (derefs to `fantoccini::Client`), with an
//!   optional fake camera;
//! - `axe`: `assert_accessible(&browser, "page name")`, axe-core's WCAG 2.1 A/AA rules;
//! - `y4m`: a Y4M video of a QR code for the fake camera.
#![cfg(feature = "browser")]

mod app;
mod axe;
mod driver;
/// The SMTP server of the API tests, for mails that must arrive as mails.
use convene_test_support::smtp;
mod y4m;

mod access;
mod back_office;
mod desk;
mod fair_seats;
mod identity;
mod layout;
mod mailings;
mod offline;
mod pages;
mod smoke;
mod words;
