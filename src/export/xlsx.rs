//! XLSX: one sheet per form (basic information, meeting-1 attendance tally, attendance
//! register, working group, proposed activities, form 3, the official medium-term plan,
//! form 4, last year's review, the meetings' tallies), Vietnamese headers, numbers as
//! numbers, totals as SUM formulas with their values cached, column widths that fit,
//! A4 landscape print setup with the header row repeated on every page.

use rust_xlsxwriter::{
    Format as CellFormat, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::forms::{Form, Table, Value, plan_forms};

use super::csv::ACTIVITY_COLUMNS;
use super::snapshot::CycleSnapshot;
use super::{
    ExportError, announced_label, figure_label, figure_number, gender_label, orgs_label,
    role_label, wealth_label, yes_no,
};
use crate::i18n::{Lang, t};

/// Widest a column grows; longer text wraps inside its cell, so wide forms still print
/// legibly on one A4 landscape page width.
const MAX_COLUMN_WIDTH: f64 = 26.0;

/// The column holding names (activities, people): it may grow wider than the others.
const NAME_COLUMN: usize = 1;

/// Widest the name column grows.
const MAX_NAME_WIDTH: f64 = 40.0;

/// Height of one line of text in a row, in points.
const LINE_HEIGHT: f64 = 15.0;

/// Most lines a row is made tall for.
const MAX_LINES: usize = 8;

/// A cell to write.
enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// A sheet being filled row by row, remembering each column's widest content.
struct Sheet {
    ws: Worksheet,
    row: u32,
    widths: Vec<usize>,
    /// Text widths per (row, column) of wrapping cells, to size row heights at the end.
    texts: Vec<(u32, u16, usize)>,
    header: CellFormat,
    title: CellFormat,
    subtitle: CellFormat,
    body: CellFormat,
    number: CellFormat,
    total: CellFormat,
}

impl Sheet {
    fn new(name: &str) -> Result<Self, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        ws.set_paper_size(9); // A4
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        Ok(Sheet {
            ws,
            row: 0,
            widths: Vec::new(),
            texts: Vec::new(),
            header: CellFormat::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_text_wrap(),
            title: CellFormat::new().set_bold().set_font_size(13),
            subtitle: CellFormat::new().set_bold(),
            body: CellFormat::new()
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
            number: CellFormat::new()
                .set_border(FormatBorder::Thin)
                .set_align(rust_xlsxwriter::FormatAlign::Top)
                .set_num_format("#,##0.##"),
            total: CellFormat::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_num_format("#,##0.##"),
        })
    }

    fn title(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, text, &self.title)?;
        self.row += 2;
        Ok(())
    }

    fn header(&mut self, lang: Lang, keys: &[&str]) -> Result<(), XlsxError> {
        let cells: Vec<Cell> = keys.iter().map(|k| Cell::Text(t(lang, k))).collect();
        self.write(cells, true)
    }

    fn write(&mut self, cells: Vec<Cell>, header: bool) -> Result<(), XlsxError> {
        for (c, cell) in cells.into_iter().enumerate() {
            let col = c as u16;
            let width = match &cell {
                Cell::Text(s) => UnicodeWidthStr::width(s.as_str()),
                Cell::Number(n) => format!("{n}").len() + 2,
                Cell::Empty => 0,
            };
            if matches!(cell, Cell::Text(_)) {
                self.texts.push((self.row, col, width));
            }
            if self.widths.len() <= c {
                self.widths.resize(c + 1, 0);
            }
            // Headers wrap, so they count less than body text.
            let width = if header { width.min(12) } else { width };
            self.widths[c] = self.widths[c].max(width);
            let fmt = if header { &self.header } else { &self.body };
            match cell {
                Cell::Text(s) => {
                    self.ws.write_string_with_format(self.row, col, s, fmt)?;
                }
                Cell::Number(n) => {
                    self.ws
                        .write_number_with_format(self.row, col, n, &self.number)?;
                }
                Cell::Empty => {
                    self.ws.write_blank(self.row, col, fmt)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    fn skip(&mut self) {
        self.row += 1;
    }

    /// A label and its value on one line, not wrapped (long text runs on to the right).
    fn fact(&mut self, label: &str, value: Cell) -> Result<(), XlsxError> {
        self.ws.write_string(self.row, 0, label)?;
        match value {
            Cell::Text(s) => {
                self.ws.write_string(self.row, 1, s)?;
            }
            Cell::Number(n) => {
                self.ws.write_number(self.row, 1, n)?;
            }
            Cell::Empty => {}
        }
        self.row += 1;
        Ok(())
    }

    /// A totals row under the body that began at row `first`: a SUM formula per summed
    /// column, its value cached so readers that do not recalculate still see it.
    fn totals(&mut self, table: &Table, first: u32, lang: Lang) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 1, t(lang, "export.x.total"), &self.header)?;
        for &c in &table.sum_columns {
            let col = c as u16;
            let letter = rust_xlsxwriter::utility::column_number_to_name(col);
            let range = format!("{letter}{}:{letter}{}", first + 1, self.row.max(first + 1));
            let sum = table.column_sum(c);
            let formula = if self.row > first {
                Formula::new(format!("=SUM({range})")).set_result(format!("{sum}"))
            } else {
                Formula::new("=0").set_result("0")
            };
            self.ws
                .write_formula_with_format(self.row, col, formula, &self.total)?;
        }
        self.row += 1;
        Ok(())
    }

    /// Sets column widths, then the height of every row whose wrapped text needs more
    /// than one line (spreadsheet readers do not all size rows themselves).
    fn finish(mut self) -> Result<Worksheet, XlsxError> {
        let widths: Vec<f64> = self
            .widths
            .iter()
            .enumerate()
            .map(|(c, w)| {
                let max = if c == NAME_COLUMN {
                    MAX_NAME_WIDTH
                } else {
                    MAX_COLUMN_WIDTH
                };
                (*w as f64 + 2.0).clamp(6.0, max)
            })
            .collect();
        for (c, width) in widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *width)?;
        }
        let mut lines = std::collections::BTreeMap::<u32, usize>::new();
        for &(row, col, text) in &self.texts {
            let room = widths
                .get(usize::from(col))
                .map_or(1.0, |w| (w - 1.0).max(1.0));
            let needed = (text as f64 / room).ceil().max(1.0) as usize;
            let entry = lines.entry(row).or_insert(1);
            *entry = (*entry).max(needed);
        }
        for (row, n) in lines.into_iter().filter(|(_, n)| *n > 1) {
            self.ws
                .set_row_height(row, LINE_HEIGHT * n.min(MAX_LINES) as f64)?;
        }
        Ok(self.ws)
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: impl Into<f64>) -> Cell {
    Cell::Number(n.into())
}

