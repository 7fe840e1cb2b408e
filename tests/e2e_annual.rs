//! End to end, the annual plan (issue 6) in the real release binary at 80x24 in tmux: on
//! the demo database (Buôn Kram 2026 and 2027, both annual plans approved) the home
//! screen's `n` creates the 2028 cycle, whose step 6 reviews three of last year's (2027's)
//! activities, puts five medium-term priorities into part 1 and two into part 2, is refused
//! a third part-2 activity when the reason prompt is dismissed, approves the plan at the
//! village meeting and then finds it frozen. After Ctrl+C the file holds exactly that.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{TIMEOUT, Tmux, release_binary, run_piped, sh_path};
use kehoach::domain::annual::{Part, Progress, Quality};
use kehoach::domain::{Cycle, CycleId};
use kehoach::i18n::{Lang, tf};
use kehoach::store::Store;

const VILLAGE: &str = "Buôn Kram";

fn start(dir: &Path, db: &Path) -> Tmux {
    let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(db));
    Tmux::start(dir, &script)
}

/// The demo village's cycles, newest first.
fn village_cycles(store: &Store) -> Vec<Cycle> {
    for commune in store.communes().unwrap() {
        for village in store.villages(commune.id).unwrap() {
            if village.name == VILLAGE {
                return store.cycles(village.id).unwrap();
            }
        }
    }
    panic!("{VILLAGE} not in the file");
}

fn cycle_of_year(store: &Store, year: i32) -> CycleId {
    village_cycles(store)
        .into_iter()
        .find(|c| c.year == year)
        .unwrap_or_else(|| panic!("no {year} cycle for {VILLAGE}"))
        .id
}

