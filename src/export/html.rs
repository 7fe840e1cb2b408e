//! Printable HTML: one self-contained A4 page set (inline CSS, no external resources):
//! forms 1-2, a one-page record of village meeting 1, the working group and the proposed
//! activities.

use std::fmt::Write;

use super::snapshot::CycleSnapshot;
use super::{
    announced_label, figure_label, gender_label, orgs_label, role_label, wealth_label, yes_no,
};
use crate::i18n::{Lang, t};

const STYLE: &str = "@page{size:A4;margin:15mm}\
body{font-family:'Times New Roman',serif;font-size:11pt;color:#000;max-width:190mm;margin:auto}\
h1{font-size:15pt;text-align:center;margin:0 0 4mm}h2{font-size:13pt;margin:6mm 0 2mm}\
p.sub{text-align:center;margin:0 0 4mm}\
table{border-collapse:collapse;width:100%;margin:2mm 0}\
th,td{border:1px solid #000;padding:1mm 2mm;vertical-align:top;text-align:left}\
th{background:#eee}td.n{text-align:right}\
section{page-break-after:always;break-after:page}section:last-child{page-break-after:auto;break-after:auto}\
.note{font-style:italic}.sign{display:flex;justify-content:space-between;margin-top:12mm}\
@media print{th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

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

fn row(out: &mut String, cells: &[String], header: bool) {
    let tag = if header { "th" } else { "td" };
    out.push_str("<tr>");
    for c in cells {
        let _ = write!(out, "<{tag}>{}</{tag}>", esc(c));
    }
    out.push_str("</tr>\n");
}

fn pair(out: &mut String, lang: Lang, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "<tr><th>{}</th><td>{}</td></tr>",
        esc(&t(lang, key)),
        esc(value)
    );
}

/// The printable page of a snapshot as UTF-8 bytes.
pub fn to_html(s: &CycleSnapshot, lang: Lang) -> Vec<u8> {
    let mut o = String::new();
    let title = format!(
        "{} – {} {}",
        s.village.name,
        t(lang, "export.field.year"),
        s.cycle.year
    );
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(&title)
    );
    let place = format!(
        "{} {}, {} {}, {} {}",
        t(lang, "export.field.commune"),
        s.commune.name,
        t(lang, "export.field.district"),
        s.commune.district,
        t(lang, "export.field.province"),
        s.commune.province
    );
    if s.private {
        let _ = writeln!(
            o,
            "<p class=\"note\">{}</p>",
            esc(&t(lang, "export.private_note"))
        );
    }
    basic(&mut o, s, lang, &place);
    meeting1(&mut o, s, lang, &place);
    activities(&mut o, s, lang);
    attendees(&mut o, s, lang);
    o.push_str("</body>\n</html>\n");
    o.into_bytes()
}

fn basic(o: &mut String, s: &CycleSnapshot, lang: Lang, place: &str) {
    let _ = writeln!(
        o,
        "<section id=\"forms-1-2\">\n<h1>{}</h1>\n<p class=\"sub\">{} – {}<br>{}</p>",
        esc(&t(lang, "export.title.basic")),
        esc(&s.village.name),
        esc(place),
        esc(&format!(
            "{} {} ({} {}-{})",
            t(lang, "export.field.year"),
            s.cycle.year,
            t(lang, "export.field.medium_term"),
            s.cycle.medium_term_start,
            s.cycle.medium_term_end()
        ))
    );
    o.push_str("<table>\n");
    row(
        o,
        &[
            "export.col.no",
            "export.col.item",
            "export.col.value",
            "export.col.source",
            "export.col.as_of",
        ]
        .map(|k| t(lang, k)),
        true,
    );
    for (i, f) in s.figures.iter().enumerate() {
        row(
            o,
            &[
                (i + 1).to_string(),
                figure_label(lang, &f.key),
                f.value.clone(),
                f.source.clone(),
                f.as_of.clone(),
            ],
            false,
        );
    }
    o.push_str("</table>\n");
    let _ = writeln!(
        o,
        "<h2>{}</h2>\n<table>",
        esc(&t(lang, "export.title.team"))
    );
    row(
        o,
        &["export.col.no", "export.col.name", "export.col.role"].map(|k| t(lang, k)),
        true,
    );
    for (i, f) in s.facilitators.iter().enumerate() {
        row(
            o,
            &[(i + 1).to_string(), f.name.clone(), f.role.clone()],
            false,
        );
    }
    o.push_str("</table>\n</section>\n");
}

