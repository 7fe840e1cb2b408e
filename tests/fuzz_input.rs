//! Input fuzzing (issue 8, item 2): long random sequences of terminal events fed into the
//! application state machine, rendering to a `TestBackend` after every event at random sizes
//! from 1x1 to 250x80, on a fresh database, on the demo database, and starting inside the
//! demo's village meeting 1 (attendance, working group, record).
//!
//! Asserts that nothing panics and that the database is still sound and self-consistent
//! afterwards (see [`check_store`]). CI runs `KEHOACH_FUZZ_CASES` cases per store kind
//! (default 64); raise it locally:
//!
//! ```text
//! KEHOACH_FUZZ_CASES=2000 cargo test --release --test fuzz_input -- --nocapture
//! ```
//!
//! Each test prints how many cases it ran (visible with `--nocapture`).
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use kehoach::domain::{CommuneId, CycleId, Gender, MeetingKind, VillageId};
use kehoach::i18n::Lang;
use kehoach::store::{HomeEntry, SCHEMA_VERSION, Store};
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use kehoach::workflow::Step;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

/// Default number of cases per store kind in CI.
const DEFAULT_CASES: u32 = 64;

/// Longest event sequence of one case.
const MAX_EVENTS: usize = 200;

/// Every precomposed Vietnamese letter (lower case; capitals are derived), plus đ.
const VIETNAMESE: &str = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ\
                          uùúủũụưừứửữựyỳýỷỹỵđ";

/// Characters that are hard on text handling: combining tone marks (decomposed input),
/// zero-width characters, wide characters, emoji, controls, a right-to-left mark.
const HOSTILE: &str = "\u{0300}\u{0301}\u{0303}\u{0309}\u{0323}\u{200B}\u{200D}\u{FEFF}\
                       \u{202E}\u{0000}\u{0007}\u{001B}\u{007F}😀👩‍🌾🇻🇳中文ﾟ\t";

/// The export screen offers the documents or home folder, and random keys do export: every
/// test first points HOME (and the working directory) at a scratch folder, so exports land
/// there and are counted instead of littering the real home folder or the repository.
fn sandbox() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // One fixed folder, emptied at the start of each run (not removed at the end, so
        // what the fuzzing exported can be looked at).
        let root = std::env::temp_dir().join("kehoach-fuzz-input");
        let _ = std::fs::remove_dir_all(&root);
        let dir = root.join("home");
        std::fs::create_dir_all(&dir).expect("sandbox folder");
        // SAFETY: every test of this binary calls `sandbox()` before anything else, and
        // `OnceLock` holds the others back until this closure returns, so no other thread
        // of ours reads the environment (from Rust or C) while it changes; libtest's own
        // threads read it only through `std::env`, which is serialised with `set_var`.
        unsafe {
            std::env::set_var("HOME", &dir);
            std::env::remove_var("XDG_CONFIG_HOME");
            std::env::remove_var("XDG_DOCUMENTS_DIR");
        }
        std::env::set_current_dir(&dir).expect("enter the sandbox");
        dir
    })
}

/// Files the fuzzing exported into the sandbox (export screen coverage).
fn exported_files() -> usize {
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() { count(&path) } else { 1 }
                })
                .sum()
        })
    }
    count(sandbox())
}

