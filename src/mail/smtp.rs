//! SMTP connections opened by Convene for `smtp://` servers, kept for the next mail.
//!
//! lettre's own transport opens its sockets without `TCP_NODELAY`; it writes a mail's body and
//! then, apart, the final `<CRLF>.<CRLF>`, which Nagle's algorithm holds until the server
//! acknowledges the body, and servers delay that acknowledgement (40 ms on Linux). Every mail
//! waited 40 ms for nothing: 8 sends at once made 160–165 mails/s on loopback, and one at a
//! time, as with `CONVENE_MAIL_RATE`, at most 24. Here the socket is ours, with `TCP_NODELAY`,
//! and lettre's connection speaks SMTP on it (`connect_with_transport`: EHLO, STARTTLS, AUTH,
//! the mail). `smtps://` (TLS from the first byte) stays with lettre's transport: lettre has no
//! public way to start its TLS on a socket of ours before the greeting.

use std::borrow::Cow;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;

/// At most this many connections wait for the next mail (lettre's pool keeps 10 too).
const MAX_IDLE: usize = 10;
/// A connection idle for longer is closed rather than reused (lettre's default, 60 s).
const IDLE_FOR: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StartTls {
    No,
    /// `?tls=opportunistic`: when the server offers it.
    Opportunistic,
    /// `?tls=required`: the mail is not sent in clear.
    Required,
}

/// What `smtp://[user:password@]host[:port][/ehlo-name][?tls=required|opportunistic]` names,
/// read as lettre reads it (port 25, or 587 with `tls`; the password percent-decoded).
#[derive(Clone)]
pub struct SmtpServer {
    host: String,
    port: u16,
    starttls: StartTls,
    credentials: Option<Credentials>,
    hello: ClientId,
}

impl std::fmt::Debug for SmtpServer {
    // The credentials stay out of logs and panics.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "smtp://{}:{} ({:?})", self.host, self.port, self.starttls)
    }
}

impl SmtpServer {
    /// The server of an `smtp://` URL; `None` for `smtps://`, an error for anything else.
    pub fn from_url(url: &str) -> Result<Option<SmtpServer>, String> {
        let parsed = url::Url::parse(url).map_err(|e| e.to_string())?;
        if parsed.scheme() == "smtps" {
            return Ok(None);
        }
        let tls = parsed.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
        let starttls = match (parsed.scheme(), tls.as_deref()) {
            ("smtp", None) => StartTls::No,
            ("smtp", Some("opportunistic")) => StartTls::Opportunistic,
            ("smtp", Some("required")) => StartTls::Required,
            (scheme, tls) => return Err(format!("unknown scheme {scheme:?} or tls parameter {tls:?}")),
        };
        let host = parsed.host_str().filter(|h| !h.is_empty()).ok_or("no host")?.to_owned();
        let port = parsed.port().unwrap_or(if starttls == StartTls::No { 25 } else { 587 });
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s).decode_utf8().map(Cow::into_owned).map_err(|e| e.to_string())
        };
        let credentials = match parsed.password() {
            Some(password) => Some(Credentials::new(decode(parsed.username())?, decode(password)?)),
            None => None,
        };
        let name = parsed.path().trim_matches('/');
        let hello = if name.is_empty() { ClientId::default() } else { ClientId::Domain(name.to_owned()) };
        Ok(Some(SmtpServer { host, port, starttls, credentials, hello }))
    }
}

/// Why a send through [`Connections`] failed.
#[derive(Debug)]
pub enum SmtpError {
    /// What lettre said: a reply of the server, or a connection or TLS error.
    Smtp(lettre::transport::smtp::Error),
    /// The server did not answer within the time allowed.
    TimedOut,
    /// The server could not be reached.
    Connect(std::io::Error),
}

impl std::fmt::Display for SmtpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SmtpError::Smtp(e) => write!(f, "{e}"),
            SmtpError::TimedOut => write!(f, "the mail server did not answer in time"),
            SmtpError::Connect(e) => write!(f, "cannot connect to the mail server: {e}"),
        }
    }
}

impl From<lettre::transport::smtp::Error> for SmtpError {
    fn from(e: lettre::transport::smtp::Error) -> Self {
        SmtpError::Smtp(e)
    }
}

