//! CSV as spreadsheets read and write it: reading with quoted fields and either separator, writing with quoting and
//! formulas neutralised. Pure, so that imports are checked and exports are shaped the same everywhere.

/// The byte-order mark that makes spreadsheet programs read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, commas or semicolons as separators).
pub fn parse(text: &str) -> Vec<(usize, Vec<String>)> {
    let text = text.trim_start_matches('\u{feff}');
    let sep = match (text.lines().next().unwrap_or(""), ',') {
        (first, _) if first.matches(';').count() > first.matches(',').count() => ';',
        _ => ',',
    };
    let mut out = Vec::new();
    let (mut field, mut record) = (String::new(), Vec::new());
    let (mut quoted, mut line, mut start_line) = (false, 1usize, 1usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => record.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                record.push(std::mem::take(&mut field));
                if record.iter().any(|f| !f.trim().is_empty()) {
                    out.push((start_line, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                start_line = line;
            }
            c => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    record.push(field);
    if record.iter().any(|f| !f.trim().is_empty()) {
        out.push((start_line, record));
    }
    out
}

/// One field, quoted when needed; a leading `=`, `+`, `-` or `@` is prefixed with `'` so that a spreadsheet never
/// runs a name someone typed as a formula.
pub fn field(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if safe.contains([',', '"', '\n', '\r', ';']) { format!("\"{}\"", safe.replace('"', "\"\"")) } else { safe }
}

/// One record: the fields quoted and joined with commas, ended with CRLF.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields.iter().map(|f| field(f.as_ref())).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_separators_quotes_and_line_breaks() {
        let text = "\u{feff}a;b;c\n\"x; y\";\"say \"\"hi\"\"\";\"two\nlines\"\n\n1;2;3\n";
        let rows = parse(text);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], (1, vec!["a".to_string(), "b".into(), "c".into()]));
        assert_eq!(rows[1].1, ["x; y", "say \"hi\"", "two\nlines"]);
        assert_eq!(rows[2].0, 5);
    }

    #[test]
    fn written_fields_read_back_and_never_start_a_formula() {
        let fields = ["=HYPERLINK(\"x\")", "Budi, S.E.", "plain", "-5"];
        let line = record(&fields);
        assert!(line.ends_with("\r\n"));
        let back = &parse(&line)[0].1;
        assert_eq!(back[0], "'=HYPERLINK(\"x\")");
        assert_eq!(back[1], "Budi, S.E.");
        assert_eq!(back[2], "plain");
        assert_eq!(back[3], "'-5");
    }
}