fn cases() -> u32 {
    std::env::var("KEHOACH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// One generated input, kept small and readable so a shrunk failure can be read off.
#[derive(Clone)]
enum Ev {
    /// A typed character (with Shift when it is a capital).
    Char(char),
    /// A word typed key by key (a name, a number): reaches form submission more often
    /// than single random keys.
    Word(String),
    /// A plausible complete entry: a word, Tab, → (picks the first choice), Enter.
    Entry(String),
    /// A non-character key.
    Key(KeyCode),
    /// Ctrl + a letter.
    Ctrl(char),
    /// Alt + a character (what Esc followed by a key looks like).
    Alt(char),
    /// A key release or repeat (Windows sends releases).
    Kind(KeyCode, KeyEventKind),
    /// Bracketed paste.
    Paste(String),
    /// The terminal was resized to width x height.
    Resize(u16, u16),
    /// Focus gained/lost or a mouse click: events the app ignores.
    Other(u8),
}

impl fmt::Debug for Ev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ev::Char(c) => write!(f, "{c:?}"),
            Ev::Word(w) => write!(f, "Word({w:?})"),
            Ev::Entry(w) => write!(f, "Entry({w:?})"),
            Ev::Key(k) => write!(f, "{k:?}"),
            Ev::Ctrl(c) => write!(f, "Ctrl-{c}"),
            Ev::Alt(c) => write!(f, "Alt-{c}"),
            Ev::Kind(k, kind) => write!(f, "{k:?}/{kind:?}"),
            Ev::Paste(s) if s.chars().count() > 40 => {
                write!(f, "Paste({} chars: {:?}…)", s.chars().count(), head(s, 40))
            }
            Ev::Paste(s) => write!(f, "Paste({s:?})"),
            Ev::Resize(w, h) => write!(f, "Resize({w}x{h})"),
            Ev::Other(n) => write!(f, "Other({n})"),
        }
    }
}

/// A typed character, with Shift when it is a capital.
fn char_event(c: char) -> Event {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), mods))
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

impl Ev {
    /// The terminal events this input stands for (one, or one per character of a word).
    fn to_events(&self) -> Vec<Event> {
        match self {
            Ev::Word(w) => w.chars().map(char_event).collect(),
            Ev::Entry(w) => w
                .chars()
                .map(char_event)
                .chain(
                    [KeyCode::Tab, KeyCode::Right, KeyCode::Enter]
                        .map(|code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE))),
                )
                .collect(),
            other => vec![other.to_event()],
        }
    }

    fn to_event(&self) -> Event {
        let key = |code, mods| Event::Key(KeyEvent::new(code, mods));
        match self {
            Ev::Char(c) => char_event(*c),
            // Expanded by `to_events`; as one event, its first character.
            Ev::Word(w) | Ev::Entry(w) => char_event(w.chars().next().unwrap_or(' ')),
            Ev::Key(KeyCode::BackTab) => key(KeyCode::BackTab, KeyModifiers::SHIFT),
            Ev::Key(code) => key(*code, KeyModifiers::NONE),
            Ev::Ctrl(c) => key(KeyCode::Char(*c), KeyModifiers::CONTROL),
            Ev::Alt(c) => key(KeyCode::Char(*c), KeyModifiers::ALT),
            Ev::Kind(code, kind) => Event::Key(KeyEvent::new_with_kind_and_state(
                *code,
                KeyModifiers::NONE,
                *kind,
                KeyEventState::NONE,
            )),
            Ev::Paste(text) => Event::Paste(text.clone()),
            Ev::Resize(w, h) => Event::Resize(*w, *h),
            Ev::Other(0) => Event::FocusGained,
            Ev::Other(1) => Event::FocusLost,
            Ev::Other(n) => Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: u16::from(*n),
                row: u16::from(*n) / 3,
                modifiers: KeyModifiers::NONE,
            }),
        }
    }
}

fn vietnamese_char() -> impl Strategy<Value = char> {
    let letters: Vec<char> = VIETNAMESE.chars().collect();
    (prop::sample::select(letters), any::<bool>()).prop_map(|(c, upper)| {
        if upper {
            c.to_uppercase().next().unwrap_or(c)
        } else {
            c
        }
    })
}

fn typed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => vietnamese_char(),
        4 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        3 => prop::char::range('0', '9'),
        2 => Just(' '),
        // Keys bound on the list screens and in confirmations.
        4 => prop::sample::select(vec!['c', 't', 'n', 'r', 'd', 'j', 'k', 'y', 'l', '?']),
        1 => Just('q'),
        1 => prop::sample::select(HOSTILE.chars().collect::<Vec<_>>()),
        1 => prop::sample::select(vec![',', '.', '-', '/', '\'', '"', '%', '\\']),
    ]
}

