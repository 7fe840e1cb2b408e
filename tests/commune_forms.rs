//! The commune's forms from three villages made by commands in one store (one with a
//! third part-2 ask approved with the village's reason, one whose annual plan is not
//! approved), every expected value of forms 5 and 6 worked out by hand below; the demo
//! commune; and the forms written through the XLSX writer and read back with calamine.

#![allow(clippy::unwrap_used)]

mod commands_support;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use commands_support::{Village, activity, approval, register, village};
use kehoach::commands::{
    AnnualCommand, AssessmentCommand, Command, Effect, Meeting2Command, ScoringCommand,
};
use kehoach::domain::activity::{Category, Funding, FundingSource, Sector};
use kehoach::domain::annual::Part;
use kehoach::domain::commune::{PlanSource, VillageYear};
use kehoach::domain::scoring::{Criterion, Group, InputMode};
use kehoach::domain::{Commune, CommuneId, MeetingKind, NewCycle, VillageKind};
use kehoach::export::forms::commune::commune_forms;
use kehoach::export::forms::{Form, Table, Value};
use kehoach::export::xlsx::{self, Margins};
use kehoach::i18n::{Lang, t};
use kehoach::store::{Figure, GroupInfo, Store};

/// One activity of a test village: name, category, sector, cost and villagers' money
/// (million đồng), men's and women's votes at meeting 2, part and form-4 score.
type Act = (&'static str, Category, Sector, u64, u64, u32, u32, Part, u8);

const M: u64 = 1_000_000;

/// Buôn Kram: three part-2 asks, the third approved with the village's reason.
/// Men rank a1..a5 as 1..5; women (4, 9, 5, 1, 11) rank a5, a2, a3, a1, a4; combined
/// (men + women, both groups cast 30 votes) 14, 17, 11, 5, 13 → a2 1, a1 2, a5 3, a3 4,
/// a4 5. Form 4: part 1 a4 (1), a5 (2); part 2 a1 (1), a2 (2), a3 (3).
const KRAM: [Act; 5] = [
    (
        "Đường bê tông vào buôn",
        Category::Construction,
        Sector::Infrastructure,
        300,
        20,
        10,
        4,
        Part::Two,
        5,
    ),
    (
        "Tập huấn chăm sóc cà phê",
        Category::TechnicalSupport,
        Sector::Agriculture,
        15,
        2,
        8,
        9,
        Part::Two,
        4,
    ),
    (
        "Lớp nước sạch, vệ sinh",
        Category::TechnicalSupport,
        Sector::WaterSanitation,
        10,
        1,
        6,
        5,
        Part::Two,
        3,
    ),
    (
        "Sửa mương thủy lợi",
        Category::Construction,
        Sector::Irrigation,
        40,
        10,
        4,
        1,
        Part::One,
        5,
    ),
    (
        "Tổ vay vốn phụ nữ",
        Category::TechnicalSupport,
        Sector::Economy,
        5,
        5,
        2,
        11,
        Part::One,
        4,
    ),
];

/// Thôn 1: men rank b1..b4 as 1..4; women (3, 6, 12, 9) rank b3, b4, b2, b1; combined
/// 15, 16, 17, 12 → b3 1, b2 2, b1 3, b4 4. Form 4: part 1 b3 (1), b4 (2); part 2 b1
/// (1), b2 (2). b2's funding is given: a programme, 60 million.
const THON1: [Act; 4] = [
    (
        "Tập huấn chăn nuôi bò",
        Category::TechnicalSupport,
        Sector::Livestock,
        12,
        2,
        12,
        3,
        Part::Two,
        5,
    ),
    (
        "Cống thoát nước",
        Category::Construction,
        Sector::Infrastructure,
        80,
        10,
        10,
        6,
        Part::Two,
        4,
    ),
    (
        "Mua giống ngô",
        Category::Construction,
        Sector::Agriculture,
        20,
        20,
        5,
        12,
        Part::One,
        5,
    ),
    (
        "Lớp xoá mù chữ",
        Category::TechnicalSupport,
        Sector::Education,
        6,
        0,
        3,
        9,
        Part::One,
        3,
    ),
];

/// Thôn 2, annual plan not approved: men c1 1, c2 2; women c2 1, c1 2; combined c1 1.
const THON2: [Act; 2] = [
    (
        "Kênh mương nội đồng",
        Category::Construction,
        Sector::Irrigation,
        150,
        15,
        20,
        12,
        Part::Two,
        4,
    ),
    (
        "Tập huấn phòng bệnh",
        Category::TechnicalSupport,
        Sector::Health,
        8,
        1,
        10,
        18,
        Part::One,
        4,
    ),
];

const REASON: &str = "Nước sinh hoạt thiếu nghiêm trọng, buôn xin thêm một hoạt động";

/// Points the fixture at a new village of the same commune with its 2026 cycle.
fn new_village(v: &mut Village, name: &str) {
    let commune = v.store.village(v.village).unwrap().commune_id;
    let Effect::Village(id) = v.run(Command::CreateVillage {
        commune,
        name: name.into(),
        kind: VillageKind::Thon,
    }) else {
        panic!("a village")
    };
    let Effect::Cycle(cycle) = v.run(Command::CreateCycle(NewCycle {
        village_id: id,
        year: 2026,
        medium_term_span: 5,
    })) else {
        panic!("a cycle")
    };
    (v.village, v.cycle, v.acts) = (id, cycle, Vec::new());
}

/// Proposes the activities (with the funding given for one, by index), approves the
/// medium-term plan with the groups' votes, then selects and scores form 4, approving it
/// when `approve`.
fn plan(v: &mut Village, acts: &[Act], funding: Option<(usize, Funding)>, approve: bool) {
    for &(name, category, sector, cost, money, ..) in acts {
        let mut a = activity(name, 2.0);
        (a.category, a.sector) = (category, sector);
        a.estimated_cost_vnd = Some(cost * M);
        a.contribution.money_vnd = money * M;
        v.run(Command::Assessment(AssessmentCommand::AddActivity {
            cycle: v.cycle,
            activity: Box::new(a),
        }));
    }
    v.acts = v
        .store
        .activities(v.cycle)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    if let Some((i, funding)) = funding {
        let id = v.acts[i];
        v.run(Command::Assessment(AssessmentCommand::SetFunding {
            id,
            funding,
        }));
    }
    vote(v, acts);
    let mut part_two = 0;
    for (&id, act) in v.acts.clone().iter().zip(acts) {
        part_two += usize::from(act.7 == Part::Two);
        let Effect::AnnualItem(item) = v.run(Command::Annual(AnnualCommand::Select {
            cycle: v.cycle,
            activity: id,
            part: act.7,
            reason: (part_two > 2).then(|| REASON.to_string()),
        })) else {
            panic!("an item")
        };
        for criterion in Criterion::ALL {
            v.run(Command::Annual(AnnualCommand::Score {
                item,
                criterion,
                score: Some(act.8),
            }));
        }
    }
    if approve {
        register(v, MeetingKind::AnnualApproval);
        v.run(Command::Annual(AnnualCommand::Approve {
            cycle: v.cycle,
            approval: approval("28/05/2026"),
            reason: None,
        }));
    }
}

/// Scores the matrix and enters both groups' votes, then approves the medium-term plan.
fn vote(v: &mut Village, acts: &[Act]) {
    for &a in &v.acts.clone() {
        for criterion in Criterion::ALL {
            v.run(Command::Scoring(ScoringCommand::Score {
                activity: a,
                criterion,
                score: Some(3),
            }));
        }
    }
    for group in Group::ALL {
        let info = GroupInfo {
            members: 10,
            votes_each: 3,
            recorder: "Y Sơn".into(),
        };
        v.run(Command::Meeting2(Meeting2Command::GroupInfo {
            cycle: v.cycle,
            group,
            info,
        }));
        for (&a, act) in v.acts.clone().iter().zip(acts) {
            let votes = if group == Group::Men { act.5 } else { act.6 };
            v.run(Command::Meeting2(Meeting2Command::Entry {
                cycle: v.cycle,
                group,
                mode: InputMode::Votes,
                activity: a.0,
                value: Some(votes),
            }));
        }
    }
    register(v, MeetingKind::Village2);
    let meeting = v.meeting(MeetingKind::Village2);
    v.run(Command::Meeting2(Meeting2Command::Approve {
        cycle: v.cycle,
        meeting,
        reason: None,
    }));
}

/// The three villages, made in the order Thôn 2, Buôn Kram, Thôn 1 (the forms sort them).
fn three_villages() -> (Store, Commune, Vec<VillageYear>) {
    let mut v = village();
    for a in v.acts.clone() {
        v.run(Command::Assessment(AssessmentCommand::DeleteActivity(a)));
    }
    let kram = (v.village, v.cycle);
    plan(&mut v, &KRAM, None, true);
    new_village(&mut v, "Thôn 2");
    plan(&mut v, &THON2, None, false);
    new_village(&mut v, "Thôn 1");
    let programme = Funding {
        source: Some(FundingSource::Programme),
        budget_asked_vnd: Some(60 * M),
    };
    plan(&mut v, &THON1, Some((1, programme)), true);
    let commune_id = v.store.village(kram.0).unwrap().commune_id;
    let commune = commune_of(&v.store, commune_id);
    let years = village_years(&v.store, commune_id);
    (v.store, commune, years)
}

fn commune_of(store: &Store, id: CommuneId) -> Commune {
    store
        .communes()
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap()
}

/// Every village of the commune with its 2026 cycle, as the commune holds them.
fn village_years(store: &Store, commune: CommuneId) -> Vec<VillageYear> {
    store
        .villages(commune)
        .unwrap()
        .into_iter()
        .map(|village| {
            let cycle = store
                .cycles(village.id)
                .unwrap()
                .into_iter()
                .find(|c| c.year == 2026);
            let record = cycle.as_ref().map(|c| store.cycle_record(c.id).unwrap());
            let annual_version =
                cycle.and_then(|c| store.annual_versions(c.id).unwrap().last().copied());
            VillageYear {
                village,
                village_code: record
                    .as_ref()
                    .map(|r| r.village_code.clone())
                    .unwrap_or_default(),
                source: PlanSource::Local,
                record,
                annual_version,
            }
        })
        .collect()
}

/// Sets a figure of forms 1-2 for the village the fixture points at.
fn figure(v: &mut Village, key: &str, value: &str) {
    let figure = Figure {
        key: key.into(),
        value: value.into(),
        source: "Thống kê xã".into(),
        as_of: "2026-03-31".into(),
    };
    v.run(Command::SetFigure {
        village: v.village,
        figure,
    });
}

fn vi(key: &str) -> String {
    t(Lang::Vi, key)
}

fn s(text: &str) -> Value {
    Value::Text(text.into())
}

fn n(number: f64) -> Value {
    Value::Number(number)
}

const E: Value = Value::Empty;

fn form<'a>(forms: &'a [Form], file: &str) -> &'a Form {
    forms.iter().find(|f| f.file == file).unwrap()
}

