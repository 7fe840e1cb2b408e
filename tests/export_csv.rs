//! The CSV files of both demo years parsed back with the csv crate: one file per form
//! with an ASCII name after village and year, each starting with the UTF-8 byte-order
//! mark, numbers written plain (no grouping) so spreadsheets read them, and every plan
//! form's rows matching the snapshot: form 3, the official plan, form 4 by part with its
//! totals and vote, last year's review with money by source, and the meetings' tallies.

#![allow(clippy::unwrap_used)]

use kehoach::domain::annual::{Part, Source};
use kehoach::domain::meeting::display_date;
use kehoach::export::CycleSnapshot;
use kehoach::export::csv::{BOM, to_csv};
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;

/// File suffixes, one per form, in order.
const FILES: [&str; 10] = [
    "bieu-1-2-thong-tin",
    "hop-dan-1",
    "danh-sach-du-hop",
    "to-cong-tac",
    "hoat-dong-de-xuat",
    "bieu-3-du-thao",
    "ke-hoach-trung-han",
    "bieu-4-ke-hoach-nam",
    "danh-gia-nam-truoc",
    "cac-cuoc-hop",
];

fn demo_years() -> (CycleSnapshot, CycleSnapshot) {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    (
        store.cycle_snapshot(first).unwrap(),
        store.cycle_snapshot(next).unwrap(),
    )
}

/// The records of one form's file, parsed after its byte-order mark.
fn form(s: &CycleSnapshot, suffix: &str) -> Vec<Vec<String>> {
    let files = to_csv(s);
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| n.ends_with(&format!("-{suffix}.csv")))
        .unwrap_or_else(|| panic!("no {suffix} file"));
    parse(bytes)
}

fn parse(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(BOM));
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(&bytes[BOM.len()..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn row_at(rows: &[Vec<String>], col: usize, label: &str) -> usize {
    rows.iter()
        .position(|r| r.get(col).is_some_and(|c| c == label))
        .unwrap_or_else(|| panic!("no row with {label:?} in column {col}"))
}

fn row<'a>(rows: &'a [Vec<String>], col: usize, label: &str) -> &'a [String] {
    &rows[row_at(rows, col, label)]
}

fn num(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("{cell:?} is not a plain number"))
}

#[test]
fn one_file_per_form_named_after_village_and_year() {
    let (first, mut next) = demo_years();
    for (snap, stem) in [(&first, "buon-kram-2026"), (&next, "buon-kram-2027")] {
        let names: Vec<String> = to_csv(snap).into_iter().map(|(n, _)| n).collect();
        let expected: Vec<String> = FILES.iter().map(|f| format!("{stem}-{f}.csv")).collect();
        assert_eq!(names, expected);
    }
    next.village.name = "Thôn Ea Tiêu / Đắk 3".into();
    for (name, _) in to_csv(&next) {
        assert!(name.starts_with("thon-ea-tieu-dak-3-2027-"), "{name}");
        assert!(name.is_ascii());
    }
}

#[test]
fn every_file_has_the_bom_parses_and_writes_numbers_plainly() {
    let (first, next) = demo_years();
    for snap in [&first, &next] {
        for (name, bytes) in to_csv(snap) {
            let text = std::str::from_utf8(&bytes).unwrap();
            assert!(text.starts_with('\u{feff}'), "{name}");
            let rows = parse(&bytes);
            assert!(!rows.is_empty(), "{name}");
            for cell in rows.iter().flatten() {
                let parts: Vec<&str> = cell.split(',').collect();
                let grouped = parts.len() > 1
                    && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
                    && parts[1..].iter().all(|p| p.len() == 3);
                assert!(!grouped, "{name}: {cell} is grouped");
            }
        }
    }
    // A year without meeting 1 says so.
    let rows = form(&next, "hop-dan-1");
    assert_eq!(rows[1], [t(Lang::Vi, "export.m1.none")]);
    // Money is one plain number.
    let rows = form(&next, "bieu-4-ke-hoach-nam");
    let road = &next
        .annual_plan
        .as_ref()
        .unwrap()
        .part(Part::Two)
        .next()
        .unwrap();
    let cells = row(&rows, 1, &road.activity.fields.name);
    assert_eq!(
        cells[12],
        road.activity.fields.estimated_cost_vnd.unwrap().to_string()
    );
}

