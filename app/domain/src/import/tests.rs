use super::sheet::{parse_position_kind, parse_rank};
use super::*;
use crate::{PositionKind, Rank};
use proptest::prelude::*;

const HEAD: &str = "197001011995031001";
const SEK: &str = "197502022000032002";
const STAFF: &str = "199003032015041003";
const STAFF2: &str = "199104042016052004";

fn text(s: &str) -> Cell {
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }
}

fn sheet(header: &[&str], rows: &[&[&str]]) -> Vec<Vec<Cell>> {
    let mut out = vec![header.iter().map(|h| text(h)).collect::<Vec<_>>()];
    out.extend(rows.iter().map(|r| r.iter().map(|c| text(c)).collect()));
    out
}

const HEADER: [&str; 9] =
    ["NIP", "Nama", "Golongan", "Jabatan", "Jenis Jabatan", "Kode Unit", "Unit Kerja", "Kode Unit Induk", "NIP Atasan"];

fn agency() -> Vec<Vec<Cell>> {
    sheet(
        &HEADER,
        &[
            &[HEAD, "Kepala Badan", "IV/c", "Kepala Badan", "JPT Pratama", "bkd", "Badan Kepegawaian Daerah", "", ""],
            &[SEK, "Sekretaris", "IV/a", "Sekretaris", "Administrator", "sek", "Sekretariat", "bkd", HEAD],
            &[STAFF, "Staf Satu", "III/a", "Analis SDM Aparatur Ahli Pertama", "Fungsional", "sek", "", "", SEK],
            &[STAFF2, "Staf Dua", "II/c", "Pengadministrasi Umum", "Pelaksana", "sek", "", "", SEK],
        ],
    )
}

fn plan_of(rows: Vec<Vec<Cell>>, existing: &Existing, options: Options) -> Plan {
    let (records, errors) = read(rows).unwrap();
    plan(&records, errors, existing, options)
}

/// The organisation a plan leaves behind, as the next import would see it.
fn applied(existing: &Existing, p: &Plan) -> Existing {
    let mut out = existing.clone();
    for u in &p.units {
        let unit = ExistingUnit {
            key: u.key.clone(),
            name: u.name.clone(),
            kind: u.kind.clone(),
            parent: u.parent.clone(),
            depth: u.depth,
            leader: u.leader.clone(),
        };
        match out.units.iter_mut().find(|x| x.key == u.key) {
            Some(x) => *x = unit,
            None => out.units.push(unit),
        }
    }
    for e in &p.employees {
        let emp = ExistingEmployee { nip: e.nip.clone(), state: e.after.clone() };
        match out.employees.iter_mut().find(|x| x.nip == e.nip) {
            Some(x) => *x = emp,
            None => out.employees.push(emp),
        }
    }
    if out.head.is_none() {
        out.head = out.units.iter().find(|u| u.parent.is_none()).and_then(|u| u.leader.clone());
    }
    out
}

#[test]
fn an_empty_organisation_is_built_from_one_sheet() {
    let p = plan_of(agency(), &Existing::default(), Options::default());
    assert_eq!(p.errors, vec![]);
    assert_eq!(p.rows, 4);
    assert_eq!(p.count(ChangeKind::New), 4);
    assert_eq!(p.new_units(), 2);
    let top = &p.units[0];
    assert_eq!((top.key.as_str(), top.depth, top.parent.as_deref(), top.kind.as_str()), ("bkd", 1, None, "badan"));
    assert_eq!(top.leader.as_deref(), Some(HEAD));
    let sek = &p.units[1];
    assert_eq!((sek.depth, sek.parent.as_deref(), sek.kind.as_str()), (2, Some("bkd"), "sekretariat"));
    assert_eq!(sek.leader.as_deref(), Some(SEK), "the one member whose supervisor is outside the unit");
    let staff = p.employees.iter().find(|e| e.nip == STAFF).unwrap();
    assert_eq!(staff.after.kind, "ahli_pertama", "the level read from the position's name");
    assert_eq!(staff.after.unit, "sek");
}

#[test]
fn importing_what_is_stored_changes_nothing() {
    let first = plan_of(agency(), &Existing::default(), Options::default());
    let stored = applied(&Existing::default(), &first);
    let again = plan_of(agency(), &stored, Options::default());
    assert_eq!(again.errors, vec![]);
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(again.unchanged, 4);
}

