//! End to end, village meeting 2 in the real release binary at 80x24 in tmux: a database
//! with ten proposed activities; the men's and the women's group each get their size and
//! votes typed fast (a number, Enter, the next number ...); the combined ranking read off
//! the results screen equals `combine` over what the file holds.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;
mod meeting2_support;

use common::{TIMEOUT, Tmux, release_binary, sh_path};
use kehoach::domain::scoring::{Group, combine, draft_ranks, rank_matrix};
use kehoach::store::Store;
use meeting2_support::{ACTIVITIES, fill};

const MEN: [u32; 10] = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
const WOMEN: [u32; 10] = [0, 1, 2, 3, 4, 5, 6, 4, 2, 1];

/// `e`, members, Tab, votes each, Tab, recorder, Enter; then each value and Enter.
fn enter_group(tmux: &Tmux, members: &str, recorder: &str, values: &[u32]) {
    tmux.send_keys(&["e"]);
    tmux.wait_for("Nhóm trưởng (ghi chép)", TIMEOUT).unwrap();
    tmux.send_keys(&["BSpace", "BSpace"]);
    tmux.type_text(members);
    tmux.send_keys(&["Tab", "BSpace", "BSpace"]);
    tmux.type_text("3");
    tmux.send_keys(&["Tab"]);
    tmux.type_text(recorder);
    tmux.send_keys(&["Enter"]);
    tmux.wait_for(&format!("Nhóm trưởng: {recorder}"), TIMEOUT)
        .unwrap();
    for v in values {
        tmux.type_text(&v.to_string());
        tmux.send_keys(&["Enter"]);
    }
}

/// Activity names in the order the results screen lists them.
fn shown_order(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|line| ACTIVITIES.iter().find(|n| line.contains(*n)))
        .map(|n| n.to_string())
        .collect()
}

fn expected_order(db: &std::path::Path, cycle: kehoach::domain::CycleId) -> Vec<String> {
    let store = Store::open(db).unwrap();
    let draft = draft_ranks(&rank_matrix(&store.matrix_rows(cycle).unwrap()));
    let combined = combine(
        &store.group_result(cycle, Group::Men).unwrap(),
        &store.group_result(cycle, Group::Women).unwrap(),
        &draft,
        store.scoring_settings(cycle).unwrap().method,
    );
    let activities = store.activities(cycle).unwrap();
    combined
        .order()
        .iter()
        .map(|k| {
            let a = activities.iter().find(|a| a.id.0 == *k).unwrap();
            a.fields.name.clone()
        })
        .collect()
}

#[test]
fn score_ten_activities_in_both_groups_and_read_the_combined_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehoach.db");
    let cycle = {
        let mut store = Store::open(&db).unwrap();
        fill(&mut store)
    };
    let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(&db));
    let tmux = Tmux::start(dir.path(), &script);
    tmux.wait_for("Buôn Kram", TIMEOUT).unwrap();
    tmux.send_keys(&["Down", "Down", "Enter"]);
    tmux.wait_for("Họp thôn, buôn lần 2", TIMEOUT).unwrap();
    tmux.send_keys(&["Down", "Down", "Down", "Down", "Enter"]);
    tmux.wait_for("Nhóm nam · Cách chấm", TIMEOUT).unwrap();

    enter_group(&tmux, "20", "Y Kim Niê", &MEN);
    tmux.wait_for("đã dùng 45/60 phiếu", TIMEOUT).unwrap();
    tmux.send_keys(&["F5"]);
    tmux.wait_for("Nhóm nữ · Cách chấm", TIMEOUT).unwrap();
    enter_group(&tmux, "10", "H'Blưm Êban", &WOMEN);
    tmux.wait_for("đã dùng 28/30 phiếu", TIMEOUT).unwrap();

    tmux.send_keys(&["F6"]);
    let screen = tmux.wait_for("Cách tổng hợp:", TIMEOUT).unwrap();
    let shown = shown_order(&screen);
    assert_eq!(shown.len(), 10, "{screen}");
    // The app holds the file's lock: leave (results → cycle → home → quit) before reading.
    tmux.send_keys(&["Escape"]);
    tmux.wait_for("Chuẩn bị", TIMEOUT).unwrap();
    tmux.send_keys(&["Escape"]);
    tmux.wait_for("Xã Ea Tiêu", TIMEOUT).unwrap();
    tmux.send_keys(&["q"]);
    tmux.wait_for_exit(TIMEOUT).unwrap();
    assert_eq!(shown, expected_order(&db, cycle), "{screen}");
    assert_ne!(shown[0], ACTIVITIES[0], "the women's votes change the top");
}
