//! The plan forms in XLSX (read back with calamine) and CSV (read back with the csv crate)
//! for both demo years: form 3, the official plan with men's, women's and combined ranks,
//! form 4 by part with totals (SUM formulas whose cached values a reader sees), last year's
//! review with money as numbers, and the meetings' tallies; the cells match the snapshot
//! and the database, diacritics included.

#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use kehoach::domain::CycleId;
use kehoach::domain::annual::{Part, Source};
use kehoach::export::CycleSnapshot;
use kehoach::export::csv::{BOM, to_csv};
use kehoach::export::xlsx::to_xlsx;
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;

fn demo_years() -> (Store, CycleId, CycleId) {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    (store, first, next)
}

fn workbook(s: &CycleSnapshot) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(to_xlsx(s, Lang::Vi).unwrap())).unwrap()
}

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, key: &str) -> Range<Data> {
    wb.worksheet_range(&t(Lang::Vi, key))
        .unwrap_or_else(|e| panic!("sheet {key}: {e}"))
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, got {other:?}"),
    }
}

/// The row whose column 1 (the activity's name) is `name`.
fn row_named<'a>(r: &'a Range<Data>, name: &str) -> &'a [Data] {
    r.rows()
        .find(|row| row.get(1).is_some_and(|c| text_or_empty(c) == name))
        .unwrap_or_else(|| panic!("no row named {name}"))
}

fn text_or_empty(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        _ => String::new(),
    }
}

#[test]
fn form_3_sheet_holds_every_scored_activity_with_its_rank_and_scores() {
    let (store, first, _) = demo_years();
    let snap = store.cycle_snapshot(first).unwrap();
    let mut wb = workbook(&snap);
    let range = sheet(&mut wb, "export.sheet.form3");
    for row in &snap.draft_plan {
        let a = snap
            .activities
            .iter()
            .find(|a| a.id.0 == row.activity)
            .unwrap();
        let cells = row_named(&range, &a.fields.name);
        match row.rank {
            Some(rank) => assert_eq!(num(&cells[0]), f64::from(rank)),
            None => assert_eq!(cells[0], Data::Empty),
        }
        // Rank, name, 11 attributes, then the five scores and the total.
        for (i, score) in row.scores.iter().enumerate() {
            assert_eq!(num(&cells[13 + i]), f64::from(score.unwrap()));
        }
        assert_eq!(num(&cells[18]), f64::from(row.total));
    }
}

#[test]
fn the_official_plan_sheet_has_men_women_and_combined_ranks() {
    let (store, first, next) = demo_years();
    for cycle in [first, next] {
        let snap = store.cycle_snapshot(cycle).unwrap();
        let plan = snap.official_plan.as_ref().unwrap();
        let mut wb = workbook(&snap);
        let range = sheet(&mut wb, "export.sheet.official");
        for (r, a) in plan.combined.rows.iter().zip(&plan.activities) {
            let cells = row_named(&range, &a.fields.name);
            assert_eq!(num(&cells[0]), f64::from(r.rank), "{}", a.fields.name);
            assert_eq!(num(&cells[2]), r.men_points as f64);
            assert_eq!(num(&cells[3]), f64::from(r.men_rank));
            assert_eq!(num(&cells[4]), r.women_points as f64);
            assert_eq!(num(&cells[5]), f64::from(r.women_rank));
            assert_eq!(num(&cells[6]), f64::from(r.draft_rank));
            assert!((num(&cells[7]) - r.score).abs() < 0.001);
        }
    }
    // The carried-over year says which year made the plan.
    let snap = store.cycle_snapshot(next).unwrap();
    let mut wb = workbook(&snap);
    let range = sheet(&mut wb, "export.sheet.official");
    assert!(
        range
            .rows()
            .any(|r| text_or_empty(&r[1]).contains("Lập năm 2026, áp dụng cho năm 2027"))
    );
}

#[test]
fn form_4_sheet_splits_the_parts_and_its_totals_are_formulas_with_values() {
    let (store, _, next) = demo_years();
    let snap = store.cycle_snapshot(next).unwrap();
    let annual = snap.annual_plan.as_ref().unwrap();
    let bytes = to_xlsx(&snap, Lang::Vi).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = sheet(&mut wb, "export.sheet.form4");
    let part1_title = t(Lang::Vi, "export.title.part1");
    let part2_title = t(Lang::Vi, "export.title.part2");
    let at = |title: &str| {
        range
            .rows()
            .position(|r| text_or_empty(&r[0]) == title)
            .unwrap_or_else(|| panic!("{title}"))
    };
    let (p1, p2) = (at(&part1_title), at(&part2_title));
    assert!(p1 < p2);
    for row in annual.rows.iter() {
        let pos = range
            .rows()
            .position(|r| text_or_empty(&r[1]) == row.activity.fields.name)
            .unwrap();
        match row.part {
            Part::One => assert!(pos > p1 && pos < p2),
            Part::Two => assert!(pos > p2),
        }
        let cells = &range.rows().nth(pos).unwrap();
        assert_eq!(
            num(&cells[0]),
            f64::from(row.scoring.rank.unwrap()),
            "{}",
            row.activity.fields.name
        );
    }
    // Part 1 starts at rank 1 and so does part 2.
    let first_rank = |from: usize| num(&range.rows().nth(from + 2).unwrap()[0]);
    assert_eq!(first_rank(p1), 1.0);
    assert_eq!(first_rank(p2), 1.0);
    // The totals row of part 1: money (column 9) is a SUM whose cached value is the sum.
    let total_label = t(Lang::Vi, "export.x.total");
    let total_row = range
        .rows()
        .skip(p1)
        .find(|r| text_or_empty(&r[1]) == total_label)
        .unwrap();
    let money: f64 = annual
        .part(Part::One)
        .map(|r| r.activity.fields.contribution.money_vnd as f64)
        .sum();
    assert!(money > 0.0);
    assert_eq!(num(&total_row[9]), money);
    let formulas = wb
        .worksheet_formula(&t(Lang::Vi, "export.sheet.form4"))
        .unwrap();
    assert!(
        formulas.used_cells().any(|(_, _, f)| f.starts_with("SUM(")),
        "totals are formulas"
    );
    // The vote is under the tables.
    let vote = annual.approval.as_ref().unwrap();
    assert!(range.rows().any(|r| {
        let line = text_or_empty(&r[0]);
        line.contains(&kehoach::domain::meeting::display_date(&vote.date))
            && line.contains(&vote.votes_for.to_string())
    }));
}

