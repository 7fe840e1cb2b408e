//! The benchmark of issue 8, item 4 (release build):
//!
//! ```text
//! cargo run --release --example bench            # full run, ~60 s after the build
//! cargo run --release --example bench -- --quick # fewer repetitions, a smoke test (~15 s)
//! cargo run --release --example bench -- --commune # only the commune, province and district parts
//! ```
//!
//! 1. Writes a large commune database with examples/gen_commune.rs (public store API only).
//! 2. Start to first frame, cold process: spawns `bench --first-frame DB` (open the store,
//!    `App::new`, one 80x24 draw to a `TestBackend`) and the bare baseline
//!    (examples/bare_baseline.rs: rusqlite opens the WAL database, ratatui draws one 80x24
//!    frame), alternately, and takes the wall time from spawn until the child reports its
//!    frame; median of the runs. Each child also reports its peak RSS (VmHWM).
//! 3. Peak RSS of a short meeting session in a child process (the largest screens drawn,
//!    20 attendees registered).
//! 4. Keystroke → saved → redrawn: `handle_event` + draw of each saving key over 1,000
//!    edits on a file database (WAL, synchronous=FULL: each save is fsynced), p50/p99;
//!    the saves are checked in the store.
//! 5. Rendering of the largest screens at 250x80 (median of repeated draws).
//! 6. Full export of one village cycle in every format (`kehoach::deliver::export`).
//! 7. Size of the release binary.
//! 8. The commune and province parts of issue 14 (`examples/support/commune.rs`), then the
//!    district part (item 6: 141 commune bundles imported, the district forms at province
//!    scale; `examples/support/district.rs`).
#![allow(clippy::unwrap_used)]

#[path = "support/commune.rs"]
mod bench_commune;
#[path = "support/district.rs"]
mod bench_district;

#[path = "gen_commune.rs"]
#[allow(dead_code)]
mod gen_commune;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kehoach::domain::MeetingKind;
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Targets from issue 8.
const TARGET_FIRST_FRAME_RATIO: f64 = 1.5;
const TARGET_RSS_MB: f64 = 12.0;
const TARGET_KEY_P99_MS: f64 = 5.0;
const TARGET_BINARY_MB: f64 = 8.0;
const TARGET_EXPORT_MS: f64 = 100.0;

struct Plan {
    first_frame_runs: usize,
    /// Edits of the steady-size scenarios and the store-only floor.
    edits: usize,
    /// Edits of the growing scenarios (the data grows by one row per edit).
    growing: usize,
    render_runs: usize,
    /// Imports of the 200 bundles (each into a new database, then again).
    import_runs: usize,
    /// Communes of the province run (141 in the full run).
    province_communes: usize,
}

/// Runs one part of the benchmark, saying on stderr how long it took.
fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    eprintln!(
        "bench: {name} done in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    value
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("--first-frame") => return child_first_frame(Path::new(&args[2])),
        Some("--session") => return child_session(Path::new(&args[2])),
        Some("--district") => {
            return bench_district::child_district(
                Path::new(&args[2]),
                Path::new(&args[3]),
                Path::new(&args[4]),
                peak_rss_kb,
            );
        }
        Some("--province") => {
            return bench_commune::child_province(
                Path::new(&args[2]),
                Path::new(&args[3]),
                peak_rss_kb,
            );
        }
        _ => {}
    }
    let plan = if args.iter().any(|a| a == "--quick") {
        Plan {
            first_frame_runs: 5,
            edits: 100,
            growing: 50,
            render_runs: 20,
            import_runs: 1,
            province_communes: 12,
        }
    } else {
        Plan {
            first_frame_runs: 21,
            edits: 1000,
            growing: 300,
            render_runs: 200,
            import_runs: 3,
            province_communes: 141,
        }
    };
    let exe = std::env::current_exe().expect("own path");
    let examples_dir = exe.parent().expect("examples dir").to_path_buf();
    let release_dir = examples_dir.parent().expect("release dir").to_path_buf();
    build_helpers();
    let data = release_dir.join("bench-data");
    std::fs::create_dir_all(&data).expect("bench-data folder");

    let kehoach_exe = release_dir.join("kehoach");
    if args.iter().any(|a| a == "--commune") {
        // Only the commune, province and district parts (issue 14).
        let (import, forms, province) = commune_parts(&exe, &kehoach_exe, &data, &plan);
        report_commune(&import, &forms, &province);
        return report_district(&district_part(&exe, &data));
    }
    let db = data.join("commune.db");
    let stats = gen_commune::generate(&db).expect("generate the commune");
    println!("database: {}", gen_commune::describe(&stats));

    let baseline = examples_dir.join("bare_baseline");
    let ff = phase("first frames", || {
        first_frames(&exe, &baseline, &db, plan.first_frame_runs)
    });
    let session_rss = phase("session", || session_rss(&exe, &data, &db));
    let keys = vec![
        phase("rename", || {
            keystrokes_rename_village(&data, &db, plan.edits)
        }),
        phase("attendance", || {
            keystrokes_attendance_steady(&data, &db, plan.edits)
        }),
        phase("new villages", || {
            keystrokes_villages(&data, &db, plan.growing)
        }),
        phase("registrations", || {
            keystrokes_attendance(&data, &db, plan.growing)
        }),
    ];
    let floor = phase("store edits", || store_edit_floor(&data, &db, plan.edits));
    let renders = phase("renders", || render_largest(&db, plan.render_runs));
    let export = phase("exports", || {
        export_cycle(&data, &db, plan.first_frame_runs)
    });
    let (import, forms, province) = commune_parts(&exe, &kehoach_exe, &data, &plan);
    let binary = std::fs::metadata(release_dir.join("kehoach"))
        .map(|m| m.len())
        .unwrap_or(0);

    report(
        &plan,
        &Results {
            stats,
            ff,
            session_rss_kb: session_rss,
            keys,
            floor,
            renders,
            export,
            binary,
        },
    );
    report_commune(&import, &forms, &province);
    report_district(&district_part(&exe, &data));
}

