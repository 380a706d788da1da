//! An organizers' mailing as one recipient reads it: their language's text (English when
//! theirs has none) with the placeholders filled from their registration as it is when the
//! mail is built, in the frame every mail shares. Links in the text become clickable in the
//! HTML part; everything else there is escaped by the template.

use entity::json::MailingText;
use entity::{AttendanceMode, RegistrationStatus, event, mailing, outbox_email, registration};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use minijinja::context;
use serde::Serialize;

use super::compose::{Composed, event_title, event_venue, message_id, render as render_template};
use super::placeholders::{self, Values};
use super::sender::Sender;
use crate::domain::Language;
use crate::facts::{join_url, manage_url, may_follow_online, zone};
use crate::i18n;

/// A mailing filled for one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
    /// The language of the text used: the person's, or English when theirs has none.
    pub language: Language,
}

/// The language of the text `reg` gets: theirs when the mailing has it, else English.
pub fn language_for(subject: &MailingText, reg: &registration::Model) -> Language {
    if subject.0.contains_key(reg.language.code()) { reg.language } else { Language::En }
}

/// `subject` and `body` filled for `reg`.
pub fn render(
    subject: &MailingText,
    body: &MailingText,
    reg: &registration::Model,
    event: &event::Model,
    base_url: &str,
) -> Rendered {
    let language = language_for(subject, reg);
    let manage = manage_url(base_url, reg);
    let join = if may_follow_online(reg, event) { join_url(base_url, reg) } else { String::new() };
    let seated = reg.status == RegistrationStatus::Confirmed && reg.mode == AttendanceMode::InPerson;
    let code = if seated { crate::facts::ticket_code(reg).unwrap_or_default() } else { String::new() };
    let values = Values {
        first_name: reg.first_name(),
        last_name: reg.last_name(),
        organization: &reg.organization,
        manage_url: &manage,
        join_url: &join,
        ticket_code: &code,
    };
    Rendered {
        subject: placeholders::fill(subject.for_language(language.code()), &values).trim().to_owned(),
        body: placeholders::fill(body.for_language(language.code()), &values),
        language,
    }
}

/// A run of a line: plain text, or a link (`href` set).
#[derive(Debug, Serialize, PartialEq)]
pub struct Run {
    pub text: String,
    pub href: Option<String>,
}

/// The body as paragraphs (split at blank lines) of lines of runs, links found by
/// `linkify` (web addresses with their scheme, and mail addresses).
pub fn paragraphs(body: &str) -> Vec<Vec<Vec<Run>>> {
    let mut finder = linkify::LinkFinder::new();
    finder.url_must_have_scheme(true);
    let body = body.replace("\r\n", "\n");
    let mut out: Vec<Vec<Vec<Run>>> = Vec::new();
    let mut paragraph: Vec<Vec<Run>> = Vec::new();
    for line in body.split('\n') {
        if line.trim().is_empty() {
            if !paragraph.is_empty() {
                out.push(std::mem::take(&mut paragraph));
            }
            continue;
        }
        let runs = finder
            .spans(line)
            .map(|span| {
                let href = match span.kind() {
                    // Web addresses only: `javascript://…` and other schemes stay text.
                    Some(linkify::LinkKind::Url) if is_web(span.as_str()) => Some(span.as_str().to_owned()),
                    Some(linkify::LinkKind::Email) => Some(format!("mailto:{}", span.as_str())),
                    _ => None,
                };
                Run { text: span.as_str().to_owned(), href }
            })
            .collect();
        paragraph.push(runs);
    }
    if !paragraph.is_empty() {
        out.push(paragraph);
    }
    out
}

/// Whether `url` is an http or https address.
fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// What the frame needs besides the text.
pub struct Frame<'a> {
    pub row: &'a outbox_email::Model,
    pub event: &'a event::Model,
    pub base_url: &'a str,
    pub sender: &'a Sender,
}

