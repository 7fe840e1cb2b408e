//! Printable HTML: one self-contained A4 document (inline CSS; no scripts, fonts, images
//! or links) to post at the village hall and send to the commune, laid out from
//! [`Form`]s without knowing which form is which.
//!
//! Every form is a `<section>` that starts on a new printed page; the check code heads
//! each form and stands in the foot of every printed page (a CSS page-margin box, with
//! the page number). Text is never smaller than 8 pt: a table wider than
//! [`MAX_COLUMNS`] is split into column sets (its key columns repeated in each) and
//! printed on landscape pages rather than shrunk. Numbers follow the language (1.500.000
//! and 1,5 in Vietnamese). Every user text is escaped.

mod layout;

use std::fmt::Write;

use super::forms::{Form, Kind, Table, Value};
use crate::i18n::{Lang, t};

pub use layout::{MAX_COLUMNS, column_sets};

/// Body text size in points; tables use [`TABLE_PT`], notes [`SMALL_PT`].
pub const BODY_PT: f64 = 11.0;
/// Table text size in points.
pub const TABLE_PT: f64 = 9.5;
/// The smallest text anywhere (notes, the check code), in points.
pub const SMALL_PT: f64 = 9.0;

fn style(check_code: &str) -> String {
    let code = check_code.replace('\\', "\\\\").replace('"', "\\\"");
    let margin = format!(
        "@bottom-right{{content:\"{code}\";font-size:{SMALL_PT}pt;font-weight:bold}}\
@bottom-center{{content:counter(page) \"/\" counter(pages);font-size:{SMALL_PT}pt}}"
    );
    format!(
        "@page{{size:A4;margin:14mm 12mm 16mm;{margin}}}\
@page wide{{size:A4 landscape;margin:12mm 12mm 16mm;{margin}}}\
body{{font-family:'Times New Roman','Liberation Serif','DejaVu Serif',serif;font-size:{BODY_PT}pt;\
color:#000;background:#fff;margin:0}}\
section{{break-before:page;page-break-before:always}}\
section:first-of-type{{break-before:auto;page-break-before:auto}}\
section.brief{{break-before:auto;page-break-before:auto;break-inside:avoid;page-break-inside:avoid}}\
section.wide{{page:wide}}\
h1{{font-size:14pt;text-align:center;margin:0 0 2mm}}\
h2{{font-size:12pt;margin:4mm 0 2mm;break-after:avoid;page-break-after:avoid}}\
p.sub{{text-align:center;margin:0 0 3mm}}\
table{{border-collapse:collapse;width:100%;margin:2mm 0;font-size:{TABLE_PT}pt}}\
thead{{display:table-header-group}}\
tr{{break-inside:avoid;page-break-inside:avoid}}\
th,td{{border:1px solid #000;padding:.8mm 1.2mm;vertical-align:top;text-align:left}}\
th{{background:#eee}}td.n{{text-align:right;white-space:nowrap}}\
tr.group th{{background:#f6f6f6;text-align:left}}\
tr.total{{break-before:avoid;page-break-before:avoid}}tr.total td{{font-weight:bold}}\
table.kv{{font-size:{BODY_PT}pt}}table.kv th{{width:34%}}\
.note{{font-size:{SMALL_PT}pt;font-style:italic}}\
.set{{font-size:{SMALL_PT}pt;font-style:italic;margin:3mm 0 0}}\
.sign{{display:flex;justify-content:space-around;margin-top:8mm;break-inside:avoid;\
break-before:avoid;page-break-before:avoid}}\
.sign div{{text-align:center;min-width:50mm;min-height:24mm;font-weight:bold}}\
.sign small{{display:block;font-weight:normal;font-style:italic;font-size:{SMALL_PT}pt}}\
.code{{font-size:{SMALL_PT}pt;font-weight:bold;text-align:right}}\
@media screen{{section{{max-width:186mm;margin:0 auto 12mm}}section.wide{{max-width:273mm}}}}\
@media print{{body>.code{{display:none}}}}\
@media print{{th{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}}}"
    )
}

/// What the document's head and every page show besides the forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Document title (village and year).
    pub title: String,
    /// "Xã …, huyện …, tỉnh …" under every form's title.
    pub place: String,
    /// "Mã kiểm tra: XXXX-XXXX", on every printed page.
    pub check_code: String,
    /// A note at the top (the privacy option), if any.
    pub note: Option<String>,
}

/// The printable document of some forms as UTF-8 bytes.
pub fn to_html(forms: &[Form], page: &Page, lang: Lang) -> Vec<u8> {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n\
         <div class=\"code\">{}</div>\n",
        lang.code(),
        esc(&page.title),
        style(&page.check_code),
        esc(&page.check_code)
    );
    if let Some(note) = &page.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(note));
    }
    let mut wide = false;
    for form in forms {
        wide = section(&mut out, form, page, lang, wide);
    }
    out.push_str("</body>\n</html>\n");
    out.into_bytes()
}

/// Whether a form holds only a few lines (no table row, no signatures): it follows the
/// form before it on the same page instead of taking a page for one sentence, and moves
/// whole to the next page when it does not fit (its last lines never stand alone).
fn is_brief(form: &Form) -> bool {
    form.signatures.is_empty() && form.tables.iter().all(Table::is_empty)
}

/// The section's classes: brief forms keep the previous form's page (and so its
/// orientation); others print landscape when a table with rows is wider than portrait.
fn section_class(form: &Form, previous_wide: bool) -> (&'static str, bool) {
    if is_brief(form) {
        let class = if previous_wide {
            " class=\"brief wide\""
        } else {
            " class=\"brief\""
        };
        return (class, previous_wide);
    }
    let wide = form
        .tables
        .iter()
        .any(|t| !t.is_empty() && t.columns.len() > layout::PORTRAIT_COLUMNS);
    (if wide { " class=\"wide\"" } else { "" }, wide)
}

