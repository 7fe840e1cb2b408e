//! End to end, a whole planning cycle (issue 16, "measure it"): the real release binary in
//! tmux at 80x24 on a fresh file, once in Vietnamese and once in English (F2 on the home
//! screen): commune, village, cycle; meeting 1 (record, registrations, working-group
//! election, close); the assessment (tools, sub-groups, findings, activities); scoring
//! (form 3); meeting 2 (record, attendance, both groups' votes, adoption); the annual plan
//! (summary, part 1 and part 2, form 4, the approval meeting); export. Each step's keys are
//! counted, and its outcome is read from the database (a copy of the file and its WAL, as
//! the app holds the file's lock) and, at the end, from the exported files. The figures
//! printed are the ones in BENCHMARKS.md ("Keys per step").

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{TIMEOUT, Tmux, release_binary, run_piped, sh_path};
use kehoach::domain::annual::Part;
use kehoach::domain::record::CycleRecord;
use kehoach::domain::{Gender, MeetingKind};
use kehoach::i18n::{Lang, t, tf};
use kehoach::store::Store;

/// Meeting 1's attendees: name, gender key, ethnicity, wealth key, organisation keys.
const PEOPLE: [(&str, &str, &str, &str, &[&str]); 8] = [
    ("Y Khu Niê", "1", "Ê Đê", "2", &["2", "6", "7"]),
    ("H'Nhi Êban", "2", "Ê Đê", "3", &["1", "6"]),
    ("Nguyễn Văn Hùng", "1", "Kinh", "1", &["4"]),
    ("H'Blưm Niê", "2", "Kinh", "2", &["3", "6"]),
    ("Trần Thị Lan", "2", "Kinh", "1", &["1"]),
    ("Y Bhin Adrơng", "1", "Kinh", "3", &["5"]),
    ("Lê Thị Hoa", "2", "Kinh", "2", &[]),
    ("Y Thuôn Mlô", "1", "Kinh", "3", &[]),
];

/// A scripted run: the app in tmux, its language, and the keys pressed per step.
struct Run {
    tmux: Tmux,
    lang: Lang,
    dir: PathBuf,
    db: PathBuf,
    keys: usize,
    /// Of `keys`, the characters of typed text.
    letters: usize,
    steps: Vec<Step>,
}

