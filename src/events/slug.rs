//! URL slugs made from titles.

/// Turns a title into a URL slug: lowercase ASCII, accents dropped, dashes between words.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for ch in title.chars().flat_map(char::to_lowercase) {
        let mapped = match ch {
            'a'..='z' | '0'..='9' => Some(ch),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ñ' => Some('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'ý' | 'ÿ' => Some('y'),
            _ => None,
        };
        match mapped {
            Some(c) => slug.push(c),
            None if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            None => {}
        }
    }
    let mut slug: String = slug.trim_end_matches('-').chars().take(80).collect();
    slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "event".to_owned() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugify_drops_accents_and_punctuation() {
        assert_eq!(slugify("Réunion annuelle des partenaires — 2026!"), "reunion-annuelle-des-partenaires-2026");
        assert_eq!(slugify("***"), "event");
    }
}
