//! QR codes: the ticket's as a PNG for mails (their clients block SVG images), and any text's
//! as an SVG data URL for pages.

use fast_qr::{ECL, QRBuilder, QRCode};

/// Pixels per module, and the quiet zone in modules around the code.
const SCALE: usize = 8;
const QUIET: usize = 4;

/// The QR code of `text` at error correction level M (15% of the code may be damaged).
/// `fast_qr` picks the best mask several times faster than the `qrcode` crate did: the
/// ticket's QR code was the largest cost in composing a confirmation mail.
pub fn code(text: &str) -> anyhow::Result<QRCode> {
    Ok(QRBuilder::new(text.as_bytes()).ecl(ECL::M).build()?)
}

/// The QR code of `text` as an SVG data URL, for pages (mails carry a PNG: their clients
/// block SVG images).
pub fn svg_data_url(text: &str) -> Option<String> {
    use base64::Engine;
    use fast_qr::convert::{Builder, svg::SvgBuilder};
    let svg = SvgBuilder::default().margin(4).to_str(&code(text).ok()?);
    Some(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
}

/// A black-on-white PNG whose QR code holds exactly `text`.
pub fn png(text: &str) -> anyhow::Result<Vec<u8>> {
    let code = code(text)?;
    let modules = code.size;
    let side = (modules + 2 * QUIET) * SCALE;
    // One bit per pixel (1 is white): an eighth of the bytes to compress of 8-bit grayscale.
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xffu8; row_bytes * side];
    for my in 0..modules {
        // A row of modules is SCALE identical rows of pixels: drawn once, then copied.
        let first = (my + QUIET) * SCALE * row_bytes;
        let row = &mut pixels[first..first + row_bytes];
        for (mx, module) in code[my].iter().enumerate() {
            if module.value() {
                for x in (mx + QUIET) * SCALE..(mx + QUIET + 1) * SCALE {
                    row[x / 8] &= !(0x80 >> (x % 8));
                }
            }
        }
        for dy in 1..SCALE {
            pixels.copy_within(first..first + row_bytes, first + dy * row_bytes);
        }
    }
    let mut out = Vec::new();
    let size = u32::try_from(side)?;
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    // Filters do not help a two-colour image: without them it is smaller (297 bytes, not 391)
    // and made in 117 µs, not 165 (the fast deflate: 85 µs, but 3,119 bytes).
    encoder.set_compression(png::Compression::Balanced);
    encoder.set_filter(png::Filter::NoFilter);
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
        assert!(bytes.len() < 400, "a small attachment: {} bytes", bytes.len());
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().map(|r| (r.info().width, r.info().height));
        assert!(matches!(reader, Ok((w, h)) if w == h && w > 100));
    }

    /// Each module is SCALE × SCALE pixels of its colour, inside a white quiet zone.
    #[test]
    fn the_png_draws_every_module_of_the_code() {
        use super::{QUIET, SCALE};
        let text = "5P77CT7AAEN6E92XY643FZEWPV";
        let code = super::code(text).expect("code");
        let bytes = super::png(text).unwrap_or_default();
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().expect("header");
        let mut image = vec![0; reader.output_buffer_size().unwrap_or_default()];
        let info = reader.next_frame(&mut image).expect("frame");
        let side = info.width as usize;
        assert_eq!(side, (code.size + 2 * QUIET) * SCALE);
        let dark = |x: usize, y: usize| image[y * info.line_size + x] < 128;
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = ((x / SCALE).wrapping_sub(QUIET), (y / SCALE).wrapping_sub(QUIET));
                let module = mx < code.size && my < code.size && code[my][mx].value();
                assert_eq!(dark(x, y), module, "pixel ({x}, {y})");
            }
        }
    }
}