/// The mail of `mailing` to `reg`.
pub fn compose(frame: Frame<'_>, mailing: &mailing::Model, reg: &registration::Model) -> anyhow::Result<Composed> {
    if !crate::facts::secrets_readable(reg) {
        anyhow::bail!("the server's secret key is not the one this registration's links were sealed with");
    }
    let rendered = render(&mailing.subject, &mailing.body, reg, frame.event, frame.base_url);
    let name = format!("{} {}", reg.first_name(), reg.last_name());
    let in_person = reg.mode == AttendanceMode::InPerson;
    build(frame, &rendered, Some(reg), None, Addressee { name: &name, email: reg.email(), in_person })
}

/// A test of a mailing, as rendered when it was asked for, to the organizer who asked.
pub fn compose_test(frame: Frame<'_>, rendered: &Rendered, shown_as: &str, email: &str) -> anyhow::Result<Composed> {
    let in_person = crate::facts::offers(frame.event, AttendanceMode::InPerson);
    build(frame, rendered, None, Some(shown_as), Addressee { name: "", email, in_person })
}

struct Addressee<'a> {
    name: &'a str,
    email: &'a str,
    /// Whether the time and place show the venue.
    in_person: bool,
}

fn build(
    frame: Frame<'_>,
    rendered: &Rendered,
    reg: Option<&registration::Model>,
    test_shown_as: Option<&str>,
    to: Addressee<'_>,
) -> anyhow::Result<Composed> {
    let Frame { row, event, base_url, sender } = frame;
    let lang = rendered.language;
    let subject = match test_shown_as {
        Some(_) => i18n::t(lang, "subject-mailing-test", &[("subject", &rendered.subject)]),
        None => rendered.subject.clone(),
    };
    let venue = event_venue(event, lang).unwrap_or_default();
    let manage = reg.map(|r| manage_url(base_url, r));
    // What their registration says, as every mail about it shows (a test has none).
    let registrant = reg.map(|r| {
        context! {
            name => format!("{} {}", r.first_name(), r.last_name()), organization => &r.organization,
            status => r.status.as_str(),
        }
    });
    let values = context! {
        registrant => registrant,
        mode => reg.map(|r| r.mode.as_str()),
        lang => lang.code(),
        subject => &subject,
        body => &rendered.body,
        paragraphs => minijinja::Value::from(minijinja::value::Serde(paragraphs(&rendered.body))),
        test_shown_as => test_shown_as,
        manage_url => manage,
        event_title => event_title(event, lang),
        when => i18n::format_span(event.starts_at, event.ends_at, zone(event), lang),
        venue => &venue,
        show_venue => !venue.is_empty() && to.in_person,
        ..sender.template_values(lang)
    };
    let text = render_template("mail/mailing/text.txt", &values)?;
    let html = render_template("mail/mailing/html.html", &values)?;
    let body = MultiPart::alternative().singlepart(SinglePart::plain(text)).multipart(sender.related(html, None)?);
    let name = (!to.name.trim().is_empty()).then(|| to.name.to_owned());
    let mailbox = Mailbox::new(name, crate::domain::ascii_domain(to.email).parse()?);
    let message = sender.addressed(lang, mailbox, subject, message_id(row.id, base_url)).multipart(body)?;
    Ok(Composed { message, to: to.email.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_runs_with_an_address_and_paragraphs_split_at_blank_lines() {
        let parsed = paragraphs("Slides: https://iom.example/slides?x=1&y=2.\nAsk a@iom.example\r\n\r\n\nBye <b>");
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].len(), 2, "two lines in the first paragraph");
        let link = parsed[0][0].iter().find(|r| r.href.is_some()).map(|r| r.text.as_str());
        assert_eq!(link, Some("https://iom.example/slides?x=1&y=2"), "the full stop stays outside the link");
        assert!(parsed[0][1].iter().any(|r| r.href.as_deref() == Some("mailto:a@iom.example")));
        assert_eq!(parsed[1][0], vec![Run { text: "Bye <b>".into(), href: None }]);
        assert!(paragraphs("www.example.org").iter().flatten().flatten().all(|r| r.href.is_none()));
        for text in ["javascript://%0Aalert(1)", "ftp://files.example.org/x", "data://text/html,x"] {
            assert!(paragraphs(text).iter().flatten().flatten().all(|r| r.href.is_none()), "{text}");
        }
        assert!(paragraphs("HTTPS://IOM.example/A").iter().flatten().flatten().any(|r| r.href.is_some()));
    }
}
