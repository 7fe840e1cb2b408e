//! The after-plan screen at 80x24 (issue 15), driven by keys: step 8 of the demo's 2026
//! cycle lists its items with what the commune assigned, the progress and the latest
//! evaluation; Enter lists an item's rows, `v` its life; on the 2027 plan (approved,
//! nothing recorded yet) each form saves through the commands, and each rule's refusal
//! reaches the facilitator with nothing written.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, keys, open_cycle_step, open_demo_step, press, screen, type_text};
use kehoach::domain::after_plan::{Decision, GroupKind};
use kehoach::i18n::Lang;
use kehoach::store::HomeEntry;
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

const AFTER_PLAN_STEP: usize = 8;

/// Clears the focused field (Ctrl-U), as a facilitator replaces a prefilled date.
fn clear(app: &mut App) {
    use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};
    let key = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    app.handle_event(Event::Key(key));
}

fn shown(app: &App) -> String {
    screen(app, 80, 24)
}

/// Opens step 8 of the demo village's 2027 cycle (approved, nothing after it yet).
fn open_2027(app: &mut App) -> kehoach::domain::CycleId {
    let entries = app.store().home_entries().unwrap();
    let cycle = entries
        .iter()
        .find_map(|e| match e {
            HomeEntry::Cycle { year: 2027, id, .. } => Some(*id),
            _ => None,
        })
        .unwrap();
    open_cycle_step(app, cycle, AFTER_PLAN_STEP);
    cycle
}

#[test]
fn the_2026_plan_shows_each_items_assignment_progress_and_evaluation() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, AFTER_PLAN_STEP);
    let s = shown(&app);
    assert!(s.contains("8 hoạt động · xã đã giao 8"), "{s}");
    assert_eq!(s.matches("Chưa có vốn").count(), 2, "{s}");
    assert!(s.contains("Điều chỉnh"), "{s}");
    assert!(s.contains("100% ✓"), "accepted works are marked: {s}");
    assert!(s.contains("Tổ quản lý: 3 người (1 nữ)"), "{s}");
    insta::assert_snapshot!("after_plan_list_vi", s);
    press(&mut app, KeyCode::Char('l'));
    insta::assert_snapshot!("after_plan_list_en", shown(&app));
}

#[test]
fn enter_lists_an_items_rows_and_v_its_whole_life() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, AFTER_PLAN_STEP);
    press(&mut app, KeyCode::End);
    for _ in 0..7 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let rows = shown(&app);
    assert!(rows.contains("Tổ giám sát:"), "{rows}");
    assert!(
        rows.contains("45% Mưa lớn cuối năm"),
        "the fall and its reason: {rows}"
    );
    insta::assert_snapshot!("after_plan_rows_vi", rows);
    press(&mut app, KeyCode::Char('v'));
    let life = shown(&app);
    for stage in [
        "Đề xuất",
        "Xếp thứ tự ưu tiên",
        "Chọn vào kế hoạch năm",
        "Giao kế hoạch",
        "Thực hiện",
        "Đánh giá",
    ] {
        let line = life
            .lines()
            .find(|l| l.contains(stage) && (l.contains('●') || l.contains('○')))
            .unwrap();
        assert!(line.contains('●'), "{stage} reached: {line}");
    }
    assert!(life.contains("Giao có điều chỉnh"), "{life}");
    insta::assert_snapshot!("after_plan_life_vi", life);
    press(&mut app, KeyCode::Esc);
    assert!(
        shown(&app).contains("Enter sổ theo dõi · v quá trình"),
        "Esc goes back to the list"
    );
}

