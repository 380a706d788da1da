//! An SMTP sink on 127.0.0.1 inside the benchmark (the same dialogue as tests/api/smtp.rs:
//! EHLO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT). It keeps no bodies, only
//! how many times each Message-ID and each recipient was seen, so 100,000 mails fit in memory.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub by_message_id: HashMap<String, u32>,
    pub by_recipient: HashMap<String, u32>,
    pub without_message_id: usize,
    pub bytes: u64,
}

#[derive(Default)]
struct Shared {
    tally: Mutex<Tally>,
    count: AtomicUsize,
}

pub struct SmtpSink {
    pub port: u16,
    shared: Arc<Shared>,
}

impl SmtpSink {
    pub async fn start() -> anyhow::Result<SmtpSink> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared::default());
        let state = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, state.clone()));
            }
        });
        Ok(SmtpSink { port, shared })
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Messages accepted so far.
    pub fn count(&self) -> usize {
        self.shared.count.load(Ordering::Relaxed)
    }

    pub fn tally(&self) -> Tally {
        self.shared.tally.lock().map(|t| t.clone()).unwrap_or_default()
    }

    /// Waits until `n` messages arrived; the time it took, or `None` after `limit`.
    pub async fn wait_for(&self, n: usize, limit: Duration) -> Option<Duration> {
        let started = Instant::now();
        while self.count() < n {
            if started.elapsed() > limit {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Some(started.elapsed())
    }
}

/// The Message-ID from a header block (folded lines unfolded).
fn message_id(headers: &str) -> Option<String> {
    let unfolded = headers.replace("\r\n ", " ").replace("\r\n\t", " ").replace("\n ", " ");
    unfolded.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("message-id").then(|| value.trim().to_owned())
    })
}

async fn serve(stream: TcpStream, shared: Arc<Shared>) {
    stream.set_nodelay(true).ok();
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let mut to: Vec<String> = Vec::new();
    if write.write_all(b"220 sink.bench ESMTP\r\n").await.is_err() {
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
            b"250-sink.bench\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if command.starts_with("HELO") || command.starts_with("NOOP") {
            b"250 ok\r\n"
        } else if command.starts_with("MAIL FROM") {
            to.clear();
            b"250 ok\r\n"
        } else if command.starts_with("RCPT TO") {
            let address = line.trim_end().get(8..).unwrap_or("").trim().trim_start_matches('<').to_lowercase();
            to.push(address.split('>').next().unwrap_or("").to_owned());
            b"250 ok\r\n"
        } else if command == "DATA" {
            if write.write_all(b"354 go ahead\r\n").await.is_err() {
                return;
            }
            let mut headers = String::new();
            let mut in_headers = true;
            let mut bytes = 0u64;
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
                bytes += unstuffed.len() as u64;
                if in_headers {
                    if unstuffed == b"\r\n" || unstuffed == b"\n" {
                        in_headers = false;
                    } else {
                        headers.push_str(&String::from_utf8_lossy(unstuffed));
                    }
                }
            }
            if let Ok(mut tally) = shared.tally.lock() {
                match message_id(&headers) {
                    Some(id) => *tally.by_message_id.entry(id).or_default() += 1,
                    None => tally.without_message_id += 1,
                }
                for rcpt in to.drain(..) {
                    *tally.by_recipient.entry(rcpt).or_default() += 1;
                }
                tally.bytes += bytes;
            }
            shared.count.fetch_add(1, Ordering::Relaxed);
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
    use super::message_id;

    #[test]
    fn finds_a_folded_message_id() {
        let h = "Subject: x\r\nMessage-ID:\r\n <abc@host>\r\nTo: a@b\r\n";
        assert_eq!(message_id(h).as_deref(), Some("<abc@host>"));
        assert_eq!(message_id("Subject: x\r\n"), None);
    }
}
