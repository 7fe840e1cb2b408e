//! The plan forms as plain tables, shared by the XLSX and CSV writers: form 3 (the
//! working group's scored draft), the official medium-term plan with the men's, women's and
//! combined ranks, form 4 by part with its vote, last year's review with totals by source,
//! and the tallies of every meeting. Each writer lays a [`Form`] out in its own way.

use super::snapshot::{CycleSnapshot, MeetingRecord, ScoredRow};
use crate::domain::activity::Activity;
use crate::domain::annual::{Part, Source};
use crate::domain::attendance::women_share;
use crate::domain::scoring::{Criterion, InputMode};
use crate::i18n::{Lang, t, tf};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number (written as a number, never as text).
    Number(f64),
    /// A fraction shown with three decimals (the combined score).
    Decimal(f64),
    /// A number shown without thousands grouping (a year).
    Plain(f64),
    /// Nothing.
    Empty,
}

/// A table: header, body rows, and the columns whose sum closes it (empty: no totals row).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Optional subtitle above the table (form 4's parts).
    pub subtitle: Option<String>,
    /// Column headers.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Vec<Value>>,
    /// Columns summed in a totals row under the body.
    pub sum_columns: Vec<usize>,
}

impl Table {
    /// The sum of a column over the body (text and empty cells count 0).
    pub fn column_sum(&self, column: usize) -> f64 {
        self.rows
            .iter()
            .filter_map(|r| match r.get(column) {
                Some(Value::Number(n) | Value::Decimal(n)) => Some(*n),
                _ => None,
            })
            .sum()
    }
}

/// One form: its sheet or file name, title, facts above the tables, tables, notes below.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// Sheet name (XLSX) and file suffix key (CSV).
    pub sheet: String,
    /// ASCII file suffix for the CSV file.
    pub file: &'static str,
    /// Title.
    pub title: String,
    /// Label and value lines above the tables.
    pub facts: Vec<(String, Value)>,
    /// The tables.
    pub tables: Vec<Table>,
    /// Lines below (or instead of) the tables.
    pub notes: Vec<String>,
}

/// A text cell.
pub(crate) fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// A number cell.
pub(crate) fn number(n: impl Into<f64>) -> Value {
    Value::Number(n.into())
}

/// A number cell, or an empty one.
pub(crate) fn opt_number(n: Option<f64>) -> Value {
    n.map_or(Value::Empty, Value::Number)
}

/// Translated column headers.
pub(crate) fn header(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(lang, k)).collect()
}

/// The plan forms of a snapshot, in procedure order.
pub fn plan_forms(s: &CycleSnapshot, lang: Lang) -> Vec<Form> {
    vec![
        form3(s, lang),
        official(s, lang),
        form4(s, lang),
        review(s, lang),
        meetings(s, lang),
    ]
}

/// Headers of the activity attributes every plan form carries after rank and name.
const ATTRIBUTES: [&str; 11] = [
    "export.col.sector",
    "export.col.quantity",
    "export.col.unit",
    "export.col.location",
    "export.col.time",
    "export.col.responsible",
    "export.col.land",
    "export.col.money",
    "export.col.labour",
    "export.col.materials",
    "export.col.cost",
];

/// Index of the first attribute column (after rank and name).
const FIRST_ATTRIBUTE: usize = 2;

/// Columns of [`ATTRIBUTES`] that are summed (land, money, labour, cost), counted from 0
/// at the rank column.
const SUMMED: [usize; 4] = [
    FIRST_ATTRIBUTE + 6,
    FIRST_ATTRIBUTE + 7,
    FIRST_ATTRIBUTE + 8,
    FIRST_ATTRIBUTE + 10,
];

fn attributes(a: &Activity, lang: Lang) -> Vec<Value> {
    let f = &a.fields;
    vec![
        text(t(lang, f.sector.label_key())),
        opt_number(f.quantity),
        text(f.unit.clone()),
        text(f.location.clone()),
        text(f.time.clone()),
        text(f.responsible.clone()),
        number(f.contribution.land_m2 as f64),
        number(f.contribution.money_vnd as f64),
        number(f.contribution.labour_days),
        text(f.contribution.materials.clone()),
        opt_number(f.estimated_cost_vnd.map(|c| c as f64)),
    ]
}

