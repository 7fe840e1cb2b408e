//! The bad-input catalogue: one table of bad inputs across the app and the command line.
//! Each row says how the input is fed (the App in-process on an in-memory store, driven by
//! key and paste events; or the release binary), the clear message it must get (a
//! substring of the Vietnamese text in assets/i18n/*.toml), and the check that no data
//! changed (audit-log length and home-list length before == after; for files the CLI must
//! not open, the bytes). Every CLI refusal must exit non-zero with exactly one line on
//! stderr starting "kehoach:" and no "panicked".
//!
//! Rows marked `bug` describe what the program should do and currently does not: they are
//! run and reported ("KNOWN BUG"), and the test fails if such a row starts passing, so the
//! note is removed together with the fix.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/app.rs"]
mod driver;
#[path = "bad_inputs/import.rs"]
mod import;
#[path = "bad_inputs/storage.rs"]
mod storage;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{TIMEOUT, Tmux, release_binary, run_piped, sh_path};
use driver::{demo_app_with, keys, open_demo_step, press, screen, type_text};
use kehoach::domain::{NewCycle, VillageKind};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode};

/// What no data changed means: audit-log rows and home-list lines.
type Fingerprint = (usize, usize);

fn fingerprint(store: &Store) -> Fingerprint {
    (
        store.audit_log().unwrap().len(),
        store.home_entries().unwrap().len(),
    )
}

/// What a row observed.
struct Observed {
    /// The screen (app) or stderr (CLI).
    text: String,
    /// Data before and after.
    before: Fingerprint,
    after: Fingerprint,
    /// CLI exit status and stderr, for the one-line rule.
    cli: Option<Output>,
    /// Further row-specific problems (empty = fine).
    problems: Vec<String>,
}

/// What a row expects.
enum Expect {
    /// Refused with this message; no data changed.
    Refused(&'static str),
    /// Accepted by design: the row's own checks (in `problems`) decide.
    Accepted,
}

struct Row {
    name: &'static str,
    fed: &'static str,
    expect: Expect,
    run: fn() -> Result<Observed, String>,
    /// Why the row fails today (a bug in src/), if it does.
    bug: Option<&'static str>,
}

// ------------------------------------------------------------------ app helpers

fn observe_app(app: &App, before: Fingerprint) -> Observed {
    Observed {
        text: screen(app, 100, 40),
        before,
        after: fingerprint(app.store()),
        cli: None,
        problems: Vec::new(),
    }
}

fn paste(app: &mut App, text: &str) {
    app.handle_event(Event::Paste(text.to_string()));
}

fn clear_field(app: &mut App) {
    press(app, KeyCode::End);
    for _ in 0..40 {
        press(app, KeyCode::Backspace);
    }
}

/// An app on an empty in-memory store.
fn empty_app() -> App {
    App::new(Store::open_in_memory().unwrap(), Lang::Vi, Theme::mono()).unwrap()
}

/// Commune, village and a 2026 cycle, opened at meeting 1's quick-add form.
fn meeting1_app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    let c = store
        .create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .unwrap();
    let v = store
        .create_village(c.id, "Buôn Kram", VillageKind::Buon)
        .unwrap();
    store
        .create_cycle(&NewCycle {
            village_id: v.id,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap();
    let mut app = App::new(store, Lang::Vi, Theme::mono()).unwrap();
    keys(
        &mut app,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Down,
            KeyCode::Enter,
        ],
    );
    assert!(screen(&app, 100, 40).contains("Danh sách dự họp (0)"));
    app
}

/// The demo with its plan reopened (so the matrix takes scores), at step `step`.
fn demo_at(step: usize) -> App {
    let mut app = demo_app_with(Lang::Vi, |store, cycle| {
        if store.is_plan_frozen(cycle).unwrap() {
            store.reopen_plan(cycle, "kiểm thử").unwrap();
        }
    });
    open_demo_step(&mut app, step);
    app
}

/// Opens a home form with `key` on an empty store (a commune first for villages/cycles),
/// types `text` into its first field and submits.
fn home_form(key: char, text: &str, by_paste: bool) -> Observed {
    let mut app = empty_app();
    if key != 'c' {
        press(&mut app, KeyCode::Char('c'));
        type_text(&mut app, "Ea Tiêu");
        press(&mut app, KeyCode::Enter);
    }
    if key == 'n' {
        press(&mut app, KeyCode::Char('t'));
        type_text(&mut app, "Buôn Kram");
        press(&mut app, KeyCode::Enter);
    }
    let before = fingerprint(app.store());
    press(&mut app, KeyCode::Char(key));
    if key == 'n' {
        clear_field(&mut app);
    }
    if by_paste {
        paste(&mut app, text);
    } else {
        type_text(&mut app, text);
    }
    press(&mut app, KeyCode::Enter);
    observe_app(&app, before)
}

/// The cycle form with `year` and `span`.
fn cycle_form(year: &str, span: &str) -> Observed {
    let mut app = empty_app();
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "Ea Tiêu");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "Buôn Kram");
    press(&mut app, KeyCode::Enter);
    let before = fingerprint(app.store());
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, year);
    press(&mut app, KeyCode::Tab);
    clear_field(&mut app);
    type_text(&mut app, span);
    press(&mut app, KeyCode::Enter);
    observe_app(&app, before)
}

