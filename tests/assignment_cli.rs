//! The assignment bundle on the real binary (issue 15, item 1): `kehoach commune assign
//! export` writes one file per village whose approved plan the commune assigned (the demo:
//! Buôn Kram), never over a file already there; `kehoach check` reads it; `kehoach import`
//! at the village takes it in (the demo's own database: the same assignment, nothing
//! changes) and a commune's database, which does not plan the village, refuses it.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn kehoach(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .env("HOME", home)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_commune_writes_assignment_files_and_the_village_imports_them() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (db, out) = (h.join("demo.db"), h.join("giao"));
    std::fs::create_dir(&out).unwrap();
    assert!(kehoach(h, &["demo", "--db", s(&db)]).status.success());
    let export = [
        "commune",
        "assign",
        "export",
        "--db",
        s(&db),
        "--commune",
        "XA EA TIEU",
        "--year",
        "2026",
        "--out",
        s(&out),
    ];
    let first = kehoach(h, &export);
    assert!(first.status.success(), "{}", text(&first));
    let file = out.join("buon-kram-2026-giao-ke-hoach.json");
    assert!(
        text(&first).contains("buon-kram-2026-giao-ke-hoach.json"),
        "{}",
        text(&first)
    );
    let names: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(names.len(), 1, "Thôn 3's plan is not approved: no file");
    let bytes = std::fs::read(&file).unwrap();
    let again = kehoach(h, &export);
    assert!(!again.status.success());
    assert!(text(&again).contains("không ghi đè"), "{}", text(&again));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    let check = kehoach(h, &["check", s(&file)]);
    assert!(check.status.success(), "{}", text(&check));
    assert!(
        text(&check).contains("Giao kế hoạch cho Buôn Kram"),
        "{}",
        text(&check)
    );

    let import = kehoach(h, &["import", "--db", s(&db), "--yes", s(&out)]);
    assert!(import.status.success(), "{}", text(&import));
    assert!(
        text(&import).contains("giao kế hoạch cho Buôn Kram"),
        "{}",
        text(&import)
    );
    assert!(
        text(&import).contains("không thay đổi gì"),
        "{}",
        text(&import)
    );

    let commune = h.join("xa.db");
    assert!(kehoach(h, &["demo", "--db", s(&commune)]).status.success());
    std::fs::remove_file(&commune).unwrap();
    let fresh = kehoach(h, &["import", "--db", s(&commune), "--yes", s(&file)]);
    assert!(!fresh.status.success());
    assert!(
        text(&fresh).contains("máy này không lập kế hoạch"),
        "{}",
        text(&fresh)
    );
}
