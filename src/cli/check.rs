//! `kehoach check FILE.json`: reads an exported bundle back and says whether it is whole
//! (checksum and schema version) and what it holds, so a commune officer can trust a file
//! that came on a USB stick or by e-mail. Opens no database.

use std::path::Path;

use crate::domain::annual::Part;
use crate::export::json::read_json;
use crate::export::{CycleSnapshot, ExportError};
use crate::i18n::{Lang, tf};
use crate::store::files::{BundleReadError, read_bundle_file};

/// The report lines for a sound bundle, or one line saying why it is not.
pub fn run(lang: Lang, path: &Path) -> Result<Vec<String>, String> {
    let shown = path.display().to_string();
    let bytes = read_bundle_file(path).map_err(|e| match e {
        BundleReadError::NotRegular => {
            tf(lang, "check.err.not_regular", std::slice::from_ref(&shown))
        }
        BundleReadError::TooLarge(n) => tf(
            lang,
            "check.err.too_large",
            &[shown.clone(), crate::domain::activity::format_vnd(n)],
        ),
        BundleReadError::Io(e) => tf(
            lang,
            "check.err.read",
            &[shown.clone(), crate::messages::io_error(lang, &e)],
        ),
    })?;
    let snapshot = read_json(&bytes).map_err(|e| refusal(lang, &shown, &e))?;
    Ok(summary(lang, &shown, &snapshot))
}

fn refusal(lang: Lang, shown: &str, e: &ExportError) -> String {
    match e {
        ExportError::Checksum => tf(lang, "check.err.checksum", &[shown.to_string()]),
        ExportError::NewerSchema { found, supported } => tf(
            lang,
            "check.err.newer",
            &[shown.to_string(), found.to_string(), supported.to_string()],
        ),
        ExportError::Malformed(why) => tf(
            lang,
            "check.err.malformed",
            &[shown.to_string(), why.clone()],
        ),
        ExportError::Xlsx(why) => why.clone(),
    }
}

fn summary(lang: Lang, shown: &str, s: &CycleSnapshot) -> Vec<String> {
    let mut lines = vec![
        tf(
            lang,
            "check.ok",
            &[shown.to_string(), s.schema_version.to_string()],
        ),
        tf(
            lang,
            "check.cycle",
            &[
                s.village.name.clone(),
                s.commune.name.clone(),
                s.cycle.year.to_string(),
                s.activities.len().to_string(),
            ],
        ),
    ];
    if let Some(plan) = &s.official_plan {
        lines.push(tf(
            lang,
            "check.official",
            &[
                plan.version.to_string(),
                plan.made_in_year.to_string(),
                plan.combined.rows.len().to_string(),
            ],
        ));
    }
    if let Some(annual) = &s.annual_plan {
        let approved = annual.approval.is_some();
        lines.push(tf(
            lang,
            if approved {
                "check.annual_approved"
            } else {
                "check.annual_open"
            },
            &[
                annual.part(Part::One).count().to_string(),
                annual.part(Part::Two).count().to_string(),
            ],
        ));
    }
    if s.private {
        lines.push(tf(lang, "check.private", &[]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn demo_bundle(dir: &Path) -> std::path::PathBuf {
        let mut store = Store::open_in_memory().expect("store");
        let cycle = crate::demo::populate(&mut store).expect("demo");
        let snapshot = store.cycle_snapshot(cycle).expect("snapshot");
        let path = dir.join("b.json");
        std::fs::write(&path, crate::export::json::to_json(&snapshot)).expect("write");
        path
    }

    #[test]
    fn a_sound_bundle_is_summarised() {
        let dir = tempfile::tempdir().expect("dir");
        let path = demo_bundle(dir.path());
        let lines = run(Lang::Vi, &path).expect("sound");
        assert!(lines[0].contains("hợp lệ"), "{lines:?}");
        assert!(lines[1].contains("Buôn Kram"), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("bản 1")), "{lines:?}");
    }

    #[test]
    fn a_changed_byte_a_missing_file_and_a_stranger_are_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let path = demo_bundle(dir.path());
        let mut bytes = std::fs::read(&path).expect("read");
        let at = bytes.windows(4).position(|w| w == b"Kram").expect("name");
        bytes[at] = b'C';
        std::fs::write(&path, &bytes).expect("write");
        let why = run(Lang::Vi, &path).expect_err("changed");
        assert!(why.contains("mã kiểm tra"), "{why}");

        let why = run(Lang::En, &dir.path().join("none.json")).expect_err("missing");
        assert!(why.contains("file or folder not found"), "{why}");

        std::fs::write(&path, b"{\"hello\": 1}").expect("write");
        let why = run(Lang::En, &path).expect_err("stranger");
        assert!(why.contains("not a kehoach export"), "{why}");
    }
}