/// The chosen columns of every row of a group.
fn pick(table: &Table, group: usize, columns: &[usize]) -> Vec<Vec<Value>> {
    table.groups[group]
        .rows
        .iter()
        .map(|r| columns.iter().map(|&c| r[c].clone()).collect())
        .collect()
}

fn titles(table: &Table) -> Vec<Option<String>> {
    table.groups.iter().map(|g| g.title.clone()).collect()
}

fn sector(s: Sector) -> Option<String> {
    Some(vi(s.label_key()))
}

fn subtotal(s: Sector) -> Value {
    Value::Text(format!("Cộng {}", vi(s.label_key())))
}

const TOTAL: &str = "Tổng cộng (thôn, buôn đã thông qua)";
const NOT_APPROVED: &str = "Chưa thông qua: không tính vào tổng";
const PEOPLE: &str = "Nhân dân đóng góp";

/// Biểu 5's columns checked: no, name, village, part, village rank, men's, women's and
/// combined ranks, cost, source, asked, flags.
const FORM5_CHECKED: [usize; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 18, 19, 20, 21];
/// Its sum columns: name, land, money, labour, cost, asked.
const FORM5_SUMS: [usize; 6] = [1, 14, 15, 16, 18, 20];

#[test]
fn form_5_lists_services_by_sector_in_each_villages_order_with_flags_and_totals() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let files: Vec<&str> = forms.iter().map(|f| f.file).collect();
    assert_eq!(
        files,
        [
            "bieu-1-2-tong-hop",
            "bieu-5-dich-vu-cong",
            "bieu-6-dau-tu",
            "b1-chi-tieu",
            "b2-tong-hop-thon"
        ]
    );
    let f5 = form(&forms, "bieu-5-dich-vu-cong");
    assert_eq!(f5.title, "Biểu 5 – Tổng hợp nhu cầu dịch vụ công năm 2026");
    let table = &f5.tables[0];
    assert_eq!(table.columns[18].header(), "Kinh phí dự kiến (triệu đồng)");
    use Sector::*;
    assert_eq!(
        titles(table),
        [
            sector(Agriculture),
            sector(Livestock),
            sector(WaterSanitation),
            sector(Education),
            sector(Health),
            sector(Economy),
            None
        ]
    );
    let p1 = || s("Phần 1");
    let p2 = || s("Phần 2");
    let budget = || s("Ngân sách xã");
    let coffee = [n(1.0), s("Tập huấn chăm sóc cà phê"), s("Buôn Kram"), p2()];
    let mut coffee = coffee.to_vec();
    coffee.extend([
        n(2.0),
        n(2.0),
        n(2.0),
        n(1.0),
        n(15.0),
        budget(),
        n(13.0),
        s(""),
    ]);
    assert_eq!(pick(table, 0, &FORM5_CHECKED)[0], coffee);
    let third_ask = format!(
        "Hoạt động phần 2 thứ 3 của thôn, buôn (tối đa 2): xã cần ghi lý do; \
         lý do thôn, buôn ghi: {REASON}; Nhóm nữ xếp hạng 3, kế hoạch chung xếp hạng 4"
    );
    let expected: [(usize, [Value; 12]); 5] = [
        (
            1,
            [
                n(2.0),
                s("Tập huấn chăn nuôi bò"),
                s("Thôn 1"),
                p2(),
                n(1.0),
                n(1.0),
                n(4.0),
                n(3.0),
                n(12.0),
                budget(),
                n(10.0),
                s(""),
            ],
        ),
        (
            2,
            [
                n(3.0),
                s("Lớp nước sạch, vệ sinh"),
                s("Buôn Kram"),
                p2(),
                n(3.0),
                n(3.0),
                n(3.0),
                n(4.0),
                n(10.0),
                budget(),
                n(9.0),
                s(&third_ask),
            ],
        ),
        (
            3,
            [
                n(4.0),
                s("Lớp xoá mù chữ"),
                s("Thôn 1"),
                p1(),
                n(2.0),
                n(4.0),
                n(2.0),
                n(4.0),
                n(6.0),
                s(PEOPLE),
                n(0.0),
                s("Nhóm nữ xếp hạng 2, kế hoạch chung xếp hạng 4"),
            ],
        ),
        (
            4,
            [
                n(5.0),
                s("Tập huấn phòng bệnh"),
                s("Thôn 2"),
                p1(),
                n(1.0),
                n(2.0),
                n(1.0),
                n(2.0),
                n(8.0),
                s(PEOPLE),
                n(0.0),
                s(NOT_APPROVED),
            ],
        ),
        (
            5,
            [
                n(6.0),
                s("Tổ vay vốn phụ nữ"),
                s("Buôn Kram"),
                p1(),
                n(2.0),
                n(5.0),
                n(1.0),
                n(3.0),
                n(5.0),
                s(PEOPLE),
                n(0.0),
                s(""),
            ],
        ),
    ];
    for (group, row) in expected {
        assert_eq!(pick(table, group, &FORM5_CHECKED)[0], row, "group {group}");
    }
    let sums = |g: usize| pick(table, g, &FORM5_SUMS).pop().unwrap();
    assert_eq!(
        sums(0),
        [
            subtotal(Agriculture),
            n(0.0),
            n(2.0),
            n(10.0),
            n(15.0),
            n(13.0)
        ]
    );
    assert_eq!(
        sums(4),
        [subtotal(Health), n(0.0), n(0.0), n(0.0), n(0.0), n(0.0)],
        "Thôn 2 is not counted"
    );
    assert_eq!(
        sums(6),
        [s(TOTAL), n(0.0), n(10.0), n(50.0), n(48.0), n(32.0)]
    );
    assert_eq!(
        table.groups[6].rows.len(),
        1,
        "the total is one row, never summed again"
    );
    let by_source: Vec<Vec<Value>> = f5.tables[1].rows().cloned().collect();
    assert_eq!(
        by_source,
        [
            vec![s(PEOPLE), n(2.0), n(11.0), n(0.0), n(5.0)],
            vec![budget(), n(3.0), n(37.0), n(32.0), n(5.0)],
            vec![s(TOTAL), n(5.0), n(48.0), n(32.0), n(10.0)],
        ]
    );
    assert!(f5.notes.iter().any(
        |n| n == "Chưa thông qua kế hoạch năm (có ghi trong biểu, không tính vào tổng): Thôn 2"
    ));
    assert_eq!(f5.signatures, ["Người lập biểu", "Chủ tịch UBND xã"]);
}

