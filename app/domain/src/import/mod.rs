//! Importing the organisation from a spreadsheet (XLSX or CSV, as SIASN exports it or as HR keeps it): the columns
//! and how their headers may be spelt ([`Column`]), a row's values ([`sheet`]), and the plan — what would be
//! created, changed, moved or deactivated, and every row's problems — computed against the organisation as it
//! stands ([`plan`]). Pure: the dry run and the applied import are the same plan.

mod plan;
pub mod sheet;
#[cfg(test)]
mod tests;

pub use plan::{
    ChangeKind, EmployeeChange, EmployeeState, Existing, ExistingEmployee, ExistingUnit, Options, Plan, UnitChange,
    plan,
};
pub use sheet::{Cell, Columns, HeaderError, Record};

use crate::{NameError, NipError};
use serde::{Deserialize, Serialize};

/// A column the import reads. Any other column is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    Nip,
    Name,
    FrontTitle,
    BackTitle,
    Email,
    Rank,
    Position,
    PositionKind,
    UnitCode,
    Unit,
    ParentUnitCode,
    ParentUnit,
    UnitKind,
    Supervisor,
    Education,
    RankSince,
    Status,
}

impl Column {
    pub const ALL: [Column; 17] = [
        Column::Nip,
        Column::Name,
        Column::FrontTitle,
        Column::BackTitle,
        Column::Email,
        Column::Rank,
        Column::Position,
        Column::PositionKind,
        Column::UnitCode,
        Column::Unit,
        Column::ParentUnitCode,
        Column::ParentUnit,
        Column::UnitKind,
        Column::Supervisor,
        Column::Education,
        Column::RankSince,
        Column::Status,
    ];

    /// Columns every sheet needs (besides a unit: its code or its name).
    pub const REQUIRED: [Column; 4] = [Column::Nip, Column::Name, Column::Rank, Column::Position];

    /// The header Kinerja writes (and documents first), in Indonesian as SIASN names it.
    pub const fn header(self) -> &'static str {
        match self {
            Column::Nip => "NIP",
            Column::Name => "Nama",
            Column::FrontTitle => "Gelar Depan",
            Column::BackTitle => "Gelar Belakang",
            Column::Email => "Email",
            Column::Rank => "Golongan",
            Column::Position => "Jabatan",
            Column::PositionKind => "Jenis Jabatan",
            Column::UnitCode => "Kode Unit",
            Column::Unit => "Unit Kerja",
            Column::ParentUnitCode => "Kode Unit Induk",
            Column::ParentUnit => "Unit Induk",
            Column::UnitKind => "Jenis Unit",
            Column::Supervisor => "NIP Atasan",
            Column::Education => "Pendidikan",
            Column::RankSince => "TMT Golongan",
            Column::Status => "Status",
        }
    }

    /// The header in English (also accepted on import).
    pub const fn header_en(self) -> &'static str {
        match self {
            Column::Nip => "NIP",
            Column::Name => "Name",
            Column::FrontTitle => "Title before",
            Column::BackTitle => "Title after",
            Column::Email => "Email",
            Column::Rank => "Rank",
            Column::Position => "Position",
            Column::PositionKind => "Position type",
            Column::UnitCode => "Unit code",
            Column::Unit => "Unit",
            Column::ParentUnitCode => "Parent unit code",
            Column::ParentUnit => "Parent unit",
            Column::UnitKind => "Unit type",
            Column::Supervisor => "Supervisor NIP",
            Column::Education => "Education",
            Column::RankSince => "Rank since",
            Column::Status => "Status",
        }
    }

    /// Every accepted spelling, normalised ([`sheet::normalize_header`]): Indonesian, SIASN's export names and
    /// English.
    pub const fn spellings(self) -> &'static [&'static str] {
        match self {
            Column::Nip => &["nip", "nipbaru", "nip18", "nippegawai", "nomorindukpegawai"],
            Column::Name => &["nama", "namalengkap", "namapegawai", "name", "fullname"],
            Column::FrontTitle => &["gelardepan", "titlebefore", "fronttitle"],
            Column::BackTitle => &["gelarbelakang", "titleafter", "backtitle"],
            Column::Email => &["email", "surel", "alamatemail", "emailkantor", "emailaddress"],
            Column::Rank => &[
                "golongan",
                "gol",
                "golru",
                "golonganruang",
                "golakhir",
                "golakhirnama",
                "golonganakhir",
                "pangkatgolongan",
                "rank",
                "grade",
            ],
            Column::Position => &["jabatan", "jabatannama", "namajabatan", "position", "positionname", "jobtitle"],
            Column::PositionKind => &[
                "jenisjabatan",
                "jenisjabatannama",
                "eselon",
                "eselonnama",
                "jenjangjabatan",
                "positiontype",
                "positionkind",
            ],
            Column::UnitCode => &["kodeunit", "unorid", "idunor", "kodeunor", "unitcode", "unitid"],
            Column::Unit => &["unitkerja", "unit", "unor", "unornama", "namaunor", "unitorganisasi", "namaunit"],
            Column::ParentUnitCode => {
                &["kodeunitinduk", "unorindukid", "kodeunorinduk", "parentunitcode", "parentunitid"]
            }
            Column::ParentUnit => &[
                "unitinduk",
                "unorinduk",
                "unorinduknama",
                "unitatasan",
                "namaunitinduk",
                "parentunit",
                "parentunitname",
            ],
            Column::UnitKind => &["jenisunit", "tipeunit", "unittype", "unitkind"],
            Column::Supervisor => &[
                "nipatasan",
                "nipatasanlangsung",
                "atasanlangsungnip",
                "nippejabatpenilai",
                "supervisornip",
                "supervisor",
            ],
            Column::Education => &[
                "pendidikan",
                "pendidikanterakhir",
                "tingkatpendidikan",
                "tingkatpendidikannama",
                "education",
                "educationlevel",
            ],
            Column::RankSince => &["tmtgolongan", "tmtgol", "tmtpangkat", "ranksince", "rankdate"],
            Column::Status => &["status", "statuspegawai", "statusaktif", "kedudukanhukum", "active"],
        }
    }

    /// The column a header names, if any.
    pub fn from_header(header: &str) -> Option<Column> {
        let h = sheet::normalize_header(header);
        Column::ALL.into_iter().find(|c| c.spellings().contains(&h.as_str()))
    }
}

