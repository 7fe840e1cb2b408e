//! The form model: every form kehoach prints is a [`Form`] value (title, header lines,
//! typed columns with units, row groups, totals, notes, signature block), made by a pure
//! function of a [`CycleRecord`]. The XLSX, CSV and HTML writers lay out `Form`s and know
//! no form by name.

mod activities;
mod after_plan;
pub mod commune;
pub mod district;
mod meetings;
mod plans;
mod records;

use chrono::FixedOffset;

use crate::domain::record::CycleRecord;
use crate::i18n::{Lang, t};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number (written as a number, never as text).
    Number(f64),
    /// A fraction shown with three decimals (the combined score).
    Decimal(f64),
    /// A number shown without thousands grouping (a year, a version).
    Plain(f64),
    /// Nothing.
    Empty,
}

/// What a column holds, which decides its alignment and number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text (left-aligned).
    Text,
    /// Numbers (right-aligned, thousands grouped).
    Number,
}

/// A column: label, unit, kind, and whether the table's totals row sums it.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Label.
    pub label: String,
    /// Unit ("m²", "đồng"), shown after the label.
    pub unit: Option<String>,
    /// Text or numbers.
    pub kind: Kind,
    /// Summed in the totals row.
    pub total: bool,
}

impl Column {
    /// The header text: the label, then the unit in brackets.
    pub fn header(&self) -> String {
        match &self.unit {
            Some(u) => format!("{} ({u})", self.label),
            None => self.label.clone(),
        }
    }
}

/// Rows under an optional group title (form 4's parts, a sub-group's findings).
#[derive(Debug, Clone, PartialEq)]
pub struct RowGroup {
    /// Title of the group, if any.
    pub title: Option<String>,
    /// Body rows, one value per column.
    pub rows: Vec<Vec<Value>>,
}

/// A table of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Optional subtitle above the table.
    pub subtitle: Option<String>,
    /// Columns.
    pub columns: Vec<Column>,
    /// Leading columns that identify a row (repeated when a wide table is split).
    pub key_columns: usize,
    /// Row groups, in order.
    pub groups: Vec<RowGroup>,
    /// Text shown instead of the table when it has no rows.
    pub empty: Option<String>,
}

impl Table {
    /// A table with one untitled group.
    pub fn new(columns: Vec<Column>, rows: Vec<Vec<Value>>) -> Self {
        Table {
            subtitle: None,
            columns,
            key_columns: 2,
            groups: vec![RowGroup { title: None, rows }],
            empty: None,
        }
    }

    /// Every body row, group after group.
    pub fn rows(&self) -> impl Iterator<Item = &Vec<Value>> {
        self.groups.iter().flat_map(|g| g.rows.iter())
    }

    /// Whether the table has no body row.
    pub fn is_empty(&self) -> bool {
        self.rows().next().is_none()
    }

    /// Column headers with their units.
    pub fn header(&self) -> Vec<String> {
        self.columns.iter().map(Column::header).collect()
    }

    /// Whether the table closes with a totals row.
    pub fn has_totals(&self) -> bool {
        self.columns.iter().any(|c| c.total) && !self.is_empty()
    }

    /// Indices of the summed columns.
    pub fn sum_columns(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&c| self.columns[c].total)
            .collect()
    }

    /// The sum of a column over every group (text and empty cells count 0).
    pub fn column_sum(&self, column: usize) -> f64 {
        self.rows()
            .filter_map(|r| match r.get(column) {
                Some(Value::Number(n) | Value::Decimal(n)) => Some(*n),
                _ => None,
            })
            .sum()
    }
}

/// One form.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// Sheet name (XLSX, at most 31 characters).
    pub sheet: String,
    /// ASCII file suffix (CSV) and anchor (HTML), unique among a cycle's forms.
    pub file: String,
    /// Title.
    pub title: String,
    /// Label and value lines under the title.
    pub header_lines: Vec<(String, Value)>,
    /// The tables.
    pub tables: Vec<Table>,
    /// Lines below the tables.
    pub notes: Vec<String>,
    /// Who signs under the form (roles), empty when nobody does.
    pub signatures: Vec<String>,
}