#[test]
fn form_3_and_the_official_plan_match_the_snapshot() {
    let (first, _) = demo_years();
    let rows = form(&first, "bieu-3-du-thao");
    assert_eq!(rows[0][0], t(Lang::Vi, "export.title.form3"));
    for r in &first.draft_plan {
        let a = first
            .activities
            .iter()
            .find(|a| a.id.0 == r.activity)
            .unwrap();
        let cells = row(&rows, 1, &a.fields.name);
        assert_eq!(cells[0], r.rank.unwrap().to_string());
        for (i, score) in r.scores.iter().enumerate() {
            assert_eq!(cells[13 + i], score.unwrap().to_string());
        }
        assert_eq!(cells[18], r.total.to_string());
        let tied = cells[19] == t(Lang::Vi, "export.state.tied");
        assert_eq!(tied, r.tied, "{}", a.fields.name);
    }

    let rows = form(&first, "ke-hoach-trung-han");
    let plan = first.official_plan.as_ref().unwrap();
    assert_eq!(
        row(&rows, 0, &t(Lang::Vi, "export.field.version"))[1],
        plan.version.to_string()
    );
    for (r, a) in plan.combined.rows.iter().zip(&plan.activities) {
        let cells = row(&rows, 1, &a.fields.name);
        assert_eq!(num(&cells[0]), f64::from(r.rank));
        assert_eq!(num(&cells[2]), r.men_points as f64);
        assert_eq!(num(&cells[3]), f64::from(r.men_rank));
        assert_eq!(num(&cells[4]), r.women_points as f64);
        assert_eq!(num(&cells[5]), f64::from(r.women_rank));
        assert_eq!(num(&cells[6]), f64::from(r.draft_rank));
        assert!((num(&cells[7]) - r.score).abs() < 0.0005, "{}", cells[7]);
    }
}

#[test]
fn form_4_has_both_parts_with_their_totals_and_the_vote() {
    let (_, next) = demo_years();
    let annual = next.annual_plan.as_ref().unwrap();
    let rows = form(&next, "bieu-4-ke-hoach-nam");
    let total = t(Lang::Vi, "export.x.total");
    for (part, title) in [
        (Part::One, "export.title.part1"),
        (Part::Two, "export.title.part2"),
    ] {
        let start = row_at(&rows, 0, &t(Lang::Vi, title));
        let end = start
            + rows[start..]
                .iter()
                .position(|r| r.get(1) == Some(&total))
                .unwrap();
        let block = &rows[start + 2..end];
        let items: Vec<_> = annual.part(part).collect();
        assert_eq!(block.len(), items.len(), "{part:?}");
        for (cells, item) in block.iter().zip(&items) {
            assert_eq!(cells[1], item.activity.fields.name);
            assert_eq!(cells[0], item.scoring.rank.unwrap().to_string());
        }
        let sum = |f: &dyn Fn(&kehoach::domain::activity::Activity) -> f64| -> f64 {
            items.iter().map(|r| f(&r.activity)).sum()
        };
        let totals = &rows[end];
        let money = sum(&|a| a.fields.contribution.money_vnd as f64);
        assert_eq!(num(&totals[9]), money);
        assert_eq!(
            num(&totals[10]),
            sum(&|a| a.fields.contribution.labour_days)
        );
        let cost = sum(&|a| a.fields.estimated_cost_vnd.unwrap_or(0) as f64);
        assert_eq!(num(&totals[12]), cost);
        assert!(cost > 0.0);
    }
    let vote = annual.approval.as_ref().unwrap();
    let line = &rows.last().unwrap()[0];
    assert!(
        line.starts_with(&t(Lang::Vi, "export.x.approved_on")),
        "{line}"
    );
    assert!(line.contains(&display_date(&vote.date)), "{line}");
    assert!(line.contains(&format!(
        "{} {}",
        t(Lang::Vi, "export.field.votes_for"),
        vote.votes_for
    )));
}

