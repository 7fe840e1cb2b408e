//! The forms after the plan (issue 15, item 6), built from the demo's 2026 record and
//! checked for meaning: the assignment in form 4's order with totals by source, a
//! not-funded item with its reason, the groups with the women's share and the
//! supervision board's note, the implementation record whose totals are the ledger's
//! sums, the disclosure log and one notice per posting with the amounts as posted (not
//! the ledger today), both evaluations; the XLSX read back, the HTML with the six
//! Vietnamese titles, and a cycle with nothing after its plan exporting as before.

#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::FixedOffset;
use kehoach::domain::activity::FundingSource;
use kehoach::domain::after_plan::{
    ContributionKind, Decision, GroupKind, Receipt, Round, WorkOwner, received,
};
use kehoach::domain::annual::AnnualItemId;
use kehoach::domain::record::CycleRecord;
use kehoach::export::forms::{self, Form, Table, Value};
use kehoach::export::{Format, Source, Stamp, render};
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;

mod forms_support;

use forms_support::{LANG, column, form, line, num, text};

/// The after-plan forms' files, notices aside.
const FILES: [&str; 7] = [
    "giao-ke-hoach",
    "to-quan-ly",
    "to-giam-sat",
    "theo-doi-thuc-hien",
    "so-cong-khai",
    "danh-gia-6-thang",
    "danh-gia-ca-nam",
];

fn hanoi() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap()
}

/// The demo's 2026 record (with everything after its plan) and its 2027 record.
fn demo() -> (CycleRecord, CycleRecord) {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    (
        store.cycle_record(first).unwrap(),
        store.cycle_record(next).unwrap(),
    )
}

fn all(r: &CycleRecord) -> Vec<Form> {
    forms::all(r, LANG, hanoi())
}

/// The table with this subtitle key.
fn table<'a>(f: &'a Form, key: &str) -> &'a Table {
    let sub = t(LANG, key);
    f.tables
        .iter()
        .find(|x| x.subtitle.as_deref() == Some(sub.as_str()))
        .unwrap_or_else(|| panic!("no table {sub}"))
}

fn name_of(r: &CycleRecord, item: AnnualItemId) -> String {
    let i = r.annual.items.iter().find(|i| i.id == item).unwrap();
    r.activity(i.activity).unwrap().activity.fields.name.clone()
}

/// An ISO date as the forms show it.
fn shown_date(iso: &str) -> String {
    format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4])
}

fn stamp() -> Stamp {
    Stamp {
        bundle_id: uuid::Uuid::nil(),
        created_at: chrono::DateTime::parse_from_rfc3339("2027-05-20T09:00:00+07:00").unwrap(),
    }
}

#[test]
fn the_assignment_follows_form_4_with_totals_by_source_and_each_reason() {
    let (r, _) = demo();
    let forms = all(&r);
    let f = form(&forms, "giao-ke-hoach");
    assert_eq!(f.title, "Giao kế hoạch");
    let tb = &f.tables[0];
    let activity = column(tb, "export.col.activity");
    let names: Vec<&str> = tb.rows().map(|row| text(&row[activity])).collect();
    let form4 = form(&forms, "bieu-4-ke-hoach-nam");
    let order: Vec<&str> = form4
        .tables
        .iter()
        .flat_map(|x| x.rows().map(|row| text(&row[1])))
        .collect();
    assert_eq!(names, order, "form 4's order, part 1 then part 2");
    assert_eq!(names.len(), r.annual.items.len());
    for source in FundingSource::ALL {
        let c = column(tb, &source.label_key());
        assert!(tb.columns[c].total, "{source:?} is summed");
        let funded: i64 = r
            .after
            .assignments
            .iter()
            .filter(|a| a.decision != Decision::NotFunded)
            .map(|a| a.budget.get(source))
            .sum();
        assert_eq!(tb.column_sum(c), funded as f64, "{source:?}");
    }
    let (decision, reason) = (column(tb, "apf.col.decision"), column(tb, "apf.col.reason"));
    let people = column(tb, &FundingSource::People.label_key());
    for a in &r.after.assignments {
        let name = name_of(&r, a.item);
        let row = tb.rows().find(|row| text(&row[activity]) == name).unwrap();
        assert_eq!(text(&row[decision]), t(LANG, a.decision.label_key()));
        assert_eq!(text(&row[reason]), a.reason);
        if a.decision == Decision::NotFunded {
            assert!(!a.reason.is_empty(), "the demo gives its reason");
            assert_eq!(row[people], Value::Empty, "no budget shown");
        }
        if let Some(target) = a.target_quantity {
            assert_eq!(num(&row[column(tb, "apf.col.assigned")]), target);
        }
    }
    assert!(f.signatures.contains(&t(LANG, "apf.sign.commune")));
}