fn opt_number(n: Option<f64>) -> Cell {
    n.map(Cell::Number).unwrap_or(Cell::Empty)
}

/// The workbook of a snapshot as bytes.
pub fn to_xlsx(s: &CycleSnapshot, lang: Lang) -> Result<Vec<u8>, ExportError> {
    build(s, lang).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(s: &CycleSnapshot, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let footer = format!("&L{} {}&R&P/&N", s.village.name, s.cycle.year);
    let mut sheets = vec![
        basic(s, lang)?,
        meeting1(s, lang)?,
        attendees(s, lang)?,
        working_group(s, lang)?,
        activities(s, lang)?,
    ];
    for form in plan_forms(s, lang) {
        sheets.push(form_sheet(&form, lang)?);
    }
    for mut sheet in sheets {
        sheet.ws.set_footer(&footer);
        wb.push_worksheet(sheet.finish()?);
    }
    wb.save_to_buffer()
}

/// A plan form laid out on its own sheet.
fn form_sheet(form: &Form, lang: Lang) -> Result<Sheet, XlsxError> {
    let mut sh = Sheet::new(&form.sheet)?;
    sh.title(&form.title)?;
    for (label, value) in &form.facts {
        sh.fact(label, cell(value))?;
    }
    if !form.facts.is_empty() {
        sh.skip();
    }
    for (i, table) in form.tables.iter().enumerate() {
        if let Some(sub) = &table.subtitle {
            sh.ws
                .write_string_with_format(sh.row, 0, sub, &sh.subtitle)?;
            sh.row += 1;
        }
        if i == 0 {
            sh.ws.set_repeat_rows(sh.row, sh.row)?;
            sh.ws.set_freeze_panes(sh.row + 1, 0)?;
        }
        sh.write(table.header.iter().cloned().map(text).collect(), true)?;
        let first = sh.row;
        for row in &table.rows {
            sh.write(row.iter().map(cell).collect(), false)?;
        }
        if !table.sum_columns.is_empty() {
            sh.totals(table, first, lang)?;
        }
        sh.skip();
    }
    for note in &form.notes {
        sh.ws.write_string(sh.row, 0, note)?;
        sh.row += 1;
    }
    Ok(sh)
}

fn cell(v: &Value) -> Cell {
    match v {
        Value::Text(s) => Cell::Text(s.clone()),
        Value::Number(n) => Cell::Number(*n),
        Value::Empty => Cell::Empty,
    }
}

fn basic(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let mut sh = Sheet::new(&t(lang, "export.sheet.basic"))?;
    sh.title(&t(lang, "export.title.basic"))?;
    for (k, v) in [
        ("province", &s.commune.province),
        ("district", &s.commune.district),
        ("commune", &s.commune.name),
        ("village", &s.village.name),
    ] {
        sh.write(
            vec![text(t(lang, &format!("export.field.{k}"))), text(v.clone())],
            false,
        )?;
    }
    sh.write(
        vec![text(t(lang, "export.field.year")), number(s.cycle.year)],
        false,
    )?;
    sh.skip();
    sh.header(
        lang,
        &[
            "export.col.item",
            "export.col.value",
            "export.col.source",
            "export.col.as_of",
        ],
    )?;
    for f in &s.figures {
        let value = match figure_number(&f.key, &f.value) {
            Some(n) => number(n),
            None => text(f.value.clone()),
        };
        sh.write(
            vec![
                text(figure_label(lang, &f.key)),
                value,
                text(f.source.clone()),
                text(f.as_of.clone()),
            ],
            false,
        )?;
    }
    sh.skip();
    sh.write(vec![text(t(lang, "export.title.team"))], true)?;
    sh.header(lang, &["export.col.name", "export.col.role"])?;
    for f in &s.facilitators {
        sh.write(vec![text(f.name.clone()), text(f.role.clone())], false)?;
    }
    Ok(sh)
}

fn meeting1(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let mut sh = Sheet::new(&t(lang, "export.sheet.meeting1"))?;
    sh.title(&t(lang, "export.title.meeting1"))?;
    let Some(m) = &s.meeting1 else {
        sh.write(vec![text(t(lang, "export.m1.none"))], false)?;
        return Ok(sh);
    };
    let rows: Vec<(&str, Cell)> = vec![
        ("rec.date", text(m.date.clone())),
        ("rec.place", text(m.place.clone())),
        ("rec.chair", text(m.chair.clone())),
        ("rec.role", text(role_label(lang, m.chair_role))),
        ("rec.start", text(m.start_time.clone())),
        ("rec.end", text(m.end_time.clone())),
        ("rec.announced", text(announced_label(lang, &m.announced))),
        ("rec.facilitators", text(m.facilitators_present.join(", "))),
        ("export.m1.men", number(m.tally.men)),
        ("export.m1.women", number(m.tally.women)),
        ("export.m1.total", number(m.tally.total())),
        (
            "export.m1.women_share",
            number((s.meeting1_women_percent() * 10.0).round() / 10.0),
        ),
        ("export.m1.closed", text(yes_no(lang, m.closed))),
        (
            "export.m1.override",
            text(m.override_reason.clone().unwrap_or_default()),
        ),
    ];
    sh.header(lang, &["export.col.item", "export.col.value"])?;
    for (k, v) in rows {
        sh.write(vec![text(t(lang, k)), v], false)?;
    }
    Ok(sh)
}

fn attendees(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let mut sh = Sheet::new(&t(lang, "export.sheet.attendees"))?;
    sh.title(&t(lang, "export.title.attendees"))?;
    sh.header(
        lang,
        &[
            "export.col.no",
            "export.col.name",
            "export.col.gender",
            "export.col.ethnicity",
            "export.col.wealth",
            "export.col.organisations",
            "export.col.trained",
        ],
    )?;
    for a in &s.attendees {
        sh.write(
            vec![
                number(a.seq),
                text(a.name.clone().unwrap_or_default()),
                text(gender_label(lang, a.gender)),
                text(a.ethnicity.clone().unwrap_or_default()),
                text(wealth_label(lang, a.wealth)),
                text(orgs_label(lang, &a.organisations)),
                text(yes_no(lang, a.trained)),
            ],
            false,
        )?;
    }
    Ok(sh)
}

fn working_group(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let wg = &s.working_group;
    let mut sh = Sheet::new(&t(lang, "export.sheet.working_group"))?;
    sh.title(&t(lang, "export.title.elected"))?;
    sh.header(
        lang,
        &[
            "export.col.no",
            "export.col.name",
            "export.col.gender",
            "export.col.ethnicity",
            "export.col.wealth",
            "export.col.organisations",
            "export.col.trained",
            "export.col.core_farmer",
            "export.col.leader",
        ],
    )?;
    for (i, m) in wg.members.iter().enumerate() {
        sh.write(
            vec![
                number((i + 1) as u32),
                text(m.name.clone()),
                text(gender_label(lang, m.gender)),
                text(m.ethnicity.clone().unwrap_or_default()),
                text(wealth_label(lang, m.wealth)),
                text(orgs_label(lang, &m.organisations)),
                text(yes_no(lang, m.trained)),
                text(yes_no(lang, m.core_farmer)),
                text(yes_no(lang, m.leader)),
            ],
            false,
        )?;
    }
    sh.skip();
    if let Some(c) = wg.frozen {
        for (k, n) in [
            ("export.wg.members", c.members),
            ("export.wg.women", c.women),
            ("export.wg.trained", c.trained),
        ] {
            sh.write(vec![Cell::Empty, text(t(lang, k)), number(n)], false)?;
        }
    } else {
        sh.write(vec![Cell::Empty, text(t(lang, "export.wg.open"))], false)?;
    }
    if let Some(r) = &wg.override_reason {
        sh.write(
            vec![
                Cell::Empty,
                text(t(lang, "export.wg.override")),
                text(r.clone()),
            ],
            false,
        )?;
    }
    Ok(sh)
}

fn activities(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let mut sh = Sheet::new(&t(lang, "export.sheet.activities"))?;
    sh.title(&t(lang, "export.title.activities"))?;
    sh.header(lang, &ACTIVITY_COLUMNS)?;
    for (i, a) in s.activities.iter().enumerate() {
        let f = &a.fields;
        sh.write(
            vec![
                number((i + 1) as u32),
                text(f.name.clone()),
                text(t(lang, f.sector.label_key())),
                text(t(lang, f.category.label_key())),
                opt_number(f.quantity),
                text(f.unit.clone()),
                text(f.time.clone()),
                text(f.location.clone()),
                text(f.responsible.clone()),
                number(f.contribution.land_m2 as f64),
                number(f.contribution.money_vnd as f64),
                number(f.contribution.labour_days),
                text(f.contribution.materials.clone()),
                opt_number(f.estimated_cost_vnd.map(|c| c as f64)),
                text(yes_no(lang, f.proposed_by_women)),
                text(f.tool_code.clone().unwrap_or_default()),
            ],
            false,
        )?;
    }
    Ok(sh)
}
