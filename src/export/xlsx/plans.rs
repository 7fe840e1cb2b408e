//! The plan forms (form 3, the official plan, form 4, last year's review, the meetings'
//! tallies), one sheet each, laid out from the table model shared with CSV.

use rust_xlsxwriter::XlsxError;

use super::sheet::Sheet;
use crate::export::forms::{Form, Table};
use crate::i18n::{Lang, t};

/// A plan form on its own sheet: title, facts, each table (with its totals row), notes.
pub(super) fn form_sheet(form: &Form, lang: Lang) -> Result<Sheet, XlsxError> {
    let span = form
        .tables
        .iter()
        .map(|t| t.header.len())
        .max()
        .unwrap_or(1);
    let mut sh = Sheet::new(&form.sheet, span)?;
    sh.title(&form.title)?;
    for (label, value) in &form.facts {
        sh.fact(label, value.clone())?;
    }
    if !form.facts.is_empty() {
        sh.skip();
    }
    for table in &form.tables {
        table_block(&mut sh, table, lang)?;
    }
    for note in &form.notes {
        sh.note(note)?;
    }
    Ok(sh)
}

fn table_block(sh: &mut Sheet, table: &Table, lang: Lang) -> Result<(), XlsxError> {
    if let Some(sub) = &table.subtitle {
        sh.subtitle(sub)?;
    }
    sh.header(&table.header)?;
    let first = sh.row;
    for row in &table.rows {
        sh.write(row.clone())?;
    }
    if !table.sum_columns.is_empty() {
        let sums: Vec<(usize, f64)> = table
            .sum_columns
            .iter()
            .map(|&c| (c, table.column_sum(c)))
            .collect();
        sh.totals(&t(lang, "export.x.total"), first, &sums)?;
    }
    sh.skip();
    Ok(())
}
