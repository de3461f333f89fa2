//! Names for the demo agency: units, positions and people (Indonesian first names, family names and titles).

use domain::PositionKind;

pub const AGENCY: &str = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Provinsi Nusantara";
pub const REGION: &str = "Provinsi Nusantara";
pub const HEAD_POSITION: &str = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia";

/// Fields (bidang) of the agency; the secretariat is field 0.
pub const BIDANG: [&str; 8] = [
    "Pengembangan Kompetensi Aparatur",
    "Mutasi dan Promosi",
    "Penilaian Kinerja dan Penghargaan",
    "Pengadaan, Pemberhentian dan Informasi",
    "Pembinaan dan Disiplin",
    "Perencanaan Kebutuhan Pegawai",
    "Sistem Informasi Kepegawaian",
    "Kesejahteraan Pegawai",
];

const SUB_UNITS: [[&str; 4]; 9] = [
    ["Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Evaluasi", "Hukum dan Kerja Sama"],
    ["Kompetensi Manajerial", "Kompetensi Teknis", "Kompetensi Fungsional", "Sertifikasi dan Akreditasi"],
    ["Mutasi Jabatan", "Promosi dan Seleksi Terbuka", "Kepangkatan", "Pemindahan Antar Instansi"],
    ["Penilaian Kinerja", "Penghargaan", "Manajemen Talenta", "Evaluasi Jabatan"],
    ["Pengadaan", "Pemberhentian dan Pensiun", "Data dan Informasi", "Status Kepegawaian"],
    ["Pembinaan Pegawai", "Disiplin", "Kode Etik", "Konseling"],
    ["Analisis Jabatan", "Formasi", "Beban Kerja", "Peta Jabatan"],
    ["Aplikasi", "Infrastruktur", "Layanan Data", "Keamanan Informasi"],
    ["Jaminan Sosial", "Cuti dan Izin", "Kesehatan Pegawai", "Perumahan"],
];

/// The name of sub-unit `s` of field `field` (numbered beyond the named ones).
pub fn sub_unit_name(field: usize, s: usize) -> String {
    let names = &SUB_UNITS[field % SUB_UNITS.len()];
    match names.get(s) {
        Some(n) => (*n).to_string(),
        None => format!("{} {}", names[s % names.len()], s / names.len() + 1),
    }
}

/// Staff positions typical for a field.
pub fn staff_positions(field: usize) -> &'static [(&'static str, PositionKind)] {
    const SECRETARIAT: &[(&str, PositionKind)] = &[
        ("Pengadministrasi Perkantoran", PositionKind::Pelaksana),
        ("Penata Laporan Keuangan", PositionKind::Pelaksana),
        ("Pengelola Barang Milik Negara", PositionKind::Pelaksana),
        ("Arsiparis Terampil", PositionKind::Terampil),
        ("Arsiparis Ahli Pertama", PositionKind::AhliPertama),
        ("Perencana Ahli Pertama", PositionKind::AhliPertama),
        ("Analis Keuangan Pusat dan Daerah Ahli Muda", PositionKind::AhliMuda),
        ("Pengemudi", PositionKind::Pelaksana),
    ];
    const COMPETENCE: &[(&str, PositionKind)] = &[
        ("Widyaiswara Ahli Muda", PositionKind::AhliMuda),
        ("Widyaiswara Ahli Madya", PositionKind::AhliMadya),
        ("Widyaiswara Ahli Utama", PositionKind::AhliUtama),
        ("Analis Kebijakan Ahli Pertama", PositionKind::AhliPertama),
        ("Pengelola Pelatihan", PositionKind::Pelaksana),
        ("Pranata SDM Aparatur Mahir", PositionKind::Mahir),
        ("Pranata SDM Aparatur Pemula", PositionKind::Pemula),
    ];
    const IT: &[(&str, PositionKind)] = &[
        ("Pranata Komputer Ahli Pertama", PositionKind::AhliPertama),
        ("Pranata Komputer Ahli Muda", PositionKind::AhliMuda),
        ("Pranata Komputer Terampil", PositionKind::Terampil),
        ("Pranata Komputer Penyelia", PositionKind::Penyelia),
        ("Pengelola Data Kepegawaian", PositionKind::Pelaksana),
    ];
    const HR: &[(&str, PositionKind)] = &[
        ("Analis SDM Aparatur Ahli Pertama", PositionKind::AhliPertama),
        ("Analis SDM Aparatur Ahli Muda", PositionKind::AhliMuda),
        ("Analis SDM Aparatur Ahli Madya", PositionKind::AhliMadya),
        ("Pranata SDM Aparatur Terampil", PositionKind::Terampil),
        ("Pranata SDM Aparatur Mahir", PositionKind::Mahir),
        ("Pranata SDM Aparatur Penyelia", PositionKind::Penyelia),
        ("Pengelola Kepegawaian", PositionKind::Pelaksana),
        ("Pengadministrasi Kepegawaian", PositionKind::Pelaksana),
        ("Pengolah Data Kepegawaian", PositionKind::Pelaksana),
        ("Asesor SDM Aparatur Ahli Muda", PositionKind::AhliMuda),
    ];
    match field {
        0 => SECRETARIAT,
        1 => COMPETENCE,
        7 => IT,
        _ => HR,
    }
}

