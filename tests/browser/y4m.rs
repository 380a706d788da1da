//! A Y4M video of a QR code, for Chromium's fake camera (`--use-file-for-fake-video-capture`).
//!
//! Chromium only plays 4:2:0 files: the header `YUV4MPEG2 W.. H.. F10:1 Ip A1:1 C420jpeg`, then
//! frames of `FRAME\n`, the luma plane (one byte per pixel) and the two chroma planes at a
//! quarter size each, all 128 (no colour). The code is drawn black on white, centred, with the
//! standard quiet zone of four modules, and every frame is the same (Chromium loops the file).

use std::io::Write;
use std::path::{Path, PathBuf};

use qrcode::{Color, QrCode};

pub const WIDTH: usize = 640;
pub const HEIGHT: usize = 480;
const FRAMES: usize = 5;
const QUIET_ZONE: usize = 4;

/// Writes a Y4M of a QR code holding `text` into `dir` and returns its path.
pub fn qr_video(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("camera.y4m");
    std::fs::write(&path, qr_y4m(text)).expect("write the Y4M");
    path
}

/// The bytes of a Y4M of a QR code holding `text`.
pub fn qr_y4m(text: &str) -> Vec<u8> {
    let luma = qr_luma(text);
    let chroma = vec![128u8; (WIDTH / 2) * (HEIGHT / 2)];
    let mut out = Vec::with_capacity(64 + FRAMES * (6 + luma.len() + 2 * chroma.len()));
    writeln!(out, "YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg").expect("in memory");
    for _ in 0..FRAMES {
        out.extend_from_slice(b"FRAME\n");
        out.extend_from_slice(&luma);
        out.extend_from_slice(&chroma); // U
        out.extend_from_slice(&chroma); // V
    }
    out
}

/// One luma plane: white, with the code scaled to whole pixels per module and centred.
fn qr_luma(text: &str) -> Vec<u8> {
    let code = QrCode::new(text.as_bytes()).expect("text fits in a QR code");
    let modules = code.width();
    let colors = code.to_colors();
    let scale = HEIGHT.min(WIDTH) * 9 / 10 / (modules + 2 * QUIET_ZONE);
    assert!(scale >= 2, "{text:?} makes a code too dense for {WIDTH}x{HEIGHT}");
    let size = modules * scale;
    let (left, top) = ((WIDTH - size) / 2, (HEIGHT - size) / 2);
    let mut luma = vec![255u8; WIDTH * HEIGHT];
    for y in 0..size {
        for x in 0..size {
            if colors[(y / scale) * modules + x / scale] == Color::Dark {
                luma[(top + y) * WIDTH + left + x] = 0;
            }
        }
    }
    luma
}

#[test]
fn the_file_is_a_header_then_whole_420_frames() {
    let bytes = qr_y4m("CHECKIN:abc");
    let header = b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n";
    assert!(bytes.starts_with(header));
    let frame = 6 + WIDTH * HEIGHT * 3 / 2;
    assert_eq!(bytes.len(), header.len() + FRAMES * frame);
    assert_eq!(&bytes[header.len() + frame..header.len() + frame + 6], b"FRAME\n");
}

#[test]
fn the_luma_plane_decodes_back_to_the_text() {
    let luma = qr_luma("CHECKIN:demo-token-123");
    assert_eq!(luma[0], 255, "the corner is white");
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(WIDTH, HEIGHT, |x, y| luma[y * WIDTH + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code in the frame");
    let (_, text) = grids[0].decode().expect("decodes");
    assert_eq!(text, "CHECKIN:demo-token-123");
}