#[test]
fn forms_save_through_the_commands_and_refusals_write_nothing() {
    let mut app = demo_app(Lang::Vi);
    let cycle = open_2027(&mut app);
    let s = shown(&app);
    assert!(s.contains("xã đã giao 0"), "{s}");
    // Work on an item before it is assigned: refused, with the way forward.
    press(&mut app, KeyCode::Char('t'));
    let refused = shown(&app);
    assert!(
        refused.contains("✗ Hoạt động này chưa được xã giao"),
        "{refused}"
    );
    // The assignment: changed without a reason is refused on the form.
    press(&mut app, KeyCode::Char('g'));
    insta::assert_snapshot!("after_plan_assign_form_vi", shown(&app));
    press(&mut app, KeyCode::Right);
    for _ in 0..9 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "20/01/2028");
    press(&mut app, KeyCode::Enter);
    assert!(
        shown(&app).contains("✗ Ghi lý do xã điều chỉnh hoặc chưa có vốn."),
        "the message whole, under the field: {}",
        shown(&app)
    );
    assert!(app.store().after_plan(cycle).unwrap().is_empty());
    // The form focuses the field in error.
    type_text(&mut app, "Ngân sách xã chỉ đủ một nửa");
    press(&mut app, KeyCode::Enter);
    let after = app.store().after_plan(cycle).unwrap();
    assert_eq!(after.assignments.len(), 1);
    assert_eq!(after.assignments[0].decision, Decision::Changed);
    assert_eq!(after.assignments[0].date, "2028-01-20");
    assert!(shown(&app).contains("✓"), "{}", shown(&app));
    // A member from the register, then the same person in the other group: refused.
    let person = app
        .store()
        .people(app.store().cycle(cycle).unwrap().village_id)
        .unwrap()[5]
        .clone();
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, &person.name);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, &person.name);
    keys(&mut app, &[KeyCode::Tab, KeyCode::Right, KeyCode::Enter]);
    let both = shown(&app);
    assert!(
        both.contains("✗ Đã ở Tổ quản lý: một người không ở cả hai tổ."),
        "refused on the name, before any write: {both}"
    );
    let after = app.store().after_plan(cycle).unwrap();
    assert_eq!(after.members.len(), 1);
    assert_eq!(after.members[0].kind, GroupKind::Management);
    assert_eq!(after.members[0].person, Some(person.id));
    press(&mut app, KeyCode::Esc);
    // A posting before any money arrived: refused with what to do.
    press(&mut app, KeyCode::Char('c'));
    clear(&mut app);
    type_text(&mut app, "01/02/2028");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Nhà văn hoá buôn");
    press(&mut app, KeyCode::Enter);
    assert!(
        shown(&app).contains("✗ Chưa nhận khoản tiền nào"),
        "{}",
        shown(&app)
    );
    press(&mut app, KeyCode::Esc);
    // A receipt, then the posting.
    press(&mut app, KeyCode::Char('t'));
    clear(&mut app);
    type_text(&mut app, "25/01/2028");
    keys(
        &mut app,
        &[KeyCode::Tab, KeyCode::Right, KeyCode::Tab, KeyCode::Tab],
    );
    type_text(&mut app, "12.000.000");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Nhà văn hoá buôn");
    press(&mut app, KeyCode::Enter);
    let after = app.store().after_plan(cycle).unwrap();
    assert_eq!(after.receipts[0].amount, 12_000_000);
    assert_eq!(
        after.disclosures.len(),
        1,
        "dated like the receipt before it"
    );
    assert_eq!(after.disclosures[0].amounts.commune_budget, 12_000_000);
    assert!(shown(&app).contains("Kinh phí giao"), "{}", shown(&app));
}