/// Biểu 6's columns checked: no, name, village, part, village rank, men's, women's and
/// combined ranks, total investment, state budget (commune, district, programme),
/// villagers' money, flags.
const FORM6_CHECKED: [usize; 14] = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14, 15, 16, 17, 23];
/// Its sum columns: name, investment, commune, district, programme, money, labour, other.
const FORM6_SUMS: [usize; 8] = [1, 13, 14, 15, 16, 17, 18, 21];

#[test]
fn form_6_lists_construction_with_budget_by_level_and_leaves_the_unapproved_out() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let f6 = form(&forms, "bieu-6-dau-tu");
    assert_eq!(f6.title, "Biểu 6 – Danh mục nhu cầu đầu tư năm 2026");
    let table = &f6.tables[0];
    assert_eq!(
        table.columns[15].header(),
        "Ngân sách nhà nước: huyện (triệu đồng)"
    );
    use Sector::*;
    assert_eq!(
        titles(table),
        [
            sector(Agriculture),
            sector(Infrastructure),
            sector(Irrigation),
            None
        ]
    );
    let (p1, p2) = (|| s("Phần 1"), || s("Phần 2"));
    let rows = |g: usize| {
        let mut rows = pick(table, g, &FORM6_CHECKED);
        rows.pop();
        rows
    };
    assert_eq!(
        rows(0),
        [vec![
            n(1.0),
            s("Mua giống ngô"),
            s("Thôn 1"),
            p1(),
            n(1.0),
            n(3.0),
            n(1.0),
            n(1.0),
            n(20.0),
            E,
            E,
            E,
            n(20.0),
            s("")
        ]]
    );
    let construction_first =
        "Xây dựng xếp trên dịch vụ, hỗ trợ kỹ thuật ở phần 2 (quy trình ưu tiên dịch vụ)";
    assert_eq!(
        rows(1),
        [
            vec![
                n(2.0),
                s("Đường bê tông vào buôn"),
                s("Buôn Kram"),
                p2(),
                n(1.0),
                n(1.0),
                n(4.0),
                n(2.0),
                n(300.0),
                E,
                n(280.0),
                E,
                n(20.0),
                s(construction_first)
            ],
            vec![
                n(3.0),
                s("Cống thoát nước"),
                s("Thôn 1"),
                p2(),
                n(2.0),
                n(2.0),
                n(3.0),
                n(2.0),
                n(80.0),
                E,
                E,
                n(60.0),
                n(10.0),
                s("")
            ],
        ]
    );
    assert_eq!(
        rows(2),
        [
            vec![
                n(4.0),
                s("Sửa mương thủy lợi"),
                s("Buôn Kram"),
                p1(),
                n(1.0),
                n(4.0),
                n(5.0),
                n(5.0),
                n(40.0),
                E,
                E,
                E,
                n(10.0),
                s("")
            ],
            vec![
                n(5.0),
                s("Kênh mương nội đồng"),
                s("Thôn 2"),
                p2(),
                n(1.0),
                n(1.0),
                n(2.0),
                n(1.0),
                n(150.0),
                E,
                n(135.0),
                E,
                n(15.0),
                s(NOT_APPROVED)
            ],
        ]
    );
    let sums = |g: usize| pick(table, g, &FORM6_SUMS).pop().unwrap();
    let zero = || n(0.0);
    assert_eq!(
        sums(1),
        [
            subtotal(Infrastructure),
            n(380.0),
            zero(),
            n(280.0),
            n(60.0),
            n(30.0),
            n(20.0),
            zero()
        ]
    );
    assert_eq!(
        sums(2),
        [
            subtotal(Irrigation),
            n(40.0),
            zero(),
            zero(),
            zero(),
            n(10.0),
            n(10.0),
            zero()
        ],
        "Thôn 2's canal is listed, not summed"
    );
    assert_eq!(
        sums(3),
        [
            s(TOTAL),
            n(440.0),
            zero(),
            n(280.0),
            n(60.0),
            n(60.0),
            n(40.0),
            zero()
        ]
    );
    let by_source: Vec<Vec<Value>> = f6.tables[1].rows().cloned().collect();
    assert_eq!(
        by_source,
        [
            vec![s(PEOPLE), n(2.0), n(60.0), n(0.0), n(30.0)],
            vec![s("Ngân sách huyện"), n(1.0), n(300.0), n(280.0), n(20.0)],
            vec![s("Chương trình, dự án"), n(1.0), n(80.0), n(60.0), n(10.0)],
            vec![s(TOTAL), n(4.0), n(440.0), n(340.0), n(60.0)],
        ]
    );
    assert!(f6.notes[0].contains("Thông tư 01/2017/TT-BKHĐT"));
}

