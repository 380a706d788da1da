//! Proves the harness end to end: Chromium renders the app's pages, axe-core runs from the app's
//! own `/assets`, and the fake camera feeds a QR code to the vendored jsQR, as the desk will.

use std::time::Duration;

use axum::response::Html;
use axum::routing::get;

use crate::app::TestApp;
use crate::axe::{assert_accessible, serious_violations};
use crate::driver::Browser;
use crate::y4m;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_404_page_renders_in_chromium_and_passes_axe() {
    let app = TestApp::spawn().await;
    let browser = Browser::start().await;

    browser.open(&app.url("/no-such-page")).await;

    assert_eq!(browser.text_of("h1").await, "Page not found");
    assert_eq!(browser.attr_of("html", "lang").await.as_deref(), Some("en"));
    let background = browser.execute("return getComputedStyle(document.body).backgroundColor;", vec![]).await;
    assert_eq!(background.expect("script runs"), "rgb(250, 250, 250)", "/assets/app.css is applied");
    assert_accessible(&browser, "404 page").await;
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_catches_an_image_without_alt_and_an_unlabelled_field() {
    let app = TestApp::spawn().await;
    let browser = Browser::start().await;
    browser.open(&app.url("/no-such-page")).await;

    let broken = "document.querySelector('main').insertAdjacentHTML('beforeend', \
                  '<img src=\"/assets/none.png\"><input type=\"text\" id=\"nameless\">');";
    browser.execute(broken, vec![]).await.expect("page changed");
    let violations = serious_violations(&browser).await;

    let ids: Vec<&str> = violations.iter().map(|v| v.id.as_str()).collect();
    assert!(ids.contains(&"image-alt") && ids.contains(&"label"), "axe found only {ids:?}");
    let label = violations.iter().find(|v| v.id == "label").expect("label violation");
    assert_eq!(label.targets, ["#nameless"]);
    browser.close().await;
    app.stop().await;
}

/// A page like the desk's scanner: camera frames into a canvas, decoded by jsQR from the app.
const CAMERA_PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Camera probe</title>
<script src="APP_BASE/assets/vendor/jsQR.js"></script></head>
<body>
<video id="camera" muted playsinline></video>
<canvas id="frame" hidden></canvas>
<output id="decoded"></output>
<p id="error"></p>
<script>
(async () => {
  const error = document.getElementById('error');
  try {
    if (typeof jsQR !== 'function') throw new Error('jsQR did not load');
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const video = document.getElementById('camera');
    video.srcObject = stream;
    await video.play();
    const canvas = document.getElementById('frame');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const scan = () => {
      if (video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (code) { document.getElementById('decoded').textContent = code.data; return; }
      }
      setTimeout(scan, 50);
    };
    scan();
  } catch (e) {
    error.textContent = e.name + ': ' + e.message;
  }
})();
</script>
</body></html>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_camera_shows_a_qr_code_that_the_vendored_jsqr_decodes() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let video = y4m::qr_video(dir.path(), "CHECKIN:demo-token-123");
    let page = CAMERA_PAGE.replace("APP_BASE", &app.base);
    let probe = serve_page(page).await;
    let browser = Browser::with_fake_camera(&video).await;

    browser.open(&probe).await;
    // The decoded text, or the page's error message if the camera or jsQR failed.
    let decoded = browser.wait_for_text("#decoded:not(:empty), #error:not(:empty)", Duration::from_secs(20)).await;

    assert_eq!(decoded, "CHECKIN:demo-token-123", "the camera page said: {decoded}");
    browser.close().await;
    app.stop().await;
}

/// Serves `html` at `/` from a throwaway server (not the product) and returns its URL.
async fn serve_page(html: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let router = axum::Router::new().route("/", get(move || async move { Html(html) }));
    tokio::spawn(async move {
        axum::serve(listener, router).await.ok();
    });
    format!("http://{address}/")
}