#[test]
fn the_groups_show_members_womens_share_and_the_board() {
    let (r, _) = demo();
    let forms = all(&r);
    let manage = form(&forms, "to-quan-ly");
    let watch = form(&forms, "to-giam-sat");
    assert_eq!(
        (manage.title.as_str(), watch.title.as_str()),
        ("Tổ quản lý", "Tổ giám sát")
    );
    let members = table(manage, "apf.sub.members");
    let count = r
        .after
        .members
        .iter()
        .filter(|m| m.kind == GroupKind::Management)
        .count();
    assert_eq!(members.rows().count(), count);
    let standing = table(watch, "apf.sub.standing");
    let group = column(standing, "apf.col.group");
    let board = t(LANG, GroupKind::Board.label_key());
    let row = standing
        .rows()
        .find(|row| text(&row[group]) == board)
        .expect("the commune-owned work's board");
    assert!(num(&row[column(standing, "apf.col.members")]) >= 5.0);
    let share = num(&row[column(standing, "apf.col.women_share")]);
    assert!(share > 0.0 && share < 100.0, "{share}");
    assert_eq!(text(&row[column(standing, "apf.col.check")]), "Đạt");
    let rule = watch
        .notes
        .iter()
        .find(|n| n.contains("Điều 41, 42"))
        .unwrap();
    assert!(rule.contains("mặc định") && rule.contains("2022"), "{rule}");
    assert!(
        table(watch, "apf.sub.members")
            .groups
            .iter()
            .any(|g| g.title.as_deref().is_some_and(|x| x.ends_with(&board))),
        "the board's members under their work"
    );
}

#[test]
fn a_failed_check_is_noted_with_where_the_rule_comes_from() {
    let (mut r, _) = demo();
    let board_item = r
        .after
        .assignments
        .iter()
        .find(|a| a.owner == WorkOwner::Commune)
        .unwrap()
        .item;
    // Two board members only, both from outside the village; a management group of men.
    r.after
        .members
        .retain(|m| m.kind != GroupKind::Board || (m.item == board_item && m.person.is_none()));
    let manage_item = r
        .after
        .members
        .iter()
        .find(|m| m.kind == GroupKind::Management)
        .unwrap()
        .item;
    for m in &mut r.after.members {
        if m.item == manage_item && m.kind == GroupKind::Management {
            m.gender = kehoach::domain::Gender::Male;
        }
    }
    let forms = all(&r);
    let watch = form(&forms, "to-giam-sat");
    let notes = watch.notes.join("\n");
    assert!(
        notes.contains("có 2 thành viên, cần ít nhất 5") && notes.contains("không có người dân"),
        "{notes}"
    );
    assert!(notes.contains("kiểm tra mặc định của kehoach"), "{notes}");
    let manage = form(&forms, "to-quan-ly");
    let work = name_of(&r, manage_item);
    assert!(
        manage
            .notes
            .iter()
            .any(|n| n.contains(&work) && n.contains("không có thành viên nữ")),
        "{:?}",
        manage.notes
    );
}

