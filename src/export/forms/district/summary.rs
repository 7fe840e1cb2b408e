//! The summary by commune: each commune's standing (where its copy comes from, its check
//! code, the commune plan's version), its villages and approved village plans, and what
//! its counted rows ask.

use super::{DistrictYear, new_form};
use crate::domain::district::{CommuneSummary, CommuneYear, summaries};
use crate::export::forms::commune::cells::million;
use crate::export::forms::{Form, Table, Value, col, num, number, text};
use crate::i18n::{Lang, t, tf};

/// The summary by commune, closed by the district's total.
pub(super) fn by_commune(at: &DistrictYear, communes: &[CommuneYear], lang: Lang) -> Form {
    let title = tf(lang, "district.title.summary", &[at.year.to_string()]);
    let mut form = new_form(
        at,
        communes,
        lang,
        ("district.sheet.summary", "tong-hop-xa"),
        title,
    );
    let lines = summaries(communes);
    let mut rows: Vec<Vec<Value>> = lines
        .iter()
        .enumerate()
        .map(|(i, s)| line(lang, number((i + 1) as f64), s))
        .collect();
    if !rows.is_empty() {
        let mut total = line(lang, Value::Empty, &sum(&lines));
        total[1] = text(t(lang, "district.row.total"));
        total[2] = Value::Empty;
        total[3] = Value::Empty;
        rows.push(total);
    }
    let unit = Some("commune.unit.million");
    let mut table = Table::new(
        vec![
            num(lang, "export.col.no", None, false),
            col(lang, "district.col.commune"),
            col(lang, "commune.col.check_code"),
            col(lang, "district.col.status"),
            num(lang, "commune.field.villages", None, false),
            num(lang, "district.col.approved_plans", None, false),
            num(lang, "commune.col.count", None, false),
            num(lang, "commune.col.part_two", None, false),
            num(lang, "form.col.cost", unit, false),
            num(lang, "commune.col.asked", unit, false),
            num(lang, "form.col.money", unit, false),
        ],
        rows,
    );
    table.empty = Some(t(lang, "district.empty.communes"));
    form.tables.push(table);
    form.notes.insert(0, t(lang, "district.note.summary"));
    form
}

/// One commune's line (`first`: its number).
fn line(lang: Lang, first: Value, s: &CommuneSummary) -> Vec<Value> {
    let source = s
        .check_code
        .clone()
        .unwrap_or_else(|| t(lang, "district.source.local"));
    vec![
        first,
        text(s.commune.clone()),
        text(source),
        text(tf(lang, s.status.label_key(), &s.status.args())),
        number(s.villages as f64),
        number(s.approved_plans as f64),
        number(s.activities as f64),
        number(s.part_two as f64),
        million(s.totals.cost_vnd),
        million(s.totals.asked_vnd),
        million(s.totals.money_vnd),
    ]
}

/// The district's sums over every commune.
fn sum(lines: &[CommuneSummary]) -> CommuneSummary {
    let mut out = CommuneSummary {
        commune: String::new(),
        check_code: None,
        status: crate::domain::district::CommuneStatus::NoPlan,
        villages: 0,
        approved_plans: 0,
        activities: 0,
        part_two: 0,
        totals: Default::default(),
    };
    for s in lines {
        out.villages += s.villages;
        out.approved_plans += s.approved_plans;
        out.activities += s.activities;
        out.part_two += s.part_two;
        let (a, b) = (&mut out.totals, &s.totals);
        a.activities += b.activities;
        a.cost_vnd += b.cost_vnd;
        a.asked_vnd += b.asked_vnd;
        a.money_vnd += b.money_vnd;
        a.land_m2 += b.land_m2;
        a.labour_days += b.labour_days;
    }
    out
}