/// Builds the release binary (for its size) and the baseline program.
fn build_helpers() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--bin",
            "kehoach",
            "--example",
            "bare_baseline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cargo build --release failed");
}

// ---- child processes ----------------------------------------------------------------

/// Peak resident set size of this process in kB (0 where /proc is missing).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0)
}

/// `bench --first-frame DB`: what kehoach does before its first frame, to a TestBackend.
fn child_first_frame(db: &Path) {
    let start = Instant::now();
    let store = Store::open(db).expect("open store");
    let opened = start.elapsed();
    // The interface strings are compiled in by build.rs; the first lookup is timed apart
    // (it was 1.1-1.5 ms when the TOML files were parsed on first use).
    kehoach::i18n::has("home.title");
    let strings = start.elapsed();
    let app = App::new(store, Lang::Vi, Theme::colour()).expect("first screen");
    let loaded = start.elapsed();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    let mut out = std::io::stdout().lock();
    writeln!(out, "frame").expect("stdout");
    out.flush().expect("stdout");
    let in_process = start.elapsed();
    writeln!(
        out,
        "in_process_us={} open_us={} strings_us={} app_us={} draw_us={} rss_kb={}",
        in_process.as_micros(),
        opened.as_micros(),
        (strings - opened).as_micros(),
        (loaded - strings).as_micros(),
        (in_process - loaded).as_micros(),
        peak_rss_kb()
    )
    .expect("stdout");
}

/// `bench --session DB`: a short meeting session; prints the peak RSS.
fn child_session(db: &Path) {
    let store = Store::open(db).expect("open store");
    let mut app = App::new(store, Lang::Vi, Theme::colour()).expect("first screen");
    let mut terminal = Terminal::new(TestBackend::new(250, 80)).expect("terminal");
    let mut draw = |app: &App| {
        terminal
            .draw(|f| f.render_widget(app, f.area()))
            .expect("draw");
    };
    draw(&app);
    for _ in 0..4 {
        press(&mut app, KeyCode::PageDown);
        draw(&app);
    }
    open_meeting1(&mut app);
    draw(&app);
    for i in 0..20 {
        for ev in register_keys(&format!("Người dự họp {i}"), i) {
            app.handle_event(ev);
            draw(&app);
        }
    }
    for section in [3, 5, 4] {
        press(&mut app, KeyCode::F(section));
        draw(&app);
    }
    println!("rss_kb={}", peak_rss_kb());
}

// ---- start to first frame -----------------------------------------------------------

#[derive(Default)]
struct FirstFrames {
    kehoach_wall: Vec<Duration>,
    kehoach_in_process: Vec<Duration>,
    kehoach_rss_kb: Vec<u64>,
    kehoach_phases: Vec<[u64; 4]>,
    baseline_wall: Vec<Duration>,
    baseline_in_process: Vec<Duration>,
    baseline_rss_kb: Vec<u64>,
}