fn meeting1(o: &mut String, s: &CycleSnapshot, lang: Lang, place: &str) {
    let _ = writeln!(
        o,
        "<section id=\"meeting-1\">\n<h1>{}</h1>\n<p class=\"sub\">{} – {}</p>",
        esc(&t(lang, "export.title.meeting1")),
        esc(&s.village.name),
        esc(place)
    );
    let Some(m) = &s.meeting1 else {
        let _ = writeln!(o, "<p>{}</p>\n</section>", esc(&t(lang, "export.m1.none")));
        return;
    };
    o.push_str("<table>\n");
    pair(o, lang, "rec.date", &m.date);
    pair(o, lang, "rec.place", &m.place);
    pair(
        o,
        lang,
        "rec.chair",
        &format!("{} ({})", m.chair, role_label(lang, m.chair_role)),
    );
    pair(
        o,
        lang,
        "export.m1.time",
        &format!("{} – {}", m.start_time, m.end_time),
    );
    pair(
        o,
        lang,
        "rec.announced",
        &announced_label(lang, &m.announced),
    );
    pair(
        o,
        lang,
        "rec.facilitators",
        &m.facilitators_present.join(", "),
    );
    o.push_str("</table>\n");
    let _ = writeln!(
        o,
        "<h2>{}</h2>\n<table>",
        esc(&t(lang, "export.m1.attendance"))
    );
    row(
        o,
        &[
            "export.m1.men",
            "export.m1.women",
            "export.m1.total",
            "export.m1.women_share",
        ]
        .map(|k| t(lang, k)),
        true,
    );
    row(
        o,
        &[
            m.tally.men.to_string(),
            m.tally.women.to_string(),
            m.tally.total().to_string(),
            format!("{:.1}%", s.meeting1_women_percent()),
        ],
        false,
    );
    o.push_str("</table>\n");
    let status = if m.closed {
        "export.m1.closed_yes"
    } else {
        "export.m1.closed_no"
    };
    let _ = writeln!(o, "<p>{}</p>", esc(&t(lang, status)));
    if let Some(r) = &m.override_reason {
        let _ = writeln!(
            o,
            "<p><b>{}:</b> {}</p>",
            esc(&t(lang, "export.m1.override")),
            esc(r)
        );
    }
    let wg = &s.working_group;
    let _ = writeln!(o, "<h2>{}</h2>", esc(&t(lang, "export.title.elected")));
    let _ = writeln!(
        o,
        "<p><b>{}:</b> {}</p>",
        esc(&t(lang, "export.col.leader")),
        esc(wg.leader().unwrap_or("–"))
    );
    o.push_str("<table>\n");
    row(
        o,
        &[
            "export.col.no",
            "export.col.name",
            "export.col.gender",
            "export.col.organisations",
            "export.col.trained",
        ]
        .map(|k| t(lang, k)),
        true,
    );
    for (i, mb) in wg.members.iter().enumerate() {
        row(
            o,
            &[
                (i + 1).to_string(),
                mb.name.clone(),
                gender_label(lang, mb.gender),
                orgs_label(lang, &mb.organisations),
                yes_no(lang, mb.trained),
            ],
            false,
        );
    }
    o.push_str("</table>\n");
    if let Some(c) = wg.frozen {
        let _ = writeln!(
            o,
            "<p>{}: {} · {}: {} · {}: {}</p>",
            esc(&t(lang, "export.wg.members")),
            c.members,
            esc(&t(lang, "export.wg.women")),
            c.women,
            esc(&t(lang, "export.wg.trained")),
            c.trained
        );
    } else {
        let _ = writeln!(o, "<p>{}</p>", esc(&t(lang, "export.wg.open")));
    }
    if let Some(r) = &wg.override_reason {
        let _ = writeln!(
            o,
            "<p><b>{}:</b> {}</p>",
            esc(&t(lang, "export.wg.override")),
            esc(r)
        );
    }
    let _ = writeln!(
        o,
        "<div class=\"sign\"><div>{}</div><div>{}</div></div>\n</section>",
        esc(&t(lang, "export.sign.secretary")),
        esc(&t(lang, "export.sign.chair"))
    );
}

