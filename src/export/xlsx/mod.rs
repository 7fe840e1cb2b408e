//! XLSX: one sheet per [`Form`], laid out without knowing which form it is: title, header
//! lines, each table with its group titles and a totals row (SUM formulas with cached
//! values), notes, the signature block. Numbers stay numbers. A4 print setup: never
//! scaled below 8 pt (73 % of the 11 pt body); a wider form runs onto further pages with
//! its key columns repeated; village and year in the page header, the check code and
//! page numbers in the footer.

mod layout;
mod sheet;

use rust_xlsxwriter::{Workbook, XlsxError};

use self::sheet::Sheet;
use super::ExportError;
use super::forms::{Form, Table};
use crate::i18n::{Lang, t};

/// What every page's margins show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Margins {
    /// Village, commune and year (page header).
    pub place: String,
    /// "Mã kiểm tra: XXXX-XXXX" (page footer).
    pub check_code: String,
}

/// The workbook of some forms as bytes.
pub fn to_xlsx(forms: &[Form], margins: &Margins, lang: Lang) -> Result<Vec<u8>, ExportError> {
    build(forms, margins, lang).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(forms: &[Form], margins: &Margins, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let header = format!("&L{}", margin_text(&margins.place));
    let footer = format!("&L{}&C&A&R&P/&N", margin_text(&margins.check_code));
    for form in forms {
        let mut sheet = form_sheet(form, lang)?;
        sheet.ws.set_header(&header);
        sheet.ws.set_footer(&footer);
        wb.push_worksheet(sheet.finish()?);
    }
    wb.save_to_buffer()
}

/// A form on its own sheet.
fn form_sheet(form: &Form, lang: Lang) -> Result<Sheet, XlsxError> {
    let span = form
        .tables
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| t.columns.len())
        .max()
        .unwrap_or(if form.header_lines.is_empty() { 1 } else { 2 });
    let keys = form.tables.iter().map(|t| t.key_columns).max().unwrap_or(1);
    let mut sh = Sheet::new(&form.sheet, span, keys)?;
    sh.title(&form.title)?;
    for (label, value) in &form.header_lines {
        sh.fact(label, value.clone())?;
    }
    if !form.header_lines.is_empty() {
        sh.skip();
    }
    for table in &form.tables {
        table_block(&mut sh, table, lang)?;
    }
    for note in &form.notes {
        sh.note(note)?;
    }
    if !form.signatures.is_empty() {
        sh.signatures(&form.signatures)?;
    }
    Ok(sh)
}

fn table_block(sh: &mut Sheet, table: &Table, lang: Lang) -> Result<(), XlsxError> {
    if let Some(sub) = &table.subtitle {
        sh.subtitle(sub)?;
    }
    if table.is_empty() {
        if let Some(empty) = &table.empty {
            sh.note(empty)?;
        }
        sh.skip();
        return Ok(());
    }
    sh.header(&table.header())?;
    let first = sh.row;
    for group in &table.groups {
        if let Some(title) = &group.title {
            sh.subtitle(title)?;
        }
        for row in &group.rows {
            sh.write(row.clone())?;
        }
    }
    if table.has_totals() {
        let sums: Vec<(usize, f64)> = table
            .sum_columns()
            .into_iter()
            .map(|c| (c, table.column_sum(c)))
            .collect();
        sh.totals(&t(lang, "export.x.total"), first, &sums)?;
    }
    sh.skip();
    Ok(())
}

/// Text safe in a page header or footer: `&` doubled (it starts a code), at most 80
/// characters so the whole stays under Excel's 255.
fn margin_text(s: &str) -> String {
    s.chars().take(80).collect::<String>().replace('&', "&&")
}