struct ChildRun {
    wall: Duration,
    in_process: Duration,
    rss_kb: u64,
    /// kehoach only: store open, interface strings, App::new, first draw (µs).
    phases: [u64; 4],
}

fn spawn_measured(mut cmd: Command) -> ChildRun {
    let start = Instant::now();
    let mut child = cmd.stdout(Stdio::piped()).spawn().expect("spawn child");
    let mut reader = BufReader::new(child.stdout.take().expect("child stdout"));
    let mut first = String::new();
    reader.read_line(&mut first).expect("read child");
    let wall = start.elapsed();
    assert_eq!(first.trim(), "frame", "child did not draw its frame");
    let mut rest = String::new();
    reader.read_to_string(&mut rest).expect("read child");
    assert!(child.wait().expect("wait child").success(), "child failed");
    let maybe = |name: &str| -> Option<u64> {
        rest.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name))
            .and_then(|v| v.parse().ok())
    };
    let field = |name: &str| maybe(name).expect("child report");
    ChildRun {
        wall,
        in_process: Duration::from_micros(field("in_process_us=")),
        rss_kb: field("rss_kb="),
        phases: ["open_us=", "strings_us=", "app_us=", "draw_us="].map(|n| maybe(n).unwrap_or(0)),
    }
}

fn first_frames(exe: &Path, baseline: &Path, db: &Path, runs: usize) -> FirstFrames {
    let mut ff = FirstFrames::default();
    // Two warm-up rounds (page cache, lock file), not counted.
    for round in 0..runs + 2 {
        let mut k = Command::new(exe);
        k.arg("--first-frame").arg(db);
        let k = spawn_measured(k);
        let mut b = Command::new(baseline);
        b.arg(db);
        let b = spawn_measured(b);
        if round >= 2 {
            ff.kehoach_wall.push(k.wall);
            ff.kehoach_in_process.push(k.in_process);
            ff.kehoach_rss_kb.push(k.rss_kb);
            ff.kehoach_phases.push(k.phases);
            ff.baseline_wall.push(b.wall);
            ff.baseline_in_process.push(b.in_process);
            ff.baseline_rss_kb.push(b.rss_kb);
        }
    }
    ff
}

