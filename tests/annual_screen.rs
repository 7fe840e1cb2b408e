//! The annual plan screen (issue 6): review of last year, selection into part 1 and part
//! 2 with the limit of 2 enforced (a third needs a reason), form 4 scoring, approval
//! freezing the plan; snapshots at 80x24 in both languages.

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app_with, keys, open_cycle_step, press, screen, type_text};
use kehoach::domain::annual::Part;
use kehoach::domain::{CycleId, MeetingKind};
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// The demo with a fresh cycle for the next year, opened on its annual step.
fn next_year_app(lang: Lang) -> (App, CycleId) {
    let mut next = None;
    let app = demo_app_with(lang, |store: &mut Store, cycle| {
        let latest = latest_cycle(store, cycle);
        next = Some(store.create_next_cycle(latest).expect("next year").id);
    });
    let next = next.expect("created");
    let mut app = app;
    open_cycle_step(&mut app, next, 6);
    (app, next)
}

fn latest_cycle(store: &Store, cycle: CycleId) -> CycleId {
    let village = store.cycle(cycle).expect("cycle").village_id;
    store.cycles(village).expect("cycles")[0].id
}

fn part_two_count(app: &App, cycle: CycleId) -> usize {
    app.store()
        .annual_items(cycle)
        .expect("items")
        .iter()
        .filter(|i| i.part == Part::Two)
        .count()
}

#[test]
fn a_third_part_two_activity_needs_a_reason() {
    let (mut app, cycle) = next_year_app(Lang::Vi);
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(part_two_count(&app, cycle), 2);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(part_two_count(&app, cycle), 2, "refused without a reason");
    assert!(
        screen(&app, 80, 24).contains("Lý do"),
        "{}",
        screen(&app, 80, 24)
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(part_two_count(&app, cycle), 2, "an empty reason is refused");
    type_text(&mut app, "Xã đã hứa hỗ trợ thêm");
    press(&mut app, KeyCode::Enter);
    assert_eq!(part_two_count(&app, cycle), 3);
    let items = app.store().annual_items(cycle).expect("items");
    assert!(
        items
            .iter()
            .any(|i| i.override_reason.as_deref() == Some("Xã đã hứa hỗ trợ thêm"))
    );
}

#[test]
fn part_one_selection_and_removal() {
    let (mut app, cycle) = next_year_app(Lang::Vi);
    press(&mut app, KeyCode::F(5));
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('1'));
        press(&mut app, KeyCode::Down);
    }
    let items = app.store().annual_items(cycle).expect("items");
    assert_eq!(items.iter().filter(|i| i.part == Part::One).count(), 5);
    keys(&mut app, &[KeyCode::Tab, KeyCode::Char('x')]);
    assert_eq!(app.store().annual_items(cycle).expect("items").len(), 4);
}

#[test]
fn reviewing_last_years_activity_with_bad_percent_is_refused() {
    let (mut app, cycle) = next_year_app(Lang::Vi);
    let rows = app.store().last_year_review(cycle).expect("review rows");
    assert!(
        !rows.is_empty(),
        "the demo's 2027 plan is last year's for 2028"
    );
    press(&mut app, KeyCode::F(4));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "150");
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("✗ Tỷ lệ phần trăm không được quá 100"),
        "{shown}"
    );
    let reviewed_before = app
        .store()
        .last_year_review(cycle)
        .expect("rows")
        .iter()
        .filter(|r| r.review.is_some())
        .count();
    assert_eq!(reviewed_before, 0);
}

/// Asserts the cycle's annual plan is approved and returns its approval meeting.
fn approved_meeting(app: &App, cycle: CycleId) -> kehoach::domain::Meeting {
    assert!(
        app.store()
            .annual_approval(cycle)
            .expect("approval")
            .is_some(),
        "the plan is approved"
    );
    app.store()
        .find_meeting(cycle, MeetingKind::AnnualApproval)
        .expect("read")
        .expect("meeting")
}

#[test]
fn approval_freezes_the_plan() {
    let (mut app, cycle) = next_year_app(Lang::Vi);
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::F(8));
    type_text(&mut app, "25/05/2028");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "70");
    press(&mut app, KeyCode::Enter);
    // Nobody registered at the approval meeting: under 30% women, so a reason is asked.
    let asked = screen(&app, 80, 24);
    assert!(asked.contains("Cần ghi lý do"), "{asked}");
    assert!(
        app.store()
            .annual_approval(cycle)
            .expect("approval")
            .is_none()
    );
    // The error put the cursor in the reason field.
    type_text(&mut app, "Họp ghép với họp tổ, không ghi danh sách");
    press(&mut app, KeyCode::Enter);
    let meeting = approved_meeting(&app, cycle);
    assert!(meeting.is_closed(), "approving closes the register");
    assert_eq!(
        meeting.override_reason.as_deref(),
        Some("Họp ghép với họp tổ, không ghi danh sách")
    );
    keys(&mut app, &[KeyCode::Down, KeyCode::Char('1')]);
    assert_eq!(
        app.store().annual_items(cycle).expect("items").len(),
        1,
        "frozen plan refuses new items"
    );
}

