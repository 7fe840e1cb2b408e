//! XLSX: one sheet per form (basic information, meeting 1, its attendance register, the
//! working group, proposed activities, form 3, the official medium-term plan, form 4,
//! last year's review, the meetings' tallies). Vietnamese headers, numbers as numbers,
//! totals as SUM formulas with their values cached, column widths measured from the
//! content, A4 print setup (one page wide, header row repeated, village and year in the
//! page header).

mod layout;
mod plans;
mod records;
mod sheet;

use rust_xlsxwriter::{Workbook, XlsxError};

use super::ExportError;
use super::forms::plan_forms;
use super::snapshot::CycleSnapshot;
use crate::i18n::{Lang, t};

/// The workbook of a snapshot as bytes.
pub fn to_xlsx(s: &CycleSnapshot, lang: Lang) -> Result<Vec<u8>, ExportError> {
    build(s, lang).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(s: &CycleSnapshot, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let (header, footer) = page_margins(s, lang);
    let mut sheets = records::sheets(s, lang)?;
    for form in plan_forms(s, lang) {
        sheets.push(plans::form_sheet(&form, lang)?);
    }
    for mut sheet in sheets {
        sheet.ws.set_header(&header);
        sheet.ws.set_footer(&footer);
        wb.push_worksheet(sheet.finish()?);
    }
    wb.save_to_buffer()
}

/// Page header (village, commune, year) and footer (sheet name, page of pages).
fn page_margins(s: &CycleSnapshot, lang: Lang) -> (String, String) {
    let header = format!(
        "&L{}, {}&R{} {}",
        margin_text(&s.village.name),
        margin_text(&s.commune.name),
        margin_text(&t(lang, "export.field.year")),
        s.cycle.year
    );
    (header, "&L&A&R&P/&N".to_string())
}

/// Text safe in a page header: `&` doubled (it starts a code), at most 60 characters so
/// the header stays under Excel's 255.
fn margin_text(s: &str) -> String {
    s.chars().take(60).collect::<String>().replace('&', "&&")
}
