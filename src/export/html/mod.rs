//! Printable HTML: one self-contained A4 document (inline CSS; no scripts, fonts, images
//! or links) to post at the village hall and send to the commune.
//!
//! Every form and every meeting record is a `<section>` that starts on a new printed page;
//! wide tables print on landscape pages (`@page wide`) and repeat their header rows. In
//! procedure order: forms 1-2, the record of meeting 1, the proposed activities, form 3,
//! the record of meeting 2, the official medium-term plan, last year's review, form 4, the
//! approval meeting's record and the attendance register. A carry-over year, which holds no
//! meeting 1 or 2 nor a draft, leaves those sections out. Every user text is escaped.

mod basic;
mod meetings;
mod plans;
mod review;

use std::fmt::Write;

use super::snapshot::CycleSnapshot;
use super::{date, timestamp};
use crate::i18n::{Lang, t, tf};

const STYLE: &str = "@page{size:A4;margin:15mm 12mm}\
@page wide{size:A4 landscape;margin:12mm}\
body{font-family:'Times New Roman','Liberation Serif','DejaVu Serif',serif;font-size:11pt;\
color:#000;background:#fff;margin:0}\
section{break-before:page;page-break-before:always}\
section:first-of-type{break-before:auto;page-break-before:auto}\
section.wide{page:wide;font-size:9pt}\
h1{font-size:14pt;text-align:center;margin:0 0 2mm}\
h2{font-size:12pt;margin:5mm 0 2mm;break-after:avoid;page-break-after:avoid}\
p.sub{text-align:center;margin:0 0 4mm}\
table{border-collapse:collapse;width:100%;margin:2mm 0}\
thead{display:table-header-group}\
tr{break-inside:avoid;page-break-inside:avoid}\
th,td{border:1px solid #000;padding:1mm 1.5mm;vertical-align:top;text-align:left}\
th{background:#eee}table.kv th{width:32%}\
.form td:nth-child(1),.form td:nth-child(n+10){text-align:center}\
.form td:nth-child(9){text-align:right}.form td:nth-child(16){text-align:left}\
.official td:nth-child(1),.official td:nth-child(n+3){text-align:center}\
.official td:nth-child(9){text-align:left}.official td:nth-child(2){width:25%}\
.form td:nth-child(2),.activities td:nth-child(2){width:15%}.review td:nth-child(2){width:13%}\
.activities td:nth-child(9){text-align:right}\
.review td:nth-child(n+4){text-align:right}.review td:nth-child(4),\
.review td:nth-child(6),.review td:nth-child(n+13){text-align:left}\
table.members{font-size:9.5pt}table.members td{padding:.4mm 1.5mm}\
.made{font-weight:bold}.legend,.note{font-size:9pt;font-style:italic}\
.sign{display:flex;justify-content:space-around;margin-top:10mm;break-inside:avoid}\
.sign div{text-align:center;min-width:60mm;min-height:20mm}\
@media screen{section{max-width:186mm;margin:0 auto 12mm}section.wide{max-width:273mm}}\
@media print{th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// The printable document of a snapshot as UTF-8 bytes.
pub fn to_html(s: &CycleSnapshot, lang: Lang) -> Vec<u8> {
    let mut d = Doc {
        out: String::new(),
        s,
        lang,
    };
    d.head();
    let medium_term = basic::has_medium_term(s);
    basic::forms_1_2(&mut d);
    if medium_term {
        meetings::meeting1(&mut d);
        basic::activities(&mut d);
        plans::form3(&mut d);
        meetings::meeting2(&mut d);
    }
    plans::official(&mut d);
    review::review(&mut d);
    plans::form4(&mut d);
    meetings::approval(&mut d);
    if medium_term {
        basic::attendees(&mut d);
    }
    d.out.push_str("</body>\n</html>\n");
    d.out.into_bytes()
}

/// How a section prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    /// A4 portrait.
    Portrait,
    /// A4 landscape, for wide tables.
    Landscape,
}

/// The document being written, with the snapshot and the language.
struct Doc<'a> {
    out: String,
    s: &'a CycleSnapshot,
    lang: Lang,
}