/// Next year's review of an activity starts from what was recorded after its plan: the
/// year-end evaluation's progress and quality, the ledger's money by source, the groups.
#[test]
fn next_years_review_form_starts_from_the_records_after_the_plan() {
    use kehoach::commands::{AfterPlanCommand as A, Command, execute};
    use kehoach::domain::NewCycle;
    use kehoach::domain::activity::FundingSource;
    use kehoach::domain::after_plan::{
        Assignment, Budget, ContributionKind, Evaluation, Receipt, Round, WorkOwner,
    };
    use kehoach::domain::annual::{AnnualItemId, Progress, Quality};
    let mut item = AnnualItemId(0);
    let mut app = driver::demo_app_with(Lang::Vi, |store, first| {
        let second = kehoach::demo::second_year(store, first).unwrap();
        item = store.annual_items(second).unwrap()[0].id;
        let run = |store: &mut kehoach::store::Store, c: A| {
            execute(store, Command::AfterPlan(c)).unwrap();
        };
        run(
            store,
            A::Assign(Assignment {
                item,
                decision: Decision::Accepted,
                reason: String::new(),
                target_quantity: None,
                owner: WorkOwner::Village,
                budget: Budget::default(),
                date: "2028-01-20".into(),
            }),
        );
        run(
            store,
            A::AddReceipt(Receipt {
                id: 0,
                item,
                date: "2028-02-01".into(),
                source: FundingSource::People,
                kind: ContributionKind::Labour,
                amount: 120,
                from: "Các hộ".into(),
                note: String::new(),
            }),
        );
        run(
            store,
            A::Evaluate(Evaluation {
                item,
                round: Round::YearEnd,
                date: "2028-12-15".into(),
                progress: Progress::Done,
                completion: 100,
                quality: Some(Quality::Good),
                difficulties: String::new(),
                against_plan: String::new(),
                against_last_year: String::new(),
            }),
        );
        let village = store.cycle(second).unwrap().village_id;
        execute(
            store,
            Command::CreateCycle(NewCycle {
                village_id: village,
                year: 2028,
                medium_term_span: 5,
            }),
        )
        .unwrap();
    });
    let entries = app.store().home_entries().unwrap();
    let (row, cycle) = entries
        .iter()
        .enumerate()
        .find_map(|(i, e)| match e {
            HomeEntry::Cycle { year: 2028, id, .. } => Some((i, *id)),
            _ => None,
        })
        .unwrap();
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    for _ in 1..6 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let form = shown(&app);
    assert!(form.contains("bắt đầu từ sổ theo dõi thực hiện"), "{form}");
    assert!(form.contains("120"), "labour days from the ledger: {form}");
    insta::assert_snapshot!("review_prefilled_vi", form);
    press(&mut app, KeyCode::Enter);
    let stored = app.store().last_year_review(cycle).unwrap();
    let review = stored
        .iter()
        .find(|r| r.item.id == item)
        .unwrap()
        .review
        .clone()
        .unwrap();
    assert_eq!((review.progress, review.percent), (Progress::Done, 100));
    assert_eq!(review.quality, Some(Quality::Good));
    assert_eq!(review.spending.people_labour_days, 120);
}

/// From the history screen, `v` shows the selected year's activities, each one's life;
/// Esc goes back to the history.
#[test]
fn the_history_screen_opens_each_activitys_life() {
    let mut app = demo_app(Lang::Vi);
    let entries = app.store().home_entries().unwrap();
    let row = entries
        .iter()
        .position(|e| matches!(e, HomeEntry::Cycle { year: 2026, .. }))
        .unwrap();
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char('v'));
    let life = shown(&app);
    assert!(life.contains("Quá trình của hoạt động"), "{life}");
    assert_eq!(
        life.matches('●').count(),
        6,
        "the first activity reached every stage: {life}"
    );
    press(&mut app, KeyCode::Down);
    let second = shown(&app);
    assert!(
        second.contains('○'),
        "the not-funded one stops at selection: {second}"
    );
    assert!(
        second.contains("không thực hiện: chưa bố trí được vốn"),
        "{second}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(
        shown(&app).contains("Kế hoạch năm 2026"),
        "Esc: the list first"
    );
    press(&mut app, KeyCode::Esc);
    let back = shown(&app);
    assert!(
        back.lines().next().unwrap().contains("Lịch sử"),
        "then the history: {back}"
    );
}

/// Assigns the selected item as asked, dated 20/01/2028.
fn assign_as_asked(app: &mut App) {
    press(app, KeyCode::Char('g'));
    for _ in 0..9 {
        press(app, KeyCode::Tab);
    }
    clear(app);
    type_text(app, "20/01/2028");
    press(app, KeyCode::Enter);
}

/// The screen's line holding `text`.
fn line_of(screen: &str, text: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not on the screen:\n{screen}"))
        .to_string()
}

