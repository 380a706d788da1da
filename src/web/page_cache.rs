//! The public event page as last rendered: the page is the same for every visitor without an
//! invitation, and rendering it was most of its cost.

use entity::event;

use crate::domain::Language;
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

/// The public event page as last rendered, one per event and language: it is the same for
/// every visitor without an invitation, and rendering is most of its cost. An entry serves only
/// the exact version it was rendered for.
#[derive(Debug, Default)]
pub struct EventPageCache(
    std::sync::Mutex<std::collections::HashMap<(uuid::Uuid, Language), (EventPageVersion, String)>>,
);

impl EventPageCache {
    pub fn get(&self, version: &EventPageVersion) -> Option<String> {
        let pages = self.0.lock().ok()?;
        let (cached, html) = pages.get(&(version.event_id, version.language))?;
        (cached == version).then(|| html.clone())
    }

    pub fn put(&self, version: EventPageVersion, html: &str) {
        if let Ok(mut pages) = self.0.lock() {
            pages.insert((version.event_id, version.language), (version, html.to_owned()));
        }
    }
}
