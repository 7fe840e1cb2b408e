//! `kehoach export` with the real release binary on a demo database: success writes the
//! files; each refusal exits non-zero with one clear line.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Output;

use common::run_piped;

fn demo_db(home: &Path) -> String {
    let db = home.join("k.db");
    let out = run_piped(home, &["demo", "--db", db.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db.to_string_lossy().into_owned()
}

fn export(home: &Path, db: &str, village: &str, year: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "--lang",
        "en",
        "export",
        "--db",
        db,
        "--village",
        village,
        "--year",
        year,
        "--out",
    ];
    let out = out.to_str().unwrap().to_string();
    args.push(&out);
    args.extend_from_slice(extra);
    run_piped(home, &args)
}

/// Exit code 1 and exactly one line on stderr containing `expected`.
fn refused(out: &Output, expected: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "stderr: {err}");
    assert!(err.contains(expected), "expected {expected:?} in {err:?}");
}

#[test]
fn export_writes_every_format_then_refuses_to_overwrite() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_db(home.path());
    let dir = home.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    let out = export(
        home.path(),
        &db,
        "buon kram",
        "2026",
        &dir,
        &["--format", "xlsx,html,csv,json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The workbook, the printable page, the bundle, and one CSV per form (13, then 13 after
    // the plan: assignment, two groups, implementation, disclosure log, 6 notices, 2
    // evaluations).
    assert_eq!(stdout.lines().count(), 29, "{stdout}");
    for name in [
        "buon-kram-2026.xlsx",
        "buon-kram-2026.html",
        "buon-kram-2026.json",
    ] {
        assert!(dir.join(name).is_file(), "{name}");
        assert!(stdout.contains(name));
    }
    let json = std::fs::read(dir.join("buon-kram-2026.json")).unwrap();
    let bundle = kehoach::export::bundle::read(&json).unwrap();
    assert_eq!(bundle.record.village.name, "Buôn Kram");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let again = export(
        home.path(),
        &db,
        "Buôn Kram",
        "2026",
        &dir,
        &["--format", "json"],
    );
    refused(&again, "already exists");
    let forced = export(
        home.path(),
        &db,
        "1",
        "2026",
        &dir,
        &["--format", "json", "--force", "--private"],
    );
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    let private = std::fs::read(dir.join("buon-kram-2026.json")).unwrap();
    assert!(kehoach::export::bundle::read(&private).unwrap().private);
}

#[test]
fn bad_arguments_exit_non_zero_with_one_line() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_db(home.path());
    let dir = home.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    let h = home.path();
    refused(
        &export(h, &db, "Buôn Không Có", "2026", &dir, &[]),
        "no village named",
    );
    refused(
        &export(h, &db, "Buôn Kram", "20x6", &dir, &[]),
        "invalid year",
    );
    refused(
        &export(h, &db, "Buôn Kram", "2031", &dir, &[]),
        "no planning cycle for 2031",
    );
    refused(
        &export(h, &db, "Buôn Kram", "2026", &dir, &["--format", "pdf"]),
        "unknown format",
    );
    refused(
        &export(h, &db, "Buôn Kram", "2026", &h.join("missing"), &[]),
        "does not exist",
    );
    let missing_db = h.join("none.db").to_string_lossy().into_owned();
    refused(
        &export(h, &missing_db, "Buôn Kram", "2026", &dir, &[]),
        "no database",
    );
    assert!(!h.join("none.db").exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn an_unwritable_folder_is_refused_clearly() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let db = demo_db(home.path());
    let dir = home.path().join("locked");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // root ignores permissions: then use a folder no one may write (sysfs).
    let probe = dir.join("probe");
    let target = if std::fs::write(&probe, b"x").is_ok() {
        std::path::PathBuf::from("/sys/kernel")
    } else {
        dir.clone()
    };
    let out = export(
        home.path(),
        &db,
        "Buôn Kram",
        "2026",
        &target,
        &["--format", "html"],
    );
    let target_text = target.to_str().unwrap().to_string();
    let vi = run_piped(
        home.path(),
        &[
            "--lang",
            "vi",
            "export",
            "--db",
            &db,
            "--village",
            "Buôn Kram",
            "--year",
            "2026",
            "--out",
            &target_text,
            "--format",
            "html",
        ],
    );
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    refused(&out, "cannot write to the folder");
    refused(&out, "permission denied");
    refused(&vi, "không ghi được vào thư mục");
    refused(&vi, "không có quyền");
    let line = String::from_utf8_lossy(&vi.stderr);
    assert!(!line.contains("os error"), "no English OS text: {line}");
}

#[test]
fn check_reports_a_sound_bundle_and_refuses_a_changed_one_in_one_line() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_db(home.path());
    let dir = home.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    let out = export(
        home.path(),
        &db,
        "Buôn Kram",
        "2027",
        &dir,
        &["--format", "json"],
    );
    assert!(out.status.success());
    let bundle = dir.join("buon-kram-2027.json");
    let bundle_text = bundle.to_str().unwrap().to_string();

    let ok = run_piped(home.path(), &["check", &bundle_text]);
    let report = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{report}");
    assert!(report.contains("gói kehoach hợp lệ"), "{report}");
    assert!(
        report.contains("Buôn Kram, xã Ea Tiêu, năm 2027"),
        "{report}"
    );
    assert!(report.contains("lập năm 2026"), "{report}");
    assert!(report.contains("Kế hoạch năm đã thông qua"), "{report}");

    let mut bytes = std::fs::read(&bundle).unwrap();
    let at = bytes.windows(4).position(|w| w == b"Kram").unwrap();
    bytes[at] = b'C';
    std::fs::write(&bundle, &bytes).unwrap();
    let changed = run_piped(home.path(), &["--lang", "en", "check", &bundle_text]);
    refused(&changed, "was changed or damaged");
    let missing = run_piped(home.path(), &["check", "/no/such/file.json"]);
    refused(&missing, "không tìm thấy tệp");
}