/// Meeting 1's quick-add: `name` pasted, gender key (or none), `ethnicity`, Enter.
fn quick_add(name: &str, gender: Option<char>, ethnicity: &str) -> Observed {
    let mut app = meeting1_app();
    let before = fingerprint(app.store());
    paste(&mut app, name);
    press(&mut app, KeyCode::Tab);
    if let Some(g) = gender {
        press(&mut app, KeyCode::Char(g));
    }
    press(&mut app, KeyCode::Tab);
    paste(&mut app, ethnicity);
    press(&mut app, KeyCode::Enter);
    observe_app(&app, before)
}

/// The working group's size range form (r) with `low` and `high`.
fn wg_range(low: &str, high: &str) -> Observed {
    let mut app = meeting1_app();
    type_text(&mut app, "Y Khu Niê");
    keys(
        &mut app,
        &[
            KeyCode::Tab,
            KeyCode::Char('1'),
            KeyCode::Enter,
            KeyCode::F(5),
        ],
    );
    let before = fingerprint(app.store());
    press(&mut app, KeyCode::Char('r'));
    clear_field(&mut app);
    type_text(&mut app, low);
    press(&mut app, KeyCode::Tab);
    clear_field(&mut app);
    type_text(&mut app, high);
    press(&mut app, KeyCode::Enter);
    observe_app(&app, before)
}

/// Step 4's matrix: `typed` keys on the first cell.
fn matrix_keys(typed: &str) -> Observed {
    let mut app = demo_at(4);
    let before = fingerprint(app.store());
    type_text(&mut app, typed);
    observe_app(&app, before)
}

/// Step 4's scale form (s) with `min` and `max`.
fn scale_form(min: &str, max: &str) -> Observed {
    let mut app = demo_at(4);
    let before = fingerprint(app.store());
    press(&mut app, KeyCode::Char('s'));
    clear_field(&mut app);
    type_text(&mut app, min);
    press(&mut app, KeyCode::Tab);
    clear_field(&mut app);
    type_text(&mut app, max);
    press(&mut app, KeyCode::Enter);
    observe_app(&app, before)
}

/// Preparation's figure on line `line` (0 = population): `field` (0 value, 2 date) set to
/// `text`.
fn figure(line: usize, field: usize, text: &str) -> Observed {
    let mut app = demo_at(1);
    let before = fingerprint(app.store());
    for _ in 0..line {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    for _ in 0..field {
        press(&mut app, KeyCode::Tab);
    }
    clear_field(&mut app);
    type_text(&mut app, text);
    press(&mut app, KeyCode::Enter);
    observe_app(&app, before)
}

// ------------------------------------------------------------------ CLI helpers

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// `kehoach demo --db DIR/demo.db`: a complete cycle to export and to spoil.
fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    let out = run_piped(dir, &["demo", "--db", &s(&db)]);
    assert!(out.status.success(), "{out:?}");
    db
}

fn db_fingerprint(db: &Path) -> Result<Fingerprint, String> {
    let store = Store::open(db).map_err(|e| format!("reopen {}: {e}", db.display()))?;
    if !store.integrity_ok().map_err(|e| e.to_string())? {
        return Err(format!("{} fails integrity_check", db.display()));
    }
    Ok(fingerprint(&store))
}

fn observe_cli(out: Output, before: Fingerprint, after: Fingerprint) -> Observed {
    Observed {
        text: String::from_utf8_lossy(&out.stderr).into_owned(),
        before,
        after,
        cli: Some(out),
        problems: Vec::new(),
    }
}

/// Runs `kehoach ARGS` against the demo database, checking it is unchanged afterwards.
fn cli_on_demo(args: impl Fn(&Path, &Path) -> Vec<String>) -> Result<Observed, String> {
    let dir = tmp();
    let db = demo_db(dir.path());
    let before = db_fingerprint(&db)?;
    let args = args(dir.path(), &db);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_piped(dir.path(), &refs);
    Ok(observe_cli(out, before, db_fingerprint(&db)?))
}

