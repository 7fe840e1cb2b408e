//! Forms 1-2 summed over the villages (a column per village and the commune's total),
//! appendix B1 (the approved villages' activities in the layout of forms 3-4) and
//! appendix B2 (the summary by village).

use super::{Input, flags_text, header, signed, status_notes};
use crate::domain::Commune;
use crate::domain::activity::Funding;
use crate::domain::annual::Part;
use crate::domain::basic_info::FIGURES;
use crate::domain::commune::{NeedRow, VillageYear, commune_needs_with, in_order, summaries_with};
use crate::export::figure_label;
use crate::export::forms::activities::{Money, activity_cells, activity_columns};
use crate::export::forms::records::figure_value;
use crate::export::forms::{
    Column, Form, Kind, RowGroup, Table, Value, col, num, number, opt_number, text,
};
use crate::i18n::{Lang, t, tf};

/// Forms 1-2: every figure in the procedure's order, a column per village (in the
/// stable village order) and the commune's total of the numeric figures.
pub(super) fn basic(c: &Commune, year: i32, villages: &[VillageYear], lang: Lang) -> Form {
    let title = t(lang, "commune.title.basic");
    let mut form = Form::new(lang, "commune.sheet.basic", "bieu-1-2-tong-hop", title);
    form = signed(form, lang);
    header(&mut form, c, year, villages.len(), lang);
    let ordered = in_order(villages);
    let mut columns = vec![
        num(lang, "export.col.no", None, false),
        col(lang, "export.col.item"),
    ];
    columns.extend(ordered.iter().map(|v| Column {
        label: v.village.name.clone(),
        unit: None,
        kind: Kind::Number,
        total: false,
    }));
    columns.push(num(lang, "commune.col.total", None, false));
    let figures = if ordered.is_empty() { &[][..] } else { FIGURES };
    let rows = figures
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let values: Vec<Value> = ordered
                .iter()
                .map(|v| {
                    v.record
                        .as_ref()
                        .map_or(Value::Empty, |r| figure_value(r, def.key))
                })
                .collect();
            let mut cells = vec![number((i + 1) as f64), text(figure_label(lang, def.key))];
            cells.push(figure_total(&values));
            cells.splice(2..2, values);
            cells
        })
        .collect();
    let mut table = Table::new(columns, rows);
    table.empty = Some(t(lang, "commune.empty.villages"));
    form.tables.push(table);
    form.notes.push(t(lang, "commune.note.basic"));
    form.notes.extend(status_notes(villages, lang));
    form
}

/// The sum of the villages' numbers (to a millionth, so that 0,1 + 0,2 shows 0,3);
/// empty when no village gives a number.
fn figure_total(values: &[Value]) -> Value {
    let numbers: Vec<f64> = values
        .iter()
        .filter_map(|v| match v {
            Value::Number(n) => Some(*n),
            Value::Text(_) | Value::Decimal(_) | Value::Plain(_) | Value::Empty => None,
        })
        .collect();
    if numbers.is_empty() {
        Value::Empty
    } else {
        number((numbers.iter().sum::<f64>() * 1e6).round() / 1e6)
    }
}

