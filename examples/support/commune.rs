//! The commune and province parts of the benchmark (issue 14, "Performance"):
//!
//! 1. 200 village bundles (10 communes x 20 villages, one folder) imported by the release
//!    binary, `kehoach import --db NEW.db --yes FOLDER`, wall time from spawn to exit; then
//!    the same folder again into the filled database (every file unchanged).
//! 2. Forms 1-2, 5, 6, B1 and B2 of one 20-village commune: `Store::commune_year`, the
//!    commune bundle, and the XLSX, HTML and CSV files rendered in memory.
//! 3. A province: 1,764 bundles in 141 communes (12 or 13 villages each), imported one
//!    commune folder (one USB stick) at a time as the import screen does (dry run, then one
//!    command per sound file), then every commune's forms rendered; in a child process,
//!    which reports its peak RSS (VmHWM).
//!
//! The bundles are the demo's Buôn Kram 2026 cycle (`kehoach::demo`) with a commune code,
//! commune name, village code and village name of their own (~70 kB each).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kehoach::commands::import::{FilePlan, Verdict};
use kehoach::commands::{Command as KCommand, ImportCommand, execute};
use kehoach::domain::record::CycleRecord;
use kehoach::export::Format;
use kehoach::export::bundle::{Bundle, Stamp};
use kehoach::export::commune::{CommuneBundle, CommuneRendering};
use kehoach::i18n::Lang;
use kehoach::store::Store;

/// Targets from issue 14.
pub const TARGET_IMPORT_200_S: f64 = 2.0;
/// Forms 5 and 6 of a 20-village commune, built and rendered.
pub const TARGET_FORMS_MS: f64 = 50.0;
/// The province run's time.
pub const TARGET_PROVINCE_S: f64 = 30.0;
/// The province run's peak RSS.
pub const TARGET_PROVINCE_MB: f64 = 100.0;

/// The demo village's 2026 record, the model of every generated bundle.
fn model_record() -> CycleRecord {
    let mut store = Store::open_in_memory().expect("store");
    let cycle = kehoach::demo::populate(&mut store).expect("demo");
    store.cycle_record(cycle).expect("record")
}

