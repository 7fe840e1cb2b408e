//! The commune import (issue 14): villages' bundles imported into a commune database by
//! `commands::import` (dry run and one command per bundle) and `kehoach import` on the
//! binary: idempotence, replace, conflicts with their difference, tamper, unknown village,
//! commune matched by code and by name, a local village never overwritten, a mixed
//! folder, a newer schema, the database guards, and `commune_year` giving the same record
//! for a village typed locally or imported.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command as Process;

use kehoach::commands::annual::AnnualCommand;
use kehoach::commands::import::{
    ConflictKind, FilePlan, ImportFile, ImportRefusal, Planned, Verdict, plan,
};
use kehoach::commands::{Command, CommandError, Effect, ImportCommand, execute};
use kehoach::domain::commune::PlanSource;
use kehoach::domain::{CommuneId, CycleId, NewCycle, VillageId};
use kehoach::export::bundle::{self, Bundle, BundleError, PlanKind, Stamp};
use kehoach::i18n::Lang;
use kehoach::store::{AnnualApproval, IMPORT_ERROR_KEYS, Store, StoreError};

/// The demo village laptop and its 2026 cycle of Buôn Kram.
fn village() -> (Store, CycleId) {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    (store, cycle)
}

fn bundle_of(store: &Store, cycle: CycleId) -> Bundle {
    Bundle::new(store.cycle_record(cycle).unwrap(), false, &Stamp::now())
}

