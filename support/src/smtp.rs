//! A real SMTP server on 127.0.0.1: enough of RFC 5321 for lettre (EHLO, MAIL, RCPT, DATA with
//! dot-unstuffing, RSET, NOOP, QUIT). It counts every message it accepts by Message-ID and by
//! recipient, and keeps the messages themselves unless told to only count (the benchmark's
//! 100,000 mails then fit in memory).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// One accepted message: its recipients (lower case) and its data, dot-unstuffed.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

/// How many times each Message-ID and each recipient was seen.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub by_message_id: HashMap<String, u32>,
    pub by_recipient: HashMap<String, u32>,
    pub without_message_id: usize,
    pub bytes: u64,
}

/// How a sink behaves.
#[derive(Debug, Clone, Copy)]
pub struct SinkOptions {
    /// The port to listen on (0: any free one).
    pub port: u16,
    /// Keep each message (`messages()`); otherwise only count them.
    pub keep_messages: bool,
    /// Offer SMTPUTF8 in the EHLO answer (many servers do not).
    pub smtputf8: bool,
}

impl Default for SinkOptions {
    fn default() -> Self {
        SinkOptions { port: 0, keep_messages: true, smtputf8: true }
    }
}

#[derive(Default)]
struct Shared {
    messages: Mutex<Vec<Received>>,
    tally: Mutex<Tally>,
    count: AtomicUsize,
    connections: AtomicUsize,
    rejected: Mutex<HashSet<String>>,
    keep_messages: bool,
    no_smtputf8: AtomicBool,
}

pub struct SmtpSink {
    pub port: u16,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    /// A sink on a free port that keeps every message. Panics when it cannot listen (tests).
    pub async fn start() -> SmtpSink {
        Self::start_with(SinkOptions::default()).await.expect("the SMTP sink listens")
    }

    /// A sink on `port` that keeps every message. Panics when it cannot listen (tests).
    pub async fn start_on(port: u16) -> SmtpSink {
        Self::start_with(SinkOptions { port, ..SinkOptions::default() }).await.expect("the SMTP sink listens")
    }

    /// A sink whose EHLO does not offer SMTPUTF8 (addresses with non-ASCII local parts).
    pub async fn start_without_smtputf8() -> SmtpSink {
        Self::start_with(SinkOptions { smtputf8: false, ..SinkOptions::default() })
            .await
            .expect("the SMTP sink listens")
    }

    pub async fn start_with(options: SinkOptions) -> std::io::Result<SmtpSink> {
        let listener = bind(options.port).await?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared { keep_messages: options.keep_messages, ..Shared::default() });
        shared.no_smtputf8.store(!options.smtputf8, Ordering::Relaxed);
        let state = shared.clone();
        let task = tokio::spawn(async move {
            // Connections live in the set, so stopping the sink closes them too.
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                state.connections.fetch_add(1, Ordering::Relaxed);
                connections.spawn(serve(stream, state.clone()));
            }
        });
        Ok(SmtpSink { port, shared, task })
    }

    /// A free port with nothing listening on it (yet), below the kernel's ephemeral range
    /// (32768 and up here): a port from that range can be taken, while the sink is down, as
    /// the local port of any other test's outgoing connection, and the sink could not return.
    pub async fn unused_port() -> u16 {
        for _ in 0..100 {
            let port = 10_000 + (uuid::Uuid::new_v4().as_u128() % 22_000) as u16;
            if TcpListener::bind(("127.0.0.1", port)).await.is_ok() {
                return port;
            }
        }
        panic!("no free port below the ephemeral range");
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// RCPT TO this address gets `550 no such user`.
    pub fn reject(&self, address: &str) {
        locked(&self.shared.rejected).insert(address.to_lowercase());
    }

    pub fn accept_again(&self, address: &str) {
        locked(&self.shared.rejected).remove(&address.to_lowercase());
    }

    /// The messages accepted so far (none when the sink only counts).
    pub fn messages(&self) -> Vec<Received> {
        locked(&self.shared.messages).clone()
    }

    /// How many messages were accepted so far.
    pub fn count(&self) -> usize {
        self.shared.count.load(Ordering::Relaxed)
    }

    /// How many connections clients opened so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::Relaxed)
    }

    pub fn tally(&self) -> Tally {
        locked(&self.shared.tally).clone()
    }

    /// Waits until at least `n` messages arrived; how long that took, or `None` after `limit`.
    pub async fn wait_for_count(&self, n: usize, limit: Duration) -> Option<Duration> {
        let started = Instant::now();
        while self.count() < n {
            if started.elapsed() > limit {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Some(started.elapsed())
    }

    /// Waits until at least `n` messages arrived and returns them; panics after `limit` (tests).
    pub async fn wait_for(&self, n: usize, limit: Duration) -> Vec<Received> {
        if self.wait_for_count(n, limit).await.is_none() {
            panic!("only {} of {n} mails arrived within {limit:?}", self.count());
        }
        self.messages()
    }

    /// Stops listening and closes every open connection.
    pub fn stop(self) {
        self.task.abort();
    }
}

/// Listens on `port`; a port a stopped sink just left may take a moment to be free again (its
/// listening task ends at its next turn on the runtime).
async fn bind(port: u16) -> std::io::Result<TcpListener> {
    let started = Instant::now();
    loop {
        match TcpListener::bind(("127.0.0.1", port)).await {
            Err(e)
                if port != 0
                    && e.kind() == std::io::ErrorKind::AddrInUse
                    && started.elapsed() < Duration::from_secs(5) =>
            {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            bound => return bound,
        }
    }
}

/// A lock that a panicking test thread cannot make unusable for the others.
fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The Message-ID from a header block (folded lines unfolded).
fn message_id(headers: &str) -> Option<String> {
    let unfolded = headers.replace("\r\n ", " ").replace("\r\n\t", " ").replace("\n ", " ");
    unfolded.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("message-id").then(|| value.trim().to_owned())
    })
}

