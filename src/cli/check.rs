//! `kehoach check FILE.json`: reads an exported bundle back and says whether it is whole
//! (checksum and schema version) and what it holds, so a commune officer can trust a file
//! that came on a USB stick or by e-mail. Opens no database.

use std::path::Path;

use crate::domain::MeetingKind;
use crate::domain::annual::Part;
use crate::domain::attendance::women_share;
use crate::domain::commune::status;
use crate::export::CycleSnapshot;
use crate::export::bundle::{self, Bundle, BundleError, Contents, PlanKind};
use crate::export::commune::CommuneBundle;
use crate::i18n::{Lang, t, tf};

/// The report lines for a sound bundle, or one line saying why it is not.
pub fn run(lang: Lang, path: &Path) -> Result<Vec<String>, String> {
    let shown = path.display().to_string();
    let bytes = read_file(lang, path)?;
    match bundle::inspect(&bytes).map_err(|e| refusal(lang, &shown, &e))? {
        Contents::Exchange(b) => Ok(exchange_summary(lang, &shown, &b)),
        Contents::Commune(b) => Ok(commune_summary(lang, &shown, &b)),
        Contents::District(b) => Ok(district_summary(lang, &shown, &b)),
        Contents::Assignment(b) => Ok(assignment_summary(lang, &shown, &b)),
        Contents::Legacy(s) => {
            let sha = bytes_sha(&bytes);
            let mut lines = summary(lang, &shown, &s);
            lines.insert(1, check_code_line(lang, &sha));
            Ok(lines)
        }
    }
}

pub use crate::receive::files::read_file;

/// The checksum written in a file already found sound.
fn bytes_sha(bytes: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| v.get("sha256").and_then(|s| s.as_str()).map(String::from))
        .unwrap_or_default()
}

fn check_code_line(lang: Lang, sha256: &str) -> String {
    tf(lang, "bundle.check_code", &[bundle::check_code(sha256)])
}

fn refusal(lang: Lang, shown: &str, e: &BundleError) -> String {
    let mut args = vec![shown.to_string()];
    args.extend(e.message_args());
    tf(lang, e.message_key(), &args)
}

/// What a schema-3 bundle holds: identity, plan versions and each meeting's register.
/// A commune's bundle: sound, its check code, the commune and year, and one line per
/// village with where its plan stands.
fn commune_summary(lang: Lang, shown: &str, b: &CommuneBundle) -> Vec<String> {
    let mut lines = sound(lang, shown, b.schema_version, &b.check_code());
    lines.push(tf(
        lang,
        "check.commune",
        &[
            b.commune.short_name().to_owned(),
            b.year.to_string(),
            b.villages.len().to_string(),
        ],
    ));
    for v in &b.villages {
        let s = status(v);
        let version = s
            .status
            .version()
            .map(|n| n.to_string())
            .unwrap_or_default();
        lines.push(format!(
            "  {}: {}",
            v.village.name,
            tf(lang, s.status.label_key(), &[version])
        ));
    }
    lines
}

/// The first lines of a sound commune or district bundle: sound, and its check code.
fn sound(lang: Lang, shown: &str, schema: u32, code: &str) -> Vec<String> {
    vec![
        tf(lang, "check.ok", &[shown.to_string(), schema.to_string()]),
        tf(lang, "bundle.check_code", &[code.to_string()]),
    ]
}

/// The commune's assignment bundle: sound, its check code, the village, year and plan
/// version assigned, and one line per activity with the commune's decision.
fn assignment_summary(
    lang: Lang,
    shown: &str,
    b: &crate::export::assignment::AssignmentBundle,
) -> Vec<String> {
    let mut lines = sound(lang, shown, b.schema_version, &b.check_code());
    lines.push(tf(
        lang,
        "check.assignment",
        &[
            b.village.clone(),
            b.commune.name.clone(),
            b.year.to_string(),
            b.plan.version.to_string(),
            b.lines.len().to_string(),
        ],
    ));
    for l in &b.lines {
        let decision = t(lang, l.item.assignment.decision.label_key());
        lines.push(format!("  {}: {decision}", l.activity_name));
    }
    lines
}

/// A district's bundle: sound, its check code, the district and year, and one line per
/// commune with where its plan stands.
fn district_summary(
    lang: Lang,
    shown: &str,
    b: &crate::export::district::DistrictBundle,
) -> Vec<String> {
    let mut lines = sound(lang, shown, b.schema_version, &b.check_code());
    lines.push(tf(
        lang,
        "check.district",
        &[
            b.district.clone(),
            b.year.to_string(),
            b.communes.len().to_string(),
        ],
    ));
    for c in crate::domain::district::in_order(&b.communes) {
        let s = crate::domain::district::commune_status(c);
        let status = tf(lang, s.label_key(), &s.args());
        lines.push(format!("  {}: {status}", c.commune.name));
    }
    lines
}

