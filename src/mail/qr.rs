//! The ticket's QR code as a PNG: mail clients block SVG images, so mails carry a PNG.

use qrcode::{Color, EcLevel, QrCode};

/// Pixels per module, and the quiet zone in modules around the code.
const SCALE: usize = 8;
const QUIET: usize = 4;

/// A black-on-white PNG whose QR code holds exactly `text`.
pub fn png(text: &str) -> anyhow::Result<Vec<u8>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    // One bit per pixel (1 is white): an eighth of the bytes to compress of 8-bit grayscale.
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xffu8; row_bytes * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (mx, my) = (i % modules + QUIET, i / modules + QUIET);
            for dy in 0..SCALE {
                let row = &mut pixels[(my * SCALE + dy) * row_bytes..][..row_bytes];
                for x in mx * SCALE..mx * SCALE + SCALE {
                    row[x / 8] &= !(0x80 >> (x % 8));
                }
            }
        }
    }
    let mut out = Vec::new();
    let size = u32::try_from(side)?;
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_png_is_a_square_grayscale_image() {
        let bytes = super::png("5P77CT7AAEN6E92XY643FZEWPV").unwrap_or_default();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().map(|r| (r.info().width, r.info().height));
        assert!(matches!(reader, Ok((w, h)) if w == h && w > 100));
    }
}