/// A unit as a row names it: by code (the record key) or by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnitRef {
    pub code: Option<String>,
    pub name: Option<String>,
}

impl UnitRef {
    /// A reference from a code cell and a name cell; `None` when both are empty.
    pub fn new(code: &str, name: &str) -> Option<UnitRef> {
        let code = sheet::clean_key(code);
        let name = sheet::clean_name(name);
        match (code.is_empty(), name.is_empty()) {
            (true, true) => None,
            _ => Some(UnitRef { code: (!code.is_empty()).then_some(code), name: (!name.is_empty()).then_some(name) }),
        }
    }
}

/// What is wrong with a cell or a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// A required value is empty.
    Missing,
    Nip(NipError),
    /// An 18-digit NIP stored as a number: a spreadsheet keeps only 15 digits, so the last ones are lost.
    NipAsNumber,
    Name(NameError),
    Rank,
    PositionKind,
    UnitKind,
    Education,
    Date,
    Status,
    TooLong,
    /// The NIP appears on an earlier row.
    DuplicateNip {
        first_row: usize,
    },
    /// No such unit in the file or the organisation.
    UnknownUnit,
    /// Several units of the organisation have this name: give the unit's code.
    AmbiguousUnit,
    /// Rows give the same unit different parents or names.
    UnitConflict,
    /// The unit would sit below itself.
    UnitCycle,
    /// Deeper than the organisation allows.
    UnitTooDeep,
    /// A second top-level unit, or a new unit without a parent.
    UnitNeedsParent,
    /// The supervisor is neither in the file nor in the organisation.
    UnknownSupervisor,
    /// The supervisor is (or would become) inactive.
    InactiveSupervisor,
    SelfSupervisor,
    /// The reporting line would loop back to this person.
    Cycle,
    /// Nobody but the head may be without a supervisor.
    SupervisorRequired,
    /// The head's reporting line cannot change through an import.
    HeadCannotMove,
    /// This person would be deactivated while people still report to them.
    HasReports,
}

/// One problem of one row, with the column and the value as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// The row number as the spreadsheet shows it (0: a person who is not in the file).
    pub row: usize,
    pub column: Column,
    pub problem: Problem,
    pub value: String,
}

/// Reads a sheet row by row (rows of cells; the header among the first rows) into records and row errors. Only the
/// rows before the header are buffered, so a sheet of any length is read in one pass.
pub fn read(rows: impl IntoIterator<Item = Vec<Cell>>) -> Result<(Vec<Record>, Vec<RowError>), HeaderError> {
    let mut rows = rows.into_iter();
    let mut before: Vec<Vec<Cell>> = Vec::new();
    let columns = loop {
        let Some(row) = rows.next() else { return Err(HeaderError::NoHeader) };
        if row.iter().any(|c| Column::from_header(&c.text()) == Some(Column::Nip)) {
            break sheet::columns(&row)?;
        }
        before.push(row);
        if before.len() >= sheet::HEADER_SEARCH_ROWS {
            return Err(HeaderError::NoHeader);
        }
    };
    let mut number = before.len() + 1;
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for cells in rows {
        number += 1;
        if sheet::is_blank(&cells) {
            continue;
        }
        match sheet::parse_row(&columns, number, &cells) {
            Ok(r) => records.push(r),
            Err(e) => errors.extend(e),
        }
    }
    Ok((records, errors))
}
