//! The catalogue's import rows (issue 14): `kehoach import` on a changed bundle, a bundle
//! of a newer schema, a village's own bundle into its own database, a conflict without a
//! reason, a folder of strangers. Each file's line goes to stdout, the one summary line to
//! stderr; the row's text is both.

use std::path::{Path, PathBuf};
use std::process::Output;

use super::{Expect, Observed, Row, db_fingerprint, demo_db, observe_cli, run_piped, s, tmp};

/// The demo database and its Buôn Kram 2026 bundle, exported by the binary.
fn demo_bundle(dir: &Path) -> (PathBuf, PathBuf) {
    let db = demo_db(dir);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let args = [
        "export",
        "--db",
        &s(&db),
        "--village",
        "Buôn Kram",
        "--year",
        "2026",
    ];
    let mut args: Vec<String> = args.map(str::to_string).to_vec();
    args.extend(["--format", "json", "--out", &s(&out)].map(str::to_string));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let done = run_piped(dir, &refs);
    assert!(done.status.success(), "{done:?}");
    (db, out.join("buon-kram-2026.json"))
}

/// What a run of the binary printed, stdout then stderr.
fn observed(out: Output, db: &Path) -> Result<Observed, String> {
    let after = db_fingerprint(db)?;
    let both = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut o = observe_cli(out, (0, 0), after);
    o.text = both;
    Ok(o)
}

/// `kehoach import --db commune.db FILE --yes` on a fresh commune database, `FILE` being
/// the demo's bundle changed by `spoil`; nothing may be written.
fn import_spoiled(spoil: fn(Vec<u8>) -> Vec<u8>) -> Result<Observed, String> {
    let dir = tmp();
    let (_, bundle) = demo_bundle(dir.path());
    let bad = dir.path().join("thon.json");
    std::fs::write(&bad, spoil(std::fs::read(&bundle).unwrap())).unwrap();
    let commune = dir.path().join("xa.db");
    let out = run_piped(
        dir.path(),
        &["import", "--db", &s(&commune), &s(&bad), "--yes"],
    );
    observed(out, &commune)
}

/// The import rows.
pub fn rows() -> Vec<Row> {
    use Expect::Refused;
    vec![
        Row {
            name: "import: a bundle with one changed byte",
            fed: "cli: import --db xa.db thon.json --yes (one byte of the name changed)",
            expect: Refused("đã bị sửa hoặc hỏng"),
            run: || {
                import_spoiled(|mut b| {
                    let at = b.windows(4).position(|w| w == b"Kram").unwrap();
                    b[at] = b'C';
                    b
                })
            },
            bug: None,
        },
        Row {
            name: "import: a bundle of a newer schema",
            fed: "cli: import --db xa.db thon.json --yes (schema_version 9)",
            expect: Refused("hãy cập nhật kehoach"),
            run: || {
                import_spoiled(|_| {
                    br#"{"content": {}, "schema_version": 9, "sha256": "00"}"#.to_vec()
                })
            },
            bug: None,
        },
        Row {
            name: "import: the village's own bundle into the database that edits it",
            fed: "cli: import --db demo.db buon-kram-2026.json --yes",
            expect: Refused("máy này đang tự nhập liệu"),
            run: || {
                let dir = tmp();
                let (db, bundle) = demo_bundle(dir.path());
                let before = db_fingerprint(&db)?;
                let out = run_piped(
                    dir.path(),
                    &["import", "--db", &s(&db), &s(&bundle), "--yes"],
                );
                let mut o = observed(out, &db)?;
                o.before = before;
                Ok(o)
            },
            bug: None,
        },
        Row {
            name: "import: conflicts taken without a reason",
            fed: "cli: import --db xa.db thon.json --take-conflicts",
            expect: Refused("--reason"),
            run: || {
                let dir = tmp();
                let (_, bundle) = demo_bundle(dir.path());
                let commune = dir.path().join("xa.db");
                let args = [
                    "import",
                    "--db",
                    &s(&commune),
                    &s(&bundle),
                    "--take-conflicts",
                ];
                observed(run_piped(dir.path(), &args), &commune)
            },
            bug: None,
        },
        Row {
            name: "import: a named file that is no bundle",
            fed: "cli: import --db xa.db notes.json --yes ({\"a\": 1})",
            expect: Refused("không phải gói xuất của kehoach"),
            run: || import_spoiled(|_| b"{\"a\": 1}".to_vec()),
            bug: None,
        },
    ]
}
