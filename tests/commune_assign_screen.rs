//! The commune's assignment screen at 80x24 (issue 15, item 1), driven by keys: on the
//! commune year `g` opens the selected village's approved activities with the commune's
//! decision; Enter opens the village's own assignment form; a plan not approved is
//! refused; `e` writes one assignment bundle per village into a folder, never over a file
//! already there. The demo's commune assigned Buôn Kram's 2026 plan, and the bundle it
//! writes changes nothing when the same database takes it in.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::press;
use kehoach::commands::commune_assign::assigned_items;
use kehoach::commands::import::{ImportFile, Verdict, plan};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn screen(app: &App) -> String {
    driver::screen(app, 80, 24)
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    kehoach::demo::populate(&mut store).unwrap();
    store
}

/// The demo's commune year 2026 with the assignment of its first village (Buôn Kram).
fn assign_screen(lang: Lang) -> App {
    let mut app = driver::demo_app(lang);
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('g'));
    app
}

#[test]
fn the_commune_sees_what_it_assigned_to_each_activity() {
    let app = assign_screen(Lang::Vi);
    let shown = screen(&app);
    assert!(
        shown.contains("Giao kế hoạch năm 2026 cho Buôn Kram"),
        "{shown}"
    );
    assert!(shown.contains("Kế hoạch năm bản 1"), "{shown}");
    assert!(
        shown.contains("◐ Điều chỉnh") || shown.contains("◐"),
        "{shown}"
    );
    assert!(shown.contains("✗"), "a not-funded activity: {shown}");
    insta::assert_snapshot!("commune_assign_vi", shown);
    let en = screen(&assign_screen(Lang::En));
    assert!(en.contains("Assigning Buôn Kram's 2026 plan"), "{en}");
    insta::assert_snapshot!("commune_assign_en", en);
}

#[test]
fn enter_opens_the_villages_assignment_form_prefilled_from_the_commune_record() {
    let mut app = assign_screen(Lang::Vi);
    press(&mut app, KeyCode::Enter);
    let form = screen(&app);
    assert!(form.contains("Giao kế hoạch · "), "{form}");
    assert!(form.contains("25/06/2026"), "the date held: {form}");
    insta::assert_snapshot!("commune_assign_form_vi", form);
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains("Giao kế hoạch · "));
}

#[test]
fn a_plan_not_approved_is_not_assigned() {
    let mut app = driver::demo_app(Lang::Vi);
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('g'));
    let shown = screen(&app);
    assert!(shown.contains("Thôn 3"), "{shown}");
    assert!(shown.contains("chưa được thông qua"), "{shown}");
    press(&mut app, KeyCode::Enter);
    let refused = screen(&app);
    assert!(!refused.contains("Giao kế hoạch · "), "{refused}");
}

#[test]
fn e_writes_one_bundle_per_village_and_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = assign_screen(Lang::Vi);
    press(&mut app, KeyCode::Char('e'));
    app.handle_event(Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    for c in dir.path().display().to_string().chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let file = dir.path().join("buon-kram-2026-giao-ke-hoach.json");
    assert!(file.is_file(), "{}", screen(&app));
    assert!(screen(&app).contains("buon-kram-2026-giao-ke-hoach.json"));
    let bytes = std::fs::read(&file).unwrap();
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Enter);
    assert!(
        screen(&app).contains("đã có: kehoach không ghi"),
        "{}",
        screen(&app)
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "the first file stays");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "owner-only: {mode:o}");
    }
}

#[test]
fn the_demo_commune_assignment_is_the_villages_own_and_its_bundle_changes_nothing() {
    let store = demo_store();
    let commune = store.communes().unwrap()[0].id;
    let year = store.commune_year(commune, 2026).unwrap();
    let kram = year.iter().find(|v| v.village.name == "Buôn Kram").unwrap();
    let held = assigned_items(&store, kram).unwrap();
    let record = kram.record.as_ref().unwrap();
    assert_eq!(held.len(), record.after.assignments.len());
    assert!(!held.is_empty());
    let bundles = kehoach::commands::commune_assign::assignment_bundles(
        &store,
        commune,
        2026,
        &kehoach::export::bundle::Stamp::now(),
    )
    .unwrap();
    assert_eq!(bundles.len(), 1, "Thôn 3's plan is not approved");
    let file = ImportFile::new("giao.json", bundles[0].to_bytes());
    let found = plan(&store, &[file]).unwrap();
    assert_eq!(found[0].verdict(), Some(&Verdict::Unchanged), "{found:?}");
}

#[test]
fn a_budget_above_the_cost_the_conference_set_is_flagged_not_refused() {
    use kehoach::commands::{Command, CommuneAssign, execute};
    use kehoach::domain::after_plan::AssignedItem;
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let record = store.cycle_record(cycle).unwrap();
    let plan = kehoach::export::bundle::annual_identity(&record).unwrap();
    let items = store.annual_items(cycle).unwrap();
    let dam = items
        .iter()
        .position(|i| i.activity.fields.name == "Xây đập dâng nhỏ trên suối Ea Tiêu")
        .unwrap();
    let after = store.after_plan(cycle).unwrap();
    let mut a = after.assignment(items[dam].id).unwrap().clone();
    assert!(
        a.budget.total() <= 700_000_000,
        "the demo keeps to the cost"
    );
    a.budget.people = 700_000_000 - a.budget.outside() + 65_000_000;
    let raise = CommuneAssign {
        village: record.village.id,
        year: 2026,
        plan_version: plan.version_id,
        item: AssignedItem {
            activity: items[dam].activity.id.0,
            assignment: a,
        },
    };
    execute(&mut store, Command::CommuneAssign(raise)).expect("allowed");
    let mut app = App::new(store, Lang::Vi, Theme::mono()).unwrap();
    for key in [KeyCode::Char('g'), KeyCode::Left, KeyCode::Char('g')] {
        press(&mut app, key);
    }
    // The dam is the last activity in form 4's order.
    press(&mut app, KeyCode::PageDown);
    let shown = screen(&app);
    assert!(shown.contains("▶ Xây đập dâng nhỏ"), "{shown}");
    assert!(shown.contains("⚑ 765.000.000"), "{shown}");
    assert!(shown.contains("vượt chi phí 700.000.000"), "{shown}");
    insta::assert_snapshot!("commune_assign_above_cost_vi", shown);
}