fn rank_value(row: &ScoredRow) -> Value {
    row.rank.map_or(Value::Empty, number)
}

fn scored_note(row: &ScoredRow, lang: Lang) -> String {
    match (row.rank, row.tied) {
        (None, _) => t(lang, "export.state.unranked"),
        (Some(_), true) => t(lang, "export.state.tied"),
        (Some(_), false) => String::new(),
    }
}

fn score_cells(row: &ScoredRow) -> Vec<Value> {
    let mut cells: Vec<Value> = row
        .scores
        .iter()
        .map(|s| opt_number(s.map(f64::from)))
        .collect();
    cells.push(number(row.total));
    cells
}

fn scored_header(lang: Lang) -> Vec<String> {
    let mut h = header(lang, &["export.col.rank", "export.col.activity"]);
    h.extend(header(lang, &ATTRIBUTES));
    h.extend(Criterion::ALL.iter().map(|c| t(lang, c.short_key())));
    h.extend(header(lang, &["export.col.total", "export.col.note"]));
    h
}

fn form3(s: &CycleSnapshot, lang: Lang) -> Form {
    let mut form = Form {
        sheet: t(lang, "export.sheet.form3"),
        file: "bieu-3-du-thao",
        title: t(lang, "export.title.form3"),
        facts: Vec::new(),
        tables: Vec::new(),
        notes: Vec::new(),
    };
    let rows: Vec<Vec<Value>> = s
        .draft_plan
        .iter()
        .filter_map(|row| {
            let a = s.activities.iter().find(|a| a.id.0 == row.activity)?;
            let mut cells = vec![rank_value(row), text(a.fields.name.clone())];
            cells.extend(attributes(a, lang));
            cells.extend(score_cells(row));
            cells.push(text(scored_note(row, lang)));
            Some(cells)
        })
        .collect();
    if rows.is_empty() {
        form.notes.push(t(lang, "export.x.no_form3"));
    } else {
        form.facts.push((
            t(lang, "export.field.scale"),
            text(format!("{}-{}", s.scale.0, s.scale.1)),
        ));
        form.tables.push(Table {
            subtitle: None,
            header: scored_header(lang),
            rows,
            sum_columns: SUMMED.to_vec(),
        });
    }
    form
}

fn official(s: &CycleSnapshot, lang: Lang) -> Form {
    let mut form = Form {
        sheet: t(lang, "export.sheet.official"),
        file: "ke-hoach-trung-han",
        title: t(lang, "export.title.official"),
        facts: Vec::new(),
        tables: Vec::new(),
        notes: Vec::new(),
    };
    let Some(plan) = &s.official_plan else {
        form.notes.push(t(lang, "export.x.no_official"));
        return form;
    };
    form.facts = official_facts(s, plan, lang);
    let rows = plan
        .combined
        .rows
        .iter()
        .zip(&plan.activities)
        .map(|(r, a)| {
            let mut note: Vec<String> = r.note_key().map(|k| t(lang, k)).into_iter().collect();
            note.extend(
                r.flag_notes()
                    .into_iter()
                    .map(|(k, args)| tf(lang, k, &args)),
            );
            vec![
                number(r.rank),
                text(a.fields.name.clone()),
                number(r.men_points as f64),
                number(r.men_rank),
                number(r.women_points as f64),
                number(r.women_rank),
                number(r.draft_rank),
                Value::Decimal((r.score * 1000.0).round() / 1000.0),
                text(note.join("; ")),
            ]
        })
        .collect();
    form.tables.push(Table {
        subtitle: None,
        header: header(
            lang,
            &[
                "export.col.combined_rank",
                "export.col.activity",
                "export.col.men_points",
                "export.col.men_rank",
                "export.col.women_points",
                "export.col.women_rank",
                "export.col.draft_rank",
                "export.col.combined_score",
                "export.col.note",
            ],
        ),
        rows,
        sum_columns: Vec::new(),
    });
    form
}

