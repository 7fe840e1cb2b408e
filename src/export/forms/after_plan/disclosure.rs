//! "Thông báo công khai tài chính": the log of every posting of a work's finances, and
//! one notice per posting to pin on the wall of the village hall (one A4 page: the
//! village, the work, where and when it was posted, the amounts received by source and
//! the amount spent as posted that day, the balance, and the signatures). The amounts are
//! always those posted, never the ledger as it stands today.

use super::{Work, date_cell, label, signatures, source_cells, source_columns, works};
use crate::domain::activity::FundingSource;
use crate::domain::after_plan::{Disclosure, GroupKind, WorkOwner};
use crate::domain::record::CycleRecord;
use crate::export::forms::records::place_lines;
use crate::export::forms::{Form, Table, Value, col, num, number, text};
use crate::i18n::{Lang, t, tf};

/// The postings in form 4's order of their works, each work's by date.
fn postings(r: &CycleRecord) -> Vec<(Work<'_>, &Disclosure)> {
    let mut rows = Vec::new();
    for w in works(r) {
        let mut of_work: Vec<&Disclosure> = r
            .after
            .disclosures
            .iter()
            .filter(|d| d.item == w.item.id)
            .collect();
        of_work.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));
        rows.extend(of_work.into_iter().map(|d| (w, d)));
    }
    rows
}

/// A posting's note, after a flag when it posted more spent than received.
fn posting_note(d: &Disclosure, lang: Lang) -> String {
    let Some(over) = d.overspent() else {
        return d.note.clone();
    };
    let amount = crate::export::html::number_text(over as f64, lang);
    let flag = format!("⚑ {}", tf(lang, "after.screen.overspent", &[amount]));
    [flag, d.note.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(". ")
}

/// The log of every posting, with the amounts as posted.
pub(super) fn log(r: &CycleRecord, lang: Lang) -> Form {
    let title = t(lang, "apf.title.disclosure_log");
    let mut form = Form::new(lang, "apf.sheet.disclosure_log", "so-cong-khai", title);
    place_lines(&mut form, r, lang);
    let all = postings(r);
    if all.is_empty() {
        form.notes.push(t(lang, "apf.x.no_disclosure"));
        return form;
    }
    let mut columns = vec![
        num(lang, "export.col.no", None, false),
        col(lang, "export.col.activity"),
        col(lang, "apf.col.posted_on"),
        col(lang, "apf.col.place"),
    ];
    columns.extend(source_columns(lang));
    columns.push(num(lang, "apf.col.spent", Some("form.unit.vnd"), true));
    columns.push(col(lang, "export.col.note"));
    let rows = all
        .iter()
        .enumerate()
        .map(|(i, (w, d))| {
            let mut cells = vec![
                number((i + 1) as f64),
                text(w.name()),
                date_cell(&d.date),
                text(d.place.clone()),
            ];
            cells.extend(source_cells(&d.amounts));
            cells.push(number(d.spent as f64));
            cells.push(text(posting_note(d, lang)));
            cells
        })
        .collect();
    form.tables.push(Table::new(columns, rows));
    form.notes.push(t(lang, "apf.note.as_posted"));
    if all.iter().any(|(_, d)| d.overspent().is_some()) {
        form.notes.push(t(lang, "apf.note.overspent"));
    }
    form
}

/// One notice per posting, in the log's order.
pub(super) fn notices(r: &CycleRecord, lang: Lang) -> Vec<Form> {
    postings(r)
        .into_iter()
        .enumerate()
        .map(|(i, (w, d))| notice(r, i + 1, &w, d, lang))
        .collect()
}

/// The notice of one posting.
fn notice(r: &CycleRecord, n: usize, w: &Work, d: &Disclosure, lang: Lang) -> Form {
    let title = t(lang, "apf.title.notice");
    let file = format!("thong-bao-cong-khai-{n}");
    let mut form = Form::new(lang, "apf.title.notice", file, title);
    form.sheet = tf(lang, "apf.sheet.notice", &[n.to_string()]);
    place_lines(&mut form, r, lang);
    form.line(lang, "apf.field.work", text(w.name()));
    form.line(lang, "apf.field.posted_on", date_cell(&d.date));
    form.line(lang, "apf.field.place", text(d.place.clone()));
    form.tables.push(received_table(d, lang));
    form.tables.push(balance_table(d, lang));
    if !d.note.trim().is_empty() {
        form.notes.push(d.note.clone());
    }
    form.notes.push(t(lang, "apf.note.notice"));
    form.signatures = signatures(lang, &notice_signers(r, w));
    form
}

/// The amounts received by source, as posted.
fn received_table(d: &Disclosure, lang: Lang) -> Table {
    let columns = vec![
        col(lang, "apf.col.source_of_funds"),
        num(lang, "apf.col.amount", Some("form.unit.vnd"), true),
    ];
    let rows = FundingSource::ALL
        .iter()
        .map(|s| {
            vec![
                label(lang, &s.label_key()),
                number(d.amounts.get(*s) as f64),
            ]
        })
        .collect();
    let mut table = Table::new(columns, rows);
    table.key_columns = 1;
    table.subtitle = Some(t(lang, "apf.sub.received_by_source"));
    table
}

/// Received in all, spent and the balance, as posted.
fn balance_table(d: &Disclosure, lang: Lang) -> Table {
    let columns = vec![
        col(lang, "apf.col.line"),
        num(lang, "apf.col.amount", Some("form.unit.vnd"), false),
    ];
    let total = d.amounts.total();
    let rows: Vec<Vec<Value>> = [
        ("apf.row.received", total),
        ("apf.row.spent", d.spent),
        ("apf.row.balance", total.saturating_sub(d.spent)),
    ]
    .into_iter()
    .map(|(key, amount)| vec![label(lang, key), number(amount as f64)])
    .collect();
    let mut table = Table::new(columns, rows);
    table.key_columns = 1;
    table.subtitle = Some(t(lang, "apf.sub.balance"));
    table
}

/// The village head, the head of the management group and the head of the group that
/// watches the work (the supervision board for a commune-owned work).
fn notice_signers(r: &CycleRecord, w: &Work) -> [&'static str; 3] {
    let owner = r.after.assignment(w.item.id).map(|a| a.owner);
    let board =
        owner == Some(WorkOwner::Commune) || !r.after.group(w.item.id, GroupKind::Board).is_empty();
    [
        "apf.sign.village_head",
        "apf.sign.management_head",
        if board {
            "apf.sign.board_head"
        } else {
            "apf.sign.monitoring_head"
        },
    ]
}
