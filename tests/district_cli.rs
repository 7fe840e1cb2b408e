//! The district's day end to end on the real binary (issue 14, item 6): the demo's
//! commune laptop exports Ea Tiêu's 2026 bundle onto a stick beside a damaged copy; a
//! fresh district database imports the stick (the damaged file refused, the other taken;
//! the same stick again changes nothing); `kehoach district export` writes the district's
//! forms, equal to those the commune laptop itself gives; the XLSX read back with
//! calamine; `kehoach check` reads the district bundle; each bad input one line.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use calamine::{Data, Reader, Xlsx, open_workbook};

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .env("HOME", home)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn kehoach(home: &Path, args: &[&str]) -> String {
    let out = run(home, args);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "kehoach {args:?}: {said}");
    said
}

/// Runs a command that must fail: its one line on stderr.
fn refused(home: &Path, args: &[&str]) -> (String, String) {
    let out = run(home, args);
    assert!(!out.status.success(), "kehoach {args:?} succeeded");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `kehoach district export` with these arguments.
fn district<'a>(
    db: &'a Path,
    name: &'a str,
    year: &'a str,
    format: &'a str,
    out: &'a Path,
) -> [&'a str; 12] {
    [
        "district",
        "export",
        "--db",
        s(db),
        "--district",
        name,
        "--year",
        year,
        "--format",
        format,
        "--out",
        s(out),
    ]
}

fn district_export(h: &Path, db: &Path, name: &str, year: &str, out: &Path) -> Output {
    run(h, &district(db, name, year, "xlsx,html,csv,json", out))
}

/// The demo's commune laptop exports Ea Tiêu's 2026 bundle into `out`.
fn commune_json(h: &Path, db: &Path, out: &Path) {
    kehoach(
        h,
        &[
            "commune",
            "export",
            "--db",
            s(db),
            "--commune",
            "Ea Tiêu",
            "--year",
            "2026",
            "--format",
            "json",
            "--out",
            s(out),
        ],
    );
}

#[test]
fn a_stick_of_commune_files_becomes_the_districts_listing() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (xa, huyen) = (h.join("xa.db"), h.join("huyen.db"));
    let (stick, local, imported) = (h.join("usb"), h.join("local"), h.join("imported"));
    for dir in [&stick, &local, &imported] {
        std::fs::create_dir(dir).unwrap();
    }
    kehoach(h, &["demo", "--db", s(&xa)]);
    commune_json(h, &xa, &stick);
    let good = stick.join("xa-ea-tieu-2026.json");
    let mut bytes = std::fs::read(&good).unwrap();
    let at = bytes.windows(4).position(|w| w == b"Kram").unwrap();
    bytes[at] = b'L';
    std::fs::write(stick.join("hong.json"), bytes).unwrap();

    // The damaged file is refused, named with why; the commune's file is imported.
    let (said, last) = refused(h, &["import", "--db", s(&huyen), s(&stick), "--yes"]);
    assert!(said.contains("TỪ CHỐI, không ghi gì: "), "{said}");
    assert!(said.contains("hong.json"), "{said}");
    assert!(
        said.contains("xã Ea Tiêu, huyện Cư Kuin, năm 2026; 2 thôn, buôn"),
        "{said}"
    );
    assert!(said.contains("xa-ea-tieu-2026.json: đã nhập"), "{said}");
    assert!(last.contains("1 tệp bị từ chối"), "{last}");
    let again = kehoach(h, &["import", "--db", s(&huyen), s(&good), "--yes"]);
    assert!(
        again.contains("đã có đúng tệp này, không thay đổi gì"),
        "{again}"
    );

    // The district's forms, from the imported file and from the commune's own laptop.
    let said = String::from_utf8_lossy(
        &district_export(h, &huyen, "huyện cư kuin", "2026", &imported).stdout,
    )
    .into_owned();
    for file in [
        "huyen-cu-kuin-2026.xlsx",
        "huyen-cu-kuin-2026.html",
        "huyen-cu-kuin-2026.json",
        "huyen-cu-kuin-2026-theo-linh-vuc.csv",
        "huyen-cu-kuin-2026-theo-nguon-von.csv",
        "huyen-cu-kuin-2026-tong-hop-xa.csv",
    ] {
        assert!(imported.join(file).is_file(), "{file}: {said}");
    }
    assert!(
        district_export(h, &xa, "CU KUIN", "2026", &local)
            .status
            .success()
    );
    let read = |dir: &Path, form: &str| {
        std::fs::read_to_string(dir.join(format!("huyen-cu-kuin-2026-{form}.csv"))).unwrap()
    };
    for form in ["theo-linh-vuc", "theo-nguon-von"] {
        assert_eq!(read(&local, form), read(&imported, form), "{form}");
    }
    let summary = read(&imported, "tong-hop-xa");
    assert!(summary.contains("Ea Tiêu"), "{summary}");
    assert!(
        summary.contains("chưa được hội nghị xã thông qua"),
        "{summary}"
    );

    let mut wb: Xlsx<_> = open_workbook(imported.join("huyen-cu-kuin-2026.xlsx")).unwrap();
    let range = wb.worksheet_range("Theo lĩnh vực").unwrap();
    let kram = range
        .rows()
        .filter(|r| r.get(2) == Some(&Data::String("Ea Tiêu".into())))
        .filter(|r| r.get(3) == Some(&Data::String("Buôn Kram".into())))
        .count();
    assert!(
        kram >= 3,
        "Buôn Kram's activities, named with their commune"
    );

    let check = kehoach(h, &["check", s(&imported.join("huyen-cu-kuin-2026.json"))]);
    assert!(
        check.contains("Gói của huyện Cư Kuin, năm 2026: 1 xã"),
        "{check}"
    );
    assert!(
        check.contains("Ea Tiêu: ◐ chưa được hội nghị xã thông qua"),
        "{check}"
    );
}

