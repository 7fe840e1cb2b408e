//! The district import (issue 14, item 6): communes' bundles imported into a district
//! database by the same `commands::import` as villages' bundles: idempotence, a newer
//! commune-plan version replacing the held one (kept, readable), a conflict under the same
//! version shown with its difference and taken only with a reason, an older bundle, a
//! damaged file refused while the batch's others import, a commune held locally never
//! overwritten, a village file of an imported commune refused, and the database guards.

#![allow(clippy::unwrap_used)]

use kehoach::commands::import::{ConflictKind, FilePlan, ImportFile, ImportRefusal, Verdict, plan};
use kehoach::commands::{Command, CommandError, ConferenceCommand, Effect, ImportCommand, execute};
use kehoach::domain::commune::PlanSource;
use kehoach::domain::{CommuneId, VillageKind};
use kehoach::export::bundle::{BundleError, Stamp};
use kehoach::export::commune::CommuneBundle;
use kehoach::i18n::Lang;
use kehoach::receive::summary;
use kehoach::store::{IMPORT_ERROR_KEYS, Store, StoreError};

/// The demo's commune laptop: Ea Tiêu with both demo villages.
fn commune_laptop() -> (Store, CommuneId) {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let commune = store.cycle_record(cycle).unwrap().commune.id;
    (store, commune)
}

/// The commune's 2026 bundle as `kehoach commune export` writes it.
fn commune_bundle(store: &Store, commune: CommuneId) -> CommuneBundle {
    let (c, code) = store.commune_with_code(commune).unwrap();
    let villages = store.commune_year(commune, 2026).unwrap();
    let conference = store.commune_conference(commune, 2026).unwrap();
    CommuneBundle::new(c, code, 2026, villages, false, &Stamp::now()).with_conference(conference)
}

fn file(name: &str, b: &CommuneBundle) -> ImportFile {
    ImportFile::new(name, b.to_bytes())
}

fn approve(store: &mut Store, commune: CommuneId) {
    let c = ConferenceCommand::Approve {
        commune,
        year: 2026,
    };
    execute(store, Command::Conference(c)).unwrap();
}

fn reopen(store: &mut Store, commune: CommuneId) {
    let c = ConferenceCommand::Reopen {
        commune,
        year: 2026,
        reason: "Huyện báo lại vốn, xã họp lại".into(),
    };
    execute(store, Command::Conference(c)).unwrap();
}

fn import(store: &mut Store, f: &ImportFile, reason: Option<&str>) -> Result<Effect, CommandError> {
    execute(
        store,
        Command::Import(ImportCommand {
            file: f.clone(),
            conflict_reason: reason.map(String::from),
        }),
    )
}

fn one(store: &Store, f: &ImportFile) -> FilePlan {
    plan(store, std::slice::from_ref(f)).unwrap().remove(0)
}

fn verdict(store: &Store, f: &ImportFile) -> Verdict {
    one(store, f)
        .verdict()
        .cloned()
        .expect("a sound commune bundle")
}

fn refusal(store: &Store, f: &ImportFile) -> ImportRefusal {
    match one(store, f) {
        FilePlan::Refused { why, .. } => why,
        other => panic!("not refused: {:?}", other.verdict()),
    }
}

/// The district's commune of the bundle.
fn held(store: &Store, b: &CommuneBundle) -> CommuneId {
    store.commune_by_code(&b.commune_code).unwrap().unwrap().id
}

#[test]
fn the_same_commune_file_twice_changes_nothing_and_the_summary_says_so() {
    let (mut laptop, commune) = commune_laptop();
    approve(&mut laptop, commune);
    let b = commune_bundle(&laptop, commune);
    let f = file("xa-ea-tieu-2026.json", &b);
    let mut district = Store::open_in_memory().unwrap();
    assert_eq!(verdict(&district, &f), Verdict::New);
    let lines = summary::lines(Lang::Vi, &one(&district, &f));
    assert!(
        lines[0].contains("xã Ea Tiêu, huyện Cư Kuin, năm 2026"),
        "{lines:?}"
    );
    assert!(
        lines[0].contains("2 thôn, buôn; kế hoạch xã bản 1"),
        "{lines:?}"
    );
    assert!(lines[0].contains(&b.check_code()), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("sẽ tạo mới")), "{lines:?}");
    assert!(matches!(
        import(&mut district, &f, None),
        Ok(Effect::Imported(_))
    ));
    assert_eq!(verdict(&district, &f), Verdict::Unchanged);
    let again = summary::lines(Lang::En, &one(&district, &f));
    assert!(
        again[0].ends_with("already here, nothing changes"),
        "{again:?}"
    );
    assert_eq!(import(&mut district, &f, None).unwrap(), Effect::Done);
    let id = held(&district, &b);
    assert_eq!(district.commune_imports(id).unwrap().len(), 1);
    assert!(district.commune_held_by_id(id).unwrap().imported);
}