/// The first `n` characters of `text` (form titles and list rows cut long names).
fn head(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

/// The selection title's counts, as the screen shows them.
fn parts_title(one: usize, two: usize) -> String {
    format!("phần 1 {one} · phần 2 {two}/2")
}

/// Enter on the selected review row, waits for its form, then types the progress choice,
/// the percent and (when given) the quality choice, any extra fields after Tab, and Enter;
/// waits for the new reviewed count.
fn review(
    tmux: &Tmux,
    name: &str,
    progress: &str,
    percent: &str,
    quality: Option<&str>,
    state_vnd: Option<&str>,
    reviewed: usize,
) -> String {
    tmux.send_keys(&["Enter"]);
    tmux.wait_for(&format!("Đánh giá: {}", head(name, 30)), TIMEOUT)
        .unwrap();
    tmux.send_keys(&[progress, "Tab"]);
    tmux.type_text(percent);
    tmux.send_keys(&["Tab"]);
    if let Some(q) = quality {
        tmux.send_keys(&[q]);
    }
    if let Some(amount) = state_vnd {
        tmux.send_keys(&["Tab"]);
        tmux.type_text(amount);
    }
    tmux.send_keys(&["Enter"]);
    tmux.wait_for(&format!("Đã đánh giá {reviewed}/8"), TIMEOUT)
        .unwrap()
}

#[test]
fn review_select_refuse_a_third_part_two_approve_and_find_the_plan_frozen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let db_arg = db.to_string_lossy().to_string();
    let out = run_piped(dir.path(), &["demo", "--db", &db_arg]);
    assert!(
        out.status.success(),
        "kehoach demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Last year's (2027's) plan, in the order the review lists it.
    let last_year: Vec<String> = {
        let store = Store::open(&db).unwrap();
        let cycles = village_cycles(&store);
        let years: Vec<i32> = cycles.iter().map(|c| c.year).collect();
        assert_eq!(years, [2027, 2026], "the demo holds two consecutive years");
        assert!(store.is_annual_frozen(cycles[0].id).unwrap());
        store
            .annual_items(cycles[0].id)
            .unwrap()
            .into_iter()
            .map(|i| i.activity.fields.name)
            .collect()
    };
    assert_eq!(last_year.len(), 8, "{last_year:?}");

    let tmux = start(dir.path(), &db);

    // Home: the village row, n, the year (empty field), Enter.
    tmux.wait_for("Kỳ kế hoạch 2027", TIMEOUT).unwrap();
    tmux.send_keys(&["Down"]);
    tmux.wait_for(&format!("▶   {VILLAGE}"), TIMEOUT).unwrap();
    tmux.send_keys(&["n"]);
    let screen = tmux.wait_for("Năm kế hoạch:", TIMEOUT).unwrap();
    let year_line = screen
        .lines()
        .find(|l| l.contains("Năm kế hoạch:"))
        .unwrap();
    assert!(
        !year_line.chars().any(|c| c.is_ascii_digit()),
        "the year field starts empty: {year_line:?}"
    );
    tmux.type_text("2028");
    tmux.send_keys(&["Enter"]);
    // The new cycle is listed first (newest first) and selected.
    tmux.wait_for("▶       Kỳ kế hoạch 2028", TIMEOUT).unwrap();

    // Open it; the medium-term period 2026-2030 carries over; step 6 is the annual plan.
    tmux.send_keys(&["Enter"]);
    let screen = tmux.wait_for("Các bước của quy trình", TIMEOUT).unwrap();
    assert!(screen.contains("Giai đoạn trung hạn 2026-2030"), "{screen}");
    assert!(screen.contains("kế hoạch năm 2028"), "{screen}");
    tmux.send_keys(&["Down", "Down", "Down", "Down", "Down", "Enter"]);
    let screen = tmux.wait_for("Đã đánh giá 0/8", TIMEOUT).unwrap();
    assert!(screen.contains(&head(&last_year[0], 30)), "{screen}");

    // F4: review of last year, three activities (the selection stays on the saved row).
    tmux.send_keys(&["F4"]);
    let screen = review(&tmux, &last_year[0], "3", "100", Some("1"), None, 1);
    assert!(screen.contains("Đã hoàn thành    100%   Tốt"), "{screen}");
    tmux.send_keys(&["Down"]);
    let screen = review(
        &tmux,
        &last_year[1],
        "2",
        "60",
        Some("2"),
        Some("150000000"),
        2,
    );
    assert!(
        screen.contains("Đang thực hiện   60%    Trung bình"),
        "{screen}"
    );
    assert!(
        screen.contains("Ngân sách nhà nước: 150.000.000"),
        "totals by source: {screen}"
    );
    tmux.send_keys(&["Down"]);
    let screen = review(&tmux, &last_year[2], "1", "0", None, None, 3);
    assert!(screen.contains("Chưa thực hiện   0%"), "{screen}");

    // F5: selection from the medium-term plan in priority order.
    tmux.send_keys(&["F5"]);
    tmux.wait_for(&parts_title(0, 0), TIMEOUT).unwrap();
    // The priorities list keeps its own cursor: it starts on rank 1 although the review
    // list was left on row 3.
    for n in 1..=5 {
        tmux.send_keys(&["1"]);
        tmux.wait_for(&parts_title(n, 0), TIMEOUT).unwrap();
        tmux.send_keys(&["Down"]);
    }
    for n in 1..=2 {
        tmux.send_keys(&["2"]);
        tmux.wait_for(&parts_title(5, n), TIMEOUT).unwrap();
        tmux.send_keys(&["Down"]);
    }
    let screen = tmux.wait_for(&parts_title(5, 2), TIMEOUT).unwrap();
    for rank in 1..=5 {
        assert!(
            screen.contains(&format!("¹ {rank:>2}. ")),
            "rank {rank} in part 1:\n{screen}"
        );
    }
    for rank in 6..=7 {
        assert!(
            screen.contains(&format!("² {rank:>2}. ")),
            "rank {rank} in part 2:\n{screen}"
        );
    }
    assert!(screen.contains("   8. "), "rank 8 not chosen:\n{screen}");

    // A third part-2 activity asks for a reason; Esc refuses it and part 2 still holds 2.
    tmux.send_keys(&["2"]);
    tmux.wait_for("Lý do:", TIMEOUT).unwrap();
    tmux.send_keys(&["Escape"]);
    let screen = tmux.wait_for_gone("Lý do:", TIMEOUT).unwrap();
    assert!(screen.contains(&parts_title(5, 2)), "{screen}");
    assert!(
        screen.contains("   8. "),
        "rank 8 still not chosen:\n{screen}"
    );

    // F8: the village meeting approves the plan.
    tmux.send_keys(&["F8"]);
    tmux.wait_for("Họp dân thông qua kế hoạch năm", TIMEOUT)
        .unwrap();
    tmux.type_text("25/05/2028");
    tmux.send_keys(&["Tab"]);
    tmux.type_text("70");
    tmux.send_keys(&["Enter"]);
    // Nobody was registered at the approval meeting: under 30% women needs a reason.
    tmux.wait_for("Cần ghi lý do", TIMEOUT).unwrap();
    tmux.type_text("Họp ghép với họp thôn, không ghi danh sách");
    tmux.send_keys(&["Enter"]);
    let screen = tmux
        .wait_for("✓ Đã thông qua ngày 25/05/2028", TIMEOUT)
        .unwrap();
    assert!(screen.contains("70 tán thành"), "{screen}");
    assert!(screen.contains(&parts_title(5, 2)), "{screen}");

    // Frozen: 1 on another row (rank 9) is refused with a ✗ message, counts unchanged.
    tmux.send_keys(&["Down", "1"]);
    let frozen = tf(Lang::Vi, "frozen.err.annual", &["2028".into(), "1".into()]);
    let screen = tmux
        .wait_for(&format!("✗ {}", head(&frozen, 40)), TIMEOUT)
        .unwrap();
    assert!(screen.contains(&parts_title(5, 2)), "{screen}");
    assert!(screen.contains("   9. "), "rank 9 not chosen:\n{screen}");

    // Ctrl+C quits from the list.
    tmux.send_keys(&["C-c"]);
    tmux.wait_for_exit(TIMEOUT).unwrap();
    drop(tmux);

    // The file: 3 reviews, 5 + 2 items (the top seven priorities), the approval, frozen.
    let store = Store::open(&db).expect("reopen the database (lock released)");
    assert!(store.integrity_ok().unwrap(), "integrity check");
    let cycles = village_cycles(&store);
    assert_eq!(cycles[0].year, 2028, "newest first");
    assert_eq!(
        (cycles[0].medium_term_start, cycles[0].medium_term_span),
        (2026, 5),
        "the medium-term period carries over"
    );
    let cycle = cycle_of_year(&store, 2028);

    let rows = store.last_year_review(cycle).unwrap();
    let reviewed: Vec<_> = rows
        .iter()
        .filter_map(|r| {
            r.review
                .as_ref()
                .map(|v| (r.item.activity.fields.name.as_str(), v))
        })
        .collect();
    assert_eq!(reviewed.len(), 3, "three reviews");
    let summary: Vec<_> = reviewed
        .iter()
        .map(|(name, r)| (name.to_string(), r.progress, r.percent, r.quality))
        .collect();
    assert_eq!(
        summary,
        [
            (
                last_year[0].clone(),
                Progress::Done,
                100,
                Some(Quality::Good)
            ),
            (
                last_year[1].clone(),
                Progress::UnderWay,
                60,
                Some(Quality::Fair)
            ),
            (last_year[2].clone(), Progress::NotStarted, 0, None),
        ]
    );
    assert_eq!(store.review_totals(cycle).unwrap().state, 150_000_000);

    let priorities: Vec<_> = store
        .medium_term_priorities(cycle)
        .unwrap()
        .into_iter()
        .map(|(_, a)| a.id)
        .collect();
    let items = store.annual_items(cycle).unwrap();
    let in_part = |part: Part| -> Vec<_> {
        let mut ids: Vec<_> = items
            .iter()
            .filter(|i| i.part == part)
            .map(|i| priorities.iter().position(|p| *p == i.activity.id))
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(in_part(Part::One), [0, 1, 2, 3, 4].map(Some), "part 1");
    assert_eq!(in_part(Part::Two), [5, 6].map(Some), "part 2");
    assert!(
        items
            .iter()
            .all(|i| i.added_reason.is_none() && i.override_reason.is_none()),
        "no reason was given"
    );

    let approval = store
        .annual_approval(cycle)
        .unwrap()
        .expect("approval saved");
    assert_eq!(approval.votes_for, 70);
    assert!(approval.date.contains("2028"), "{approval:?}");
    assert!(
        store.is_annual_frozen(cycle).unwrap(),
        "the approved plan is frozen"
    );
    let counts = store.annual_counts(cycle).unwrap();
    assert_eq!(
        (counts.part_one, counts.part_two, counts.reviews),
        (5, 2, 3)
    );
    assert!(counts.approved);
}
