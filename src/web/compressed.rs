//! A body kept with its compressed forms, each made once, the first time a client asks for
//! it: for a page served many times unchanged, compressing it on every request cost more than
//! everything else the request did (BENCHMARKS.md, issue 24).

use std::io::Write;
use std::sync::OnceLock;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

/// How a response body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// Brotli's quality (0–11) and gzip's level (0–9): a page is compressed once per version, and
/// under registration load a version lasts a fraction of a second, so both stay moderate.
const BROTLI_QUALITY: u32 = 5;
const BROTLI_WINDOW: u32 = 22;
const GZIP_LEVEL: u32 = 6;

impl Encoding {
    /// The encoding to answer with: brotli, else gzip, when the request's `Accept-Encoding`
    /// accepts it (RFC 9110, 12.5.3: a coding with `q=0` is refused, `*` stands for any coding
    /// not named); else none.
    pub fn preferred(headers: &HeaderMap) -> Encoding {
        let (mut brotli, mut gzip, mut any) = (None, None, None);
        let items = headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok());
        for item in items.flat_map(|v| v.split(',')) {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let accepted = !parts.any(|p| {
                let p = p.trim().to_ascii_lowercase();
                p.strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()).is_some_and(|q| q <= 0.0)
            });
            match coding.as_str() {
                "br" => brotli = Some(accepted),
                "gzip" | "x-gzip" => gzip = Some(accepted),
                "*" => any = Some(accepted),
                _ => {}
            }
        }
        let any = any.unwrap_or(false);
        if brotli.unwrap_or(any) {
            Encoding::Brotli
        } else if gzip.unwrap_or(any) {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    fn header(self) -> Option<HeaderValue> {
        match self {
            Encoding::Brotli => Some(HeaderValue::from_static("br")),
            Encoding::Gzip => Some(HeaderValue::from_static("gzip")),
            Encoding::Identity => None,
        }
    }
}

/// A body and its compressed forms, made when first asked for. A form that could not be made
/// (it cannot happen writing to memory, but is not assumed) is answered uncompressed.
#[derive(Debug)]
pub struct Precompressed {
    identity: Bytes,
    brotli: OnceLock<Option<Bytes>>,
    gzip: OnceLock<Option<Bytes>>,
}

impl Precompressed {
    pub fn new(identity: Bytes) -> Precompressed {
        Precompressed { identity, brotli: OnceLock::new(), gzip: OnceLock::new() }
    }

    /// The body as `wanted`, or uncompressed, and how it is encoded.
    pub fn body(&self, wanted: Encoding) -> (Encoding, Bytes) {
        let made = match wanted {
            Encoding::Brotli => self.brotli.get_or_init(|| brotli(&self.identity)),
            Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.identity)),
            Encoding::Identity => &None,
        };
        match made {
            Some(body) => (wanted, body.clone()),
            None => (Encoding::Identity, self.identity.clone()),
        }
    }
}

/// Marks `response`, whose body is encoded as `encoding`, so that caches keep one copy per
/// encoding and the compression layer leaves it as it is.
pub fn mark(response: &mut Response, encoding: Encoding) {
    let headers = response.headers_mut();
    if let Some(value) = encoding.header() {
        headers.insert(header::CONTENT_ENCODING, value);
    }
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
}

fn brotli(body: &[u8]) -> Option<Bytes> {
    let mut writer =
        brotli::CompressorWriter::new(Vec::with_capacity(body.len() / 4), 4096, BROTLI_QUALITY, BROTLI_WINDOW);
    writer.write_all(body).ok()?;
    writer.flush().ok()?;
    Some(Bytes::from(writer.into_inner()))
}

fn gzip(body: &[u8]) -> Option<Bytes> {
    let mut writer =
        flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 4), flate2::Compression::new(GZIP_LEVEL));
    writer.write_all(body).ok()?;
    writer.finish().ok().map(Bytes::from)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn accepting(value: &str) -> Encoding {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")));
        Encoding::preferred(&headers)
    }

    #[test]
    fn the_preferred_encoding_follows_accept_encoding() {
        assert_eq!(Encoding::preferred(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(accepting("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(accepting("gzip"), Encoding::Gzip);
        assert_eq!(accepting("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(accepting("BR;Q=0, *"), Encoding::Gzip);
        assert_eq!(accepting("*;q=0"), Encoding::Identity);
        assert_eq!(accepting("*"), Encoding::Brotli);
        assert_eq!(accepting("deflate, identity"), Encoding::Identity);
        assert_eq!(accepting("gzip;q=0.000"), Encoding::Identity);
    }

    #[test]
    fn each_form_decodes_to_the_body_and_is_made_once() {
        let page = Bytes::from("<p>Réunion des partenaires</p>".repeat(200));
        let cached = Precompressed::new(page.clone());
        let (encoding, brotli) = cached.body(Encoding::Brotli);
        assert_eq!(encoding, Encoding::Brotli);
        assert!(brotli.len() < page.len() / 10);
        let mut decoded = Vec::new();
        let read = brotli::Decompressor::new(&brotli[..], 4096).read_to_end(&mut decoded);
        assert!(read.is_ok() && decoded == page[..]);
        let (_, gzip) = cached.body(Encoding::Gzip);
        let mut decoded = Vec::new();
        let read = flate2::read::GzDecoder::new(&gzip[..]).read_to_end(&mut decoded);
        assert!(read.is_ok() && decoded == page[..]);
        assert_eq!(cached.body(Encoding::Brotli).1.as_ptr(), brotli.as_ptr(), "made once, then shared");
        assert_eq!(cached.body(Encoding::Identity), (Encoding::Identity, page));
    }
}