/// The position of a team lead (ketua tim) in a field.
pub fn team_lead(field: usize) -> (&'static str, PositionKind) {
    match field {
        0 => ("Perencana Ahli Muda (Ketua Tim)", PositionKind::AhliMuda),
        1 => ("Widyaiswara Ahli Madya (Ketua Tim)", PositionKind::AhliMadya),
        7 => ("Pranata Komputer Ahli Madya (Ketua Tim)", PositionKind::AhliMadya),
        _ => ("Analis SDM Aparatur Ahli Madya (Ketua Tim)", PositionKind::AhliMadya),
    }
}

/// The position of a group coordinator in a field.
pub fn group_coordinator(field: usize, g: usize) -> (&'static str, PositionKind) {
    match (field, g % 2) {
        (7, 0) => ("Pranata Komputer Ahli Muda (Koordinator Kelompok)", PositionKind::AhliMuda),
        (7, _) => ("Pranata Komputer Penyelia (Koordinator Kelompok)", PositionKind::Penyelia),
        (_, 0) => ("Analis SDM Aparatur Ahli Muda (Koordinator Kelompok)", PositionKind::AhliMuda),
        _ => ("Pranata SDM Aparatur Penyelia (Koordinator Kelompok)", PositionKind::Penyelia),
    }
}

const MALE: &[&str] = &[
    "Budi",
    "Agus",
    "Ahmad",
    "Andi",
    "Arif",
    "Bambang",
    "Dedi",
    "Dwi",
    "Eko",
    "Fajar",
    "Hadi",
    "Hendra",
    "Heru",
    "Imam",
    "Joko",
    "Kurniawan",
    "Made",
    "Muhammad",
    "Nur",
    "Rahmat",
    "Rizki",
    "Slamet",
    "Sugeng",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Irfan",
    "Ketut",
    "Gede",
    "Yohanes",
    "Daniel",
    "Fransiskus",
    "Rudi",
    "Syamsul",
    "Taufik",
    "Umar",
];
const FEMALE: &[&str] = &[
    "Siti",
    "Sri",
    "Dewi",
    "Ani",
    "Rina",
    "Lestari",
    "Nurul",
    "Fitri",
    "Indah",
    "Ayu",
    "Putri",
    "Ratna",
    "Wulan",
    "Yuliana",
    "Nining",
    "Endang",
    "Kartika",
    "Maria",
    "Ni Luh",
    "Ni Made",
    "Rahmawati",
    "Novi",
    "Dian",
    "Eka",
    "Intan",
    "Maya",
    "Mega",
    "Nadia",
    "Ratih",
    "Sari",
    "Theresia",
    "Wahyuni",
    "Yanti",
    "Zahra",
];
const FAMILY: &[&str] = &[
    "Santoso",
    "Wibowo",
    "Saputra",
    "Pratama",
    "Hidayat",
    "Nugroho",
    "Setiawan",
    "Susanto",
    "Gunawan",
    "Kusuma",
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Sitompul",
    "Wijaya",
    "Putra",
    "Rahman",
    "Hakim",
    "Permana",
    "Suryadi",
    "Purnomo",
    "Pangaribuan",
    "Manurung",
    "Tanjung",
    "Daulay",
    "Sinaga",
    "Firmansyah",
    "Lumbantobing",
];
/// Second names used by women only.
const FEMALE_FAMILY: &[&str] =
    &["Utami", "Handayani", "Sulistyowati", "Rahayu", "Yulianti", "Kurniasih", "Anggraini", "Maharani"];
const DEGREES: &[&str] = &["S.E.", "S.H.", "S.Kom.", "S.Sos.", "S.Psi.", "S.AP.", "S.T.", "S.Pd.", "S.Si.", "S.IP."];
const MASTERS: &[&str] = &["M.Si.", "M.M.", "M.AP.", "M.Kom.", "M.H.", "M.Psi."];

/// A full name with academic titles for graduates. Returns (first name, full name).
pub fn full_name(next: &mut dyn FnMut() -> u64, female: bool, graduate: bool) -> (String, String) {
    fn pick(next: &mut dyn FnMut() -> u64, list: &[&'static str]) -> &'static str {
        list[(next() % list.len() as u64) as usize]
    }
    let given = if female { FEMALE } else { MALE };
    let first = pick(next, given);
    let second = pick(next, given);
    let family = if female && next().is_multiple_of(3) { pick(next, FEMALE_FAMILY) } else { pick(next, FAMILY) };
    let two_given = next().is_multiple_of(3) && second != first;
    let mut name = if two_given { format!("{first} {second} {family}") } else { format!("{first} {family}") };
    if graduate {
        name.push_str(", ");
        name.push_str(pick(next, DEGREES));
        if next().is_multiple_of(4) {
            name.push_str(", ");
            name.push_str(pick(next, MASTERS));
        }
    }
    (first.replace(' ', ""), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::EmployeeName;

    #[test]
    fn generated_names_pass_the_name_parser() {
        let mut state = 1u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            state >> 11
        };
        for i in 0..500 {
            let (_, name) = full_name(&mut next, i % 2 == 0, i % 3 == 0);
            assert!(EmployeeName::parse(&name).is_ok(), "{name}");
        }
    }

    #[test]
    fn sub_unit_names_are_unique_within_a_field() {
        let names: Vec<String> = (0..12).map(|s| sub_unit_name(2, s)).collect();
        let mut dedup = names.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(names.len(), dedup.len());
    }
}