fn session_rss(exe: &Path, data: &Path, db: &Path) -> u64 {
    let copy = fresh_copy(data, db, "session.db");
    let out = Command::new(exe)
        .arg("--session")
        .arg(&copy)
        .output()
        .expect("session child");
    assert!(
        out.status.success(),
        "session child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .strip_prefix("rss_kb=")
        .and_then(|v| v.parse().ok())
        .expect("session report")
}

// ---- keystroke → saved → redrawn ----------------------------------------------------

fn key(code: KeyCode) -> Event {
    let mods = match code {
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    Event::Key(KeyEvent::new(code, mods))
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(key(code));
}

fn typed(text: &str) -> impl Iterator<Item = Event> + '_ {
    text.chars().map(|c| key(KeyCode::Char(c)))
}

/// Copies the generated database so each measurement starts from the same file.
fn fresh_copy(data: &Path, db: &Path, name: &str) -> PathBuf {
    let copy = data.join(name);
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    std::fs::copy(db, &copy).expect("copy database");
    copy
}

struct KeyTimes {
    what: &'static str,
    /// The data grows by one row per save (the report adds the first and last tenth).
    growing: bool,
    saving: Vec<Duration>,
    typing: Vec<Duration>,
}

/// Times `handle_event` + one 80x24 draw; `saving` marks the key that saves.
fn timed(app: &mut App, terminal: &mut Terminal<TestBackend>, ev: Event) -> Duration {
    let start = Instant::now();
    app.handle_event(ev);
    terminal
        .draw(|f| f.render_widget(&*app, f.area()))
        .expect("draw");
    start.elapsed()
}

/// Home screen at its real size: rename the first village 1,000 times (`r`, Backspace, a
/// letter, Enter); the list stays at 166 lines.
fn keystrokes_rename_village(data: &Path, db: &Path, edits: usize) -> KeyTimes {
    let copy = fresh_copy(data, db, "edit-rename.db");
    let store = Store::open(&copy).expect("open copy");
    let mut app = App::new(store, Lang::Vi, Theme::colour()).expect("home");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let renames = |store: &Store| {
        store
            .audit_log()
            .expect("audit log")
            .iter()
            .filter(|e| e.entity == "village" && e.field == "name")
            .count()
    };
    let before = renames(app.store());
    press(&mut app, KeyCode::Down);
    let mut times = KeyTimes {
        what: "home, steady size: rename a village (r, ⌫, letter, Enter)",
        growing: false,
        saving: vec![],
        typing: vec![],
    };
    for i in 0..edits {
        let letter = if i % 2 == 0 { 'ă' } else { 'ơ' };
        for code in [
            KeyCode::Char('r'),
            KeyCode::Backspace,
            KeyCode::Char(letter),
        ] {
            times.typing.push(timed(&mut app, &mut terminal, key(code)));
        }
        times
            .saving
            .push(timed(&mut app, &mut terminal, key(KeyCode::Enter)));
    }
    assert_eq!(
        renames(app.store()) - before,
        edits,
        "every rename must be saved; screen:\n{}",
        screen(&terminal)
    );
    times
}

/// Meeting 1 at its real size: register a new attendee, then remove them again (Esc to
/// the register, PgDn to the last line, x, y, a back to the form); both saves count, the
/// register stays at ~100.
fn keystrokes_attendance_steady(data: &Path, db: &Path, edits: usize) -> KeyTimes {
    let copy = fresh_copy(data, db, "edit-attendance-steady.db");
    let store = Store::open(&copy).expect("open copy");
    let mut app = App::new(store, Lang::Vi, Theme::colour()).expect("home");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let before = attendance_count(app.store());
    let audit_before = app.store().audit_log().expect("audit log").len();
    open_meeting1(&mut app);
    let mut times = KeyTimes {
        what: "meeting 1, steady size: register a new attendee, then remove them",
        growing: false,
        saving: vec![],
        typing: vec![],
    };
    for i in 0..edits / 2 {
        let evs = register_keys(&format!("Hờ Ưng Dự {i}"), i);
        let n = evs.len();
        for (k, ev) in evs.into_iter().enumerate() {
            let d = timed(&mut app, &mut terminal, ev);
            if k + 1 == n {
                times.saving.push(d)
            } else {
                times.typing.push(d)
            }
        }
        let to_last = std::iter::repeat_n(KeyCode::PageDown, 20);
        for code in [KeyCode::Esc]
            .into_iter()
            .chain(to_last)
            .chain([KeyCode::Char('x')])
        {
            times.typing.push(timed(&mut app, &mut terminal, key(code)));
        }
        times
            .saving
            .push(timed(&mut app, &mut terminal, key(KeyCode::Char('y'))));
        times
            .typing
            .push(timed(&mut app, &mut terminal, key(KeyCode::Char('a'))));
    }
    let audit = app.store().audit_log().expect("audit log").len() - audit_before;
    assert_eq!(
        attendance_count(app.store()),
        before,
        "each registration must be removed again; screen:\n{}",
        screen(&terminal)
    );
    assert!(
        audit >= edits,
        "{audit} audit rows for {edits} edits; screen:\n{}",
        screen(&terminal)
    );
    times
}

/// Home screen, growing: create villages through the form (`t`, name, Enter); the list
/// grows by one line per edit (166 to 466 lines in the full run).
fn keystrokes_villages(data: &Path, db: &Path, edits: usize) -> KeyTimes {
    let copy = fresh_copy(data, db, "edit-villages.db");
    let store = Store::open(&copy).expect("open copy");
    let mut app = App::new(store, Lang::Vi, Theme::colour()).expect("home");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let villages_before = villages(app.store());
    let mut times = KeyTimes {
        what: "home, growing: new village (t, name, Enter)",
        growing: true,
        saving: vec![],
        typing: vec![],
    };
    for i in 0..edits {
        times
            .typing
            .push(timed(&mut app, &mut terminal, key(KeyCode::Char('t'))));
        for ev in typed(&format!("Thôn mới Ê Đê {i}")) {
            times.typing.push(timed(&mut app, &mut terminal, ev));
        }
        times
            .saving
            .push(timed(&mut app, &mut terminal, key(KeyCode::Enter)));
    }
    let created = villages(app.store()) - villages_before;
    assert_eq!(
        created,
        edits,
        "every village edit must be saved; screen:\n{}",
        screen(&terminal)
    );
    times
}

/// The last frame as text, for failure messages.
fn screen(terminal: &Terminal<TestBackend>) -> String {
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

fn villages(store: &Store) -> usize {
    store
        .communes()
        .expect("communes")
        .iter()
        .map(|c| store.villages(c.id).expect("villages").len())
        .sum()
}

/// From home, opens village meeting 1 of the first village's newest cycle.
fn open_meeting1(app: &mut App) {
    // Home lists: commune, first village, its cycles newest first.
    for code in [KeyCode::Home, KeyCode::PageUp, KeyCode::PageUp] {
        press(app, code);
    }
    for _ in 0..200 {
        press(app, KeyCode::Up);
    }
    for code in [
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Down,
        KeyCode::Enter,
    ] {
        press(app, code);
    }
}

/// Keys that register a new person at the meeting: name, Tab, gender, Enter.
fn register_keys(name: &str, i: usize) -> Vec<Event> {
    let mut evs: Vec<Event> = typed(name).collect();
    evs.push(key(KeyCode::Tab));
    evs.push(key(KeyCode::Right));
    if i % 2 == 1 {
        evs.push(key(KeyCode::Right));
    }
    evs.push(key(KeyCode::Enter));
    evs
}

fn attendance_count(store: &Store) -> usize {
    let first_village = store
        .communes()
        .expect("communes")
        .first()
        .map(|c| store.villages(c.id).expect("villages")[0].id)
        .expect("a village");
    let newest = store.cycles(first_village).expect("cycles")[0].id;
    let meeting = store
        .find_meeting(newest, MeetingKind::Village1)
        .expect("meeting")
        .expect("meeting 1 exists");
    store.attendees(meeting.id).expect("attendees").len()
}

/// Meeting 1, growing: register new people through the quick-add form (the register grows
/// by one per edit: ~100 to ~400 in the full run).
fn keystrokes_attendance(data: &Path, db: &Path, edits: usize) -> KeyTimes {
    let copy = fresh_copy(data, db, "edit-attendance.db");
    let store = Store::open(&copy).expect("open copy");
    let mut app = App::new(store, Lang::Vi, Theme::colour()).expect("home");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let before = attendance_count(app.store());
    open_meeting1(&mut app);
    let mut times = KeyTimes {
        what: "meeting 1, growing: register a new attendee (name, Tab, gender, Enter)",
        growing: true,
        saving: vec![],
        typing: vec![],
    };
    for i in 0..edits {
        let evs = register_keys(&format!("Nguyễn Thị Ưng Dự {i}"), i);
        let n = evs.len();
        for (k, ev) in evs.into_iter().enumerate() {
            let d = timed(&mut app, &mut terminal, ev);
            if k + 1 == n {
                times.saving.push(d)
            } else {
                times.typing.push(d)
            }
        }
    }
    let added = attendance_count(app.store()) - before;
    assert_eq!(
        added,
        edits,
        "every registration must be saved; screen:\n{}",
        screen(&terminal)
    );
    times
}

/// The floor under every saving key: one store edit alone (rename a village: one
/// transaction, one audit row, fsynced), no interface.
fn store_edit_floor(data: &Path, db: &Path, edits: usize) -> Vec<Duration> {
    let copy = fresh_copy(data, db, "edit-floor.db");
    let mut store = Store::open(&copy).expect("open copy");
    let commune = store.communes().expect("communes")[0].id;
    let village = store.villages(commune).expect("villages")[0].id;
    (0..edits)
        .map(|i| {
            let name = format!("Buôn đổi tên {i}");
            let start = Instant::now();
            store.rename_village(village, &name).expect("rename");
            start.elapsed()
        })
        .collect()
}

// ---- export ------------------------------------------------------------------------

struct Export {
    /// Snapshot read + every format rendered + files written (temp file, fsync, rename).
    full: Vec<Duration>,
    /// Every format rendered from an already-read snapshot (no I/O).
    render_only: Vec<Duration>,
    files: usize,
    bytes: u64,
}

/// Full export of the first village's 2021 cycle (meeting 1 closed, working group elected,
/// 40 activities), every format, into a fresh folder each time.
fn export_cycle(data: &Path, db: &Path, runs: usize) -> Export {
    use kehoach::deliver::{ExportRequest, ExportTarget, export};
    use kehoach::export::{Format, render};
    let store = Store::open(db).expect("open");
    let commune = store.communes().expect("communes")[0].id;
    let village = store.villages(commune).expect("villages")[0].id;
    let cycle = store
        .cycles(village)
        .expect("cycles")
        .into_iter()
        .find(|c| c.year == 2021)
        .expect("a 2021 cycle")
        .id;
    let mut out = Export {
        full: vec![],
        render_only: vec![],
        files: 0,
        bytes: 0,
    };
    for i in 0..runs {
        let dir = data.join(format!("export-{i}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("export folder");
        let request = ExportRequest {
            target: ExportTarget::Cycle(cycle),
            formats: Format::ALL.to_vec(),
            dir: dir.clone(),
            force: false,
            private: false,
        };
        let start = Instant::now();
        let written = export(&store, &request, Lang::Vi).expect("export");
        out.full.push(start.elapsed());
        out.files = written.len();
        out.bytes = written
            .iter()
            .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .sum();
        let _ = std::fs::remove_dir_all(&dir);
    }
    let record = store.cycle_record(cycle).expect("record");
    let source = kehoach::export::Source::new(record, false, &kehoach::export::Stamp::now());
    for _ in 0..runs {
        let start = Instant::now();
        for f in Format::ALL {
            render(&source, f, Lang::Vi).expect("render");
        }
        out.render_only.push(start.elapsed());
    }
    out
}

// ---- rendering ----------------------------------------------------------------------

struct Render {
    what: &'static str,
    times: Vec<Duration>,
}

fn render_largest(db: &Path, runs: usize) -> Vec<Render> {
    let store = Store::open(db).expect("open");
    let mut app = App::new(store, Lang::Vi, Theme::colour()).expect("home");
    let mut terminal = Terminal::new(TestBackend::new(250, 80)).expect("terminal");
    let mut measure = |app: &App, what| {
        let times = (0..runs)
            .map(|_| {
                // A blank backend each time, so every cell is written, not just the diff.
                terminal.backend_mut().resize(250, 79);
                terminal.backend_mut().resize(250, 80);
                let start = Instant::now();
                terminal
                    .draw(|f| f.render_widget(app, f.area()))
                    .expect("draw");
                start.elapsed()
            })
            .collect();
        Render { what, times }
    };
    let mut out = vec![measure(&app, "home, whole commune (166 lines), 250x80")];
    open_meeting1(&mut app);
    out.push(measure(
        &app,
        "meeting 1 attendance (~100 registered), 250x80",
    ));
    press(&mut app, KeyCode::F(5));
    out.push(measure(
        &app,
        "meeting 1 working group (140 people), 250x80",
    ));
    out
}

// ---- report -------------------------------------------------------------------------

fn median<T: Copy + Ord>(v: &[T]) -> T {
    let mut s = v.to_vec();
    s.sort_unstable();
    s[s.len() / 2]
}

fn percentile(v: &[Duration], p: f64) -> Duration {
    let mut s = v.to_vec();
    s.sort_unstable();
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "✓ met" } else { "✗ NOT met" }
}

/// Everything measured.
struct Results {
    stats: gen_commune::Stats,
    ff: FirstFrames,
    session_rss_kb: u64,
    keys: Vec<KeyTimes>,
    floor: Vec<Duration>,
    renders: Vec<Render>,
    export: Export,
    binary: u64,
}

fn report(plan: &Plan, r: &Results) {
    let Results {
        stats,
        ff,
        session_rss_kb,
        keys,
        floor,
        renders,
        export,
        binary,
    } = r;
    let (session_rss_kb, binary) = (*session_rss_kb, *binary);
    let k = median(&ff.kehoach_wall);
    let b = median(&ff.baseline_wall);
    let ratio = k.as_secs_f64() / b.as_secs_f64();
    let k_rss = median(&ff.kehoach_rss_kb);
    let b_rss = median(&ff.baseline_rss_kb);
    let peak_rss = k_rss.max(session_rss_kb);
    println!();
    println!("| measure | result | target |");
    println!("|---|---|---|");
    println!(
        "| start to first frame, kehoach (cold process, median of {}) | {} (in process {}) | ≤ 1.5x baseline |",
        ff.kehoach_wall.len(),
        ms(k),
        ms(median(&ff.kehoach_in_process))
    );
    println!(
        "| start to first frame, bare ratatui+rusqlite baseline | {} (in process {}) | |",
        ms(b),
        ms(median(&ff.baseline_in_process))
    );
    println!(
        "| first-frame ratio kehoach / baseline | {ratio:.2}x | {} |",
        verdict(ratio <= TARGET_FIRST_FRAME_RATIO)
    );
    let phase = |i: usize| {
        let v: Vec<u64> = ff.kehoach_phases.iter().map(|p| p[i]).collect();
        ms(Duration::from_micros(median(&v)))
    };
    println!(
        "| kehoach in-process phases (medians) | store open {} · first string lookup {} · App::new {} · first draw {} | |",
        phase(0),
        phase(1),
        phase(2),
        phase(3)
    );
    println!("| peak RSS at first frame, kehoach | {} | |", mb(k_rss));
    println!("| peak RSS at first frame, baseline | {} | |", mb(b_rss));
    println!(
        "| peak RSS, meeting session (250x80, all sections, 20 registrations) | {} | ≤ 12 MB: {} |",
        mb(session_rss_kb),
        verdict(peak_rss as f64 / 1024.0 <= TARGET_RSS_MB)
    );
    for kt in keys {
        let p99 = percentile(&kt.saving, 99.0);
        println!(
            "| keystroke → saved → redrawn, {} ({} edits) | p50 {} · p99 {} · max {} | p99 ≤ 5 ms: {} |",
            kt.what,
            kt.saving.len(),
            ms(percentile(&kt.saving, 50.0)),
            ms(p99),
            ms(*kt.saving.iter().max().expect("edits")),
            verdict(p99.as_secs_f64() * 1e3 <= TARGET_KEY_P99_MS)
        );
        if kt.growing {
            let tenth = (kt.saving.len() / 10).max(1);
            let first = &kt.saving[..tenth];
            let last = &kt.saving[kt.saving.len() - tenth..];
            println!(
                "| the same saves, first {tenth} / last {tenth} (as the data grows) | p50 {} / {} · p99 {} / {} | |",
                ms(percentile(first, 50.0)),
                ms(percentile(last, 50.0)),
                ms(percentile(first, 99.0)),
                ms(percentile(last, 99.0)),
            );
        }
        println!(
            "| typing keys in the same run ({} keys) | p50 {} · p99 {} | |",
            kt.typing.len(),
            ms(percentile(&kt.typing, 50.0)),
            ms(percentile(&kt.typing, 99.0)),
        );
    }
    println!(
        "| one store edit alone (rename, fsynced), no interface ({} edits) | p50 {} · p99 {} | |",
        floor.len(),
        ms(percentile(floor, 50.0)),
        ms(percentile(floor, 99.0))
    );
    for r in renders {
        println!(
            "| render {} (median of {}) | {} (p99 {}) | |",
            r.what,
            r.times.len(),
            ms(median(&r.times)),
            ms(percentile(&r.times, 99.0))
        );
    }
    println!(
        "| release binary size (stripped) | {:.2} MB ({} bytes) | ≤ 8 MB: {} |",
        binary as f64 / 1e6,
        binary,
        verdict(binary as f64 / 1e6 <= TARGET_BINARY_MB)
    );
    let full = median(&export.full);
    println!(
        "| full export of one village cycle, every format ({} files, {:.0} kB; snapshot read, \
         rendered, each file fsynced and renamed; median of {}) | {} (p99 {}) | ≤ 100 ms: {} |",
        export.files,
        export.bytes as f64 / 1e3,
        export.full.len(),
        ms(full),
        ms(percentile(&export.full, 99.0)),
        verdict(full.as_secs_f64() * 1e3 <= TARGET_EXPORT_MS)
    );
    println!(
        "| rendering every format from the snapshot, no I/O | {} | |",
        ms(median(&export.render_only))
    );
    println!();
    println!(
        "plan: {} first-frame rounds, {} edits per steady-size scenario, {} per growing one, \
         {} draws per screen; database {:.1} MB",
        plan.first_frame_runs,
        plan.edits,
        plan.growing,
        plan.render_runs,
        stats.bytes as f64 / 1e6
    );
}

/// The 200-bundle import, one commune's forms and the province run.
fn commune_parts(
    exe: &Path,
    kehoach: &Path,
    data: &Path,
    plan: &Plan,
) -> (
    bench_commune::Import200,
    bench_commune::Forms,
    bench_commune::Province,
) {
    let import = phase("import 200", || {
        bench_commune::import_200(kehoach, data, plan.import_runs)
    });
    let forms = phase("commune forms", || {
        bench_commune::forms_20(&import.db, plan.first_frame_runs)
    });
    let province = phase("province", || {
        bench_commune::province(exe, data, plan.province_communes)
    });
    (import, forms, province)
}

/// The commune and province table (issue 14).
fn report_commune(
    import: &bench_commune::Import200,
    forms: &bench_commune::Forms,
    province: &bench_commune::Province,
) {
    use bench_commune::{
        TARGET_FORMS_MS, TARGET_IMPORT_200_S, TARGET_PROVINCE_MB, TARGET_PROVINCE_S,
    };
    let fresh = median(&import.fresh);
    let full = median(&forms.full);
    let total = province.import + province.forms;
    println!();
    println!("| commune and province | result | target |");
    println!("|---|---|---|");
    println!(
        "| **import {} village bundles** ({:.1} MB, one folder, `kehoach import --yes` into a new \
         database, spawn to exit, median of {}) | **{:.2} s** (runs: {}) | ≤ {TARGET_IMPORT_200_S} s: {} |",
        import.files,
        import.bytes as f64 / 1e6,
        import.fresh.len(),
        fresh.as_secs_f64(),
        secs(&import.fresh),
        verdict(fresh.as_secs_f64() <= TARGET_IMPORT_200_S)
    );
    println!(
        "| the same folder again into the filled database (every file unchanged) | {:.2} s (runs: {}) | |",
        median(&import.again).as_secs_f64(),
        secs(&import.again)
    );
    println!(
        "| **commune forms of a {}-village commune** (`commune_year`, bundle, XLSX + HTML + CSV \
         rendered in memory, {:.0} kB; median of {}) | **{}** (p99 {}) | ≤ {TARGET_FORMS_MS} ms: {} |",
        forms.villages,
        forms.bytes as f64 / 1e3,
        forms.full.len(),
        ms(full),
        ms(percentile(&forms.full, 99.0)),
        verdict(full.as_secs_f64() * 1e3 <= TARGET_FORMS_MS)
    );
    println!(
        "| `commune_year` alone (every village's record read) | {} | |",
        ms(median(&forms.read))
    );
    println!(
        "| **province: {} bundles in {} communes** ({:.0} MB) imported one commune folder at a \
         time, then every commune's forms | **{:.1} s** (import {:.1} s, forms {:.1} s) · \
         **peak RSS {}** | ≤ {TARGET_PROVINCE_S} s, ≤ {TARGET_PROVINCE_MB} MB: {} |",
        province.villages,
        province.communes,
        province.bytes as f64 / 1e6,
        total.as_secs_f64(),
        province.import.as_secs_f64(),
        province.forms.as_secs_f64(),
        mb(province.rss_kb),
        verdict(
            total.as_secs_f64() <= TARGET_PROVINCE_S
                && province.rss_kb as f64 / 1024.0 <= TARGET_PROVINCE_MB
        )
    );
    println!(
        "| home tree of the province database ({} lines, `home_entries`) | {} | |",
        province.home_lines,
        ms(province.home)
    );
}

/// The district part (issue 14, item 6), after the province part.
fn district_part(exe: &Path, data: &Path) -> bench_district::District {
    phase("district", || {
        bench_district::district(exe, data, &data.join("province.db"))
    })
}

/// The district table (issue 14, item 6).
fn report_district(d: &bench_district::District) {
    println!();
    println!("| district | result |");
    println!("|---|---|");
    println!(
        "| every commune's bundle written from the province database ({} communes, {:.0} MB) | {:.1} s |",
        d.communes,
        d.bytes as f64 / 1e6,
        d.export.as_secs_f64()
    );
    println!(
        "| **import {} commune bundles** into a new district database, ten per folder (dry run, then one transaction per file) | **{:.1} s** |",
        d.communes,
        d.import.as_secs_f64()
    );
    println!(
        "| **district forms at province scale** ({} communes as one district, {} rows by sector: `district_year`, the three forms, XLSX + HTML + CSV in memory) | **{:.1} s** |",
        d.communes,
        d.rows,
        d.forms.as_secs_f64()
    );
    println!(
        "| a ten-commune district's whole export (forms and district bundle, XLSX + HTML + CSV + JSON, in memory) | {} |",
        ms(d.real)
    );
    println!(
        "| peak RSS of the district run (`VmHWM`, child process): after the import · at the end | {} · {} |",
        mb(d.rss_import_kb),
        mb(d.rss_kb)
    );
}

fn secs(v: &[Duration]) -> String {
    v.iter()
        .map(|d| format!("{:.2}", d.as_secs_f64()))
        .collect::<Vec<_>>()
        .join(" · ")
}
