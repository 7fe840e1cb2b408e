//! "Giao kế hoạch": the commune's assignment of each item of the annual plan, in form 4's
//! order, with its decision and reason, the quantity planned and assigned, who carries
//! it out, and the budget by source (totals by source); the dates of the assignment above the table.

use super::{
    Work, dates_line, label, signatures, source_cells, source_columns, work_cells, work_columns,
    works,
};
use crate::domain::after_plan::{Assignment, Budget, Decision};
use crate::domain::annual::Part;
use crate::domain::record::CycleRecord;
use crate::export::forms::records::place_lines;
use crate::export::forms::{
    Column, Form, RowGroup, Table, Value, col, num, number, opt_number, text,
};
use crate::i18n::{Lang, t};

/// The assignment form.
pub(super) fn assignment(r: &CycleRecord, lang: Lang) -> Form {
    let title = t(lang, "apf.title.assignment");
    let mut form = Form::new(lang, "apf.sheet.assignment", "giao-ke-hoach", title);
    place_lines(&mut form, r, lang);
    if r.after.assignments.is_empty() {
        form.notes.push(t(lang, "apf.x.no_assignment"));
        return form;
    }
    let all = works(r);
    let groups = [
        (Part::One, "export.title.part1"),
        (Part::Two, "export.title.part2"),
    ]
    .into_iter()
    .map(|(part, key)| RowGroup {
        title: Some(t(lang, key)),
        rows: all
            .iter()
            .filter(|w| w.item.part == part)
            .map(|w| row(w, r.after.assignment(w.item.id), lang))
            .collect(),
    })
    .filter(|g| !g.rows.is_empty())
    .collect();
    let mut table = Table::new(columns(lang), Vec::new());
    table.groups = groups;
    form.tables.push(table);
    let total: i64 = r.after.assignments.iter().map(|a| funded(a).total()).sum();
    form.line(lang, "apf.field.total_assigned", number(total as f64));
    let dates = r.after.assignments.iter().map(|a| a.date.as_str());
    dates_line(&mut form, lang, "apf.field.date_assigned", dates);
    form.notes.push(t(lang, "apf.note.assignment"));
    form.signatures = signatures(lang, &["apf.sign.commune", "apf.sign.village_head"]);
    form
}

/// The budget an assignment gives: none when not funded.
fn funded(a: &Assignment) -> Budget {
    match a.decision {
        Decision::NotFunded => Budget::default(),
        Decision::Accepted | Decision::Changed => a.budget,
    }
}

/// No., activity, decision, reason, unit, quantities, owner, the sources.
fn columns(lang: Lang) -> Vec<Column> {
    let mut columns = work_columns(lang);
    columns.extend([
        col(lang, "apf.col.decision"),
        col(lang, "apf.col.reason"),
        col(lang, "export.col.unit"),
        num(lang, "apf.col.planned", None, false),
        num(lang, "apf.col.assigned", None, false),
        col(lang, "apf.col.owner"),
    ]);
    columns.extend(source_columns(lang));
    columns
}

/// One item's row; an item the commune has not assigned says so.
fn row(w: &Work, a: Option<&Assignment>, lang: Lang) -> Vec<Value> {
    let mut cells = work_cells(w);
    let Some(a) = a else {
        cells.push(label(lang, "apf.state.not_assigned"));
        cells.extend(std::iter::repeat_n(Value::Empty, 10));
        return cells;
    };
    let assigned = match a.decision {
        Decision::NotFunded => Value::Empty,
        _ => opt_number(a.target_quantity.or(w.planned())),
    };
    cells.extend([
        label(lang, a.decision.label_key()),
        text(a.reason.clone()),
        text(w.unit()),
        opt_number(w.planned()),
        assigned,
        label(lang, a.owner.label_key()),
    ]);
    match a.decision {
        Decision::NotFunded => cells.extend(std::iter::repeat_n(Value::Empty, 5)),
        _ => cells.extend(source_cells(&a.budget)),
    }
    cells
}
