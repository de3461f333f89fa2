//! The text table. Each key carries its Indonesian and English text side by side.

use super::Lang;

macro_rules! texts {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        /// A user-facing text. Translate with [`Lang::t`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Id => match self { $(T::$key => $id),* },
                    Lang::En => match self { $(T::$key => $en),* },
                }
            }
        }
    };
}

texts! {
    AppName => "Kinerja", "Kinerja";
    AppTagline => "Penilaian kinerja dan umpan balik 360° berbasis kompetensi", "Competency-based performance appraisal and 360° feedback";
    SkipToContent => "Langsung ke isi", "Skip to content";
    SwitchLanguage => "English", "Bahasa Indonesia";
    SwitchLanguageLabel => "Ganti bahasa ke English", "Switch language to Bahasa Indonesia";
    MainNav => "Navigasi utama", "Main navigation";
    NavHome => "Beranda", "Home";
    NavOrg => "Organisasi", "Organisation";
    NavMyProfile => "Profil saya", "My profile";
    NavNewEmployee => "Tambah pegawai", "Add employee";
    SignIn => "Masuk", "Sign in";
    SignOut => "Keluar", "Sign out";
    SignInTitle => "Masuk ke Kinerja", "Sign in to Kinerja";
    SignInIntro => "Gunakan NIP atau nama pengguna dan kata sandi Anda.", "Use your NIP or username and your password.";
    Identifier => "NIP atau nama pengguna", "NIP or username";
    Password => "Kata sandi", "Password";
    SigningIn => "Sedang masuk…", "Signing in…";
    BadCredentials => "NIP/nama pengguna atau kata sandi salah.", "Wrong NIP/username or password.";
    TooManyAttempts => "Terlalu banyak percobaan gagal. Coba lagi dalam 15 menit.", "Too many failed attempts. Try again in 15 minutes.";
    MissingCredentials => "Isi NIP/nama pengguna dan kata sandi.", "Enter your NIP/username and password.";
    SignedInAs => "Masuk sebagai", "Signed in as";
    Loading => "Memuat…", "Loading…";
    Saving => "Menyimpan…", "Saving…";
    Save => "Simpan", "Save";
    Cancel => "Batal", "Cancel";
    Saved => "Perubahan tersimpan.", "Changes saved.";
    ErrorTitle => "Terjadi kesalahan", "Something went wrong";
    ErrNotFound => "Data tidak ditemukan.", "Not found.";
    ErrForbidden => "Anda tidak berhak membuka halaman atau data ini.", "You are not allowed to open this page or data.";
    ErrUnauthorized => "Silakan masuk terlebih dahulu.", "Please sign in first.";
    ErrInternal => "Kesalahan pada server. Coba lagi sebentar lagi; data Anda tidak berubah.", "A server error occurred. Try again shortly; your data was not changed.";
    ForbiddenTitle => "Akses ditolak (403)", "Access denied (403)";
    NotFoundTitle => "Halaman tidak ditemukan (404)", "Page not found (404)";
    BackHome => "Kembali ke beranda", "Back to home";
    Welcome => "Selamat datang", "Welcome";
    YourRoles => "Peran Anda", "Your roles";
    RoleEmployee => "Pegawai", "Employee";
    RoleSupervisor => "Atasan", "Supervisor";
    RoleHr => "Admin kepegawaian", "HR admin";
    RoleHead => "Kepala badan", "Head of agency";
    RoleTrainer => "Pelatih / BPSDM", "Trainer";
    HomeEmployee => "Lihat profil, atasan, dan unit kerja Anda.", "See your profile, supervisor and unit.";
    HomeSupervisor => "Anda membawahi pegawai berikut secara langsung.", "These employees report directly to you.";
    HomeHr => "Kelola struktur organisasi, pegawai, dan atasan langsung.", "Maintain the organisation, employees and supervisors.";
    HomeHead => "Gambaran seluruh organisasi Anda.", "An overview of your whole organisation.";
    HomeTrainer => "Lihat struktur organisasi untuk memilih calon peserta pelatihan.", "Browse the organisation to pick training candidates.";
    StatEmployees => "Pegawai aktif", "Active employees";
    StatUnits => "Unit kerja", "Units";
    StatSubtree => "Pegawai di bawah Anda", "Employees under you";
    StatDirect => "Bawahan langsung", "Direct reports";
    OrgTitle => "Struktur organisasi", "Organisation structure";
    OrgChart => "Bagan organisasi", "Organisation chart";
    OrgChartHint => "Bagan digambar di peramban. Tabel di bawah memuat data yang sama.", "The chart is drawn in the browser. The table below holds the same data.";
    UnitTree => "Pohon unit kerja", "Unit tree";
    Unit => "Unit kerja", "Unit";
    Units => "Unit kerja", "Units";
    HeadCount => "Jumlah pegawai", "Head count";
    HeadCountDirect => "Langsung", "Direct";
    HeadCountTotal => "Termasuk sub-unit", "Including sub-units";
    UnitHead => "Pimpinan unit", "Unit head";
    ParentUnit => "Unit induk", "Parent unit";
    SubUnits => "Sub-unit", "Sub-units";
    Members => "Anggota unit", "Unit members";
    NoMembers => "Belum ada pegawai di unit ini.", "No employees in this unit yet.";
    Name => "Nama", "Name";
    Nip => "NIP", "NIP";
    Position => "Jabatan", "Position";
    PositionKind => "Jenis jabatan", "Position type";
    Rank => "Pangkat/golongan", "Rank";
    Gender => "Jenis kelamin", "Gender";
    Male => "Laki-laki", "Male";
    Female => "Perempuan", "Female";
    BirthDate => "Tanggal lahir", "Birth date";
    ServiceStart => "TMT CPNS", "Start of service";
    Email => "E-mail", "E-mail";
    Status => "Status", "Status";
    Active => "Aktif", "Active";
    Inactive => "Tidak aktif", "Inactive";
    Supervisor => "Atasan langsung", "Direct supervisor";
    NoSupervisor => "Tidak ada (pimpinan tertinggi)", "None (head of agency)";
    SupervisorChain => "Rantai atasan sampai pimpinan", "Supervisor chain up to the head";
    DirectReports => "Bawahan langsung", "Direct reports";
    NoDirectReports => "Tidak ada bawahan langsung.", "No direct reports.";
    DirectoryOnly => "Anda hanya dapat melihat data direktori pegawai ini.", "You can only see this employee's directory entry.";
    Profile => "Profil pegawai", "Employee profile";
    Edit => "Ubah data", "Edit";
    Move => "Pindahkan", "Move";
    MoveTitle => "Pindahkan unit atau atasan", "Move to another unit or supervisor";
    NewSupervisorNip => "NIP atasan baru", "New supervisor's NIP";
    ErrNothingToChange => "Tidak ada perubahan: pilih atasan atau unit yang berbeda dari sekarang.", "Nothing to change: choose a supervisor or unit different from the current one.";
    SupervisorNip => "NIP atasan langsung", "Direct supervisor's NIP";
    UnitDefaultsToSupervisor => "Kosongkan untuk mengikuti unit atasan.", "Leave empty to use the supervisor's unit.";
    NewUnit => "Unit baru", "New unit";
    MoveReason => "Alasan perubahan", "Reason for the change";
    Moved => "Pegawai berhasil dipindahkan.", "The employee was moved.";
    ErrCycle => "Perpindahan ditolak: atasan baru berada di bawah pegawai ini, sehingga terjadi lingkaran atasan.", "Move refused: the new supervisor reports to this employee, which would create a loop.";
    ErrSelfSupervisor => "Pegawai tidak dapat menjadi atasan dirinya sendiri.", "An employee cannot supervise themselves.";
    ErrNoPathToHead => "Perpindahan ditolak: atasan baru tidak terhubung ke pimpinan tertinggi.", "Move refused: the new supervisor has no path to the head of agency.";
    ErrHeadCannotMove => "Pimpinan tertinggi tidak memiliki atasan dan tidak dapat dipindahkan ke bawah pegawai lain.", "The head of agency has no supervisor and cannot be placed under another employee.";
    ErrInactiveSupervisor => "Atasan baru tidak aktif.", "The new supervisor is not active.";
    ErrHasReports => "Pegawai ini masih memiliki bawahan. Pindahkan bawahannya terlebih dahulu.", "This employee still has direct reports. Move them first.";
    ErrNipTaken => "NIP ini sudah terdaftar.", "This NIP is already registered.";
    ErrRankRequired => "Pilih pangkat/golongan.", "Choose a rank.";
    ErrPositionRequired => "Pilih jabatan.", "Choose a position.";
    ErrUnitRequired => "Pilih unit kerja.", "Choose a unit.";
    ErrSupervisorRequired => "Isi NIP atasan langsung.", "Enter the direct supervisor's NIP.";
    ErrSupervisorNotFound => "Atasan dengan NIP tersebut tidak ditemukan.", "No employee with that NIP was found.";
    RankMismatch => "Perhatian: pangkat tidak lazim untuk jenis jabatan ini.", "Note: this rank is unusual for this position type.";
    NewEmployeeTitle => "Tambah pegawai", "Add an employee";
    EditEmployeeTitle => "Ubah data pegawai", "Edit employee";
    Created => "Pegawai berhasil ditambahkan.", "The employee was added.";
    NipHelp => "18 angka: tanggal lahir, TMT CPNS, jenis kelamin, nomor urut.", "18 digits: birth date, start of service, gender, sequence.";
    DerivedFromNip => "Diambil dari NIP", "Derived from the NIP";
    AuditTitle => "Riwayat perubahan", "Change history";
    AuditWho => "Oleh", "By";
    AuditWhen => "Waktu", "When";
    AuditWhat => "Perubahan", "Change";
    SupervisorHistory => "Riwayat atasan", "Supervisor history";
    Since => "Sejak", "Since";
    Until => "Sampai", "Until";
    Directory => "Direktori pegawai", "Employee directory";
    Search => "Cari", "Search";
    SearchPlaceholder => "Cari nama atau NIP", "Search by name or NIP";
    NoResults => "Tidak ada hasil.", "No results.";
    Choose => "— pilih —", "— choose —";
    ShowMore => "Tampilkan lebih banyak", "Show more";
    Total => "Total", "Total";
}