#[test]
fn the_review_sheet_has_percents_and_money_as_numbers_with_totals() {
    let (store, _, next) = demo_years();
    let snap = store.cycle_snapshot(next).unwrap();
    let review = snap.review.as_ref().unwrap();
    let mut wb = workbook(&snap);
    let range = sheet(&mut wb, "export.sheet.review");
    for row in &review.rows {
        let cells = row_named(&range, &row.activity.fields.name);
        if let Some(r) = &row.review {
            assert_eq!(num(&cells[4]), f64::from(r.percent));
            for (i, source) in Source::ALL.iter().enumerate() {
                assert_eq!(num(&cells[6 + i]), r.spending.get(*source) as f64);
            }
        }
    }
    let total_label = t(Lang::Vi, "export.x.total");
    let totals = range
        .rows()
        .find(|r| text_or_empty(&r[1]) == total_label)
        .unwrap();
    for (i, source) in Source::ALL.iter().enumerate() {
        assert_eq!(num(&totals[6 + i]), review.totals.get(*source) as f64);
    }
    assert!(
        range
            .rows()
            .any(|r| text_or_empty(&r[0]).starts_with("Thuận lợi: "))
    );
}

#[test]
fn the_meetings_sheet_has_every_meetings_tally() {
    let (store, first, next) = demo_years();
    let snap = store.cycle_snapshot(first).unwrap();
    let m1 = snap.meeting1.as_ref().unwrap();
    let m2 = snap.meeting2.as_ref().unwrap();
    let mut wb = workbook(&snap);
    let range = sheet(&mut wb, "export.sheet.meetings");
    let row = |title: &str| {
        range
            .rows()
            .find(|r| text_or_empty(&r[0]) == t(Lang::Vi, title))
            .unwrap()
            .to_vec()
    };
    let first_row = row("export.title.meeting1");
    assert_eq!(num(&first_row[3]), f64::from(m1.tally.men));
    assert_eq!(num(&first_row[4]), f64::from(m1.tally.women));
    let second = row("export.title.meeting2");
    assert_eq!(num(&second[5]), f64::from(m2.tally.total()));

    let snap = store.cycle_snapshot(next).unwrap();
    let approval = snap.annual_plan.as_ref().unwrap().meeting.as_ref().unwrap();
    let mut wb = workbook(&snap);
    let range = sheet(&mut wb, "export.sheet.meetings");
    let row = range
        .rows()
        .find(|r| text_or_empty(&r[0]) == t(Lang::Vi, "export.title.approval"))
        .unwrap();
    assert_eq!(num(&row[4]), f64::from(approval.tally.women));
}

#[test]
fn the_csv_plan_files_parse_back_with_the_bom_and_match() {
    let (store, first, next) = demo_years();
    for cycle in [first, next] {
        let snap = store.cycle_snapshot(cycle).unwrap();
        let files = to_csv(&snap);
        for (name, bytes) in &files {
            assert!(bytes.starts_with(BOM), "{name}");
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(false)
                .from_reader(&bytes[BOM.len()..]);
            let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
            assert!(!rows.is_empty(), "{name}");
        }
        let official = files
            .iter()
            .find(|(n, _)| n.ends_with("-ke-hoach-trung-han.csv"))
            .unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(&official.1[BOM.len()..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let plan = snap.official_plan.as_ref().unwrap();
        for (r, a) in plan.combined.rows.iter().zip(&plan.activities) {
            let row = rows
                .iter()
                .find(|row| row.get(1) == Some(a.fields.name.as_str()))
                .unwrap();
            assert_eq!(row.get(0).unwrap(), r.rank.to_string());
            assert_eq!(row.get(3).unwrap(), r.men_rank.to_string());
            assert_eq!(row.get(5).unwrap(), r.women_rank.to_string());
        }
    }
}

#[test]
fn every_plan_table_has_rows_as_wide_as_its_header_and_says_something() {
    let (store, first, next) = demo_years();
    for cycle in [first, next] {
        let snap = store.cycle_snapshot(cycle).unwrap();
        for lang in [Lang::Vi, Lang::En] {
            for form in kehoach::export::forms::plan_forms(&snap, lang) {
                for table in &form.tables {
                    for row in &table.rows {
                        assert_eq!(row.len(), table.header.len(), "{}", form.title);
                    }
                    for c in &table.sum_columns {
                        assert!(*c < table.header.len(), "{}", form.title);
                    }
                }
                let empty = form.tables.iter().all(|t| t.rows.is_empty());
                assert!(
                    !empty || !form.notes.is_empty(),
                    "{} says something",
                    form.title
                );
                assert!(
                    !form.title.contains("export."),
                    "untranslated: {}",
                    form.title
                );
            }
        }
    }
}
