//! The workbook of both demo years read back with calamine: every form has its sheet in
//! procedure order (Vietnamese and English), numbers are numbers with formats that show
//! them cleanly, every total is a SUM formula whose cached value is the sum it names,
//! form 4's rows carry their attributes, scores and reasons, the official plan's header
//! lines, unranked and unreviewed rows are marked, sheets without data say so, and the
//! privacy option removes attendees' names while keeping every count.

#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use kehoach::domain::annual::{Part, Source};
use kehoach::domain::meeting::display_date;
use kehoach::domain::scoring::Criterion;
use kehoach::export::CycleSnapshot;
use kehoach::export::xlsx::to_xlsx;
use kehoach::i18n::{Lang, t, tf};
use kehoach::store::Store;

type Book = Xlsx<Cursor<Vec<u8>>>;

/// Sheet keys in the order the workbook holds them.
const SHEETS: [&str; 10] = [
    "export.sheet.basic",
    "export.sheet.meeting1",
    "export.sheet.attendees",
    "export.sheet.working_group",
    "export.sheet.activities",
    "export.sheet.form3",
    "export.sheet.official",
    "export.sheet.form4",
    "export.sheet.review",
    "export.sheet.meetings",
];

/// The demo's medium-term year (2026) and its annual-only year (2027).
fn demo_years() -> (CycleSnapshot, CycleSnapshot) {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    (
        store.cycle_snapshot(first).unwrap(),
        store.cycle_snapshot(next).unwrap(),
    )
}

fn book(s: &CycleSnapshot, lang: Lang) -> Book {
    open_workbook_from_rs(Cursor::new(to_xlsx(s, lang).unwrap())).unwrap()
}

fn sheet(wb: &mut Book, key: &str) -> Range<Data> {
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

fn text(d: &Data) -> &str {
    match d {
        Data::String(s) => s,
        _ => "",
    }
}

/// Index of the row whose column `col` shows `label`.
fn row_at(r: &Range<Data>, col: usize, label: &str) -> usize {
    r.rows()
        .position(|row| row.get(col).is_some_and(|c| text(c) == label))
        .unwrap_or_else(|| panic!("no row with {label:?} in column {col}"))
}

fn row<'a>(r: &'a Range<Data>, col: usize, label: &str) -> &'a [Data] {
    r.rows().nth(row_at(r, col, label)).unwrap()
}

