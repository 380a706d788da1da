//! The placeholders of an organizer's mailing (API.md, "Mailings to registrants"):
//! `{first_name}`, `{last_name}`, `{organization}`, `{manage_url}`, `{join_url}` and
//! `{ticket_code}`; `{{` and `}}` write a brace. Pure: the text is checked once when the
//! mailing is written and filled for each recipient when their mail is built.

/// The names a text may use, in the order the compose page lists them.
pub const NAMES: [&str; 6] = ["first_name", "last_name", "organization", "manage_url", "join_url", "ticket_code"];

/// One recipient's values.
#[derive(Debug, Clone, Default)]
pub struct Values<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub organization: &'a str,
    pub manage_url: &'a str,
    /// Empty unless the person may follow online.
    pub join_url: &'a str,
    /// Empty unless seated in person.
    pub ticket_code: &'a str,
}

impl Values<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        Some(match name {
            "first_name" => self.first_name,
            "last_name" => self.last_name,
            "organization" => self.organization,
            "manage_url" => self.manage_url,
            "join_url" => self.join_url,
            "ticket_code" => self.ticket_code,
            _ => return None,
        })
    }
}

enum Piece<'t> {
    Text(&'t str),
    Placeholder(&'t str),
}

/// Splits `text` into literal pieces and placeholders; `Err` carries the first `{…}` that is
/// not a placeholder (an unknown name, or a `{` never closed), as written.
fn pieces(text: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        out.push(Piece::Text(&rest[..at]));
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push(Piece::Text(&tail[..1]));
            rest = &tail[2..];
        } else if let Some(after) = tail.strip_prefix('}') {
            // A lone closing brace is just a brace.
            out.push(Piece::Text("}"));
            rest = after;
        } else {
            let Some(end) = tail.find('}') else {
                return Err(tail.chars().take(40).collect());
            };
            let name = &tail[1..end];
            if !NAMES.contains(&name) {
                return Err(tail[..=end].chars().take(60).collect());
            }
            out.push(Piece::Placeholder(name));
            rest = &tail[end + 1..];
        }
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// The first `{…}` of `text` that is not a placeholder, as written.
pub fn unknown(text: &str) -> Option<String> {
    pieces(text).err()
}

/// `text` with its placeholders filled; a text that does not parse (never stored) is
/// returned as written.
pub fn fill(text: &str, values: &Values<'_>) -> String {
    let Ok(pieces) = pieces(text) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len() + 64);
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Placeholder(name) => out.push_str(values.get(name).unwrap_or_default()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amina() -> Values<'static> {
        Values {
            first_name: "Amina",
            last_name: "Diallo",
            organization: "Caritas",
            manage_url: "https://c.example/r/abc",
            join_url: "",
            ticket_code: "K7QF2M9X",
        }
    }

    #[test]
    fn placeholders_are_filled_and_double_braces_write_one() {
        let text = "Dear {first_name} {last_name} ({organization}): {{not a field}} {manage_url}{join_url} }";
        assert_eq!(fill(text, &amina()), "Dear Amina Diallo (Caritas): {not a field} https://c.example/r/abc }");
        assert_eq!(fill("{ticket_code}{{{first_name}}}", &amina()), "K7QF2M9X{Amina}");
    }

    #[test]
    fn any_other_braces_are_named() {
        assert_eq!(unknown("Hello {firstname}!"), Some("{firstname}".into()));
        assert_eq!(unknown("Hello { first_name }"), Some("{ first_name }".into()));
        assert_eq!(unknown("Hello {first_name"), Some("{first_name".into()));
        assert_eq!(unknown("{{first_name}} {first_name} {{}}"), None);
        assert_eq!(unknown("{}"), Some("{}".into()));
        assert_eq!(unknown("Plain text, é, 😀"), None);
    }
}
