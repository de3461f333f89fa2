//! XLSX tables as people expect them from an export: one sheet, a bold frozen header row with a filter, typed
//! cells (text stays text — a NIP never becomes a number —, numbers are numbers, dates are dates), and columns
//! wide enough to read. Every list that exports a table writes it through [`Table`].

use anyhow::Context;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook};

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum XCell {
    Text(String),
    Number(f64),
    Date(time::Date),
    Empty,
}

impl From<&str> for XCell {
    fn from(s: &str) -> Self {
        if s.is_empty() { XCell::Empty } else { XCell::Text(s.to_string()) }
    }
}

impl From<String> for XCell {
    fn from(s: String) -> Self {
        if s.is_empty() { XCell::Empty } else { XCell::Text(s) }
    }
}

impl From<Option<String>> for XCell {
    fn from(s: Option<String>) -> Self {
        s.map_or(XCell::Empty, XCell::from)
    }
}

impl XCell {
    /// A cell of a CSV export typed for a spreadsheet: a value the CSV marks as text (a leading `'`: NIPs, and
    /// anything that would read as a formula) stays text without the mark; whole and decimal numbers (at most 15
    /// digits, which a spreadsheet keeps exactly) become numbers; `YYYY-MM-DD` becomes a date; the rest is text.
    pub fn typed(field: &str) -> XCell {
        if field.is_empty() {
            return XCell::Empty;
        }
        if let Some(text) = field.strip_prefix('\'') {
            return XCell::Text(text.to_string());
        }
        let digits = field.chars().filter(char::is_ascii_digit).count();
        let body = field.strip_prefix('-').unwrap_or(field);
        let numeric = match body.split_once('.') {
            Some((whole, frac)) => {
                !whole.is_empty()
                    && !frac.is_empty()
                    && (whole.len() == 1 || !whole.starts_with('0'))
                    && whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
            }
            None => {
                !body.is_empty()
                    && (body.len() == 1 || !body.starts_with('0'))
                    && body.bytes().all(|b| b.is_ascii_digit())
            }
        };
        if numeric
            && digits <= 15
            && let Ok(n) = field.parse::<f64>()
        {
            return XCell::Number(n);
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        if field.len() == 10
            && let Ok(d) = time::Date::parse(field, &format)
        {
            return XCell::Date(d);
        }
        XCell::Text(field.to_string())
    }
}

/// A table to write: a sheet name, the localized headers and the rows.
pub struct Table {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<XCell>>,
}

/// The longest a column is made (in characters).
const MAX_WIDTH: usize = 60;

impl Table {
    /// A CSV export (its first record the headers) as a table, every cell typed ([`XCell::typed`]).
    pub fn from_csv(sheet: &str, csv: &str) -> Table {
        let mut records = domain::csv::parse(csv).into_iter().map(|(_, fields)| fields);
        let headers = records.next().unwrap_or_default();
        let rows = records.map(|r| r.iter().map(|f| XCell::typed(f)).collect()).collect();
        Table { sheet: sheet.to_string(), headers, rows }
    }

    /// The workbook's bytes.
    pub fn to_xlsx(&self) -> anyhow::Result<Vec<u8>> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let name: String =
            self.sheet.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).take(31).collect();
        sheet.set_name(if name.is_empty() { "Data".to_string() } else { name }).context("naming a sheet")?;
        let bold = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count() + 2).collect();
        for (c, h) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col(c)?, h, &bold).context("writing a header")?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).context("too many rows")?;
            for (c, cell) in row.iter().enumerate() {
                let width = match cell {
                    XCell::Text(s) => {
                        sheet.write_string(r, col(c)?, s).context("writing a cell")?;
                        s.chars().count()
                    }
                    XCell::Number(n) => {
                        sheet.write_number(r, col(c)?, *n).context("writing a cell")?;
                        n.to_string().len()
                    }
                    XCell::Date(d) => {
                        let when = ExcelDateTime::from_ymd(
                            u16::try_from(d.year()).context("a date's year")?,
                            u8::from(d.month()),
                            d.day(),
                        )
                        .context("a date")?;
                        sheet.write_datetime_with_format(r, col(c)?, &when, &date).context("writing a date")?;
                        10
                    }
                    XCell::Empty => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(width + 1).min(MAX_WIDTH);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(col(c)?, *w as f64).context("sizing a column")?;
        }
        sheet.set_freeze_panes(1, 0).context("freezing the header")?;
        if !self.headers.is_empty() {
            let last_row = u32::try_from(self.rows.len()).context("too many rows")?;
            sheet.autofilter(0, 0, last_row, col(self.headers.len() - 1)?).context("adding a filter")?;
        }
        book.save_to_buffer().context("writing the workbook")
    }
}

fn col(c: usize) -> anyhow::Result<u16> {
    u16::try_from(c).context("too many columns")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_typed_as_a_spreadsheet_expects() {
        assert_eq!(XCell::typed("'198501012010011001"), XCell::Text("198501012010011001".into()));
        assert_eq!(XCell::typed("'=HYPERLINK(x)"), XCell::Text("=HYPERLINK(x)".into()));
        assert_eq!(XCell::typed("42"), XCell::Number(42.0));
        assert_eq!(XCell::typed("-3.5"), XCell::Number(-3.5));
        assert_eq!(XCell::typed("2026-12-04"), XCell::Date(time::macros::date!(2026 - 12 - 04)));
        assert_eq!(XCell::typed("007"), XCell::Text("007".into()), "leading zeros are a code, not a number");
        assert_eq!(XCell::typed("1234567890123456"), XCell::Text("1234567890123456".into()), "too long to stay exact");
        assert_eq!(XCell::typed("III/b"), XCell::Text("III/b".into()));
        assert_eq!(XCell::typed(""), XCell::Empty);
    }

    #[test]
    fn a_csv_export_becomes_a_workbook_with_its_headers() {
        let csv = format!("{}NIP,Nama,Nilai\r\n'198501012010011001,\"Budi, S.E.\",3.5\r\n", domain::csv::BOM);
        let t = Table::from_csv("Data", &csv);
        assert_eq!(t.headers, vec!["NIP", "Nama", "Nilai"]);
        assert_eq!(
            t.rows[0],
            vec![XCell::Text("198501012010011001".into()), XCell::Text("Budi, S.E.".into()), XCell::Number(3.5)]
        );
        let bytes = t.to_xlsx().unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