/// The demo's 2028 cycle with ten people registered at its approval meeting (enough
/// women), one activity selected, and the approval form open.
fn approval_form_with_ten_present() -> (App, CycleId) {
    let mut next = None;
    let mut app = demo_app_with(Lang::Vi, |store: &mut Store, cycle| {
        let latest = latest_cycle(store, cycle);
        let id = store.create_next_cycle(latest).expect("next year").id;
        let meeting = store
            .meeting(id, MeetingKind::AnnualApproval)
            .expect("meeting");
        let village = store.cycle(id).expect("cycle").village_id;
        for p in store.people(village).expect("people").iter().take(10) {
            store
                .add_attendee(meeting.id, p.id, p.gender)
                .expect("register");
        }
        next = Some(id);
    });
    let cycle = next.expect("created");
    open_cycle_step(&mut app, cycle, 6);
    let tally = {
        let m = app
            .store()
            .find_meeting(cycle, MeetingKind::AnnualApproval)
            .expect("read")
            .expect("meeting");
        app.store().live_tally(m.id).expect("tally")
    };
    assert_eq!(tally.total(), 10);
    assert!(
        kehoach::domain::attendance::meets_women_threshold(tally),
        "the demo's first ten people include enough women: {tally:?}"
    );
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::F(8));
    (app, cycle)
}

/// Types the date and the votes for and against into the open approval form.
fn type_vote(app: &mut App, votes_for: &str, against: &str) {
    type_text(app, "25/05/2028");
    press(app, KeyCode::Tab);
    type_text(app, votes_for);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Backspace);
    type_text(app, against);
    press(app, KeyCode::Enter);
}

#[test]
fn approval_with_enough_women_asks_no_reason_and_closes_the_register() {
    let (mut app, cycle) = approval_form_with_ten_present();
    let shown = screen(&app, 80, 24);
    assert!(!shown.contains(&t(Lang::Vi, "ann.below_reason")), "{shown}");
    assert!(!shown.contains(&t(Lang::Vi, "vote.reason")), "{shown}");
    type_vote(&mut app, "7", "2");
    let meeting = approved_meeting(&app, cycle);
    assert!(meeting.is_closed());
    assert_eq!(meeting.override_reason, None);
}

/// Issue 16: 18 for and 3 against were accepted with 20 registered.
#[test]
fn more_votes_than_people_present_are_refused_on_the_count() {
    let (mut app, cycle) = approval_form_with_ten_present();
    type_vote(&mut app, "9", "3");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Tổng số phiếu (12) nhiều hơn số người có mặt (10)"),
        "{shown}"
    );
    assert!(app.store().annual_approval(cycle).expect("read").is_none());
}

/// Half or fewer for: the form asks why the plan is adopted anyway, and keeps the reason.
#[test]
fn half_or_fewer_for_needs_a_written_reason() {
    let (mut app, cycle) = approval_form_with_ten_present();
    type_vote(&mut app, "5", "3");
    assert!(app.store().annual_approval(cycle).expect("read").is_none());
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("✗ Chưa quá nửa số có mặt tán thành: ghi lý do"),
        "{shown}"
    );
    type_text(&mut app, "Hai người về sớm vì mưa lớn");
    press(&mut app, KeyCode::Enter);
    let meeting = approved_meeting(&app, cycle);
    assert_eq!(
        meeting.override_reason.as_deref(),
        Some("Hai người về sớm vì mưa lớn")
    );
}

#[test]
fn snapshots_of_the_sections() {
    for lang in [Lang::Vi, Lang::En] {
        let (mut app, _) = next_year_app(lang);
        for (key, name) in [
            (3, "wg"),
            (4, "review"),
            (5, "selection"),
            (6, "form4"),
            (7, "approval"),
        ] {
            press(&mut app, KeyCode::F(key));
            insta::assert_snapshot!(format!("annual_{name}_{lang:?}"), screen(&app, 80, 24));
        }
    }
}