#[test]
fn moves_changes_and_deactivations_are_told_apart() {
    let stored = applied(&Existing::default(), &plan_of(agency(), &Existing::default(), Options::default()));
    let rows = sheet(
        &HEADER,
        &[
            &[HEAD, "Kepala Badan", "IV/c", "Kepala Badan", "JPT Pratama", "bkd", "Badan Kepegawaian Daerah", "", ""],
            &[SEK, "Sekretaris", "IV/b", "Sekretaris", "Administrator", "sek", "Sekretariat", "bkd", HEAD],
            &[STAFF, "Staf Satu", "III/a", "Analis SDM Aparatur Ahli Pertama", "Fungsional", "bkd", "", "", HEAD],
        ],
    );
    let p = plan_of(rows.clone(), &stored, Options::default());
    assert_eq!(p.errors, vec![]);
    assert_eq!(p.count(ChangeKind::Changed), 1);
    assert_eq!(p.count(ChangeKind::Moved), 1);
    assert_eq!(p.count(ChangeKind::Deactivated), 0, "people not in the file stay unless asked");
    let p = plan_of(rows, &stored, Options { deactivate_missing: true });
    let gone: Vec<&str> =
        p.employees.iter().filter(|e| e.kind == ChangeKind::Deactivated).map(|e| e.nip.as_str()).collect();
    assert_eq!(gone, vec![STAFF2]);
}

#[test]
fn reporting_lines_that_loop_or_lead_nowhere_are_refused_on_their_rows() {
    let stored = applied(&Existing::default(), &plan_of(agency(), &Existing::default(), Options::default()));
    // The secretary would report to their own staff, who reports to the secretary.
    let rows = sheet(
        &HEADER,
        &[
            &[SEK, "Sekretaris", "IV/a", "Sekretaris", "Administrator", "sek", "Sekretariat", "bkd", STAFF],
            &[STAFF, "Staf Satu", "III/a", "Analis SDM Aparatur Ahli Pertama", "Fungsional", "sek", "", "", SEK],
            &["198001012005011001", "Baru", "III/b", "Analis", "Pelaksana", "sek", "", "", "198501012010011001"],
            &["198201012006012001", "Tanpa Atasan", "III/b", "Analis", "Pelaksana", "sek", "", "", ""],
        ],
    );
    let p = plan_of(rows, &stored, Options::default());
    let problems: Vec<(usize, Problem)> = p.errors.iter().map(|e| (e.row, e.problem.clone())).collect();
    assert!(problems.contains(&(2, Problem::Cycle)), "{problems:?}");
    assert!(problems.contains(&(3, Problem::Cycle)), "{problems:?}");
    assert!(problems.contains(&(4, Problem::UnknownSupervisor)), "{problems:?}");
    assert!(problems.contains(&(5, Problem::SupervisorRequired)), "{problems:?}");
}

#[test]
fn nobody_is_deactivated_while_people_report_to_them() {
    let stored = applied(&Existing::default(), &plan_of(agency(), &Existing::default(), Options::default()));
    let mut header = HEADER.to_vec();
    header.push("Status");
    let rows =
        sheet(&header, &[&[SEK, "Sekretaris", "IV/a", "Sekretaris", "Administrator", "sek", "", "", HEAD, "Pensiun"]]);
    let p = plan_of(rows, &stored, Options::default());
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!((p.errors[0].row, &p.errors[0].problem), (2, &Problem::HasReports));
    assert!(p.errors[0].value.contains(STAFF));
}

#[test]
fn duplicate_nips_unknown_units_and_bad_cells_name_their_row_and_column() {
    let rows = sheet(
        &HEADER,
        &[
            &[HEAD, "Kepala Badan", "IV/c", "Kepala Badan", "JPT Pratama", "bkd", "Badan", "", ""],
            &[HEAD, "Kepala Lagi", "IV/c", "Kepala Badan", "JPT Pratama", "bkd", "Badan", "", ""],
            &["1970", "Pendek", "IV/c", "Kepala", "JPT Pratama", "bkd", "", "", HEAD],
            &[SEK, "Sekretaris", "V/z", "Sekretaris", "Bos", "sek", "Sekretariat", "tidakada", HEAD],
        ],
    );
    let p = plan_of(rows, &Existing::default(), Options::default());
    let found: Vec<(usize, Column)> = p.errors.iter().map(|e| (e.row, e.column)).collect();
    assert!(found.contains(&(3, Column::Nip)), "{found:?}");
    assert!(found.contains(&(4, Column::Nip)), "{found:?}");
    assert!(found.contains(&(5, Column::Rank)), "{found:?}");
    assert!(found.contains(&(5, Column::PositionKind)), "{found:?}");
    assert_eq!(p.errors.iter().find(|e| e.row == 3).unwrap().problem, Problem::DuplicateNip { first_row: 2 });
}

#[test]
fn an_unknown_parent_unit_is_refused() {
    let rows = sheet(
        &HEADER,
        &[
            &[HEAD, "Kepala Badan", "IV/c", "Kepala Badan", "JPT Pratama", "bkd", "Badan", "", ""],
            &[SEK, "Sekretaris", "IV/a", "Sekretaris", "Administrator", "sek", "Sekretariat", "tidakada", HEAD],
        ],
    );
    let p = plan_of(rows, &Existing::default(), Options::default());
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(
        (p.errors[0].row, p.errors[0].column, &p.errors[0].problem),
        (3, Column::ParentUnitCode, &Problem::UnknownUnit)
    );
}

