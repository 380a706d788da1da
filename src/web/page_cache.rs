//! The public event page as last rendered: the page is the same for every visitor without an
//! invitation, and rendering it was most of its cost. The event row it shows is read again at
//! most once a second, or at once after a write on this server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use entity::event;

use crate::db::Db;
use crate::domain::Language;
use crate::web::compressed::Precompressed;
use crate::web::lang::PageLang;

/// What the public event page shows depends on: the event row as it is (its revision moves
/// with every seat taken or given back, `updated_at` with every edit), the language, the
/// address (for the language links) and whether registration is open now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPageVersion {
    event_id: uuid::Uuid,
    language: Language,
    revision: i64,
    updated_at: chrono::DateTime<chrono::Utc>,
    open: bool,
    path: String,
    /// Who organizes heads the page: a new name, logo or colour is a new page.
    branding: i32,
}

impl EventPageVersion {
    pub fn of(event: &event::Model, lang: &PageLang, open: bool) -> EventPageVersion {
        EventPageVersion {
            event_id: event.id,
            language: lang.lang,
            revision: event.revision,
            updated_at: event.updated_at,
            open,
            path: lang.path.clone(),
            branding: crate::branding::current().revision,
        }
    }
}

/// How long the page may show an event row as read before, when nothing was written on this
/// server since: registrations and edits made through another server sharing the database
/// show within this time; this server's own show at once.
pub const EVENT_FRESH_FOR: Duration = Duration::from_secs(1);

/// Above this many events read, the oldest reads are forgotten (slugs are few; this bounds a
/// crawl over many events).
const EVENTS_KEPT: usize = 1024;

/// A page as rendered, for the version it was rendered for.
type RenderedPage = (EventPageVersion, Arc<Precompressed>);

/// An event row as read, when, and how many writes this server had committed before.
#[derive(Debug)]
struct EventRead {
    event: Arc<event::Model>,
    at: Instant,
    writes_before: u64,
}

/// The public event page as last rendered, one per event and language: it is the same for
/// every visitor without an invitation, and rendering is most of its cost. An entry serves only
/// the exact version it was rendered for.
#[derive(Debug, Default)]
pub struct EventPageCache {
    pages: Mutex<HashMap<(uuid::Uuid, Language), RenderedPage>>,
    events: Mutex<HashMap<String, EventRead>>,
}

impl EventPageCache {
    pub fn get(&self, version: &EventPageVersion) -> Option<Arc<Precompressed>> {
        let pages = self.pages.lock().ok()?;
        let (cached, page) = pages.get(&(version.event_id, version.language))?;
        (cached == version).then(|| page.clone())
    }

    /// Keeps `html` as the page of `version`, and returns it with room for its compressed forms.
    pub fn put(&self, version: EventPageVersion, html: String) -> Arc<Precompressed> {
        let page = Arc::new(Precompressed::new(Bytes::from(html)));
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert((version.event_id, version.language), (version, page.clone()));
        }
        page
    }

    /// The event with this slug as the page shows it: read from the database unless it was
    /// read less than [`EVENT_FRESH_FOR`] ago with no write committed on this server since.
    /// `read` reads it (drafts and unknown slugs are `None`, and not remembered).
    pub async fn event<E, F>(&self, db: &Db, slug: &str, read: F) -> Result<Option<Arc<event::Model>>, E>
    where
        F: Future<Output = Result<Option<event::Model>, E>>,
    {
        // Taken before reading: a write committed during the read makes the next request read again.
        let writes_before = db.writes_committed();
        if let Ok(events) = self.events.lock()
            && let Some(seen) = events.get(slug)
            && seen.writes_before == writes_before
            && seen.at.elapsed() < EVENT_FRESH_FOR
        {
            return Ok(Some(seen.event.clone()));
        }
        let Some(event) = read.await? else { return Ok(None) };
        let event = Arc::new(event);
        if let Ok(mut events) = self.events.lock() {
            if events.len() >= EVENTS_KEPT {
                events.retain(|_, seen| seen.at.elapsed() < EVENT_FRESH_FOR);
            }
            events.insert(slug.to_owned(), EventRead { event: event.clone(), at: Instant::now(), writes_before });
        }
        Ok(Some(event))
    }
}
