//! Crash durability: the real release binary in tmux at 80x24 is driven through a scripted
//! meeting and killed with SIGKILL at a random (seeded) moment; after each kill the file
//! must hold every edit the screen had shown as saved, pass `PRAGMA integrity_check`, and
//! the app must reopen on the same cycle with the data on screen.
//!
//! Two kinds of trial alternate:
//! - attendance: a fresh database (commune, village and cycle created once with the home
//!   screen's keys c, t, n), meeting 1's quick-add form typed name by name (a save is shown
//!   by the register's count "(n)"), then working-group members elected with Space (shown
//!   by the count in the list title, e.g. "☑ tổ viên (n)"; titles are read from the i18n);
//! - matrix: a copy of `kehoach demo` (plan reopened), step 4's scoring matrix, one digit per
//!   cell (a save is shown by the cell's new value and the cursor one row down).
//!
//! The kill comes either right after an edit was shown saved, in the middle of typing a
//! name, or with an edit in flight (its key sent, the screen not yet looked at). An edit in
//! flight may or may not be saved; every edit shown saved must be.
//!
//! Trials: 20 by default; `KEHOACH_CRASH_TRIALS=200 cargo test --release --test
//! crash_durability -- --nocapture` runs more. `KEHOACH_CRASH_SEED=N` replays a seed (the
//! seed is printed with the report line).

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{TIMEOUT, Tmux, release_binary, run_piped, sh_path};
use kehoach::domain::scoring::Criterion;
use kehoach::domain::{CycleId, MeetingKind};
use kehoach::i18n::{Lang, tf};
use kehoach::store::{HomeEntry, Store};

const DEFAULT_TRIALS: usize = 20;
const DEFAULT_SEED: u64 = 0x6b65_686f_6163_6821;

/// Names typed at meeting 1.
const NAMES: [&str; 16] = common::MEETING_NAMES;

// ------------------------------------------------------------------ seeded randomness

/// xorshift64*: tiny, seeded, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    let text = text.trim();
    let parsed = match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={text:?} is not a number")))
}

// ------------------------------------------------------------------ driving the app

/// How a trial ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KillMode {
    /// Right after the last edit was shown saved.
    AfterSaved,
    /// In the middle of typing a name (nothing of it may be saved).
    MidTyping,
    /// An edit's key sent and the process killed without looking at the screen.
    InFlight,
}

impl KillMode {
    fn pick(rng: &mut Rng) -> KillMode {
        match rng.range(0, 2) {
            0 => KillMode::AfterSaved,
            1 => KillMode::MidTyping,
            _ => KillMode::InFlight,
        }
    }
}

/// Meeting 1's register title with `n` people, as the app words it (up to the count).
fn register_title(n: usize) -> String {
    counted_title("att.register", n)
}

/// The working-group list's title with `n` members, as the app words it.
fn members_title(n: usize) -> String {
    counted_title("wg.members_title", n)
}

/// The translation of `key` with `n`, trimmed and cut after the count's ")".
fn counted_title(key: &str, n: usize) -> String {
    let text = tf(Lang::Vi, key, &[n.to_string()]);
    let count = format!("({n})");
    let end = text.find(&count).map_or(text.len(), |i| i + count.len());
    text[..end].trim().to_string()
}

fn start(dir: &Path, db: &Path) -> Tmux {
    let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(db));
    Tmux::start(dir, &script)
}

/// SIGKILL to the app (the pane's process: the script `exec`s it).
fn kill_9(tmux: &Tmux) {
    let pid = tmux.pane_pid();
    if let Ok(comm) = std::fs::read_to_string(format!("/proc/{pid}/comm")) {
        assert_eq!(comm.trim(), "kehoach", "the pane's process is the app");
    }
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -9 {pid}");
    tmux.wait_for_exit(TIMEOUT).unwrap();
}

/// Sleeps 0 to `max_ms` milliseconds, so a kill lands at varied points of a save.
fn jitter(rng: &mut Rng, max_ms: usize) {
    std::thread::sleep(Duration::from_millis(rng.range(0, max_ms) as u64));
}

