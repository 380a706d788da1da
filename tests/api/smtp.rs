//! A real SMTP server inside the test process: enough of RFC 5321 for lettre (EHLO, MAIL,
//! RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT), recording every message it accepts.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    messages: Mutex<Vec<Received>>,
    rejected: Mutex<HashSet<String>>,
    /// Leave SMTPUTF8 out of the EHLO answer, as many servers do.
    no_smtputf8: std::sync::atomic::AtomicBool,
}

pub struct SmtpSink {
    pub port: u16,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        Self::start_on(0).await
    }

    /// A sink whose EHLO does not offer SMTPUTF8 (addresses with non-ASCII local parts).
    pub async fn start_without_smtputf8() -> SmtpSink {
        let sink = Self::start_on(0).await;
        sink.shared.no_smtputf8.store(true, std::sync::atomic::Ordering::Relaxed);
        sink
    }

    pub async fn start_on(port: u16) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind SMTP sink");
        let port = listener.local_addr().expect("addr").port();
        let shared = Arc::new(Shared::default());
        let state = shared.clone();
        let task = tokio::spawn(async move {
            // Connections live in the set, so stopping the sink closes them too.
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                connections.spawn(serve(stream, state.clone()));
            }
        });
        SmtpSink { port, shared, task }
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
        self.shared.rejected.lock().expect("lock").insert(address.to_lowercase());
    }

    pub fn accept_again(&self, address: &str) {
        self.shared.rejected.lock().expect("lock").remove(&address.to_lowercase());
    }

    pub fn messages(&self) -> Vec<Received> {
        self.shared.messages.lock().expect("lock").clone()
    }

    /// Waits until at least `n` messages arrived (or panics after `limit`).
    pub async fn wait_for(&self, n: usize, limit: Duration) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            assert!(started.elapsed() < limit, "only {} of {n} mails arrived within {limit:?}", messages.len());
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub fn stop(self) {
        self.task.abort();
    }
}

async fn serve(stream: TcpStream, shared: Arc<Shared>) {
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
            if shared.no_smtputf8.load(std::sync::atomic::Ordering::Relaxed) {
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
            let address = line.trim_end()[8..].trim().trim_start_matches('<').trim_end_matches('>').to_lowercase();
            let address = address.split('>').next().unwrap_or("").to_owned();
            if shared.rejected.lock().expect("lock").contains(&address) {
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
            shared.messages.lock().expect("lock").push(Received { to: std::mem::take(&mut to), data });
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