fn special_key() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        6 => Just(KeyCode::Enter),
        5 => Just(KeyCode::Tab),
        2 => Just(KeyCode::BackTab),
        3 => Just(KeyCode::Esc),
        4 => prop::sample::select(vec![KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right]),
        1 => prop::sample::select(vec![KeyCode::PageUp, KeyCode::PageDown, KeyCode::Home, KeyCode::End]),
        3 => Just(KeyCode::Backspace),
        1 => Just(KeyCode::Delete),
        1 => Just(KeyCode::Insert),
        2 => (1u8..=12).prop_map(KeyCode::F),
    ]
}

fn paste_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(
            prop_oneof![
                6 => vietnamese_char(),
                3 => prop::char::range(' ', '~'),
                2 => prop::sample::select(vec!['\n', '\r', '\t']),
                1 => prop::sample::select(HOSTILE.chars().collect::<Vec<_>>()),
            ],
            0..120,
        )
        .prop_map(|v| v.into_iter().collect()),
        // A paste longer than a field keeps (10,000 characters).
        1 => (9_990usize..10_050, vietnamese_char()).prop_map(|(n, c)| c.to_string().repeat(n)),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        6 => (1u16..=250, 1u16..=80),
        2 => (80u16..=250, 24u16..=80),
        1 => prop::sample::select(vec![(1, 1), (80, 24), (79, 24), (80, 23), (250, 80), (1, 80), (250, 1)]),
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop_oneof![5 => vietnamese_char(), 1 => Just(' ')], 2..16)
            .prop_map(|v| v.into_iter().collect()),
        1 => (1900i32..2100).prop_map(|y| y.to_string()),
        1 => (0u32..1000).prop_map(|n| n.to_string()),
    ]
}

fn event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        40 => typed_char().prop_map(Ev::Char),
        6 => word().prop_map(Ev::Word),
        2 => word().prop_map(Ev::Entry),
        30 => special_key().prop_map(Ev::Key),
        3 => prop::sample::select(('a'..='z').filter(|c| *c != 'c').collect::<Vec<_>>())
            .prop_map(Ev::Ctrl),
        1 => Just(Ev::Ctrl('c')),
        1 => typed_char().prop_map(Ev::Alt),
        1 => (special_key(), prop::sample::select(vec![KeyEventKind::Release, KeyEventKind::Repeat]))
            .prop_map(|(k, kind)| Ev::Kind(k, kind)),
        3 => paste_text().prop_map(Ev::Paste),
        3 => size().prop_map(|(w, h)| Ev::Resize(w, h)),
        1 => (0u8..6).prop_map(Ev::Other),
    ]
}

/// One fuzz case: where it starts on the demo database (the home screen, or the screen
/// of step `n` of the demo cycle), the starting terminal size and the events.
#[derive(Debug, Clone)]
struct Case {
    start: Option<usize>,
    size: (u16, u16),
    events: Vec<Ev>,
}

