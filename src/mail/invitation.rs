//! The invitation mail: sent to a partner from an imported list who is not registered yet,
//! so it is built from the invitation row rather than a registration. It carries the
//! personal link that pre-fills the public registration form.

use entity::{AttendanceMode, event, invitation, outbox_email};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use minijinja::context;
use sea_orm::{DbErr, EntityTrait};

use super::compose::{Composed, event_title, message_id, render};
use super::sender::{ListUnsubscribe, ListUnsubscribePost, Sender};
use crate::db::Db;
use crate::db::FetchUnique;
use crate::facts::{offers, zone};
use crate::i18n;

/// `{base_url}/e/{slug}?invite={token}`: the public event page, pre-filled.
pub fn invite_url(base_url: &str, event: &event::Model, token: &str) -> String {
    format!("{base_url}/e/{}?invite={token}", event.slug)
}

/// `{base_url}/invitations/{token}/stop`: no more invitations to future editions.
pub fn stop_url(base_url: &str, token: &str) -> String {
    format!("{base_url}/invitations/{token}/stop")
}

/// Renders the invitation of `row`; an outer `Err` is a database failure (retried), an inner
/// one a mail that cannot be built (failed for good).
pub async fn load_and_compose(
    db: &Db,
    row: &outbox_email::Model,
    invitation_id: uuid::Uuid,
    base_url: &str,
    sender: &Sender,
) -> Result<anyhow::Result<Composed>, DbErr> {
    let Some(invitation) = invitation::Entity::find_by_id(invitation_id).unique(db.read()).await? else {
        return Ok(Err(anyhow::anyhow!("invitation {invitation_id} no longer exists")));
    };
    let Some(event) = event::Entity::find_by_id(row.event_id).unique(db.read()).await? else {
        return Ok(Err(anyhow::anyhow!("event {} no longer exists", row.event_id)));
    };
    Ok(compose(row, &invitation, &event, base_url, sender))
}

pub fn compose(
    row: &outbox_email::Model,
    invitation: &invitation::Model,
    event: &event::Model,
    base_url: &str,
    sender: &Sender,
) -> anyhow::Result<Composed> {
    let lang = row.language;
    let Some(token) = crate::secrets::open(&invitation.token_sealed) else {
        anyhow::bail!("the server's secret key is not the one this invitation's link was sealed with");
    };
    let title = event_title(event, lang);
    let venue = super::compose::event_venue(event, lang).unwrap_or_default();
    let values = context! {
        lang => lang.code(),
        first_name => &invitation.first_name,
        event_title => &title,
        when => i18n::format_span(event.starts_at, event.ends_at, zone(event), lang),
        venue => &venue,
        show_venue => offers(event, AttendanceMode::InPerson) && !venue.is_empty(),
        invite_url => invite_url(base_url, event, &token),
        stop_url => stop_url(base_url, &token),
        ..sender.template_values(lang)
    };
    let subject = render("mail/invitation/subject.txt", &values)?.lines().next().unwrap_or_default().trim().to_owned();
    let values = context! { subject => &subject, ..values };
    let text = render("mail/invitation/text.txt", &values)?;
    let html = render("mail/invitation/html.html", &values)?;
    let body = MultiPart::alternative().singlepart(SinglePart::plain(text)).multipart(sender.related(html, None)?);
    let name = format!("{} {}", invitation.first_name, invitation.last_name);
    let to = Mailbox::new(Some(name.trim().to_owned()), crate::domain::ascii_domain(&invitation.email).parse()?);
    let message = sender
        .addressed(lang, to, subject, message_id(row.id, base_url))
        // One click in the mail client stops future invitations (RFC 8058 asks for a POST).
        .header(ListUnsubscribe::from(format!("<{}>", stop_url(base_url, &token))))
        .header(ListUnsubscribePost)
        .multipart(body)?;
    Ok(Composed { message, to: invitation.email.clone() })
}
