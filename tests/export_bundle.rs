//! The exchange bundle (schema 3): the cycle record is the whole cycle (every row the
//! database holds for it, counted table by table), it survives record → bundle → record,
//! its JSON is canonical (keys sorted), any change is refused, older bundles still read,
//! and the stable village and commune codes are made once and kept.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use kehoach::domain::record::CycleRecord;
use kehoach::domain::{CycleId, VillageKind};
use kehoach::export::Stamp;
use kehoach::export::bundle::{
    self, BUNDLE_SCHEMA_VERSION, Bundle, BundleError, Contents, PlanKind, canonical,
};
use kehoach::store::Store;
use rusqlite::Connection;

/// The demo written to a file, with every cycle of every village.
fn demo_file(dir: &Path) -> (std::path::PathBuf, Vec<CycleId>) {
    let path = dir.join("demo.db");
    let mut store = Store::open(&path).unwrap();
    kehoach::demo::populate(&mut store).unwrap();
    let mut cycles = Vec::new();
    for c in store.communes().unwrap() {
        for v in store.villages(c.id).unwrap() {
            cycles.extend(store.cycles(v.id).unwrap().into_iter().map(|c| c.id));
        }
    }
    (path, cycles)
}

fn stamp() -> Stamp {
    Stamp {
        bundle_id: uuid::Uuid::from_u128(0x1234_5678_9abc_4def_8123_4567_89ab_cdef),
        created_at: chrono::DateTime::parse_from_rfc3339("2026-12-04T11:05:00+07:00").unwrap(),
    }
}

/// Rows of each cycle-owned table for one cycle, counted in SQL.
fn table_counts(conn: &Connection, cycle: i64) -> Vec<(&'static str, usize)> {
    let meetings = "SELECT id FROM meetings WHERE cycle_id = ?1";
    let subgroups = "SELECT id FROM subgroups WHERE cycle_id = ?1";
    let queries: Vec<(&str, String)> = vec![
        ("meetings", "SELECT count(*) FROM meetings WHERE cycle_id = ?1".into()),
        ("attendance", format!("SELECT count(*) FROM attendance WHERE meeting_id IN ({meetings})")),
        ("meeting_facilitators", format!("SELECT count(*) FROM meeting_facilitators WHERE meeting_id IN ({meetings})")),
        ("working_groups", "SELECT count(*) FROM working_groups WHERE cycle_id = ?1".into()),
        ("working_group_members", "SELECT count(*) FROM working_group_members WHERE cycle_id = ?1".into()),
        ("cycle_tools", "SELECT count(*) FROM cycle_tools WHERE cycle_id = ?1".into()),
        ("subgroups", "SELECT count(*) FROM subgroups WHERE cycle_id = ?1".into()),
        ("subgroup_members", "SELECT count(*) FROM subgroup_members WHERE cycle_id = ?1".into()),
        ("subgroup_themes", format!("SELECT count(*) FROM subgroup_themes WHERE subgroup_id IN ({subgroups})")),
        ("subgroup_tools", format!("SELECT count(*) FROM subgroup_tools WHERE subgroup_id IN ({subgroups})")),
        ("findings", format!("SELECT count(*) FROM findings WHERE subgroup_id IN ({subgroups})")),
        ("activities", "SELECT count(*) FROM activities WHERE cycle_id = ?1".into()),
        ("scoring_settings", "SELECT count(*) FROM scoring_settings WHERE cycle_id = ?1".into()),
        ("matrix_scores", "SELECT count(*) FROM matrix_scores WHERE activity_id IN (SELECT id FROM activities WHERE cycle_id = ?1)".into()),
        ("meeting2_groups", "SELECT count(*) FROM meeting2_groups WHERE cycle_id = ?1".into()),
        ("meeting2_entries", "SELECT count(*) FROM meeting2_entries WHERE cycle_id = ?1".into()),
        ("plan_versions", "SELECT count(*) FROM plan_versions WHERE cycle_id = ?1".into()),
        ("plan_rows", "SELECT count(*) FROM plan_rows WHERE version_id IN (SELECT id FROM plan_versions WHERE cycle_id = ?1)".into()),
        ("annual_items", "SELECT count(*) FROM annual_items WHERE cycle_id = ?1".into()),
        ("annual_scores", "SELECT count(*) FROM annual_scores WHERE item_id IN (SELECT id FROM annual_items WHERE cycle_id = ?1)".into()),
        ("annual_reviews", "SELECT count(*) FROM annual_reviews WHERE cycle_id = ?1".into()),
        ("annual_summaries", "SELECT count(*) FROM annual_summaries WHERE cycle_id = ?1".into()),
        ("assignments", "SELECT count(*) FROM assignments WHERE cycle_id = ?1".into()),
        ("work_group_members", "SELECT count(*) FROM work_group_members WHERE cycle_id = ?1".into()),
        ("receipts", "SELECT count(*) FROM receipts WHERE cycle_id = ?1".into()),
        ("progress_entries", "SELECT count(*) FROM progress_entries WHERE cycle_id = ?1".into()),
        ("acceptances", "SELECT count(*) FROM acceptances WHERE cycle_id = ?1".into()),
        ("disclosures", "SELECT count(*) FROM disclosures WHERE cycle_id = ?1".into()),
        ("evaluations", "SELECT count(*) FROM evaluations WHERE cycle_id = ?1".into()),
        ("annual_approvals", "SELECT count(*) FROM annual_approvals WHERE cycle_id = ?1".into()),
    ];
    queries
        .into_iter()
        .map(|(table, sql)| {
            let n: i64 = conn.query_row(&sql, [cycle], |r| r.get(0)).unwrap();
            (table, usize::try_from(n).unwrap())
        })
        .collect()
}

