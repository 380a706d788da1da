//! An event's registrations as organizers browse them: words to find, filters, pages of
//! [`PAGE_SIZE`] sorted by name, and whether each has been checked in.

use entity::{AttendanceMode, RegistrationStatus, checkin, registration};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::attendance::presence;

pub const PAGE_SIZE: u64 = 50;

/// What the organizer asked to see.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Words found in the name, email or organization (case-insensitive).
    pub words: Option<String>,
    pub mode: Option<AttendanceMode>,
    pub status: Option<RegistrationStatus>,
}

/// One page of the list, and how many match in all.
pub struct Listing {
    pub rows: Vec<(registration::Model, bool)>,
    pub total: u64,
}

/// `%` and `_` typed by the user match themselves.
pub fn like_pattern(q: &str) -> String {
    let escaped = q.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Page `page` (from 1) of the event's registrations matching `filter`, each with whether it
/// is checked in now.
pub async fn list(db: &impl ConnectionTrait, event_id: Uuid, filter: &Filter, page: u64) -> Result<Listing, DbErr> {
    let mut select = registration::Entity::find().filter(registration::Column::EventId.eq(event_id));
    if let Some(words) = filter.words.as_deref().filter(|q| !q.trim().is_empty()) {
        let pattern = like_pattern(words);
        let mut any = Condition::any();
        for col in [
            registration::Column::FirstName,
            registration::Column::LastName,
            registration::Column::Email,
            registration::Column::Organization,
        ] {
            any =
                any.add(sea_orm::sea_query::ExprTrait::like(Expr::expr(Func::lower(Expr::col(col))), pattern.as_str()));
        }
        select = select.filter(any);
    }
    if let Some(mode) = filter.mode {
        select = select.filter(registration::Column::Mode.eq(mode));
    }
    if let Some(status) = filter.status {
        select = select.filter(registration::Column::Status.eq(status));
    }
    let total = select.clone().count(db).await?;
    let rows = select
        .order_by_asc(registration::Column::LastName)
        .order_by_asc(registration::Column::FirstName)
        .order_by_asc(registration::Column::Id)
        .offset((page.max(1) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let checked_in = presence::checked_in(db, checkin::Column::RegistrationId.is_in(ids)).await?;
    let rows = rows.into_iter().map(|r| (r.clone(), checked_in.contains(&r.id))).collect();
    Ok(Listing { rows, total })
}
