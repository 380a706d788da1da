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

/// A 256-bit URL-safe token (43 characters), without `-`: a dash cuts a link's token into
/// words, and a word of 30 to 35 letters starting with 1 or 3 reads to spam filters as a
/// Bitcoin address (SpamAssassin's `__BITCOIN_ID`). Drawn again until dash-free (about two
/// draws; a bit less than one bit of the 256 is spent).
pub fn url_token() -> String {
    loop {
        let token = URL_SAFE_NO_PAD.encode(random_bytes::<32>());
        if !token.contains('-') {
            return token;
        }
    }
}

/// Whether `token` has the shape of a [`url_token`] (43 URL-safe characters; earlier releases'
/// tokens may hold `-`): anything else cannot match a stored hash and needs no query.
pub fn is_url_token(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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
    fn url_tokens_carry_256_bits_in_one_word() {
        for _ in 0..200 {
            let t = url_token();
            assert_eq!(URL_SAFE_NO_PAD.decode(&t).map(|v| v.len()).ok(), Some(32));
            assert!(!t.contains('-'), "a dash splits {t} into words a spam filter may read as a Bitcoin address");
        }
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

/// The server's key for sealing registrants' secrets (XChaCha20-Poly1305, a random nonce per
/// value stored with it). A copy of the database without it shows no secret.
pub struct SecretKey(chacha20poly1305::Key);

impl SecretKey {
    pub fn generate() -> SecretKey {
        SecretKey(random_bytes::<32>().into())
    }

    /// 32 bytes written in base64 (standard or URL-safe, padded or not).
    pub fn from_base64(text: &str) -> Result<SecretKey, String> {
        use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE};
        let text = text.trim();
        let bytes = STANDARD
            .decode(text)
            .or_else(|_| STANDARD_NO_PAD.decode(text))
            .or_else(|_| URL_SAFE.decode(text))
            .or_else(|_| URL_SAFE_NO_PAD.decode(text))
            .map_err(|_| "the secret key is not base64".to_owned())?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| "the secret key must be 32 bytes".to_owned())?;
        Ok(SecretKey(bytes.into()))
    }

    pub fn to_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.0)
    }

    /// `v1.` and the URL-safe base64 of nonce and ciphertext.
    pub fn seal(&self, value: &str) -> String {
        use chacha20poly1305::aead::{Aead, KeyInit};
        let cipher = chacha20poly1305::XChaCha20Poly1305::new(&self.0);
        let nonce = random_bytes::<24>();
        let sealed = cipher.encrypt(&nonce.into(), value.as_bytes()).unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend(sealed);
        format!("v1.{}", URL_SAFE_NO_PAD.encode(out))
    }

    /// The value sealed with this key; `None` for another key's seal or damaged text.
    pub fn open(&self, sealed: &str) -> Option<String> {
        use chacha20poly1305::aead::{Aead, KeyInit};
        let bytes = URL_SAFE_NO_PAD.decode(sealed.strip_prefix("v1.")?).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let cipher = chacha20poly1305::XChaCha20Poly1305::new(&self.0);
        let nonce: [u8; 24] = nonce.try_into().ok()?;
        let plain = cipher.decrypt(&nonce.into(), ciphertext).ok()?;
        String::from_utf8(plain).ok()
    }

    fn fingerprint(&self) -> String {
        hash_token(&self.to_base64())
    }
}

/// The process's key. One per process: every app and command in it seals and opens with the
/// same key (tests build many apps in one process, all with one key).
static KEY: std::sync::RwLock<Option<std::sync::Arc<SecretKey>>> = std::sync::RwLock::new(None);

/// Makes `key` the process's key; another key once one is in use is refused.
pub fn install(key: SecretKey) -> Result<(), String> {
    let mut slot = KEY.write().map_err(|_| "the key store is poisoned".to_owned())?;
    match slot.as_ref() {
        Some(current) if current.fingerprint() != key.fingerprint() => {
            Err("another secret key is already in use in this process".to_owned())
        }
        Some(_) => Ok(()),
        None => {
            *slot = Some(std::sync::Arc::new(key));
            Ok(())
        }
    }
}

fn key() -> Option<std::sync::Arc<SecretKey>> {
    KEY.read().ok().and_then(|slot| slot.clone())
}

/// Seals `value` with the process's key (empty when no key is installed: nothing can open it).
pub fn seal(value: &str) -> String {
    key().map(|k| k.seal(value)).unwrap_or_default()
}