/// The same tables counted in a record.
fn record_counts(r: &CycleRecord) -> Vec<(&'static str, usize)> {
    let sub = &r.assessment.subgroups;
    vec![
        ("meetings", r.meetings.len()),
        (
            "attendance",
            r.meetings.iter().map(|m| m.register.len()).sum(),
        ),
        (
            "meeting_facilitators",
            r.meetings.iter().map(|m| m.facilitators.len()).sum(),
        ),
        ("working_groups", usize::from(r.working_group.is_some())),
        (
            "working_group_members",
            r.working_group.as_ref().map_or(0, |g| g.members.len()),
        ),
        ("cycle_tools", r.assessment.tools.len()),
        ("subgroups", sub.len()),
        (
            "subgroup_members",
            sub.iter().map(|s| s.members.len()).sum(),
        ),
        ("subgroup_themes", sub.iter().map(|s| s.themes.len()).sum()),
        ("subgroup_tools", sub.iter().map(|s| s.tools.len()).sum()),
        ("findings", r.assessment.findings.len()),
        ("activities", r.activities.len()),
        (
            "scoring_settings",
            usize::from(r.scoring.settings.is_some()),
        ),
        ("matrix_scores", r.scoring.matrix.len()),
        ("meeting2_groups", r.scoring.groups.len()),
        ("meeting2_entries", r.scoring.entries.len()),
        ("plan_versions", r.plan_versions.len()),
        (
            "plan_rows",
            r.plan_versions.iter().map(|v| v.rows.len()).sum(),
        ),
        ("annual_items", r.annual.items.len()),
        ("annual_scores", r.annual.scores.len()),
        ("annual_reviews", r.annual.reviews.len()),
        ("annual_summaries", usize::from(r.annual.summary.is_some())),
        ("assignments", r.after.assignments.len()),
        ("work_group_members", r.after.members.len()),
        ("receipts", r.after.receipts.len()),
        ("progress_entries", r.after.progress.len()),
        ("acceptances", r.after.acceptances.len()),
        ("disclosures", r.after.disclosures.len()),
        ("evaluations", r.after.evaluations.len()),
        ("annual_approvals", usize::from(r.annual.approval.is_some())),
    ]
}

#[test]
fn the_record_holds_every_row_the_database_has_for_each_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let (path, cycles) = demo_file(dir.path());
    let store = Store::open(&path).unwrap();
    let conn = Connection::open(&path).unwrap();
    let mut seen_nonzero = std::collections::BTreeSet::new();
    for cycle in &cycles {
        let record = store.cycle_record(*cycle).unwrap();
        let want = table_counts(&conn, cycle.0);
        assert_eq!(record_counts(&record), want, "cycle {}", cycle.0);
        seen_nonzero.extend(want.iter().filter(|(_, n)| *n > 0).map(|(t, _)| *t));
        let figures: i64 = conn
            .query_row(
                "SELECT count(*) FROM village_figures WHERE village_id = ?1",
                [record.village.id.0],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(record.figures.len(), usize::try_from(figures).unwrap());
        for m in &record.meetings {
            for e in &m.register {
                assert!(
                    record.person(e.person_id).is_some(),
                    "register names a known person"
                );
            }
        }
    }
    // The demo exercises every table at least once, so the comparison above is not empty.
    assert_eq!(
        seen_nonzero.len(),
        table_counts(&conn, cycles[0].0).len(),
        "{seen_nonzero:?}"
    );
}