#[test]
fn a_newer_commune_plan_version_replaces_the_held_one_which_stays_readable() {
    let (mut laptop, commune) = commune_laptop();
    approve(&mut laptop, commune);
    let v1 = commune_bundle(&laptop, commune);
    reopen(&mut laptop, commune);
    approve(&mut laptop, commune);
    let v2 = commune_bundle(&laptop, commune);
    let mut district = Store::open_in_memory().unwrap();
    import(&mut district, &file("v1.json", &v1), None).unwrap();
    let code = &v1.commune_code;
    assert_eq!(
        verdict(&district, &file("v2.json", &v2)),
        Verdict::Replace {
            held: Some(format!("{code}/2026/commune/v1")),
            same_plan: false,
        }
    );
    import(&mut district, &file("v2.json", &v2), None).unwrap();
    let id = held(&district, &v1);
    let kept = district.commune_imports(id).unwrap();
    assert_eq!(kept.len(), 2);
    assert_eq!((kept[0].current, kept[0].version), (false, Some(1)));
    assert_eq!((kept[1].current, kept[1].version), (true, Some(2)));
    assert_eq!(
        district.commune_import_bytes(kept[0].id).unwrap(),
        v1.to_bytes()
    );
    let current = district.current_commune_import(id, 2026).unwrap().unwrap();
    assert_eq!(current.bundle_id, v2.bundle_id);
    // The older file again is a conflict: never taken silently.
    let older = verdict(&district, &file("v1.json", &v1));
    assert!(
        matches!(
            older,
            Verdict::Conflict {
                kind: ConflictKind::Older,
                ..
            }
        ),
        "{older:?}"
    );
    let refused = import(&mut district, &file("v1.json", &v1), None).unwrap_err();
    assert!(matches!(
        refused,
        CommandError::Import(ImportRefusal::Conflict)
    ));
}

#[test]
fn other_content_under_the_same_version_is_a_conflict_shown_and_taken_with_a_reason() {
    let (mut laptop, commune) = commune_laptop();
    approve(&mut laptop, commune);
    let held_bundle = commune_bundle(&laptop, commune);
    let mut other = held_bundle.clone();
    other.bundle_id = uuid::Uuid::new_v4().to_string();
    let kram = other
        .villages
        .iter_mut()
        .find(|v| v.village.name == "Buôn Kram")
        .unwrap();
    let record = kram.record.as_mut().unwrap();
    let item = record.annual.items[0].activity;
    let activity = record
        .activities
        .iter_mut()
        .find(|a| a.activity.id == item)
        .unwrap();
    activity.activity.fields.estimated_cost_vnd = Some(123_000_000);
    let name = activity.activity.fields.name.clone();
    let mut district = Store::open_in_memory().unwrap();
    import(&mut district, &file("a.json", &held_bundle), None).unwrap();
    let f = file("b.json", &other);
    let Verdict::Conflict { kind, diff, .. } = verdict(&district, &f) else {
        panic!("not a conflict");
    };
    assert_eq!(kind, ConflictKind::SameVersion);
    assert_eq!(diff.changed.len(), 1, "{diff:?}");
    assert_eq!(diff.changed[0].activity, format!("Buôn Kram · {name}"));
    assert_eq!(diff.changed[0].after, "123000000");
    let lines = summary::lines(Lang::Vi, &one(&district, &f));
    assert!(
        lines[0].contains("XUNG ĐỘT: cùng bản kế hoạch"),
        "{lines:?}"
    );
    assert!(lines[1].contains("Buôn Kram · "), "{lines:?}");
    assert!(matches!(
        import(&mut district, &f, None).unwrap_err(),
        CommandError::Import(ImportRefusal::Conflict)
    ));
    import(&mut district, &f, Some("Xã gửi lại bản đúng, có chữ ký")).unwrap();
    let kept = district.commune_imports(held(&district, &other)).unwrap();
    assert_eq!(kept.len(), 2);
    assert_eq!(
        kept[1].conflict_reason.as_deref(),
        Some("Xã gửi lại bản đúng, có chữ ký")
    );
}

#[test]
fn a_damaged_commune_file_is_refused_and_the_batch_still_imports() {
    let (laptop, commune) = commune_laptop();
    let b = commune_bundle(&laptop, commune);
    let mut bytes = b.to_bytes();
    let at = bytes.windows(4).position(|w| w == b"Kram").unwrap();
    bytes[at] = b'L';
    let bad = ImportFile::new("hong.json", bytes);
    let good = file("xa-ea-tieu-2026.json", &b);
    let mut district = Store::open_in_memory().unwrap();
    let plans = plan(&district, &[bad.clone(), good.clone()]).unwrap();
    assert!(matches!(
        &plans[0],
        FilePlan::Refused {
            why: ImportRefusal::Bundle(BundleError::Checksum),
            ..
        }
    ));
    assert_eq!(plans[1].verdict(), Some(&Verdict::New));
    assert!(import(&mut district, &bad, None).is_err());
    assert!(
        district.communes().unwrap().is_empty(),
        "nothing written for the damaged file"
    );
    import(&mut district, &good, None).unwrap();
    assert_eq!(district.communes().unwrap().len(), 1);
}