#[test]
fn b2_summarises_each_village_and_b1_lists_approved_villages_by_part() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let b2: Vec<Vec<Value>> = form(&forms, "b2-tong-hop-thon").tables[0]
        .rows()
        .cloned()
        .collect();
    let approved = || s("Đã thông qua (bản 1)");
    assert_eq!(
        b2,
        [
            vec![
                n(1.0),
                s("Buôn Kram"),
                s(""),
                approved(),
                n(60.0),
                n(5.0),
                n(3.0),
                n(3.0),
                n(3.0)
            ],
            vec![
                n(2.0),
                s("Thôn 1"),
                s(""),
                approved(),
                n(60.0),
                n(4.0),
                n(2.0),
                n(2.0),
                n(1.0)
            ],
            vec![
                n(3.0),
                s("Thôn 2"),
                s(""),
                s("Chưa thông qua"),
                E,
                n(2.0),
                n(1.0),
                n(1.0),
                n(0.0)
            ],
        ]
    );
    let b1 = form(&forms, "b1-chi-tieu");
    let names = |table: usize| -> Vec<(Option<String>, Vec<Value>)> {
        b1.tables[table]
            .groups
            .iter()
            .map(|g| {
                (
                    g.title.clone(),
                    g.rows.iter().map(|r| r[1].clone()).collect(),
                )
            })
            .collect()
    };
    let kram = Some("Buôn Kram".to_string());
    let thon1 = Some("Thôn 1".to_string());
    assert_eq!(
        names(0),
        [
            (
                kram.clone(),
                vec![s("Sửa mương thủy lợi"), s("Tổ vay vốn phụ nữ")]
            ),
            (thon1.clone(), vec![s("Mua giống ngô"), s("Lớp xoá mù chữ")]),
        ]
    );
    assert_eq!(
        names(1),
        [
            (
                kram,
                vec![
                    s("Đường bê tông vào buôn"),
                    s("Tập huấn chăm sóc cà phê"),
                    s("Lớp nước sạch, vệ sinh")
                ]
            ),
            (
                thon1,
                vec![s("Tập huấn chăn nuôi bò"), s("Cống thoát nước")]
            ),
        ]
    );
    let cost = b1.tables[1]
        .columns
        .iter()
        .position(|c| c.label == vi("form.col.cost"))
        .unwrap();
    assert_eq!(
        b1.tables[1].column_sum(cost),
        (300 + 15 + 10 + 12 + 80) as f64 * M as f64,
        "part 2 of the approved villages, in đồng"
    );
    assert!(b1.notes[0].contains("Biểu 3-4"));
}