/// One step's name, its keys and how many of them were typed text.
type Step = (&'static str, usize, usize);

impl Run {
    fn start(lang: Lang) -> (tempfile::TempDir, Run) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(&db));
        let tmux = Tmux::start(dir.path(), &script);
        let run = Run {
            tmux,
            lang,
            dir: dir.path().to_path_buf(),
            db,
            keys: 0,
            letters: 0,
            steps: Vec::new(),
        };
        (dir, run)
    }

    /// Presses keys (tmux names), counting each.
    fn keys(&mut self, keys: &[&str]) {
        self.keys += keys.len();
        self.tmux.send_keys(keys);
    }

    /// Types text, counting each character as a key.
    fn text(&mut self, text: &str) {
        self.keys += text.chars().count();
        self.letters += text.chars().count();
        self.tmux.type_text(text);
    }

    /// Waits for `text` on screen.
    fn wait(&self, text: &str) -> String {
        self.tmux.wait_for(text, TIMEOUT).unwrap()
    }

    /// Waits for the translation of `key` (trimmed) on screen.
    fn wait_t(&self, key: &str) -> String {
        self.wait(t(self.lang, key).trim())
    }

    /// Waits for the translation of `key` with `args` (trimmed) on screen.
    fn wait_tf(&self, key: &str, args: &[&str]) -> String {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        self.wait(tf(self.lang, key, &args).trim())
    }

    /// Waits for the first 24 characters of the translation of `key` with `args` (a
    /// prompt's text may wrap).
    fn wait_head(&self, key: &str, args: &[&str]) -> String {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let text: String = tf(self.lang, key, &args).trim().chars().take(24).collect();
        self.wait(&text)
    }

    /// Polls the file until `ok` holds of the cycle's record (what the screen cannot show
    /// yet, or shows before and after alike).
    fn until(&self, what: &str, ok: impl Fn(&CycleRecord) -> bool) -> CycleRecord {
        let start = std::time::Instant::now();
        loop {
            let record = self.record();
            if ok(&record) {
                return record;
            }
            assert!(start.elapsed() < TIMEOUT, "{what}: not in the file");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// Records the keys pressed since the last step under `name`.
    fn step(&mut self, name: &'static str) {
        let keys: usize = self.steps.iter().map(|s| s.1).sum();
        let letters: usize = self.steps.iter().map(|s| s.2).sum();
        self.steps
            .push((name, self.keys - keys, self.letters - letters));
    }

    /// The cycle as the file holds it now: a copy of the file and its WAL (the app keeps
    /// the lock on the file itself), opened and read whole.
    fn record(&self) -> CycleRecord {
        let copy = tempfile::tempdir().unwrap();
        for suffix in ["", "-wal"] {
            let from = PathBuf::from(format!("{}{suffix}", self.db.display()));
            if from.exists() {
                std::fs::copy(&from, copy.path().join(format!("k.db{suffix}"))).unwrap();
            }
        }
        let store = Store::open(&copy.path().join("k.db")).unwrap();
        only_record(&store)
    }
}

/// The record of the only cycle in `store`.
fn only_record(store: &Store) -> CycleRecord {
    let commune = store.communes().unwrap()[0].id;
    let village = store.villages(commune).unwrap()[0].id;
    let cycle = store.cycles(village).unwrap()[0].id;
    store.cycle_record(cycle).unwrap()
}

fn meeting(record: &CycleRecord, kind: MeetingKind) -> &kehoach::domain::record::MeetingRecord {
    record.meeting_record(kind).unwrap()
}

/// Home screen: commune, village (a buôn), cycle 2027, opened.
fn create_cycle(run: &mut Run) {
    run.wait(&t(Lang::Vi, "home.empty"));
    if run.lang == Lang::En {
        run.keys(&["F2"]);
        run.wait_t("home.empty");
    }
    run.keys(&["c"]);
    run.wait_t("field.district");
    run.text("Ea Tiêu");
    run.keys(&["Tab"]);
    run.text("Cư Kuin");
    run.keys(&["Enter"]);
    run.wait("Ea Tiêu");
    run.keys(&["t"]);
    run.wait_t("form.new_village");
    run.text("Buôn Kram");
    run.keys(&["Tab", "2", "Enter"]);
    run.wait("  Buôn Kram");
    run.keys(&["n"]);
    run.wait_t("field.year");
    run.text("2027");
    run.keys(&["Enter"]);
    run.wait("2027");
    run.keys(&["Enter"]);
    run.wait_t("cycle.steps");
    run.step("commune, village and cycle, opened");
    let record = run.record();
    assert_eq!(record.commune.name, "Ea Tiêu");
    assert_eq!(record.village.name, "Buôn Kram");
    assert_eq!(record.cycle.year, 2027);
}

/// The meeting record form: date, place, chair, role (first), times, all announced; Enter.
fn fill_record(run: &mut Run, date: &str, start: &str, end: &str) {
    run.wait_t("rec.title");
    run.text(date);
    run.keys(&["Tab"]);
    run.text("Nhà văn hoá buôn");
    run.keys(&["Tab"]);
    run.text("Y Kim Niê");
    run.keys(&["Tab", "Right", "Tab"]);
    run.text(start);
    run.keys(&["Tab"]);
    run.text(end);
    run.keys(&["Tab", "1", "2", "3", "4", "Enter"]);
}

fn meeting1_record(run: &mut Run) {
    run.keys(&["Down", "Enter"]);
    run.wait_t("att.add_title");
    run.keys(&["F3"]);
    fill_record(run, "12/05/2027", "8h", "11h30");
    let record = run.until("meeting 1's record", |r| {
        meeting(r, MeetingKind::Village1).date == "2027-05-12"
    });
    run.step("meeting 1: the record");
    let m1 = meeting(&record, MeetingKind::Village1);
    assert_eq!(
        (
            m1.date.as_str(),
            m1.start_time.as_str(),
            m1.end_time.as_str()
        ),
        ("2027-05-12", "08:00", "11:30")
    );
    assert_eq!(m1.chair, "Y Kim Niê");
    assert_eq!(m1.announced.len(), 4);
}

fn meeting1_register(run: &mut Run) {
    run.keys(&["F4"]);
    run.wait_t("att.add_title");
    for (i, (name, gender, ethnicity, wealth, orgs)) in PEOPLE.iter().enumerate() {
        run.text(name);
        run.keys(&["Tab", gender, "Tab"]);
        run.text(ethnicity);
        run.keys(&["Tab", wealth, "Tab"]);
        run.keys(orgs);
        run.keys(&["Enter"]);
        run.wait_tf("att.register", &[&(i + 1).to_string()]);
    }
    run.step("meeting 1: register 8 attendees (all details)");
    let record = run.record();
    let register = &meeting(&record, MeetingKind::Village1).register;
    assert_eq!(register.len(), PEOPLE.len());
    let women = register
        .iter()
        .filter(|r| r.gender == Gender::Female)
        .count();
    assert_eq!(women, 4);
    let khu = record
        .people
        .iter()
        .find(|p| p.name == "Y Khu Niê")
        .unwrap();
    assert!(khu.trained && khu.core_farmer, "{khu:?}");
    assert_eq!(khu.ethnicity.as_deref(), Some("Ê Đê"));
}

/// F5: size 4-10, elect Y Khu, H'Nhi, Hùng, H'Blưm (every check passes), Y Khu leads;
/// finalise after the yes.
fn working_group(run: &mut Run) {
    run.keys(&["F5"]);
    run.wait_t("wg.checks");
    run.keys(&["r"]);
    run.wait_t("wg.range_title");
    run.keys(&["C-u", "4", "Tab", "C-u"]);
    run.text("10");
    run.keys(&["Enter"]);
    run.wait("4-10");
    run.keys(&["Space", "Down", "Space", "Down", "Space", "Down", "Space"]);
    run.wait("(4)");
    run.keys(&["Up", "Up", "Up", "t"]);
    run.wait("☑★");
    run.keys(&["f"]);
    run.wait_head("wg.confirm_finalise", &[]);
    run.keys(&["y"]);
    run.wait_t("wg.checks_final");
    run.step("meeting 1: elect and finalise the working group");
    let record = run.record();
    let wg = record.working_group.as_ref().unwrap();
    assert_eq!(wg.members.len(), 4);
    assert_eq!((wg.size_min, wg.size_max), (4, 10));
    assert_eq!(wg.closed_members, Some(4), "finalised");
    assert!(wg.override_reason.is_none(), "every check passed");
    let leader = record.person(wg.leader.unwrap()).unwrap();
    assert_eq!(leader.name, "Y Khu Niê");
}

fn close_meeting1(run: &mut Run) {
    run.keys(&["F4", "Escape", "k"]);
    run.wait_head("att.confirm_close", &["8"]);
    run.keys(&["y"]);
    run.wait_t("att.register_closed");
    run.step("meeting 1: close the meeting");
    let record = run.record();
    let tally = meeting(&record, MeetingKind::Village1)
        .closed_tally
        .unwrap();
    assert_eq!((tally.men, tally.women), (4, 4));
}

/// Esc, then waits until the screen shows `then` (Esc and the next key must not arrive
/// together, or the terminal reads them as Alt and the key).
fn escape(run: &mut Run, then: &str) {
    run.keys(&["Escape"]);
    run.wait(then);
}

/// Back to the cycle's steps and down to the next one, opened.
fn next_step(run: &mut Run) {
    escape(run, t(run.lang, "cycle.steps").trim());
    run.keys(&["Down", "Enter"]);
}

fn new_subgroup(run: &mut Run, name: &str) {
    run.keys(&["a"]);
    run.wait_t("assess.group_new");
    run.keys(&["C-u"]);
    run.text(name);
    run.keys(&["Enter"]);
    run.wait(name);
}

/// Tools 1 and 4; three sub-groups, each with members, a leader and a theme, two of them
/// with a tool.
fn assessment_groups(run: &mut Run) {
    next_step(run);
    run.wait_tf("assess.tools_title", &["0", "12"]);
    run.keys(&["Space", "Down", "Down", "Down", "Space"]);
    run.wait_tf("assess.tools_title", &["2", "12"]);
    run.keys(&["F4"]);
    for name in ["Nhóm phụ nữ", "Nhóm trồng trọt", "Nhóm hạ tầng"] {
        new_subgroup(run, name);
    }
    // Members are listed by name: H'Blưm, H'Nhi, Hùng, Y Khu. Themes come first in the
    // topics (Chung 0, Nông nghiệp 2, Cơ sở hạ tầng 7), then the selected tools only (Đi
    // lát cắt 10, Lịch thời vụ 11).
    run.keys(&[
        "Tab", "Space", "Down", "Space", "t", "Tab", "Space", "Tab", "Down",
    ]);
    run.keys(&[
        "Tab", "Down", "Down", "Space", "t", "Tab", "Down", "Down", "Space",
    ]);
    run.keys(&["Down"; 8]);
    run.keys(&["Space", "Tab", "Down"]);
    run.keys(&["Tab", "Up", "Space", "t", "Tab", "Up", "Up", "Up", "Space"]);
    run.keys(&["Down"; 4]);
    run.keys(&["Space"]);
    run.wait_tf("assess.group_tools", &[&lịch_thời_vụ(run.lang)]);
    run.step("assessment: tools and three sub-groups");
    let record = run.record();
    let groups = &record.assessment.subgroups;
    assert_eq!(groups.len(), 3);
    assert!(groups.iter().all(|g| g.leader.is_some()), "{groups:?}");
    let members: usize = groups.iter().map(|g| g.members.len()).sum();
    assert_eq!(members, 4);
    let tools: Vec<&str> = groups
        .iter()
        .flat_map(|g| g.tools.iter().map(String::as_str))
        .collect();
    assert_eq!(tools.len(), 2, "{groups:?}");
    assert_eq!(record.assessment.tools.len(), 2);
}

/// The seasonal calendar's name as the app shows it.
fn lịch_thời_vụ(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Lịch thời vụ".into(),
        Lang::En => "Seasonal calendar".into(),
    }
}

