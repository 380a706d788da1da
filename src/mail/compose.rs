//! Turns an outbox row into a mail: the typed message, the registration and the event as
//! they are now, rendered in the registrant's language from `templates/mail/<kind>/`.

use chrono::{DateTime, Utc};
use entity::{AttendanceMode, RegistrationStatus, event, outbox_email, registration};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use minijinja::context;

use super::Message;
use super::calendar::CalendarEntry;
use super::sender::Sender;
use crate::domain::Language;
use crate::facts::{join_url, manage_url, may_follow_online, zone};
use crate::i18n;
use crate::templates::templates;

/// Everything a mail is built from.
pub struct MailContext<'a> {
    pub row: &'a outbox_email::Model,
    /// The row's payload, decoded.
    pub message: Message,
    pub registration: &'a registration::Model,
    pub event: &'a event::Model,
    pub base_url: &'a str,
    /// Who it is from (the organizer identity).
    pub sender: &'a Sender,
}

/// A mail ready for the transport.
pub struct Composed {
    pub message: lettre::Message,
    pub to: String,
}

/// The event's title in `lang`, falling back to the base title.
pub fn event_title(event: &event::Model, lang: Language) -> String {
    translated(event, lang, "title").unwrap_or_else(|| event.title.clone())
}

pub fn event_description(event: &event::Model, lang: Language) -> String {
    translated(event, lang, "description").unwrap_or_else(|| event.description.clone())
}

/// The venue as written for readers of `lang`, else as entered.
pub fn event_venue(event: &event::Model, lang: Language) -> Option<String> {
    translated(event, lang, "venue").or_else(|| event.venue.clone())
}

fn translated(event: &event::Model, lang: Language, field: &str) -> Option<String> {
    event.translations.text(lang.code(), field).map(str::to_owned)
}

/// `<outbox-id@host>`: derived from the row, so a resend after a crash is recognizable.
pub fn message_id(row_id: uuid::Uuid, base_url: &str) -> String {
    let host =
        base_url.split("://").nth(1).unwrap_or("convene.local").split(['/', ':']).next().unwrap_or("convene.local");
    format!("<{row_id}@{host}>")
}

/// Renders the mail template `name`.
pub(super) fn render(name: &str, ctx: &minijinja::Value) -> anyhow::Result<String> {
    Ok(templates().get_template(name)?.render(ctx)?)
}