/// Connections to one server, each used by one mail at a time and kept for the next.
pub struct Connections {
    server: SmtpServer,
    timeout: Duration,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl Connections {
    /// `timeout` bounds connecting and each mail's whole exchange.
    pub fn new(server: SmtpServer, timeout: Duration) -> Connections {
        Connections { server, timeout, idle: Mutex::new(Vec::new()) }
    }

    /// Sends one mail on a kept connection that still answers (NOOP), or on a new one.
    pub async fn send(&self, envelope: &Envelope, message: &[u8]) -> Result<(), SmtpError> {
        let mut connection = match self.kept().await {
            Some(connection) => connection,
            None => tokio::time::timeout(self.timeout, self.connect()).await.map_err(|_| SmtpError::TimedOut)??,
        };
        match tokio::time::timeout(self.timeout, connection.send(envelope, message)).await {
            Ok(Ok(_)) => {
                self.keep(connection);
                Ok(())
            }
            // lettre closes the connection on any error, a refused recipient included.
            Ok(Err(e)) => Err(e.into()),
            Err(_) => Err(SmtpError::TimedOut),
        }
    }

    /// A kept connection that answers NOOP, the stale ones closed on the way.
    async fn kept(&self) -> Option<AsyncSmtpConnection> {
        loop {
            let (mut connection, since) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop()?;
            if since.elapsed() < IDLE_FOR
                && tokio::time::timeout(self.timeout, connection.test_connected()).await.unwrap_or(false)
            {
                return Some(connection);
            }
        }
    }

    fn keep(&self, connection: AsyncSmtpConnection) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push((connection, Instant::now()));
        }
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SmtpError> {
        let server = &self.server;
        let socket =
            tokio::net::TcpStream::connect((server.host.as_str(), server.port)).await.map_err(SmtpError::Connect)?;
        socket.set_nodelay(true).map_err(SmtpError::Connect)?;
        let mut connection = AsyncSmtpConnection::connect_with_transport(Box::new(socket), &server.hello).await?;
        let offered = connection.can_starttls();
        if server.starttls == StartTls::Required || (server.starttls == StartTls::Opportunistic && offered) {
            let parameters = TlsParameters::new(server.host.clone())?;
            connection.starttls(parameters, &server.hello).await?;
        }
        if let Some(credentials) = &server.credentials {
            connection.auth(DEFAULT_MECHANISMS, credentials).await?;
        }
        Ok(connection)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use convene_test_support::smtp::SmtpSink;
    use lettre::address::Envelope;

    use super::{Connections, SmtpError, SmtpServer, StartTls};

    fn server(url: &str) -> SmtpServer {
        SmtpServer::from_url(url).expect("valid").expect("an smtp:// server")
    }

    #[test]
    fn an_smtp_url_reads_as_lettre_reads_it() {
        let plain = server("smtp://127.0.0.1:2525");
        assert_eq!((plain.host.as_str(), plain.port, plain.starttls), ("127.0.0.1", 2525, StartTls::No));
        assert!(plain.credentials.is_none());
        assert_eq!(server("smtp://relay.example.org").port, 25);
        let submission =
            server("smtp://mailer%40example.org:p%40ss%20w@mail.example.org/convene.example.org?tls=required");
        assert_eq!((submission.port, submission.starttls), (587, StartTls::Required));
        assert!(submission.credentials.is_some());
        assert_eq!(submission.hello.to_string(), "convene.example.org");
        assert!(!format!("{submission:?}").contains("p@ss"), "the password stays out of Debug");
        assert_eq!(server("smtp://m.example.org:2587?tls=opportunistic").starttls, StartTls::Opportunistic);
        assert!(SmtpServer::from_url("smtps://u:p@mail.example.org").expect("valid").is_none());
        assert!(SmtpServer::from_url("smtp://m.example.org?tls=sometimes").is_err());
        assert!(SmtpServer::from_url("http://m.example.org").is_err());
        assert!(SmtpServer::from_url("not a url").is_err());
    }

    fn envelope(to: &str) -> Envelope {
        let from = "convene@example.org".parse().expect("from");
        Envelope::new(Some(from), vec![to.parse().expect("to")]).expect("envelope")
    }

    const MAIL: &[u8] = b"Message-ID: <m@example.org>\r\nSubject: Test\r\n\r\nHello.\r\n";

    #[tokio::test]
    async fn mails_go_one_after_the_other_on_one_kept_connection_and_a_dead_one_is_replaced() {
        let sink = SmtpSink::start().await;
        let connections = Connections::new(server(&sink.url()), Duration::from_secs(10));
        for i in 0..5 {
            connections.send(&envelope(&format!("p{i}@example.org")), MAIL).await.expect("sent");
        }
        assert_eq!((sink.count(), sink.connections()), (5, 1), "five mails on one connection");

        // A refused recipient fails for good; lettre closes that connection, the next mail opens one.
        sink.reject("gone@example.org");
        let refused = connections.send(&envelope("gone@example.org"), MAIL).await;
        assert!(matches!(&refused, Err(SmtpError::Smtp(e)) if e.is_permanent()), "{refused:?}");
        connections.send(&envelope("p5@example.org"), MAIL).await.expect("sent");
        assert_eq!((sink.count(), sink.connections()), (6, 2));

        // The server restarts: the kept connection no longer answers NOOP and is replaced.
        let port = sink.port;
        sink.stop();
        let sink = SmtpSink::start_on(port).await;
        connections.send(&envelope("p6@example.org"), MAIL).await.expect("sent after the restart");
        assert_eq!((sink.count(), sink.connections()), (1, 1));
        sink.stop();
        let down = connections.send(&envelope("p7@example.org"), MAIL).await;
        assert!(matches!(down, Err(SmtpError::Connect(_))), "nothing listens: {down:?}");
    }
}