fn assessment_findings(run: &mut Run) {
    run.keys(&["F5"]);
    run.wait_t("assess.no_finding");
    run.keys(&["Enter"]);
    run.wait_t("assess.minutes");
    run.text("Đất đỏ bazan, thiếu nước tưới mùa khô");
    run.keys(&["Tab"]);
    run.text("90");
    run.keys(&["F9"]);
    run.wait("✓90′");
    run.keys(&["Down", "Enter"]);
    run.wait_t("assess.minutes");
    run.text("Đường vào khu sản xuất lầy lội mùa mưa");
    run.keys(&["Tab"]);
    run.text("120");
    run.keys(&["Tab", "C-u", "2", "F9"]);
    run.wait("✓120′");
    run.step("assessment: two findings");
    let record = run.record();
    let findings = &record.assessment.findings;
    assert_eq!(findings.len(), 2);
    assert_eq!(
        findings.iter().map(|f| f.minutes).collect::<Vec<_>>(),
        [90, 120]
    );
    assert_eq!(findings[1].day, "2");
}

/// One proposed activity: `a`, the name, sector and category by ←→ counts, then `rest`
/// (the text fields after the category, `None` for a Tab past an empty one), Enter.
fn activity(run: &mut Run, name: &str, sector: usize, rest: &[Option<&str>], count: usize) {
    run.keys(&["a"]);
    run.wait_t("activity.field.name");
    run.text(name);
    run.keys(&["Tab"]);
    run.keys(&vec!["Right"; sector]);
    run.keys(&["Tab", "Right", "Right"]);
    for field in rest {
        run.keys(&["Tab"]);
        if let Some(text) = field {
            run.text(text);
        }
    }
    run.keys(&["Enter"]);
    run.wait(&format!("{} ({count})", t(run.lang, "assess.activities")));
}

