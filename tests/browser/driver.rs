//! Headless Chromium through ChromeDriver: one `chromedriver` process and one browser profile per
//! [`Browser`], so tests run in parallel without sharing cookies, storage or camera files.
//!
//! ChromeDriver is started with `--port=0` and reports the port it took, so there is no race
//! for a free port. It runs in its own process group; dropping a [`Browser`] (also when a test
//! panics) kills that whole group, Chromium included, before the profile directory is removed.
//! [`Browser::close`] ends the WebDriver session politely first and is what tests should call.
//!
//! Paths default to Debian's packages and can be overridden with `CONVENE_CHROMIUM` and
//! `CONVENE_CHROMEDRIVER`.

use std::io::{BufRead, BufReader};
use std::ops::Deref;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tempfile::TempDir;

/// Without these Chromium tries to reach Google's servers, which this machine's network refuses.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--window-size=1280,900",
];

/// What a test may ask of the browser.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// A Y4M file Chromium plays as its camera (see `y4m.rs`); permission prompts are accepted.
    pub fake_camera: Option<PathBuf>,
    /// The browser's UI language, which becomes `Accept-Language` (`"fr-BE"`, …).
    pub language: Option<String>,
}

/// A WebDriver session on a fresh headless Chromium. Derefs to [`fantoccini::Client`].
pub struct Browser {
    client: Option<Client>,
    driver: ChromeDriver,
    _profile: TempDir,
}

impl Browser {
    /// A browser with no camera and the default (English) language.
    pub async fn start() -> Browser {
        Self::with(Options::default()).await
    }

    /// A browser whose camera shows `y4m`, with getUserMedia allowed without a prompt.
    pub async fn with_fake_camera(y4m: &Path) -> Browser {
        Self::with(Options { fake_camera: Some(y4m.to_owned()), ..Options::default() }).await
    }

    pub async fn with(options: Options) -> Browser {
        let driver = ChromeDriver::start();
        let profile = tempfile::tempdir().expect("profile dir");
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|s| (*s).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        if let Some(y4m) = &options.fake_camera {
            assert!(y4m.is_file(), "fake camera file {} does not exist", y4m.display());
            args.push("--use-fake-ui-for-media-stream".to_owned());
            args.push("--use-fake-device-for-media-stream".to_owned());
            args.push(format!("--use-file-for-fake-video-capture={}", y4m.display()));
        }
        let mut prefs = serde_json::Map::new();
        if let Some(language) = &options.language {
            args.push(format!("--lang={language}"));
            prefs.insert("intl.accept_languages".to_owned(), json!(language));
        }
        let capabilities: Capabilities = serde_json::from_value(json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium_path(), "args": args, "prefs": prefs },
        }))
        .expect("capabilities are a JSON object");
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .unwrap_or_else(|e| panic!("Chromium did not start through {}: {e}", driver.url));
        Browser { client: Some(client), driver, _profile: profile }
    }

    /// Ends the session (Chromium exits), then stops ChromeDriver.
    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            client.close().await.ok();
        }
        self.driver.stop();
    }

    /// Opens `url` and waits for the document to load.
    pub async fn open(&self, url: &str) {
        self.goto(url).await.unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// The visible text of the first element matching `css`; panics if there is none.
    pub async fn text_of(&self, css: &str) -> String {
        let element = self.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no element {css:?}: {e}"));
        element.text().await.unwrap_or_else(|e| panic!("text of {css:?}: {e}"))
    }

    /// An attribute of the first element matching `css` (`None` when it is absent).
    pub async fn attr_of(&self, css: &str, name: &str) -> Option<String> {
        let element = self.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no element {css:?}: {e}"));
        element.attr(name).await.unwrap_or_else(|e| panic!("attribute {name} of {css:?}: {e}"))
    }

    /// Waits until the first element matching `css` holds `needle` (a page that replaces one
    /// with the same element), and returns its text.
    pub async fn wait_for_text_containing(&self, css: &str, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(element) = self.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
                && text.contains(needle)
            {
                return text;
            }
            assert!(Instant::now() < deadline, "no {needle:?} in {css:?} after {timeout:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the first element matching `css` has non-empty text, and returns it.
    pub async fn wait_for_text(&self, css: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(element) = self.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
                && !text.trim().is_empty()
            {
                return text;
            }
            assert!(Instant::now() < deadline, "no text in {css:?} after {timeout:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Deref for Browser {
    type Target = Client;

    fn deref(&self) -> &Client {
        self.client.as_ref().expect("the browser is open until close()")
    }
}

/// A `chromedriver` child process in its own process group.
struct ChromeDriver {
    child: Child,
    url: String,
    stopped: bool,
}

impl ChromeDriver {
    fn start() -> ChromeDriver {
        let path = chromedriver_path();
        let mut child = Command::new(&path)
            .args(["--port=0", "--log-level=WARNING"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {path}: {e}. Install Debian's chromium and chromium-driver (see .ci/run).")
            });
        let stdout = child.stdout.take().expect("piped stdout");
        let (port_tx, port_rx) = mpsc::channel();
        // Reads the port line, then keeps draining stdout so ChromeDriver never blocks on it.
        std::thread::spawn(move || {
            let mut port_tx = Some(port_tx);
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(port) = parse_port(&line)
                    && let Some(tx) = port_tx.take()
                {
                    tx.send(port).ok();
                }
            }
        });
        let mut driver = ChromeDriver { child, url: String::new(), stopped: false };
        match port_rx.recv_timeout(Duration::from_secs(20)) {
            Ok(port) => driver.url = format!("http://127.0.0.1:{port}"),
            Err(_) => panic!("{path} did not report its port within 20 s"),
        }
        driver
    }

    fn stop(&mut self) {
        if std::mem::replace(&mut self.stopped, true) {
            return;
        }
        // The whole group: ChromeDriver and any Chromium it left behind.
        Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status()
            .ok();
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `ChromeDriver was started successfully on port 45889.`
fn parse_port(line: &str) -> Option<u16> {
    let rest = line.split("started successfully on port ").nth(1)?;
    rest.trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()
}

fn chromium_path() -> String {
    std::env::var("CONVENE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

fn chromedriver_path() -> String {
    std::env::var("CONVENE_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned())
}

#[test]
fn the_port_is_read_from_chromedrivers_banner() {
    assert_eq!(parse_port("ChromeDriver was started successfully on port 45889."), Some(45889));
    assert_eq!(parse_port("Only local connections are allowed."), None);
}
