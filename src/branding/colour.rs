//! Accent colours that stay readable: WCAG relative luminance and contrast, and the darker
//! shade of a colour that reaches 4.5:1 against white.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` (either case); anything else is `None`.
    pub fn parse(hex: &str) -> Option<Rgb> {
        let digits = hex.strip_prefix('#').filter(|d| d.len() == 6 && d.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2.x relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Contrast ratio against white, 1 to 21.
    pub fn contrast_with_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }

    /// The same hue, `factor` (0 to 1) as bright.
    pub fn scaled(self, factor: f64) -> Rgb {
        let scale = |c: u8| (f64::from(c) * factor).round().clamp(0.0, 255.0) as u8;
        Rgb(scale(self.0), scale(self.1), scale(self.2))
    }

    /// This colour if it reads on white at 4.5:1, else the first darker shade (same hue,
    /// 5 % darker at each step) that does.
    pub fn readable_on_white(self) -> Rgb {
        let mut colour = self;
        let mut factor = 1.0;
        while colour.contrast_with_white() < 4.5 && factor > 0.0 {
            factor -= 0.05;
            colour = self.scaled(factor);
        }
        colour
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_only_as_six_hex_digits() {
        assert_eq!(Rgb::parse("#0033A0"), Some(Rgb(0, 0x33, 0xa0)));
        for bad in ["0033A0", "#03A", "#0033A", "#0033AG", "#0033A00", "", "red"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dark_colours_are_kept_and_light_ones_darkened_until_readable() {
        let iom_blue = Rgb(0, 0x33, 0xa0);
        assert_eq!(iom_blue.readable_on_white(), iom_blue);
        for light in ["#ffcc00", "#00b5e2", "#ffffff", "#8fd14f"] {
            let Some(colour) = Rgb::parse(light) else { panic!("{light}") };
            let readable = colour.readable_on_white();
            assert!(readable.contrast_with_white() >= 4.5, "{light} → {}", readable.hex());
            assert!(readable.luminance() <= colour.luminance());
        }
        assert!((Rgb(0, 0, 0).contrast_with_white() - 21.0).abs() < 1e-9);
    }
}