#[test]
fn the_review_has_money_by_source_and_totals() {
    let (first, next) = demo_years();
    let review = next.review.as_ref().unwrap();
    let rows = form(&next, "danh-gia-nam-truoc");
    assert_eq!(
        rows[0][0],
        format!("Đánh giá thực hiện kế hoạch năm {}", review.year)
    );
    for r in &review.rows {
        let cells = row(&rows, 1, &r.activity.fields.name);
        let done = r.review.as_ref().unwrap();
        assert_eq!(num(&cells[4]), f64::from(done.percent));
        for (i, source) in Source::ALL.iter().enumerate() {
            assert_eq!(num(&cells[6 + i]), done.spending.get(*source) as f64);
        }
    }
    let totals = row(&rows, 1, &t(Lang::Vi, "export.x.total"));
    for (i, source) in Source::ALL.iter().enumerate() {
        assert_eq!(num(&totals[6 + i]), review.totals.get(*source) as f64);
    }
    let advantages = format!(
        "{}: {}",
        t(Lang::Vi, "export.field.advantages"),
        review.summary.advantages
    );
    assert!(rows.iter().any(|r| r[0] == advantages));
    // The first year has nothing to review and says so.
    let rows = form(&first, "danh-gia-nam-truoc");
    assert!(
        rows.iter()
            .any(|r| r[0] == t(Lang::Vi, "export.x.no_review"))
    );
}

#[test]
fn the_meetings_file_has_every_meetings_tally() {
    let (first, next) = demo_years();
    let rows = form(&first, "cac-cuoc-hop");
    let meetings = [
        ("export.title.meeting1", first.meeting1.as_ref()),
        ("export.title.meeting2", first.meeting2.as_ref()),
        (
            "export.title.approval",
            first.annual_plan.as_ref().and_then(|p| p.meeting.as_ref()),
        ),
    ];
    for (key, m) in meetings {
        let m = m.unwrap();
        let cells = row(&rows, 0, &t(Lang::Vi, key));
        assert_eq!(cells[1], display_date(&m.date));
        assert_eq!(cells[2], m.chair);
        assert_eq!(num(&cells[3]), f64::from(m.tally.men));
        assert_eq!(num(&cells[4]), f64::from(m.tally.women));
        assert_eq!(num(&cells[5]), f64::from(m.tally.total()));
        let share = 100.0 * f64::from(m.tally.women) / f64::from(m.tally.total());
        assert!((num(&cells[6]) - share).abs() <= 0.05, "{}", cells[6]);
    }
    // The annual-only year held only the approval meeting.
    let rows = form(&next, "cac-cuoc-hop");
    let held: Vec<&String> = rows.iter().skip(3).map(|r| &r[0]).collect();
    assert_eq!(held, [&t(Lang::Vi, "export.title.approval")]);
}

#[test]
fn the_private_files_keep_counts_without_attendees_names() {
    let (first, _) = demo_years();
    let private = first.without_personal_details();
    let register = form(&private, "danh-sach-du-hop");
    assert_eq!(register.len() - 1, first.attendees.len());
    assert!(register.iter().skip(1).all(|r| r[1].is_empty()));
    let rows = form(&private, "cac-cuoc-hop");
    let m1 = first.meeting1.as_ref().unwrap();
    let cells = row(&rows, 0, &t(Lang::Vi, "export.title.meeting1"));
    assert_eq!(num(&cells[5]), f64::from(m1.tally.total()));
}
