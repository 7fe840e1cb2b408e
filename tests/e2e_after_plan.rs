//! End to end, after the plan (issue 15) in the real release binary at 80x24 in tmux: on
//! the demo database, step 8 of Buôn Kram's 2027 cycle (plan approved, nothing after it)
//! takes one activity through its whole life: the commune's assignment, a management and
//! a monitoring member, a receipt, progress, acceptance, a public posting, the 6-month and
//! year-end evaluations; then `v` shows all six stages reached (proposed → ranked →
//! selected → assigned → implemented → evaluated). After Ctrl+C the file holds each
//! record, and the export's HTML carries every after-plan form's title.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{TIMEOUT, Tmux, release_binary, run_piped, sh_path};
use kehoach::domain::CycleId;
use kehoach::domain::after_plan::{AcceptanceResult, Decision, GroupKind, Round};
use kehoach::domain::annual::{Progress, Quality};
use kehoach::store::Store;

const VILLAGE: &str = "Buôn Kram";
/// The activity taken through its life: the last of the 2027 plan's eight (part 2).
const WORK: &str = "Xây đập dâng nhỏ trên suối Ea Tiêu";

fn start(dir: &Path, db: &Path) -> Tmux {
    let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(db));
    Tmux::start(dir, &script)
}

fn cycle_2027(store: &Store) -> CycleId {
    for commune in store.communes().unwrap() {
        for village in store.villages(commune.id).unwrap() {
            if village.name == VILLAGE {
                return store
                    .cycles(village.id)
                    .unwrap()
                    .into_iter()
                    .find(|c| c.year == 2027)
                    .unwrap()
                    .id;
            }
        }
    }
    panic!("{VILLAGE} not in the file");
}

/// Opens form `key`, waits for its title, replaces the prefilled date (the first field)
/// with `date` and leaves the focus on it.
fn open_form(tmux: &Tmux, key: &str, title: &str, date: &str) {
    tmux.send_keys(&[key]);
    tmux.wait_for(&format!("{title} · {WORK}"), TIMEOUT)
        .unwrap();
    tmux.send_keys(&["C-u"]);
    tmux.type_text(date);
}

/// `d`: the round the form proposes (6 months first, then the whole year), dated `date`,
/// progress choice `progress`, `percent` of the target, quality good, the difficulties.
fn evaluate(tmux: &Tmux, date: &str, progress: &str, percent: &str, difficulties: &str) {
    tmux.send_keys(&["d"]);
    tmux.wait_for(&format!("Đánh giá của xã · {WORK}"), TIMEOUT)
        .unwrap();
    tmux.send_keys(&["Tab", "C-u"]);
    tmux.type_text(date);
    tmux.send_keys(&["Tab", progress, "Tab", "C-u"]);
    tmux.type_text(percent);
    tmux.send_keys(&["Tab", "1", "Tab"]);
    if !difficulties.is_empty() {
        tmux.type_text(difficulties);
    }
    tmux.send_keys(&["Enter"]);
}