pub fn compose(ctx: MailContext<'_>) -> anyhow::Result<Composed> {
    let MailContext { row, message, registration: reg, event, base_url, sender } = ctx;
    // Every mail carries the registrant's own link; without the key it was sealed with, the
    // mail cannot be written (it fails for good, with this reason in the mail list).
    if !crate::facts::secrets_readable(reg) {
        anyhow::bail!("the server's secret key is not the one this registration's links were sealed with");
    }
    let code = crate::facts::ticket_code(reg).unwrap_or_default();
    let lang = row.language;
    let kind = message.kind();
    let withdrawn = matches!(message, Message::Cancelled { .. } | Message::EventCancelled { .. });
    let seated = reg.status == RegistrationStatus::Confirmed && reg.mode == AttendanceMode::InPerson;
    let shows_ticket = seated && !withdrawn;
    let join = (!withdrawn && may_follow_online(reg, event)).then(|| join_url(base_url, reg));
    let has_qr = shows_ticket
        && matches!(message, Message::Confirmation { .. } | Message::EventUpdated { .. } | Message::Reminder);
    let manage = manage_url(base_url, reg);
    let title = event_title(event, lang);
    let tz = zone(event);
    let (reason, previous_mode) = match &message {
        Message::Confirmation { reason, previous_mode, .. } => {
            (serde_json::to_value(reason)?.as_str().map(str::to_owned), previous_mode.map(|m| m.as_str()))
        }
        Message::ManageLink { reason } => (serde_json::to_value(reason)?.as_str().map(str::to_owned), None),
        _ => (None, None),
    };
    let venue = event_venue(event, lang).unwrap_or_default();
    // What they told us, so they can check it (and fix it on their page).
    let answers: Vec<minijinja::Value> = match message {
        Message::Confirmation { .. } | Message::Waitlisted { .. } | Message::RequestReceived => {
            crate::facts::answers_shown(event, reg.answers(), lang)
                .into_iter()
                .map(|(question, answer)| context! { question, answer })
                .collect()
        }
        _ => Vec::new(),
    };
    // The programme with the confirmation: what the day holds, in their language.
    let programme: Vec<minijinja::Value> = match message {
        Message::Confirmation { .. } if !withdrawn => crate::facts::programme_lines(event, lang)
            .into_iter()
            .map(|line| context! { time => line.time, title => line.title, speakers => line.speakers.join("; ") })
            .collect(),
        _ => Vec::new(),
    };
    let mut values = context! {
        answers => answers,
        programme => programme,
        lang => lang.code(),
        first_name => &reg.first_name,
        event_title => &title,
        when => i18n::format_span(event.starts_at, event.ends_at, tz, lang),
        venue => &venue,
        show_venue => reg.mode == AttendanceMode::InPerson && !venue.is_empty(),
        mode => reg.mode.as_str(),
        // What the registration now says, for the registrant to check at a glance.
        registrant => context! {
            name => format!("{} {}", reg.first_name(), reg.last_name()), organization => &reg.organization,
            status => reg.status.as_str(),
        },
        has_calendar => message.calendar_sequence().is_some(),
        organizer_note => message.note(),
        previous_mode => previous_mode,
        reason => reason,
        approved => matches!(message, Message::Waitlisted { approved: true }),
        wait_reason => reg.waitlist_reason.as_deref(),
        ticket_code => shows_ticket.then(|| code.clone()),
        // In groups of four, as people read it out (and as the desk accepts it).
        ticket_code_grouped => shows_ticket.then(|| crate::facts::ticket_code_grouped(&code)),
        has_qr => has_qr,
        join_url => &join,
        manage_url => &manage,
        ..sender.template_values(lang)
    };
    let subject =
        render(&format!("mail/{kind}/subject.txt"), &values)?.lines().next().unwrap_or_default().trim().to_owned();
    values = context! { subject => &subject, ..values };
    let text = render(&format!("mail/{kind}/text.txt"), &values)?;
    let html = render(&format!("mail/{kind}/html.html"), &values)?;

    let qr = if has_qr { Some(super::qr::png(&code)?) } else { None };
    let html_block = sender.related(html, qr)?;
    let alternative = MultiPart::alternative().singlepart(SinglePart::plain(text)).multipart(html_block);
    let body = match message.calendar_sequence() {
        Some(sequence) => {
            let entry = calendar_entry(
                reg,
                event,
                &title,
                lang,
                sequence,
                withdrawn,
                join.as_deref(),
                &manage,
                sender,
                row.created_at,
            );
            let ics = entry.to_ics();
            let content_type = ContentType::parse(&format!("text/calendar; charset=utf-8; method={}", entry.method()))?;
            MultiPart::mixed()
                .multipart(alternative)
                .singlepart(Attachment::new("invite.ics".to_owned()).body(ics, content_type))
        }
        None => MultiPart::mixed().multipart(alternative),
    };

    let to_name = format!("{} {}", reg.first_name(), reg.last_name());
    let to = Mailbox::new(Some(to_name), crate::domain::ascii_domain(reg.email()).parse()?);
    let message = sender.addressed(lang, to, subject, message_id(row.id, base_url)).multipart(body)?;
    Ok(Composed { message, to: reg.email().to_owned() })
}

#[allow(clippy::too_many_arguments)]
fn calendar_entry<'a>(
    reg: &'a registration::Model,
    event: &'a event::Model,
    title: &'a str,
    lang: Language,
    sequence: i32,
    withdrawn: bool,
    join: Option<&'a str>,
    manage: &'a str,
    sender: &'a Sender,
    stamp: DateTime<Utc>,
) -> CalendarEntry<'a> {
    let location = match (reg.mode, join) {
        (AttendanceMode::Online, Some(link)) => link,
        _ => event.translations.text(lang.code(), "venue").or(event.venue.as_deref()).unwrap_or(title),
    };
    let mut description = event_description(event, lang);
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    if let Some(link) = join {
        description.push_str(&format!("{}{} {link}\n", i18n::t(lang, "label-join", &[]), i18n::t(lang, "colon", &[])));
    }
    description.push_str(&format!("{}{} {manage}", i18n::t(lang, "label-manage", &[]), i18n::t(lang, "colon", &[])));
    CalendarEntry {
        uid: format!("{}@convene", reg.id),
        sequence,
        cancelled: withdrawn,
        title,
        description,
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        location,
        url: Some(manage),
        organizer: sender.branding.contact_email.as_deref().map(|email| (email, sender.branding.name(lang))),
        stamp,
    }
}