#[test]
fn a_commune_held_here_is_never_overwritten_and_an_imported_one_never_edited() {
    let (mut laptop, commune) = commune_laptop();
    let b = commune_bundle(&laptop, commune);
    let f = file("xa-ea-tieu-2026.json", &b);
    // The commune laptop holds Ea Tiêu village by village: its own file is refused.
    assert_eq!(
        refusal(&laptop, &f),
        ImportRefusal::LocalCommune("Ea Tiêu".into())
    );
    let refused = import(&mut laptop, &f, None).unwrap_err();
    assert!(
        matches!(&refused, CommandError::Import(ImportRefusal::LocalCommune(n)) if n == "Ea Tiêu")
    );
    let text = refused.text(Lang::Vi);
    assert!(text.contains("đang giữ theo từng thôn, buôn"), "{text}");
    // At the district, the imported commune takes no village, typed or from a file.
    let mut district = Store::open_in_memory().unwrap();
    import(&mut district, &f, None).unwrap();
    let id = held(&district, &b);
    let typed = district
        .create_village(id, "Thôn 9", VillageKind::Thon)
        .unwrap_err();
    assert!(
        matches!(typed, StoreError::Refused("import.err.imported_commune")),
        "{typed:?}"
    );
    let kram = laptop.commune_year(commune, 2026).unwrap();
    let record = kram.into_iter().find_map(|v| v.record).unwrap();
    let village = kehoach::export::bundle::Bundle::new(record, false, &Stamp::now());
    let vf = ImportFile::new("buon-kram-2026.json", village.to_bytes());
    assert_eq!(
        refusal(&district, &vf),
        ImportRefusal::ImportedCommune("Ea Tiêu".into())
    );
    // A commune known here by name only, with nothing held, takes its first file.
    let mut named = Store::open_in_memory().unwrap();
    let c = named
        .create_commune("Xã Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .unwrap()
        .id;
    let FilePlan::Commune { planned, .. } = one(&named, &f) else {
        panic!("not a commune file");
    };
    assert!(
        matches!(&planned.commune, kehoach::commands::import::CommuneMatch::ByName(x) if x.id == c)
    );
    import(&mut named, &f, None).unwrap();
    assert!(named.commune_held_by_id(c).unwrap().imported);
    assert_eq!(named.communes().unwrap().len(), 1);
}

#[test]
fn an_imported_commune_bundle_cannot_be_changed_even_by_hand_written_sql() {
    let (laptop, commune) = commune_laptop();
    let b = commune_bundle(&laptop, commune);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huyen.db");
    {
        let mut district = Store::open(&path).unwrap();
        import(&mut district, &file("x.json", &b), None).unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE commune_imports SET bytes = x'00'",
        "UPDATE commune_imports SET version = 7",
        "DELETE FROM commune_imports",
        "INSERT INTO villages (commune_id, name, kind) VALUES (1, 'Thôn 9', 'thon')",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("kehoach:"), "{sql}: {e}");
    }
}

#[test]
fn the_district_year_reads_an_imported_commune_as_the_commune_holds_it() {
    let (mut laptop, commune) = commune_laptop();
    approve(&mut laptop, commune);
    let b = commune_bundle(&laptop, commune);
    let mut district = Store::open_in_memory().unwrap();
    import(&mut district, &file("x.json", &b), None).unwrap();
    let id = held(&district, &b);
    let years = district.district_year(&[id], 2026).unwrap();
    assert_eq!(years.len(), 1);
    let y = &years[0];
    assert!(matches!(&y.source, PlanSource::Imported(f) if f.check_code == b.check_code()));
    assert_eq!(y.villages, b.villages);
    assert_eq!(y.conference, b.conference);
    let local = laptop.district_year(&[commune], 2026).unwrap();
    assert_eq!(local[0].villages, y.villages);
    assert_eq!(local[0].conference, y.conference);
    // Another year: nothing received.
    let none = district.district_year(&[id], 2025).unwrap();
    assert!(none[0].villages.is_empty());
}

#[test]
fn every_import_refusal_of_the_database_is_translated() {
    for key in IMPORT_ERROR_KEYS {
        for lang in [Lang::Vi, Lang::En] {
            assert_ne!(kehoach::i18n::t(lang, key), key, "{key}");
        }
    }
}