#[test]
fn every_choice_of_every_form_shows_all_its_options_at_80_columns() {
    use kehoach::i18n::t;
    // (form key, Tabs to the choice, its options' i18n keys)
    let choices: [(char, usize, &[&str]); 10] = [
        (
            'g',
            0,
            &[
                "after.short.accepted",
                "after.short.changed",
                "after.short.not_funded",
            ],
        ),
        (
            'g',
            3,
            &["after.short.owner_village", "after.short.owner_commune"],
        ),
        (
            'm',
            1,
            &[
                "after.short.management",
                "after.short.monitoring",
                "after.short.board",
            ],
        ),
        ('m', 3, &["gender.m", "gender.f"]),
        (
            't',
            1,
            &[
                "after.src.people",
                "after.src.commune_budget",
                "after.src.district_budget",
                "after.src.programme",
                "after.src.other",
            ],
        ),
        (
            't',
            2,
            &[
                "after.short.money",
                "after.short.labour",
                "after.short.materials",
                "after.short.land",
            ],
        ),
        (
            'n',
            1,
            &[
                "after.short.passed",
                "after.short.with_fixes",
                "after.short.failed",
            ],
        ),
        ('d', 0, &["after.short.six_months", "after.short.year_end"]),
        (
            'd',
            2,
            &[
                "annual.progress.not_started",
                "annual.progress.under_way",
                "annual.progress.done",
            ],
        ),
        (
            'd',
            4,
            &[
                "annual.quality.good",
                "annual.quality.fair",
                "annual.quality.poor",
            ],
        ),
    ];
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_2027(&mut app);
        // The road (part 2, the longest planned quantity) assigned, so every form opens.
        for _ in 0..6 {
            press(&mut app, KeyCode::Down);
        }
        assign_as_asked(&mut app);
        for (key, tabs, options) in choices {
            press(&mut app, KeyCode::Char(key));
            for _ in 0..tabs {
                press(&mut app, KeyCode::Tab);
            }
            let s = shown(&app);
            // The last option is chosen: it shows in brackets, the widest it gets.
            press(&mut app, KeyCode::Left);
            let last = shown(&app);
            let labels: Vec<String> = options.iter().map(|k| t(lang, k)).collect();
            // Inside the form's frame the chosen option shows whole (the choice scrolls
            // to it when the options are wider than the line).
            let inside = |screen: &str, label: &str| {
                screen
                    .lines()
                    .any(|line| line.split('║').nth(1).unwrap_or_default().contains(label))
            };
            assert!(
                labels.iter().any(|l| inside(&s, l)),
                "{lang:?} '{key}' field {tabs}: no option of {labels:?} in view:\n{s}"
            );
            let chosen = labels.last().unwrap();
            assert!(
                inside(
                    &last,
                    &format!("[{}", chosen.split_whitespace().next().unwrap_or(""))
                ) || inside(&last, chosen),
                "{lang:?} '{key}' field {tabs}: the chosen {chosen} cut or missing:\n{last}"
            );
            press(&mut app, KeyCode::Esc);
        }
        // The planned quantity is named with its unit, and the amounts asked are grouped.
        press(&mut app, KeyCode::Char('g'));
        let form = shown(&app);
        let (qty, amount) = match lang {
            Lang::Vi => ("Số lượng giao (KH 1,2 km):", "1.150.000.000"),
            Lang::En => ("Quantity (plan 1.2 km):", "1.150.000.000"),
        };
        assert!(form.contains(qty), "{form}");
        assert!(form.contains(amount), "{form}");
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn amounts_are_read_as_people_type_them() {
    let mut app = demo_app(Lang::Vi);
    let cycle = open_2027(&mut app);
    assign_as_asked(&mut app);
    // "15,000,000" reads two ways in Vietnamese and is refused with an example (one
    // number parser for every field, issue 16).
    press(&mut app, KeyCode::Char('t'));
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "15,000,000");
    press(&mut app, KeyCode::Enter);
    assert!(shown(&app).contains("✗"), "{}", shown(&app));
    press(&mut app, KeyCode::Esc);
    for typed in [
        "15.000.000",
        "15 000 000",
        "1.5 triệu",
        "1,5 triệu",
        "2 tỷ",
        "500 nghìn",
    ] {
        press(&mut app, KeyCode::Char('t'));
        keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
        type_text(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        assert!(shown(&app).contains("✓"), "{typed}: {}", shown(&app));
    }
    let amounts: Vec<i64> = app
        .store()
        .after_plan(cycle)
        .unwrap()
        .receipts
        .iter()
        .map(|r| r.amount)
        .collect();
    assert_eq!(
        amounts,
        [
            15_000_000,
            15_000_000,
            1_500_000,
            1_500_000,
            2_000_000_000,
            500_000
        ]
    );
    // Not an amount: said under the field, whole, with the way to write it.
    press(&mut app, KeyCode::Char('t'));
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "mười lăm");
    press(&mut app, KeyCode::Enter);
    let s = shown(&app);
    assert!(s.contains("✗ Ghi số, vd. 1.500.000 hoặc 1,5 triệu."), "{s}");
    // Over the budget assigned: saved, and flagged by source.
    press(&mut app, KeyCode::Esc);
    let s = shown(&app);
    assert!(s.contains("⚑ vượt Nhân dân đóng góp"), "{s}");
}

