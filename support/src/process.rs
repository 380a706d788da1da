//! The `convene` binary as a child process: one CLI command, or `convene serve` until stopped.

use std::ffi::OsString;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// What `convene serve` prints once it accepts connections, followed by its base URL.
const LISTENING: &str = "Convene listening on ";

/// The binary and the database it runs on.
#[derive(Debug, Clone)]
pub struct Convene {
    bin: PathBuf,
    database_url: String,
    secret_key: Option<String>,
}

/// What one CLI command did.
#[derive(Debug)]
pub struct Ran {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Convene {
    pub fn new(bin: impl Into<PathBuf>, database_url: &str) -> Convene {
        Convene { bin: bin.into(), database_url: database_url.to_owned(), secret_key: None }
    }

    /// `CONVENE_SECRET_KEY` for every command and server (PostgreSQL and MariaDB need one
    /// given; on SQLite Convene otherwise keeps one beside the file).
    pub fn with_secret_key(mut self, key: &str) -> Convene {
        self.secret_key = Some(key.to_owned());
        self
    }

    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// The binary, or `wrap` running it, with the database and key in its environment.
    fn command(&self, wrap: &[String]) -> Command {
        let mut command = match wrap.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(&self.bin);
                c
            }
            None => Command::new(&self.bin),
        };
        command.env("DATABASE_URL", &self.database_url).env("NO_COLOR", "1");
        if let Some(key) = &self.secret_key {
            command.env("CONVENE_SECRET_KEY", key);
        }
        command
    }

    /// Runs `convene ARGS`, with `stdin` written to it when given.
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> anyhow::Result<Ran> {
        let mut child = self
            .command(&[])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot run {}", self.bin.display()))?;
        let input = child.stdin.take();
        if let (Some(text), Some(mut pipe)) = (stdin, input) {
            pipe.write_all(text.as_bytes())?;
        }
        let out = child.wait_with_output()?;
        Ok(Ran {
            success: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        })
    }

    /// Runs `convene ARGS` and returns what it printed on stdout; an error with its stderr
    /// when it fails.
    pub fn ok(&self, args: &[&str], stdin: Option<&str>) -> anyhow::Result<String> {
        let ran = self.run(args, stdin)?;
        if !ran.success {
            bail!("convene {args:?} failed: {}", ran.stderr);
        }
        Ok(ran.stdout)
    }

    /// `convene serve` on 127.0.0.1, with no mail server, base URL or log settings from the
    /// caller's environment; [`Serve::env`] adds more.
    pub fn serve(&self) -> Serve {
        Serve { convene: self.clone(), env: Vec::new(), wrap: Vec::new(), dir: None, log: None }
    }
}

/// How to start `convene serve`.
pub struct Serve {
    convene: Convene,
    env: Vec<(OsString, OsString)>,
    wrap: Vec<String>,
    dir: Option<PathBuf>,
    log: Option<PathBuf>,
}

impl Serve {
    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Serve {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs the server under this command (a profiler), e.g. `["perf", "record", "-g"]`.
    pub fn wrapped_in(mut self, wrap: &[String]) -> Serve {
        self.wrap = wrap.to_vec();
        self
    }

    /// The server's working directory.
    pub fn in_dir(mut self, dir: &Path) -> Serve {
        self.dir = Some(dir.to_path_buf());
        self
    }

    /// Sends the server's output straight to this file, not through this process: a
    /// benchmark's load generator then spends nothing on it.
    pub fn log_to(mut self, file: &Path) -> Serve {
        self.log = Some(file.to_path_buf());
        self
    }

    /// Starts the server and returns at once; [`Served::wait_listening`] waits for it.
    pub fn spawn(self) -> anyhow::Result<Served> {
        let mut command = self.convene.command(&self.wrap);
        command
            .arg("serve")
            .env_remove("SMTP_URL")
            .env_remove("CONVENE_BASE_URL")
            .env_remove("CONVENE_LOG_FORMAT")
            .env_remove("CONVENE_RATE_LIMIT_REGISTER")
            .env_remove("RUST_LOG")
            .env("CONVENE_MAIL_DIR", std::env::temp_dir().join("convene-test-mail"))
            .stdin(Stdio::null());
        if let Some(dir) = &self.dir {
            command.current_dir(dir);
        }
        // Written to a file, the output cannot announce the port: one is chosen here instead.
        let chosen = match &self.log {
            Some(_) => Some(SocketAddr::from(([127, 0, 0, 1], TcpListener::bind("127.0.0.1:0")?.local_addr()?.port()))),
            None => None,
        };
        command.env("CONVENE_BIND", chosen.map_or_else(|| "127.0.0.1:0".to_owned(), |a| a.to_string()));
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        let output = Arc::new(Mutex::new(Vec::new()));
        let (announced, announcement) = std::sync::mpsc::channel();
        let mut child = match &self.log {
            Some(path) => {
                let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
                command.stdout(Stdio::from(file.try_clone()?)).stderr(Stdio::from(file));
                command.spawn()
            }
            None => command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn(),
        }
        .with_context(|| format!("cannot start {}", self.convene.bin.display()))?;
        let streams = [
            child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
            child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
        ];
        for stream in streams.into_iter().flatten() {
            let (output, announced) = (output.clone(), announced.clone());
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let Some(url) = line.strip_prefix(LISTENING) {
                        announced.send(url.trim().to_owned()).ok();
                    }
                    output.lock().unwrap_or_else(|p| p.into_inner()).push(line);
                }
            });
        }
        Ok(Served { pid: child.id(), child, chosen, announcement, base: None, output, log: self.log })
    }

    /// Starts the server and waits (a minute at most) until it accepts connections.
    pub fn start(self) -> anyhow::Result<Served> {
        let mut served = self.spawn()?;
        served.wait_listening(Duration::from_secs(60))?;
        Ok(served)
    }
}

