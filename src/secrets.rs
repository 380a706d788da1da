//! Unguessable values: ticket codes, manage and join tokens, API tokens.
//!
//! Each is drawn independently from the OS generator with at least 128 bits of entropy.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// Crockford's base32 alphabet: no I, L, O or U, so codes read aloud without ambiguity.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The OS generator failing is not something a request can recover from.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut buf).expect("the operating system's random generator failed");
    buf
}

/// 26 uppercase Crockford base32 characters: 130 random bits. The QR code holds exactly this.
pub fn ticket_code() -> String {
    random_bytes::<26>().iter().map(|b| CROCKFORD[(b & 31) as usize] as char).collect()
}

/// A 256-bit URL-safe token (43 characters).
pub fn url_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// An API token as shown once to its owner.
pub fn api_token() -> String {
    format!("cvn_{}", url_token())
}

/// Hex SHA-256: how API tokens and desk links are stored. Tokens carry 256 random bits, so a
/// fast hash is enough (no dictionary to attack).
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Normalizes a scanned or typed ticket code: drops spaces and dashes, upper-cases.
pub fn normalize_ticket_code(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_codes_are_26_crockford_characters_and_differ() {
        let a = ticket_code();
        let b = ticket_code();
        assert_eq!(a.len(), 26);
        assert!(a.bytes().all(|c| CROCKFORD.contains(&c)), "{a}");
        assert_ne!(a, b);
    }

    #[test]
    fn url_tokens_carry_256_bits() {
        let t = url_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(&t).map(|v| v.len()).ok(), Some(32));
    }

    #[test]
    fn normalize_removes_spaces_dashes_and_case() {
        assert_eq!(normalize_ticket_code(" ab-cd 12\t"), "ABCD12");
    }

    #[test]
    fn hash_is_stable_hex() {
        assert_eq!(hash_token("x").len(), 64);
        assert_eq!(hash_token("x"), hash_token("x"));
    }
}