#[test]
fn record_to_bundle_to_record_is_lossless() {
    let dir = tempfile::tempdir().unwrap();
    let (path, cycles) = demo_file(dir.path());
    let store = Store::open(&path).unwrap();
    for cycle in cycles {
        let record = store.cycle_record(cycle).unwrap();
        let bundle = Bundle::new(record.clone(), false, &stamp());
        let back = bundle::read(&bundle.to_bytes()).unwrap();
        assert_eq!(back.record, record, "cycle {}", cycle.0);
        assert_eq!(back, bundle);
        assert_eq!(back.schema_version, BUNDLE_SCHEMA_VERSION);
        assert_eq!(back.bundle_id, "12345678-9abc-4def-8123-456789abcdef");
        assert_eq!(back.created_at, "2026-12-04T11:05:00+07:00");
        assert_eq!(back.village_code, record.village_code);
        assert_eq!(back.app_version, env!("CARGO_PKG_VERSION"));
    }
}

#[test]
fn plan_versions_name_the_version_they_replace() {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    let record = store.cycle_record(first).unwrap();
    let b = Bundle::new(record.clone(), false, &stamp());
    let mt: Vec<_> = b
        .plans
        .iter()
        .filter(|p| p.kind == PlanKind::MediumTerm)
        .collect();
    assert_eq!(mt.len(), record.plan_versions.len());
    assert!(!mt.is_empty());
    let code = &record.village_code;
    assert_eq!(
        mt[0].version_id,
        format!("{code}/{}/mt/v1", record.cycle.year)
    );
    assert_eq!(mt[0].replaces, None);
    for pair in mt.windows(2) {
        assert_eq!(pair[1].replaces.as_ref(), Some(&pair[0].version_id));
    }
    // The next year carries the plan over: the bundle names the version in force.
    let carried = Bundle::new(store.cycle_record(next).unwrap(), false, &stamp());
    let last = carried
        .plans
        .iter()
        .find(|p| p.kind == PlanKind::MediumTerm)
        .unwrap();
    assert_eq!(last.made_in_year, record.cycle.year);
    assert!(carried.record.carried_plan.is_some());
}

#[test]
fn the_json_is_canonical_with_sorted_keys() {
    let value = serde_json::json!({"b": 1, "a": {"d": [2, {"z": 1, "y": "é"}], "c": 3.5}});
    assert_eq!(
        String::from_utf8(canonical(&value)).unwrap(),
        r#"{"a":{"c":3.5,"d":[2,{"y":"é","z":1}]},"b":1}"#
    );
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let bytes = Bundle::new(store.cycle_record(cycle).unwrap(), false, &stamp()).to_bytes();
    let reparsed: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        canonical(&reparsed),
        bytes,
        "the file is its own canonical form"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.starts_with(r#"{"content":{"app_version":"#),
        "{}",
        &text[..60]
    );
}

#[test]
fn a_changed_byte_a_newer_and_an_older_schema_are_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let b = Bundle::new(store.cycle_record(cycle).unwrap(), false, &stamp());
    let bytes = b.to_bytes();
    let at = bytes.windows(4).position(|w| w == b"Kram").unwrap();
    let mut changed = bytes.clone();
    changed[at] = b'C';
    assert_eq!(bundle::read(&changed), Err(BundleError::Checksum));

    let mut newer: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    newer["schema_version"] = 5.into();
    let newer = serde_json::to_vec(&newer).unwrap();
    assert_eq!(
        bundle::read(&newer),
        Err(BundleError::NewerSchema {
            found: 5,
            supported: 4
        })
    );
    // A schema-3 file (before the after-plan records) still reads, with none of them.
    let mut file: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let mut content = file["content"].take();
    content["schema_version"] = 3.into();
    content["record"].as_object_mut().unwrap().remove("after");
    let three = serde_json::json!({
        "content": content,
        "schema_version": 3,
        "sha256": bundle::hex_sha256(&canonical(&content)),
    });
    let read = bundle::read(&serde_json::to_vec(&three).unwrap()).unwrap();
    assert_eq!(read.schema_version, 3);
    assert!(read.record.after.is_empty());
    assert_eq!(read.record.annual, b.record.annual);
    assert_eq!(bundle::read(b"not json"), Err(BundleError::NotJson));
    assert_eq!(
        bundle::read(b"{\"hello\": 1}"),
        Err(BundleError::NotABundle)
    );

    for (file, schema) in [("bundle-v1.json", 1), ("bundle-v2.json", 2)] {
        let old = std::fs::read(Path::new("tests/fixtures").join(file)).unwrap();
        assert_eq!(
            bundle::read(&old),
            Err(BundleError::OlderSchema { found: schema })
        );
        match bundle::inspect(&old).unwrap() {
            Contents::Legacy(s) => {
                assert_eq!(s.schema_version, schema);
                assert_eq!(s.village.name, "Buôn Kram");
            }
            Contents::Exchange(_)
            | Contents::Commune(_)
            | Contents::District(_)
            | Contents::Assignment(_) => {
                panic!("a schema-{schema} file read as schema 3")
            }
        }
        let mut changed = old.clone();
        let at = changed.windows(4).position(|w| w == b"Kram").unwrap();
        changed[at] = b'C';
        assert_eq!(
            bundle::inspect(&changed),
            Err(BundleError::Checksum),
            "schema {schema}"
        );
    }
}