#[test]
fn each_bad_input_is_one_line_and_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (xa, huyen, out, stick) = (
        h.join("xa.db"),
        h.join("huyen.db"),
        h.join("out"),
        h.join("usb"),
    );
    std::fs::create_dir(&out).unwrap();
    std::fs::create_dir(&stick).unwrap();
    kehoach(h, &["demo", "--db", s(&xa)]);
    commune_json(h, &xa, &stick);
    kehoach(h, &["import", "--db", s(&huyen), s(&stick), "--yes"]);
    let before = std::fs::read(&huyen).unwrap();

    // A district with no commune here.
    let (_, line) = refused(h, &district(&huyen, "Krông Pắc", "2026", "json", &out));
    assert!(
        line.contains(
            "Không có xã nào của huyện “Krông Pắc” trong tệp này (các huyện có: Cư Kuin)"
        ),
        "{line}"
    );
    // A year with no plan (the commune's file is of 2026).
    let (_, line) = refused(h, &district(&huyen, "Cư Kuin", "2030", "json", &out));
    assert!(
        line.contains(
            "Huyện Cư Kuin chưa có kế hoạch năm 2030 của xã nào (các năm có kế hoạch: 2026)"
        ),
        "{line}"
    );
    // Not a year.
    let (_, line) = refused(h, &district(&huyen, "Cư Kuin", "hai nghìn", "json", &out));
    assert!(line.contains("hai nghìn"), "{line}");
    // A village's file given to the district that holds its commune whole.
    let village = h.join("thon");
    std::fs::create_dir(&village).unwrap();
    kehoach(
        h,
        &[
            "export",
            "--db",
            s(&xa),
            "--village",
            "Buôn Kram",
            "--year",
            "2026",
            "--format",
            "json",
            "--out",
            s(&village),
        ],
    );
    let (said, _) = refused(h, &["import", "--db", s(&huyen), s(&village), "--yes"]);
    assert!(
        said.contains("thuộc xã “Ea Tiêu”, mà máy này nhận cả xã từ tệp của xã"),
        "{said}"
    );
    // The district's own bundle is not imported anywhere.
    kehoach(h, &district(&huyen, "Cư Kuin", "2026", "json", &out));
    let (said, _) = refused(
        h,
        &[
            "import",
            "--db",
            s(&huyen),
            s(&out.join("huyen-cu-kuin-2026.json")),
            "--yes",
        ],
    );
    assert!(said.contains("là gói tổng hợp của huyện"), "{said}");
    assert_eq!(std::fs::read(&huyen).unwrap(), before, "nothing changed");
}
