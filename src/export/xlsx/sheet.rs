//! A worksheet filled row by row: cell formats, column widths measured from the content,
//! row heights for wrapped text, and the A4 print setup.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Worksheet, XlsxError};

use super::layout::{NAME_COLUMN, column_widths, header_width, lines, number_width, width};
use crate::export::csv::number_text;

/// Height of one line of text in a row, in points.
const LINE_HEIGHT: f64 = 15.0;

/// Width of a column nothing was written in.
const DEFAULT_WIDTH: f64 = 8.43;

/// Most lines a row is made tall for.
const MAX_LINES: usize = 12;

/// Pixels (at 96 dpi) one character of column width prints: the digit width of the
/// default font, Calibri 11, is 7 in Excel, but LibreOffice measures Carlito's at about
/// 7.4, so a page break falls earlier there.
const CHAR_PX: f64 = 7.5;

/// Pixels every column adds to its width in characters (the cell's padding: 5/7 of a
/// character).
const COLUMN_PADDING_PX: f64 = 5.4;

/// Pixels an A4 portrait page holds between its 0.5 in side margins (7.27 in at 96 dpi),
/// less 1 % for renderers' rounding.
pub(super) const PORTRAIT_PX: f64 = 691.0;

/// Pixels an A4 landscape page holds between its 0.5 in side margins (10.69 in at 96
/// dpi), less 1 % for renderers' rounding.
pub(super) const LANDSCAPE_PX: f64 = 1016.0;

/// Smallest print scale: 73 % of the 11 pt body text is 8 pt.
pub(super) const MIN_SCALE: u16 = 73;

/// Whole numbers: thousands grouped (money, m², counts, ranks).
const INTEGER: &str = "#,##0";

/// Fractions (labour days, quantities, percents): up to three decimals, no trailing point.
const FRACTION: &str = "#,##0.0##";

/// The combined score: always three decimals.
const DECIMAL: &str = "0.000";

/// Years and version numbers: digits only.
const PLAIN: &str = "0";

/// A cell to write: the export table model's value.
pub(super) use crate::export::forms::Value as Cell;

/// Text that wraps over the columns `first..=last` of a row, to size the row's height.
struct Wrapped {
    row: u32,
    first: usize,
    last: usize,
    text: String,
}

/// Which format merged text takes.
#[derive(Debug, Clone, Copy)]
enum Which {
    /// A header line's or note's text.
    Fact,
    /// Bold (subtitles, signature roles).
    Subtitle,
}

/// The cell formats of a sheet.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    integer: Format,
    fraction: Format,
    decimal: Format,
    plain: Format,
    total_integer: Format,
    total_fraction: Format,
    fact: Format,
    fact_number: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        let total = Format::new().set_bold().set_border(FormatBorder::Thin);
        let fact = Format::new().set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            subtitle: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            text: cell.clone().set_text_wrap(),
            integer: cell.clone().set_num_format(INTEGER),
            fraction: cell.clone().set_num_format(FRACTION),
            decimal: cell.clone().set_num_format(DECIMAL),
            plain: cell.set_num_format(PLAIN),
            total_integer: total.clone().set_num_format(INTEGER),
            total_fraction: total.set_num_format(FRACTION),
            fact_number: fact
                .clone()
                .set_align(FormatAlign::Left)
                .set_num_format(PLAIN),
            fact: fact.set_text_wrap(),
        }
    }
}

/// A sheet being filled row by row, remembering each column's widest content.
pub(super) struct Sheet {
    /// The worksheet.
    pub(super) ws: Worksheet,
    /// The next row to write.
    pub(super) row: u32,
    span: usize,
    text_widths: Vec<usize>,
    number_widths: Vec<usize>,
    wrapped: Vec<Wrapped>,
    header_row: Option<u32>,
    key_columns: usize,
    signatures: Option<(u32, Vec<String>)>,
    f: Formats,
}

