//! Who a mail is from, as the organizer identity says (API.md "Organizer identity"): the
//! organization's name as the sender's display name on the configured address, `Reply-To`
//! the contact, `Auto-Submitted`, the signature's name and contact, and the logo inline.

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MessageBuilder, MultiPart, SinglePart};
use minijinja::context;
use sea_orm::{ConnectionTrait, DbErr};

use crate::branding::Branding;
use crate::domain::Language;

/// The identity as a batch of mails uses it, read once per batch.
#[derive(Debug, Clone)]
pub struct Sender {
    /// The configured address (and its name, used when no organization is named).
    pub from: Mailbox,
    pub branding: Branding,
    /// The logo's bytes and media type.
    pub logo: Option<(Vec<u8>, String)>,
}

/// The content id of the inline logo.
pub const LOGO_CID: &str = "org-logo";

impl Sender {
    pub async fn load(db: &impl ConnectionTrait, from: &Mailbox) -> Result<Sender, DbErr> {
        Ok(Sender {
            from: from.clone(),
            branding: crate::branding::load(db).await?,
            logo: crate::branding::logo(db).await?,
        })
    }

    /// A sender naming nobody (tests, and mail built outside a batch).
    pub fn plain(from: &Mailbox) -> Sender {
        Sender { from: from.clone(), branding: Branding::default(), logo: None }
    }

    /// The configured address under the organization's name in `lang`.
    pub fn mailbox(&self, lang: Language) -> Mailbox {
        let name = self.branding.name(lang).map(str::to_owned).or_else(|| self.from.name.clone());
        Mailbox::new(name, self.from.email.clone())
    }

    /// `From`, `Reply-To` (the contact) and `Auto-Submitted` (no person sent it, so no
    /// out-of-office reply is due).
    pub fn envelope(&self, builder: MessageBuilder, lang: Language) -> MessageBuilder {
        let mut builder = builder.from(self.mailbox(lang)).header(AutoSubmitted);
        if let Some(contact) = self.branding.contact_email.as_deref().and_then(|c| c.parse().ok()) {
            let name = self.branding.name(lang).map(str::to_owned);
            builder = builder.reply_to(Mailbox::new(name, contact));
        }
        builder
    }

    /// A mail from this sender to `to`: the envelope, the subject and its Message-ID; the
    /// caller adds the body.
    pub fn addressed(&self, lang: Language, to: Mailbox, subject: String, message_id: String) -> MessageBuilder {
        self.envelope(lettre::Message::builder(), lang).to(to).subject(subject).message_id(Some(message_id))
    }

    /// What the mail templates read: `org_name`, `contact`, `privacy_url`, `has_logo`.
    pub fn template_values(&self, lang: Language) -> minijinja::Value {
        context! {
            org_name => self.branding.name(lang),
            contact => self.branding.contact_email.as_deref(),
            privacy_url => self.branding.privacy_url(lang),
            has_logo => self.logo.is_some(),
        }
    }

    /// The HTML part with its inline images (the logo, and the ticket's QR code when
    /// given), as `multipart/related` with its `type` parameter (RFC 2387).
    pub fn related(&self, html: String, qr: Option<Vec<u8>>) -> anyhow::Result<MultiPart> {
        let boundary = crate::secrets::url_token().replace(['-', '_'], "");
        let content_type =
            ContentType::parse(&format!("multipart/related; boundary=\"{boundary}\"; type=\"text/html\""))?;
        let mut related = MultiPart::builder().header(content_type).singlepart(SinglePart::html(html));
        if let Some((bytes, media_type)) = &self.logo {
            let part = Attachment::new_inline(LOGO_CID.to_owned()).body(bytes.clone(), ContentType::parse(media_type)?);
            related = related.singlepart(part);
        }
        if let Some(png) = qr {
            related = related
                .singlepart(Attachment::new_inline("ticket-qr".to_owned()).body(png, ContentType::parse("image/png")?));
        }
        Ok(related)
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834).
#[derive(Debug, Clone, Copy)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// `List-Unsubscribe: <url>` (RFC 2369): the stop link, offered by the mail client itself.
#[derive(Debug, Clone)]
pub struct ListUnsubscribe(String);

impl From<String> for ListUnsubscribe {
    fn from(value: String) -> Self {
        ListUnsubscribe(value)
    }
}

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(raw: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(raw.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the link stops with one
/// POST, no page in between.
#[derive(Debug, Clone, Copy)]
pub struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}