fn activities(o: &mut String, s: &CycleSnapshot, lang: Lang) {
    let _ = writeln!(
        o,
        "<section id=\"activities\">\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<table>",
        esc(&t(lang, "export.title.activities")),
        esc(&s.village.name)
    );
    row(
        o,
        &[
            "export.col.no",
            "export.col.activity",
            "export.col.sector",
            "export.col.quantity",
            "export.col.time",
            "export.col.location",
            "export.col.responsible",
            "export.col.cost",
        ]
        .map(|k| t(lang, k)),
        true,
    );
    for (i, a) in s.activities.iter().enumerate() {
        let f = &a.fields;
        let qty = f
            .quantity
            .map(|q| format!("{q} {}", f.unit))
            .unwrap_or_default();
        row(
            o,
            &[
                (i + 1).to_string(),
                f.name.clone(),
                t(lang, f.sector.label_key()),
                qty,
                f.time.clone(),
                f.location.clone(),
                f.responsible.clone(),
                f.estimated_cost_vnd
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
            ],
            false,
        );
    }
    if s.activities.is_empty() {
        let _ = writeln!(
            o,
            "<tr><td colspan=\"8\">{}</td></tr>",
            esc(&t(lang, "export.none"))
        );
    }
    o.push_str("</table>\n</section>\n");
}

fn attendees(o: &mut String, s: &CycleSnapshot, lang: Lang) {
    let c = &s.attendance_counts;
    let _ = writeln!(
        o,
        "<section id=\"attendance\">\n<h1>{}</h1>\n<p class=\"sub\">{}: {} · {}: {} · {}: {}</p>",
        esc(&t(lang, "export.title.attendees")),
        esc(&t(lang, "export.m1.total")),
        c.registered,
        esc(&t(lang, "export.m1.women")),
        c.by_gender.women,
        esc(&t(lang, "export.col.trained")),
        c.trained
    );
    if s.private {
        o.push_str("<table>\n");
        row(
            o,
            &["export.col.wealth", "export.m1.total"].map(|k| t(lang, k)),
            true,
        );
        for (i, n) in c.by_wealth.iter().enumerate() {
            let label = match i {
                0..=2 => t(
                    lang,
                    &format!("wealth.{}", crate::domain::WealthGroup::ALL[i].code()),
                ),
                _ => t(lang, "export.unknown"),
            };
            row(o, &[label, n.to_string()], false);
        }
        o.push_str("</table>\n</section>\n");
        return;
    }
    o.push_str("<table>\n");
    row(
        o,
        &[
            "export.col.no",
            "export.col.name",
            "export.col.gender",
            "export.col.ethnicity",
            "export.col.wealth",
            "export.col.organisations",
        ]
        .map(|k| t(lang, k)),
        true,
    );
    for a in &s.attendees {
        row(
            o,
            &[
                a.seq.to_string(),
                a.name.clone().unwrap_or_default(),
                gender_label(lang, a.gender),
                a.ethnicity.clone().unwrap_or_default(),
                wealth_label(lang, a.wealth),
                orgs_label(lang, &a.organisations),
            ],
            false,
        );
    }
    o.push_str("</table>\n</section>\n");
}