#[test]
fn a_member_form_keeps_the_focus_on_the_name_and_asks_only_what_applies() {
    let mut app = demo_app(Lang::Vi);
    let cycle = open_2027(&mut app);
    assign_as_asked(&mut app);
    // Several people match: said under the name, which keeps the focus; no question
    // about an outsider's gender.
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, "y");
    press(&mut app, KeyCode::Enter);
    let s = shown(&app);
    let name = s
        .lines()
        .position(|l| l.contains("Họ tên (trong sổ):"))
        .unwrap();
    let below = s.lines().nth(name + 1).unwrap();
    assert!(below.contains("người khớp; gõ đủ tên, vd."), "{s}");
    assert!(!s.contains("Chọn một mục"), "{s}");
    // Typing goes on into the name (a space would have changed the group).
    type_text(&mut app, " blih eban");
    press(&mut app, KeyCode::Enter);
    let after = app.store().after_plan(cycle).unwrap();
    assert_eq!(after.members.len(), 1, "{}", shown(&app));
    assert_eq!(after.members[0].name, "Y Blih Êban");
    assert_eq!(after.members[0].kind, GroupKind::Management);
    // Someone not in the register, for a management group: said whole, on the name.
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, "Nguyễn Văn Bình");
    press(&mut app, KeyCode::Enter);
    let s = shown(&app);
    assert!(
        s.contains("✗ Không có trong sổ; người ngoài chỉ vào Ban giám sát."),
        "{s}"
    );
    assert!(!s.contains("Chọn một mục"), "{s}");
    // The same outsider on the board: the gender is asked, then saved.
    keys(
        &mut app,
        &[KeyCode::Tab, KeyCode::Char('3'), KeyCode::Enter],
    );
    assert!(shown(&app).contains("✗ Chọn một mục"), "{}", shown(&app));
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Enter]);
    let after = app.store().after_plan(cycle).unwrap();
    assert_eq!(after.members.len(), 2);
    assert_eq!(after.members[1].kind, GroupKind::Board);
    assert_eq!(after.members[1].person, None);
    // The summary says what each group lacks.
    let s = shown(&app);
    assert!(s.contains("Tổ quản lý: 1 người (0 nữ) ⚑ chưa có nữ"), "{s}");
    assert!(
        s.contains("thiếu 4 người, chưa có nữ, chưa có người dân"),
        "{s}"
    );
}

#[test]
fn a_posting_before_the_money_is_refused_on_its_date() {
    let mut app = demo_app(Lang::Vi);
    let cycle = open_2027(&mut app);
    assign_as_asked(&mut app);
    press(&mut app, KeyCode::Char('t'));
    clear(&mut app);
    type_text(&mut app, "15/02/2028");
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "1.000.000");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    clear(&mut app);
    type_text(&mut app, "10/02/2028");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Nhà văn hoá buôn");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "500.000");
    press(&mut app, KeyCode::Enter);
    let s = shown(&app);
    assert!(
        s.contains("✗ Trước ngày nhận tiền đầu tiên (15/02/2028)."),
        "{s}"
    );
    // The focus is on the date: clearing and typing it again saves, the rest kept.
    clear(&mut app);
    type_text(&mut app, "16/02/2028");
    press(&mut app, KeyCode::Enter);
    let after = app.store().after_plan(cycle).unwrap();
    assert_eq!(after.disclosures.len(), 1, "{}", shown(&app));
    assert_eq!(after.disclosures[0].date, "2028-02-16");
    assert_eq!(after.disclosures[0].spent, 500_000);
}

