//! CSV: one file per form, UTF-8 with a byte-order mark so Excel shows the diacritics,
//! numbers without thousands separators so spreadsheets read them, and every text cell
//! that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return
//! first) prefixed with `'`.

use super::forms::{Form, Value};
use crate::i18n::{Lang, t};

/// The UTF-8 byte-order mark every file starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

fn file(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(BOM.to_vec());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// A number as spreadsheets parse it: no grouping, a point for decimals, at most six
/// of them (so a sum of fractions prints 0.3, not 0.30000000000000004).
pub(crate) fn number_text(n: f64) -> String {
    let rounded = (n * 1e6).round() / 1e6;
    if rounded == 0.0 {
        "0".to_string()
    } else {
        rounded.to_string()
    }
}

/// Text a spreadsheet will not run as a formula.
pub fn guarded(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The CSV files of some forms: (`<stem>-<form>.csv`, bytes), one per form.
pub fn to_csv(forms: &[Form], stem: &str, lang: Lang) -> Vec<(String, Vec<u8>)> {
    forms
        .iter()
        .map(|form| (format!("{stem}-{}.csv", form.file), form_file(form, lang)))
        .collect()
}

/// A form as rows: title, header lines, each table (group titles, totals row), notes,
/// then the signature roles.
fn form_file(form: &Form, lang: Lang) -> Vec<u8> {
    let mut rows = vec![vec![guarded(&form.title)]];
    rows.extend(
        form.header_lines
            .iter()
            .map(|(label, value)| vec![guarded(label), value_text(value)]),
    );
    for table in &form.tables {
        rows.push(Vec::new());
        if let Some(sub) = &table.subtitle {
            rows.push(vec![guarded(sub)]);
        }
        if table.is_empty() {
            if let Some(empty) = &table.empty {
                rows.push(vec![guarded(empty)]);
            }
            continue;
        }
        rows.push(table.header().iter().map(|h| guarded(h)).collect());
        for group in &table.groups {
            if let Some(title) = &group.title {
                rows.push(vec![guarded(title)]);
            }
            rows.extend(
                group
                    .rows
                    .iter()
                    .map(|r| r.iter().map(value_text).collect()),
            );
        }
        if table.has_totals() {
            let mut total = vec![String::new(); table.columns.len()];
            let label_at = (0..table.columns.len())
                .find(|c| {
                    !table.columns[*c].total && table.columns[*c].kind == super::forms::Kind::Text
                })
                .unwrap_or(0);
            total[label_at] = t(lang, "export.x.total");
            for c in table.sum_columns() {
                total[c] = number_text(table.column_sum(c));
            }
            rows.push(total);
        }
    }
    if !form.notes.is_empty() {
        rows.push(Vec::new());
        rows.extend(form.notes.iter().map(|n| vec![guarded(n)]));
    }
    if !form.signatures.is_empty() {
        rows.push(Vec::new());
        rows.push(form.signatures.iter().map(|s| guarded(s)).collect());
    }
    file(rows)
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Text(s) => guarded(s),
        Value::Number(n) | Value::Decimal(n) | Value::Plain(n) => number_text(*n),
        Value::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_guarded() {
        for bad in ["=1+1", "+84 912", "-3", "@SUM(A1)", "\tx"] {
            assert!(guarded(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(guarded("Đường"), "Đường");
        assert_eq!(guarded(""), "");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(15_000_000.0), "15000000");
        assert_eq!(number_text(-0.0), "0");
    }
}