/// Appendix B1: the approved villages' activities, part 1 then part 2, grouped by
/// village in its own order, with the columns of forms 3-4.
pub(super) fn b1(input: &Input, lang: Lang) -> Form {
    let (c, year, villages) = (input.commune, input.year, input.villages);
    let title = tf(lang, "commune.title.b1", &[year.to_string()]);
    let mut form = signed(
        Form::new(lang, "commune.sheet.b1", "b1-chi-tieu", title),
        lang,
    );
    header(&mut form, c, year, villages.len(), lang);
    let rows: Vec<NeedRow> = commune_needs_with(villages, input.changes)
        .into_iter()
        .filter(|r| r.counted)
        .collect();
    for (part, subtitle) in [
        (Part::One, "export.title.part1"),
        (Part::Two, "export.title.part2"),
    ] {
        let mut columns = vec![
            num(lang, "commune.col.village_rank", None, false),
            col(lang, "export.col.activity"),
        ];
        columns.extend(activity_columns(lang, Money::SourceAndAsked));
        columns.push(col(lang, "commune.col.flags"));
        let mut table = Table::new(columns, Vec::new());
        table.groups = in_order(villages)
            .into_iter()
            .map(|v| RowGroup {
                title: Some(v.village.name.clone()),
                rows: rows
                    .iter()
                    .filter(|r| r.part == part && r.village_code == v.village_code)
                    .map(|r| b1_cells(r, lang))
                    .collect(),
            })
            .filter(|g| !g.rows.is_empty())
            .collect();
        table.subtitle = Some(t(lang, subtitle));
        table.empty = Some(t(lang, "form.empty.part"));
        form.tables.push(table);
    }
    form.notes.push(t(lang, "commune.note.b1"));
    form.notes.extend(status_notes(villages, lang));
    form
}

/// A B1 row: the village's rank, the activity with the columns of forms 3-4, the flags.
fn b1_cells(r: &NeedRow, lang: Lang) -> Vec<Value> {
    let given = Funding {
        source: Some(r.funding.source),
        budget_asked_vnd: Some(r.funding.budget_asked_vnd),
    };
    let mut cells = vec![
        opt_number(r.village_rank.map(f64::from)),
        text(r.activity.name.clone()),
    ];
    cells.extend(activity_cells(
        &r.activity,
        given,
        Some(r.part),
        Money::SourceAndAsked,
        lang,
    ));
    cells.push(text(flags_text(r, lang)));
    cells
}

/// Appendix B2: each village's plan status and what it asks.
pub(super) fn b2(input: &Input, lang: Lang) -> Form {
    let (c, year, villages) = (input.commune, input.year, input.villages);
    let title = tf(lang, "commune.title.b2", &[year.to_string()]);
    let mut form = Form::new(lang, "commune.sheet.b2", "b2-tong-hop-thon", title);
    form = signed(form, lang);
    header(&mut form, c, year, villages.len(), lang);
    let rows = summaries_with(villages, input.changes)
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let st = s.status.status;
            let version: Vec<String> = st.version().iter().map(u32::to_string).collect();
            vec![
                number((i + 1) as f64),
                text(s.village),
                text(s.check_code.unwrap_or_default()),
                text(tf(lang, st.label_key(), &version)),
                opt_number(s.status.women_share.map(|w| (w * 10.0).round() / 10.0)),
                number(s.activities as f64),
                number(s.services as f64),
                number(s.status.part_two as f64),
                number(s.flags as f64),
                number(s.outcome.kept as f64),
                number(s.outcome.changed as f64),
                number(s.outcome.dropped as f64),
                number(s.outcome.accepted as f64),
                number(s.outcome.defended as f64),
            ]
        })
        .collect();
    let mut table = Table::new(
        vec![
            num(lang, "export.col.no", None, false),
            col(lang, "commune.col.village"),
            col(lang, "commune.col.check_code"),
            col(lang, "commune.col.status"),
            num(
                lang,
                "commune.col.women_share",
                Some("commune.unit.percent"),
                false,
            ),
            num(lang, "commune.col.count", None, false),
            num(lang, "commune.col.services", None, false),
            num(lang, "commune.col.part_two", None, false),
            num(lang, "commune.col.flags_count", None, false),
            num(lang, "conference.col.kept", None, false),
            num(lang, "conference.col.changed", None, false),
            num(lang, "conference.col.dropped", None, false),
            num(lang, "conference.col.accepts", None, false),
            num(lang, "conference.col.defends", None, false),
        ],
        rows,
    );
    table.empty = Some(t(lang, "commune.empty.villages"));
    form.tables.push(table);
    form.notes.push(t(lang, "commune.note.b2"));
    form
}
