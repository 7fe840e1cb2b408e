//! "Đánh giá 6 tháng" and "Đánh giá cả năm": the commune's evaluation of each assigned
//! activity in one round: progress, completion against the assigned target, quality,
//! difficulties, and the comparison with the plan and with last year.

use super::{Work, dates_line, label, signatures, work_cells, work_columns, works};
use crate::domain::after_plan::{Evaluation, Round};
use crate::domain::record::CycleRecord;
use crate::export::forms::records::place_lines;
use crate::export::forms::{Column, Form, Table, Value, col, num, number, opt_number, text};
use crate::i18n::{Lang, t, tf};

/// The title, sheet, file and "none yet" keys of a round.
fn keys(round: Round) -> (&'static str, &'static str, &'static str, &'static str) {
    match round {
        Round::SixMonths => (
            "apf.title.six_months",
            "apf.sheet.six_months",
            "danh-gia-6-thang",
            "apf.x.no_six_months",
        ),
        Round::YearEnd => (
            "apf.title.year_end",
            "apf.sheet.year_end",
            "danh-gia-ca-nam",
            "apf.x.no_year_end",
        ),
    }
}

/// The evaluation form of one round, one row per assigned activity.
pub(super) fn evaluation(r: &CycleRecord, round: Round, lang: Lang) -> Form {
    let (title, sheet, file, none) = keys(round);
    let mut form = Form::new(lang, sheet, file, t(lang, title));
    place_lines(&mut form, r, lang);
    let of_round: Vec<&Evaluation> = r
        .after
        .evaluations
        .iter()
        .filter(|e| e.round == round)
        .collect();
    if of_round.is_empty() {
        form.notes.push(t(lang, none));
        return form;
    }
    let dates = of_round.iter().map(|e| e.date.as_str());
    dates_line(&mut form, lang, "apf.field.evaluated_on", dates);
    let all = works(r);
    let rows = all
        .iter()
        .filter(|w| r.after.is_assigned(w.item.id))
        .map(|w| row(r, w, round, lang))
        .collect();
    form.tables.push(Table::new(columns(lang), rows));
    let unfunded: Vec<String> = all
        .iter()
        .filter(|w| r.after.assignment(w.item.id).is_some() && !r.after.is_assigned(w.item.id))
        .map(Work::name)
        .collect();
    if !unfunded.is_empty() {
        form.notes
            .push(tf(lang, "apf.note.not_evaluated", &[unfunded.join(", ")]));
    }
    form.signatures = signatures(lang, &["apf.sign.commune", "apf.sign.village_head"]);
    form
}

/// No., activity, assigned quantity and unit, progress, completion, quality,
/// difficulties, against the plan, against last year.
fn columns(lang: Lang) -> Vec<Column> {
    let mut columns = work_columns(lang);
    columns.extend([
        num(lang, "apf.col.assigned", None, false),
        col(lang, "export.col.unit"),
        col(lang, "export.col.progress"),
        num(lang, "apf.col.completion", Some("apf.unit.percent"), false),
        col(lang, "export.col.quality"),
        col(lang, "apf.col.difficulties"),
        col(lang, "apf.col.against_plan"),
        col(lang, "apf.col.against_last_year"),
    ]);
    columns
}

/// One activity's row; one not evaluated in this round says so.
fn row(r: &CycleRecord, w: &Work, round: Round, lang: Lang) -> Vec<Value> {
    let target = r
        .after
        .assignment(w.item.id)
        .and_then(|a| a.target_quantity)
        .or(w.planned());
    let mut cells = work_cells(w);
    cells.extend([opt_number(target), text(w.unit())]);
    let Some(e) = r.after.evaluation(w.item.id, round) else {
        cells.push(label(lang, "export.state.not_reviewed"));
        cells.extend(std::iter::repeat_n(Value::Empty, 5));
        return cells;
    };
    cells.extend([
        label(lang, e.progress.label_key()),
        number(e.completion),
        e.quality
            .map_or(Value::Empty, |q| label(lang, q.label_key())),
        text(e.difficulties.clone()),
        text(e.against_plan.clone()),
        text(e.against_last_year.clone()),
    ]);
    cells
}