#[test]
fn forms_1_2_sum_the_villages_figures_with_a_column_each() {
    let mut v = village();
    figure(&mut v, "population", "500");
    figure(&mut v, "ethnic_groups", "Ê Đê");
    figure(&mut v, "forest_ha", "12,5");
    new_village(&mut v, "Thôn 1");
    figure(&mut v, "population", "320");
    figure(&mut v, "forest_ha", "0,3");
    let commune_id = v.store.village(v.village).unwrap().commune_id;
    let years = village_years(&v.store, commune_id);
    let commune = commune_of(&v.store, commune_id);
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let basic = form(&forms, "bieu-1-2-tong-hop");
    let headers = basic.tables[0].header();
    assert_eq!(headers[2..], ["Buôn Kram", "Thôn 1", "Cộng xã"]);
    let row = |key: &str| -> Vec<Value> {
        let label = vi(&format!("figure.{key}"));
        let r = basic.tables[0].rows().find(|r| r[1] == s(&label)).unwrap();
        r[2..].to_vec()
    };
    assert_eq!(row("population"), [n(500.0), n(320.0), n(820.0)]);
    assert_eq!(row("forest_ha"), [n(12.5), n(0.3), n(12.8)]);
    assert_eq!(row("ethnic_groups"), [s("Ê Đê"), E, E]);
    assert_eq!(row("households"), [E, E, E]);
}