/// The line of `cycle` in the home screen's list (0-based).
fn home_line(store: &Store, cycle: CycleId) -> usize {
    store
        .home_entries()
        .unwrap()
        .iter()
        .position(|e| matches!(e, HomeEntry::Cycle { id, .. } if *id == cycle))
        .expect("the cycle is listed on the home screen")
}

/// From the home screen into step `step` (1-based) of the cycle on home line `line`.
fn open_step(tmux: &Tmux, line: usize, step: usize) {
    tmux.wait_for("Kỳ kế hoạch 2026", TIMEOUT).unwrap();
    for _ in 0..line {
        tmux.send_keys(&["Down"]);
    }
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Các bước của quy trình", TIMEOUT).unwrap();
    tmux.wait_for("› 2026", TIMEOUT).unwrap();
    for _ in 1..step {
        tmux.send_keys(&["Down"]);
    }
    tmux.send_keys(&["Enter"]);
}

fn only_cycle(store: &Store) -> CycleId {
    let commune = store.communes().unwrap()[0].id;
    let village = store.villages(commune).unwrap()[0].id;
    let cycles = store.cycles(village).unwrap();
    assert_eq!(cycles.len(), 1, "one cycle");
    cycles[0].id
}

/// The demo's 2026 cycle (the cycle the home screen lists first).
fn demo_cycle(store: &Store) -> CycleId {
    let commune = store.communes().unwrap()[0].id;
    let village = store
        .villages(commune)
        .unwrap()
        .into_iter()
        .find(|v| v.name == kehoach::demo::DEMO_VILLAGE)
        .expect("demo village");
    store
        .cycles(village.id)
        .unwrap()
        .into_iter()
        .find(|c| c.year == 2026)
        .expect("demo 2026 cycle")
        .id
}

/// Copies the database (and a WAL if one is left) into `dir` as `k.db`.
fn copy_db(from: &Path, dir: &Path) -> PathBuf {
    let to = dir.join("k.db");
    std::fs::copy(from, &to).unwrap();
    let wal = PathBuf::from(format!("{}-wal", from.display()));
    if wal.exists() {
        std::fs::copy(&wal, dir.join("k.db-wal")).unwrap();
    }
    to
}

// ------------------------------------------------------------------ the two base files

/// A fresh database with commune, village and cycle typed through the home screen; the
/// app is killed with SIGKILL right after the cycle is shown, which must lose nothing.
fn fresh_base(dir: &Path) -> PathBuf {
    let db = dir.join("fresh.db");
    let tmux = start(dir, &db);
    tmux.wait_for("Chưa có dữ liệu", TIMEOUT).unwrap();
    tmux.send_keys(&["c"]);
    tmux.wait_for("Huyện:", TIMEOUT).unwrap();
    tmux.type_text("Ea Tiêu");
    tmux.send_keys(&["Tab"]);
    tmux.type_text("Cư Kuin");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Xã Ea Tiêu", TIMEOUT).unwrap();
    tmux.send_keys(&["t"]);
    tmux.wait_for("Thôn, buôn mới", TIMEOUT).unwrap();
    tmux.type_text("Buôn Kram");
    tmux.send_keys(&["Tab", "2"]);
    tmux.wait_for("[2 Buôn]", TIMEOUT).unwrap();
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("  Buôn Kram", TIMEOUT).unwrap();
    tmux.send_keys(&["n"]);
    tmux.wait_for("Năm kế hoạch", TIMEOUT).unwrap();
    tmux.type_text("2026");
    tmux.send_keys(&["Enter"]);
    tmux.wait_until(TIMEOUT, |s| {
        s.contains("Kỳ kế hoạch 2026") && s.contains("Đã lưu") && !s.contains("Năm kế hoạch")
    })
    .unwrap();
    kill_9(&tmux);
    drop(tmux);
    let store = Store::open(&db).expect("reopen the fresh base after kill -9");
    assert!(store.integrity_ok().unwrap(), "integrity of the fresh base");
    let commune = &store.communes().unwrap()[0];
    assert_eq!(
        (commune.name.as_str(), commune.district.as_str()),
        ("Ea Tiêu", "Cư Kuin")
    );
    let village = &store.villages(commune.id).unwrap()[0];
    assert_eq!(village.name, "Buôn Kram");
    assert_eq!(store.cycles(village.id).unwrap()[0].year, 2026);
    db
}