fn case() -> impl Strategy<Value = Case> {
    let start = prop_oneof![1 => Just(None), 2 => (0..Step::ALL.len()).prop_map(Some)];
    (
        start,
        size(),
        prop::collection::vec(event(), 1..=MAX_EVENTS),
    )
        .prop_map(|(start, size, events)| Case {
            start,
            size,
            events,
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An empty database (first run).
    Fresh = 0,
    /// The demo database, starting on the home screen.
    Demo,
    /// The demo database with its meeting 1 and working-group election reopened, starting
    /// inside that meeting (the demo's are closed, so the forms are live only here).
    DemoMeeting1,
}

fn store(kind: Kind) -> Store {
    demo_store(kind).0
}

/// The store for `kind` and, on the demo database, the demo cycle.
fn demo_store(kind: Kind) -> (Store, Option<CycleId>) {
    let mut store = Store::open_in_memory().expect("in-memory store");
    if kind == Kind::Fresh {
        return (store, None);
    }
    let cycle = kehoach::demo::populate(&mut store).expect("demo data");
    if kind == Kind::DemoMeeting1 {
        let meeting = store
            .find_meeting(cycle, MeetingKind::Village1)
            .expect("find meeting 1")
            .expect("the demo has meeting 1");
        if meeting.is_closed() {
            store
                .reopen_meeting(meeting.id, "fuzzing")
                .expect("reopen meeting 1");
        }
        if store
            .working_group(cycle)
            .expect("working group")
            .is_final()
        {
            store.reopen_wg(cycle, "fuzzing").expect("reopen election");
        }
    }
    (store, Some(cycle))
}

fn step_index(step: Step) -> usize {
    Step::ALL
        .iter()
        .position(|s| *s == step)
        .expect("a step of the procedure")
}

/// Opens the app for `kind` and walks by keys to the screen `start` asks for: on the demo
/// database, down the home list to the demo cycle, Enter, down to step `n`, Enter.
/// `DemoMeeting1` always starts in meeting 1 and checks that it got there.
fn open_app(kind: Kind, start: Option<usize>, lang: Lang, theme: Theme) -> App {
    let (store, cycle) = demo_store(kind);
    let start = match kind {
        Kind::Fresh => None,
        Kind::Demo => start,
        Kind::DemoMeeting1 => Some(step_index(Step::Meeting1)),
    };
    let line = cycle.and_then(|id| {
        store
            .home_entries()
            .expect("home entries")
            .iter()
            .position(|e| matches!(e, HomeEntry::Cycle { id: c, .. } if *c == id))
    });
    let mut app = App::new(store, lang, theme).expect("app opens");
    let (Some(step), Some(line)) = (start, line) else {
        return app;
    };
    let keys = std::iter::repeat_n(KeyCode::Down, line)
        .chain([KeyCode::Enter])
        .chain(std::iter::repeat_n(KeyCode::Down, step))
        .chain([KeyCode::Enter]);
    for code in keys {
        app.handle_event(Ev::Key(code).to_event());
    }
    if kind == Kind::DemoMeeting1 {
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
        draw(&mut terminal, &app);
        let text = screen_text(&terminal);
        let section = kehoach::i18n::t(lang, "m1.attendance");
        assert!(
            text.contains(&section),
            "the walk to meeting 1 did not arrive (looked for {section:?}):\n{text}"
        );
    }
    app
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    let frame = terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("drawing to a TestBackend cannot fail");
    let area = frame.area;
    if area.width >= 80 && area.height >= 24 {
        let title: String = (0..7)
            .map(|x| frame.buffer[(x, 0)].symbol().to_string())
            .collect();
        assert_eq!(
            title, "kehoach",
            "title bar missing at {}x{}",
            area.width, area.height
        );
    }
}

/// Feeds the case's events, drawing after each; stops once the app quits. Returns how
/// many audit rows (saved changes) the case wrote.
fn run_case(kind: Kind, case: &Case) -> usize {
    sandbox();
    let (before, log_before) = {
        let s = store(kind);
        (Snapshot::of(&s), s.audit_log().expect("audit log").len())
    };
    let lang = if case.events.len().is_multiple_of(2) {
        Lang::Vi
    } else {
        Lang::En
    };
    let theme = if case.events.len().is_multiple_of(3) {
        Theme::mono()
    } else {
        Theme::colour()
    };
    let mut app = open_app(kind, case.start, lang, theme);
    let (w, h) = case.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    draw(&mut terminal, &app);
    for ev in &case.events {
        if let Ev::Resize(w, h) = ev {
            terminal.backend_mut().resize(*w, *h);
        }
        for event in ev.to_events() {
            if app.should_quit() {
                break;
            }
            app.handle_event(event);
            draw(&mut terminal, &app);
        }
        if app.should_quit() {
            // As the real loop does: once the app quits, nothing more is read.
            assert!(
                !matches!(ev, Ev::Paste(_) | Ev::Resize(..) | Ev::Other(_)),
                "quit on a non-key event {ev:?}"
            );
            break;
        }
    }
    check_store(app.store(), &before);
    let log_after = app.store().audit_log().expect("audit log").len();
    assert!(log_after >= log_before, "audit rows disappeared");
    // Whatever state the app was left in, it still draws at the minimum usable size.
    terminal.backend_mut().resize(80, 24);
    draw(&mut terminal, &app);
    log_after - log_before
}

/// What the database holds, read through the public store API only.
#[derive(Debug, Default)]
struct Snapshot {
    communes: BTreeMap<i64, String>,
    villages: BTreeMap<i64, (i64, String)>,
    cycles: BTreeMap<i64, (i64, i32)>,
}

impl Snapshot {
    fn of(store: &Store) -> Snapshot {
        let mut s = Snapshot::default();
        for c in store.communes().expect("communes") {
            for v in store.villages(c.id).expect("villages") {
                assert_eq!(v.commune_id, c.id, "village listed under another commune");
                for cy in store.cycles(v.id).expect("cycles") {
                    assert_eq!(cy.village_id, v.id, "cycle listed under another village");
                    s.cycles.insert(cy.id.0, (v.id.0, cy.year));
                }
                s.villages.insert(v.id.0, (c.id.0, v.name));
            }
            s.communes.insert(c.id.0, c.name);
        }
        s
    }
}

/// The invariants that must hold whatever the facilitator typed; returns what is stored.
fn check_store(store: &Store, before: &Snapshot) -> Snapshot {
    assert!(
        store.integrity_ok().expect("integrity_check runs"),
        "integrity_check failed"
    );
    assert_eq!(
        store.schema_version().expect("schema version"),
        SCHEMA_VERSION
    );
    let now = Snapshot::of(store);
    check_home_tree(store, &now);
    check_audit(store, &now);
    check_cycles(store, &now);
    // Nothing the interface offers deletes a record.
    for id in before.communes.keys() {
        assert!(now.communes.contains_key(id), "commune {id} disappeared");
    }
    for id in before.villages.keys() {
        assert!(now.villages.contains_key(id), "village {id} disappeared");
    }
    for (id, c) in &before.cycles {
        assert_eq!(
            now.cycles.get(id),
            Some(c),
            "cycle {id} disappeared or moved"
        );
    }
    now
}

/// Every village on the home tree sits under its own commune, every cycle under its own
/// village, each village's years are unique and newest first, and the tree lists exactly
/// the stored rows.
fn check_home_tree(store: &Store, now: &Snapshot) {
    let mut commune: Option<CommuneId> = None;
    let mut village: Option<VillageId> = None;
    let mut last_year: Option<i32> = None;
    let (mut communes, mut villages, mut cycles) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for entry in store.home_entries().expect("home entries") {
        match entry {
            HomeEntry::Commune(c) => {
                commune = Some(c.id);
                village = None;
                assert!(communes.insert(c.id.0), "commune {:?} listed twice", c.id);
            }
            HomeEntry::Village(v) => {
                assert_eq!(
                    Some(v.commune_id),
                    commune,
                    "village {:?} under a foreign commune",
                    v.id
                );
                village = Some(v.id);
                last_year = None;
                assert!(villages.insert(v.id.0), "village {:?} listed twice", v.id);
            }
            HomeEntry::Cycle {
                id,
                village_id,
                year,
                ..
            } => {
                assert_eq!(
                    Some(village_id),
                    village,
                    "cycle {id:?} under a foreign village"
                );
                if let Some(prev) = last_year {
                    assert!(
                        year < prev,
                        "cycle years of {village_id:?} not unique/newest first"
                    );
                }
                last_year = Some(year);
                assert!(cycles.insert(id.0), "cycle {id:?} listed twice");
            }
        }
    }
    assert_eq!(communes, now.communes.keys().copied().collect());
    assert_eq!(villages, now.villages.keys().copied().collect());
    assert_eq!(cycles, now.cycles.keys().copied().collect());
}

/// One `*` (created) audit row per stored commune, village and cycle, naming exactly the
/// stored ids; each commune's and village's name is the last name the log recorded.
fn check_audit(store: &Store, now: &Snapshot) {
    let log = store.audit_log().expect("audit log");
    let created = |entity: &str| -> Vec<i64> {
        log.iter()
            .filter(|e| e.entity == entity && e.field == "*" && e.old_value.is_none())
            .map(|e| e.entity_id)
            .collect()
    };
    for (entity, ids) in [
        ("commune", now.communes.keys().copied().collect::<Vec<_>>()),
        ("village", now.villages.keys().copied().collect()),
        ("cycle", now.cycles.keys().copied().collect()),
    ] {
        let mut logged = created(entity);
        assert_eq!(
            logged.len(),
            ids.len(),
            "{entity}: created rows in the log vs stored rows"
        );
        logged.sort_unstable();
        assert_eq!(logged, ids, "{entity}: logged ids vs stored ids");
    }
    let last_name = |entity: &str, id: i64| {
        log.iter()
            .rev()
            .find(|e| {
                e.entity == entity && e.entity_id == id && (e.field == "*" || e.field == "name")
            })
            .and_then(|e| e.new_value.clone())
    };
    for (id, name) in &now.communes {
        assert_eq!(
            last_name("commune", *id).as_ref(),
            Some(name),
            "commune {id} name vs log"
        );
    }
    for (id, (_, name)) in &now.villages {
        assert_eq!(
            last_name("village", *id).as_ref(),
            Some(name),
            "village {id} name vs log"
        );
    }
    for e in &log {
        assert!(!e.at.is_empty(), "audit row without a time: {e:?}");
    }
}

/// Every cycle reads back with its village and facts; every stored count matches its rows.
fn check_cycles(store: &Store, now: &Snapshot) {
    let log = store.audit_log().expect("audit log");
    let created = |entity: &str| {
        log.iter()
            .filter(|e| e.entity == entity && e.field == "*" && e.old_value.is_none())
            .count()
    };
    let people: usize = now
        .villages
        .keys()
        .map(|v| store.people(VillageId(*v)).expect("people").len())
        .sum();
    assert_eq!(
        people,
        created("person"),
        "people vs their created rows in the log"
    );
    let mut meetings = 0;
    for (id, (village, _)) in &now.cycles {
        meetings += check_meetings(store, CycleId(*id), VillageId(*village));
    }
    assert_eq!(
        meetings,
        created("meeting"),
        "meetings vs their created rows in the log"
    );
    for (id, (village, year)) in &now.cycles {
        let cycle = store.cycle(CycleId(*id)).expect("cycle reads back");
        assert_eq!((cycle.village_id.0, cycle.year), (*village, *year));
        assert!(cycle.medium_term_start <= cycle.year && cycle.year <= cycle.medium_term_end());
        store
            .village(cycle.village_id)
            .expect("its village reads back");
        let facts = store.cycle_facts(cycle.id).expect("cycle facts");
        assert!(
            facts.meeting1_women <= facts.meeting1_attendees,
            "more women than attendees in cycle {id}"
        );
        let meeting1 = store
            .find_meeting(cycle.id, MeetingKind::Village1)
            .expect("meeting 1");
        let (attendees, women) = meeting1.as_ref().map_or((0, 0), |m| {
            let a = store.attendees(m.id).expect("attendees");
            let w = a
                .iter()
                .filter(|a| a.gender_at_meeting == Gender::Female)
                .count();
            (a.len(), w)
        });
        assert_eq!(
            (
                facts.meeting1_attendees as usize,
                facts.meeting1_women as usize
            ),
            (attendees, women),
            "cycle {id}: meeting-1 facts vs the register's rows"
        );
        assert_eq!(
            facts.meeting1_closed,
            meeting1.as_ref().is_some_and(|m| m.is_closed()),
            "cycle {id}: closed flag"
        );
        let wg = store.working_group(cycle.id).expect("working group");
        assert_eq!(
            facts.wg_members as usize,
            wg.members.len(),
            "cycle {id}: working-group count vs its rows"
        );
        let register: BTreeSet<i64> = store
            .people(cycle.village_id)
            .expect("people")
            .iter()
            .map(|p| p.id.0)
            .collect();
        for m in &wg.members {
            assert!(
                register.contains(&m.id.0),
                "working-group member from another village"
            );
        }
        if let Some(leader) = wg.leader {
            assert!(
                wg.members.iter().any(|m| m.id == leader),
                "cycle {id}: the leader is not a member"
            );
        }
    }
}

/// Each meeting of a cycle: its register lists people of the cycle's village once each,
/// in registration order; the live tally counts the register; a closed meeting's frozen
/// tally equals it (a closed register cannot change). Returns how many meetings exist.
fn check_meetings(store: &Store, cycle: CycleId, village: VillageId) -> usize {
    let register: BTreeSet<i64> = store
        .people(village)
        .expect("people")
        .iter()
        .map(|p| p.id.0)
        .collect();
    let mut found = 0;
    for kind in MeetingKind::ALL {
        let Some(m) = store.find_meeting(cycle, kind).expect("find meeting") else {
            continue;
        };
        found += 1;
        assert_eq!(m.cycle_id, cycle);
        let attendees = store.attendees(m.id).expect("attendees");
        let mut seen = BTreeSet::new();
        let mut last_seq = 0;
        for a in &attendees {
            assert!(
                seen.insert(a.person.id.0),
                "{kind:?}: a person registered twice"
            );
            assert!(
                register.contains(&a.person.id.0),
                "{kind:?}: attendee from another village"
            );
            assert!(
                a.seq > last_seq,
                "{kind:?}: registration order not increasing"
            );
            last_seq = a.seq;
        }
        let women = attendees
            .iter()
            .filter(|a| a.gender_at_meeting == Gender::Female)
            .count() as u32;
        let live = store.live_tally(m.id).expect("live tally");
        assert_eq!(
            (live.men, live.women),
            (attendees.len() as u32 - women, women),
            "{kind:?}: live tally vs register rows"
        );
        if let Some(frozen) = m.closed_tally {
            assert_eq!(
                frozen, live,
                "{kind:?}: frozen tally vs register of a closed meeting"
            );
        }
    }
    found
}

/// Per store kind: cases run, audit rows the cases wrote (changes saved), and cases that
/// saved at least one change (how deep the fuzzing got).
struct Tally {
    cases: AtomicUsize,
    saved: AtomicUsize,
    saving_cases: AtomicUsize,
}

static TALLY: [Tally; 3] = [const {
    Tally {
        cases: AtomicUsize::new(0),
        saved: AtomicUsize::new(0),
        saving_cases: AtomicUsize::new(0),
    }
}; 3];

/// Runs one random case and counts it.
fn counted(kind: Kind, case: &Case) {
    let saved = run_case(kind, case);
    let t = &TALLY[kind as usize];
    t.cases.fetch_add(1, Ordering::Relaxed);
    t.saved.fetch_add(saved, Ordering::Relaxed);
    if saved > 0 {
        t.saving_cases.fetch_add(1, Ordering::Relaxed);
    }
}

fn report(kind: Kind, what: &str) {
    let t = &TALLY[kind as usize];
    println!(
        "fuzz_input: {} cases {what} (KEHOACH_FUZZ_CASES={}); {} of them saved changes, \
         {} audit rows written in all; {} files exported into the sandbox so far",
        t.cases.load(Ordering::Relaxed),
        cases(),
        t.saving_cases.load(Ordering::Relaxed),
        t.saved.load(Ordering::Relaxed),
        exported_files(),
    );
}

/// Runs the random cases of `kind` (proptest shrinks a failure to a minimal input, and
/// saves its seed in tests/fuzz_input.proptest-regressions to replay first next time).
fn fuzz(kind: Kind) {
    let config = Config {
        cases: cases(),
        max_shrink_iters: 4096,
        // By absolute path: the tests run inside the sandbox folder.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fuzz_input.proptest-regressions"
        )))),
        test_name: Some(match kind {
            Kind::Fresh => "fuzz_fresh",
            Kind::Demo => "fuzz_demo",
            Kind::DemoMeeting1 => "fuzz_demo_meeting1",
        }),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |case| {
        counted(kind, &case);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
}

