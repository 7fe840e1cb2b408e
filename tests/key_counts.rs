//! Keys per step, counted (issue 16, "measure it"): the App driven in-process, every key
//! through `handle_event` and counted, on a fresh commune, village and cycle made with
//! keys. Registering a new attendee at meeting 1 takes the name and 3 keys; marking a
//! known person present at meeting 2 takes a few letters of the name and 1 key. The
//! figures printed here are the ones in BENCHMARKS.md ("Keys per step").

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use kehoach::domain::MeetingKind;
use kehoach::i18n::Lang;
use kehoach::tui::app::App;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The app and how many keys it was given.
struct Counted {
    app: App,
    keys: usize,
}

impl Counted {
    fn press(&mut self, code: KeyCode) {
        self.keys += 1;
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        self.app.handle_event(Event::Key(key));
    }

    fn type_text(&mut self, text: &str) {
        text.chars().for_each(|c| self.press(KeyCode::Char(c)));
    }

    /// Keys pressed by `f`.
    fn count(&mut self, f: impl FnOnce(&mut Self)) -> usize {
        let before = self.keys;
        f(self);
        self.keys - before
    }
}

const NAMES: [(&str, char); 6] = [
    ("Y Khu Niê", '1'),
    ("Nguyễn Thị Hường", '2'),
    ("H'Nhi Êban", '2'),
    ("Trần Văn Đức", '1'),
    ("Y Bhin Adrơng", '1'),
    ("Lê Thị Mỹ Duyên", '2'),
];

fn register_count(app: &App, kind: MeetingKind) -> usize {
    let store = app.store();
    let village = store.communes().unwrap()[0].id;
    let village = store.villages(village).unwrap()[0].id;
    let cycle = store.cycles(village).unwrap()[0].id;
    let meeting = store.find_meeting(cycle, kind).unwrap();
    meeting.map_or(0, |m| store.attendees(m.id).unwrap().len())
}

#[test]
fn registering_and_marking_present_take_few_keys() {
    let mut c = Counted {
        app: driver::empty_app(Lang::Vi),
        keys: 0,
    };
    let setup = c.count(|c| {
        c.press(KeyCode::Char('c'));
        c.type_text("Ea Tu");
        c.press(KeyCode::Enter);
        c.press(KeyCode::Char('t'));
        c.type_text("Buôn Kô Sier");
        c.press(KeyCode::Enter);
        c.press(KeyCode::Char('n'));
        c.type_text("2027");
        c.press(KeyCode::Enter);
        c.press(KeyCode::Enter);
    });
    // Step 2, meeting 1: F4 attendance; each person is name, Tab, gender, Enter.
    let open_m1 = c.count(|c| {
        c.press(KeyCode::Down);
        c.press(KeyCode::Enter);
        c.press(KeyCode::F(4));
    });
    let mut extra = Vec::new();
    for (name, gender) in NAMES {
        let keys = c.count(|c| {
            c.type_text(name);
            c.press(KeyCode::Tab);
            c.press(KeyCode::Char(gender));
            c.press(KeyCode::Enter);
        });
        extra.push(keys - name.chars().count());
    }
    assert_eq!(register_count(&c.app, MeetingKind::Village1), NAMES.len());
    assert!(extra.iter().all(|k| *k <= 3), "{extra:?}");
    // Step 5, meeting 2: F3 opens on the people not yet marked; letters, Enter.
    let open_m2 = c.count(|c| {
        c.press(KeyCode::Esc);
        c.press(KeyCode::Esc);
        for _ in 0..3 {
            c.press(KeyCode::Down);
        }
        c.press(KeyCode::Enter);
        c.press(KeyCode::F(3));
    });
    let mut marks = Vec::new();
    for letters in ["huong", "duc", "eban"] {
        let keys = c.count(|c| {
            c.type_text(letters);
            c.press(KeyCode::Enter);
        });
        marks.push(keys - letters.len());
    }
    assert_eq!(register_count(&c.app, MeetingKind::Village2), 3);
    assert!(marks.iter().all(|k| *k <= 3), "{marks:?}");
    println!("| what | keys |");
    println!("|---|---|");
    println!("| commune, village and cycle, opened | {setup} |");
    println!("| open meeting 1's attendance | {open_m1} |");
    println!(
        "| register a new attendee, beyond the name | {} |",
        extra[0]
    );
    println!("| open meeting 2's attendance | {open_m2} |");
    println!(
        "| mark a known person present, beyond the letters | {} |",
        marks[0]
    );
}
