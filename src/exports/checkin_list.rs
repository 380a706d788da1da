//! The printable check-in list: every active registration of an event, sorted by last name,
//! for the door when the network fails.

use std::cmp::Ordering;

use entity::{RegistrationStatus, event};
use sea_orm::{ConnectionTrait, DbErr};
use serde::Serialize;

use super::attendees::{AttendeePages, ExportFilter};
use crate::domain::Language;
use crate::events::view::zone;

/// One line of the printed list.
#[derive(Debug, Clone, Serialize)]
pub struct ListEntry {
    pub last_name: String,
    pub first_name: String,
    pub organization: String,
    pub mode: String,
    pub status: String,
    /// When already checked in (the box is printed ticked).
    pub checked_in_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckinList {
    pub title: String,
    pub starts_at: String,
    pub venue: Option<String>,
    pub entries: Vec<ListEntry>,
    pub in_person: usize,
    pub online: usize,
    pub waitlisted: usize,
}

/// A sort key that puts accented and capitalized names where a reader looks for them:
/// "Éloïse" with the E's, "de Vries" with the D's.
pub fn sort_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'đ' | 'ď' => 'd',
            'ř' => 'r',
            'ť' | 'ţ' => 't',
            other => other,
        })
        .collect()
}

fn compare(a: &ListEntry, b: &ListEntry) -> Ordering {
    sort_key(&a.last_name)
        .cmp(&sort_key(&b.last_name))
        .then_with(|| sort_key(&a.first_name).cmp(&sort_key(&b.first_name)))
        .then_with(|| a.last_name.cmp(&b.last_name))
}

/// The event's active registrations (confirmed and waitlisted), sorted by last name.
pub async fn build(db: &impl ConnectionTrait, event: &event::Model, lang: Language) -> Result<CheckinList, DbErr> {
    let tz = zone(event);
    let mut pages = AttendeePages::new(event.id, ExportFilter::default());
    let mut entries = Vec::new();
    while let Some(rows) = pages.next(db).await? {
        for row in rows {
            // Who the door expects: seated or waiting, not requests nor those who left.
            if !RegistrationStatus::parse(&row.status).is_some_and(RegistrationStatus::holds_place) {
                continue;
            }
            entries.push(ListEntry {
                last_name: row.last_name,
                first_name: row.first_name,
                organization: row.organization,
                mode: row.mode,
                status: row.status,
                // The day and zone are in the heading; the time is what the door needs.
                checked_in_at: row.checked_in_at.map(|t| t.with_timezone(&tz).format("%H:%M").to_string()),
            });
        }
    }
    entries.sort_by(compare);
    let count = |f: &dyn Fn(&ListEntry) -> bool| entries.iter().filter(|e| f(e)).count();
    let in_person = count(&|e| e.mode == "in_person" && e.status == "confirmed");
    let online = count(&|e| e.mode == "online" && e.status == "confirmed");
    let waitlisted = count(&|e| e.status == "waitlisted");
    Ok(CheckinList {
        title: crate::mail::compose::event_title(event, lang),
        starts_at: crate::i18n::format_span(event.starts_at, event.ends_at, tz, lang),
        venue: crate::mail::compose::event_venue(event, lang),
        entries,
        in_person,
        online,
        waitlisted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(last: &str, first: &str) -> ListEntry {
        ListEntry {
            last_name: last.into(),
            first_name: first.into(),
            organization: String::new(),
            mode: "in_person".into(),
            status: "confirmed".into(),
            checked_in_at: None,
        }
    }

    #[test]
    fn names_sort_by_last_name_ignoring_case_and_accents() {
        let mut list = [
            entry("Öztürk", "Jürgen"),
            entry("de Vries", "Anne"),
            entry("Okafor", "Pieter"),
            entry("Dubois", "Zoë"),
            entry("Éloïse", "A"),
        ];
        list.sort_by(compare);
        let names: Vec<_> = list.iter().map(|e| e.last_name.as_str()).collect();
        assert_eq!(names, ["de Vries", "Dubois", "Éloïse", "Okafor", "Öztürk"]);
    }
}

#[cfg(test)]
mod render_tests {
    use super::*;

    #[test]
    fn the_template_renders_and_escapes() {
        let list = CheckinList {
            title: "Meeting <b>".into(),
            starts_at: "Sunday".into(),
            venue: Some("Brussels".into()),
            entries: vec![ListEntry {
                last_name: "<script>".into(),
                first_name: "A".into(),
                organization: "O".into(),
                mode: "in_person".into(),
                status: "confirmed".into(),
                checked_in_at: None,
            }],
            in_person: 1,
            online: 0,
            waitlisted: 0,
        };
        let ctx = minijinja::context! {
            lang => "fr", list => minijinja::Value::from(minijinja::value::Serde(&list)), printed_at => "now",
            organizer => crate::branding::Branding::default().view(Language::Fr),
            asset_url => minijinja::Value::from_function(|p: &str| format!("/assets/{p}")),
        };
        let html = crate::templates::templates()
            .get_template("exports/checkin_list.html")
            .and_then(|t| t.render(ctx))
            .unwrap_or_else(|e| panic!("{e:#}"));
        assert!(html.contains("&lt;script&gt;") && !html.contains("<script>"), "{html}");
        assert!(html.contains("1 inscription") && html.contains("sur place") && html.contains("Imprimé"), "{html}");
    }
}