impl Form {
    /// An empty form with a sheet name, file suffix and title.
    fn new(lang: Lang, sheet_key: &str, file: impl Into<String>, title: String) -> Self {
        Form {
            sheet: t(lang, sheet_key),
            file: file.into(),
            title,
            header_lines: Vec::new(),
            tables: Vec::new(),
            notes: Vec::new(),
            signatures: Vec::new(),
        }
    }

    /// Adds a header line.
    fn line(&mut self, lang: Lang, key: &str, value: Value) {
        self.header_lines.push((t(lang, key), value));
    }

    /// The signature block of the plan forms: chair, working-group leader, recorder.
    fn signed(mut self, lang: Lang) -> Self {
        self.signatures = ["form.sign.chair", "form.sign.leader", "form.sign.recorder"]
            .iter()
            .map(|k| t(lang, k))
            .collect();
        self
    }
}

/// Every form of a cycle, in the procedure's order. `offset` is the UTC offset stored
/// times are shown in.
pub fn all(record: &CycleRecord, lang: Lang, offset: FixedOffset) -> Vec<Form> {
    let mut forms = vec![records::basic(record, lang), records::team(record, lang)];
    forms.extend(meetings::meeting_forms(record, lang, offset));
    forms.push(records::working_group(record, lang));
    forms.push(records::assessment(record, lang));
    forms.push(activities::proposed(record, lang));
    forms.push(plans::form3(record, lang));
    forms.push(plans::official(record, lang, offset));
    forms.push(plans::form4(record, lang, offset));
    forms.push(plans::review(record, lang));
    forms.push(meetings::tallies(record, lang));
    forms.extend(after_plan::forms(record, lang));
    forms
}

/// A text cell.
pub(crate) fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// A number cell.
pub(crate) fn number(n: impl Into<f64>) -> Value {
    Value::Number(n.into())
}

/// A number cell, or an empty one.
pub(crate) fn opt_number(n: Option<f64>) -> Value {
    n.map_or(Value::Empty, Value::Number)
}

/// A text column.
fn col(lang: Lang, key: &str) -> Column {
    Column {
        label: t(lang, key),
        unit: None,
        kind: Kind::Text,
        total: false,
    }
}

/// A number column, summed when `total`, with an optional unit key.
fn num(lang: Lang, key: &str, unit: Option<&str>, total: bool) -> Column {
    Column {
        label: t(lang, key),
        unit: unit.map(|u| t(lang, u)),
        kind: Kind::Number,
        total,
    }
}

/// A stored UTC time (`YYYY-MM-DDTHH:MM…`, no offset) in local time, `dd/mm/yyyy hh:mm
/// (UTC+07:00)`; other text as a date.
pub fn local_timestamp(utc: &str, offset: FixedOffset) -> String {
    let head = utc.get(..16).unwrap_or(utc);
    match chrono::NaiveDateTime::parse_from_str(head, "%Y-%m-%dT%H:%M") {
        Ok(naive) => {
            let local = naive.and_utc().with_timezone(&offset);
            format!("{} (UTC{})", local.format("%d/%m/%Y %H:%M"), offset)
        }
        Err(_) => super::date(utc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_utc_times_show_in_local_time_with_offset() {
        let hanoi = FixedOffset::east_opt(7 * 3600).expect("offset");
        assert_eq!(
            local_timestamp("2026-05-10T02:30:00.123", hanoi),
            "10/05/2026 09:30 (UTC+07:00)"
        );
        assert_eq!(local_timestamp("2026-05-10", hanoi), "10/05/2026");
    }

    #[test]
    fn totals_sum_every_group() {
        let lang = Lang::En;
        let mut table = Table::new(
            vec![
                col(lang, "export.col.activity"),
                num(lang, "export.col.cost", None, true),
            ],
            vec![vec![text("a"), number(2.5)]],
        );
        table.groups.push(RowGroup {
            title: Some("g".into()),
            rows: vec![vec![text("b"), number(4)], vec![text("c"), Value::Empty]],
        });
        assert!(table.has_totals());
        assert_eq!(table.sum_columns(), [1]);
        assert_eq!(table.column_sum(1), 6.5);
    }
}