#[test]
fn a_new_activity_needs_a_reason_and_the_plan_fields() {
    let (mut app, cycle) = next_year_app(Lang::Vi);
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Sửa cầu treo qua suối");
    for value in [
        "2",
        "2",
        "1",
        "cầu",
        "Quý 3/2028",
        "Suối Ea Tiêu",
        "Tổ công tác",
    ] {
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, value);
    }
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Cần ghi lý do"), "{shown}");
    assert_eq!(app.store().annual_items(cycle).expect("items").len(), 0);
    type_text(&mut app, "Lũ cuốn cầu tháng 10/2027");
    press(&mut app, KeyCode::Enter);
    let items = app.store().annual_items(cycle).expect("items");
    assert_eq!(items.len(), 1, "{}", screen(&app, 80, 24));
    assert_eq!(
        items[0].added_reason.as_deref(),
        Some("Lũ cuốn cầu tháng 10/2027")
    );
    assert_eq!(items[0].activity.fields.name, "Sửa cầu treo qua suối");
}

#[test]
fn last_years_status_is_shown_beside_each_priority() {
    let (mut app, _) = next_year_app(Lang::Vi);
    press(&mut app, KeyCode::F(5));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains(" 4. ? Mở lớp xóa mù chữ"), "{shown}");
}

#[test]
fn form_4_shows_the_plan_in_rank_order() {
    let (mut app, cycle) = next_year_app(Lang::Vi);
    press(&mut app, KeyCode::F(5));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('1'));
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::F(6));
    // Scores: first item 1s, second 5s, third 3s (each column, row by row).
    for _ in 0..5 {
        for digit in ['1', '5', '3'] {
            press(&mut app, KeyCode::Char(digit));
        }
        keys(&mut app, &[KeyCode::Right, KeyCode::PageUp]);
    }
    press(&mut app, KeyCode::Char('b'));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Biểu 4"), "{shown}");
    let items = app.store().annual_items(cycle).expect("items");
    let start = |i: usize| -> String { items[i].activity.fields.name.chars().take(10).collect() };
    let first = shown.find(&start(1)).expect("second item shown");
    let last = shown.find(&start(0)).expect("first item shown");
    assert!(
        first < last,
        "the 5-scored item is ranked above the 1-scored one:\n{shown}"
    );
    insta::assert_snapshot!("annual_form4_ranked_Vi", shown);
}

/// Issue 16: `x` with the focus on the medium-term list removed the item highlighted in
/// the other list; `2` on an activity already in part 1 asked for a reason, then refused.
#[test]
fn keys_act_on_the_activity_highlighted_in_the_focused_list() {
    let (mut app, cycle) = next_year_app(Lang::Vi);
    press(&mut app, KeyCode::F(5));
    let priorities = app
        .store()
        .medium_term_priorities(cycle)
        .expect("priorities");
    let (first, second) = (priorities[0].1.id, priorities[1].1.id);
    // A and B into part 1; the right list's highlight stays on its first line (A).
    keys(
        &mut app,
        &[KeyCode::Char('1'), KeyCode::Down, KeyCode::Char('1')],
    );
    let in_plan = |app: &App| -> Vec<(kehoach::domain::activity::ActivityId, Part)> {
        let items = app.store().annual_items(cycle).expect("items");
        items.iter().map(|i| (i.activity.id, i.part)).collect()
    };
    assert_eq!(in_plan(&app), vec![(first, Part::One), (second, Part::One)]);

    // B highlighted on the left: 2 moves it to part 2 directly.
    press(&mut app, KeyCode::Char('2'));
    assert!(
        in_plan(&app).contains(&(second, Part::Two)),
        "{:?}",
        in_plan(&app)
    );
    assert!(!screen(&app, 80, 24).contains("Lý do"), "no reason asked");

    // B highlighted on the left: x removes B, not the right list's A.
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(in_plan(&app), vec![(first, Part::One)]);

    // C, not in the plan: x says so and removes nothing.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(in_plan(&app), vec![(first, Part::One)]);
    assert!(screen(&app, 80, 24).contains("✗ Hoạt động này chưa có trong kế hoạch năm"));
}

/// Issue 16: the year's review summary was saved but shown nowhere.
#[test]
fn the_years_review_summary_is_shown_with_the_review() {
    let mut second = None;
    let mut app = demo_app_with(Lang::Vi, |store: &mut Store, cycle| {
        second = Some(kehoach::demo::second_year(store, cycle).expect("2027"));
    });
    let second = second.expect("found");
    open_cycle_step(&mut app, second, 6);
    press(&mut app, KeyCode::F(4));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Thuận lợi: Giá cà phê và hồ tiêu tăng"),
        "{shown}"
    );
    assert!(shown.contains("Khó khăn: "), "{shown}");

    let (mut fresh, _) = next_year_app(Lang::Vi);
    press(&mut fresh, KeyCode::F(4));
    let empty = screen(&fresh, 80, 24);
    assert!(empty.contains("Chưa ghi: nhấn a để ghi"), "{empty}");
}