fn export_args(db: &Path, village: &str, year: &str, out: &Path) -> Vec<String> {
    [
        "export",
        "--db",
        &s(db),
        "--village",
        village,
        "--year",
        year,
        "--out",
        &s(out),
    ]
    .map(str::to_string)
    .to_vec()
}

/// Runs `kehoach ARGS` on a file the program must refuse without writing a byte.
fn cli_on_spoiled_file(
    spoil: impl Fn(&Path) -> Vec<u8>,
    args: impl Fn(&Path) -> Vec<String>,
) -> Result<Observed, String> {
    let dir = tmp();
    let db = dir.path().join("hong.db");
    let bytes = spoil(&db);
    std::fs::write(&db, &bytes).unwrap();
    let args = args(&db);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_piped(dir.path(), &refs);
    let mut observed = observe_cli(out, (0, 0), (0, 0));
    if std::fs::read(&db).unwrap() != bytes {
        observed.problems.push("the file's bytes changed".into());
    }
    Ok(observed)
}

/// Exports the demo after overwriting the byte range `span(len)` of its file.
fn corrupt_export(span: fn(usize) -> (usize, usize)) -> Result<Observed, String> {
    let src = tmp();
    let good = std::fs::read(demo_db(src.path())).unwrap();
    cli_on_spoiled_file(
        move |_| {
            let mut bytes = good.clone();
            let (from, to) = span(bytes.len());
            for (i, b) in bytes[from..to].iter_mut().enumerate() {
                *b = (i * 131 % 251) as u8;
            }
            bytes
        },
        |db| {
            let out = db.parent().unwrap().to_path_buf();
            export_args(db, "Buôn Kram", "2026", &out)
        },
    )
}

/// Whether this process runs as root (which ignores file permissions).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Runs the binary so that permissions hold: as root, through `setpriv` with
/// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped; Err with the reason when impossible.
fn run_with_permissions(dir: &Path, args: &[&str]) -> Result<Output, String> {
    let mut cmd = if is_root() {
        let probe = dir.join("probe-ro");
        std::fs::create_dir_all(&probe).unwrap();
        std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
        let ok = Command::new("setpriv")
            .args([
                "--bounding-set=-dac_override,-dac_read_search",
                "--",
                "sh",
                "-c",
                &format!("! touch {}/x 2>/dev/null", sh_path(&probe)),
            ])
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return Err(
                "running as root and setpriv cannot drop CAP_DAC_OVERRIDE: permissions \
                 cannot be enforced here"
                    .into(),
            );
        }
        let mut c = Command::new("setpriv");
        c.args(["--bounding-set=-dac_override,-dac_read_search", "--"])
            .arg(release_binary());
        c
    } else {
        Command::new(release_binary())
    };
    Ok(cmd
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run kehoach"))
}