#[test]
fn the_demo_commune_counts_buon_kram_and_marks_thon_3() {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let record = store.cycle_record(cycle).unwrap();
    let years = village_years(&store, record.commune.id);
    let forms = commune_forms(&record.commune, 2026, &years, Lang::Vi);
    let b2: Vec<Vec<Value>> = form(&forms, "b2-tong-hop-thon").tables[0]
        .rows()
        .map(|r| r[1..4].to_vec())
        .collect();
    assert_eq!(
        b2,
        [
            vec![s("Buôn Kram"), s(""), s("Đã thông qua (bản 1)")],
            vec![s("Thôn 3"), s(""), s("Chưa thông qua")],
        ]
    );
    let kram_cost = |category: Category| -> f64 {
        let items = record.annual.items.iter();
        let acts = items.filter_map(|i| record.activity(i.activity));
        let of = acts.filter(|a| a.activity.fields.category == category);
        of.map(|a| a.activity.fields.estimated_cost_vnd.unwrap_or(0))
            .sum::<u64>() as f64
            / M as f64
    };
    for (file, category, cost_column) in [
        ("bieu-5-dich-vu-cong", Category::TechnicalSupport, 18usize),
        ("bieu-6-dau-tu", Category::Construction, 13),
    ] {
        let table = &form(&forms, file).tables[0];
        let total = table.groups.last().unwrap().rows[0].clone();
        assert_eq!(total[1], s(TOTAL));
        assert_eq!(
            total[cost_column],
            n(kram_cost(category)),
            "{file}: Buôn Kram only"
        );
        let thon3: Vec<&Vec<Value>> = table.rows().filter(|r| r[2] == s("Thôn 3")).collect();
        assert!(!thon3.is_empty(), "{file}: Thôn 3's rows are listed");
        let flags = table.columns.len() - 1;
        assert!(thon3.iter().all(|r| r[flags] == s(NOT_APPROVED)
            || matches!(&r[flags], Value::Text(t) if t.ends_with(NOT_APPROVED))));
    }
}