#[test]
fn random_events_on_a_fresh_database() {
    sandbox();
    fuzz(Kind::Fresh);
    report(Kind::Fresh, "on a fresh database");
}

#[test]
fn random_events_on_the_demo_database() {
    sandbox();
    fuzz(Kind::Demo);
    report(Kind::Demo, "on the demo database");
}

#[test]
fn random_events_inside_demo_meeting1() {
    sandbox();
    fuzz(Kind::DemoMeeting1);
    report(Kind::DemoMeeting1, "inside the demo's village meeting 1");
}

/// A fixed sequence that exercises the saving paths the random cases reach only by luck:
/// create a commune, a village and a cycle with Vietnamese names, at several sizes.
#[test]
fn scripted_creation_with_vietnamese_names() {
    sandbox();
    let mut app = App::new(store(Kind::Fresh), Lang::Vi, Theme::colour()).expect("app opens");
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let mut feed = |evs: Vec<Ev>, app: &mut App| {
        for ev in evs {
            for event in ev.to_events() {
                app.handle_event(event);
                draw(&mut terminal, app);
            }
        }
    };
    let typed = |s: &str| s.chars().map(Ev::Char).collect::<Vec<_>>();
    feed(vec![Ev::Char('c')], &mut app);
    feed(typed("Ea Tiêu"), &mut app);
    feed(vec![Ev::Key(KeyCode::Tab)], &mut app);
    feed(typed("Cư Kuin"), &mut app);
    feed(vec![Ev::Key(KeyCode::Enter), Ev::Char('t')], &mut app);
    feed(typed("Buôn Ê Đê ễự"), &mut app);
    feed(vec![Ev::Key(KeyCode::Enter), Ev::Char('n')], &mut app);
    feed(typed("2026"), &mut app);
    feed(
        vec![
            Ev::Key(KeyCode::Enter),
            Ev::Resize(1, 1),
            Ev::Resize(250, 80),
        ],
        &mut app,
    );
    let now = Snapshot::of(app.store());
    assert_eq!(now.communes.values().collect::<Vec<_>>(), ["Ea Tiêu"]);
    assert_eq!(
        now.villages
            .values()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>(),
        ["Buôn Ê Đê ễự"]
    );
    assert_eq!(
        now.cycles.values().map(|(_, y)| *y).collect::<Vec<_>>(),
        [2026]
    );
    check_store(app.store(), &Snapshot::default());
}

/// Regression: `t` (new village) on an empty home screen sliced an empty list.
#[test]
fn new_village_key_on_an_empty_database() {
    sandbox();
    run_case(
        Kind::Fresh,
        &Case {
            start: None,
            size: (80, 24),
            events: vec![Ev::Char('t')],
        },
    );
}

/// The walk into meeting 1 lands in the quick-add form: one complete entry registers a
/// new attendee (guards the `DemoMeeting1` kind against silently fuzzing nothing).
#[test]
fn one_entry_in_meeting1_registers_an_attendee() {
    sandbox();
    let saved = run_case(
        Kind::DemoMeeting1,
        &Case {
            start: None,
            size: (120, 30),
            events: vec![Ev::Entry("Nguyễn Thị Ưng".into())],
        },
    );
    assert!(saved > 0, "a complete entry in meeting 1 saved nothing");
}