/// `kehoach demo` with its plan reopened so the matrix takes scores.
fn demo_base(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    let out = run_piped(dir, &["demo", "--db", &db.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut store = Store::open(&db).unwrap();
    let cycle = demo_cycle(&store);
    if store.is_plan_frozen(cycle).unwrap() {
        store
            .reopen_plan(cycle, "kiểm thử mất điện")
            .expect("reopen the demo plan");
    }
    db
}

// ------------------------------------------------------------------ results

#[derive(Default)]
struct Tally {
    trials: usize,
    checked: usize,
    lost: usize,
    in_flight_saved: usize,
    in_flight_not_saved: usize,
    failures: Vec<String>,
}

// ------------------------------------------------------------------ attendance trials

#[derive(Debug, Clone, PartialEq, Eq)]
enum MeetingEdit {
    Registered(&'static str),
    Elected(&'static str),
}

/// Registers people, then elects some; killed at a random point.
fn attendance_trial(rng: &mut Rng, base: &Path, label: &str, tally: &mut Tally) {
    let dir = tempfile::tempdir().unwrap();
    let db = copy_db(base, dir.path());
    let mut names: Vec<&'static str> = NAMES.to_vec();
    // Shuffle (Fisher-Yates) and keep the first few.
    for i in (1..names.len()).rev() {
        names.swap(i, rng.range(0, i));
    }
    let registers = rng.range(1, 6);
    let elects = rng.range(0, registers.min(3));
    let edits = registers + elects;
    // The kill comes before edit number `kill_at` (0-based); `edits` = after the last.
    let kill_at = rng.range(0, edits);
    let mode = KillMode::pick(rng);

    let tmux = start(dir.path(), &db);
    open_step(&tmux, 2, 2);
    tmux.wait_for(&register_title(0), TIMEOUT).unwrap();

    let mut confirmed: Vec<MeetingEdit> = Vec::new();
    let mut in_flight: Option<MeetingEdit> = None;
    let mut on_workgroup = false;
    for step in 0..=edits {
        let stop = step == kill_at || step == edits;
        let registering = step < registers;
        if stop && (mode == KillMode::AfterSaved || step == edits) {
            break;
        }
        if registering {
            let name = names[step];
            let female = rng.chance(50);
            if stop && mode == KillMode::MidTyping {
                // Part of the name, maybe the gender, never Enter.
                let chars: Vec<char> = name.chars().collect();
                let cut = rng.range(1, chars.len());
                tmux.type_text(&chars[..cut].iter().collect::<String>());
                if cut == chars.len() && rng.chance(50) {
                    tmux.send_keys(&["Tab", if female { "2" } else { "1" }]);
                }
                jitter(rng, 40);
                break;
            }
            tmux.type_text(name);
            tmux.send_keys(&["Tab", if female { "2" } else { "1" }, "Enter"]);
            if stop {
                in_flight = Some(MeetingEdit::Registered(name));
                jitter(rng, 30);
                break;
            }
            tmux.wait_for(&register_title(step + 1), TIMEOUT)
                .unwrap_or_else(|e| panic!("{label}: register {name}: {e}"));
            confirmed.push(MeetingEdit::Registered(name));
        } else {
            if !on_workgroup {
                tmux.send_keys(&["F5"]);
                tmux.wait_for(&members_title(0), TIMEOUT).unwrap();
                on_workgroup = true;
            }
            let k = step - registers; // the k-th attendee in register order
            let name = names[k];
            if stop {
                // Nothing is typed on this list: mid-typing means a key in flight too.
                tmux.send_keys(&["Space"]);
                in_flight = Some(MeetingEdit::Elected(name));
                jitter(rng, 30);
                break;
            }
            tmux.send_keys(&["Space"]);
            tmux.wait_for(&members_title(k + 1), TIMEOUT)
                .unwrap_or_else(|e| panic!("{label}: elect {name}: {e}"));
            confirmed.push(MeetingEdit::Elected(name));
            tmux.send_keys(&["Down"]);
        }
    }
    kill_9(&tmux);
    drop(tmux);

    // (a) and (b): the file.
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{label}: reopen after kill -9: {e}"));
    if !store.integrity_ok().unwrap() {
        tally
            .failures
            .push(format!("{label}: integrity_check failed"));
    }
    let cycle = only_cycle(&store);
    let meeting = store
        .find_meeting(cycle, MeetingKind::Village1)
        .unwrap()
        .expect("meeting 1 exists once opened");
    let registered: Vec<String> = store
        .attendees(meeting.id)
        .unwrap()
        .into_iter()
        .map(|a| a.person.name)
        .collect();
    let members: Vec<String> = store
        .working_group(cycle)
        .unwrap()
        .members
        .into_iter()
        .map(|p| p.name)
        .collect();
    for edit in &confirmed {
        tally.checked += 1;
        let kept = match edit {
            MeetingEdit::Registered(n) => registered.iter().any(|r| r == n),
            MeetingEdit::Elected(n) => members.iter().any(|m| m == n),
        };
        if !kept {
            tally.lost += 1;
            tally.failures.push(format!(
                "{label}: LOST {edit:?} (shown saved); file has register {registered:?}, members {members:?}"
            ));
        }
    }
    // Nothing beyond what was typed: the shown edits plus at most the one in flight.
    let expected_registered = confirmed
        .iter()
        .filter(|e| matches!(e, MeetingEdit::Registered(_)))
        .count();
    let extra_registered = registered.len() as isize - expected_registered as isize;
    let flight_registered = matches!(in_flight, Some(MeetingEdit::Registered(_)));
    let flight_elected = matches!(in_flight, Some(MeetingEdit::Elected(_)));
    if !(extra_registered == 0 || (extra_registered == 1 && flight_registered)) {
        tally.failures.push(format!(
            "{label}: register holds {registered:?} after {confirmed:?} (in flight {in_flight:?}, mode {mode:?})"
        ));
    }
    let expected_members = confirmed.len() - expected_registered;
    let extra_members = members.len() as isize - expected_members as isize;
    if !(extra_members == 0 || (extra_members == 1 && flight_elected)) {
        tally.failures.push(format!(
            "{label}: members {members:?} after {confirmed:?} (in flight {in_flight:?})"
        ));
    }
    if in_flight.is_some() {
        if extra_registered == 1 || extra_members == 1 {
            tally.in_flight_saved += 1;
        } else {
            tally.in_flight_not_saved += 1;
        }
    }
    drop(store);

    // (c): the app reopens on the same cycle and meeting, with the data on screen.
    let tmux = start(dir.path(), &db);
    open_step(&tmux, 2, 2);
    let title = register_title(registered.len());
    let all_shown = |screen: &str| {
        screen.contains(&title)
            && registered
                .iter()
                .all(|name| screen.contains(&format!(". {name} · ")))
    };
    if let Err(screen) = tmux.wait_until(TIMEOUT, all_shown) {
        tally.failures.push(format!(
            "{label}: the reopened register does not show {registered:?}:\n{screen}"
        ));
    }
    if !members.is_empty() {
        tmux.send_keys(&["F5"]);
        let title = members_title(members.len());
        let all_ticked = |screen: &str| {
            screen.contains(&title)
                && members
                    .iter()
                    .all(|name| screen.contains(&format!("☑ {name}")))
        };
        if let Err(screen) = tmux.wait_until(TIMEOUT, all_ticked) {
            tally.failures.push(format!(
                "{label}: the reopened working group does not tick {members:?}:\n{screen}"
            ));
        }
    }
    drop(tmux);
}

// ------------------------------------------------------------------ matrix trials

/// The matrix line of screen row `row` (0-based): its five cells, cursor brackets kept.
fn matrix_cells(screen: &str, row: usize) -> Option<Vec<String>> {
    let number = (row + 1).to_string();
    screen.lines().find_map(|line| {
        let inner = line.trim().strip_prefix('│')?.strip_suffix('│')?;
        let tokens: Vec<&str> = inner.split_whitespace().collect();
        if tokens.first() != Some(&number.as_str()) || tokens.len() < 9 {
            return None;
        }
        let cells = &tokens[tokens.len() - 7..tokens.len() - 2];
        Some(cells.iter().map(|c| c.to_string()).collect())
    })
}

fn plain(cell: &str) -> &str {
    cell.trim_start_matches('[').trim_end_matches(']')
}

/// Scores cells of one column from the first row down; killed at a random point.
fn matrix_trial(rng: &mut Rng, base: &Path, label: &str, tally: &mut Tally) {
    let dir = tempfile::tempdir().unwrap();
    let db = copy_db(base, dir.path());
    let (cycle, line, activities, before) = {
        let store = Store::open(&db).unwrap();
        let cycle = demo_cycle(&store);
        let activities = store.activities(cycle).unwrap();
        let rows = store.matrix_rows(cycle).unwrap();
        (cycle, home_line(&store, cycle), activities, rows)
    };
    let column = rng.range(0, 4);
    let criterion = Criterion::ALL[column];
    let edits = rng.range(1, 10).min(activities.len().saturating_sub(1));
    let kill_at = rng.range(0, edits);
    let mode = KillMode::pick(rng);
    let old = |row: usize| {
        before
            .iter()
            .find(|r| r.activity == activities[row].id.0)
            .and_then(|r| r.score(criterion))
    };

    let tmux = start(dir.path(), &db);
    open_step(&tmux, line, 4);
    tmux.wait_until(TIMEOUT, |s| {
        matrix_cells(s, 0).is_some_and(|c| c[0].starts_with('['))
    })
    .unwrap_or_else(|e| panic!("{label}: open the matrix: {e}"));
    for _ in 0..column {
        tmux.send_keys(&["Right"]);
    }
    tmux.wait_until(TIMEOUT, |s| {
        matrix_cells(s, 0).is_some_and(|c| c[column].starts_with('['))
    })
    .unwrap();

    let mut confirmed: Vec<(usize, u8)> = Vec::new();
    let mut in_flight: Option<(usize, u8)> = None;
    for row in 0..=edits {
        let stop = row == kill_at || row == edits;
        if stop && (mode == KillMode::AfterSaved || row == edits) {
            break;
        }
        // A score of the 1-5 scale, different from the cell's so the screen shows it.
        let now = old(row);
        let score = loop {
            let s = rng.range(1, 5) as u8;
            if Some(s) != now {
                break s;
            }
        };
        tmux.send_keys(&[&score.to_string()]);
        if stop {
            in_flight = Some((row, score));
            jitter(rng, 30);
            break;
        }
        let want = score.to_string();
        tmux.wait_until(TIMEOUT, |s| {
            matrix_cells(s, row).is_some_and(|c| c[column] == want)
                && matrix_cells(s, row + 1).is_some_and(|c| c[column].starts_with('['))
                && s.contains("Đã lưu")
        })
        .unwrap_or_else(|e| panic!("{label}: score row {row}: {e}"));
        confirmed.push((row, score));
    }
    kill_9(&tmux);
    drop(tmux);

    let store = Store::open(&db).unwrap_or_else(|e| panic!("{label}: reopen after kill -9: {e}"));
    if !store.integrity_ok().unwrap() {
        tally
            .failures
            .push(format!("{label}: integrity_check failed"));
    }
    let rows = store.matrix_rows(cycle).unwrap();
    let stored = |row: usize| {
        rows.iter()
            .find(|r| r.activity == activities[row].id.0)
            .and_then(|r| r.score(criterion))
    };
    for &(row, score) in &confirmed {
        tally.checked += 1;
        if stored(row) != Some(score) {
            tally.lost += 1;
            tally.failures.push(format!(
                "{label}: LOST score {score} of row {row} {criterion:?} (shown saved); file has {:?}",
                stored(row)
            ));
        }
    }
    if let Some((row, score)) = in_flight {
        match stored(row) {
            s if s == Some(score) => tally.in_flight_saved += 1,
            s if s == old(row) => tally.in_flight_not_saved += 1,
            s => tally.failures.push(format!(
                "{label}: row {row} holds {s:?}, neither the old {:?} nor the new {score}",
                old(row)
            )),
        }
    }
    // No other cell moved.
    let touched: Vec<usize> = confirmed
        .iter()
        .map(|c| c.0)
        .chain(in_flight.map(|f| f.0))
        .collect();
    for (i, a) in activities.iter().enumerate() {
        let b = before.iter().find(|r| r.activity == a.id.0);
        let r = rows.iter().find(|r| r.activity == a.id.0);
        for c in Criterion::ALL {
            if c == criterion && touched.contains(&i) {
                continue;
            }
            let (was, is) = (b.and_then(|x| x.score(c)), r.and_then(|x| x.score(c)));
            if was != is {
                tally.failures.push(format!(
                    "{label}: untouched cell row {i} {c:?} changed {was:?} -> {is:?}"
                ));
            }
        }
    }
    drop(store);

    // (c): the same cycle's matrix reopens with the saved scores.
    let tmux = start(dir.path(), &db);
    open_step(&tmux, line, 4);
    // The screen is read until it is fully drawn with every touched row as stored.
    let want: Vec<(usize, String)> = touched
        .iter()
        .map(|&row| (row, stored(row).map(|s| s.to_string()).unwrap_or_default()))
        .collect();
    let shows_all = |screen: &str| {
        want.iter().all(|(row, value)| {
            matrix_cells(screen, *row)
                .is_some_and(|cells| cells.get(column).map(|c| plain(c)) == Some(value.as_str()))
        })
    };
    if let Err(screen) = tmux.wait_until(TIMEOUT, shows_all) {
        tally.failures.push(format!(
            "{label}: the reopened matrix does not show {want:?} in column {column}:\n{screen}"
        ));
    }
    drop(tmux);
}

// ------------------------------------------------------------------ the test

#[test]
fn sigkill_at_random_moments_loses_no_edit_shown_saved() {
    let trials = env_number("KEHOACH_CRASH_TRIALS").map_or(DEFAULT_TRIALS, |n| n as usize);
    let seed = env_number("KEHOACH_CRASH_SEED").unwrap_or(DEFAULT_SEED);
    let started = Instant::now();
    let _ = release_binary();
    let bases = tempfile::tempdir().unwrap();
    let fresh = fresh_base(bases.path());
    let demo = demo_base(bases.path());
    // The three home-screen edits of the fresh base were shown saved and checked.
    let mut tally = Tally {
        checked: 3,
        ..Tally::default()
    };
    let mut rng = Rng::new(seed);
    for trial in 0..trials {
        let trial_seed = rng.next();
        let mut trial_rng = Rng::new(trial_seed);
        let label = format!("trial {trial} (seed {trial_seed:#x})");
        if trial % 2 == 0 {
            attendance_trial(
                &mut trial_rng,
                &fresh,
                &format!("{label} attendance"),
                &mut tally,
            );
        } else {
            matrix_trial(
                &mut trial_rng,
                &demo,
                &format!("{label} matrix"),
                &mut tally,
            );
        }
        tally.trials += 1;
    }
    let report = format!(
        "crash durability: seed {seed:#x}, trials {}, edits checked {}, edits lost {}, \
         in-flight edits saved {} / not saved {}, {:.1}s",
        tally.trials,
        tally.checked,
        tally.lost,
        tally.in_flight_saved,
        tally.in_flight_not_saved,
        started.elapsed().as_secs_f64()
    );
    println!("{report}");
    eprintln!("{report}");
    assert!(
        tally.failures.is_empty() && tally.lost == 0,
        "{report}\n{}",
        tally.failures.join("\n")
    );
}
