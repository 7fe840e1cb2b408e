//! Every form of the demo's two years, built once from the cycle record and checked
//! against the store: forms 1-2 in the procedure's order, each meeting's record with its
//! register and counts, the working group, the assessment, the proposals, form 3 (ranks of
//! the working group's matrix), the official plan (ranks of the approved version, with
//! every activity attribute), form 4 by part (funding, and the amount asked in part 2),
//! last year's review; totals; signatures on forms 3, 4 and the official plan.

#![allow(clippy::unwrap_used)]

use chrono::FixedOffset;
use kehoach::domain::annual::Part;
use kehoach::domain::basic_info::FIGURES;
use kehoach::domain::scoring::rank_matrix;
use kehoach::domain::{CycleId, MeetingKind};
use kehoach::export::forms::{self, Form, Value};
use kehoach::i18n::t;
use kehoach::store::Store;

mod forms_support;

use forms_support::{LANG, column, form, line, num, text};

fn hanoi() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap()
}

fn demo() -> (Store, CycleId, CycleId) {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    (store, first, next)
}

fn forms_of(store: &Store, cycle: CycleId) -> Vec<Form> {
    forms::all(&store.cycle_record(cycle).unwrap(), LANG, hanoi())
}

#[test]
fn every_row_is_as_wide_as_its_columns_and_every_sheet_name_fits_excel() {
    let (store, first, next) = demo();
    for cycle in [first, next] {
        let forms = forms_of(&store, cycle);
        for f in &forms {
            assert!(f.sheet.chars().count() <= 31, "{}", f.sheet);
            for table in &f.tables {
                for row in table.rows() {
                    assert_eq!(
                        row.len(),
                        table.columns.len(),
                        "{} / {:?}",
                        f.title,
                        table.subtitle
                    );
                }
            }
        }
        let mut files: Vec<_> = forms.iter().map(|f| f.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        assert_eq!(files.len(), forms.len(), "one file name per form");
    }
}

#[test]
fn forms_1_2_follow_the_procedures_order_with_the_stored_values() {
    let (store, first, _) = demo();
    let forms = forms_of(&store, first);
    let basic = form(&forms, "bieu-1-2-thong-tin");
    let table = &basic.tables[0];
    let labels: Vec<String> = table.rows().map(|r| text(&r[1]).to_string()).collect();
    let want: Vec<String> = FIGURES
        .iter()
        .map(|d| t(LANG, &format!("figure.{}", d.key)))
        .collect();
    assert_eq!(labels, want);
    let roads = labels
        .iter()
        .position(|l| l.starts_with("Đường giao thông"))
        .unwrap();
    let paved = labels
        .iter()
        .position(|l| l.contains("cứng hoá") || l.contains("cứng hóa"))
        .unwrap();
    assert!(roads < paved, "roads come before the paved part of them");
    let village = store.cycle_record(first).unwrap().village;
    for f in store.figures(village.id).unwrap() {
        let at = FIGURES.iter().position(|d| d.key == f.key).unwrap();
        let row = table.rows().nth(at).unwrap();
        match &row[2] {
            Value::Number(n) => assert_eq!(*n, f.value.replace(',', ".").parse::<f64>().unwrap()),
            Value::Text(s) => assert_eq!(s, &f.value),
            other => panic!("{other:?}"),
        }
        assert_eq!(text(&row[3]), f.source);
    }
}

#[test]
fn each_meeting_record_holds_its_register_and_counts() {
    let (store, first, _) = demo();
    let forms = forms_of(&store, first);
    for (kind, file) in [
        (MeetingKind::Village1, "hop-dan-1"),
        (MeetingKind::Village2, "hop-dan-2"),
        (MeetingKind::AnnualApproval, "hop-thong-qua"),
    ] {
        let meeting = store.find_meeting(first, kind).unwrap().unwrap();
        let attendees = store.attendees(meeting.id).unwrap();
        let f = form(&forms, file);
        let register = &f.tables[0];
        assert_eq!(register.rows().count(), attendees.len(), "{file}");
        for (row, a) in register.rows().zip(&attendees) {
            assert_eq!(num(&row[0]), f64::from(a.seq));
            assert_eq!(text(&row[1]), a.person.name);
        }
        let tally = store.live_tally(meeting.id).unwrap();
        let women = attendees
            .iter()
            .filter(|a| a.gender_at_meeting == kehoach::domain::Gender::Female)
            .count();
        assert_eq!(num(line(f, "export.m1.women")), women as f64, "{file}");
        assert_eq!(
            num(line(f, "export.m1.total")),
            f64::from(tally.total()).max(attendees.len() as f64)
        );
        let counts = &f.tables[1];
        let by = |group: &str| -> f64 {
            let label = t(LANG, group);
            counts
                .rows()
                .filter(|r| text(&r[0]) == label)
                .map(|r| num(&r[2]))
                .sum()
        };
        for group in [
            "export.col.gender",
            "export.col.ethnicity",
            "export.col.wealth",
        ] {
            assert_eq!(
                by(group),
                attendees.len() as f64,
                "{file}: {group} counts everyone"
            );
        }
    }
}

#[test]
fn the_assessment_form_has_tools_subgroups_members_and_findings() {
    let (store, first, _) = demo();
    let forms = forms_of(&store, first);
    let f = form(&forms, "danh-gia-thuc-trang");
    assert_eq!(
        f.tables[0].rows().count(),
        store.selected_tools(first).unwrap().len()
    );
    let subgroups = store.subgroups(first).unwrap();
    assert_eq!(f.tables[1].rows().count(), subgroups.len());
    let members: f64 = subgroups.iter().map(|g| g.members.len() as f64).sum();
    assert_eq!(f.tables[1].column_sum(2), members);
    let findings = store.findings(first).unwrap();
    assert_eq!(f.tables[2].rows().count(), findings.len());
    let minutes: u32 = findings.iter().map(|x| x.minutes).sum();
    assert_eq!(f.tables[2].column_sum(2), f64::from(minutes));
    let body = text(&f.tables[2].rows().next().unwrap()[3]);
    assert!(findings.iter().any(|x| x.text == body));
    assert!(
        !text(&f.tables[0].rows().next().unwrap()[1]).contains('_'),
        "tools by name, not code"
    );
}

#[test]
fn form_3_ranks_the_working_groups_matrix_with_every_attribute() {
    let (store, first, _) = demo();
    let forms = forms_of(&store, first);
    let f = form(&forms, "bieu-3-du-thao");
    let table = &f.tables[0];
    let ranked = rank_matrix(&store.matrix_rows(first).unwrap());
    assert_eq!(table.rows().count(), ranked.len());
    let activities = store.activities(first).unwrap();
    for (row, want) in table.rows().zip(&ranked) {
        let a = activities.iter().find(|a| a.id.0 == want.activity).unwrap();
        assert_eq!(text(&row[1]), a.fields.name);
        match want.rank {
            Some(r) => assert_eq!(num(&row[0]), f64::from(r)),
            None => assert_eq!(row[0], Value::Empty),
        }
        assert_eq!(
            text(&row[column(table, "export.col.category")]),
            t(LANG, a.fields.category.label_key())
        );
        assert_eq!(
            text(&row[column(table, "export.col.location")]),
            a.fields.location
        );
    }
    column(table, "form.col.funding");
    assert_eq!(f.signatures.len(), 3);
}

#[test]
fn the_official_plan_carries_every_rank_and_attribute_of_the_approved_version() {
    let (store, first, next) = demo();
    for cycle in [first, next] {
        let forms = forms_of(&store, cycle);
        let f = form(&forms, "ke-hoach-trung-han");
        let plan = store.latest_plan(first).unwrap().unwrap();
        let table = &f.tables[0];
        assert_eq!(table.rows().count(), plan.combined.rows.len());
        for ((row, want), a) in table.rows().zip(&plan.combined.rows).zip(&plan.activities) {
            assert_eq!(num(&row[0]), f64::from(want.rank));
            assert_eq!(text(&row[1]), a.fields.name);
            assert_eq!(
                num(&row[column(table, "export.col.men_rank")]),
                f64::from(want.men_rank)
            );
            assert_eq!(
                num(&row[column(table, "export.col.women_rank")]),
                f64::from(want.women_rank)
            );
            assert_eq!(
                num(&row[column(table, "export.col.draft_rank")]),
                f64::from(want.draft_rank)
            );
            let q = &row[column(table, "export.col.quantity")];
            assert_eq!(a.fields.quantity.map(|_| num(q)), a.fields.quantity);
            assert_eq!(text(&row[column(table, "export.col.time")]), a.fields.time);
            assert_eq!(
                text(&row[column(table, "export.col.responsible")]),
                a.fields.responsible
            );
        }
        assert_eq!(f.signatures.len(), 3);
        let approved = text(line(f, "export.field.approved_at"));
        assert!(approved.ends_with("(UTC+07:00)"), "{approved}");
    }
}

#[test]
fn form_4_splits_the_parts_with_funding_and_the_amount_asked_in_part_2() {
    let (store, first, _) = demo();
    let forms = forms_of(&store, first);
    let f = form(&forms, "bieu-4-ke-hoach-nam");
    let items = store.annual_items(first).unwrap();
    let (one, two) = (&f.tables[0], &f.tables[1]);
    assert_eq!(
        one.rows().count(),
        items.iter().filter(|i| i.part == Part::One).count()
    );
    assert_eq!(
        two.rows().count(),
        items.iter().filter(|i| i.part == Part::Two).count()
    );
    assert!(two.rows().count() > 0);
    assert!(
        one.columns
            .iter()
            .all(|c| c.label != t(LANG, "form.col.asked"))
    );
    let asked = column(two, "form.col.asked");
    let cost = column(two, "form.col.cost");
    for row in two.rows() {
        assert!(
            num(&row[asked]) > 0.0,
            "part 2 asks the budget for something"
        );
        assert!(num(&row[asked]) <= num(&row[cost]));
        assert_eq!(
            num(&row[asked]) % 1_000_000.0,
            0.0,
            "the demo's part 2 gives its amount"
        );
        let source = text(&row[column(two, "form.col.funding")]);
        assert!(source.starts_with("Ngân sách"), "{source}");
    }
    for table in [one, two] {
        assert!(table.has_totals());
        let money = column(table, "form.col.money");
        let want: f64 = table.rows().map(|r| num(&r[money])).sum();
        assert_eq!(table.column_sum(money), want);
    }
    assert_eq!(f.signatures.len(), 3);
    assert_eq!(num(line(f, "export.field.votes_for")), 68.0);
    let record = store.cycle_record(first).unwrap();
    for item in items.iter().filter(|i| i.part == Part::Two) {
        let a = record.activity(item.activity.id).unwrap();
        assert!(a.funding.source.is_some() && a.funding.budget_asked_vnd.is_some());
    }
}

#[test]
fn the_review_names_last_years_activities_with_the_typed_summary() {
    let (store, _, next) = demo();
    let forms = forms_of(&store, next);
    let f = form(&forms, "danh-gia-nam-truoc");
    let rows = store.last_year_review(next).unwrap();
    assert!(!rows.is_empty());
    assert_eq!(f.tables[0].rows().count(), rows.len());
    for (row, want) in f.tables[0].rows().zip(&rows) {
        assert_eq!(text(&row[1]), want.item.activity.fields.name);
    }
    let summary = store.year_summary(next).unwrap();
    assert!(
        f.notes.iter().any(|n| n.ends_with(&summary.advantages)),
        "{:?}",
        f.notes
    );
    let totals = store.review_totals(next).unwrap();
    assert_eq!(f.tables[0].column_sum(6), totals.state as f64);
}

#[test]
fn a_first_cycle_with_no_plan_to_review_still_prints_the_years_summary() {
    let (mut store, first, _) = demo();
    let summary = kehoach::domain::annual::YearSummary {
        advantages: "Có đường nhựa tới xã".into(),
        difficulties: "Thiếu nước mùa khô".into(),
        production_results: "Cà phê 2,5 tấn/ha".into(),
    };
    store.set_year_summary(first, &summary).unwrap();
    let forms = forms_of(&store, first);
    let f = form(&forms, "danh-gia-nam-truoc");
    assert!(
        f.tables.is_empty(),
        "no last year's plan in the demo's first year"
    );
    for typed in [
        "Có đường nhựa tới xã",
        "Thiếu nước mùa khô",
        "Cà phê 2,5 tấn/ha",
    ] {
        assert!(f.notes.iter().any(|n| n.ends_with(typed)), "{:?}", f.notes);
    }
}

#[test]
fn a_private_record_keeps_every_count_and_names_only_office_holders() {
    let (store, first, _) = demo();
    let record = store.cycle_record(first).unwrap();
    let open = forms::all(&record, LANG, hanoi());
    let private = forms::all(&record.without_personal_details(), LANG, hanoi());
    let f_open = form(&open, "hop-dan-1");
    let f_private = form(&private, "hop-dan-1");
    assert_eq!(
        f_open.tables[1], f_private.tables[1],
        "the counts are the same"
    );
    assert_eq!(f_open.header_lines, f_private.header_lines);
    let names = |f: &Form| {
        f.tables[0]
            .rows()
            .filter(|r| !text(&r[1]).is_empty())
            .count()
    };
    assert!(names(f_private) < names(f_open));
    let wg_members = record.working_group.as_ref().unwrap().members.len();
    assert!(names(f_private) <= wg_members + record.assessment.subgroups.len());
    assert_eq!(
        form(&open, "to-cong-tac"),
        form(&private, "to-cong-tac"),
        "office holders stay named"
    );
}

#[test]
fn meeting_records_use_the_procedures_names_as_kehoach_check_prints_them() {
    let (store, first, _) = demo();
    let forms = forms_of(&store, first);
    for (file, key) in [
        ("hop-dan-1", "bundle.meeting.village1"),
        ("hop-dan-2", "bundle.meeting.village2"),
        ("hop-thong-qua", "bundle.meeting.annual_approval"),
    ] {
        let f = form(&forms, file);
        let name = t(LANG, key);
        assert_eq!(
            f.sheet, name,
            "the sheet is named as check names the meeting"
        );
        assert!(
            f.title.to_lowercase().contains(&name.to_lowercase()),
            "{}: {name}",
            f.title
        );
    }
}
