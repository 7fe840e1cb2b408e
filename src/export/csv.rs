//! CSV: one file per form, UTF-8 with a byte-order mark so Excel shows the diacritics,
//! Vietnamese headers, numbers without thousands separators so spreadsheets read them.

use super::forms::{Form, Value, plan_forms};
use super::snapshot::CycleSnapshot;
use super::{
    announced_label, date, figure_label, file_stem, gender_label, orgs_label, role_label,
    wealth_label, yes_no,
};
use crate::i18n::{Lang, t};

/// The UTF-8 byte-order mark every file starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

const LANG: Lang = Lang::Vi;

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

fn h(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(LANG, k)).collect()
}

fn num(x: Option<f64>) -> String {
    x.map(number_text).unwrap_or_default()
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

/// The CSV files of a snapshot: (file name, bytes), one per form.
pub fn to_csv(s: &CycleSnapshot) -> Vec<(String, Vec<u8>)> {
    let stem = file_stem(&s.village.name, s.cycle.year);
    vec![
        (format!("{stem}-bieu-1-2-thong-tin.csv"), basic(s)),
        (format!("{stem}-hop-dan-1.csv"), meeting1(s)),
        (format!("{stem}-danh-sach-du-hop.csv"), attendees(s)),
        (format!("{stem}-to-cong-tac.csv"), working_group(s)),
        (format!("{stem}-hoat-dong-de-xuat.csv"), activities(s)),
    ]
    .into_iter()
    .chain(
        plan_forms(s, LANG)
            .into_iter()
            .map(|form| (format!("{stem}-{}.csv", form.file), form_file(&form))),
    )
    .collect()
}

/// A plan form as rows: title, facts, each table with its totals row, then the notes.
fn form_file(form: &Form) -> Vec<u8> {
    let mut rows = vec![vec![form.title.clone()]];
    rows.extend(
        form.facts
            .iter()
            .map(|(label, value)| vec![label.clone(), value_text(value)]),
    );
    for table in &form.tables {
        rows.push(Vec::new());
        if let Some(sub) = &table.subtitle {
            rows.push(vec![sub.clone()]);
        }
        rows.push(table.header.clone());
        rows.extend(
            table
                .rows
                .iter()
                .map(|r| r.iter().map(value_text).collect()),
        );
        if !table.sum_columns.is_empty() {
            let mut total = vec![String::new(); table.header.len()];
            total[1] = t(LANG, "export.x.total");
            for &c in &table.sum_columns {
                total[c] = number_text(table.column_sum(c));
            }
            rows.push(total);
        }
    }
    if !form.notes.is_empty() {
        rows.push(Vec::new());
        rows.extend(form.notes.iter().map(|n| vec![n.clone()]));
    }
    file(rows)
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Number(n) | Value::Decimal(n) | Value::Plain(n) => number_text(*n),
        Value::Empty => String::new(),
    }
}

fn basic(s: &CycleSnapshot) -> Vec<u8> {
    let mut rows = vec![h(&[
        "export.col.key",
        "export.col.item",
        "export.col.value",
        "export.col.source",
        "export.col.as_of",
    ])];
    let head = [
        ("province", &s.commune.province),
        ("district", &s.commune.district),
        ("commune", &s.commune.name),
        ("village", &s.village.name),
    ];
    for (k, v) in head {
        rows.push(vec![
            k.into(),
            t(LANG, &format!("export.field.{k}")),
            v.clone(),
            String::new(),
            String::new(),
        ]);
    }
    rows.push(vec![
        "year".into(),
        t(LANG, "export.field.year"),
        s.cycle.year.to_string(),
        String::new(),
        String::new(),
    ]);
    for f in &s.figures {
        rows.push(vec![
            f.key.clone(),
            figure_label(LANG, &f.key),
            f.value.clone(),
            f.source.clone(),
            date(&f.as_of),
        ]);
    }
    file(rows)
}