/// Every text cell of a sheet.
fn texts(r: &Range<Data>) -> Vec<String> {
    r.used_cells()
        .filter_map(|(_, _, c)| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_form_has_its_sheet_in_procedure_order_in_both_languages() {
    let (first, next) = demo_years();
    for snap in [&first, &next] {
        for lang in [Lang::Vi, Lang::En] {
            let names = book(snap, lang).sheet_names();
            let expected: Vec<String> = SHEETS.iter().map(|k| t(lang, k)).collect();
            assert_eq!(names, expected);
            assert!(names.iter().all(|n| n.chars().count() <= 31));
        }
    }
    // An English workbook has English headers and keeps the data's diacritics.
    let mut wb = book(&next, Lang::En);
    let form4 = wb
        .worksheet_range(&t(Lang::En, "export.sheet.form4"))
        .unwrap();
    let head = row(&form4, 1, &t(Lang::En, "export.col.activity"));
    assert_eq!(text(&head[0]), "Priority rank");
    let road = &next.annual_plan.as_ref().unwrap().rows[0]
        .activity
        .fields
        .name;
    assert!(texts(&form4).contains(road), "{road}");
}

/// Column letters to a zero-based index: "A" → 0, "AB" → 27.
fn column_index(letters: &str) -> u32 {
    letters
        .bytes()
        .fold(0, |n, b| n * 26 + u32::from(b - b'A' + 1))
        - 1
}

/// `SUM(J5:J10)` → (column, first row, last row), zero-based.
fn sum_range(formula: &str) -> (u32, u32, u32) {
    let inner = formula
        .trim_start_matches('=')
        .strip_prefix("SUM(")
        .and_then(|f| f.strip_suffix(')'))
        .unwrap_or_else(|| panic!("not a SUM: {formula}"));
    let (from, to) = inner.split_once(':').unwrap();
    let split = |cell: &str| {
        let at = cell.find(|c: char| c.is_ascii_digit()).unwrap();
        let (letters, digits) = cell.split_at(at);
        (column_index(letters), digits.parse::<u32>().unwrap() - 1)
    };
    let ((col, top), (col2, bottom)) = (split(from), split(to));
    assert_eq!(col, col2, "{formula}");
    (col, top, bottom)
}

/// Every formula of a sheet: its cached value equals the sum of the range it names.
/// Returns (row, column, cached value) of each.
fn checked_sums(wb: &mut Book, key: &str) -> Vec<(u32, u32, f64)> {
    let values = sheet(wb, key);
    let formulas = wb.worksheet_formula(&t(Lang::Vi, key)).unwrap();
    let (r0, c0) = formulas.start().unwrap_or((0, 0));
    let mut out = Vec::new();
    for (r, c, f) in formulas.used_cells() {
        let at = (r0 + r as u32, c0 + c as u32);
        let (col, top, bottom) = sum_range(f);
        assert_eq!(col, at.1, "{key}: a total sums its own column");
        assert!(bottom < at.0, "{key}: a total sums the rows above it");
        let sum: f64 = (top..=bottom)
            .filter_map(|row| values.get_value((row, col)))
            .filter(|d| matches!(d, Data::Float(_) | Data::Int(_)))
            .map(num)
            .sum();
        let cached = num(values.get_value(at).unwrap());
        assert!((cached - sum).abs() < 1e-6, "{key} {f}: {cached} != {sum}");
        out.push((at.0, at.1, cached));
    }
    out
}

#[test]
fn every_total_is_a_sum_formula_whose_cached_value_is_the_sum() {
    let (first, next) = demo_years();
    let mut wb = book(&first, Lang::Vi);
    let form3 = checked_sums(&mut wb, "export.sheet.form3");
    // Land, money, labour and cost of form 3.
    assert_eq!(form3.len(), 4);
    let cost: f64 = first
        .draft_plan
        .iter()
        .map(|r| {
            let a = first.activities.iter().find(|a| a.id.0 == r.activity);
            a.unwrap().fields.estimated_cost_vnd.unwrap_or(0) as f64
        })
        .sum();
    assert!(form3.iter().any(|(_, c, v)| *c == 12 && *v == cost));

    let mut wb = book(&next, Lang::Vi);
    let annual = next.annual_plan.as_ref().unwrap();
    let form4 = checked_sums(&mut wb, "export.sheet.form4");
    assert_eq!(form4.len(), 8, "four totals under each part");
    for (i, part) in [Part::One, Part::Two].into_iter().enumerate() {
        let rows: Vec<_> = annual.part(part).collect();
        let sum = |f: &dyn Fn(&kehoach::domain::activity::Activity) -> f64| -> f64 {
            rows.iter().map(|r| f(&r.activity)).sum()
        };
        let expect = [
            (8, sum(&|a| a.fields.contribution.land_m2 as f64)),
            (9, sum(&|a| a.fields.contribution.money_vnd as f64)),
            (10, sum(&|a| a.fields.contribution.labour_days)),
            (
                12,
                sum(&|a| a.fields.estimated_cost_vnd.unwrap_or(0) as f64),
            ),
        ];
        for (k, (col, value)) in expect.into_iter().enumerate() {
            let (_, c, cached) = form4[i * 4 + k];
            assert_eq!((c, cached), (col, value), "{part:?} column {col}");
        }
    }
    let review = next.review.as_ref().unwrap();
    let totals = checked_sums(&mut wb, "export.sheet.review");
    let cached: Vec<f64> = totals.iter().map(|(_, _, v)| *v).collect();
    let expected: Vec<f64> = Source::ALL
        .iter()
        .map(|s| review.totals.get(*s) as f64)
        .collect();
    assert_eq!(cached, expected);
}

#[test]
fn numbers_are_numbers_shown_without_a_trailing_point() {
    let (first, next) = demo_years();
    for snap in [&first, &next] {
        let mut wb = book(snap, Lang::Vi);
        for key in SHEETS {
            let values = sheet(&mut wb, key);
            let styles = wb.worksheet_style(&t(Lang::Vi, key)).unwrap();
            let (r0, c0) = values.start().unwrap();
            for (r, c, d) in values.used_cells() {
                if !matches!(d, Data::Float(_) | Data::Int(_)) {
                    continue;
                }
                let at = (r0 + r as u32, c0 + c as u32);
                let style = styles.get(at).unwrap();
                let code = style
                    .number_format
                    .as_ref()
                    .map_or("General", |f| f.format_code.as_str());
                assert!(
                    ["#,##0", "#,##0.0##", "0.000", "0", "General"].contains(&code),
                    "{key} {at:?}: {code}"
                );
            }
        }
    }
    // The combined score shows three decimals; the year is not grouped ("2,026").
    let mut wb = book(&first, Lang::Vi);
    let official = sheet(&mut wb, "export.sheet.official");
    let styles = wb
        .worksheet_style(&t(Lang::Vi, "export.sheet.official"))
        .unwrap();
    let plan = first.official_plan.as_ref().unwrap();
    let top = row_at(&official, 1, &plan.activities[0].fields.name) as u32;
    let score_format = styles.get((top, 7)).unwrap().number_format.clone().unwrap();
    assert_eq!(score_format.format_code, "0.000");
    let basic = sheet(&mut wb, "export.sheet.basic");
    let year = row(&basic, 0, &t(Lang::Vi, "export.field.year"));
    assert_eq!(num(&year[1]), 2026.0);
}

#[test]
fn form_4_rows_carry_attributes_scores_and_reasons_then_the_vote() {
    let (_, mut next) = demo_years();
    // A part-1 activity added although not in the medium-term plan shows its reason.
    let annual = next.annual_plan.as_mut().unwrap();
    annual.rows[0].added_reason = Some("Dịch bệnh mới xuất hiện".into());
    let annual = next.annual_plan.as_ref().unwrap();
    let mut wb = book(&next, Lang::Vi);
    let form4 = sheet(&mut wb, "export.sheet.form4");
    let part2 = row_at(&form4, 0, &t(Lang::Vi, "export.title.part2"));
    for r in &annual.rows {
        let f = &r.activity.fields;
        let at = row_at(&form4, 1, &f.name);
        assert_eq!(at > part2, r.part == Part::Two, "{}", f.name);
        let cells = form4.rows().nth(at).unwrap();
        assert_eq!(text(&cells[2]), t(Lang::Vi, f.sector.label_key()));
        assert_eq!(num(&cells[3]), f.quantity.unwrap());
        assert_eq!(text(&cells[4]), f.unit);
        assert_eq!(text(&cells[5]), f.location);
        assert_eq!(text(&cells[7]), f.responsible);
        assert_eq!(num(&cells[9]), f.contribution.money_vnd as f64);
        assert_eq!(num(&cells[10]), f.contribution.labour_days);
        assert_eq!(num(&cells[12]), f.estimated_cost_vnd.unwrap() as f64);
        for (i, score) in r.scoring.scores.iter().enumerate() {
            assert_eq!(num(&cells[13 + i]), f64::from(score.unwrap()));
        }
        assert_eq!(num(&cells[18]), f64::from(r.scoring.total));
        if let Some(why) = &r.added_reason {
            assert!(text(&cells[19]).contains(why.as_str()));
        }
    }
    let criteria = row(&form4, 1, &t(Lang::Vi, "export.col.activity"));
    for (i, c) in Criterion::ALL.iter().enumerate() {
        assert_eq!(text(&criteria[13 + i]), t(Lang::Vi, c.short_key()));
    }
    let vote = annual.approval.as_ref().unwrap();
    let line = texts(&form4)
        .into_iter()
        .find(|l| l.starts_with(&t(Lang::Vi, "export.x.approved_on")))
        .unwrap();
    assert!(line.contains(&display_date(&vote.date)), "{line}");
    for (key, n) in [
        ("export.field.votes_for", vote.votes_for),
        ("export.field.votes_against", vote.votes_against),
        ("export.field.abstain", vote.abstain),
    ] {
        assert!(
            line.contains(&format!("{} {n}", t(Lang::Vi, key))),
            "{line}"
        );
    }
}

#[test]
fn the_official_plan_sheet_states_version_method_groups_and_notes() {
    let (first, next) = demo_years();
    let plan = first.official_plan.as_ref().unwrap();
    let mut wb = book(&first, Lang::Vi);
    let official = sheet(&mut wb, "export.sheet.official");
    let fact = |key: &str| row(&official, 0, &t(Lang::Vi, key)).to_vec();
    assert_eq!(
        num(&fact("export.field.version")[1]),
        f64::from(plan.version)
    );
    assert!(
        text(&fact("export.field.method")[1])
            .starts_with(&t(Lang::Vi, plan.combined.method.label_key()))
    );
    let men = fact("scoring.group.men");
    assert!(text(&men[1]).contains(&plan.men.members.to_string()));
    assert!(text(&men[1]).contains(&plan.men.recorder));
    let women = fact("scoring.group.women");
    assert!(text(&women[1]).contains(&plan.women.recorder));
    // Made in this year: no carried-over line; next year says where it came from.
    assert!(
        !official
            .rows()
            .any(|r| text(&r[0]) == t(Lang::Vi, "export.x.period"))
    );
    let mut wb = book(&next, Lang::Vi);
    let carried = sheet(&mut wb, "export.sheet.official");
    let period = row(&carried, 0, &t(Lang::Vi, "export.x.period"));
    assert_eq!(text(&period[1]), "Lập năm 2026, áp dụng cho năm 2027");
    // Tied rows and top-5 mismatches are explained in the note column.
    for (r, a) in plan.combined.rows.iter().zip(&plan.activities) {
        let cells = row(&official, 1, &a.fields.name);
        let note = text(&cells[8]);
        let mut expected: Vec<String> = r.note_key().map(|k| t(Lang::Vi, k)).into_iter().collect();
        expected.extend(
            r.flag_notes()
                .into_iter()
                .map(|(k, args)| tf(Lang::Vi, k, &args)),
        );
        assert_eq!(note, expected.join("; "), "{}", a.fields.name);
    }
    assert!(plan.combined.rows.iter().any(|r| r.men_top_only));
    assert!(plan.combined.rows.iter().any(|r| r.tied));
    // The long method text is merged over the table's width, not run on past it.
    let merged = wb
        .merge_cells_by_sheet_name(&t(Lang::Vi, "export.sheet.official"))
        .unwrap();
    assert!(
        merged.iter().any(|d| d.start.1 == 1 && d.end.1 == 8),
        "{merged:?}"
    );
}

#[test]
fn unranked_and_unreviewed_rows_are_marked() {
    let (mut first, mut next) = demo_years();
    let last = first.draft_plan.last_mut().unwrap();
    last.scores[0] = None;
    last.rank = None;
    let unranked = first
        .activities
        .iter()
        .find(|a| a.id.0 == last.activity)
        .unwrap()
        .fields
        .name
        .clone();
    let mut wb = book(&first, Lang::Vi);
    let form3 = sheet(&mut wb, "export.sheet.form3");
    let cells = row(&form3, 1, &unranked);
    assert_eq!(cells[0], Data::Empty);
    assert_eq!(cells[13], Data::Empty);
    assert_eq!(text(&cells[19]), t(Lang::Vi, "export.state.unranked"));

    let review = next.review.as_mut().unwrap();
    review.rows[0].review = None;
    let name = review.rows[0].activity.fields.name.clone();
    let reviewed = review.rows[1].clone();
    let mut wb = book(&next, Lang::Vi);
    let sheet = sheet(&mut wb, "export.sheet.review");
    assert_eq!(
        text(&row(&sheet, 1, &name)[3]),
        t(Lang::Vi, "export.state.not_reviewed")
    );
    let cells = row(&sheet, 1, &reviewed.activity.fields.name);
    let r = reviewed.review.unwrap();
    assert_eq!(text(&cells[2]), t(Lang::Vi, reviewed.part.label_key()));
    assert_eq!(text(&cells[3]), t(Lang::Vi, r.progress.label_key()));
    assert_eq!(num(&cells[4]), f64::from(r.percent));
    assert_eq!(text(&cells[12]), r.management);
    assert_eq!(text(&cells[13]), r.impact);
}

#[test]
fn sheets_without_data_say_so_in_one_line() {
    let (mut first, _) = demo_years();
    first.draft_plan.clear();
    first.official_plan = None;
    first.annual_plan = None;
    first.review = None;
    first.meeting1 = None;
    first.meeting2 = None;
    let mut wb = book(&first, Lang::Vi);
    assert_eq!(wb.sheet_names().len(), SHEETS.len());
    for (key, note) in [
        ("export.sheet.meeting1", "export.m1.none"),
        ("export.sheet.form3", "export.x.no_form3"),
        ("export.sheet.official", "export.x.no_official"),
        ("export.sheet.form4", "export.x.no_annual"),
        ("export.sheet.review", "export.x.no_review"),
        ("export.sheet.meetings", "export.x.no_meetings"),
    ] {
        let lines = texts(&sheet(&mut wb, key));
        assert!(lines.contains(&t(Lang::Vi, note)), "{key}: {lines:?}");
    }
}

#[test]
fn privacy_leaves_out_attendees_names_in_every_sheet_and_keeps_the_tallies() {
    let (first, _) = demo_years();
    let private = first.without_personal_details();
    let public: Vec<&str> = private
        .working_group
        .members
        .iter()
        .map(|m| m.name.as_str())
        .chain(private.facilitators.iter().map(|f| f.name.as_str()))
        .chain(private.meeting1.iter().map(|m| m.chair.as_str()))
        .chain(private.meeting2.iter().map(|m| m.chair.as_str()))
        .chain(
            private
                .annual_plan
                .iter()
                .filter_map(|p| p.meeting.as_ref())
                .map(|m| m.chair.as_str()),
        )
        .chain(
            private
                .official_plan
                .iter()
                .map(|p| p.men.recorder.as_str()),
        )
        .chain(
            private
                .official_plan
                .iter()
                .map(|p| p.women.recorder.as_str()),
        )
        .collect();
    let hidden: Vec<&String> = first
        .attendees
        .iter()
        .filter_map(|a| a.name.as_ref())
        .filter(|n| !public.iter().any(|p| p.contains(n.as_str())))
        .collect();
    assert!(hidden.len() > 50);
    let mut wb = book(&private, Lang::Vi);
    for key in SHEETS {
        let all = texts(&sheet(&mut wb, key)).join("\n");
        for name in &hidden {
            assert!(!all.contains(name.as_str()), "{name} in {key}");
        }
    }
    let meetings = sheet(&mut wb, "export.sheet.meetings");
    let m1 = first.meeting1.as_ref().unwrap();
    let cells = row(&meetings, 0, &t(Lang::Vi, "export.title.meeting1"));
    assert_eq!(num(&cells[3]), f64::from(m1.tally.men));
    assert_eq!(num(&cells[4]), f64::from(m1.tally.women));
    assert_eq!(num(&cells[5]), f64::from(m1.tally.total()));
}
