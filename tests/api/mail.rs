//! Mail through lettre's real SMTP transport to a real SMTP server in the test: parsed,
//! decoded and checked as a partner's mail client would see it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use icalendar::{Component, DatePerhapsTime, EventLike};
use mail_parser::{MessageParser, MimeHeaders};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, json, registration, str_of};
use crate::smtp::{Received, SmtpSink};

const WAIT: Duration = Duration::from_secs(30);

/// A received mail, parsed.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
    /// (content type's `method`, body) of the `text/calendar` part.
    pub calendar: Option<(String, String)>,
    pub png: Option<Vec<u8>>,
    /// The sender's display name, and the Reply-To address.
    pub from_name: String,
    pub reply_to: Option<String>,
    pub auto_submitted: Option<String>,
    /// The `type` parameter of each `multipart/related` part.
    pub related_types: Vec<String>,
}

pub fn parse(received: &Received) -> Mail {
    let message = MessageParser::default().parse(&received.data).expect("a MIME message");
    let mut calendar = None;
    let mut png = None;
    let mut related_types = Vec::new();
    for part in &message.parts {
        let Some(ct) = part.content_type() else { continue };
        if ct.ctype() == "multipart" && ct.subtype() == Some("related") {
            related_types.push(ct.attribute("type").unwrap_or("").to_owned());
        }
        match (ct.ctype(), ct.subtype()) {
            ("text", Some("calendar")) => {
                let method = ct.attribute("method").unwrap_or("").to_owned();
                calendar = Some((method, String::from_utf8_lossy(part.contents()).into_owned()));
            }
            ("image", Some("png")) if part.content_id() == Some("ticket-qr") => png = Some(part.contents().to_vec()),
            _ => {}
        }
    }
    Mail {
        to: message.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned(),
        subject: message.subject().unwrap_or_default().to_owned(),
        text: message.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        // minijinja writes `/` as `&#x2f;`, which browsers and mail clients read as `/`.
        html: message.body_html(0).map(|t| t.replace("&#x2f;", "/")).unwrap_or_default(),
        message_id: message.message_id().unwrap_or_default().to_owned(),
        calendar,
        png,
        from_name: message.from().and_then(|a| a.first()).and_then(|a| a.name()).unwrap_or_default().to_owned(),
        reply_to: message.reply_to().and_then(|a| a.first()).and_then(|a| a.address()).map(str::to_owned),
        auto_submitted: message.header_raw("Auto-Submitted").map(|v| v.trim().to_owned()),
        related_types,
    }
}

/// Decodes the QR code in a PNG back to its text.
pub fn decode_qr(png_bytes: &[u8]) -> String {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    // One-bit images come out as one byte per pixel.
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("png header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("png frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("QR decodes").1
}

pub struct VEvent {
    /// `mailto:…` of ORGANIZER, when there is one.
    pub organizer: Option<String>,
    pub uid: String,
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub status: String,
    pub location: String,
}

pub fn parse_calendar(ics: &str) -> VEvent {
    let calendar: icalendar::Calendar = ics.parse().expect("a valid iCalendar");
    let event = calendar.events().next().expect("one VEVENT");
    let start = match event.get_start() {
        Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(dt))) => dt,
        other => panic!("DTSTART is not a time: {other:?}"),
    };
    VEvent {
        organizer: event.property_value("ORGANIZER").map(str::to_owned),
        uid: event.get_uid().unwrap_or_default().to_owned(),
        sequence: event.get_sequence().unwrap_or(0),
        start,
        status: event.property_value("STATUS").unwrap_or_default().to_owned(),
        location: event.get_location().unwrap_or_default().to_owned(),
    }
}

pub async fn app_with_sink() -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = TestApp::spawn_with(move |c| c.mail.smtp_url = Some(url)).await;
    (app, sink)
}

/// Two servers on one database, both delivering to one SMTP sink.
pub async fn two_instances_with_sink() -> (TestApp, TestApp, SmtpSink) {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let first = TestApp::spawn_with({
        let url = url.clone();
        move |c| c.mail.smtp_url = Some(url)
    })
    .await;
    let second = first.second_instance(move |c| c.mail.smtp_url = Some(url)).await;
    (first, second, sink)
}

