//! Last year's review: for each of last year's activities its progress, share done,
//! quality, money and contributions spent by source, management and monitoring, and
//! impact; the totals by source; and the year's general review.

use super::meetings::dash_if_empty;
use super::{Doc, Page, esc};
use crate::domain::annual::{Part, Source, Spending, YearSummary};
use crate::export::snapshot::{ReviewRecord, ReviewedRow};

/// The review section, or one line when there was no plan last year.
pub(super) fn review(d: &mut Doc) {
    let s = d.s;
    let year = s.review.as_ref().map_or(s.cycle.year - 1, |r| r.year);
    let title = d.tf("export.title.review", &[year.to_string()]);
    d.open("review", Page::Landscape, &title);
    match &s.review {
        Some(r) => {
            activities(d, r);
            totals(d, &r.totals);
            summary(d, &r.summary);
        }
        None => d.p(&d.tf("export.h.no_review", &[year.to_string()])),
    }
    d.close();
}

/// The two header rows: spending spans one column per source.
fn thead(d: &Doc) -> String {
    let th = |key: &str, attrs: &str| format!("<th{attrs}>{}</th>", esc(&d.t(key)));
    let tall = " rowspan=\"2\"";
    let mut html = String::from("<tr>");
    for key in [
        "export.col.no",
        "export.col.activity",
        "export.col.part",
        "export.col.progress",
        "export.col.percent",
        "export.col.quality",
    ] {
        html.push_str(&th(key, tall));
    }
    html.push_str(&th("export.h.col.spending", " colspan=\"6\""));
    html.push_str(&th("export.col.management", tall));
    html.push_str(&th("export.col.impact", tall));
    html.push_str("</tr>\n<tr>");
    for source in Source::ALL {
        html.push_str(&th(&format!("export.h.src.{}", source.code()), ""));
    }
    html.push_str("</tr>");
    html
}

/// One row per activity of last year's plan.
fn activities(d: &mut Doc, r: &ReviewRecord) {
    let thead = thead(d);
    d.table_raw("review", &thead);
    for (i, row) in r.rows.iter().enumerate() {
        d.row(&cells(d, i + 1, row));
    }
    if r.rows.is_empty() {
        d.none_row(14);
    }
    d.end_table();
}

/// The cells of one reviewed activity (blank after "not reviewed").
fn cells(d: &Doc, no: usize, row: &ReviewedRow) -> Vec<String> {
    let part = match row.part {
        Part::One => "1",
        Part::Two => "2",
    };
    let mut cells = vec![
        no.to_string(),
        row.activity.fields.name.clone(),
        part.to_string(),
    ];
    let Some(v) = &row.review else {
        cells.push(d.t("export.state.not_reviewed"));
        cells.resize(14, String::new());
        return cells;
    };
    cells.push(d.t(v.progress.label_key()));
    cells.push(v.percent.to_string());
    cells.push(v.quality.map_or_else(|| "–".into(), |q| d.t(q.label_key())));
    cells.extend(Source::ALL.map(|s| d.int(v.spending.get(s))));
    cells.push(dash_if_empty(v.management.clone()));
    cells.push(dash_if_empty(v.impact.clone()));
    cells
}

/// Totals by source with their units, the money total and the villagers' share.
fn totals(d: &mut Doc, totals: &Spending) {
    d.h2(&d.t("export.title.totals"));
    let headers = [
        "export.h.col.source",
        "export.col.amount",
        "export.col.unit",
    ]
    .map(|k| d.t(k));
    d.table("totals", &headers);
    for source in Source::ALL {
        d.row(&[
            d.t(source.label_key()),
            d.int(totals.get(source)),
            d.t(source.unit_key()),
        ]);
    }
    d.row(&[
        d.t("export.h.total_vnd"),
        d.int(totals.total_vnd()),
        d.t("annual.unit.vnd"),
    ]);
    let share = totals
        .people_share()
        .map_or_else(|| "–".into(), |p| format!("{}%", d.dec(p, 1)));
    d.row(&[d.t("export.h.people_share"), share, String::new()]);
    d.end_table();
}

/// The year's general review.
fn summary(d: &mut Doc, y: &YearSummary) {
    d.h2(&d.t("export.title.summary"));
    let rows = [
        ("export.field.advantages", &y.advantages),
        ("export.field.difficulties", &y.difficulties),
        ("export.field.production_results", &y.production_results),
    ]
    .map(|(k, v)| (d.t(k), dash_if_empty(v.clone())));
    d.pairs(&rows);
}