#[test]
fn x_asks_before_removing_a_ledger_line() {
    let mut app = demo_app(Lang::Vi);
    let cycle = open_2027(&mut app);
    assign_as_asked(&mut app);
    press(&mut app, KeyCode::Char('t'));
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "1.000.000.000");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('x'));
    let s = shown(&app);
    assert!(s.contains("Xoá dòng sổ thu ngày 20/01/2028"), "{s}");
    assert!(s.contains("1.000.000.000 đồng?"), "{s}");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.store().after_plan(cycle).unwrap().receipts.len(), 1);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.store().after_plan(cycle).unwrap().receipts.is_empty());
    assert!(
        shown(&app).contains("Chưa có gì được ghi"),
        "{}",
        shown(&app)
    );
}

#[test]
fn acceptance_and_evaluation_forms_start_from_what_is_recorded() {
    let mut app = demo_app(Lang::Vi);
    open_2027(&mut app);
    assign_as_asked(&mut app);
    press(&mut app, KeyCode::Char('n'));
    keys(&mut app, &[KeyCode::Tab, KeyCode::Char('2'), KeyCode::Tab]);
    type_text(&mut app, "Y Blih Êban");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    let s = shown(&app);
    assert!(s.contains("Y Blih Êban"), "{s}");
    assert!(s.contains("Đạt, cần sửa"), "{s}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('d'));
    keys(
        &mut app,
        &[KeyCode::Tab, KeyCode::Tab, KeyCode::Char('2'), KeyCode::Tab],
    );
    type_text(&mut app, "40");
    keys(&mut app, &[KeyCode::Tab, KeyCode::Char('1'), KeyCode::Tab]);
    type_text(&mut app, "Mưa lũ tháng 5");
    press(&mut app, KeyCode::Enter);
    // The 6-month round is recorded: d opens the year-end round, empty.
    press(&mut app, KeyCode::Char('d'));
    assert!(!shown(&app).contains("Mưa lũ tháng 5"), "{}", shown(&app));
    // Back to the 6-month round (the round's choice): its record is there to correct.
    press(&mut app, KeyCode::Char('1'));
    let s = shown(&app);
    assert!(s.contains("Mưa lũ tháng 5"), "{s}");
    assert!(line_of(&s, "Đạt chỉ tiêu (%):").contains("40"), "{s}");
    // Forward again: the year-end round, still empty; nothing carried across.
    press(&mut app, KeyCode::Char('2'));
    assert!(!shown(&app).contains("Mưa lũ tháng 5"), "{}", shown(&app));
    press(&mut app, KeyCode::Esc);
    let s = shown(&app);
    assert!(s.contains("Đánh giá 6 tháng: 40%"), "{s}");
}

#[test]
fn the_summary_names_the_activity_in_full_and_the_keys_the_bar_cannot_hold() {
    let mut app = demo_app(Lang::Vi);
    open_2027(&mut app);
    let s = shown(&app);
    assert!(
        s.contains("Tuyên truyền chăm sóc sức khỏe bà mẹ, trẻ em"),
        "the full name: {s}"
    );
    assert!(
        s.contains("Enter sổ theo dõi · v quá trình của hoạt động"),
        "{s}"
    );
    insta::assert_snapshot!("after_plan_2027_vi", s);
    // A carried-over year: the activity was proposed in the year that made the plan.
    assign_as_asked(&mut app);
    press(&mut app, KeyCode::Char('v'));
    let life = shown(&app);
    let line = line_of(&life, "Đề xuất");
    assert!(line.contains('●'), "{life}");
    assert!(line.contains("từ kế hoạch trung hạn đã có"), "{life}");
}