/// The header block of a message: everything before the first empty line.
fn headers_of(data: &[u8]) -> String {
    let end = data.windows(4).position(|w| w == b"\r\n\r\n").or_else(|| data.windows(2).position(|w| w == b"\n\n"));
    String::from_utf8_lossy(&data[..end.unwrap_or(data.len())]).into_owned()
}

impl Shared {
    fn accept(&self, to: Vec<String>, data: Vec<u8>) {
        {
            let mut tally = locked(&self.tally);
            match message_id(&headers_of(&data)) {
                Some(id) => *tally.by_message_id.entry(id).or_default() += 1,
                None => tally.without_message_id += 1,
            }
            for recipient in &to {
                *tally.by_recipient.entry(recipient.clone()).or_default() += 1;
            }
            tally.bytes += data.len() as u64;
        }
        if self.keep_messages {
            locked(&self.messages).push(Received { to, data });
        }
        // Counted last: whoever waits for `n` messages then finds them in the tally and the list.
        self.count.fetch_add(1, Ordering::Release);
    }
}

async fn serve(stream: TcpStream, shared: Arc<Shared>) {
    stream.set_nodelay(true).ok();
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let mut to = Vec::new();
    if write.write_all(b"220 sink.test ESMTP\r\n").await.is_err() {
        return;
    }
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            if shared.no_smtputf8.load(Ordering::Relaxed) {
                b"250-sink.test\r\n250 8BITMIME\r\n"
            } else {
                b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
            }
        } else if command.starts_with("HELO") || command.starts_with("NOOP") {
            b"250 ok\r\n"
        } else if command.starts_with("MAIL FROM") {
            to.clear();
            b"250 ok\r\n"
        } else if command.starts_with("RCPT TO") {
            let address = line.trim_end().get(8..).unwrap_or("").trim().trim_start_matches('<').to_lowercase();
            let address = address.split('>').next().unwrap_or("").to_owned();
            if locked(&shared.rejected).contains(&address) {
                b"550 5.1.1 no such user\r\n"
            } else {
                to.push(address);
                b"250 ok\r\n"
            }
        } else if command == "DATA" {
            if write.write_all(b"354 go ahead\r\n").await.is_err() {
                return;
            }
            let mut data = Vec::new();
            loop {
                let mut raw = Vec::new();
                match lines.read_until(b'\n', &mut raw).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                if raw == b".\r\n" || raw == b".\n" {
                    break;
                }
                let unstuffed = if raw.starts_with(b"..") { &raw[1..] } else { &raw[..] };
                data.extend_from_slice(unstuffed);
            }
            shared.accept(std::mem::take(&mut to), data);
            b"250 queued\r\n"
        } else if command.starts_with("RSET") {
            to.clear();
            b"250 ok\r\n"
        } else if command.starts_with("QUIT") {
            let _ = write.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"502 not implemented\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{headers_of, message_id};

    #[test]
    fn finds_a_folded_message_id_in_the_headers_only() {
        let h = "Subject: x\r\nMessage-ID:\r\n <abc@host>\r\nTo: a@b\r\n";
        assert_eq!(message_id(h).as_deref(), Some("<abc@host>"));
        assert_eq!(message_id("Subject: x\r\n"), None);
        let mail = b"Subject: x\r\n\r\nMessage-ID: <in-the-body@host>\r\n";
        assert_eq!(message_id(&headers_of(mail)), None, "a body line is not a header");
    }
}