/// The mails that went to `address`, parsed, in arrival order.
fn mails_to(sink: &SmtpSink, address: &str) -> Vec<Mail> {
    // The SMTP envelope and the To header must agree.
    sink.messages()
        .iter()
        .filter(|r| r.to.iter().any(|t| t == address))
        .map(parse)
        .inspect(|m| assert_eq!(m.to, address))
        .collect()
}

pub async fn wait_for_mail(sink: &SmtpSink, address: &str, subject_part: &str) -> Mail {
    let started = std::time::Instant::now();
    loop {
        if let Some(mail) = mails_to(sink, address).into_iter().find(|m| m.subject.contains(subject_part)) {
            return mail;
        }
        let seen: Vec<String> = mails_to(sink, address).into_iter().map(|m| m.subject).collect();
        assert!(started.elapsed() < WAIT, "no mail \"{subject_part}\" to {address}; got {seen:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn in_person_confirmation_in(language: &str, subject_prefix: &str, greeting: &str) {
    let (app, sink) = app_with_sink().await;
    let event = app.create_event(json!({"translations": {"fr": {"title": "Réunion des partenaires"}, "nl": {"title": "Partnervergadering"}}})).await;
    let mut body = registration("amina@example.org", "in_person");
    body["language"] = json!(language);
    let reg = json(app.register_body(&str_of(&event, "id"), body).await).await;

    let mail = wait_for_mail(&sink, "amina@example.org", subject_prefix).await;
    assert!(mail.subject.starts_with(subject_prefix), "{}", mail.subject);
    assert!(mail.text.contains(greeting), "{}", mail.text);
    let code = str_of(&reg, "ticket_code");
    // Shown in groups of four, as people read it out; the QR code holds it whole.
    let grouped =
        code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ");
    assert!(mail.text.contains(&grouped) && mail.html.contains(&grouped));
    assert!(mail.text.contains(&str_of(&reg, "manage_url")));
    assert!(mail.html.contains("cid:ticket-qr"));
    assert!(mail.message_id.ends_with("@127.0.0.1"), "{}", mail.message_id);
    assert_eq!(decode_qr(mail.png.as_deref().expect("an inline PNG")), code, "the QR holds exactly the ticket code");

    let (method, ics) = mail.calendar.expect("a text/calendar part");
    assert_eq!(method, "PUBLISH", "added to the calendar, nobody asked to accept");
    let vevent = parse_calendar(&ics);
    let starts_at = DateTime::parse_from_rfc3339(&str_of(&event, "starts_at")).expect("time").with_timezone(&Utc);
    assert_eq!(vevent.start, starts_at.trunc_subsecs_micros(), "the calendar entry is at the event's instant");
    assert_eq!(vevent.uid, format!("{}@convene", str_of(&reg, "id")));
    assert_eq!(vevent.location, "Brussels");
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn an_english_in_person_confirmation_carries_ticket_qr_code_and_calendar_entry() {
    in_person_confirmation_in("en", "Your registration: Annual Voluntary", "Dear Amina,").await;
}

#[tokio::test]
async fn a_french_confirmation_is_in_french() {
    in_person_confirmation_in("fr", "Votre inscription : Réunion des partenaires", "Bonjour Amina,").await;
}

#[tokio::test]
async fn a_dutch_confirmation_is_in_dutch() {
    in_person_confirmation_in("nl", "Uw inschrijving: Partnervergadering", "Beste Amina,").await;
}

#[tokio::test]
async fn an_online_confirmation_carries_the_join_link_and_no_ticket() {
    let (app, sink) = app_with_sink().await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    let mut body = registration("noor@example.org", "online");
    body["language"] = json!("en");
    let reg = json(app.register_body(&event_id, body).await).await;
    let mail = wait_for_mail(&sink, "noor@example.org", "Your registration").await;
    let join = str_of(&reg, "join_url");
    assert!(mail.text.contains(&join), "{}", mail.text);
    assert!(mail.html.contains(&join), "{}", mail.html);
    assert!(!mail.text.contains(&str_of(&reg, "ticket_code")));
    assert!(mail.png.is_none());
    let (_, ics) = mail.calendar.expect("calendar entry");
    assert_eq!(parse_calendar(&ics).location, join);
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn each_cause_sends_its_mail() {
    let (app, sink) = app_with_sink().await;
    let event = app.create_event(json!({"in_person_capacity": 1})).await;
    let event_id = str_of(&event, "id");
    let english = |email: &str, mode: &str| {
        let mut body = registration(email, mode);
        body["language"] = json!("en");
        body
    };
    let seated = json(app.register_body(&event_id, english("seated@example.org", "in_person")).await).await;
    let waiting = json(app.register_body(&event_id, english("waiting@example.org", "in_person")).await).await;
    wait_for_mail(&sink, "seated@example.org", "Your registration").await;

    // Waitlisted at a hybrid event: the notice carries the join link.
    let notice = wait_for_mail(&sink, "waiting@example.org", "You are on the waiting list").await;
    assert!(notice.text.contains(&str_of(&waiting, "join_url")));
    assert!(notice.text.contains(&str_of(&waiting, "manage_url")));

    // Registering again mails the manage link.
    app.register_body(&event_id, english("seated@example.org", "online")).await;
    let link = wait_for_mail(&sink, "seated@example.org", "Your registration link").await;
    assert!(link.text.contains(&str_of(&seated, "manage_url")));
    // So does "lost link" (for the waiting one: once per 15 minutes per registration).
    app.client
        .post(app.url("/api/v1/lost-link"))
        .json(&json!({"event_id": event_id, "email": "waiting@example.org"}))
        .send()
        .await
        .expect("send");
    wait_for_mail(&sink, "waiting@example.org", "Your registration link").await;

    // Cancelling mails a calendar cancellation; the freed seat is mailed to the waiting one.
    app.manage(Method::DELETE, &str_of(&seated, "manage_token"), None).await;
    let cancelled = wait_for_mail(&sink, "seated@example.org", "Registration cancelled").await;
    // With no contact set there is no organizer to cancel in the name of: a published
    // cancellation (API.md "Organizer identity").
    let (method, ics) = cancelled.calendar.expect("calendar cancellation");
    assert_eq!(method, "PUBLISH");
    assert_eq!(parse_calendar(&ics).status, "CANCELLED");
    assert_eq!(parse_calendar(&ics).organizer, None, "the sending address is never the organizer");
    let promoted = wait_for_mail(&sink, "waiting@example.org", "A seat is free for you").await;
    assert_eq!(decode_qr(promoted.png.as_deref().expect("QR")), str_of(&waiting, "ticket_code"));
    let first = parse_calendar(&promoted.calendar.expect("calendar").1);

    // Switching mode mails a confirmation saying what changed.
    app.manage(Method::PATCH, &str_of(&waiting, "manage_token"), Some(json!({"mode": "online"}))).await;
    let switched = wait_for_mail(&sink, "waiting@example.org", "Your attendance has changed").await;
    assert!(switched.text.contains("from in person to online"), "{}", switched.text);
    let second = parse_calendar(&switched.calendar.expect("calendar").1);
    assert_eq!(second.uid, first.uid);
    assert!(second.sequence > first.sequence);

    // Moving the event: same UID, higher SEQUENCE, the new time.
    let new_start = (Utc::now() + chrono::Duration::days(20)).to_rfc3339();
    let new_end = (Utc::now() + chrono::Duration::days(20) + chrono::Duration::hours(2)).to_rfc3339();
    let moved = app.patch_event(&event_id, json!({"starts_at": new_start, "ends_at": new_end})).await;
    assert_eq!(moved.status().as_u16(), 200);
    let update = wait_for_mail(&sink, "waiting@example.org", "Updated:").await;
    let third = parse_calendar(&update.calendar.expect("calendar").1);
    assert_eq!(third.uid, first.uid);
    assert!(third.sequence > second.sequence);
    assert_eq!(
        third.start,
        DateTime::parse_from_rfc3339(&new_start).expect("time").with_timezone(&Utc).trunc_subsecs_micros()
    );

    // Cancelling the event withdraws the entry.
    app.patch_event(&event_id, json!({"status": "cancelled"})).await;
    let withdrawn = wait_for_mail(&sink, "waiting@example.org", "Cancelled:").await;
    let (method, ics) = withdrawn.calendar.expect("calendar");
    assert_eq!(method, "PUBLISH");
    let fourth = parse_calendar(&ics);
    assert_eq!(fourth.status, "CANCELLED");
    assert!(fourth.sequence > third.sequence && fourth.uid == first.uid);
    assert!(
        mails_to(&sink, "seated@example.org").iter().all(|m| !m.subject.starts_with("Cancelled:")),
        "the cancelled registration is not mailed"
    );
    app.stop().await;
    sink.stop();
}

trait Micros {
    fn trunc_subsecs_micros(self) -> Self;
}

impl Micros for DateTime<Utc> {
    fn trunc_subsecs_micros(self) -> Self {
        use chrono::SubsecRound;
        // iCalendar times have whole seconds.
        self.trunc_subsecs(0)
    }
}

#[tokio::test]
async fn reminders_go_to_the_confirmed_once() {
    let (app, sink) = app_with_sink().await;
    let starts = Utc::now() + chrono::Duration::hours(2);
    let times =
        json!({"starts_at": starts.to_rfc3339(), "ends_at": (starts + chrono::Duration::hours(2)).to_rfc3339()});
    let event_id = str_of(&app.create_event(json!({"in_person_capacity": 1})).await, "id");
    app.patch_event(&event_id, times).await;
    let mut seated = registration("seated@example.org", "in_person");
    seated["language"] = json!("en");
    let mut waiting = registration("waiting@example.org", "in_person");
    waiting["language"] = json!("en");
    app.register_body(&event_id, seated).await;
    app.register_body(&event_id, waiting).await;

    // Within 24 hours of the start the worker queues the reminder, once.
    convene::jobs::schedule::queue_due_reminders(&app.db, Utc::now()).await.expect("jobs");
    wait_for_mail(&sink, "seated@example.org", "Reminder:").await;
    convene::jobs::schedule::queue_due_reminders(&app.db, Utc::now()).await.expect("jobs");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let reminders =
        mails_to(&sink, "seated@example.org").into_iter().filter(|m| m.subject.starts_with("Reminder")).count();
    assert_eq!(reminders, 1);
    assert!(
        mails_to(&sink, "waiting@example.org").iter().all(|m| !m.subject.starts_with("Reminder")),
        "confirmed only"
    );
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn at_the_start_those_still_waiting_hear_that_no_seat_freed_up() {
    let (app, sink) = app_with_sink().await;
    let starts = Utc::now() + chrono::Duration::seconds(2);
    let event_id = str_of(
        &app.create_event(json!({"in_person_capacity": 1, "starts_at": starts.to_rfc3339(), "ends_at": (starts + chrono::Duration::hours(2)).to_rfc3339()}))
            .await,
        "id",
    );
    let mut seated = registration("seated@example.org", "in_person");
    seated["language"] = json!("en");
    let mut waiting = registration("waiting@example.org", "in_person");
    waiting["language"] = json!("en");
    app.register_body(&event_id, seated).await;
    let waiting = json(app.register_body(&event_id, waiting).await).await;
    assert_eq!(waiting["status"], "waitlisted");

    tokio::time::sleep_until(tokio::time::Instant::now() + (starts - Utc::now()).to_std().unwrap_or_default()).await;
    convene::jobs::schedule::close_started_waitlists(&app.db, Utc::now()).await.expect("jobs");
    let notice = wait_for_mail(&sink, "waiting@example.org", "No seat freed up").await;
    assert!(notice.text.contains(&str_of(&waiting, "join_url")), "the event is also online");
    convene::jobs::schedule::close_started_waitlists(&app.db, Utc::now()).await.expect("jobs");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let notices =
        mails_to(&sink, "waiting@example.org").into_iter().filter(|m| m.subject.starts_with("No seat")).count();
    assert_eq!(notices, 1);
    assert!(mails_to(&sink, "seated@example.org").iter().all(|m| !m.subject.starts_with("No seat")));
    app.stop().await;
    sink.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_smtp_outage_and_a_restart_lose_no_mail_and_double_none() {
    let port = SmtpSink::unused_port().await;
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::spawn_with({
        let url = url.clone();
        move |c| c.mail.smtp_url = Some(url)
    })
    .await;
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    for i in 0..6 {
        let response = app
            .register(&event_id, &format!("outage{i}@example.org"), if i % 2 == 0 { "online" } else { "in_person" })
            .await;
        assert_eq!(response.status().as_u16(), 201, "registration works while SMTP is down");
    }
    // Let the worker fail at least once, then restart `serve` while the server is still down.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let app = app.restart_with(move |c| c.mail.smtp_url = Some(url)).await;
    let sink = SmtpSink::start_on(port).await;
    let received = sink.wait_for(6, WAIT).await;
    // Give a duplicate every chance to show up.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let received = if sink.messages().len() > received.len() { sink.messages() } else { received };
    let mut ids: Vec<String> = received.iter().map(|r| parse(r).message_id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!((received.len(), ids.len()), (6, 6), "every mail exactly once");
    let list = app.get_json(&format!("/api/v1/events/{event_id}/mails?status=sent"), &app.organizer_token).await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(6));
    app.stop().await;
    sink.stop();
}

#[tokio::test]
async fn a_permanent_rejection_fails_at_once_and_can_be_resent() {
    let (app, sink) = app_with_sink().await;
    sink.reject("typo@example.org");
    let event_id = str_of(&app.create_event(json!({})).await, "id");
    app.register(&event_id, "typo@example.org", "online").await;
    let failed = loop {
        let list = app.get_json(&format!("/api/v1/events/{event_id}/mails?status=failed"), &app.organizer_token).await;
        if let Some(item) = list["items"].as_array().and_then(|a| a.first()).cloned() {
            break item;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(failed["attempts"], 1, "a permanent rejection is not retried");
    assert!(failed["last_error"].as_str().is_some_and(|e| e.contains("550")), "{failed}");
    assert_eq!(failed["recipient"], "typo@example.org");

    sink.accept_again("typo@example.org");
    let resend = app
        .client
        .post(app.url(&format!("/api/v1/events/{event_id}/mails/{}/resend", str_of(&failed, "id"))))
        .bearer_auth(&app.organizer_token)
        .send()
        .await
        .expect("send");
    assert_eq!(resend.status().as_u16(), 202);
    let mail = wait_for_mail(&sink, "typo@example.org", "Votre inscription").await;
    assert!(mail.calendar.is_some(), "the resend is rebuilt with its attachments");
    let checkin = app
        .client
        .get(app.url(&format!("/api/v1/events/{event_id}/mails")))
        .bearer_auth(&app.checkin_token)
        .send()
        .await
        .expect("send");
    assert_eq!(checkin.status().as_u16(), 403);
    app.stop().await;
    sink.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_database_send_each_mail_once() {
    let (first, second, sink) = two_instances_with_sink().await;
    let event_id = str_of(&first.create_event(json!({})).await, "id");
    let registrations = futures::future::join_all((0..30).map(|i| {
        let app = if i % 2 == 0 { &first } else { &second };
        let event_id = event_id.clone();
        async move { app.register(&event_id, &format!("twin{i}@example.org"), "online").await.status().as_u16() }
    }))
    .await;
    assert!(registrations.iter().all(|s| *s == 201));
    sink.wait_for(30, WAIT).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut recipients: Vec<String> = sink.messages().iter().map(|r| parse(r).to).collect();
    assert_eq!(recipients.len(), 30, "no mail twice");
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 30);
    second.stop().await;
    first.stop().await;
    sink.stop();
}