impl Doc<'_> {
    /// The text of a key.
    fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }

    /// The text of a key with arguments.
    fn tf(&self, key: &str, args: &[String]) -> String {
        tf(self.lang, key, args)
    }

    /// Doctype, head with the style, and the privacy note.
    fn head(&mut self) {
        let title = format!(
            "{} – {} {}",
            self.s.village.name,
            self.t("export.field.year"),
            self.s.cycle.year
        );
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            self.lang.code(),
            esc(&title)
        );
        if self.s.private {
            let note = self.t("export.private_note");
            self.p_class("note", &note);
        }
    }

    /// "Commune X, District Y, Province Z".
    fn place(&self) -> String {
        let c = &self.s.commune;
        format!(
            "{} {}, {} {}, {} {}",
            self.t("export.field.commune"),
            c.name,
            self.t("export.field.district"),
            c.district,
            self.t("export.field.province"),
            c.province
        )
    }

    /// Opens a section on a new page with its title and the village, place and year.
    fn open(&mut self, id: &str, page: Page, title: &str) {
        let class = match page {
            Page::Portrait => "page",
            Page::Landscape => "page wide",
        };
        let sub = format!(
            "{} – {} – {} {}",
            self.s.village.name,
            self.place(),
            self.t("export.field.year"),
            self.s.cycle.year
        );
        let _ = write!(
            self.out,
            "<section id=\"{id}\" class=\"{class}\">\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
            esc(title),
            esc(&sub)
        );
    }

    /// Closes a section.
    fn close(&mut self) {
        self.out.push_str("</section>\n");
    }

    /// A sub-heading.
    fn h2(&mut self, text: &str) {
        let _ = writeln!(self.out, "<h2>{}</h2>", esc(text));
    }

    /// A paragraph.
    fn p(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p>{}</p>", esc(text));
    }

    /// A paragraph with a class.
    fn p_class(&mut self, class: &str, text: &str) {
        let _ = writeln!(self.out, "<p class=\"{class}\">{}</p>", esc(text));
    }

    /// "**Label:** text".
    fn labelled(&mut self, label: &str, text: &str) {
        let _ = writeln!(self.out, "<p><b>{}:</b> {}</p>", esc(label), esc(text));
    }

    /// Opens a table with one header row (repeated on every printed page).
    fn table(&mut self, class: &str, headers: &[String]) {
        let _ = write!(self.out, "<table class=\"{class}\">\n<thead>");
        self.cells("th", headers);
        self.out.push_str("</thead>\n<tbody>\n");
    }

    /// Opens a table whose header rows are given as HTML.
    fn table_raw(&mut self, class: &str, thead: &str) {
        let _ = write!(
            self.out,
            "<table class=\"{class}\">\n<thead>{thead}</thead>\n<tbody>\n"
        );
    }

    /// One body row.
    fn row(&mut self, cells: &[String]) {
        self.cells("td", cells);
    }

    /// One row of escaped cells.
    fn cells(&mut self, tag: &str, cells: &[String]) {
        self.out.push_str("<tr>");
        for c in cells {
            let _ = write!(self.out, "<{tag}>{}</{tag}>", esc(c));
        }
        self.out.push_str("</tr>\n");
    }

    /// A row saying there is nothing yet, across `span` columns.
    fn none_row(&mut self, span: usize) {
        let none = esc(&self.t("export.none"));
        let _ = writeln!(self.out, "<tr><td colspan=\"{span}\">{none}</td></tr>");
    }

    /// Closes a table.
    fn end_table(&mut self) {
        self.out.push_str("</tbody>\n</table>\n");
    }

    /// A two-column table of labels and values.
    fn pairs(&mut self, rows: &[(String, String)]) {
        let html: Vec<(String, String)> = rows.iter().map(|(l, v)| (l.clone(), esc(v))).collect();
        self.pairs_html(&html);
    }

    /// A two-column table of labels and values already written as HTML.
    fn pairs_html(&mut self, rows: &[(String, String)]) {
        self.out.push_str("<table class=\"kv\">\n");
        for (label, html) in rows {
            let _ = writeln!(self.out, "<tr><th>{}</th><td>{html}</td></tr>", esc(label));
        }
        self.out.push_str("</table>\n");
    }

    /// Signature places of the secretary and the chair.
    fn sign(&mut self) {
        let _ = writeln!(
            self.out,
            "<div class=\"sign\"><div>{}</div><div>{}</div></div>",
            esc(&self.t("export.sign.secretary")),
            esc(&self.t("export.sign.chair"))
        );
    }

    /// A whole number with thousands grouped (1.500.000 in Vietnamese, 1,500,000 in English).
    fn int(&self, n: i64) -> String {
        group_thousands(n, if self.lang == Lang::Vi { '.' } else { ',' })
    }

    /// A decimal with at most `places` decimals, trailing zeros dropped (1,5 / 1.5).
    fn dec(&self, value: f64, places: usize) -> String {
        let text = format!("{value:.places$}");
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        };
        match self.lang {
            Lang::Vi => text.replace('.', ","),
            Lang::En => text,
        }
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

/// A date as HTML: day first, the ISO date kept in a `<time>` element.
fn date_html(iso: &str) -> String {
    let shown = date(iso);
    if shown == iso {
        esc(iso)
    } else {
        format!("<time datetime=\"{}\">{}</time>", esc(iso), esc(&shown))
    }
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
        assert_eq!(group_thousands(999, '.'), "999");
    }

    #[test]
    fn dates_print_day_first() {
        assert_eq!(date("2026-05-12"), "12/05/2026");
        assert_eq!(date("12/5"), "12/5");
        assert_eq!(timestamp("2026-06-05T16:15:00"), "05/06/2026 16:15 UTC");
        assert_eq!(timestamp("2026-06-05"), "05/06/2026");
        assert_eq!(
            date_html("2026-05-12"),
            "<time datetime=\"2026-05-12\">12/05/2026</time>"
        );
        assert_eq!(date_html("<b>"), "&lt;b&gt;");
    }
}