/// A running `convene serve`, killed when dropped.
pub struct Served {
    child: Child,
    pub pid: u32,
    chosen: Option<SocketAddr>,
    announcement: Receiver<String>,
    base: Option<String>,
    output: Arc<Mutex<Vec<String>>>,
    log: Option<PathBuf>,
}

impl Served {
    /// Waits until the server accepts connections; its base URL (`http://127.0.0.1:PORT`).
    pub fn wait_listening(&mut self, limit: Duration) -> anyhow::Result<String> {
        if let Some(base) = &self.base {
            return Ok(base.clone());
        }
        let started = Instant::now();
        loop {
            if let Some(addr) = self.chosen {
                if TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_ok() {
                    break self.listening(format!("http://{addr}"));
                }
                std::thread::sleep(Duration::from_millis(1));
            } else {
                match self.announcement.recv_timeout(Duration::from_millis(50)) {
                    Ok(url) => break self.listening(url),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => bail!("convene serve closed its output: {}", self.logs()),
                }
            }
            if let Some(status) = self.child.try_wait()? {
                bail!("convene serve exited ({status}) before it listened: {}", self.logs());
            }
            if started.elapsed() > limit {
                bail!("convene serve did not listen within {limit:?}: {}", self.logs());
            }
        }
    }

    fn listening(&mut self, base: String) -> anyhow::Result<String> {
        self.base = Some(base.clone());
        Ok(base)
    }

    /// The base URL, once [`wait_listening`](Self::wait_listening) returned it.
    pub fn base(&self) -> &str {
        self.base.as_deref().unwrap_or("http://127.0.0.1:0")
    }

    /// The address it listens on, once known.
    pub fn addr(&self) -> Option<SocketAddr> {
        self.base.as_deref()?.strip_prefix("http://")?.trim_end_matches('/').parse().ok()
    }

    /// Everything the server printed so far.
    pub fn logs(&self) -> String {
        match &self.log {
            Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
            None => self.output.lock().map(|o| o.join("\n")).unwrap_or_default(),
        }
    }

    /// The lines of its output that report an error or a panic.
    pub fn error_lines(&self) -> Vec<String> {
        self.logs().lines().filter(|l| l.contains("ERROR") || l.contains("panicked")).map(str::to_owned).collect()
    }

    /// The path of its log file, when its output goes to one.
    pub fn log_file(&self) -> Option<&Path> {
        self.log.as_deref()
    }

    /// Sends a signal by name (`TERM`, `KILL`, `HUP`).
    pub fn signal(&self, signal: &str) -> anyhow::Result<()> {
        let status = Command::new("kill").arg(format!("-{signal}")).arg(self.pid.to_string()).status()?;
        if !status.success() {
            bail!("kill -{signal} {} failed", self.pid);
        }
        Ok(())
    }

    /// SIGKILL, as a crash or `kill -9` would, and waits for the process to end.
    pub fn kill(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }

    /// Waits up to `limit` for the process to end; its exit status, or `None` if it still runs.
    pub async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if started.elapsed() >= limit {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// SIGTERM, then waits up to `limit` for the exit (killing it after that); how long it
    /// took and the exit status (`None`: it had to be killed).
    pub async fn stop(mut self, limit: Duration) -> anyhow::Result<(Duration, Option<ExitStatus>)> {
        let started = Instant::now();
        self.signal("TERM")?;
        let status = self.wait_exit(limit).await;
        Ok((started.elapsed(), status))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.child.kill().ok();
        }
        self.child.wait().ok();
    }
}
