//! The commune's assignment bundle (issue 15, item 1) at the library level: the commune
//! assigns an imported village plan, exports one bundle per village, and the village's
//! own database takes it in by the import rules (dry run, the same again, replaced,
//! a hand-typed conflict taken only with a reason, another plan version refused, a
//! damaged file refused while the rest of the folder imports); the refusals of the
//! commune's command.

#![allow(clippy::unwrap_used)]

mod commands_support;

use commands_support::{Village, approve_both, village};
use kehoach::commands::commune_assign::{assigned_items, assignment_bundles};
use kehoach::commands::import::{FilePlan, ImportFile, ImportRefusal, Verdict, plan};
use kehoach::commands::{
    AfterPlanCommand, AnnualCommand, Command, CommandError, CommuneAssign, Effect, ImportCommand,
    execute,
};
use kehoach::domain::after_plan::{
    AfterPlanError, AssignedItem, Assignment, Budget, Decision, WorkOwner,
};
use kehoach::domain::annual::AnnualItemId;
use kehoach::domain::{CommuneId, VillageId};
use kehoach::export::assignment::AssignmentBundle;
use kehoach::export::bundle::{Bundle, BundleError, Stamp, annual_identity};
use kehoach::store::Store;

/// A commune database holding the village's plan file, imported.
struct Commune {
    store: Store,
    commune: CommuneId,
    village: VillageId,
}

fn plan_file(v: &Village) -> Vec<u8> {
    let record = v.store.cycle_record(v.cycle).unwrap();
    Bundle::new(record, false, &Stamp::now()).to_bytes()
}

fn import(
    store: &mut Store,
    name: &str,
    bytes: Vec<u8>,
    reason: Option<&str>,
) -> Result<Effect, CommandError> {
    let file = ImportFile::new(name, bytes);
    execute(
        store,
        Command::Import(ImportCommand {
            file,
            conflict_reason: reason.map(String::from),
        }),
    )
}

fn commune_with(v: &Village) -> Commune {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "buon-kram-2026.json", plan_file(v), None).unwrap();
    let code = v.store.cycle_record(v.cycle).unwrap().village_code;
    let village = store.village_by_code(&code).unwrap().unwrap().village;
    Commune {
        store,
        commune: village.commune_id,
        village: village.id,
    }
}

fn assignment(
    item: AnnualItemId,
    decision: Decision,
    reason: &str,
    commune_vnd: i64,
) -> Assignment {
    Assignment {
        item,
        decision,
        reason: reason.into(),
        target_quantity: None,
        owner: WorkOwner::Village,
        budget: Budget {
            people: 1_000_000,
            commune_budget: commune_vnd,
            ..Budget::default()
        },
        date: "2027-01-20".into(),
    }
}

impl Commune {
    /// The imported plan's version id and its items (item id, activity id).
    fn plan(&self) -> (String, Vec<(AnnualItemId, i64)>) {
        let year = self.store.commune_year(self.commune, 2026).unwrap();
        let v = year.iter().find(|v| v.village.id == self.village).unwrap();
        let record = v.record.as_ref().unwrap();
        let items = record
            .annual
            .items
            .iter()
            .map(|i| (i.id, i.activity.0))
            .collect();
        (annual_identity(record).unwrap().version_id, items)
    }

    fn assign(
        &mut self,
        version: &str,
        activity: i64,
        a: Assignment,
    ) -> Result<Effect, CommandError> {
        let command = CommuneAssign {
            village: self.village,
            year: 2026,
            plan_version: version.into(),
            item: AssignedItem {
                activity,
                assignment: a,
            },
        };
        execute(&mut self.store, Command::CommuneAssign(command))
    }

    /// Assigns every item: the first changed, the others accepted.
    fn assign_all(&mut self, commune_vnd: i64) {
        let (version, items) = self.plan();
        for (n, (item, activity)) in items.into_iter().enumerate() {
            let a = match n {
                0 => assignment(item, Decision::Changed, "Vốn xã chỉ đủ 70%", commune_vnd),
                _ => assignment(item, Decision::Accepted, "", commune_vnd),
            };
            self.assign(&version, activity, a).unwrap();
        }
    }

    fn bundles(&self) -> Vec<AssignmentBundle> {
        assignment_bundles(&self.store, self.commune, 2026, &Stamp::now()).unwrap()
    }

    fn bundle_file(&self) -> Vec<u8> {
        let mut all = self.bundles();
        assert_eq!(all.len(), 1, "one village, one bundle");
        all.remove(0).to_bytes()
    }
}

fn approved_village() -> Village {
    let mut v = village();
    approve_both(&mut v);
    v
}

fn dry_run(v: &Village, bytes: &[u8]) -> FilePlan {
    plan(&v.store, &[ImportFile::new("giao.json", bytes.to_vec())])
        .unwrap()
        .remove(0)
}

fn assignments(v: &Village) -> Vec<Assignment> {
    v.store.after_plan(v.cycle).unwrap().assignments
}