fn file(name: &str, b: &Bundle) -> ImportFile {
    ImportFile::new(name, b.to_bytes())
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

fn planned(store: &Store, f: &ImportFile) -> Planned {
    match plan(store, std::slice::from_ref(f)).unwrap().remove(0) {
        FilePlan::Ready { planned, .. } => *planned,
        FilePlan::Refused { why, .. } => panic!("refused: {why:?}"),
        FilePlan::Commune { .. } | FilePlan::Assignment { .. } => panic!("another bundle"),
    }
}

fn refusal(store: &Store, f: &ImportFile) -> ImportRefusal {
    match plan(store, std::slice::from_ref(f)).unwrap().remove(0) {
        FilePlan::Refused { why, .. } => why,
        other => panic!("ready: {:?}", other.verdict()),
    }
}

/// The imported village of the bundle in `store`.
fn village_of(store: &Store, b: &Bundle) -> VillageId {
    store
        .village_by_code(&b.village_code)
        .unwrap()
        .unwrap()
        .village
        .id
}

/// Reopens the annual plan and approves it again (version 2).
fn approve_again(store: &mut Store, cycle: CycleId) {
    let reopen = AnnualCommand::Reopen {
        cycle,
        reason: "Thôn họp lại, đổi khối lượng".into(),
    };
    execute(store, Command::Annual(reopen)).unwrap();
    let approve = AnnualCommand::Approve {
        cycle,
        approval: AnnualApproval {
            date: "2026-06-20".into(),
            votes_for: 60,
            votes_against: 1,
            abstain: 3,
            approved_at: "2026-06-20T16:15:00".into(),
        },
        reason: None,
    };
    execute(store, Command::Annual(approve)).unwrap();
}

#[test]
fn the_same_file_twice_changes_nothing_and_the_summary_says_so() {
    let (v, cycle) = village();
    let f = file("buon-kram.json", &bundle_of(&v, cycle));
    let mut commune = Store::open_in_memory().unwrap();
    assert_eq!(planned(&commune, &f).verdict, Verdict::New);
    assert!(matches!(
        import(&mut commune, &f, None).unwrap(),
        Effect::Imported(_)
    ));
    let audit = commune.audit_log().unwrap().len();
    assert_eq!(planned(&commune, &f).verdict, Verdict::Unchanged);
    assert_eq!(import(&mut commune, &f, None).unwrap(), Effect::Done);
    assert_eq!(commune.audit_log().unwrap().len(), audit);
    let id = village_of(&commune, &bundle::read(f.bytes()).unwrap());
    assert_eq!(commune.imports(id).unwrap().len(), 1);
}

#[test]
fn a_newer_version_replaces_the_held_one_which_stays_readable() {
    let (mut v, cycle) = village();
    let first = bundle_of(&v, cycle);
    let mut commune = Store::open_in_memory().unwrap();
    import(&mut commune, &file("v1.json", &first), None).unwrap();
    approve_again(&mut v, cycle);
    let second = bundle_of(&v, cycle);
    let annual = second
        .plans
        .iter()
        .find(|p| p.kind == PlanKind::Annual)
        .unwrap();
    assert_eq!(annual.version, 2);
    assert_eq!(
        annual.replaces.as_deref(),
        Some(first.plans[1].version_id.as_str())
    );
    let f2 = file("v2.json", &second);
    assert!(matches!(
        planned(&commune, &f2).verdict,
        Verdict::Replace {
            same_plan: false,
            ..
        }
    ));
    import(&mut commune, &f2, None).unwrap();
    let id = village_of(&commune, &first);
    let all = commune.imports(id).unwrap();
    assert_eq!(all.len(), 2);
    assert!(!all[0].current && all[1].current);
    assert_eq!(all[1].bundle_id, second.bundle_id);
    assert_eq!(commune.imported_record(all[0].id).unwrap(), first.record);
    assert_eq!(
        commune.current_import(id, 2026).unwrap().unwrap().id,
        all[1].id
    );

    // The older version again: a conflict, never taken silently.
    let old = file(
        "v1-again.json",
        &Bundle::new(first.record.clone(), false, &Stamp::now()),
    );
    assert!(matches!(
        planned(&commune, &old).verdict,
        Verdict::Conflict {
            kind: ConflictKind::Older,
            ..
        }
    ));
}

#[test]
fn a_re_export_of_the_same_plan_replaces_without_conflict() {
    let (v, cycle) = village();
    let mut commune = Store::open_in_memory().unwrap();
    import(&mut commune, &file("a.json", &bundle_of(&v, cycle)), None).unwrap();
    let again = file("b.json", &bundle_of(&v, cycle));
    assert!(matches!(
        planned(&commune, &again).verdict,
        Verdict::Replace {
            same_plan: true,
            ..
        }
    ));
}

#[test]
fn different_content_under_the_same_version_is_a_conflict_shown_and_taken_with_a_reason() {
    let (v, cycle) = village();
    let held = bundle_of(&v, cycle);
    let mut commune = Store::open_in_memory().unwrap();
    import(&mut commune, &file("a.json", &held), None).unwrap();
    let mut record = held.record.clone();
    let changed = record
        .activities
        .iter_mut()
        .find(|a| a.merged_into.is_none())
        .unwrap();
    changed.activity.fields.location = "Đầu buôn".into();
    let name = changed.activity.fields.name.clone();
    let dropped = record.activities.pop().unwrap().activity.fields.name;
    let f = file("b.json", &Bundle::new(record, false, &Stamp::now()));
    let Verdict::Conflict { kind, diff, .. } = planned(&commune, &f).verdict else {
        panic!("not a conflict");
    };
    assert_eq!(kind, ConflictKind::SameVersion);
    assert!(
        diff.changed
            .iter()
            .any(|c| c.activity == name && c.field == "location" && c.after == "Đầu buôn"),
        "{diff:?}"
    );
    assert_eq!(diff.dropped, vec![dropped]);
    let audit = commune.audit_log().unwrap().len();
    let err = import(&mut commune, &f, None).unwrap_err();
    assert!(
        matches!(err, CommandError::Import(ImportRefusal::Conflict)),
        "{err:?}"
    );
    assert!(err.text(Lang::Vi).contains("xung đột"));
    assert_eq!(commune.audit_log().unwrap().len(), audit);
    assert!(matches!(
        import(&mut commune, &f, Some("  ")).unwrap_err(),
        CommandError::Import(_)
    ));
    import(
        &mut commune,
        &f,
        Some("Chủ tịch xã đối chiếu bản giấy đã ký"),
    )
    .unwrap();
    let id = village_of(&commune, &held);
    let now = commune.current_import(id, 2026).unwrap().unwrap();
    assert_eq!(
        now.conflict_reason.as_deref(),
        Some("Chủ tịch xã đối chiếu bản giấy đã ký")
    );
}

#[test]
fn a_bundle_replacing_a_version_no_longer_held_is_a_stale_conflict() {
    let (v, cycle) = village();
    let held = bundle_of(&v, cycle);
    let mut commune = Store::open_in_memory().unwrap();
    import(&mut commune, &file("a.json", &held), None).unwrap();
    let mut stale = bundle_of(&v, cycle);
    let annual = stale
        .plans
        .iter_mut()
        .find(|p| p.kind == PlanKind::Annual)
        .unwrap();
    annual.version = 3;
    annual.version_id = annual.version_id.replace("/v1", "/v3");
    annual.replaces = Some(annual.version_id.replace("/v3", "/v2"));
    let f = file("stale.json", &stale);
    assert!(matches!(
        planned(&commune, &f).verdict,
        Verdict::Conflict {
            kind: ConflictKind::Stale,
            ..
        }
    ));
    assert!(import(&mut commune, &f, None).is_err());
}

#[test]
fn a_changed_byte_is_refused_and_the_other_files_still_import() {
    let (v, cycle) = village();
    let good = file("good.json", &bundle_of(&v, cycle));
    let mut bytes = good.bytes().to_vec();
    let at = bytes.windows(4).position(|w| w == b"Kram").unwrap();
    bytes[at] = b'C';
    let bad = ImportFile::new("bad.json", bytes);
    let mut commune = Store::open_in_memory().unwrap();
    let plans = plan(&commune, &[bad.clone(), good.clone()]).unwrap();
    assert!(matches!(
        &plans[0],
        FilePlan::Refused {
            why: ImportRefusal::Bundle(BundleError::Checksum),
            ..
        }
    ));
    assert!(matches!(&plans[1], FilePlan::Ready { .. }));
    let err = import(&mut commune, &bad, None).unwrap_err();
    let CommandError::Import(why) = &err else {
        panic!("{err:?}")
    };
    assert!(
        why.text(Lang::Vi, "bad.json")
            .contains("mã kiểm tra không khớp")
    );
    assert!(commune.audit_log().unwrap().is_empty());
    import(&mut commune, &good, None).unwrap();
}

#[test]
fn a_newer_schema_is_refused_asking_to_update_kehoach() {
    let f = ImportFile::new(
        "new.json",
        br#"{"content": {}, "schema_version": 9, "sha256": "00"}"#.to_vec(),
    );
    let commune = Store::open_in_memory().unwrap();
    let why = refusal(&commune, &f);
    assert!(matches!(
        why,
        ImportRefusal::Bundle(BundleError::NewerSchema { found: 9, .. })
    ));
    assert!(
        why.text(Lang::Vi, "new.json")
            .contains("hãy cập nhật kehoach")
    );
    assert!(why.text(Lang::En, "new.json").contains("update kehoach"));
}

#[test]
fn unknown_villages_are_added_under_their_commune_matched_by_code_then_by_name() {
    let (v, cycle) = village();
    let kram = bundle_of(&v, cycle);
    let thon3 = v
        .villages(v.cycle_record(cycle).unwrap().commune.id)
        .unwrap();
    let thon3 = thon3.iter().find(|x| x.name == "Thôn 3").unwrap();
    let thon3_cycle = v
        .cycles(thon3.id)
        .unwrap()
        .into_iter()
        .find(|c| c.year == 2026)
        .unwrap();
    let thon3 = bundle_of(&v, thon3_cycle.id);

    // By name: the commune typed here as "Xã EA TIEU", another code.
    let mut commune = Store::open_in_memory().unwrap();
    let created = Command::CreateCommune {
        name: "Xã EA TIEU".into(),
        district: "Cư Kuin".into(),
    };
    let Effect::Commune(here) = execute(&mut commune, created).unwrap() else {
        panic!()
    };
    let p = planned(&commune, &file("kram.json", &kram));
    assert!(
        matches!(&p.commune, kehoach::commands::import::CommuneMatch::ByName(c) if c.id == here)
    );
    assert_eq!(p.village, None);
    import(&mut commune, &file("kram.json", &kram), None).unwrap();
    let added = commune.villages(here).unwrap();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].name, "Buôn Kram");

    // By code: a fresh database creates the commune once, the second village joins it.
    let mut fresh = Store::open_in_memory().unwrap();
    import(&mut fresh, &file("kram.json", &kram), None).unwrap();
    let p = planned(&fresh, &file("thon3.json", &thon3));
    assert!(matches!(
        p.commune,
        kehoach::commands::import::CommuneMatch::ByCode(_)
    ));
    import(&mut fresh, &file("thon3.json", &thon3), None).unwrap();
    let communes = fresh.communes().unwrap();
    assert_eq!(communes.len(), 1);
    assert_eq!(fresh.villages(communes[0].id).unwrap().len(), 2);
}