#[test]
fn the_implementation_totals_are_the_ledgers_sums_with_the_progress_log() {
    let (r, _) = demo();
    let forms = all(&r);
    let f = form(&forms, "theo-doi-thuc-hien");
    let receipts = table(f, "apf.sub.receipts");
    let sum_of = |kinds: &[ContributionKind]| -> f64 {
        r.after
            .receipts
            .iter()
            .filter(|x| kinds.contains(&x.kind))
            .map(|x| x.amount as f64)
            .sum()
    };
    let vnd = [ContributionKind::Money, ContributionKind::Materials];
    assert_eq!(
        receipts.column_sum(column(receipts, "apf.col.money")),
        sum_of(&vnd)
    );
    let labour = column(receipts, "apf.col.labour");
    assert_eq!(
        receipts.column_sum(labour),
        sum_of(&[ContributionKind::Labour])
    );
    assert_eq!(receipts.rows().count(), r.after.receipts.len());
    let against = table(f, "apf.sub.against");
    let got = received(&r.after.receipts, None);
    assert_eq!(
        against.column_sum(column(against, "apf.col.received")),
        got.total() as f64
    );
    let progress = table(f, "apf.sub.progress");
    let fall = r
        .after
        .progress
        .iter()
        .find(|p| !p.reason.is_empty())
        .unwrap();
    let row = progress
        .rows()
        .find(|row| text(&row[column(progress, "apf.col.fall_reason")]) == fall.reason)
        .expect("the fall with its reason");
    assert_eq!(
        num(&row[column(progress, "apf.col.percent")]),
        f64::from(fall.percent)
    );
    assert_eq!(
        text(&row[column(progress, "apf.col.problem")]),
        fall.problem
    );
    let acceptance = table(f, "apf.sub.acceptance");
    let accepted = acceptance
        .rows()
        .filter(|row| !matches!(row[column(acceptance, "apf.col.date")], Value::Empty))
        .count();
    assert_eq!(accepted, r.after.acceptances.len());
}

#[test]
fn over_budget_money_is_flagged_not_refused() {
    let (mut r, _) = demo();
    let a = r
        .after
        .assignments
        .iter()
        .find(|a| a.decision != Decision::NotFunded)
        .unwrap()
        .clone();
    let over_of = |r: &CycleRecord| {
        let forms = all(r);
        let against = table(form(&forms, "theo-doi-thuc-hien"), "apf.sub.against");
        against.column_sum(column(against, "apf.col.over"))
    };
    let before = over_of(&r);
    r.after.receipts.push(Receipt {
        id: 9_001,
        item: a.item,
        date: "2026-12-01".into(),
        source: FundingSource::CommuneBudget,
        kind: ContributionKind::Money,
        amount: a.budget.commune_budget + 2_000_000,
        from: "Ngân sách xã".into(),
        note: String::new(),
    });
    assert_eq!(
        over_of(&r) - before,
        2_000_000.0,
        "the commune's money over"
    );
    let forms = all(&r);
    let f = form(&forms, "theo-doi-thuc-hien");
    assert!(
        f.notes.iter().any(|n| n.contains("vượt kinh phí giao")),
        "{:?}",
        f.notes
    );
}

#[test]
fn each_posting_has_a_notice_with_the_amounts_as_posted() {
    let (mut r, _) = demo();
    let posted = r.after.disclosures.clone();
    assert!(!posted.is_empty());
    // Money that arrives after the posting changes the ledger, not what was posted.
    let late = posted[0].clone();
    r.after.receipts.push(Receipt {
        id: 9_002,
        item: late.item,
        date: "2026-12-20".into(),
        source: FundingSource::DistrictBudget,
        kind: ContributionKind::Money,
        amount: 7_000_000,
        from: "Ngân sách huyện qua tài khoản xã".into(),
        note: String::new(),
    });
    let forms = all(&r);
    let notices: Vec<&Form> = forms
        .iter()
        .filter(|f| f.file.starts_with("thong-bao-cong-khai-"))
        .collect();
    assert_eq!(notices.len(), posted.len(), "one notice per posting");
    let log = form(&forms, "so-cong-khai");
    assert_eq!(log.tables[0].rows().count(), posted.len());
    for n in &notices {
        assert_eq!(n.title, "Thông báo công khai tài chính");
        assert!(n.sheet.chars().count() <= 31);
        let work = text(line(n, "apf.field.work"));
        let when = text(line(n, "apf.field.posted_on"));
        let d = posted
            .iter()
            .find(|d| name_of(&r, d.item) == work && shown_date(&d.date) == when)
            .unwrap();
        let by_source = table(n, "apf.sub.received_by_source");
        assert_eq!(
            by_source.column_sum(1),
            d.amounts.total() as f64,
            "as posted"
        );
        let balance = table(n, "apf.sub.balance");
        let rows: Vec<f64> = balance.rows().map(|row| num(&row[1])).collect();
        assert_eq!(
            rows,
            [d.amounts.total(), d.spent, d.amounts.total() - d.spent].map(|x| x as f64)
        );
        assert!(n.signatures.contains(&t(LANG, "apf.sign.village_head")));
    }
    let today = received(r.after.receipts_of(late.item), None);
    let notice_of_late = notices
        .iter()
        .find(|n| text(line(n, "apf.field.work")) == name_of(&r, late.item))
        .unwrap();
    let shown = table(notice_of_late, "apf.sub.received_by_source").column_sum(1);
    assert_eq!(shown, late.amounts.total() as f64);
    assert_ne!(shown, today.total() as f64, "not today's ledger");
}

