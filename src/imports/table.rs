//! Reading a spreadsheet's CSV as organizers and platforms produce it: UTF-8 with or without
//! a byte-order mark (or Windows-1252, what Excel writes as "CSV" on many Belgian PCs), comma,
//! semicolon or tab separated, header names in any case and spelling.

/// A CSV file read into rows, with its header names normalized.
#[derive(Debug)]
pub struct Table {
    /// Normalized header names (see [`normalize_header`]).
    pub headers: Vec<String>,
    /// (line number in the file, cells trimmed) for every non-empty data row.
    pub rows: Vec<(u64, Vec<String>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not valid CSV: {0}")]
    Malformed(String),
}

/// `"Name (Original Name)"` → `name_original_name`, `"E-mail"` → `e_mail`: lower case, runs of
/// anything but letters and digits become one `_`.
pub fn normalize_header(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.trim().trim_start_matches('\u{feff}').chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// Windows-1252's 0x80–0x9F (the rest of the range is Latin-1).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The file as text: UTF-8 (a BOM is dropped), else read as Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
                _ => char::from(b),
            })
            .collect(),
    }
}

/// The separator of the header line: the most frequent of `,`, `;` and tab outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let (mut comma, mut semicolon, mut tab, mut quoted) = (0, 0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semicolon += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

/// Reads `bytes` as a CSV table with a header row. Rows may have more or fewer cells than the
/// header; blank rows are skipped.
pub fn read(bytes: &[u8]) -> Result<Table, TableError> {
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| TableError::Malformed(e.to_string()))?;
    let headers: Vec<String> = headers.iter().map(normalize_header).collect();
    let mut rows = Vec::new();
    // Line numbers from byte offsets: the reader's own count is off by one with CRLF endings.
    let (mut counted_to, mut line) = (0usize, 1u64);
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Malformed(e.to_string()))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let start = record.position().map_or(counted_to, |p| usize::try_from(p.byte()).unwrap_or(counted_to));
        let mut start = start.clamp(counted_to, text.len());
        // With CRLF the reader may place a record at the `\n` that ends the previous line.
        while text.as_bytes().get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start].iter().filter(|b| **b == b'\n').count() as u64;
        counted_to = start;
        rows.push((line, record.iter().map(|c| c.trim().to_owned()).collect()));
    }
    Ok(Table { headers, rows })
}

impl Table {
    /// The index of the first column whose normalized name is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.headers.iter().position(|h| h == n))
    }

    /// The index of the first column whose name contains every one of `parts`.
    pub fn column_containing(&self, parts: &[&str]) -> Option<usize> {
        self.headers.iter().position(|h| parts.iter().all(|p| h.contains(p)))
    }
}

/// The cell at `index` of `row`, or `""`.
pub fn cell(row: &[String], index: Option<usize>) -> &str {
    index.and_then(|i| row.get(i)).map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_normalized() {
        assert_eq!(normalize_header(" First Name "), "first_name");
        assert_eq!(normalize_header("\u{feff}Name (Original Name)"), "name_original_name");
        assert_eq!(normalize_header("E-mail"), "e_mail");
        assert_eq!(normalize_header("EMAIL"), "email");
    }

    #[test]
    fn the_delimiter_is_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("\"x;y\",b,c"), b',');
    }

    #[test]
    fn windows_1252_is_read_when_the_file_is_not_utf8() {
        assert_eq!(decode(b"Lef\xe8vre \x80"), "Lefèvre €");
        assert_eq!(decode("\u{feff}Zoë".as_bytes()), "Zoë");
    }

    #[test]
    fn rows_keep_their_line_numbers_and_blank_rows_are_skipped() {
        let table =
            read(b"First_Name;EMAIL\n  Amina ; a@example.org\n;\n\"Multi\nline\";b@example.org\nc;c@example.org\n");
        let table = table.unwrap_or(Table { headers: vec![], rows: vec![] });
        assert_eq!(table.headers, ["first_name", "email"]);
        let lines: Vec<u64> = table.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(table.rows[0].1, ["Amina", "a@example.org"]);
        let crlf =
            read(b"first_name,email\r\nA,a@example.org\r\n\"Multi\r\nline\",b@example.org\r\nc,c@example.org\r\n");
        let crlf = crlf.unwrap_or(Table { headers: vec![], rows: vec![] });
        assert_eq!(crlf.rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [2, 3, 5], "Windows line endings");
    }
}
