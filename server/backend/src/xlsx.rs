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

/// A table to write: a sheet name, the localized headers and the rows.
pub struct Table {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<XCell>>,
}

/// The longest a column is made (in characters).
const MAX_WIDTH: usize = 60;

impl Table {
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
