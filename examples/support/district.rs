//! The district part of the benchmark (issue 14, item 6), run in a child process after
//! the province part (which leaves `province.db`: 141 communes held village by village):
//!
//! 1. Every commune's 2026 bundle written from `province.db` (`CommuneBundle`, as
//!    `kehoach commune export --format json` writes it), ten communes per folder (one
//!    district's USB stick).
//! 2. The 141 commune bundles imported into a new district database, one folder at a time
//!    as the import screen does (dry run, then one command and one transaction per file).
//! 3. The district forms at province scale: the 141 communes as one district,
//!    `Store::district_year` and the three forms built and laid out as XLSX, HTML and CSV
//!    in memory (without the district bundle, whose JSON would carry every record).
//! 4. One real-size district (the first ten communes): the whole export, forms and the
//!    district bundle in every format, in memory.
//!
//! The child prints its figures and its peak RSS (VmHWM) on stdout.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use kehoach::commands::import::{FilePlan, Verdict};
use kehoach::commands::{Command as KCommand, ImportCommand, execute};
use kehoach::domain::CommuneId;
use kehoach::export::Format;
use kehoach::export::bundle::Stamp;
use kehoach::export::commune::CommuneBundle;
use kehoach::export::district::{DistrictBundle, DistrictRendering};
use kehoach::export::forms::district::{DistrictYear, district_forms};
use kehoach::export::{csv, html, xlsx};
use kehoach::i18n::Lang;
use kehoach::store::Store;

/// Communes per folder (one district's stick).
const PER_STICK: usize = 10;

/// What the district run measured (reported by the child).
pub struct District {
    /// Commune bundles and their bytes.
    pub communes: usize,
    /// Bytes of the commune bundles.
    pub bytes: u64,
    /// Writing every commune's bundle from the province database.
    pub export: Duration,
    /// Importing them into a new district database.
    pub import: Duration,
    /// The district forms of all communes, built and laid out (no bundle).
    pub forms: Duration,
    /// Rows of the list by sector.
    pub rows: u64,
    /// The whole export of a ten-commune district (forms and bundle, every format).
    pub real: Duration,
    /// Peak RSS of the child, kB.
    pub rss_kb: u64,
    /// Peak RSS once the bundles are written and imported (before the forms), kB.
    pub rss_import_kb: u64,
}

/// Runs the district child (`bench --district DIR PROVINCE_DB DISTRICT_DB`).
pub fn district(exe: &Path, data: &Path, province_db: &Path) -> District {
    let dir = data.join("district-sticks");
    let db = data.join("district.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let mut child = Command::new(exe);
    child.arg("--district").arg(&dir).arg(province_db).arg(&db);
    let text = super::bench_commune::child_report(child);
    let field = |name: &str| super::bench_commune::field(&text, name);
    let us = |name: &str| Duration::from_micros(field(name));
    District {
        communes: field("communes=") as usize,
        bytes: field("bytes="),
        export: us("export_us="),
        import: us("import_us="),
        forms: us("forms_us="),
        rows: field("rows="),
        real: us("real_us="),
        rss_kb: field("rss_kb="),
        rss_import_kb: field("rss_import_kb="),
    }
}

/// The child: writes the commune bundles, imports them, builds the district forms.
pub fn child_district(dir: &Path, province_db: &Path, db: &Path, peak_rss_kb: fn() -> u64) {
    let start = Instant::now();
    let (communes, bytes) = write_commune_bundles(dir, province_db);
    let export = start.elapsed();
    let mut store = Store::open(db).expect("open the district database");
    let start = Instant::now();
    for stick in sticks(dir) {
        import_stick(&mut store, &stick);
    }
    let import = start.elapsed();
    let rss_import_kb = peak_rss_kb();
    let ids: Vec<CommuneId> = store
        .communes()
        .expect("communes")
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids.len(), communes, "every commune imported");
    let start = Instant::now();
    let rows = province_forms(&store, &ids);
    let forms = start.elapsed();
    let start = Instant::now();
    real_district(&store, &ids[..PER_STICK.min(ids.len())]);
    let real = start.elapsed();
    println!(
        "communes={communes} bytes={bytes} export_us={} import_us={} forms_us={} rows={rows} \
         real_us={} rss_import_kb={rss_import_kb} rss_kb={}",
        export.as_micros(),
        import.as_micros(),
        forms.as_micros(),
        real.as_micros(),
        peak_rss_kb()
    );
}