/// Writes `villages` bundles per commune (`communes` of them) under `dir`, one folder per
/// commune when `folders`, else all in `dir`. Returns the number of bytes written.
pub fn write_bundles(dir: &Path, villages: &[usize], folders: bool) -> u64 {
    let marker = dir.join(".complete");
    let total: usize = villages.iter().sum();
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(&total.to_string()) {
        return dir_bytes(dir);
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("bundle folder");
    let model = model_record();
    let mut bytes = 0u64;
    for (c, &n) in villages.iter().enumerate() {
        let folder = if folders {
            dir.join(format!("xa-{c:03}"))
        } else {
            dir.to_path_buf()
        };
        std::fs::create_dir_all(&folder).expect("commune folder");
        for v in 0..n {
            let mut r = model.clone();
            r.commune_code = format!("BENCH-{c:03}");
            r.commune.name = format!("Xã Thử Nghiệm {c}");
            r.village_code = format!("BENCH-{c:03}-{v:02}");
            r.village.name = format!("Buôn {v} Xã {c}");
            let b = Bundle::new(r, false, &Stamp::now()).to_bytes();
            bytes += b.len() as u64;
            let name = folder.join(format!("xa-{c:03}-thon-{v:02}.json"));
            std::fs::write(name, b).expect("write bundle");
        }
    }
    std::fs::write(marker, total.to_string()).expect("marker");
    bytes
}

fn dir_bytes(dir: &Path) -> u64 {
    walk(dir)
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    out
}

/// What the 200-bundle import measured.
pub struct Import200 {
    /// Bundles and their total size.
    pub files: usize,
    /// Bytes of the files.
    pub bytes: u64,
    /// Wall time of each import into a new database.
    pub fresh: Vec<Duration>,
    /// Wall time of each import of the same folder into the filled database.
    pub again: Vec<Duration>,
    /// The filled database (for the forms).
    pub db: PathBuf,
}

/// `kehoach import --yes` of 200 bundles into a new database, `runs` times.
pub fn import_200(kehoach: &Path, data: &Path, runs: usize) -> Import200 {
    let dir = data.join("bundles-200");
    let bytes = write_bundles(&dir, &[20; 10], false);
    let db = data.join("commune-200.db");
    let mut out = Import200 {
        files: 200,
        bytes,
        fresh: vec![],
        again: vec![],
        db: db.clone(),
    };
    for _ in 0..runs {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
        out.fresh.push(run_import(kehoach, data, &db, &dir));
        out.again.push(run_import(kehoach, data, &db, &dir));
    }
    let store = Store::open(&db).expect("open");
    let communes = store.communes().expect("communes");
    assert_eq!(communes.len(), 10, "every commune imported");
    out
}

fn run_import(kehoach: &Path, data: &Path, db: &Path, dir: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(kehoach)
        .args(["import", "--db"])
        .arg(db)
        .arg("--yes")
        .arg(dir)
        .env("HOME", data)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("run kehoach import");
    let took = start.elapsed();
    assert!(status.success(), "kehoach import failed");
    took
}

/// What building and rendering one commune's forms measured.
pub struct Forms {
    /// Villages of the commune.
    pub villages: usize,
    /// `commune_year` + bundle + XLSX, HTML and CSV rendered (no I/O).
    pub full: Vec<Duration>,
    /// `commune_year` alone.
    pub read: Vec<Duration>,
    /// Bytes rendered.
    pub bytes: usize,
}

/// The commune's forms of 2026 in XLSX, HTML and CSV, in memory: (files, bytes).
fn render_forms(store: &Store, commune: kehoach::domain::CommuneId) -> (usize, usize) {
    let (commune, code) = store.commune_with_code(commune).expect("commune");
    let villages = store.commune_year(commune.id, 2026).expect("commune year");
    let bundle = CommuneBundle::new(commune, code, 2026, villages, false, &Stamp::now());
    let (mut files, mut bytes) = (0, 0);
    let rendering = CommuneRendering::new(&bundle, Lang::Vi);
    for f in [Format::Xlsx, Format::Html, Format::Csv] {
        for (_, b) in rendering.render(f).expect("render") {
            files += 1;
            bytes += b.len();
        }
    }
    (files, bytes)
}

/// Forms of the first 20-village commune of `db`, `runs` times.
pub fn forms_20(db: &Path, runs: usize) -> Forms {
    let store = Store::open(db).expect("open");
    let commune = store.communes().expect("communes")[0].id;
    let villages = store.commune_year(commune, 2026).expect("year").len();
    let mut out = Forms {
        villages,
        full: vec![],
        read: vec![],
        bytes: 0,
    };
    render_forms(&store, commune);
    for _ in 0..runs {
        let start = Instant::now();
        out.bytes = render_forms(&store, commune).1;
        out.full.push(start.elapsed());
        let start = Instant::now();
        store.commune_year(commune, 2026).expect("year");
        out.read.push(start.elapsed());
    }
    out
}

/// The province's commune sizes: 141 communes, 1,764 villages.
pub fn province_sizes(communes: usize) -> Vec<usize> {
    // 1,764 = 141 x 12 + 72: the first 72 communes have 13 villages.
    (0..communes)
        .map(|c| if c < 72 { 13 } else { 12 })
        .collect()
}

/// What the province run measured (reported by the child).
pub struct Province {
    /// Communes and villages.
    pub communes: usize,
    /// Villages.
    pub villages: usize,
    /// Bytes of the bundles.
    pub bytes: u64,
    /// Import of every commune folder.
    pub import: Duration,
    /// Every commune's forms rendered.
    pub forms: Duration,
    /// The home tree read once at the end (`Store::home_entries`).
    pub home: Duration,
    /// Lines of the home tree.
    pub home_lines: usize,
    /// Peak RSS of the child, kB.
    pub rss_kb: u64,
}

/// Runs the province in a child process (`bench --province DIR DB`).
pub fn province(exe: &Path, data: &Path, communes: usize) -> Province {
    let sizes = province_sizes(communes);
    let dir = data.join(format!("province-{communes}"));
    let bytes = write_bundles(&dir, &sizes, true);
    let db = data.join("province.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let mut child = Command::new(exe);
    child.arg("--province").arg(&dir).arg(&db);
    let text = child_report(child);
    let field = |name: &str| field(&text, name);
    Province {
        communes,
        villages: sizes.iter().sum(),
        bytes,
        import: Duration::from_micros(field("import_us=")),
        forms: Duration::from_micros(field("forms_us=")),
        home: Duration::from_micros(field("home_us=")),
        home_lines: field("home_lines=") as usize,
        rss_kb: field("rss_kb="),
    }
}

/// Runs a child of the benchmark and returns what it printed (its `name=value` report).
pub fn child_report(mut child: Command) -> String {
    let out = child
        .stderr(Stdio::inherit())
        .output()
        .expect("run the benchmark's child");
    assert!(out.status.success(), "the benchmark's child failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The number after `name` (e.g. `import_us=`) in a child's report.
pub fn field(report: &str, name: &str) -> u64 {
    report
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix(name))
        .and_then(|v| v.parse().ok())
        .expect("the child's report")
}

/// The child: imports every commune folder of `dir` into `db`, then renders every
/// commune's forms; prints its figures on stdout.
pub fn child_province(dir: &Path, db: &Path, peak_rss_kb: fn() -> u64) {
    let mut store = Store::open(db).expect("open");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let start = Instant::now();
    for folder in &folders {
        let gathered = kehoach::receive::files::gather(Lang::Vi, std::slice::from_ref(folder))
            .expect("gather");
        let plans = kehoach::commands::import::plan(&store, &gathered.files).expect("plan");
        for (plan, file) in plans.iter().zip(&gathered.files) {
            let FilePlan::Ready { planned, .. } = plan else {
                panic!("refused: {}", file.file_name);
            };
            assert!(matches!(planned.verdict, Verdict::New), "a new village");
            let command = KCommand::Import(ImportCommand {
                file: file.clone(),
                conflict_reason: None,
            });
            execute(&mut store, command).expect("import");
        }
    }
    let import = start.elapsed();
    let start = Instant::now();
    let communes = store.communes().expect("communes");
    assert_eq!(communes.len(), folders.len(), "one commune per folder");
    for c in &communes {
        render_forms(&store, c.id);
    }
    let forms = start.elapsed();
    let start = Instant::now();
    let home_lines = store.home_entries().expect("home").len();
    let home = start.elapsed();
    println!(
        "import_us={} forms_us={} home_us={} home_lines={home_lines} rss_kb={}",
        import.as_micros(),
        forms.as_micros(),
        home.as_micros(),
        peak_rss_kb()
    );
}