#[test]
fn the_commune_assigns_exports_and_the_village_takes_it_in_once() {
    let v0 = approved_village();
    let mut c = commune_with(&v0);
    c.assign_all(30_000_000);
    let bundles = c.bundles();
    assert_eq!(bundles[0].file_name(), "buon-kram-2026-giao-ke-hoach.json");
    assert_eq!(bundles[0].lines.len(), v0.items().len());
    let file = c.bundle_file();
    let mut v = v0;
    let FilePlan::Assignment { planned, .. } = dry_run(&v, &file) else {
        panic!("an assignment bundle")
    };
    assert_eq!(planned.verdict, Verdict::New);
    assert_eq!(planned.counts(), [v.items().len(), 0, 0, 0]);
    assert!(assignments(&v).is_empty(), "the dry run writes nothing");
    import(&mut v.store, "giao.json", file.clone(), None).unwrap();
    let taken = assignments(&v);
    assert_eq!(taken.len(), v.items().len());
    assert_eq!(taken[0].decision, Decision::Changed);
    assert_eq!(taken[0].budget.commune_budget, 30_000_000);
    assert!(v.store.hand_typed_assignments(v.cycle).unwrap().is_empty());
    // The same bundle again: nothing changes.
    let audit = v.store.audit_log().unwrap().len();
    assert_eq!(dry_run(&v, &file).verdict(), Some(&Verdict::Unchanged));
    assert_eq!(
        import(&mut v.store, "giao.json", file, None).unwrap(),
        Effect::Done
    );
    assert_eq!(v.store.audit_log().unwrap().len(), audit);
    assert_eq!(assignments(&v), taken);
}

#[test]
fn a_revised_assignment_replaces_the_one_taken_from_an_earlier_bundle() {
    let mut v = approved_village();
    let mut c = commune_with(&v);
    c.assign_all(30_000_000);
    import(&mut v.store, "giao-1.json", c.bundle_file(), None).unwrap();
    c.assign_all(25_000_000);
    let file = c.bundle_file();
    let FilePlan::Assignment { planned, .. } = dry_run(&v, &file) else {
        panic!("an assignment bundle")
    };
    assert!(matches!(planned.verdict, Verdict::Replace { .. }));
    assert_eq!(planned.counts(), [0, v.items().len(), 0, 0]);
    import(&mut v.store, "giao-2.json", file, None).unwrap();
    assert!(
        assignments(&v)
            .iter()
            .all(|a| a.budget.commune_budget == 25_000_000)
    );
}

#[test]
fn an_assignment_typed_by_hand_differently_is_a_conflict_taken_only_with_a_reason() {
    let mut v = approved_village();
    let first = v.items()[0];
    let hand = assignment(first, Decision::Accepted, "", 99_000_000);
    v.run(Command::AfterPlan(AfterPlanCommand::Assign(hand.clone())));
    let mut c = commune_with(&v);
    c.assign_all(30_000_000);
    let file = c.bundle_file();
    let FilePlan::Assignment { planned, .. } = dry_run(&v, &file) else {
        panic!("an assignment bundle")
    };
    let Verdict::Conflict { diff, .. } = &planned.verdict else {
        panic!("a conflict: {:?}", planned.verdict)
    };
    let fields: Vec<&str> = diff.changed.iter().map(|c| c.field.as_str()).collect();
    assert!(
        fields.contains(&"decision") && fields.contains(&"budget.commune_budget"),
        "{fields:?}"
    );
    let lines = kehoach::receive::summary::lines(kehoach::i18n::Lang::Vi, &dry_run(&v, &file));
    assert!(lines[0].contains("XUNG ĐỘT"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("“99000000” → “30000000”")),
        "{lines:?}"
    );
    let refused = import(&mut v.store, "giao.json", file.clone(), None).unwrap_err();
    assert!(
        matches!(refused, CommandError::Import(ImportRefusal::Conflict)),
        "{refused:?}"
    );
    assert_eq!(
        assignments(&v),
        vec![hand],
        "nothing written without a reason"
    );
    import(
        &mut v.store,
        "giao.json",
        file,
        Some("Xã đã chốt vốn; thôn đồng ý"),
    )
    .unwrap();
    assert_eq!(assignments(&v)[0].budget.commune_budget, 30_000_000);
    let log = v.store.audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.new_value.as_deref() == Some("Xã đã chốt vốn; thôn đồng ý"))
    );
}

#[test]
fn an_assignment_of_another_plan_version_is_refused() {
    let mut v = approved_village();
    let mut c = commune_with(&v);
    c.assign_all(30_000_000);
    let file = c.bundle_file();
    v.run(Command::Annual(AnnualCommand::Reopen {
        cycle: v.cycle,
        reason: "Sửa khối lượng".into(),
    }));
    let FilePlan::Refused { why, .. } = dry_run(&v, &file) else {
        panic!("refused while the plan is reopened")
    };
    assert_eq!(
        why,
        ImportRefusal::AssignmentVersion {
            incoming: 1,
            held: None
        }
    );
    v.run(Command::Annual(AnnualCommand::Approve {
        cycle: v.cycle,
        approval: commands_support::approval("28/05/2026"),
        reason: None,
    }));
    let FilePlan::Refused { why, file_name } = dry_run(&v, &file) else {
        panic!("refused: another version")
    };
    assert_eq!(
        why,
        ImportRefusal::AssignmentVersion {
            incoming: 1,
            held: Some(2)
        }
    );
    let text = why.text(kehoach::i18n::Lang::En, &file_name);
    assert!(
        text.contains("version 1") && text.contains("version 2"),
        "{text}"
    );
    assert!(import(&mut v.store, "giao.json", file, None).is_err());
    assert!(assignments(&v).is_empty());
}