fn exchange_summary(lang: Lang, shown: &str, b: &Bundle) -> Vec<String> {
    let r = &b.record;
    let mut lines = vec![
        tf(
            lang,
            "check.ok",
            &[shown.to_string(), b.schema_version.to_string()],
        ),
        check_code_line(lang, &b.sha256()),
        tf(
            lang,
            "check.cycle",
            &[
                r.village.name.clone(),
                r.commune.short_name().to_owned(),
                b.year.to_string(),
                r.activities
                    .iter()
                    .filter(|a| a.merged_into.is_none())
                    .count()
                    .to_string(),
            ],
        ),
        tf(
            lang,
            "bundle.identity",
            &[
                b.bundle_id.clone(),
                b.village_code.clone(),
                crate::export::local_time(&b.created_at),
                b.app_version.clone(),
            ],
        ),
    ];
    for p in &b.plans {
        let key = match p.kind {
            PlanKind::MediumTerm => "bundle.plan.mt",
            PlanKind::Annual => "bundle.plan.annual",
        };
        let replaces = p
            .replaces
            .clone()
            .unwrap_or_else(|| t(lang, "bundle.plan.first"));
        lines.push(tf(
            lang,
            key,
            &[
                p.version.to_string(),
                p.made_in_year.to_string(),
                p.version_id.clone(),
                replaces,
            ],
        ));
    }
    if !r.annual.items.is_empty() {
        let approved = r.annual.approval.as_ref().is_some_and(|a| a.frozen);
        let count = |part: Part| r.annual.items.iter().filter(|i| i.part == part).count();
        lines.push(annual_line(
            lang,
            approved,
            count(Part::One),
            count(Part::Two),
        ));
    }
    for kind in MeetingKind::ALL {
        if let Some(m) = r.meeting_record(kind) {
            let tally = m.tally();
            lines.push(tf(
                lang,
                "bundle.register",
                &[
                    t(lang, &format!("bundle.meeting.{}", kind.code())),
                    (tally.men + tally.women).to_string(),
                    tally.women.to_string(),
                    share(lang, women_share(tally)),
                ],
            ));
        }
    }
    if b.private {
        lines.push(t(lang, "bundle.private"));
    }
    lines
}

/// Whether the annual plan is approved, with its activities per part.
fn annual_line(lang: Lang, approved: bool, part_one: usize, part_two: usize) -> String {
    let key = if approved {
        "check.annual_approved"
    } else {
        "check.annual_open"
    };
    tf(lang, key, &[part_one.to_string(), part_two.to_string()])
}

/// A percentage with one decimal and the language's decimal mark.
fn share(lang: Lang, percent: f64) -> String {
    let text = format!("{percent:.1}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
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
                s.commune.short_name().to_owned(),
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
        lines.push(annual_line(
            lang,
            annual.approval.is_some(),
            annual.part(Part::One).count(),
            annual.part(Part::Two).count(),
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
        let record = store.cycle_record(cycle).expect("record");
        let stamp = crate::export::Stamp::now();
        let path = dir.join("b.json");
        std::fs::write(&path, Bundle::new(record, false, &stamp).to_bytes()).expect("write");
        path
    }

    #[test]
    fn a_sound_bundle_is_summarised() {
        let dir = tempfile::tempdir().expect("dir");
        let path = demo_bundle(dir.path());
        let lines = run(Lang::Vi, &path).expect("sound");
        assert!(lines[0].contains("hợp lệ"), "{lines:?}");
        assert!(lines[1].starts_with("Mã kiểm tra: "), "{lines:?}");
        assert_eq!(lines[1].len(), "Mã kiểm tra: ".len() + 9, "{lines:?}");
        assert!(lines[2].contains("Buôn Kram"), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("bản 1")), "{lines:?}");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("Họp thôn, buôn lần 1: 90 người dự, 35 nữ (38,9%)")),
            "{lines:?}"
        );
        let en = run(Lang::En, &path).expect("sound");
        assert!(en[1].starts_with("Check code: "), "{en:?}");
        assert!(
            en.iter()
                .any(|l| l.contains("Village meeting 2: 80 attended, 30 women (37.5%)")),
            "{en:?}"
        );
    }

    #[test]
    fn an_older_bundle_is_summarised_with_its_check_code() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundle-v2.json");
        let lines = run(Lang::Vi, &path).expect("sound");
        assert!(lines[0].contains("định dạng dữ liệu 2"), "{lines:?}");
        assert!(lines[1].starts_with("Mã kiểm tra: "), "{lines:?}");
        assert!(
            lines
                .iter()
                .any(|l| l.contains("Buôn Kram, xã Ea Tiêu, năm 2027")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("lập năm 2026")),
            "{lines:?}"
        );
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
