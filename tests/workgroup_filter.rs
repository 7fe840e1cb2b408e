//! The election list shows each candidate's organisations, wealth group, ethnicity and
//! training, narrows to a few letters of a name (`/`, diacritics optional) and to what a
//! failed check asks for (`Tab`: "Thiếu đại diện: Hội Nông dân" lists who would fill it)
//! (issue 16).

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;
mod meeting2_support;

use driver::{press, screen, type_text};
use kehoach::domain::{CycleId, Gender, Organisation, PersonDraft, WealthGroup};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// (name, gender, ethnicity, wealth, organisation, trained)
type Row = (
    &'static str,
    Gender,
    &'static str,
    WealthGroup,
    Option<Organisation>,
    bool,
);

const PEOPLE: [Row; 5] = [
    (
        "Y Kim Niê",
        Gender::Male,
        "Ê Đê",
        WealthGroup::Poor,
        Some(Organisation::FarmersUnion),
        true,
    ),
    (
        "H'Blưm Êban",
        Gender::Female,
        "Ê Đê",
        WealthGroup::Medium,
        Some(Organisation::WomensUnion),
        false,
    ),
    (
        "Nguyễn Thị Lan",
        Gender::Female,
        "Kinh",
        WealthGroup::Rich,
        None,
        true,
    ),
    (
        "Y Phôn Ksor",
        Gender::Male,
        "Ê Đê",
        WealthGroup::Poor,
        Some(Organisation::FarmersUnion),
        false,
    ),
    (
        "Trần Văn Kiên",
        Gender::Male,
        "Kinh",
        WealthGroup::Medium,
        Some(Organisation::YouthUnion),
        false,
    ),
];

/// Meeting 1 with the five people registered, open on the election (F5).
fn election(lang: Lang) -> (App, CycleId) {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = meeting2_support::fill(&mut store);
    let people = PEOPLE
        .iter()
        .map(
            |(name, gender, ethnicity, wealth, org, trained)| PersonDraft {
                name: (*name).into(),
                gender: Some(*gender),
                ethnicity: (*ethnicity).into(),
                wealth: Some(*wealth),
                organisations: org.iter().copied().collect(),
                trained: *trained,
                core_farmer: false,
            },
        )
        .collect();
    meeting2_support::register_at_meeting1(&mut store, cycle, people);
    let mut app = meeting2_support::open_step(store, lang, 2);
    press(&mut app, KeyCode::F(5));
    (app, cycle)
}

/// The candidates' rows of the list (the left panel), as shown; a row's details wrapped
/// below its name are joined to it with " · ".
fn listed(app: &App) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for cell in screen(app, 80, 24)
        .lines()
        .skip(4)
        .filter_map(|l| l.split('│').nth(1))
    {
        let text = cell.trim_start_matches('▶').trim();
        if text.starts_with('☐') || text.starts_with('☑') {
            rows.push(text.to_string());
        } else if let (Some(row), true) = (rows.last_mut(), cell.starts_with("    ")) {
            row.push_str(&format!(" · {text}"));
        }
    }
    rows
}

fn members(app: &App, cycle: CycleId) -> Vec<String> {
    let wg = app.store().working_group(cycle).unwrap();
    wg.members.into_iter().map(|p| p.name).collect()
}

#[test]
fn each_candidate_shows_ethnicity_wealth_organisations_and_training() {
    let (app, _) = election(Lang::Vi);
    let rows = listed(&app);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r == "☐ Y Kim Niê · Nam · Ê Đê · Nghèo · ND TH"),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r == "☐ Nguyễn Thị Lan · Nữ · Kinh · Giàu · TH"),
        "{rows:?}"
    );
}

#[test]
fn a_few_letters_without_diacritics_find_a_candidate_and_enter_elects_them() {
    let (mut app, cycle) = election(Lang::Vi);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kien");
    let rows = listed(&app);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Trần Văn Kiên"), "{rows:?}");
    insta::assert_snapshot!("wg_find_vi", screen(&app, 80, 24));
    press(&mut app, KeyCode::Enter);
    assert_eq!(members(&app, cycle), vec!["Trần Văn Kiên".to_string()]);
    // The search is empty again for the next name; Esc ends it.
    assert_eq!(listed(&app).len(), 5);
    type_text(&mut app, "lan");
    assert_eq!(listed(&app).len(), 1);
    press(&mut app, KeyCode::Esc);
    assert_eq!(listed(&app).len(), 5);
}

#[test]
fn a_failed_check_lists_who_would_fill_it() {
    for (lang, farmers, short, name) in [
        (Lang::Vi, "Lọc: Hội Nông dân (2 người)", " ND", "wg_gap_vi"),
        (Lang::En, "Filter: Farmers' Union (2)", " FU", "wg_gap_en"),
    ] {
        let (mut app, cycle) = election(lang);
        let mut tabs = 0;
        while !screen(&app, 80, 24).contains(farmers) {
            press(&mut app, KeyCode::Tab);
            tabs += 1;
            assert!(tabs < 12, "never narrowed to the Farmers' Union");
        }
        let rows = listed(&app);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows.iter().all(|r| r.contains(short)), "{rows:?}");
        insta::assert_snapshot!(name, screen(&app, 80, 24));
        // Electing one from the narrowed list; the other stays listed.
        press(&mut app, KeyCode::Char(' '));
        assert_eq!(members(&app, cycle), vec!["Y Kim Niê".to_string()]);
        assert_eq!(listed(&app).len(), 1);
        // Esc clears the filter first; the whole list is back.
        press(&mut app, KeyCode::Esc);
        assert_eq!(listed(&app).len(), 5);
    }
}
