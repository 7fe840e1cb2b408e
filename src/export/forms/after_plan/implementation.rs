//! "Biểu theo dõi thực hiện": for each funded work, what it received (the villagers'
//! money, labour, materials and land, and outside funds through the commune account) by
//! date, what was received against the budget assigned by source (over-budget flagged),
//! the dated progress log with the reasons for a fall and the problems raised to the
//! commune, and the acceptance.

use super::{Work, date_cell, label, signatures, work_title, works};
use crate::domain::activity::FundingSource;
use crate::domain::after_plan::{ContributionKind, Receipt, over_budget, received};
use crate::domain::record::CycleRecord;
use crate::export::forms::records::place_lines;
use crate::export::forms::{Form, RowGroup, Table, Value, col, num, number, text};
use crate::i18n::{Lang, t};

/// The implementation form.
pub(super) fn implementation(r: &CycleRecord, lang: Lang) -> Form {
    let title = t(lang, "apf.title.implementation");
    let mut form = Form::new(
        lang,
        "apf.sheet.implementation",
        "theo-doi-thuc-hien",
        title,
    );
    place_lines(&mut form, r, lang);
    let funded: Vec<Work> = works(r)
        .into_iter()
        .filter(|w| r.after.is_assigned(w.item.id))
        .collect();
    if funded.is_empty() {
        form.notes.push(t(lang, "apf.x.no_funded"));
        return form;
    }
    form.tables.push(receipts_table(r, &funded, lang));
    let (against, over) = against_table(r, &funded, lang);
    form.tables.push(against);
    if over {
        form.notes.push(t(lang, "apf.note.over_budget"));
    }
    form.tables.push(progress_table(r, &funded, lang));
    form.tables.push(acceptance_table(r, &funded, lang));
    form.signatures = signatures(
        lang,
        &["apf.sign.management_head", "apf.sign.monitoring_head"],
    );
    form
}

/// A table whose rows are grouped by work, each group titled with the work.
fn by_work(mut table: Table, funded: &[Work], rows: impl Fn(&Work) -> Vec<Vec<Value>>) -> Table {
    table.key_columns = 1;
    table.groups = funded
        .iter()
        .map(|w| RowGroup {
            title: Some(work_title(w)),
            rows: rows(w),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    table
}

/// The ledger by date: source, kind, the amount in its unit's column, who gave it.
fn receipts_table(r: &CycleRecord, funded: &[Work], lang: Lang) -> Table {
    let columns = vec![
        col(lang, "apf.col.date"),
        col(lang, "apf.col.source"),
        col(lang, "apf.col.kind"),
        num(lang, "apf.col.money", Some("form.unit.vnd"), true),
        num(lang, "apf.col.labour", Some("form.unit.days"), true),
        num(lang, "apf.col.land", Some("form.unit.m2"), true),
        col(lang, "apf.col.giver"),
        col(lang, "export.col.note"),
    ];
    let mut table = Table::new(columns, Vec::new());
    table.subtitle = Some(t(lang, "apf.sub.receipts"));
    table.empty = Some(t(lang, "apf.empty.receipts"));
    by_work(table, funded, |w| {
        let receipts = r.after.receipts_of(w.item.id);
        receipts.iter().map(|x| receipt_row(x, lang)).collect()
    })
}

fn receipt_row(x: &Receipt, lang: Lang) -> Vec<Value> {
    let in_column = |kinds: &[ContributionKind]| {
        if kinds.contains(&x.kind) {
            number(x.amount as f64)
        } else {
            Value::Empty
        }
    };
    vec![
        date_cell(&x.date),
        label(lang, &x.source.label_key()),
        label(lang, x.kind.label_key()),
        in_column(&[ContributionKind::Money, ContributionKind::Materials]),
        in_column(&[ContributionKind::Labour]),
        in_column(&[ContributionKind::Land]),
        text(x.from.clone()),
        text(x.note.clone()),
    ]
}

/// Received against assigned, by source (a source with neither left out); whether any
/// source received more than assigned.
fn against_table(r: &CycleRecord, funded: &[Work], lang: Lang) -> (Table, bool) {
    let columns = vec![
        col(lang, "apf.col.source_of_funds"),
        num(lang, "apf.col.budget", Some("form.unit.vnd"), true),
        num(lang, "apf.col.received", Some("form.unit.vnd"), true),
        num(lang, "apf.col.over", Some("form.unit.vnd"), true),
    ];
    let mut table = Table::new(columns, Vec::new());
    table.subtitle = Some(t(lang, "apf.sub.against"));
    let table = by_work(table, funded, |w| {
        let Some(a) = r.after.assignment(w.item.id) else {
            return Vec::new();
        };
        let got = received(r.after.receipts_of(w.item.id), None);
        let over = over_budget(&a.budget, &got);
        FundingSource::ALL
            .iter()
            .filter(|s| a.budget.get(**s) != 0 || got.get(**s) != 0)
            .map(|s| {
                let flagged = over.iter().find(|(o, _)| o == s).map(|(_, n)| *n);
                vec![
                    label(lang, &s.label_key()),
                    number(a.budget.get(*s) as f64),
                    number(got.get(*s) as f64),
                    flagged.map_or(Value::Empty, |n| number(n as f64)),
                ]
            })
            .collect()
    });
    let any_over = table
        .rows()
        .any(|row| row.get(3).is_some_and(|v| *v != Value::Empty));
    (table, any_over)
}

/// The progress log: date, percent, what was done, why it fell, problems raised.
fn progress_table(r: &CycleRecord, funded: &[Work], lang: Lang) -> Table {
    let columns = vec![
        col(lang, "apf.col.date"),
        num(lang, "apf.col.percent", Some("apf.unit.percent"), false),
        col(lang, "apf.col.done"),
        col(lang, "apf.col.fall_reason"),
        col(lang, "apf.col.problem"),
    ];
    let mut table = Table::new(columns, Vec::new());
    table.subtitle = Some(t(lang, "apf.sub.progress"));
    table.empty = Some(t(lang, "apf.empty.progress"));
    by_work(table, funded, |w| {
        let log = r.after.progress_of(w.item.id);
        log.iter()
            .map(|p| {
                vec![
                    date_cell(&p.date),
                    number(p.percent),
                    text(p.note.clone()),
                    text(p.reason.clone()),
                    text(p.problem.clone()),
                ]
            })
            .collect()
    })
}

/// Each work's acceptance: date, result, who signed, note.
fn acceptance_table(r: &CycleRecord, funded: &[Work], lang: Lang) -> Table {
    let columns = vec![
        num(lang, "export.col.no", None, false),
        col(lang, "export.col.activity"),
        col(lang, "apf.col.date"),
        col(lang, "apf.col.result"),
        col(lang, "apf.col.signed_by"),
        col(lang, "export.col.note"),
    ];
    let rows = funded
        .iter()
        .map(|w| match r.after.acceptance(w.item.id) {
            Some(a) => vec![
                number(w.no as f64),
                text(w.name()),
                date_cell(&a.date),
                label(lang, a.result.label_key()),
                text(a.signed_by.clone()),
                text(a.note.clone()),
            ],
            None => {
                let mut row = vec![number(w.no as f64), text(w.name()), Value::Empty];
                row.push(label(lang, "apf.state.not_accepted"));
                row.extend([Value::Empty, Value::Empty]);
                row
            }
        })
        .collect();
    let mut table = Table::new(columns, rows);
    table.subtitle = Some(t(lang, "apf.sub.acceptance"));
    table
}
