//! End to end: the release binary in tmux at 80x24 runs a situation assessment by hand:
//! selects three tools, creates three sub-groups, puts members in them, records a finding
//! with Vietnamese diacritics over two lines, proposes five activities; then the app is
//! killed with -9 and started again, and everything is still there.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{TIMEOUT, Tmux, release_binary, sh_path};
use kehoach::domain::{CycleId, Gender, MeetingKind, NewCycle, PersonFields, VillageKind};
use kehoach::store::Store;

/// A database with one cycle whose working group has six members (three women).
fn prepare(db: &Path) -> CycleId {
    let mut store = Store::open(db).unwrap();
    let commune = store
        .create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .unwrap();
    let village = store
        .create_village(commune.id, "Buôn Kram", VillageKind::Buon)
        .unwrap();
    let cycle = store
        .create_cycle(&NewCycle {
            village_id: village.id,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap();
    let meeting = store.meeting(cycle.id, MeetingKind::Village1).unwrap();
    let people = [
        ("H'Nhi Niê", Gender::Female),
        ("H'Blưm Êban", Gender::Female),
        ("H'Hen Mlô", Gender::Female),
        ("Y Khu Ksor", Gender::Male),
        ("Y Bhin Byă", Gender::Male),
        ("Y Thuôn Adrơng", Gender::Male),
    ];
    for (name, gender) in people {
        let fields = PersonFields {
            name: name.into(),
            gender,
            ethnicity: Some("Ê Đê".into()),
            wealth: None,
            organisations: Vec::new(),
            trained: false,
            core_farmer: false,
        };
        let id = store
            .register_new_person(village.id, meeting.id, &fields)
            .unwrap();
        store.set_wg_member(cycle.id, id, true).unwrap();
    }
    cycle.id
}

/// Opens the database once the killed app has let go of its lock (it may take a moment
/// to die under load).
fn reopen(db: &Path) -> Store {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        match Store::open(db) {
            Ok(store) => return store,
            Err(e) if std::time::Instant::now() > deadline => panic!("reopen: {e}"),
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    }
}

fn start(dir: &Path, db: &Path) -> Tmux {
    let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(db));
    let tmux = Tmux::start(dir, &script);
    tmux.wait_for("Buôn Kram", TIMEOUT).unwrap();
    // Home: commune, village, cycle → the cycle; its third step is the assessment.
    tmux.send_keys(&["Down", "Down", "Enter"]);
    tmux.wait_for("Các bước của quy trình", TIMEOUT).unwrap();
    tmux.send_keys(&["Down", "Down", "Enter"]);
    tmux.wait_for("Bộ công cụ PRA", TIMEOUT).unwrap();
    tmux
}

fn select_tools(tmux: &Tmux) {
    tmux.send_keys(&["Space", "Down", "Down", "Down", "Space", "Down", "Space"]);
    tmux.wait_for("chọn 3/12", TIMEOUT).unwrap();
}

fn create_groups(tmux: &Tmux) {
    tmux.send_keys(&["F4"]);
    for n in 1..=3 {
        tmux.send_keys(&["a"]);
        tmux.wait_for("Nhóm mới", TIMEOUT).unwrap();
        tmux.send_keys(&["Enter"]);
        tmux.wait_for(&format!("Nhóm {n} "), TIMEOUT).unwrap();
        tmux.wait_for_gone("Nhóm mới", TIMEOUT).unwrap();
    }
    // Group 1 (first in the list): two members, the first as leader; the transect walk.
    tmux.send_keys(&["Up", "Up", "Tab", "Space"]);
    tmux.wait_for("☑ H'", TIMEOUT).unwrap();
    tmux.send_keys(&["t"]);
    tmux.wait_for("☑★", TIMEOUT).unwrap();
    tmux.send_keys(&["Tab"]);
    tmux.wait_for("Chủ đề, công cụ", TIMEOUT).unwrap();
    for _ in 0..10 {
        tmux.send_keys(&["Down"]);
    }
    tmux.send_keys(&["Space"]);
    tmux.wait_for("Công cụ: Đi lát cắt", TIMEOUT).unwrap();
}

fn record_finding(tmux: &Tmux) {
    tmux.send_keys(&["F5"]);
    tmux.wait_for("Nhóm · công cụ", TIMEOUT).unwrap();
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Thời gian (phút)", TIMEOUT).unwrap();
    tmux.type_text("Đất đỏ bazan màu mỡ");
    tmux.send_keys(&["Enter"]);
    tmux.type_text("Thiếu nước tưới mùa khô");
    tmux.send_keys(&["Tab"]);
    tmux.type_text("75");
    tmux.send_keys(&["F9"]);
    tmux.wait_for("✓75′", TIMEOUT).unwrap();
}

const ACTIVITIES: [&str; 5] = [
    "Tập huấn tái canh cà phê",
    "Sửa mương thủy lợi",
    "Bê tông hóa đường buôn",
    "Khoan giếng nước sạch",
    "Tổ tiết kiệm phụ nữ",
];

fn propose_activities(tmux: &Tmux) {
    tmux.send_keys(&["F6"]);
    tmux.wait_for("Hoạt động đề xuất", TIMEOUT).unwrap();
    for (i, name) in ACTIVITIES.iter().enumerate() {
        tmux.send_keys(&["a"]);
        tmux.wait_for("Tên hoạt động:", TIMEOUT).unwrap();
        tmux.type_text(name);
        tmux.send_keys(&["Tab", "Right", "Tab", "Right", "Tab"]);
        tmux.type_text("2");
        tmux.send_keys(&["Tab"]);
        tmux.type_text("lớp");
        tmux.send_keys(&["Enter"]);
        tmux.wait_for(&format!("Hoạt động đề xuất ({})", i + 1), TIMEOUT)
            .unwrap();
    }
}

#[test]
fn an_assessment_done_by_hand_survives_kill_9_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let cycle = prepare(&db);
    let tmux = start(dir.path(), &db);
    select_tools(&tmux);
    create_groups(&tmux);
    record_finding(&tmux);
    propose_activities(&tmux);
    tmux.kill_app();
    drop(tmux);
    drop(reopen(&db)); // the killed app has released the file

    let tmux = start(dir.path(), &db);
    tmux.wait_for("chọn 3/12", TIMEOUT).unwrap();
    tmux.send_keys(&["F6"]);
    let screen = tmux.wait_for("Hoạt động đề xuất (5)", TIMEOUT).unwrap();
    assert!(
        screen.contains("Bê tông hóa đường buôn · 2 lớp"),
        "{screen}"
    );
    tmux.send_keys(&["F5"]);
    let screen = tmux.wait_for("Đất đỏ bazan màu mỡ", TIMEOUT).unwrap();
    assert!(screen.contains("Thiếu nước tưới mùa khô"), "{screen}");
    tmux.kill_app();
    drop(tmux);

    let store = reopen(&db);
    assert_eq!(store.selected_tools(cycle).unwrap().len(), 3);
    let groups = store.subgroups(cycle).unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(groups[0].members.len(), 1);
    assert!(groups[0].leader.is_some());
    let findings = store.findings(cycle).unwrap();
    assert_eq!(
        findings[0].text,
        "Đất đỏ bazan màu mỡ\nThiếu nước tưới mùa khô"
    );
    assert_eq!(findings[0].minutes, 75);
    assert_eq!(store.activities(cycle).unwrap().len(), 5);
}