#[test]
fn the_schema_2_bundle_still_reads_whole() {
    let old = std::fs::read("tests/fixtures/bundle-v2.json").unwrap();
    let Contents::Legacy(s) = bundle::inspect(&old).unwrap() else {
        panic!("schema 2 is a plan snapshot");
    };
    assert_eq!(s.cycle.year, 2027);
    let plan = s.official_plan.as_ref().unwrap();
    assert_eq!(plan.made_in_year, 2026);
    assert!(!plan.combined.rows.is_empty());
    assert!(s.annual_plan.as_ref().unwrap().approval.is_some());
    assert!(!s.review.as_ref().unwrap().rows.is_empty());
}

#[test]
fn the_check_code_is_the_first_eight_hex_digits() {
    assert_eq!(bundle::check_code("1a2b3c4d5e6f"), "1A2B-3C4D");
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let b = Bundle::new(store.cycle_record(cycle).unwrap(), false, &stamp());
    let file: serde_json::Value = serde_json::from_slice(&b.to_bytes()).unwrap();
    let sha = file["sha256"].as_str().unwrap();
    assert_eq!(b.sha256(), sha);
    assert_eq!(b.check_code().replace('-', ""), sha[..8].to_uppercase());
}

#[test]
fn a_private_record_names_only_office_holders_and_keeps_every_count() {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let record = store.cycle_record(cycle).unwrap();
    let private = record.without_personal_details();
    assert_eq!(record_counts(&private), record_counts(&record));
    let mut named = 0;
    for (p, q) in record.people.iter().zip(&private.people) {
        assert_eq!(
            (p.gender, &p.ethnicity, p.wealth),
            (q.gender, &q.ethnicity, q.wealth)
        );
        if record.holds_office(p.id) {
            assert_eq!(p.name, q.name);
            named += 1;
        } else {
            assert!(q.name.is_empty(), "{} still named", p.name);
        }
    }
    assert!(
        named > 0 && named < record.people.len(),
        "{named} of {}",
        record.people.len()
    );
}

#[test]
fn village_and_commune_codes_are_made_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut store = Store::open(&path).unwrap();
    let commune = store.create_commune("Ea Kao", "", "Đắk Lắk").unwrap();
    let a = store
        .create_village(commune.id, "Buôn A", VillageKind::Buon)
        .unwrap();
    let b = store
        .create_village(commune.id, "Buôn B", VillageKind::Buon)
        .unwrap();
    let cycle_a = store
        .create_cycle(&kehoach::domain::NewCycle {
            village_id: a.id,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap();
    let cycle_b = store
        .create_cycle(&kehoach::domain::NewCycle {
            village_id: b.id,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap();
    let code_a = store.cycle_record(cycle_a.id).unwrap().village_code;
    let code_b = store.cycle_record(cycle_b.id).unwrap().village_code;
    assert_ne!(code_a, code_b);
    assert!(uuid::Uuid::parse_str(&code_a).is_ok(), "{code_a}");
    assert_eq!(uuid::Uuid::parse_str(&code_a).unwrap().get_version_num(), 4);
    store.rename_village(a.id, "Buôn A Mới").unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.cycle_record(cycle_a.id).unwrap().village_code, code_a);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let changed = conn.execute("UPDATE villages SET code = 'x' WHERE id = ?1", [a.id.0]);
    assert!(changed.is_err(), "a village's code never changes");
}