/// Every commune's 2026 bundle of `province_db`, ten per folder: (communes, bytes).
fn write_commune_bundles(dir: &Path, province_db: &Path) -> (usize, u64) {
    let _ = std::fs::remove_dir_all(dir);
    let store = Store::open(province_db).expect("open the province database");
    let communes = store.communes().expect("communes");
    let mut bytes = 0u64;
    for (i, c) in communes.iter().enumerate() {
        let stick = dir.join(format!("huyen-{:02}", i / PER_STICK));
        std::fs::create_dir_all(&stick).expect("stick folder");
        let (commune, code) = store.commune_with_code(c.id).expect("commune");
        let villages = store.commune_year(c.id, 2026).expect("commune year");
        let conference = store.commune_conference(c.id, 2026).expect("conference");
        let bundle = CommuneBundle::new(commune, code, 2026, villages, false, &Stamp::now())
            .with_conference(conference);
        let file = bundle.to_bytes();
        bytes += file.len() as u64;
        std::fs::write(stick.join(format!("xa-{i:03}-2026.json")), file).expect("write");
    }
    (communes.len(), bytes)
}

fn sticks(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// One stick: the dry run, then one command per file.
fn import_stick(store: &mut Store, stick: &Path) {
    let gathered =
        kehoach::receive::files::gather(Lang::Vi, &[stick.to_path_buf()]).expect("gather");
    let plans = kehoach::commands::import::plan(store, &gathered.files).expect("plan");
    for (plan, file) in plans.iter().zip(&gathered.files) {
        assert!(
            matches!(plan, FilePlan::Commune { .. }) && plan.verdict() == Some(&Verdict::New),
            "a new commune: {}",
            file.file_name
        );
        let command = KCommand::Import(ImportCommand {
            file: file.clone(),
            conflict_reason: None,
        });
        execute(store, command).expect("import");
    }
}

/// The district forms of every commune as one district, laid out in memory; returns the
/// rows of the list by sector.
fn province_forms(store: &Store, ids: &[CommuneId]) -> u64 {
    let years = store.district_year(ids, 2026).expect("district year");
    let at = DistrictYear {
        district: "Cư Kuin",
        province: "Đắk Lắk",
        year: 2026,
    };
    let forms = district_forms(&at, &years, Lang::Vi);
    let margins = xlsx::Margins {
        place: "Đắk Lắk".into(),
        check_code: String::new(),
    };
    xlsx::to_xlsx(&forms, &margins, Lang::Vi).expect("xlsx");
    let page = html::Page {
        title: forms[0].title.clone(),
        place: "Đắk Lắk".into(),
        check_code: String::new(),
        note: None,
    };
    html::to_html(&forms, &page, Lang::Vi);
    csv::to_csv(&forms, "huyen", Lang::Vi);
    forms[0].tables[0].rows().count() as u64
}

/// A real-size district's whole export in memory: forms and bundle, every format.
fn real_district(store: &Store, ids: &[CommuneId]) {
    let years = store.district_year(ids, 2026).expect("district year");
    let at = DistrictYear {
        district: "Cư Kuin",
        province: "Đắk Lắk",
        year: 2026,
    };
    let bundle = DistrictBundle::new(&at, years, false, &Stamp::now());
    let rendering = DistrictRendering::new(&bundle, Lang::Vi);
    for f in [Format::Xlsx, Format::Html, Format::Csv, Format::Json] {
        rendering.render(f).expect("render");
    }
}