/// One form as a section; returns whether it printed landscape.
fn section(out: &mut String, form: &Form, page: &Page, lang: Lang, previous_wide: bool) -> bool {
    let (class, wide) = section_class(form, previous_wide);
    let _ = writeln!(
        out,
        "<section id=\"{}\"{}>\n<p class=\"code\">{}</p>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>",
        form.file,
        class,
        esc(&page.check_code),
        esc(&form.title),
        esc(&page.place)
    );
    if !form.header_lines.is_empty() {
        out.push_str("<table class=\"kv\">\n");
        for (label, value) in &form.header_lines {
            let _ = writeln!(
                out,
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(label),
                cell_text(value, lang)
            );
        }
        out.push_str("</table>\n");
    }
    for table in &form.tables {
        table_html(out, table, lang);
    }
    for note in &form.notes {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(note));
    }
    if !form.signatures.is_empty() {
        out.push_str("<div class=\"sign\">");
        for role in &form.signatures {
            let _ = write!(
                out,
                "<div>{}<small>{}</small></div>",
                esc(role),
                esc(&t(lang, "form.sign.hint"))
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
    wide
}

fn table_html(out: &mut String, table: &Table, lang: Lang) {
    if let Some(sub) = &table.subtitle {
        let _ = writeln!(out, "<h2>{}</h2>", esc(sub));
    }
    if table.is_empty() {
        if let Some(empty) = &table.empty {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(empty));
        }
        return;
    }
    let sets = column_sets(table.columns.len(), table.key_columns);
    for (n, set) in sets.iter().enumerate() {
        if sets.len() > 1 {
            let shown = [(n + 1).to_string(), sets.len().to_string()];
            let _ = writeln!(
                out,
                "<p class=\"set\">{}</p>",
                esc(&crate::i18n::tf(lang, "form.column_set", &shown))
            );
        }
        column_set(out, table, set, lang);
    }
}

/// One table with the columns `set` (indices into the table's columns).
fn column_set(out: &mut String, table: &Table, set: &[usize], lang: Lang) {
    out.push_str("<table>\n<thead><tr>");
    for &c in set {
        let _ = write!(out, "<th>{}</th>", esc(&table.columns[c].header()));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for group in &table.groups {
        if let Some(title) = &group.title {
            let _ = writeln!(
                out,
                "<tr class=\"group\"><th colspan=\"{}\">{}</th></tr>",
                set.len(),
                esc(title)
            );
        }
        for row in &group.rows {
            out.push_str("<tr>");
            for &c in set {
                let value = row.get(c).unwrap_or(&Value::Empty);
                let class = if table.columns[c].kind == Kind::Number {
                    " class=\"n\""
                } else {
                    ""
                };
                let _ = write!(out, "<td{class}>{}</td>", cell_text(value, lang));
            }
            out.push_str("</tr>\n");
        }
    }
    if table.has_totals() && set.iter().any(|&c| table.columns[c].total) {
        out.push_str("<tr class=\"total\">");
        let label_at = set
            .iter()
            .position(|&c| table.columns[c].kind == Kind::Text)
            .unwrap_or(0);
        for (i, &c) in set.iter().enumerate() {
            if table.columns[c].total {
                let _ = write!(
                    out,
                    "<td class=\"n\">{}</td>",
                    number_text(table.column_sum(c), lang)
                );
            } else if i == label_at {
                let _ = write!(out, "<td>{}</td>", esc(&t(lang, "export.x.total")));
            } else {
                out.push_str("<td></td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn cell_text(value: &Value, lang: Lang) -> String {
    match value {
        Value::Text(s) => esc(s),
        Value::Number(n) => number_text(*n, lang),
        Value::Decimal(n) => decimal(*n, 3, lang),
        Value::Plain(n) => format!("{n}"),
        Value::Empty => String::new(),
    }
}

/// A number the language's way: whole numbers grouped (1.500.000 / 1,500,000), others
/// with at most three decimals and the language's decimal mark (1,5 / 1.5).
pub fn number_text(n: f64, lang: Lang) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        group_thousands(n as i64, if lang == Lang::Vi { '.' } else { ',' })
    } else {
        let text = decimal(n, 3, lang);
        let mark = if lang == Lang::Vi { ',' } else { '.' };
        match text.split_once(mark) {
            Some((whole, frac)) => {
                let whole: i64 = whole.parse().unwrap_or(0);
                let sign = if n < 0.0 && whole == 0 { "-" } else { "" };
                format!(
                    "{sign}{}{mark}{frac}",
                    group_thousands(whole, if lang == Lang::Vi { '.' } else { ',' })
                )
            }
            None => text,
        }
    }
}

/// A decimal with exactly `places` decimals trimmed of trailing zeros, in the language's mark.
fn decimal(value: f64, places: usize, lang: Lang) -> String {
    let text = format!("{value:.places$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `n` with a separator every three digits.
fn group_thousands(n: i64, sep: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<b>\"Đường\" & 'cầu'</b>"),
            "&lt;b&gt;&quot;Đường&quot; &amp; &#39;cầu&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(group_thousands(1_500_000, '.'), "1.500.000");
        assert_eq!(group_thousands(-1_000, ','), "-1,000");
        assert_eq!(number_text(214.5, Lang::Vi), "214,5");
        assert_eq!(number_text(38.9, Lang::En), "38.9");
        assert_eq!(number_text(1_234.25, Lang::Vi), "1.234,25");
        assert_eq!(number_text(15_000_000.0, Lang::Vi), "15.000.000");
        assert_eq!(number_text(-0.5, Lang::Vi), "-0,5");
    }
}