/// `kehoach demo --db DB` with the file-size limit at `blocks` of 512 bytes and SIGXFSZ
/// ignored, so a write past it fails with EFBIG as on a full disk.
fn demo_under_file_limit(dir: &Path, db: &Path, blocks: usize) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec {} demo --db {}",
            sh_path(&release_binary()),
            sh_path(db)
        ))
        .current_dir(dir)
        .env("HOME", dir)
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn read_only(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

// ------------------------------------------------------------------ the rows

fn long_name() -> String {
    "Nguyễn Thị Hường "
        .repeat(600)
        .chars()
        .take(10_000)
        .collect()
}

fn rows() -> Vec<Row> {
    let mut rows = base_rows();
    rows.extend(storage::rows());
    rows.extend(import::rows());
    rows
}

fn base_rows() -> Vec<Row> {
    use Expect::{Accepted, Refused};
    vec![
        // ---- names on the home screen
        Row {
            name: "empty commune name",
            fed: "app: home c, Enter",
            expect: Refused("Hãy nhập tên"),
            run: || Ok(home_form('c', "", false)),
            bug: None,
        },
        Row {
            name: "spaces-only village name",
            fed: "app: home t, '   ', Enter",
            expect: Refused("Hãy nhập tên"),
            run: || Ok(home_form('t', "   ", false)),
            bug: None,
        },
        Row {
            name: "10,000-character commune name (typed)",
            fed: "app: home c, 10,000 key presses",
            expect: Refused("Tên dài quá 200 ký tự"),
            run: || Ok(home_form('c', &long_name(), false)),
            bug: None,
        },
        Row {
            name: "10,000-character village name (pasted)",
            fed: "app: home t, bracketed paste",
            expect: Refused("Tên dài quá 200 ký tự"),
            run: || Ok(home_form('t', &long_name(), true)),
            bug: None,
        },
        Row {
            name: "control character (BEL) in a commune name",
            fed: "app: home c, paste 'Ea\\u{7}Tiêu'",
            expect: Refused("Tên có ký tự điều khiển hoặc ký tự ẩn"),
            run: || Ok(home_form('c', "Ea\u{7}Tiêu", true)),
            bug: None,
        },
        Row {
            name: "escape sequence in a village name",
            fed: "app: home t, paste '\\x1b[31mBuôn'",
            expect: Refused("Tên có ký tự điều khiển hoặc ký tự ẩn"),
            run: || Ok(home_form('t', "\u{1b}[31mBuôn Kram", true)),
            bug: None,
        },
        Row {
            name: "zero-width space in a commune name",
            fed: "app: home c, type 'Ea\\u{200B}Tiêu'",
            expect: Refused("Tên có ký tự điều khiển hoặc ký tự ẩn"),
            run: || Ok(home_form('c', "Ea\u{200B}Tiêu", false)),
            bug: None,
        },
        Row {
            name: "right-to-left override in a village name",
            fed: "app: home t, paste 'Buôn\\u{202E}Kram'",
            expect: Refused("Tên có ký tự điều khiển hoặc ký tự ẩn"),
            run: || Ok(home_form('t', "Buôn\u{202E}Kram", true)),
            bug: None,
        },
        Row {
            name: "byte-order mark before a commune name",
            fed: "app: home c, paste '\\u{FEFF}Ea Tiêu'",
            expect: Refused("Tên có ký tự điều khiển hoặc ký tự ẩn"),
            run: || Ok(home_form('c', "\u{FEFF}Ea Tiêu", true)),
            bug: None,
        },
        Row {
            name: "emoji in a commune name (accepted, stored as typed)",
            fed: "app: home c, type 'Hoa 🌸 Sen', Enter",
            expect: Accepted,
            run: || {
                let mut o = home_form('c', "Hoa 🌸 Sen", false);
                if o.after.0 <= o.before.0 || !o.text.contains("Hoa 🌸") {
                    o.problems.push("the emoji name was not saved".into());
                }
                Ok(o)
            },
            bug: None,
        },
        // ---- numbers on the home screen
        Row {
            name: "year with letters '20x6'",
            fed: "app: home n, year '20x6'",
            expect: Refused("Năm phải là số từ 2000 đến 2100"),
            run: || Ok(cycle_form("20x6", "5")),
            bug: None,
        },
        Row {
            name: "decimal comma in a year '2026,5'",
            fed: "app: home n, year '2026,5'",
            expect: Refused("Năm phải là số từ 2000 đến 2100"),
            run: || Ok(cycle_form("2026,5", "5")),
            bug: None,
        },
        Row {
            name: "negative year '-2026'",
            fed: "app: home n, year '-2026'",
            expect: Refused("Năm phải là số từ 2000 đến 2100"),
            run: || Ok(cycle_form("-2026", "5")),
            bug: None,
        },
        Row {
            name: "huge year '99999999999999999999'",
            fed: "app: home n, year of 20 nines",
            expect: Refused("Năm phải là số từ 2000 đến 2100"),
            run: || Ok(cycle_form("99999999999999999999", "5")),
            bug: None,
        },
        Row {
            name: "decimal comma in the medium-term span '4,5'",
            fed: "app: home n, year 2026, span '4,5'",
            expect: Refused("Kế hoạch trung hạn từ 3 đến 5 năm"),
            run: || Ok(cycle_form("2026", "4,5")),
            bug: None,
        },
        // ---- attendance (meeting 1 quick-add)
        Row {
            name: "attendee with an empty name",
            fed: "app: meeting 1 quick-add, name '', gender 2, Enter",
            expect: Refused("Hãy nhập tên"),
            run: || Ok(quick_add("", Some('2'), "")),
            bug: None,
        },
        Row {
            name: "attendee with a 10,000-character name",
            fed: "app: meeting 1 quick-add, pasted name",
            expect: Refused("Tên dài quá 200 ký tự"),
            run: || Ok(quick_add(&long_name(), Some('2'), "")),
            bug: None,
        },
        Row {
            name: "attendee with a zero-width joiner in the name",
            fed: "app: meeting 1 quick-add, 'H'Nhi\\u{200D}Êban'",
            expect: Refused("Tên có ký tự điều khiển hoặc ký tự ẩn"),
            run: || Ok(quick_add("H'Nhi\u{200D}Êban", Some('2'), "")),
            bug: None,
        },
        Row {
            name: "attendee with a tab-less control character (NUL) in the ethnicity",
            fed: "app: meeting 1 quick-add, ethnicity 'Ê\\u{0}Đê'",
            expect: Refused("Tên có ký tự điều khiển hoặc ký tự ẩn"),
            run: || Ok(quick_add("H'Nhi Êban", Some('2'), "Ê\u{0}Đê")),
            bug: None,
        },
        Row {
            name: "attendee without a gender",
            fed: "app: meeting 1 quick-add, name, no gender, Enter",
            expect: Refused("Chọn giới: 1 Nam, 2 Nữ"),
            run: || Ok(quick_add("Y Khu Niê", None, "")),
            bug: None,
        },
        Row {
            name: "attendee named with emoji (accepted, stored as typed)",
            fed: "app: meeting 1 quick-add, 'H'Hoa 🌸', gender 2",
            expect: Accepted,
            run: || {
                let mut o = quick_add("H'Hoa 🌸", Some('2'), "");
                if o.after.0 <= o.before.0 || !o.text.contains("Danh sách dự họp (1)") {
                    o.problems.push("the emoji name was not registered".into());
                }
                Ok(o)
            },
            bug: None,
        },
        // ---- working group, matrix, preparation figures
        Row {
            name: "decimal comma in the working-group range '1,5'",
            fed: "app: F5, r, low '1,5', high '9'",
            expect: Refused("Nhập hai số từ 1 đến 200"),
            run: || Ok(wg_range("1,5", "9")),
            bug: None,
        },
        Row {
            name: "negative and huge working-group range '-3'..'5000'",
            fed: "app: F5, r, low '-3', high '5000'",
            expect: Refused("Nhập hai số từ 1 đến 200"),
            run: || Ok(wg_range("-3", "5000")),
            bug: None,
        },
        Row {
            name: "matrix score above the scale '9'",
            fed: "app: step 4 matrix, key '9'",
            expect: Refused("Điểm phải từ 1 đến 5"),
            run: || Ok(matrix_keys("9")),
            bug: None,
        },
        Row {
            name: "negative matrix score '-1'",
            fed: "app: step 4 matrix, keys '-'",
            expect: Refused("Điểm phải từ 1 đến 5"),
            run: || Ok(matrix_keys("-")),
            bug: None,
        },
        Row {
            name: "matrix score zero '0'",
            fed: "app: step 4 matrix, key '0'",
            expect: Refused("Điểm phải từ 1 đến 5"),
            run: || Ok(matrix_keys("0")),
            bug: None,
        },
        Row {
            name: "huge scale maximum '99999'",
            fed: "app: step 4, s, min 1, max 99999",
            expect: Refused("Nhập hai số, số đầu nhỏ hơn số sau, cao nhất 10"),
            run: || Ok(scale_form("1", "99999")),
            bug: None,
        },
        Row {
            name: "decimal comma in the scale '1,5'",
            fed: "app: step 4, s, min '1,5', max 5",
            expect: Refused("Nhập hai số, số đầu nhỏ hơn số sau, cao nhất 10"),
            run: || Ok(scale_form("1,5", "5")),
            bug: None,
        },
        Row {
            name: "decimal comma in a count figure (population '1,5')",
            fed: "app: step 1 preparation, population '1,5'",
            expect: Refused("Số nguyên, không có phần lẻ"),
            run: || Ok(figure(0, 0, "1,5")),
            bug: None,
        },
        Row {
            name: "decimal point in a count figure (population '1.5')",
            fed: "app: step 1 preparation, population '1.5'",
            expect: Refused("Số nguyên, không có phần lẻ"),
            run: || Ok(figure(0, 0, "1.5")),
            bug: None,
        },
        Row {
            name: "negative count figure '-3'",
            fed: "app: step 1 preparation, population '-3'",
            expect: Refused("Không được là số âm"),
            run: || Ok(figure(0, 0, "-3")),
            bug: None,
        },
        Row {
            name: "huge count figure (25 digits)",
            fed: "app: step 1 preparation, population 9999999999999999999999999",
            expect: Refused("Số quá lớn"),
            run: || Ok(figure(0, 0, "9999999999999999999999999")),
            bug: None,
        },
        Row {
            name: "negative area figure '-1,5'",
            fed: "app: step 1 preparation, agricultural land '-1,5'",
            expect: Refused("Không được là số âm"),
            run: || Ok(figure(7, 0, "-1,5")),
            bug: None,
        },
        Row {
            name: "impossible date '31/02/2026'",
            fed: "app: step 1 preparation, population date",
            expect: Refused("Ngày không hợp lệ"),
            run: || Ok(figure(0, 2, "31/02/2026")),
            bug: None,
        },
        // ---- database files
        Row {
            name: "missing database file (created fresh, owner-only 0600)",
            fed: "cli: demo --db DIR/sub/new.db",
            expect: Accepted,
            run: || {
                let dir = tmp();
                let db = dir.path().join("sub/new.db");
                let out = run_piped(dir.path(), &["demo", "--db", &s(&db)]);
                let mut o = observe_cli(out, (0, 0), (0, 0));
                o.text = String::from_utf8_lossy(&o.cli.as_ref().unwrap().stdout).into();
                if !o.cli.as_ref().unwrap().status.success() {
                    o.problems.push("demo on a missing file failed".into());
                }
                let mode = std::fs::metadata(&db)
                    .map(|m| m.permissions().mode() & 0o777)
                    .ok();
                if mode != Some(0o600) {
                    o.problems.push(format!(
                        "mode {:?}, want 0600",
                        mode.map(|m| format!("{m:o}"))
                    ));
                }
                if db_fingerprint(&db)?.1 == 0 {
                    o.problems.push("the new file holds no demo".into());
                }
                o.cli = None;
                Ok(o)
            },
            bug: None,
        },
        Row {
            name: "missing database for export (not created)",
            fed: "cli: export --db DIR/none.db",
            expect: Refused("không tìm thấy cơ sở dữ liệu"),
            run: || {
                let dir = tmp();
                let db = dir.path().join("none.db");
                let out = run_piped(
                    dir.path(),
                    &export_args(&db, "Buôn Kram", "2026", dir.path())
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>(),
                );
                let mut o = observe_cli(out, (0, 0), (0, 0));
                if db.exists() {
                    o.problems
                        .push("export created the missing database".into());
                }
                Ok(o)
            },
            bug: None,
        },
        Row {
            name: "read-only database file (chmod 0444)",
            fed: "cli: demo --db ro.db",
            expect: Refused("Không ghi được vào"),
            run: || {
                let dir = tmp();
                let db = demo_db(dir.path());
                let before = db_fingerprint(&db)?;
                let bytes = std::fs::read(&db).unwrap();
                read_only(&db, 0o444);
                let out = run_piped(dir.path(), &["demo", "--db", &s(&db)]);
                let mut o = observe_cli(out, before, before);
                if std::fs::read(&db).unwrap() != bytes {
                    o.problems.push("the read-only file changed".into());
                }
                read_only(&db, 0o600);
                o.after = db_fingerprint(&db)?;
                Ok(o)
            },
            bug: None,
        },
        Row {
            name: "database in a read-only folder (chmod 0555)",
            fed: "cli: demo --db rodir/new.db (as root: setpriv without CAP_DAC_OVERRIDE)",
            expect: Refused("Không ghi được vào"),
            run: || {
                let dir = tmp();
                read_only(dir.path(), 0o755);
                let ro = dir.path().join("rodir");
                std::fs::create_dir(&ro).unwrap();
                read_only(&ro, 0o555);
                let db = ro.join("new.db");
                let out = run_with_permissions(dir.path(), &["demo", "--db", &s(&db)])?;
                let mut o = observe_cli(out, (0, 0), (0, 0));
                if db.exists() {
                    o.problems
                        .push("a file appeared in the read-only folder".into());
                }
                read_only(&ro, 0o755);
                Ok(o)
            },
            bug: None,
        },
        Row {
            name: "not a database (garbage bytes)",
            fed: "cli: demo --db hong.db",
            expect: Refused("không phải tệp dữ liệu kehoach"),
            run: || {
                cli_on_spoiled_file(
                    |_| (0..3000u32).map(|i| (i * 31 % 256) as u8).collect(),
                    |db| vec!["demo".into(), "--db".into(), s(db)],
                )
            },
            bug: None,
        },
        Row {
            name: "corrupt database (middle half overwritten)",
            fed: "cli: export --db hong.db",
            expect: Refused("hong.db không phải tệp dữ liệu kehoach hoặc đã bị hỏng"),
            run: || corrupt_export(|n| (n / 4, 3 * n / 4)),
            bug: None,
        },
        Row {
            name: "corrupt database (one table page overwritten, found only by export)",
            fed: "cli: export --db hong.db (bytes 8192..12288 overwritten)",
            expect: Refused("hong.db không phải tệp dữ liệu kehoach hoặc đã bị hỏng"),
            run: || corrupt_export(|_| (8192, 12288)),
            bug: None,
        },
        Row {
            name: "database from a newer schema (user_version 999)",
            fed: "cli: demo --db new-schema.db",
            expect: Refused("phiên bản kehoach mới hơn"),
            run: || {
                let dir = tmp();
                let db = demo_db(dir.path());
                {
                    let conn = rusqlite::Connection::open(&db).unwrap();
                    conn.pragma_update(None, "user_version", 999).unwrap();
                }
                let bytes = std::fs::read(&db).unwrap();
                let out = run_piped(dir.path(), &["demo", "--db", &s(&db)]);
                let mut o = observe_cli(out, (0, 0), (0, 0));
                if std::fs::read(&db).unwrap() != bytes {
                    o.problems.push("the newer file changed".into());
                }
                Ok(o)
            },
            bug: None,
        },
        Row {
            name: "database locked by another kehoach",
            fed: "cli: demo --db k.db while kehoach --db k.db runs in tmux",
            expect: Refused("đang được mở ở một cửa sổ kehoach khác"),
            run: || {
                let dir = tmp();
                let db = demo_db(dir.path());
                let before = db_fingerprint(&db)?;
                let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(&db));
                let first = Tmux::start(dir.path(), &script);
                first.wait_for("Kỳ kế hoạch", TIMEOUT)?;
                let out = run_piped(dir.path(), &["demo", "--db", &s(&db)]);
                first.send_keys(&["q"]);
                first.wait_for_exit(TIMEOUT)?;
                drop(first);
                Ok(observe_cli(out, before, db_fingerprint(&db)?))
            },
            bug: None,
        },
        Row {
            name: "full disk (file-size limit, SIGXFSZ ignored → EFBIG) while writing the demo",
            fed: "cli: sh -c 'trap \"\" XFSZ; ulimit -f 200; exec kehoach demo --db full.db'",
            expect: Refused("đã đầy"),
            run: || {
                let dir = tmp();
                let db = dir.path().join("full.db");
                let out = demo_under_file_limit(dir.path(), &db, 200);
                // Afterwards (no limit) the file opens and passes integrity_check; the
                // failed demo left nothing half-written.
                let after = db_fingerprint(&db)?;
                Ok(observe_cli(out, (0, 0), after))
            },
            bug: None,
        },
        // ---- export
        Row {
            name: "export folder that does not exist",
            fed: "cli: export --out DIR/none",
            expect: Refused("không tồn tại"),
            run: || cli_on_demo(|dir, db| export_args(db, "Buôn Kram", "2026", &dir.join("none"))),
            bug: None,
        },
        Row {
            name: "export folder that is a file",
            fed: "cli: export --out FILE",
            expect: Refused("không phải là thư mục"),
            run: || cli_on_demo(|_, db| export_args(db, "Buôn Kram", "2026", db)),
            bug: None,
        },
        Row {
            name: "read-only export folder (chmod 0555)",
            fed: "cli: export --out rodir (as root: setpriv without CAP_DAC_OVERRIDE)",
            expect: Refused("không ghi được vào thư mục"),
            run: || {
                let dir = tmp();
                read_only(dir.path(), 0o755);
                let db = demo_db(dir.path());
                let before = db_fingerprint(&db)?;
                let ro = dir.path().join("rodir");
                std::fs::create_dir(&ro).unwrap();
                read_only(&ro, 0o555);
                // The database itself must stay writable for the unprivileged run.
                read_only(&db, 0o666);
                let args = export_args(&db, "Buôn Kram", "2026", &ro);
                let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                let out = run_with_permissions(dir.path(), &refs)?;
                let mut o = observe_cli(out, before, before);
                let left: Vec<_> = std::fs::read_dir(&ro).unwrap().collect();
                if !left.is_empty() {
                    o.problems
                        .push(format!("files left in the folder: {left:?}"));
                }
                read_only(&ro, 0o755);
                o.after = db_fingerprint(&db)?;
                Ok(o)
            },
            bug: None,
        },
        Row {
            name: "existing export file without --force",
            fed: "cli: export twice into the same folder",
            expect: Refused("dùng --force để ghi đè"),
            run: || {
                let dir = tmp();
                let db = demo_db(dir.path());
                let out_dir = dir.path().join("out");
                std::fs::create_dir(&out_dir).unwrap();
                let mut args = export_args(&db, "Buôn Kram", "2026", &out_dir);
                args.extend(["--format".into(), "csv,json".into()]);
                let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                let first = run_piped(dir.path(), &refs);
                assert!(first.status.success(), "{first:?}");
                let snapshot = |d: &Path| {
                    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(d)
                        .unwrap()
                        .map(|e| {
                            let e = e.unwrap();
                            (
                                e.file_name().to_string_lossy().into(),
                                std::fs::read(e.path()).unwrap(),
                            )
                        })
                        .collect();
                    files.sort();
                    files
                };
                let files = snapshot(&out_dir);
                let before = db_fingerprint(&db)?;
                let again = run_piped(dir.path(), &refs);
                let mut o = observe_cli(again, before, db_fingerprint(&db)?);
                if snapshot(&out_dir) != files {
                    o.problems.push("the existing files changed".into());
                }
                Ok(o)
            },
            bug: None,
        },
        Row {
            name: "unknown village for export",
            fed: "cli: export --village 'Buôn Không Có'",
            expect: Refused("không có thôn, buôn nào tên hoặc mã"),
            run: || cli_on_demo(|dir, db| export_args(db, "Buôn Không Có", "2026", dir)),
            bug: None,
        },
        Row {
            name: "bad export year '20x6'",
            fed: "cli: export --year 20x6",
            expect: Refused("năm không hợp lệ \"20x6\""),
            run: || cli_on_demo(|dir, db| export_args(db, "Buôn Kram", "20x6", dir)),
            bug: None,
        },
        Row {
            name: "decimal comma in the export year '2026,0'",
            fed: "cli: export --year 2026,0",
            expect: Refused("năm không hợp lệ"),
            run: || cli_on_demo(|dir, db| export_args(db, "Buôn Kram", "2026,0", dir)),
            bug: None,
        },
        Row {
            name: "export year with no cycle '2099'",
            fed: "cli: export --year 2099",
            expect: Refused("chưa có kỳ kế hoạch năm 2099"),
            run: || cli_on_demo(|dir, db| export_args(db, "Buôn Kram", "2099", dir)),
            bug: None,
        },
        Row {
            name: "unknown export format 'pdf'",
            fed: "cli: export --format xlsx,pdf",
            expect: Refused("định dạng không hợp lệ \"pdf\""),
            run: || {
                cli_on_demo(|dir, db| {
                    let mut a = export_args(db, "Buôn Kram", "2026", dir);
                    a.extend(["--format".into(), "xlsx,pdf".into()]);
                    a
                })
            },
            bug: None,
        },
    ]
}

