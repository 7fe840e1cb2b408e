//! Shared helpers of the meeting-2 tests: a store with ten proposed activities and a
//! 2026 cycle, driving the app with key events, and reading the 80x24 screen.

#![allow(dead_code, clippy::unwrap_used)]

use kehoach::commands::{Command, execute};
use kehoach::domain::activity::{Category, Contribution, Sector, ValidActivity};
use kehoach::domain::{CycleId, MeetingKind, NewCycle, PersonDraft, VillageKind};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The ten activities, in the order proposed.
pub const ACTIVITIES: [&str; 10] = [
    "Làm đường bê tông liên buôn",
    "Tập huấn trồng cà phê",
    "Nạo vét mương thuỷ lợi",
    "Lớp học xoá mù chữ cho phụ nữ",
    "Giếng nước sạch cụm dân cư",
    "Vốn vay chăn nuôi bò",
    "Sửa nhà văn hoá buôn",
    "Tập huấn chăm sóc trẻ nhỏ",
    "Điện chiếu sáng đường buôn",
    "Giống ngô lai cho hộ nghèo",
];

fn activity(name: &str) -> ValidActivity {
    ValidActivity {
        name: name.into(),
        sector: Sector::Agriculture,
        category: Category::TechnicalSupport,
        quantity: Some(1.0),
        unit: "lớp".into(),
        time: "2027".into(),
        location: "Buôn Kram".into(),
        responsible: "UBND xã".into(),
        contribution: Contribution {
            land_m2: 0,
            money_vnd: 0,
            labour_days: 5.0,
            materials: String::new(),
        },
        estimated_cost_vnd: None,
        proposed_by_women: false,
        subgroup_id: None,
        tool_code: None,
    }
}

/// One commune, one village, one 2026 cycle with the ten activities, in memory.
pub fn store_with_activities() -> (Store, CycleId) {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let cycle = fill(&mut store);
    (store, cycle)
}

/// Writes one commune, one village, one 2026 cycle with the ten activities.
pub fn fill(store: &mut Store) -> CycleId {
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
    for name in ACTIVITIES {
        store.add_activity(cycle.id, &activity(name)).unwrap();
    }
    cycle.id
}

/// Adds `n` more activities named "Hoạt động thêm 1" ... to the cycle.
pub fn add_more(store: &mut Store, cycle: CycleId, n: usize) {
    for i in 1..=n {
        store
            .add_activity(cycle, &activity(&format!("Hoạt động thêm {i}")))
            .unwrap();
    }
}

/// Presses one key.
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Types text key by key.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Home → the 2026 cycle → step 5 (village meeting 2): opens on the men's group. The
/// home list has one row per item, so the cycle is as many rows below the selection
/// marker as Down presses.
pub fn open_meeting2(store: Store, lang: Lang) -> App {
    open_step(store, lang, 5)
}

/// The app on the store's 2026 cycle, step `n` (1-based) open.
pub fn open_step(store: Store, lang: Lang, n: usize) -> App {
    let mut app = App::new(store, lang, Theme::mono()).expect("app");
    let home = text(&app);
    let row_of = |needle: &str| home.lines().position(|l| l.contains(needle));
    let (Some(marker), Some(cycle)) = (row_of("▶"), row_of("2026")) else {
        panic!("no 2026 cycle on the home screen:\n{home}");
    };
    for _ in marker..cycle {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    for _ in 1..n {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    app
}

/// Registers `people` at the cycle's meeting 1, as typed in (each through a command).
pub fn register_at_meeting1(store: &mut Store, cycle: CycleId, people: Vec<PersonDraft>) {
    let village = store.cycle(cycle).unwrap().village_id;
    let meeting = store
        .find_meeting(cycle, MeetingKind::Village1)
        .unwrap()
        .unwrap()
        .id;
    for draft in people {
        let fields = draft.validate().unwrap();
        let command = Command::RegisterNew {
            village,
            meeting,
            fields,
        };
        execute(store, command).unwrap();
    }
}

/// Sets a group's size and votes each through the `e` form: members, votes each.
pub fn group_details(app: &mut App, members: u32, votes_each: u32, recorder: &str) {
    press(app, KeyCode::Char('e'));
    clear_field(app);
    type_text(app, &members.to_string());
    press(app, KeyCode::Tab);
    clear_field(app);
    type_text(app, &votes_each.to_string());
    press(app, KeyCode::Tab);
    type_text(app, recorder);
    press(app, KeyCode::Enter);
}

fn clear_field(app: &mut App) {
    for _ in 0..6 {
        press(app, KeyCode::Backspace);
    }
}

/// Types each value then Enter (saves and moves down).
pub fn enter_values(app: &mut App, values: &[u32]) {
    for v in values {
        type_text(app, &v.to_string());
        press(app, KeyCode::Enter);
    }
}

/// The 80x24 screen drawn with a test backend.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal
}

/// The screen as plain text, one line per row.
pub fn text(app: &App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The screen as insta stores it.
pub fn screen(app: &App) -> String {
    format!("{}", draw(app).backend())
}
