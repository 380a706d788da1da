//! What a new account password must be: at least [`MIN_CHARS`] characters, more than spaces,
//! not one of the 20,000 most common passwords (shipped in the binary, `data/README.md`), nor
//! such a password with digits or symbols around it, nor a few characters repeated.

use std::collections::HashSet;
use std::sync::LazyLock;

pub const MIN_CHARS: usize = 12;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("data/common-passwords.txt").lines().filter(|l| !l.is_empty()).collect());

/// Why `password` may not be used, or `Ok`.
pub fn check_new(password: &str) -> Result<(), &'static str> {
    if password.chars().count() < MIN_CHARS {
        return Err("the password must have at least 12 characters");
    }
    if password.trim().is_empty() {
        return Err("the password must be more than spaces");
    }
    if is_common(password) {
        return Err("this password is one of the most common ones; choose another (a few unrelated words work well)");
    }
    Ok(())
}

fn is_common(password: &str) -> bool {
    let lower = password.trim().to_lowercase();
    // The letters at its heart: "Password2026!" is "password".
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let distinct: HashSet<char> = lower.chars().collect();
    COMMON.contains(lower.as_str()) || COMMON.contains(core) || distinct.len() < 4 || is_doubled(core)
}

/// "passwordpassword", "abcabcabcabc": a shorter word said again.
fn is_doubled(core: &str) -> bool {
    let chars: Vec<char> = core.chars().collect();
    (1..=chars.len() / 2).any(|len| {
        chars.len().is_multiple_of(len) && chars.chunks(len).all(|c| c == &chars[..len]) && {
            let unit: String = chars[..len].iter().collect();
            len < 4 || COMMON.contains(unit.as_str())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_blank_and_common_passwords_are_refused() {
        assert!(check_new("short pass").is_err(), "fewer than 12 characters");
        assert!(check_new(&" ".repeat(12)).is_err(), "only spaces");
        assert!(check_new("qwertyuiop12").is_err(), "in the list");
        assert!(check_new("Password2026!").is_err(), "a listed word with digits and a symbol");
        assert!(check_new("iloveyou2026").is_err());
        assert!(check_new("passwordpassword").is_err(), "a listed word twice");
        assert!(check_new("111111111111").is_err(), "one character repeated");
        assert!(check_new("abababababab").is_err());
    }

    #[test]
    fn real_passphrases_are_accepted() {
        assert!(check_new("a long test password").is_ok());
        assert!(check_new("correct horse battery staple").is_ok());
        assert!(check_new("Brussels-partners-2026").is_ok());
        assert!(check_new("xK9#mQ2!vL7p").is_ok());
    }

    #[test]
    fn the_list_is_shipped_and_loaded() {
        assert!(COMMON.len() > 19_000);
        assert!(COMMON.contains("password"));
    }
}