#[test]
fn both_evaluations_cover_every_funded_activity() {
    let (r, _) = demo();
    let forms = all(&r);
    for (file, round, title) in [
        ("danh-gia-6-thang", Round::SixMonths, "Đánh giá 6 tháng"),
        ("danh-gia-ca-nam", Round::YearEnd, "Đánh giá cả năm"),
    ] {
        let f = form(&forms, file);
        assert_eq!(f.title, title);
        let tb = &f.tables[0];
        let funded = r
            .annual
            .items
            .iter()
            .filter(|i| r.after.is_assigned(i.id))
            .count();
        assert_eq!(tb.rows().count(), funded);
        let completion = column(tb, "apf.col.completion");
        for e in r.after.evaluations.iter().filter(|e| e.round == round) {
            let name = name_of(&r, e.item);
            let row = tb.rows().find(|row| text(&row[1]) == name).unwrap();
            assert_eq!(num(&row[completion]), f64::from(e.completion));
            assert_eq!(
                text(&row[column(tb, "apf.col.against_last_year")]),
                e.against_last_year
            );
        }
        let unfunded: Vec<String> = r
            .after
            .assignments
            .iter()
            .filter(|a| a.decision == Decision::NotFunded)
            .map(|a| name_of(&r, a.item))
            .collect();
        assert!(
            unfunded
                .iter()
                .all(|n| f.notes.iter().any(|x| x.contains(n))),
            "{:?}",
            f.notes
        );
    }
}

#[test]
fn odd_records_still_make_whole_forms() {
    let (mut r, _) = demo();
    // Rows of an item no longer in the plan, and a plan item nobody assigned.
    for x in &mut r.after.receipts {
        x.item = AnnualItemId(999_999);
    }
    r.after.assignments.remove(0);
    r.after.evaluations.retain(|e| e.round == Round::SixMonths);
    for lang in [Lang::Vi, Lang::En] {
        let forms = forms::all(&r, lang, hanoi());
        for f in &forms {
            for tb in &f.tables {
                for row in tb.rows() {
                    assert_eq!(row.len(), tb.columns.len(), "{}", f.title);
                }
            }
        }
        let year = forms.iter().find(|f| f.file == "danh-gia-ca-nam").unwrap();
        assert!(year.tables.is_empty() && !year.notes.is_empty());
    }
}

#[test]
fn the_xlsx_reads_back_with_numbers_and_totals() {
    let (r, _) = demo();
    let source = Source::new(r.clone(), false, &stamp());
    let files = render(&source, Format::Xlsx, LANG).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(files[0].1.clone())).unwrap();
    let names = wb.sheet_names();
    for sheet in [
        "Giao kế hoạch",
        "Tổ quản lý",
        "Tổ giám sát",
        "Theo dõi thực hiện",
        "Sổ công khai",
        "Công khai 1",
        "Đánh giá 6 tháng",
        "Đánh giá cả năm",
    ] {
        assert!(names.iter().any(|n| n == sheet), "{sheet} in {names:?}");
    }
    let range = wb.worksheet_range("Giao kế hoạch").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(|row| row.to_vec()).collect();
    let total = cells
        .iter()
        .find(|row| row.contains(&Data::String("Tổng cộng".into())))
        .expect("a totals row");
    let district: i64 = r
        .after
        .assignments
        .iter()
        .filter(|a| a.decision != Decision::NotFunded)
        .map(|a| a.budget.district_budget)
        .sum();
    assert!(total.contains(&Data::Float(district as f64)), "{total:?}");
    let formulas = wb.worksheet_formula("Giao kế hoạch").unwrap();
    assert!(formulas.rows().flatten().any(|f| f.starts_with("SUM(")));
    let notice = wb.worksheet_range("Công khai 1").unwrap();
    assert!(
        notice
            .rows()
            .any(|row| row.contains(&Data::String("Thông báo công khai tài chính".into())))
    );
}