fn meeting1(s: &CycleSnapshot) -> Vec<u8> {
    let mut rows = vec![h(&["export.col.item", "export.col.value"])];
    let Some(m) = &s.meeting1 else {
        rows.push(vec![t(LANG, "export.m1.none")]);
        return file(rows);
    };
    {
        let mut push = |k: &str, v: String| rows.push(vec![t(LANG, k), v]);
        push("rec.date", date(&m.date));
        push("rec.place", m.place.clone());
        push("rec.chair", m.chair.clone());
        push("rec.role", role_label(LANG, m.chair_role));
        push("rec.start", m.start_time.clone());
        push("rec.end", m.end_time.clone());
        push("rec.announced", announced_label(LANG, &m.announced));
        push("rec.facilitators", m.facilitators_present.join(", "));
        push("export.m1.men", m.tally.men.to_string());
        push("export.m1.women", m.tally.women.to_string());
        push("export.m1.total", m.tally.total().to_string());
        push(
            "export.m1.women_share",
            format!("{:.1}", s.meeting1_women_percent()),
        );
        push("export.m1.closed", yes_no(LANG, m.closed));
        push(
            "export.m1.override",
            m.override_reason.clone().unwrap_or_default(),
        );
    }
    file(rows)
}

fn attendees(s: &CycleSnapshot) -> Vec<u8> {
    let mut rows = vec![h(&[
        "export.col.no",
        "export.col.name",
        "export.col.gender",
        "export.col.ethnicity",
        "export.col.wealth",
        "export.col.organisations",
        "export.col.trained",
    ])];
    for a in &s.attendees {
        rows.push(vec![
            a.seq.to_string(),
            a.name.clone().unwrap_or_default(),
            gender_label(LANG, a.gender),
            a.ethnicity.clone().unwrap_or_default(),
            wealth_label(LANG, a.wealth),
            orgs_label(LANG, &a.organisations),
            yes_no(LANG, a.trained),
        ]);
    }
    file(rows)
}

fn working_group(s: &CycleSnapshot) -> Vec<u8> {
    let mut rows = vec![h(&[
        "export.col.no",
        "export.col.name",
        "export.col.gender",
        "export.col.ethnicity",
        "export.col.wealth",
        "export.col.organisations",
        "export.col.trained",
        "export.col.core_farmer",
        "export.col.leader",
    ])];
    for (i, m) in s.working_group.members.iter().enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            m.name.clone(),
            gender_label(LANG, m.gender),
            m.ethnicity.clone().unwrap_or_default(),
            wealth_label(LANG, m.wealth),
            orgs_label(LANG, &m.organisations),
            yes_no(LANG, m.trained),
            yes_no(LANG, m.core_farmer),
            yes_no(LANG, m.leader),
        ]);
    }
    if let Some(reason) = &s.working_group.override_reason {
        rows.push(vec![
            String::new(),
            t(LANG, "export.wg.override"),
            reason.clone(),
        ]);
    }
    file(rows)
}

fn activities(s: &CycleSnapshot) -> Vec<u8> {
    let mut rows = vec![h(&ACTIVITY_COLUMNS)];
    for (i, a) in s.activities.iter().enumerate() {
        let f = &a.fields;
        rows.push(vec![
            (i + 1).to_string(),
            f.name.clone(),
            t(LANG, f.sector.label_key()),
            t(LANG, f.category.label_key()),
            num(f.quantity),
            f.unit.clone(),
            f.time.clone(),
            f.location.clone(),
            f.responsible.clone(),
            f.contribution.land_m2.to_string(),
            f.contribution.money_vnd.to_string(),
            number_text(f.contribution.labour_days),
            f.contribution.materials.clone(),
            f.estimated_cost_vnd
                .map(|c| c.to_string())
                .unwrap_or_default(),
            yes_no(LANG, f.proposed_by_women),
            f.tool_code.clone().unwrap_or_default(),
        ]);
    }
    file(rows)
}

/// Header keys of the proposed-activities form (CSV and XLSX).
pub(crate) const ACTIVITY_COLUMNS: [&str; 16] = [
    "export.col.no",
    "export.col.activity",
    "export.col.sector",
    "export.col.category",
    "export.col.quantity",
    "export.col.unit",
    "export.col.time",
    "export.col.location",
    "export.col.responsible",
    "export.col.land",
    "export.col.money",
    "export.col.labour",
    "export.col.materials",
    "export.col.cost",
    "export.col.proposed_by_women",
    "export.col.tool",
];