#[test]
fn a_local_village_is_never_overwritten_and_an_imported_one_never_edited() {
    let (mut v, cycle) = village();
    let own = file("own.json", &bundle_of(&v, cycle));
    let audit = v.audit_log().unwrap().len();
    assert!(matches!(refusal(&v, &own), ImportRefusal::LocalVillage(n) if n == "Buôn Kram"));
    assert!(import(&mut v, &own, None).is_err());
    assert_eq!(v.audit_log().unwrap().len(), audit);

    let mut commune = Store::open_in_memory().unwrap();
    import(&mut commune, &own, None).unwrap();
    let id = village_of(&commune, &bundle::read(own.bytes()).unwrap());
    let new = NewCycle {
        village_id: id,
        year: 2027,
        medium_term_span: 5,
    };
    let err = execute(&mut commune, Command::CreateCycle(new)).unwrap_err();
    assert!(
        matches!(
            err.store_error(),
            Some(StoreError::Refused("import.err.imported_village"))
        ),
        "{err:?}"
    );
    assert!(err.text(Lang::Vi).contains("không sửa tại xã"));
    let rename = Command::RenameVillage(id, "Buôn Kram Mới".into());
    let err = execute(&mut commune, rename).unwrap_err();
    assert!(
        matches!(
            err.store_error(),
            Some(StoreError::Refused("import.err.imported_village"))
        ),
        "{err:?}"
    );
}