#[test]
fn nips_stored_as_numbers_lose_digits_and_say_so() {
    let mut rows = agency();
    rows[1][0] = Cell::Float(197001011995031001.0);
    rows[2][0] = Cell::Text("'1975.0202.2000.03.2.002".into());
    let (records, errors) = read(rows).unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, &errors[0].problem), (2, &Problem::NipAsNumber));
    assert_eq!(records[0].nip.as_str(), SEK, "dots and the spreadsheet's text prefix are ignored");
}

#[test]
fn ranks_and_position_kinds_are_read_as_siasn_and_people_write_them() {
    assert_eq!(parse_rank("III/c"), Some(Rank::IIIc));
    assert_eq!(parse_rank("Penata Tk. I - III/d"), Some(Rank::IIId));
    assert_eq!(parse_rank("33"), Some(Rank::IIIc));
    assert_eq!(parse_rank("45"), Some(Rank::IVe));
    assert_eq!(parse_rank("35"), None);
    assert_eq!(parse_position_kind("Eselon II.b", "Kepala Dinas"), Some(PositionKind::JptPratama));
    assert_eq!(parse_position_kind("IV.a", "Kepala Subbagian"), Some(PositionKind::Pengawas));
    assert_eq!(parse_position_kind("JFU", "Pengadministrasi"), Some(PositionKind::Pelaksana));
    assert_eq!(parse_position_kind("", "Pranata Komputer Mahir"), Some(PositionKind::Mahir));
    assert_eq!(parse_position_kind("ahli_muda", ""), Some(PositionKind::AhliMuda));
    assert_eq!(parse_position_kind("Fungsional", "Analis"), None);
}

#[test]
fn the_header_may_follow_title_rows_and_needs_its_required_columns() {
    let mut rows = vec![vec![text("DAFTAR PEGAWAI BKD")], vec![]];
    rows.extend(agency());
    let (records, errors) = read(rows).unwrap();
    assert_eq!((records.len(), errors.len()), (4, 0));
    assert_eq!(records[0].row, 4, "row numbers as the spreadsheet shows them");
    let missing = read(sheet(&["NIP", "Nama"], &[])).unwrap_err();
    assert_eq!(missing, HeaderError::Missing(vec![Column::Rank, Column::Position, Column::Unit]));
    assert_eq!(read(sheet(&["Nama"], &[])).unwrap_err(), HeaderError::NoHeader);
    assert_eq!(read(sheet(&["NIP", "NIP Baru"], &[])).unwrap_err(), HeaderError::Twice(Column::Nip));
}

/// Header spellings of each column (the first is Kinerja's own).
fn spelling(column: Column, pick: usize, case: u8) -> String {
    let mut variants = vec![column.header().to_string()];
    variants.extend(column.spellings().iter().map(|s| s.to_string()));
    let chosen = variants[pick % variants.len()].clone();
    match case % 3 {
        0 => chosen.to_uppercase(),
        1 => format!("  {chosen} "),
        _ => chosen.replace(' ', "_"),
    }
}

proptest! {
    #[test]
    fn any_column_order_and_header_spelling_reads_the_same(
        order in Just((0..HEADER.len()).collect::<Vec<_>>()).prop_shuffle(),
        picks in proptest::collection::vec((0usize..12, 0u8..3), HEADER.len()),
        extra in proptest::option::of("[A-Za-z ]{1,12}"),
    ) {
        let base = agency();
        let columns: Vec<Column> = base[0].iter().map(|c| Column::from_header(&c.text()).unwrap()).collect();
        let mut rows: Vec<Vec<Cell>> = base
            .iter()
            .enumerate()
            .map(|(r, row)| order.iter().map(|&i| if r == 0 { text(&spelling(columns[i], picks[i].0, picks[i].1)) } else { row[i].clone() }).collect())
            .collect();
        if let Some(extra) = extra.filter(|e| Column::from_header(e).is_none()) {
            for (r, row) in rows.iter_mut().enumerate() {
                row.insert(0, text(if r == 0 { &extra } else { "x" }));
            }
        }
        let expected = read(agency()).unwrap();
        let got = read(rows).unwrap();
        prop_assert_eq!(got.0, expected.0);
        prop_assert_eq!(got.1, expected.1);
    }

    #[test]
    fn garbage_never_panics_and_every_error_names_a_row(
        cells in proptest::collection::vec(proptest::collection::vec(
            prop_oneof![
                Just(Cell::Empty),
                "\\PC{0,24}".prop_map(Cell::Text),
                any::<i64>().prop_map(Cell::Int),
                any::<f64>().prop_map(Cell::Float),
                "[0-9./' ]{0,24}".prop_map(Cell::Text),
            ], 0..12), 0..12),
    ) {
        let mut rows = vec![HEADER.iter().map(|h| text(h)).collect::<Vec<_>>()];
        rows.extend(cells);
        let (records, errors) = read(rows).unwrap();
        let p = plan(&records, errors, &Existing::default(), Options::default());
        prop_assert!(p.errors.iter().all(|e| e.row >= 2));
        prop_assert!(p.employees.iter().all(|e| e.row >= 2));
    }
}