/// Three activities: two complete, the third with a name, sector and category only.
fn assessment_activities(run: &mut Run) {
    run.keys(&["F6"]);
    run.wait_t("assess.activities");
    let well = [
        Some("2"),
        Some("giếng"),
        Some("Quý 1/2028"),
        Some("Cụm dân cư số 2"),
        Some("Ban tự quản buôn"),
        None,
        None,
        Some("40"),
        None,
        Some("60.000.000"),
        Some("1"),
    ];
    activity(run, "Khoan giếng nước sạch", 6, &well, 1);
    let training = [
        Some("2"),
        Some("lớp"),
        Some("Tháng 3/2028"),
        Some("Nhà văn hoá buôn"),
        Some("Khuyến nông xã"),
        None,
        None,
        Some("10"),
    ];
    activity(run, "Tập huấn trồng cà phê", 1, &training, 2);
    activity(run, "Sửa đường vào khu sản xuất", 4, &[], 3);
    run.step("assessment: three proposed activities");
    let record = run.record();
    let activities: Vec<_> = record.activities.iter().map(|a| &a.activity).collect();
    assert_eq!(activities.len(), 3);
    let well = &activities[0].fields;
    assert_eq!(well.estimated_cost_vnd, Some(60_000_000));
    assert!(well.proposed_by_women);
    assert!(well.missing_plan_fields().is_empty(), "{well:?}");
    assert!(activities[1].fields.missing_plan_fields().is_empty());
    assert_eq!(activities[2].fields.missing_plan_fields().len(), 5);
}