#[test]
fn the_printout_carries_the_six_titles() {
    let (r, _) = demo();
    let source = Source::new(r, false, &stamp());
    let html = render(&source, Format::Html, LANG).unwrap();
    let page = String::from_utf8(html[0].1.clone()).unwrap();
    for title in [
        "Giao kế hoạch",
        "Tổ quản lý",
        "Tổ giám sát",
        "Thông báo công khai tài chính",
        "Đánh giá 6 tháng",
        "Đánh giá cả năm",
    ] {
        assert!(page.contains(&format!("<h1>{title}</h1>")), "{title}");
    }
    let csv = render(&source, Format::Csv, LANG).unwrap();
    for file in FILES {
        assert!(
            csv.iter()
                .any(|(n, _)| n == &format!("buon-kram-2026-{file}.csv")),
            "{file}"
        );
    }
    let english = render(&source, Format::Html, Lang::En).unwrap();
    let page = String::from_utf8(english[0].1.clone()).unwrap();
    assert!(page.contains("<h1>Public notice of finances</h1>"));
}

#[test]
fn a_cycle_with_nothing_after_its_plan_exports_as_before() {
    let (r, next) = demo();
    let mut cleared = r.clone();
    cleared.after = Default::default();
    let before = all(&cleared);
    let after = all(&r);
    assert!(before.iter().all(|f| !FILES.contains(&f.file.as_str())));
    assert_eq!(
        after[..before.len()],
        before[..],
        "the forms before are unchanged"
    );
    assert!(after[before.len()..].iter().all(|f| {
        FILES.contains(&f.file.as_str()) || f.file.starts_with("thong-bao-cong-khai-")
    }));
    assert!(next.after.is_empty(), "2027 has nothing after its plan yet");
    let forms_2027 = all(&next);
    assert!(forms_2027.iter().all(|f| !FILES.contains(&f.file.as_str())));
    let csv = render(&Source::new(cleared, false, &stamp()), Format::Csv, LANG).unwrap();
    assert_eq!(csv.len(), before.len(), "one CSV per form, as before");
}

#[test]
fn private_printouts_leave_out_group_members_holding_no_office() {
    let (r, _) = demo();
    let open = r.clone();
    let source = Source::new(r, true, &stamp());
    let forms = source.forms(LANG);
    let members = table(form(&forms, "to-giam-sat"), "apf.sub.members");
    let name = column(members, "export.col.name");
    let shown: Vec<&str> = members.rows().map(|row| text(&row[name])).collect();
    for m in open
        .after
        .members
        .iter()
        .filter(|m| m.kind != GroupKind::Management)
    {
        let kept = match m.person {
            Some(id) => open.holds_office(id),
            None => true,
        };
        assert_eq!(shown.contains(&m.name.as_str()), kept, "{}", m.name);
    }
    assert!(
        shown.contains(&"Nguyễn Văn Bình"),
        "a commune officer keeps the name"
    );
}

/// A work the commune owns is managed by the commune: without a village management group
/// it is not listed, nor flagged, in "Tổ quản lý"; its board is in "Tổ giám sát".
#[test]
fn a_commune_owned_work_needs_no_village_management_group() {
    use kehoach::domain::after_plan::{GroupKind as G, WorkOwner};
    let (mut r, _) = demo();
    let owned = r
        .after
        .assignments
        .iter()
        .find(|a| a.owner == WorkOwner::Commune)
        .unwrap()
        .item;
    r.after
        .members
        .retain(|m| !(m.item == owned && m.kind == G::Management));
    let name = name_of(&r, owned);
    let forms = all(&r);
    let management = form(&forms, "to-quan-ly");
    assert!(
        management.notes.iter().all(|n| !n.contains(&name)),
        "{:?}",
        management.notes
    );
    let monitoring = form(&forms, "to-giam-sat");
    let listed = monitoring
        .tables
        .iter()
        .flat_map(|t| &t.groups)
        .any(|g| g.title.as_deref().is_some_and(|x| x.contains(&name)));
    assert!(listed, "the board of {name} is listed");
}
