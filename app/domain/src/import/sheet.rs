//! Reading an organisation sheet: which column is which (headers as SIASN and people write them), and each row's
//! values parsed into a [`Record`] or the reasons it cannot be.

use super::{Column, Problem, RowError, UnitRef};
use crate::{Education, EmailAddress, EmployeeName, Nip, PositionKind, Rank};
use time::Date;

/// One cell as a spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A whole number stored exactly (some writers keep integers apart from floating-point numbers).
    Int(i64),
    /// A number as spreadsheets store them (a double: 15–16 significant digits).
    Float(f64),
    Date(Date),
}

impl Cell {
    /// The cell as text (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().trim_start_matches('\'').trim().to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            Cell::Float(f) => f.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    fn is_empty(&self) -> bool {
        self.text().is_empty()
    }
}

/// A header as compared: lower case, letters and digits only (`NIP Baru`, `nip_baru`, `NIP-BARU` are the same).
pub fn normalize_header(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Where each known column is in a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    at: Vec<(Column, usize)>,
}

impl Columns {
    /// The position of `column`, if the sheet has it.
    pub fn get(&self, column: Column) -> Option<usize> {
        self.at.iter().find(|(c, _)| *c == column).map(|(_, i)| *i)
    }

    pub fn has(&self, column: Column) -> bool {
        self.get(column).is_some()
    }

    /// The recognised columns in the sheet's order.
    pub fn recognised(&self) -> Vec<Column> {
        let mut at = self.at.clone();
        at.sort_by_key(|(_, i)| *i);
        at.into_iter().map(|(c, _)| c).collect()
    }
}

/// Why a sheet's header row is not usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// No row within the first rows names the NIP column.
    NoHeader,
    /// Required columns the header does not have.
    Missing(Vec<Column>),
    /// Two columns of the header mean the same thing.
    Twice(Column),
}

/// How many leading rows may precede the header (titles, export dates).
pub const HEADER_SEARCH_ROWS: usize = 10;

/// Recognises a header row: every cell that names a known column (extra columns are ignored).
pub fn columns(header: &[Cell]) -> Result<Columns, HeaderError> {
    let mut at: Vec<(Column, usize)> = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        let Some(column) = Column::from_header(&cell.text()) else { continue };
        if at.iter().any(|(c, _)| *c == column) {
            return Err(HeaderError::Twice(column));
        }
        at.push((column, i));
    }
    let columns = Columns { at };
    let mut missing: Vec<Column> = Column::REQUIRED.iter().copied().filter(|c| !columns.has(*c)).collect();
    if !columns.has(Column::Unit) && !columns.has(Column::UnitCode) {
        missing.push(Column::Unit);
    }
    if missing.is_empty() { Ok(columns) } else { Err(HeaderError::Missing(missing)) }
}