// ------------------------------------------------------------------ the test

/// The problems of one row's observation (empty = as expected).
fn judge(row: &Row, o: &Observed) -> Vec<String> {
    let mut problems = o.problems.clone();
    if let Expect::Refused(message) = row.expect {
        if !o.text.contains(message) {
            problems.push(format!("expected {message:?} in:\n{}", o.text));
        }
        if o.before != o.after {
            problems.push(format!(
                "data changed: (audit rows, home lines) {:?} -> {:?}",
                o.before, o.after
            ));
        }
        if let Some(out) = &o.cli {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            if out.status.success() {
                problems.push("exit code 0".into());
            }
            let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
            if lines.len() != 1 || !lines[0].starts_with("kehoach:") {
                problems.push(format!("want one 'kehoach:' line on stderr, got {lines:?}"));
            }
            if stderr.contains("panicked") || stdout.contains("panicked") {
                problems.push("panicked".into());
            }
        }
    }
    problems
}

#[test]
fn every_bad_input_gets_a_clear_message_and_changes_nothing() {
    let rows = rows();
    assert!(rows.len() >= 30, "the catalogue lists {} rows", rows.len());
    let mut failures = Vec::new();
    let mut fixed = Vec::new();
    let (mut passed, mut known, mut skipped) = (0, 0, 0);
    for row in &rows {
        let problems = match (row.run)() {
            Ok(observed) => judge(row, &observed),
            Err(reason) if reason.contains("cannot be enforced") => {
                println!("SKIP  {}: {reason}", row.name);
                skipped += 1;
                continue;
            }
            Err(reason) => vec![reason],
        };
        match (problems.is_empty(), row.bug) {
            (true, None) => {
                passed += 1;
                println!("ok    {} [{}]", row.name, row.fed);
            }
            (false, Some(bug)) => {
                known += 1;
                println!("KNOWN BUG  {} [{}]: {bug}", row.name, row.fed);
            }
            (true, Some(bug)) => fixed.push(format!(
                "{}: passes now; remove its bug note ({bug})",
                row.name
            )),
            (false, None) => failures.push(format!(
                "{} [{}]:\n  {}",
                row.name,
                row.fed,
                problems.join("\n  ")
            )),
        }
    }
    println!(
        "bad inputs: {} rows, {passed} passed, {known} known bugs, {skipped} skipped",
        rows.len()
    );
    assert!(
        failures.is_empty() && fixed.is_empty(),
        "{}\n{}",
        failures.join("\n"),
        fixed.join("\n")
    );
}

/// Each way a typed name is refused has its own message, in both languages, and every
/// form that takes a name says which (the preparation's forms said "empty" for all).
#[test]
fn each_name_error_names_what_is_wrong() {
    use kehoach::domain::text::{MAX_NAME_CHARS, NameError, clean_name};
    let errors = [
        clean_name("   ").unwrap_err(),
        clean_name(&"a".repeat(MAX_NAME_CHARS + 1)).unwrap_err(),
        clean_name("Y\u{7}Khu").unwrap_err(),
    ];
    assert_eq!(
        errors,
        [
            NameError::Empty,
            NameError::TooLong,
            NameError::ControlCharacters
        ]
    );
    let keys: Vec<&str> = errors.iter().map(|e| e.message_key()).collect();
    for key in &keys {
        assert!(kehoach::i18n::has(key), "{key} has no message");
    }
    let mut distinct = keys.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{keys:?}");
}