#[test]
fn a_damaged_file_is_refused_and_the_rest_of_the_folder_imports() {
    let mut v = approved_village();
    let mut c = commune_with(&v);
    c.assign_all(30_000_000);
    let good = c.bundle_file();
    let text = String::from_utf8(good.clone()).unwrap();
    let tampered = text.replacen("30000000", "90000000", 1).into_bytes();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-sua.json"), &tampered).unwrap();
    std::fs::write(dir.path().join("b-giao.json"), &good).unwrap();
    std::fs::write(dir.path().join("ghi-chu.txt"), "không phải gói").unwrap();
    let lang = kehoach::i18n::Lang::Vi;
    let gathered = kehoach::receive::files::gather(lang, &[dir.path().to_path_buf()]).unwrap();
    assert_eq!(gathered.skipped.len(), 1, "the note is skipped and named");
    let plans = plan(&v.store, &gathered.files).unwrap();
    assert!(matches!(
        &plans[0],
        FilePlan::Refused {
            why: ImportRefusal::Bundle(BundleError::Checksum),
            ..
        }
    ));
    assert_eq!(plans[1].verdict(), Some(&Verdict::New));
    assert!(import(&mut v.store, "a-sua.json", tampered, None).is_err());
    assert!(assignments(&v).is_empty(), "nothing of the damaged file");
    import(&mut v.store, "b-giao.json", good, None).unwrap();
    assert_eq!(assignments(&v).len(), v.items().len());
}

#[test]
fn the_commune_command_refuses_what_the_village_form_refuses() {
    let v = approved_village();
    let mut c = commune_with(&v);
    let (version, items) = c.plan();
    let (item, activity) = items[0];
    let why = |r: Result<Effect, CommandError>| match r {
        Err(CommandError::AfterPlan(e)) => e,
        other => panic!("not refused by the rules: {other:?}"),
    };
    let no_reason = assignment(item, Decision::NotFunded, " ", 0);
    assert_eq!(
        why(c.assign(&version, activity, no_reason)),
        AfterPlanError::ReasonRequired
    );
    let early = Assignment {
        date: "2026-05-01".into(),
        ..assignment(item, Decision::Accepted, "", 0)
    };
    assert_eq!(
        why(c.assign(&version, activity, early)),
        AfterPlanError::BeforeApproval("2026-05-25".into())
    );
    let ok = assignment(item, Decision::Accepted, "", 0);
    let stale = version.replace("/v1", "/v0");
    assert_eq!(
        why(c.assign(&stale, activity, ok.clone())),
        AfterPlanError::PlanNotCurrent("1".into())
    );
    assert_eq!(
        why(c.assign(&version, activity + 1000, ok.clone())),
        AfterPlanError::UnknownItem
    );
    assert!(c.bundles().is_empty(), "nothing was written");
    c.assign(&version, activity, ok).unwrap();
    assert_eq!(c.bundles().len(), 1);
}

#[test]
fn a_plan_not_approved_cannot_be_assigned_and_a_new_version_starts_unassigned() {
    let mut draft = village();
    commands_support::approve_medium_term(&mut draft);
    let mut c = commune_with(&draft);
    let year = c.store.commune_year(c.commune, 2026).unwrap();
    assert!(assigned_items(&c.store, &year[0]).unwrap().is_empty());
    let command = CommuneAssign {
        village: c.village,
        year: 2026,
        plan_version: "x/2026/annual/v1".into(),
        item: AssignedItem {
            activity: 1,
            assignment: assignment(AnnualItemId(1), Decision::Accepted, "", 0),
        },
    };
    let refused = execute(&mut c.store, Command::CommuneAssign(command)).unwrap_err();
    assert!(
        matches!(
            refused,
            CommandError::AfterPlan(AfterPlanError::PlanNotApproved)
        ),
        "{refused:?}"
    );

    let mut v = approved_village();
    let mut c = commune_with(&v);
    c.assign_all(30_000_000);
    v.run(Command::Annual(AnnualCommand::Reopen {
        cycle: v.cycle,
        reason: "Sửa khối lượng".into(),
    }));
    v.run(Command::Annual(AnnualCommand::Approve {
        cycle: v.cycle,
        approval: commands_support::approval("28/05/2026"),
        reason: None,
    }));
    import(&mut c.store, "buon-kram-2026-v2.json", plan_file(&v), None).unwrap();
    let (version, _) = c.plan();
    assert!(version.ends_with("/annual/v2"));
    assert!(c.bundles().is_empty(), "version 2 is not assigned yet");
}
