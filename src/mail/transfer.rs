//! The notice to a registration's former holder after they handed it to a colleague: their
//! row now holds the colleague, so the notice is built from its own payload (their address
//! and first name, emptied once it is sent) and the event.

use entity::{AttendanceMode, event, outbox_email};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use minijinja::context;
use sea_orm::{DbErr, EntityTrait};

use super::compose::{Composed, event_title, message_id, render};
use super::sender::Sender;
use crate::db::{Db, FetchUnique};
use crate::facts::{offers, zone};
use crate::i18n;

/// What the notice says and to whom.
pub struct Notice<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub colleague: &'a str,
}

/// Renders the notice of `row`; an outer `Err` is a database failure (retried), an inner one a
/// mail that cannot be built (failed for good).
pub async fn load_and_compose(
    db: &Db,
    row: &outbox_email::Model,
    notice: Notice<'_>,
    base_url: &str,
    sender: &Sender,
) -> Result<anyhow::Result<Composed>, DbErr> {
    let Some(event) = event::Entity::find_by_id(row.event_id).unique(db.read()).await? else {
        return Ok(Err(anyhow::anyhow!("event {} no longer exists", row.event_id)));
    };
    Ok(compose(row, &notice, &event, base_url, sender))
}

pub fn compose(
    row: &outbox_email::Model,
    notice: &Notice<'_>,
    event: &event::Model,
    base_url: &str,
    sender: &Sender,
) -> anyhow::Result<Composed> {
    let lang = row.language;
    let title = event_title(event, lang);
    let venue = super::compose::event_venue(event, lang).unwrap_or_default();
    let values = context! {
        lang => lang.code(),
        first_name => notice.first_name,
        colleague => notice.colleague,
        event_title => &title,
        event_url => format!("{base_url}/e/{}", event.slug),
        when => i18n::format_span(event.starts_at, event.ends_at, zone(event), lang),
        venue => &venue,
        show_venue => offers(event, AttendanceMode::InPerson) && !venue.is_empty(),
        ..sender.template_values(lang)
    };
    let subject =
        render("mail/transfer_notice/subject.txt", &values)?.lines().next().unwrap_or_default().trim().to_owned();
    let values = context! { subject => &subject, ..values };
    let text = render("mail/transfer_notice/text.txt", &values)?;
    let html = render("mail/transfer_notice/html.html", &values)?;
    let body = MultiPart::alternative().singlepart(SinglePart::plain(text)).multipart(sender.related(html, None)?);
    let to = Mailbox::new(Some(notice.first_name.to_owned()), crate::domain::ascii_domain(notice.email).parse()?);
    let message = sender.addressed(lang, to, subject, message_id(row.id, base_url)).multipart(body)?;
    Ok(Composed { message, to: notice.email.to_owned() })
}