/// Digits down each criterion's column (the women's column comes prefilled).
fn scoring(run: &mut Run) {
    next_step(run);
    run.wait_t("scoring.criterion.urgency");
    run.keys(&[
        "5", "4", "3", "Right", "Up", "Up", "4", "5", "2", "Right", "Right",
    ]);
    run.keys(&[
        "Up", "Up", "3", "4", "3", "Right", "Up", "Up", "4", "5", "4", "F5",
    ]);
    run.wait_tf("wgm.draft_title", &["3"]);
    run.step("scoring: form 3 (15 cells, 3 prefilled)");
    let record = run.record();
    let cells = &record.scoring.matrix;
    assert_eq!(cells.len(), 15);
    let total = |i: usize| -> u32 {
        let id = record.activities[i].activity.id.0;
        cells
            .iter()
            .filter(|c| c.row == id)
            .map(|c| u32::from(c.score))
            .sum()
    };
    assert_eq!([total(0), total(1), total(2)], [21, 19, 13]);
}

/// One group's size (prefilled from the register), its leader and the votes in draft order.
fn group_votes(run: &mut Run, section: &str, leader: &str, votes: &[&str], status: &[&str]) {
    run.keys(&[section, "e"]);
    run.wait_t("m2.form.recorder");
    run.keys(&["Tab", "Tab"]);
    run.text(leader);
    run.keys(&["Enter"]);
    for v in votes {
        run.text(v);
        run.keys(&["Enter"]);
    }
    run.wait_tf("m2.group.votes_status", status);
}

/// Marks people present by a few letters of their names each (the pick list has the focus).
fn mark_present(run: &mut Run, letters: &[&str], left: usize) {
    for l in letters {
        run.text(l);
        run.keys(&["Enter"]);
    }
    run.wait_tf("pick.title", &[&left.to_string()]);
}

fn meeting2_attendance(run: &mut Run) {
    next_step(run);
    run.wait_t("m2.results");
    run.keys(&["F7"]);
    fill_record(run, "20/05/2027", "8h", "11h");
    run.until("meeting 2's record", |r| {
        meeting(r, MeetingKind::Village2).date == "2027-05-20"
    });
    run.keys(&["F3"]);
    run.wait_tf("pick.title", &["8"]);
    mark_present(run, &["hung", "khu", "nhi", "blum", "lan", "thuon"], 2);
    run.keys(&["Tab"]);
    run.wait_t("att.add_title");
    run.text("Y Ngông Mlô");
    run.keys(&["Tab", "1", "Tab"]);
    run.text("Ê Đê");
    run.keys(&["Enter"]);
    run.wait_tf("att.register", &["7"]);
    run.step("meeting 2: record, 6 marked present, 1 new");
    let record = run.record();
    let register = &meeting(&record, MeetingKind::Village2).register;
    assert_eq!(register.len(), 7);
    assert_eq!(record.people.len(), 9, "one new person, the others known");
}