#[test]
fn commune_year_gives_the_same_record_typed_locally_or_imported() {
    let (v, cycle) = village();
    let record = v.cycle_record(cycle).unwrap();
    let local = v.commune_year(record.commune.id, 2026).unwrap();
    let kram = local
        .iter()
        .find(|y| y.village.name == "Buôn Kram")
        .unwrap();
    assert_eq!(kram.source, PlanSource::Local);
    assert_eq!(kram.record.as_ref(), Some(&record));

    let mut commune = Store::open_in_memory().unwrap();
    let b = bundle_of(&v, cycle);
    import(&mut commune, &file("kram.json", &b), None).unwrap();
    let id: CommuneId = commune.communes().unwrap()[0].id;
    let imported = commune.commune_year(id, 2026).unwrap();
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].record.as_ref(), Some(&record));
    let PlanSource::Imported(from) = &imported[0].source else {
        panic!()
    };
    assert_eq!(from.check_code, b.check_code());
    assert_eq!(from.file_name, "kram.json");
    assert_eq!(commune.commune_year(id, 2030).unwrap()[0].record, None);
}

#[test]
fn an_imported_plan_cannot_be_changed_even_by_hand_written_sql() {
    let (v, cycle) = village();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut commune = Store::open(&path).unwrap();
    import(
        &mut commune,
        &file("kram.json", &bundle_of(&v, cycle)),
        None,
    )
    .unwrap();
    drop(commune);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE imported_plans SET bytes = x'00'",
        "UPDATE imported_plans SET file_name = 'x.json'",
        "UPDATE imported_plans SET year = 2030",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("kehoach: imported plan kept"), "{sql}: {err}");
    }
    conn.execute("UPDATE imported_plans SET current = 0", [])
        .unwrap();
    let err = conn
        .execute("INSERT INTO cycles (village_id, year, medium_term_start, medium_term_span) SELECT id, 2031, 2031, 5 FROM villages", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("kehoach: village imported"), "{err}");
}

