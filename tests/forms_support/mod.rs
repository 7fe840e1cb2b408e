//! Lookups shared by the tests of a village's forms: a form by its file, a column, a
//! header line by its label key (Vietnamese), and a cell's text or number.

#![allow(clippy::unwrap_used, dead_code)]

use kehoach::export::forms::{Form, Table, Value};
use kehoach::i18n::{Lang, t};

/// The language the forms are built in.
pub const LANG: Lang = Lang::Vi;

/// The form written to `file`.
pub fn form<'a>(forms: &'a [Form], file: &str) -> &'a Form {
    forms
        .iter()
        .find(|f| f.file == file)
        .unwrap_or_else(|| panic!("no form {file}"))
}

/// The index of the column labelled by `key`.
pub fn column(table: &Table, key: &str) -> usize {
    let label = t(LANG, key);
    table
        .columns
        .iter()
        .position(|c| c.label == label)
        .unwrap_or_else(|| panic!("no column {label}"))
}

/// A text cell's text ("" for any other cell).
pub fn text(v: &Value) -> &str {
    match v {
        Value::Text(s) => s,
        _ => "",
    }
}

/// A number cell's number.
pub fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) | Value::Decimal(n) | Value::Plain(n) => *n,
        other => panic!("expected a number, got {other:?}"),
    }
}

/// The value of the header line labelled by `key`.
pub fn line<'a>(form: &'a Form, key: &str) -> &'a Value {
    let label = t(LANG, key);
    &form
        .header_lines
        .iter()
        .find(|(l, _)| *l == label)
        .unwrap_or_else(|| panic!("no line {label}"))
        .1
}
