//! Reading and changing the organizer identity (one row, made on first change).

use chrono::{DateTime, Utc};
use entity::json::PerLanguage;
use entity::organizer_identity;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, Set};

use super::input::SettingsChange;
use crate::branding::{Branding, ROW_ID};
use crate::db::FetchUnique;
use crate::privacy::audit;

/// Largest logo accepted.
pub const LOGO_LIMIT: usize = 512 * 1024;

/// The row, created with nothing set if there is none yet.
async fn row(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<organizer_identity::Model, DbErr> {
    if let Some(row) = organizer_identity::Entity::find_by_id(ROW_ID).unique(db).await? {
        return Ok(row);
    }
    let fresh = organizer_identity::Model {
        id: ROW_ID,
        organization_name: PerLanguage::default(),
        contact_email: None,
        privacy_url: PerLanguage::default(),
        accent_color: None,
        logo: None,
        logo_type: None,
        revision: 0,
        updated_at: now,
    };
    organizer_identity::Entity::insert(fresh.clone().into_active_model()).exec_without_returning(db).await?;
    Ok(fresh)
}

/// Applies `change` by `by` (recorded in the audit) in the caller's transaction and returns
/// the identity as it now is.
pub async fn apply(
    db: &impl ConnectionTrait,
    change: SettingsChange,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Branding, DbErr> {
    let fields = [
        change.organization_name.is_some(),
        change.contact_email.is_some(),
        change.privacy_url.is_some(),
        change.accent_color.is_some(),
        change.delete_logo,
    ];
    let changed = fields.into_iter().filter(|f| *f).count() as u64;
    audit::record(db, by, audit::Action::SettingsChange, None, changed, now).await?;
    let current = row(db, now).await?;
    let revision = current.revision + 1;
    let mut active = current.into_active_model();
    if let Some(name) = change.organization_name {
        active.organization_name = Set(PerLanguage(name));
    }
    if let Some(contact) = change.contact_email {
        active.contact_email = Set(contact);
    }
    if let Some(privacy) = change.privacy_url {
        active.privacy_url = Set(PerLanguage(privacy));
    }
    if let Some(accent) = change.accent_color {
        active.accent_color = Set(accent);
    }
    if change.delete_logo {
        active.logo = Set(None);
        active.logo_type = Set(None);
    }
    active.revision = Set(revision);
    active.updated_at = Set(now);
    Ok(Branding::from_row(&active.update(db).await?))
}

/// Stores a new logo (already checked: PNG or JPEG, within the limit).
pub async fn set_logo(
    db: &impl ConnectionTrait,
    bytes: Vec<u8>,
    media_type: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit::record(db, by, audit::Action::SettingsChange, None, 1, now).await?;
    let current = row(db, now).await?;
    let revision = current.revision + 1;
    let mut active = current.into_active_model();
    active.logo = Set(Some(bytes));
    active.logo_type = Set(Some(media_type.to_owned()));
    active.revision = Set(revision);
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(())
}

/// The media type of an image by its first bytes: PNG and JPEG only.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// PNG or JPEG, by the declared type and the bytes themselves (a declared type that the
/// bytes do not bear out is refused); `None` for anything else.
pub fn logo_type(declared: Option<&str>, bytes: &[u8]) -> Option<&'static str> {
    let declared = declared.map(|d| d.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    match (declared.as_deref(), image_type(bytes)) {
        (Some("image/png"), Some("image/png")) => Some("image/png"),
        (Some("image/jpeg" | "image/jpg"), Some("image/jpeg")) => Some("image/jpeg"),
        (None | Some("application/octet-stream"), Some(found)) => Some(found),
        _ => None,
    }
}