fn meeting2_adoption(run: &mut Run) {
    escape(
        run,
        t(run.lang, "att.register")
            .split('(')
            .next()
            .unwrap()
            .trim(),
    );
    group_votes(
        run,
        "F4",
        "Y Khu Niê",
        &["3", "5", "4"],
        &["4", "3", "12", "12", "3", "3"],
    );
    group_votes(
        run,
        "F5",
        "H'Nhi Êban",
        &["6", "1", "2"],
        &["3", "3", "9", "9", "3", "3"],
    );
    run.keys(&["F6", "a"]);
    run.wait_head("m2.reason.approve_missing", &[]);
    run.text("Địa điểm sẽ chọn khi khảo sát");
    run.keys(&["Enter"]);
    run.wait_head("m2.res.approved", &["1"]);
    run.step("meeting 2: both groups' votes, adoption");
    let record = run.record();
    assert_eq!(record.scoring.groups.len(), 2);
    assert_eq!(record.plan_versions.len(), 1);
    let names: Vec<&str> = record.plan_versions[0]
        .rows
        .iter()
        .map(|r| r.activity_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Khoan giếng nước sạch",
            "Sửa đường vào khu sản xuất",
            "Tập huấn trồng cà phê"
        ],
        "the women's votes put the road above the training"
    );
    let tally = meeting(&record, MeetingKind::Village2)
        .closed_tally
        .unwrap();
    assert_eq!(
        (tally.men, tally.women),
        (4, 3),
        "adoption closes the meeting"
    );
}

fn annual_selection(run: &mut Run) {
    next_step(run);
    run.wait_t("ann.summary_title");
    run.keys(&["a"]);
    run.wait_t("ann.summary_title");
    run.text("Có đường nhựa tới xã");
    run.keys(&["Tab"]);
    run.text("Thiếu nước mùa khô");
    run.keys(&["Tab"]);
    run.text("Cà phê 2,5 tấn/ha");
    run.keys(&["Enter"]);
    run.wait("Có đường nhựa tới xã");
    run.keys(&["F5"]);
    run.wait_tf("ann.plan_parts", &["0", "0", "2"]);
    run.keys(&["1", "Down", "2", "Down", "1"]);
    run.wait_tf("ann.plan_parts", &["2", "1", "2"]);
    run.keys(&[
        "F6", "5", "3", "4", "Right", "Up", "Up", "4", "3", "5", "Right",
    ]);
    run.keys(&[
        "Up", "Up", "5", "1", "1", "Right", "Up", "Up", "3", "3", "4", "Right",
    ]);
    run.keys(&["Up", "Up", "4", "3", "5"]);
    let record = run.until("form 4's 15 scores", |r| r.annual.scores.len() == 15);
    run.step("annual plan: summary, parts 1 and 2, form 4");
    let summary = record.annual.summary.as_ref().unwrap();
    assert_eq!(summary.production_results, "Cà phê 2,5 tấn/ha");
    let parts: Vec<Part> = record.annual.items.iter().map(|i| i.part).collect();
    assert_eq!(parts, [Part::One, Part::Two, Part::One]);
}

fn annual_approval(run: &mut Run) {
    run.keys(&["F7"]);
    fill_record(run, "28/05/2027", "14h", "16h");
    run.wait_tf("pick.title", &["9"]);
    mark_present(run, &["hung", "khu", "nhi", "blum", "lan"], 4);
    approve_votes(run);
    // The road lacks its details: refused, and the message says how to go on.
    run.wait_head("annual.err.missing_fields", &[]);
    run.wait("(F5, Tab, x)");
    let message = t(run.lang, "annual.err.missing_fields");
    let tail: String = message.chars().skip(message.chars().count() - 10).collect();
    run.wait(&tail);
    escape(run, "(4)");
    run.keys(&["F5", "Tab", "Down", "Down", "x"]);
    run.wait_tf("ann.plan_parts", &["2", "0", "2"]);
    approve_votes(run);
    let args = ["28/05/2027", "4", "1"].map(String::from);
    let approved: String = tf(run.lang, "ann.approved", &args)
        .chars()
        .take(30)
        .collect();
    run.wait(&approved);
    run.step("annual plan: approval meeting (refused, road dropped, approved)");
    let record = run.record();
    let approval = record.annual.approval.as_ref().unwrap();
    assert!(approval.frozen);
    assert_eq!((approval.votes_for, approval.votes_against), (4, 1));
    assert_eq!(record.annual.items.len(), 2);
    let register = &meeting(&record, MeetingKind::AnnualApproval).register;
    assert_eq!(register.len(), 5);
}

