//! Meeting 2's results explain themselves: each group's votes, their share of the group's
//! votes and the group's rank, and the combined score, so the working-group leader can
//! show why an activity came first though neither group put it first; ties are marked
//! (issue 16).

#![allow(clippy::unwrap_used)]

mod meeting2_support;

use kehoach::i18n::Lang;
use meeting2_support::*;
use ratatui::crossterm::event::KeyCode;

/// The results line of `name`.
fn row<'a>(shown: &'a str, name: &str) -> &'a str {
    shown
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no {name}:\n{shown}"))
}

fn cells(line: &str) -> Vec<String> {
    line.split_whitespace().map(String::from).collect()
}

#[test]
fn second_in_both_groups_comes_first_and_the_row_shows_why() {
    let (store, _) = store_with_activities();
    let mut app = open_meeting2(store, Lang::Vi);
    // Men put the road first, women the coffee training; both put the canal second.
    group_details(&mut app, 10, 2, "");
    enter_values(&mut app, &[10, 1, 9]);
    press(&mut app, KeyCode::F(5));
    group_details(&mut app, 10, 2, "");
    enter_values(&mut app, &[1, 10, 9]);
    press(&mut app, KeyCode::F(6));
    let shown = text(&app);
    let canal = row(&shown, ACTIVITIES[2]);
    assert!(canal.trim_start().starts_with("1 "), "{shown}");
    // 9 votes, 45,0% of the men's 20, their rank 2; the same for the women; 90,0 in all.
    let c = cells(canal);
    let tail: Vec<&str> = c.iter().rev().take(7).rev().map(String::as_str).collect();
    assert_eq!(
        tail,
        ["9", "45,0", "2", "9", "45,0", "2", "90,0"],
        "{canal}"
    );
    let road = cells(row(&shown, ACTIVITIES[0]));
    assert!(road.contains(&"50,0".to_string()) && road.contains(&"5,0".to_string()));
    // Nobody voted for the last seven: they share one rank, marked "=".
    assert!(row(&shown, ACTIVITIES[9]).contains("4="), "{shown}");
    insta::assert_snapshot!("m2_results_explained_vi", screen(&app));
}