/// Whether a person is active according to the status column.
fn parse_status(text: &str) -> Option<bool> {
    let t = normalize_header(text);
    match t.as_str() {
        "" | "aktif" | "active" | "ya" | "yes" | "1" | "pns" | "cpns" | "pppk" => Some(true),
        "nonaktif" | "tidakaktif" | "inactive" | "pensiun" | "berhenti" | "keluar" | "meninggal" | "mutasikeluar"
        | "diberhentikan" | "tidak" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// A rank as SIASN and people write it: `III/c`, `IIIc`, `Penata (III/c)`, or SIASN's golongan id `33`.
pub fn parse_rank(text: &str) -> Option<Rank> {
    if let Some(r) = Rank::parse(text) {
        return Some(r);
    }
    let t = text.trim();
    if let Ok(id) = t.parse::<u32>() {
        let (group, step) = (id / 10, id % 10);
        let index = match group {
            1..=3 if (1..=4).contains(&step) => (group - 1) * 4 + step - 1,
            4 if (1..=5).contains(&step) => 12 + step - 1,
            _ => return None,
        };
        return Rank::ALL.get(index as usize).copied();
    }
    // The last `roman/letter` in the text: `Penata Tk. I - III/d`.
    let slash = t.rfind('/')?;
    let roman: String = t[..slash].chars().rev().take_while(|c| matches!(c, 'I' | 'V' | 'i' | 'v')).collect::<String>();
    let roman: String = roman.chars().rev().collect();
    let letter = t[slash + 1..].trim().chars().next()?;
    Rank::parse(&format!("{roman}/{letter}"))
}

/// A position kind: a stored code or label (`ahli_muda`, `JPT Pratama`, `Fungsional Ahli Muda`), an eselon
/// (`II.a` → JPT Pratama, `III.b` → Administrator, `IV.a` → Pengawas), `Pelaksana`/`JFU`, or — for a functional
/// position given only as `Fungsional` — the level at the end of the position's name (`Analis SDM Aparatur Ahli
/// Muda`).
pub fn parse_position_kind(kind: &str, position_name: &str) -> Option<PositionKind> {
    let k = normalize_header(kind);
    if let Some(found) = PositionKind::ALL.into_iter().find(|p| {
        normalize_header(p.code()) == k
            || normalize_header(p.label()) == k
            || normalize_header(p.label().trim_start_matches("Fungsional ")) == k
    }) {
        return Some(found);
    }
    let eselon = k.trim_start_matches("eselon");
    let by_eselon = match eselon {
        "ia" | "ib" | "1a" | "1b" => Some(PositionKind::JptMadya),
        "iia" | "iib" | "2a" | "2b" => Some(PositionKind::JptPratama),
        "iiia" | "iiib" | "3a" | "3b" => Some(PositionKind::Administrator),
        "iva" | "ivb" | "4a" | "4b" => Some(PositionKind::Pengawas),
        _ => None,
    };
    if by_eselon.is_some() {
        return by_eselon;
    }
    match k.as_str() {
        "pelaksana" | "jfu" | "fungsionalumum" | "jabatanpelaksana" => return Some(PositionKind::Pelaksana),
        "" | "fungsional" | "jft" | "fungsionaltertentu" | "jabatanfungsional" => {}
        _ => return None,
    }
    let name = normalize_header(position_name);
    let by_level = [
        ("ahliutama", PositionKind::AhliUtama),
        ("ahlimadya", PositionKind::AhliMadya),
        ("ahlimuda", PositionKind::AhliMuda),
        ("ahlipertama", PositionKind::AhliPertama),
        ("penyelia", PositionKind::Penyelia),
        ("mahir", PositionKind::Mahir),
        ("terampil", PositionKind::Terampil),
        ("pemula", PositionKind::Pemula),
    ];
    by_level.into_iter().find(|(suffix, _)| name.ends_with(suffix)).map(|(_, kind)| kind)
}

/// A date as `YYYY-MM-DD`, `DD-MM-YYYY` or `DD/MM/YYYY`, or a spreadsheet date.
fn parse_date(cell: &Cell) -> Option<Date> {
    if let Cell::Date(d) = cell {
        return Some(*d);
    }
    let t = cell.text();
    let parts: Vec<&str> = t.split(['-', '/', '.']).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let (y, m, d) = if a.len() == 4 { (*a, *b, *c) } else { (*c, *b, *a) };
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// A unit key written by a person: lower case, letters, digits, `-` and `_` (other characters become `-`).
pub fn clean_key(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(60).collect()
}

/// A unit or position name tidied: whitespace collapsed.
pub fn clean_name(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One employee row, every value valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The row number as the spreadsheet shows it (1 = the first row).
    pub row: usize,
    pub nip: Nip,
    pub name: EmployeeName,
    /// `None` when the sheet has no e-mail column (keep what is stored); `Some(None)` when the cell is empty.
    pub email: Option<Option<EmailAddress>>,
    pub rank: Rank,
    pub position: String,
    pub kind: PositionKind,
    pub unit: UnitRef,
    /// The unit's parent as the row gives it (`None`: not given).
    pub parent: Option<UnitRef>,
    /// The unit's kind as the row gives it.
    pub unit_kind: Option<&'static str>,
    /// The supervisor's NIP (`None`: empty — only the head has none).
    pub supervisor: Option<Nip>,
    /// `None` when the sheet has no education column.
    pub education: Option<Option<Education>>,
    /// `None` when the sheet has no TMT column or the cell is empty.
    pub rank_since: Option<Date>,
    pub active: bool,
}

/// The unit kinds the organisation knows, as stored.
pub const UNIT_KINDS: [&str; 8] =
    ["badan", "sekretariat", "bidang", "subbagian", "subbidang", "tim", "kelompok", "upt"];

/// A unit kind from a kind column or, failing that, from how the unit's name begins (`Subbagian Umum`).
pub fn parse_unit_kind(text: &str) -> Option<&'static str> {
    let t = normalize_header(text);
    if t.is_empty() {
        return None;
    }
    let starts = |p: &str| t.starts_with(p);
    Some(match () {
        _ if starts("subbag") => "subbagian",
        _ if starts("subbid") || starts("seksi") => "subbidang",
        _ if starts("sekretariat") => "sekretariat",
        _ if starts("bidang") || starts("bagian") || starts("divisi") => "bidang",
        _ if starts("upt") || starts("unitpelaksanateknis") => "upt",
        _ if starts("kelompok") => "kelompok",
        _ if starts("tim") => "tim",
        _ if starts("badan") || starts("dinas") || starts("kantor") || starts("inspektorat") || starts("biro") => {
            "badan"
        }
        _ => return None,
    })
}

/// Parses one data row. `number` is its row number in the sheet.
pub fn parse_row(columns: &Columns, number: usize, cells: &[Cell]) -> Result<Record, Vec<RowError>> {
    let empty = Cell::Empty;
    let cell = |c: Column| columns.get(c).and_then(|i| cells.get(i)).unwrap_or(&empty);
    let text = |c: Column| cell(c).text();
    let mut errors = Vec::new();
    let mut fail = |column: Column, problem: Problem, value: String| {
        errors.push(RowError { row: number, column, problem, value });
    };

    let nip = match cell(Column::Nip) {
        Cell::Float(f) if f.abs() >= 1e15 => {
            fail(Column::Nip, Problem::NipAsNumber, format!("{f:.0}"));
            None
        }
        c => match Nip::parse(&c.text()) {
            Ok(n) => Some(n),
            Err(e) => {
                fail(Column::Nip, Problem::Nip(e), c.text());
                None
            }
        },
    };
    let full_name = {
        let front = text(Column::FrontTitle);
        let back = text(Column::BackTitle);
        let mut n = text(Column::Name);
        if !front.is_empty() {
            n = format!("{front} {n}");
        }
        if !back.is_empty() {
            n = format!("{n}, {back}");
        }
        n
    };
    let name =
        EmployeeName::parse(&full_name).map_err(|e| fail(Column::Name, Problem::Name(e), full_name.clone())).ok();
    let email = if columns.has(Column::Email) {
        match text(Column::Email).as_str() {
            "" | "-" => Some(None),
            e => match EmailAddress::parse(e) {
                Ok(a) => Some(Some(a)),
                Err(err) => {
                    fail(Column::Email, Problem::Name(err), e.to_string());
                    Some(None)
                }
            },
        }
    } else {
        None
    };
    let rank_text = text(Column::Rank);
    let rank = parse_rank(&rank_text);
    if rank.is_none() {
        fail(Column::Rank, if rank_text.is_empty() { Problem::Missing } else { Problem::Rank }, rank_text);
    }
    let position = clean_name(&text(Column::Position));
    if position.is_empty() || position.chars().count() > 150 {
        fail(Column::Position, if position.is_empty() { Problem::Missing } else { Problem::TooLong }, position.clone());
    }
    let kind_text = text(Column::PositionKind);
    let kind = parse_position_kind(&kind_text, &position);
    if kind.is_none() {
        fail(Column::PositionKind, Problem::PositionKind, kind_text);
    }
    let unit = UnitRef::new(&text(Column::UnitCode), &text(Column::Unit));
    if unit.is_none() {
        fail(
            if columns.has(Column::UnitCode) { Column::UnitCode } else { Column::Unit },
            Problem::Missing,
            String::new(),
        );
    }
    let parent = UnitRef::new(&text(Column::ParentUnitCode), &text(Column::ParentUnit));
    let unit_kind_text = text(Column::UnitKind);
    let unit_kind = parse_unit_kind(&unit_kind_text);
    if !unit_kind_text.is_empty() && unit_kind.is_none() {
        fail(Column::UnitKind, Problem::UnitKind, unit_kind_text);
    }
    let supervisor_text = text(Column::Supervisor);
    let supervisor = match supervisor_text.as_str() {
        "" | "-" => None,
        s => match cell(Column::Supervisor) {
            Cell::Float(f) if f.abs() >= 1e15 => {
                fail(Column::Supervisor, Problem::NipAsNumber, s.to_string());
                None
            }
            _ => Nip::parse(s).map_err(|e| fail(Column::Supervisor, Problem::Nip(e), s.to_string())).ok(),
        },
    };
    let education = if columns.has(Column::Education) {
        match text(Column::Education).as_str() {
            "" | "-" => Some(None),
            e => match Education::parse(e) {
                Some(ed) => Some(Some(ed)),
                None => {
                    fail(Column::Education, Problem::Education, e.to_string());
                    Some(None)
                }
            },
        }
    } else {
        None
    };
    let rank_since = match cell(Column::RankSince) {
        c if c.is_empty() => None,
        c => {
            let d = parse_date(c);
            if d.is_none() {
                fail(Column::RankSince, Problem::Date, c.text());
            }
            d
        }
    };
    let status_text = text(Column::Status);
    let active = parse_status(&status_text).unwrap_or_else(|| {
        fail(Column::Status, Problem::Status, status_text);
        true
    });
    match (nip, name, rank, kind, unit, errors.is_empty()) {
        (Some(nip), Some(name), Some(rank), Some(kind), Some(unit), true) => Ok(Record {
            row: number,
            nip,
            name,
            email,
            rank,
            position,
            kind,
            unit,
            parent,
            unit_kind,
            supervisor,
            education,
            rank_since,
            active,
        }),
        _ => Err(errors),
    }
}

/// Whether a row has nothing in it (skipped, like a spreadsheet's blank lines).
pub fn is_blank(cells: &[Cell]) -> bool {
    cells.iter().all(Cell::is_empty)
}