/// F8, 4 for, 1 against, Enter.
fn approve_votes(run: &mut Run) {
    run.keys(&["F8"]);
    run.wait_t("ann.approve_title");
    run.keys(&["Tab", "4", "Tab", "C-u", "1", "Enter"]);
}

fn export(run: &mut Run) -> PathBuf {
    next_step(run);
    run.wait_t("exp.title");
    let out = run.dir.join("out");
    run.keys(&["Tab", "C-u"]);
    run.text(&out.to_string_lossy());
    run.keys(&["Enter"]);
    // A folder that is not there yet: the message says what to do.
    let missing = tf(
        run.lang,
        "export.err.out_missing",
        &[out.display().to_string()],
    );
    let next_step = missing.split(": ").nth(1).unwrap();
    run.wait(&next_step.chars().take(15).collect::<String>());
    std::fs::create_dir(&out).unwrap();
    run.keys(&["Enter"]);
    run.wait_tf("exp.written", &["16"]);
    run.step("export: 4 formats (Enter again once the folder is made)");
    out
}

/// The exported bundle passes `kehoach check`, and the printed plan holds what was typed.
fn check_exports(dir: &Path, out: &Path) {
    let json = out.join("buon-kram-2027.json");
    let checked = run_piped(dir, &["check", &json.to_string_lossy()]);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let html = std::fs::read_to_string(out.join("buon-kram-2027.html")).unwrap();
    for typed in [
        "Y Kim Niê",
        "Có đường nhựa tới xã",
        "Khoan giếng nước sạch",
        "Sửa đường vào khu sản xuất",
    ] {
        assert!(html.contains(typed), "{typed} not in the printed plan");
    }
    assert!(out.join("buon-kram-2027.xlsx").is_file());
}

fn quit(run: &mut Run) {
    escape(run, t(run.lang, "cycle.steps").trim());
    escape(run, "Ea Tiêu");
    run.keys(&["q"]);
    run.tmux.wait_for_exit(TIMEOUT).unwrap();
    let store = Store::open(&run.db).unwrap();
    assert!(store.integrity_ok().unwrap());
}

/// The whole cycle in `lang`; the keys per step.
fn full_cycle(lang: Lang) -> Vec<Step> {
    let (_dir, mut run) = Run::start(lang);
    create_cycle(&mut run);
    meeting1_record(&mut run);
    meeting1_register(&mut run);
    working_group(&mut run);
    close_meeting1(&mut run);
    assessment_groups(&mut run);
    assessment_findings(&mut run);
    assessment_activities(&mut run);
    scoring(&mut run);
    meeting2_attendance(&mut run);
    meeting2_adoption(&mut run);
    annual_selection(&mut run);
    annual_approval(&mut run);
    let out = export(&mut run);
    check_exports(&run.dir, &out);
    quit(&mut run);
    run.steps
}

fn print(lang: Lang, steps: &[Step]) {
    println!("{lang:?}: | step | keys | of them typed text |");
    for (name, keys, letters) in steps {
        println!("| {name} | {keys} | {letters} |");
    }
    let keys: usize = steps.iter().map(|s| s.1).sum();
    let letters: usize = steps.iter().map(|s| s.2).sum();
    println!("| whole cycle | {keys} | {letters} |");
}

#[test]
fn a_whole_cycle_in_vietnamese() {
    print(Lang::Vi, &full_cycle(Lang::Vi));
}

#[test]
fn a_whole_cycle_in_english() {
    print(Lang::En, &full_cycle(Lang::En));
}