#[test]
fn one_activity_from_assignment_to_the_year_end_evaluation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let db_arg = db.to_string_lossy().to_string();
    let out = run_piped(dir.path(), &["demo", "--db", &db_arg]);
    assert!(
        out.status.success(),
        "kehoach demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cycle = {
        let store = Store::open(&db).unwrap();
        let cycle = cycle_2027(&store);
        assert!(store.is_annual_frozen(cycle).unwrap());
        assert!(store.after_plan(cycle).unwrap().is_empty());
        cycle
    };

    let tmux = start(dir.path(), &db);
    // Home: the commune, Buôn Kram, its 2027 cycle.
    tmux.wait_for("Kỳ kế hoạch 2027", TIMEOUT).unwrap();
    tmux.send_keys(&["Down", "Down"]);
    tmux.wait_for("▶       Kỳ kế hoạch 2027", TIMEOUT).unwrap();
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Các bước của quy trình", TIMEOUT).unwrap();
    for _ in 0..7 {
        tmux.send_keys(&["Down"]);
    }
    tmux.wait_for("▶ 8. Giao kế hoạch, thực hiện", TIMEOUT)
        .unwrap();
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("xã đã giao 0", TIMEOUT).unwrap();
    for _ in 0..7 {
        tmux.send_keys(&["Down"]);
    }
    tmux.wait_for(&format!("▶ 2   {WORK}"), TIMEOUT).unwrap();

    // Assigned by the commune as asked (the date is the form's last field).
    tmux.send_keys(&["g"]);
    tmux.wait_for(&format!("Giao kế hoạch · {WORK}"), TIMEOUT)
        .unwrap();
    for _ in 0..9 {
        tmux.send_keys(&["Tab"]);
    }
    tmux.type_text("20/01/2028");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("xã đã giao 1", TIMEOUT).unwrap();

    // A management member and a monitoring member from the register.
    tmux.send_keys(&["m"]);
    tmux.wait_for(&format!("Thêm thành viên tổ · {WORK}"), TIMEOUT)
        .unwrap();
    tmux.type_text("Y Blih Êban");
    tmux.send_keys(&["Tab", "Tab"]);
    tmux.type_text("Tổ trưởng");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Tổ quản lý: 1 người (0 nữ)", TIMEOUT)
        .unwrap();
    tmux.send_keys(&["m"]);
    tmux.wait_for(&format!("Thêm thành viên tổ · {WORK}"), TIMEOUT)
        .unwrap();
    tmux.type_text("H'Rin Ksor");
    tmux.send_keys(&["Tab", "2", "Enter"]);
    tmux.wait_for("Tổ giám sát: 1 người (1 nữ)", TIMEOUT)
        .unwrap();

    // The district's money through the commune account, typed the way people say it.
    open_form(&tmux, "t", "Sổ thu", "15/02/2028");
    tmux.send_keys(&["Tab", "3", "Tab", "Tab"]);
    tmux.type_text("15 triệu");
    tmux.send_keys(&["Tab"]);
    tmux.type_text("Tài khoản xã");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("đã nhận 15.000.000 đ", TIMEOUT).unwrap();

    // Progress, acceptance, a posting at the village hall.
    open_form(&tmux, "p", "Tiến độ", "30/10/2028");
    tmux.send_keys(&["Tab"]);
    tmux.type_text("100");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Tiến độ 100% (30/10/2028)", TIMEOUT).unwrap();
    open_form(&tmux, "n", "Nghiệm thu", "05/11/2028");
    tmux.send_keys(&["Tab", "Tab"]);
    tmux.type_text("Y Blih Êban");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Đạt, đã nghiệm thu", TIMEOUT).unwrap();
    open_form(&tmux, "c", "Công khai tài chính", "10/11/2028");
    tmux.send_keys(&["Tab"]);
    tmux.type_text("Nhà văn hoá buôn Kram");
    tmux.send_keys(&["Tab"]);
    tmux.type_text("12.000.000");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("công khai: 1 lần", TIMEOUT).unwrap();

    // The commune's two evaluations: 6 months (June, under way), then the whole year.
    evaluate(
        &tmux,
        "30/06/2028",
        "2",
        "60",
        "Mưa lũ tháng 5 làm chậm thi công",
    );
    tmux.wait_for("100% ✓  6 tháng", TIMEOUT).unwrap();
    evaluate(&tmux, "20/12/2028", "3", "100", "");
    tmux.wait_for("100% ✓  Cả năm", TIMEOUT).unwrap();

    // Its life: every stage reached, with its date.
    tmux.send_keys(&["v"]);
    let life = tmux
        .wait_for(&format!("Quá trình của hoạt động · {WORK}"), TIMEOUT)
        .unwrap();
    for (stage, date) in [
        ("Đề xuất", "từ kế hoạch trung hạn đã có"),
        ("Xếp thứ tự ưu tiên", "  thứ "),
        ("Chọn vào kế hoạch năm", "phần 2"),
        ("Giao kế hoạch", "20/01/2028"),
        ("Thực hiện", "05/11/2028"),
        ("Đánh giá", "20/12/2028"),
    ] {
        let line = life
            .lines()
            .filter(|l| l.contains('●') || l.contains('○'))
            .find(|l| l.contains(&format!(" {stage} ")))
            .unwrap_or_else(|| panic!("{stage} not shown:\n{life}"));
        assert!(line.contains('●'), "{stage} reached: {life}");
        assert!(line.contains(date), "{stage} with {date}: {life}");
    }
    assert!(!life.contains('○'), "every stage reached:\n{life}");

    tmux.send_keys(&["C-c"]);
    tmux.wait_for_exit(TIMEOUT).unwrap();
    drop(tmux);

    // The file holds each record.
    let store = Store::open(&db).expect("reopen the database (lock released)");
    assert!(store.integrity_ok().unwrap());
    let after = store.after_plan(cycle).unwrap();
    let item = after.assignments[0].item;
    assert_eq!(after.assignments.len(), 1);
    assert_eq!(after.assignments[0].decision, Decision::Accepted);
    assert_eq!(after.assignments[0].date, "2028-01-20");
    let groups: Vec<(GroupKind, &str, &str)> = after
        .members
        .iter()
        .map(|m| (m.kind, m.name.as_str(), m.role.as_str()))
        .collect();
    assert_eq!(
        groups,
        [
            (GroupKind::Management, "Y Blih Êban", "Tổ trưởng"),
            (GroupKind::Monitoring, "H'Rin Ksor", ""),
        ]
    );
    assert!(after.members.iter().all(|m| m.person.is_some()));
    assert_eq!(after.receipts.len(), 1);
    assert_eq!(after.receipts[0].amount, 15_000_000);
    assert_eq!(after.receipts[0].date, "2028-02-15");
    assert_eq!(after.receipts[0].from, "Tài khoản xã");
    assert_eq!(after.last_progress(item).map(|p| p.percent), Some(100));
    let accepted = after.acceptance(item).unwrap();
    assert_eq!(accepted.result, AcceptanceResult::Passed);
    assert_eq!(accepted.signed_by, "Y Blih Êban");
    assert_eq!(after.disclosures.len(), 1);
    assert_eq!(after.disclosures[0].amounts.district_budget, 15_000_000);
    assert_eq!(after.disclosures[0].spent, 12_000_000);
    let six = after.evaluation(item, Round::SixMonths).unwrap();
    assert_eq!(
        (six.progress, six.completion, six.quality),
        (Progress::UnderWay, 60, Some(Quality::Good))
    );
    let year = after.evaluation(item, Round::YearEnd).unwrap();
    assert_eq!(
        (year.progress, year.completion, year.date.as_str()),
        (Progress::Done, 100, "2028-12-20")
    );

    // The village's printout carries every after-plan form (the file unlocked first).
    drop(store);
    let out_dir = dir.path().join("xuat");
    std::fs::create_dir(&out_dir).unwrap();
    let out_arg = out_dir.to_string_lossy().to_string();
    let out = run_piped(
        dir.path(),
        &[
            "export",
            "--db",
            &db_arg,
            "--village",
            VILLAGE,
            "--year",
            "2027",
            "--format",
            "html",
            "--out",
            &out_arg,
        ],
    );
    assert!(
        out.status.success(),
        "kehoach export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(out_dir.join("buon-kram-2027.html")).unwrap();
    for title in [
        "Giao kế hoạch",
        "Tổ quản lý",
        "Tổ giám sát",
        "Thông báo công khai tài chính",
        "Đánh giá 6 tháng",
        "Đánh giá cả năm",
    ] {
        assert!(
            html.contains(&format!("<h1>{title}</h1>")),
            "the form {title:?} missing from the HTML"
        );
    }
    assert!(html.contains("Nhà văn hoá buôn Kram"));
}