#[test]
fn the_forms_read_back_from_xlsx_with_numbers_and_flags() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let margins = Margins {
        place: "Xã Ea Tiêu, Cư Kuin".into(),
        check_code: String::new(),
    };
    let bytes = xlsx::to_xlsx(&forms, &margins, Lang::Vi).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let sheets: Vec<String> = forms.iter().map(|f| f.sheet.clone()).collect();
    assert_eq!(wb.sheet_names(), sheets);
    let range = wb.worksheet_range("Biểu 6 - Đầu tư").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let row = |name: &str| {
        cells
            .iter()
            .find(|r| r.get(1) == Some(&Data::String(name.into())))
            .unwrap()
    };
    let road = row("Đường bê tông vào buôn");
    assert_eq!(road[13], Data::Float(300.0));
    assert_eq!(road[15], Data::Float(280.0));
    assert_eq!(
        road[23],
        Data::String(
            "Xây dựng xếp trên dịch vụ, hỗ trợ kỹ thuật ở phần 2 (quy trình ưu tiên dịch vụ)"
                .into()
        )
    );
    let canal = row("Kênh mương nội đồng");
    assert_eq!(canal[23], Data::String(NOT_APPROVED.into()));
    let total = Data::String(TOTAL.into());
    let needs_total = cells.iter().find(|r| r.get(1) == Some(&total)).unwrap();
    assert_eq!(needs_total[13], Data::Float(440.0));
    let source_total = cells.iter().find(|r| r.first() == Some(&total)).unwrap();
    assert_eq!(
        source_total[1..4],
        [Data::Float(4.0), Data::Float(440.0), Data::Float(340.0)],
        "by source: activities, cost, asked"
    );
}