impl Sheet {
    /// A sheet whose facts and notes spread over `span` columns (the widest table's),
    /// with `key_columns` repeated on every printed page.
    pub(super) fn new(name: &str, span: usize, key_columns: usize) -> Result<Self, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            row: 0,
            span,
            text_widths: Vec::new(),
            number_widths: Vec::new(),
            wrapped: Vec::new(),
            header_row: None,
            key_columns,
            signatures: None,
            f: Formats::new(),
        })
    }

    /// The title in bold, then a blank row.
    pub(super) fn title(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, text, &self.f.title)?;
        self.row += 2;
        Ok(())
    }

    /// A bold line above a table (form 4's parts), running on to the right.
    pub(super) fn subtitle(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, text, &self.f.subtitle)?;
        self.row += 1;
        Ok(())
    }

    /// A table's header row; the first one is repeated on every printed page and frozen.
    pub(super) fn header(&mut self, labels: &[String]) -> Result<(), XlsxError> {
        self.header_row.get_or_insert(self.row);
        for (c, label) in labels.iter().enumerate() {
            self.measure(c, header_width(label));
            self.wrap(c, c, label);
            self.ws
                .write_string_with_format(self.row, c as u16, label, &self.f.header)?;
        }
        self.row += 1;
        Ok(())
    }

    /// A body row of a table.
    pub(super) fn write(&mut self, cells: Vec<Cell>) -> Result<(), XlsxError> {
        for (c, cell) in cells.into_iter().enumerate() {
            self.put(c, cell)?;
        }
        self.row += 1;
        Ok(())
    }

    fn put(&mut self, c: usize, cell: Cell) -> Result<(), XlsxError> {
        let (row, col) = (self.row, c as u16);
        match cell {
            Cell::Text(s) => {
                self.measure(c, width(&s));
                self.wrap(c, c, &s);
                self.ws
                    .write_string_with_format(row, col, s, &self.f.text)?;
            }
            Cell::Number(n) => {
                self.measure_number(c, number_width(n, true));
                let f = if n.fract() == 0.0 {
                    &self.f.integer
                } else {
                    &self.f.fraction
                };
                self.ws.write_number_with_format(row, col, n, f)?;
            }
            Cell::Decimal(n) => {
                self.measure_number(c, number_width(n.trunc(), false) + 4);
                self.ws
                    .write_number_with_format(row, col, n, &self.f.decimal)?;
            }
            Cell::Plain(n) => {
                self.measure_number(c, number_width(n, false));
                self.ws
                    .write_number_with_format(row, col, n, &self.f.plain)?;
            }
            Cell::Empty => {
                self.ws.write_blank(row, col, &self.f.text)?;
            }
        }
        Ok(())
    }

    /// The signature block: a blank row, then the roles (placed by [`Sheet::finish`]
    /// once the column widths are known), with room below to sign.
    pub(super) fn signatures(&mut self, roles: &[String]) -> Result<(), XlsxError> {
        self.skip();
        self.signatures = Some((self.row, roles.to_vec()));
        self.row += 4;
        Ok(())
    }

    /// Each role over its share of the first `columns` columns (those the first printed
    /// page holds), so every role prints on one page.
    fn place_signatures(&mut self, columns: usize) -> Result<(), XlsxError> {
        let Some((row, roles)) = self.signatures.take() else {
            return Ok(());
        };
        let columns = columns.clamp(1, self.span.max(1));
        let each = (columns / roles.len().max(1)).max(1);
        for (i, role) in roles.iter().enumerate() {
            let first = i * each;
            let last = if i + 1 == roles.len() {
                columns.max(first + 1) - 1
            } else {
                first + each - 1
            };
            self.merged_at(row, first, last, role, Which::Subtitle)?;
        }
        Ok(())
    }

    /// Text over the columns `first..=last` of the current row, merged when they are
    /// several.
    fn merged(
        &mut self,
        first: usize,
        last: usize,
        text: &str,
        which: Which,
    ) -> Result<(), XlsxError> {
        self.merged_at(self.row, first, last, text, which)
    }

    /// Text over the columns `first..=last` of `row`, merged when they are several.
    fn merged_at(
        &mut self,
        row: u32,
        first: usize,
        last: usize,
        text: &str,
        which: Which,
    ) -> Result<(), XlsxError> {
        let format = match which {
            Which::Fact => &self.f.fact,
            Which::Subtitle => &self.f.subtitle,
        };
        if last > first {
            self.ws
                .merge_range(row, first as u16, row, last as u16, text, format)?;
        } else {
            self.ws
                .write_string_with_format(row, first as u16, text, format)?;
        }
        Ok(())
    }

    /// A blank row.
    pub(super) fn skip(&mut self) {
        self.row += 1;
    }

    /// A label in the first column and its value beside it; long text wraps over the
    /// rest of the table's width.
    pub(super) fn fact(&mut self, label: &str, value: Cell) -> Result<(), XlsxError> {
        self.measure(0, width(label));
        self.wrap(0, 0, label);
        self.ws
            .write_string_with_format(self.row, 0, label, &self.f.fact)?;
        match value {
            Cell::Text(s) => self.spread(1, &s)?,
            Cell::Number(n) | Cell::Decimal(n) | Cell::Plain(n) => {
                self.ws
                    .write_number_with_format(self.row, 1, n, &self.f.fact_number)?;
            }
            Cell::Empty => {}
        }
        self.row += 1;
        Ok(())
    }

    /// A line of text below or instead of the tables, wrapped over the table's width.
    pub(super) fn note(&mut self, text: &str) -> Result<(), XlsxError> {
        self.spread(0, text)?;
        self.row += 1;
        Ok(())
    }

    /// Text from column `first` to the sheet's span, merged and wrapped; alone in its
    /// column (which then grows to fit it) when the span leaves no room to merge.
    fn spread(&mut self, first: usize, text: &str) -> Result<(), XlsxError> {
        let last = self.span.saturating_sub(1).max(first);
        if last == first {
            self.measure(first, width(text));
        }
        self.merged(first, last, text, Which::Fact)?;
        self.wrap(first, last, text);
        Ok(())
    }

    /// A totals row under the body that began at row `first`: the label in the name
    /// column, then a SUM formula per (column, sum) with its value cached so readers that
    /// do not recalculate still see the number.
    pub(super) fn totals(
        &mut self,
        label: &str,
        first: u32,
        sums: &[(usize, f64)],
    ) -> Result<(), XlsxError> {
        self.measure(NAME_COLUMN, width(label));
        self.ws
            .write_string_with_format(self.row, NAME_COLUMN as u16, label, &self.f.header)?;
        for &(c, sum) in sums {
            let col = c as u16;
            self.measure_number(c, number_width(sum, true));
            let f = if sum.fract() == 0.0 {
                &self.f.total_integer
            } else {
                &self.f.total_fraction
            };
            if self.row == first {
                self.ws.write_number_with_format(self.row, col, 0.0, f)?;
                continue;
            }
            let letter = rust_xlsxwriter::utility::column_number_to_name(col);
            let formula = Formula::new(format!("=SUM({letter}{}:{letter}{})", first + 1, self.row))
                .set_result(number_text(sum));
            self.ws
                .write_formula_with_format(self.row, col, formula, f)?;
        }
        self.row += 1;
        Ok(())
    }

    fn measure(&mut self, c: usize, width: usize) {
        grow(&mut self.text_widths, c, width);
    }

    fn measure_number(&mut self, c: usize, width: usize) {
        grow(&mut self.number_widths, c, width);
    }

    fn wrap(&mut self, first: usize, last: usize, text: &str) {
        self.wrapped.push(Wrapped {
            row: self.row,
            first,
            last,
            text: text.to_string(),
        });
    }

    /// Sets column widths, row heights for wrapped text (not every reader sizes rows
    /// itself) and the print setup; hands the worksheet over.
    pub(super) fn finish(mut self) -> Result<Worksheet, XlsxError> {
        let widths = column_widths(&self.text_widths, &self.number_widths, self.span <= 1);
        for (c, width) in widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *width)?;
        }
        self.row_heights(&widths)?;
        let page_px = self.print_setup(printed_px(&widths))?;
        self.place_signatures(first_page_columns(&widths, page_px))?;
        Ok(self.ws)
    }

    fn row_heights(&mut self, widths: &[f64]) -> Result<(), XlsxError> {
        let mut rows = BTreeMap::<u32, usize>::new();
        for w in &self.wrapped {
            let room: f64 = (w.first..=w.last)
                .map(|c| widths.get(c).copied().unwrap_or(DEFAULT_WIDTH))
                .sum();
            let needed = lines(&w.text, room);
            let entry = rows.entry(w.row).or_insert(1);
            *entry = (*entry).max(needed);
        }
        for (row, n) in rows.into_iter().filter(|(_, n)| *n > 1) {
            self.ws
                .set_row_height(row, LINE_HEIGHT * n.min(MAX_LINES) as f64)?;
        }
        Ok(())
    }

    /// A4, landscape when the columns (`total_px` wide as printed at 100 %) are wider
    /// than a portrait page, scaled to fit the page but never below [`MIN_SCALE`] (a wider
    /// form runs onto more pages with its key columns repeated), the first header row
    /// repeated on every page and frozen. Returns the width in pixels at 100 % that one
    /// printed page holds.
    fn print_setup(&mut self, total_px: f64) -> Result<f64, XlsxError> {
        self.ws.set_paper_size(9);
        let room = if total_px > PORTRAIT_PX {
            self.ws.set_landscape();
            LANDSCAPE_PX
        } else {
            self.ws.set_portrait();
            PORTRAIT_PX
        };
        let scale = print_scale(total_px, room);
        self.ws.set_print_scale(scale);
        if self.key_columns > 0 && total_px > LANDSCAPE_PX {
            self.ws.set_repeat_columns(0, self.key_columns as u16 - 1)?;
        }
        self.ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        if let Some(row) = self.header_row {
            self.ws.set_repeat_rows(row, row)?;
            self.ws.set_freeze_panes(row + 1, 0)?;
        }
        Ok(room * 100.0 / f64::from(scale))
    }
}

/// The width columns of these widths (in characters) print at 100 %, in pixels.
pub(super) fn printed_px(widths: &[f64]) -> f64 {
    widths.iter().map(|w| w * CHAR_PX + COLUMN_PADDING_PX).sum()
}

/// How many leading columns of these widths (characters) fit `page_px` pixels.
pub(super) fn first_page_columns(widths: &[f64], page_px: f64) -> usize {
    let mut used = 0.0;
    widths
        .iter()
        .take_while(|w| {
            used += printed_px(std::slice::from_ref(*w));
            used <= page_px
        })
        .count()
}

/// The print scale (percent) that fits `total_px` into `room` (both in pixels), between
/// [`MIN_SCALE`] and 100.
pub(super) fn print_scale(total_px: f64, room: f64) -> u16 {
    let fit = (room / total_px.max(1.0) * 100.0).floor();
    fit.clamp(f64::from(MIN_SCALE), 100.0) as u16
}

fn grow(widths: &mut Vec<usize>, c: usize, width: usize) {
    if widths.len() <= c {
        widths.resize(c + 1, 0);
    }
    widths[c] = widths[c].max(width);
}