/// Opens a sealed copy; `None` when the key is another one (lost) or none is installed.
pub fn open(sealed: &str) -> Option<String> {
    key().and_then(|k| k.open(sealed))
}

/// The lookup hash of a secret: hex SHA-256 (a ticket code normalized first).
pub fn lookup_hash(value: &str) -> String {
    hash_token(value)
}

/// Finds the key for `database_url`: `configured` (CONVENE_SECRET_KEY) when given; on SQLite
/// without it, `<database file>.key`, created with owner-only permissions on first use; on
/// PostgreSQL and MariaDB without it, an error saying how to make one.
pub fn resolve_key(database_url: &str, configured: Option<&str>) -> anyhow::Result<SecretKey> {
    if let Some(text) = configured.map(str::trim).filter(|t| !t.is_empty()) {
        return SecretKey::from_base64(text).map_err(|e| anyhow::anyhow!("CONVENE_SECRET_KEY: {e}"));
    }
    let Some(path) = sqlite_file(database_url) else {
        anyhow::bail!(
            "CONVENE_SECRET_KEY is not set. Every server on this database needs the same key: make one with \
             `convene key generate`, set it in the environment of each server, and keep a copy apart from the \
             database's backups"
        );
    };
    let key_path = format!("{path}.key");
    match std::fs::read_to_string(&key_path) {
        Ok(text) => SecretKey::from_base64(&text).map_err(|e| anyhow::anyhow!("{key_path}: {e}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = SecretKey::generate();
            if write_private(&key_path, &key.to_base64())? {
                Ok(key)
            } else {
                // Another server starting on the same file made it first: use theirs.
                let text = std::fs::read_to_string(&key_path)?;
                SecretKey::from_base64(&text).map_err(|e| anyhow::anyhow!("{key_path}: {e}"))
            }
        }
        Err(e) => Err(anyhow::anyhow!("cannot read {key_path}: {e}")),
    }
}

/// The file of a `sqlite://` URL (`None` for another database or an in-memory one).
fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let file = rest.split('?').next().unwrap_or("");
    (!file.is_empty() && file != ":memory:").then(|| file.to_owned())
}

/// Writes `text` to a new owner-only file at `path`, whole or not at all: written aside, then
/// linked into place (which fails if `path` exists). False when another process won the race.
fn write_private(path: &str, text: &str) -> anyhow::Result<bool> {
    use std::io::Write;
    let aside = format!("{path}.{}", url_token());
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&aside).map_err(|e| anyhow::anyhow!("cannot create {aside}: {e}"))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    let linked = std::fs::hard_link(&aside, path);
    std::fs::remove_file(&aside).ok();
    match linked {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(anyhow::anyhow!("cannot create {path}: {e}")),
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_with_its_key_only() {
        let (key, other) = (SecretKey::generate(), SecretKey::generate());
        let sealed = key.seal("token-value");
        assert_ne!(sealed, key.seal("token-value"), "a fresh nonce each time");
        assert_eq!(key.open(&sealed).as_deref(), Some("token-value"));
        assert_eq!(other.open(&sealed), None);
        assert_eq!(key.open("v1.garbage"), None);
        let again = SecretKey::from_base64(&key.to_base64()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.open(&sealed).as_deref(), Some("token-value"));
        assert!(SecretKey::from_base64("c2hvcnQ=").is_err());
    }

    #[test]
    fn sqlite_databases_keep_their_key_beside_them() {
        assert_eq!(sqlite_file("sqlite://convene.db?mode=rwc").as_deref(), Some("convene.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://x/y"), None);
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
        let first = resolve_key(&url, None).unwrap_or_else(|e| panic!("{e}"));
        let second = resolve_key(&url, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.to_base64(), second.to_base64());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("c.db.key")).map(|m| m.permissions().mode()).unwrap_or(0);
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(resolve_key("postgres://localhost/x", None).is_err());
    }
}

/// Resolves the key for `database_url` (from `configured`, else `CONVENE_SECRET_KEY`, else the
/// SQLite key file) and makes it the process's key.
pub fn install_for(database_url: &str, configured: Option<&str>) -> anyhow::Result<()> {
    let from_env = std::env::var("CONVENE_SECRET_KEY").ok();
    let key = resolve_key(database_url, configured.or(from_env.as_deref()))?;
    install(key).map_err(|e| anyhow::anyhow!(e))
}