fn official_facts(
    s: &CycleSnapshot,
    plan: &super::snapshot::OfficialPlan,
    lang: Lang,
) -> Vec<(String, Value)> {
    let method = plan.combined.method;
    let mut facts = vec![
        (t(lang, "export.field.version"), number(plan.version)),
        (
            t(lang, "export.field.approved_at"),
            text(super::timestamp(&plan.approved_at)),
        ),
        (
            t(lang, "export.field.method"),
            text(format!(
                "{}: {}",
                t(lang, method.label_key()),
                t(lang, method.statement_key())
            )),
        ),
    ];
    if plan.made_in_year != s.cycle.year {
        facts.push((
            t(lang, "export.x.period"),
            text(tf(
                lang,
                "export.field.made_in",
                &[plan.made_in_year.to_string(), s.cycle.year.to_string()],
            )),
        ));
    }
    if let Some(why) = &plan.change_reason {
        facts.push((t(lang, "export.field.change_reason"), text(why.clone())));
    }
    for (key, g) in [
        ("scoring.group.men", &plan.men),
        ("scoring.group.women", &plan.women),
    ] {
        facts.push((t(lang, key), text(group_line(g, lang))));
    }
    facts
}

/// "Members 50 · Votes (3 votes each) · Group recorder Y Kim Niê".
fn group_line(g: &super::snapshot::GroupRecord, lang: Lang) -> String {
    let mut mode = t(lang, g.mode.label_key());
    if g.mode == InputMode::Votes && g.votes_each > 0 {
        mode = format!(
            "{mode} ({} {})",
            t(lang, "export.field.votes_each"),
            g.votes_each
        );
    }
    format!(
        "{} {} · {mode} · {} {}",
        t(lang, "export.field.group_members"),
        g.members,
        t(lang, "export.field.recorder"),
        g.recorder
    )
}

fn form4(s: &CycleSnapshot, lang: Lang) -> Form {
    let mut form = Form {
        sheet: t(lang, "export.sheet.form4"),
        file: "bieu-4-ke-hoach-nam",
        title: tf(lang, "export.title.form4", &[s.cycle.year.to_string()]),
        facts: Vec::new(),
        tables: Vec::new(),
        notes: Vec::new(),
    };
    let Some(plan) = &s.annual_plan else {
        form.notes.push(t(lang, "export.x.no_annual"));
        return form;
    };
    for (part, title) in [
        (Part::One, "export.title.part1"),
        (Part::Two, "export.title.part2"),
    ] {
        let rows = plan
            .part(part)
            .map(|r| {
                let mut cells = vec![rank_value(&r.scoring), text(r.activity.fields.name.clone())];
                cells.extend(attributes(&r.activity, lang));
                cells.extend(score_cells(&r.scoring));
                let mut note = vec![scored_note(&r.scoring, lang)];
                if let Some(why) = &r.added_reason {
                    note.push(tf(
                        lang,
                        "export.state.new_activity",
                        std::slice::from_ref(why),
                    ));
                }
                if let Some(why) = &r.override_reason {
                    note.push(tf(
                        lang,
                        "export.state.part2_override",
                        std::slice::from_ref(why),
                    ));
                }
                note.retain(|n| !n.is_empty());
                cells.push(text(note.join("; ")));
                cells
            })
            .collect();
        form.tables.push(Table {
            subtitle: Some(t(lang, title)),
            header: scored_header(lang),
            rows,
            sum_columns: SUMMED.to_vec(),
        });
    }
    match &plan.approval {
        Some(a) => {
            form.notes.push(format!(
                "{} {}: {} {} · {} {} · {} {}",
                t(lang, "export.x.approved_on"),
                super::date(&a.date),
                t(lang, "export.field.votes_for"),
                a.votes_for,
                t(lang, "export.field.votes_against"),
                a.votes_against,
                t(lang, "export.field.abstain"),
                a.abstain
            ));
        }
        None => form.notes.push(t(lang, "export.state.not_approved")),
    }
    form
}

