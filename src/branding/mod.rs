//! Who organizes, as pages and mails show it: the organization's name per language, the
//! contact, the privacy notice, the accent colour (made dark enough to read) and the logo.
//!
//! A service below the web: mail composes with a [`Branding`] it is given; pages read the
//! request's through [`current`], which a middleware sets for each page request from a
//! short-lived [`BrandingCache`] (so instances sharing a database agree within seconds).

pub mod colour;

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use entity::json::PerLanguage;
use entity::organizer_identity;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use crate::db::FetchUnique;
use crate::domain::Language;

/// The identity row's key: there is one.
pub const ROW_ID: i32 = 1;

/// Who organizes. The default (no row yet) names nobody and shows the product's name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Branding {
    pub revision: i32,
    pub organization_name: PerLanguage,
    pub contact_email: Option<String>,
    pub privacy_url: PerLanguage,
    pub accent_color: Option<String>,
    pub has_logo: bool,
}

impl Branding {
    pub fn from_row(row: &organizer_identity::Model) -> Branding {
        Branding {
            revision: row.revision,
            organization_name: row.organization_name.clone(),
            contact_email: row.contact_email.clone(),
            privacy_url: row.privacy_url.clone(),
            accent_color: row.accent_color.clone(),
            has_logo: row.logo.is_some(),
        }
    }

    /// The organization's name in `lang` (English as fallback), if one is set.
    pub fn name(&self, lang: Language) -> Option<&str> {
        self.organization_name.get(lang.code())
    }

    pub fn privacy_url(&self, lang: Language) -> Option<&str> {
        self.privacy_url.get(lang.code())
    }

    /// The logo's address on this server; it changes with each new logo, so it can be cached.
    pub fn logo_path(&self) -> Option<String> {
        self.has_logo.then(|| format!("/branding/logo?v={}", self.revision))
    }

    /// The accent as pages use it: dark enough for text and links on white, and for white
    /// text on buttons (WCAG AA, 4.5:1).
    pub fn readable_accent(&self) -> Option<String> {
        self.accent_color.as_deref().and_then(colour::Rgb::parse).map(|c| c.readable_on_white().hex())
    }

    /// What templates read as `organizer` in `lang`.
    pub fn view(&self, lang: Language) -> minijinja::Value {
        minijinja::context! {
            name => self.name(lang),
            contact => self.contact_email.as_deref(),
            privacy_url => self.privacy_url(lang),
            logo => self.logo_path(),
            accent => self.readable_accent(),
            theme => self.readable_accent().map(|_| format!("/branding/theme.css?v={}", self.revision)),
        }
    }
}

/// The identity as stored, or the default when none was ever saved.
pub async fn load(db: &impl ConnectionTrait) -> Result<Branding, DbErr> {
    Ok(organizer_identity::Entity::find_by_id(ROW_ID)
        .unique(db)
        .await?
        .map(|row| Branding::from_row(&row))
        .unwrap_or_default())
}

/// The logo's bytes and media type, when one is set.
pub async fn logo(db: &impl ConnectionTrait) -> Result<Option<(Vec<u8>, String)>, DbErr> {
    let row = organizer_identity::Entity::find_by_id(ROW_ID).unique(db).await?;
    Ok(row.and_then(|r| Some((r.logo?, r.logo_type.unwrap_or_else(|| "image/png".to_owned())))))
}

/// The identity, read again from the database at most every few seconds.
#[derive(Default)]
pub struct BrandingCache {
    held: RwLock<Option<(Instant, Arc<Branding>)>>,
}

/// How long an instance may show an identity another instance has changed.
const FRESH_FOR: Duration = Duration::from_secs(5);

impl BrandingCache {
    pub async fn get(&self, db: &impl ConnectionTrait) -> Result<Arc<Branding>, DbErr> {
        if let Ok(held) = self.held.read()
            && let Some((at, branding)) = held.as_ref()
            && at.elapsed() < FRESH_FOR
        {
            return Ok(branding.clone());
        }
        let branding = Arc::new(load(db).await?);
        if let Ok(mut held) = self.held.write() {
            *held = Some((Instant::now(), branding.clone()));
        }
        Ok(branding)
    }

    /// After a change on this instance: the next read goes to the database.
    pub fn forget(&self) {
        if let Ok(mut held) = self.held.write() {
            *held = None;
        }
    }
}

tokio::task_local! {
    static CURRENT: Arc<Branding>;
}

/// Runs `work` (a page request) with `branding` as the one [`current`] returns.
pub async fn scope<F: std::future::Future>(branding: Arc<Branding>, work: F) -> F::Output {
    CURRENT.scope(branding, work).await
}

/// The identity of the page request being served; the default outside one.
pub fn current() -> Arc<Branding> {
    CURRENT.try_with(Arc::clone).unwrap_or_default()
}