fn kehoach(home: &Path, args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .env("HOME", home)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn the_command_line_imports_a_mixed_folder_and_names_every_file() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (v, cycle) = village();
    let stick = h.join("usb");
    std::fs::create_dir(&stick).unwrap();
    let good = bundle_of(&v, cycle).to_bytes();
    std::fs::write(stick.join("buon-kram.json"), &good).unwrap();
    let mut bad = good.clone();
    let at = bad.windows(4).position(|w| w == b"Kram").unwrap();
    bad[at] = b'C';
    std::fs::write(stick.join("hong.json"), &bad).unwrap();
    std::fs::write(stick.join("ghi-chu.txt"), "hello").unwrap();
    std::fs::write(stick.join("other.json"), "{\"a\": 1}").unwrap();
    let db = h.join("xa.db");
    let (db, usb) = (db.to_str().unwrap(), stick.to_str().unwrap());

    let out = kehoach(h, &["import", "--db", db, usb, "--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("ghi-chu.txt: bỏ qua, không phải tệp .json"),
        "{text}"
    );
    assert!(
        text.contains("other.json: bỏ qua, không phải gói xuất"),
        "{text}"
    );
    assert!(
        text.contains("TỪ CHỐI, không ghi gì: tệp hong.json đã bị sửa hoặc hỏng"),
        "{text}"
    );
    assert!(
        text.contains("buon-kram.json: Buôn Kram, Ea Tiêu, năm 2026"),
        "{text}"
    );
    assert!(text.contains("sẽ thêm mới"), "{text}");

    // Not a terminal and no --yes: nothing written.
    let out = kehoach(h, &["import", "--db", db, usb]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));

    let out = kehoach(h, &["--lang", "en", "import", "--db", db, usb, "--yes"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}{err}");
    assert!(text.contains("buon-kram.json: imported"), "{text}");
    assert!(err.contains("1 files were refused"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");

    let kram = stick.join("buon-kram.json");
    let out = kehoach(
        h,
        &[
            "--lang",
            "en",
            "import",
            "--db",
            db,
            kram.to_str().unwrap(),
            "--yes",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("already here, nothing changes"), "{text}");
    assert!(
        text.contains("buon-kram.json: already here, nothing changed"),
        "{text}"
    );

    let out = kehoach(h, &["import", "--db", db, usb, "--take-conflicts"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--reason"));
}

#[test]
fn every_import_refusal_of_the_database_is_translated() {
    for key in IMPORT_ERROR_KEYS {
        assert!(kehoach::i18n::has(key), "{key}");
        assert_ne!(
            kehoach::i18n::t(Lang::Vi, key),
            kehoach::i18n::t(Lang::En, key)
        );
    }
}

#[test]
fn a_batch_is_judged_as_if_its_earlier_files_were_imported() {
    let (mut v, cycle) = village();
    let first = file("v1.json", &bundle_of(&v, cycle));
    approve_again(&mut v, cycle);
    let second = file("v2.json", &bundle_of(&v, cycle));
    let mut commune = Store::open_in_memory().unwrap();
    let plans = plan(&commune, &[first.clone(), second.clone(), first.clone()]).unwrap();
    let ready: Vec<&Planned> = plans
        .iter()
        .map(|p| match p {
            FilePlan::Ready { planned, .. } => planned.as_ref(),
            FilePlan::Refused { why, .. } => panic!("{why:?}"),
            FilePlan::Commune { .. } | FilePlan::Assignment { .. } => panic!("another bundle"),
        })
        .collect();
    assert_eq!(ready[0].verdict, Verdict::New);
    assert!(!ready[0].village_in_batch);
    assert!(matches!(
        ready[1].verdict,
        Verdict::Replace {
            same_plan: false,
            ..
        }
    ));
    assert!(ready[1].village_in_batch);
    assert_eq!(
        ready[1].commune,
        kehoach::commands::import::CommuneMatch::InBatch
    );
    assert!(matches!(
        ready[2].verdict,
        Verdict::Conflict {
            kind: ConflictKind::Older,
            ..
        }
    ));
    import(&mut commune, &first, None).unwrap();
    import(&mut commune, &second, None).unwrap();
    assert_eq!(commune.communes().unwrap().len(), 1);
    let id = village_of(&commune, &bundle::read(second.bytes()).unwrap());
    let all = commune.imports(id).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[1].current);
}

#[test]
fn the_command_line_shows_a_conflict_with_its_difference_and_takes_it_only_with_a_reason() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (v, cycle) = village();
    let held = bundle_of(&v, cycle);
    let mut record = held.record.clone();
    let a = record
        .activities
        .iter_mut()
        .find(|a| a.merged_into.is_none())
        .unwrap();
    a.activity.fields.location = "Đầu buôn".into();
    let (kram, other) = (h.join("kram.json"), h.join("kram-sua.json"));
    std::fs::write(&kram, held.to_bytes()).unwrap();
    std::fs::write(&other, Bundle::new(record, false, &Stamp::now()).to_bytes()).unwrap();
    let db = h.join("xa.db");
    let (db, kram, other) = (
        db.to_str().unwrap(),
        kram.to_str().unwrap(),
        other.to_str().unwrap(),
    );
    assert!(
        kehoach(h, &["import", "--db", db, kram, "--yes"])
            .status
            .success()
    );

    let out = kehoach(h, &["import", "--db", db, other, "--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("XUNG ĐỘT: cùng bản kế hoạch"), "{text}");
    assert!(
        text.contains("location “") && text.contains("→ “Đầu buôn”"),
        "{text}"
    );

    let out = kehoach(h, &["import", "--db", db, other, "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("kram-sua.json: xung đột, chưa nhập"));

    let reason = "Đối chiếu bản giấy có chữ ký trưởng thôn";
    let args = [
        "import",
        "--db",
        db,
        other,
        "--yes",
        "--take-conflicts",
        "--reason",
        reason,
    ];
    let out = kehoach(h, &args);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!(
            "kram-sua.json: đã nhận bản xung đột theo quyết định, lý do: {reason}"
        )),
        "{text}"
    );
}

#[test]
fn a_wrongly_imported_village_can_still_be_deleted_whole() {
    let (v, cycle) = village();
    let b = bundle_of(&v, cycle);
    let mut commune = Store::open_in_memory().unwrap();
    import(&mut commune, &file("kram.json", &b), None).unwrap();
    let id = village_of(&commune, &b);
    let delete = Command::DeleteVillage {
        village: id,
        name: "Buôn Kram".into(),
    };
    execute(&mut commune, delete).unwrap();
    assert!(commune.village_by_code(&b.village_code).unwrap().is_none());
    assert!(commune.imports(id).unwrap().is_empty());
}

#[test]
fn the_checked_sha256_of_a_bundle_kehoach_wrote_is_its_own() {
    let (v, cycle) = village();
    let b = bundle_of(&v, cycle);
    let (read, sha256) = bundle::read_checked(&b.to_bytes()).unwrap();
    assert_eq!(read, b);
    assert_eq!(sha256, b.sha256());
}

#[test]
fn a_file_read_by_the_dry_run_is_classified_again_by_its_command() {
    let (mut v, cycle) = village();
    let first = file("v1.json", &bundle_of(&v, cycle));
    approve_again(&mut v, cycle);
    let second = file("v2.json", &bundle_of(&v, cycle));
    let mut commune = Store::open_in_memory().unwrap();
    // The dry run reads the first file (new then); the second is imported before it.
    let dry = planned(&commune, &first);
    assert_eq!(dry.verdict, Verdict::New);
    import(&mut commune, &second, None).unwrap();
    assert!(matches!(
        import(&mut commune, &first, None),
        Err(CommandError::Import(ImportRefusal::Conflict))
    ));
    let id = village_of(&commune, &dry.bundle);
    assert_eq!(commune.imports(id).unwrap().len(), 1);
}