fn review(s: &CycleSnapshot, lang: Lang) -> Form {
    let mut form = Form {
        sheet: t(lang, "export.sheet.review"),
        file: "danh-gia-nam-truoc",
        title: tf(
            lang,
            "export.title.review",
            &[(s.cycle.year - 1).to_string()],
        ),
        facts: Vec::new(),
        tables: Vec::new(),
        notes: Vec::new(),
    };
    let Some(r) = &s.review else {
        form.notes.push(t(lang, "export.x.no_review"));
        return form;
    };
    form.title = tf(lang, "export.title.review", &[r.year.to_string()]);
    let mut head = header(
        lang,
        &[
            "export.col.no",
            "export.col.activity",
            "export.col.part",
            "export.col.progress",
            "export.col.percent",
            "export.col.quality",
        ],
    );
    head.extend(Source::ALL.iter().map(|s| t(lang, s.label_key())));
    head.extend(header(
        lang,
        &["export.col.management", "export.col.impact"],
    ));
    let rows = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| review_row(i, row, lang))
        .collect();
    form.tables.push(Table {
        subtitle: None,
        header: head,
        rows,
        sum_columns: (6..6 + Source::ALL.len()).collect(),
    });
    for (key, value) in [
        ("export.field.advantages", &r.summary.advantages),
        ("export.field.difficulties", &r.summary.difficulties),
        (
            "export.field.production_results",
            &r.summary.production_results,
        ),
    ] {
        form.notes.push(format!("{}: {}", t(lang, key), value));
    }
    form
}

fn review_row(i: usize, row: &super::snapshot::ReviewedRow, lang: Lang) -> Vec<Value> {
    let mut cells = vec![
        number((i + 1) as f64),
        text(row.activity.fields.name.clone()),
        text(t(lang, row.part.label_key())),
    ];
    match &row.review {
        Some(r) => {
            cells.push(text(t(lang, r.progress.label_key())));
            cells.push(number(r.percent));
            cells.push(text(
                r.quality
                    .map(|q| t(lang, q.label_key()))
                    .unwrap_or_default(),
            ));
            cells.extend(
                Source::ALL
                    .iter()
                    .map(|s| number(r.spending.get(*s) as f64)),
            );
            cells.push(text(r.management.clone()));
            cells.push(text(r.impact.clone()));
        }
        None => {
            cells.push(text(t(lang, "export.state.not_reviewed")));
            cells.extend(std::iter::repeat_n(Value::Empty, 2 + Source::ALL.len() + 2));
        }
    }
    cells
}

fn meetings(s: &CycleSnapshot, lang: Lang) -> Form {
    let records: [(&str, Option<&MeetingRecord>); 3] = [
        ("export.title.meeting1", s.meeting1.as_ref()),
        ("export.title.meeting2", s.meeting2.as_ref()),
        (
            "export.title.approval",
            s.annual_plan.as_ref().and_then(|p| p.meeting.as_ref()),
        ),
    ];
    let rows: Vec<Vec<Value>> = records
        .into_iter()
        .filter_map(|(key, m)| m.map(|m| meeting_row(t(lang, key), m, lang)))
        .collect();
    let notes = if rows.is_empty() {
        vec![t(lang, "export.x.no_meetings")]
    } else {
        Vec::new()
    };
    Form {
        sheet: t(lang, "export.sheet.meetings"),
        file: "cac-cuoc-hop",
        title: t(lang, "export.sheet.meetings"),
        facts: Vec::new(),
        tables: vec![Table {
            subtitle: None,
            header: header(
                lang,
                &[
                    "export.x.meeting",
                    "rec.date",
                    "rec.chair",
                    "export.m1.men",
                    "export.m1.women",
                    "export.m1.total",
                    "export.m1.women_share",
                    "export.m1.closed",
                    "export.m1.override",
                ],
            ),
            rows,
            sum_columns: Vec::new(),
        }],
        notes,
    }
}

fn meeting_row(name: String, m: &MeetingRecord, lang: Lang) -> Vec<Value> {
    vec![
        text(name),
        text(super::date(&m.date)),
        text(m.chair.clone()),
        number(m.tally.men),
        number(m.tally.women),
        number(m.tally.total()),
        number((women_share(m.tally) * 10.0).round() / 10.0),
        text(super::yes_no(lang, m.closed)),
        text(m.override_reason.clone().unwrap_or_default()),
    ]
}
