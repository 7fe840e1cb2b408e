//! The record sheets: basic information (forms 1-2), meeting 1, its attendance register,
//! the working group and the proposed activities.

use rust_xlsxwriter::XlsxError;

use super::sheet::{Cell, Sheet};
use crate::export::csv::ACTIVITY_COLUMNS;
use crate::export::forms::{header as labels, number, opt_number, text};
use crate::export::snapshot::CycleSnapshot;
use crate::export::{
    announced_label, date, figure_label, figure_number, gender_label, orgs_label, role_label,
    wealth_label, yes_no,
};
use crate::i18n::{Lang, t};

/// The record sheets in order.
pub(super) fn sheets(s: &CycleSnapshot, lang: Lang) -> Result<Vec<Sheet>, XlsxError> {
    Ok(vec![
        basic(s, lang)?,
        meeting1(s, lang)?,
        attendees(s, lang)?,
        working_group(s, lang)?,
        activities(s, lang)?,
    ])
}

const FIGURE_COLUMNS: [&str; 4] = [
    "export.col.item",
    "export.col.value",
    "export.col.source",
    "export.col.as_of",
];

fn basic(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let mut sh = Sheet::new(&t(lang, "export.sheet.basic"), FIGURE_COLUMNS.len())?;
    sh.title(&t(lang, "export.title.basic"))?;
    for (k, v) in [
        ("province", &s.commune.province),
        ("district", &s.commune.district),
        ("commune", &s.commune.name),
        ("village", &s.village.name),
    ] {
        sh.fact(&t(lang, &format!("export.field.{k}")), text(v.clone()))?;
    }
    sh.fact(
        &t(lang, "export.field.year"),
        Cell::Plain(f64::from(s.cycle.year)),
    )?;
    sh.skip();
    sh.header(&labels(lang, &FIGURE_COLUMNS))?;
    for f in &s.figures {
        let value = match figure_number(&f.key, &f.value) {
            Some(n) => number(n),
            None => text(f.value.clone()),
        };
        sh.write(vec![
            text(figure_label(lang, &f.key)),
            value,
            text(f.source.clone()),
            text(date(&f.as_of)),
        ])?;
    }
    sh.skip();
    sh.subtitle(&t(lang, "export.title.team"))?;
    sh.header(&labels(lang, &["export.col.name", "export.col.role"]))?;
    for f in &s.facilitators {
        sh.write(vec![text(f.name.clone()), text(f.role.clone())])?;
    }
    Ok(sh)
}

fn meeting1(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let name = t(lang, "export.sheet.meeting1");
    let Some(m) = &s.meeting1 else {
        let mut sh = Sheet::new(&name, 1)?;
        sh.title(&t(lang, "export.title.meeting1"))?;
        sh.note(&t(lang, "export.m1.none"))?;
        return Ok(sh);
    };
    let mut sh = Sheet::new(&name, 2)?;
    sh.title(&t(lang, "export.title.meeting1"))?;
    let rows: Vec<(&str, Cell)> = vec![
        ("rec.date", text(date(&m.date))),
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
    sh.header(&labels(lang, &["export.col.item", "export.col.value"]))?;
    for (k, v) in rows {
        sh.write(vec![text(t(lang, k)), v])?;
    }
    Ok(sh)
}

const PERSON_COLUMNS: [&str; 7] = [
    "export.col.no",
    "export.col.name",
    "export.col.gender",
    "export.col.ethnicity",
    "export.col.wealth",
    "export.col.organisations",
    "export.col.trained",
];

fn attendees(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let mut sh = Sheet::new(&t(lang, "export.sheet.attendees"), PERSON_COLUMNS.len())?;
    sh.title(&t(lang, "export.title.attendees"))?;
    sh.header(&labels(lang, &PERSON_COLUMNS))?;
    for a in &s.attendees {
        sh.write(vec![
            number(a.seq),
            text(a.name.clone().unwrap_or_default()),
            text(gender_label(lang, a.gender)),
            text(a.ethnicity.clone().unwrap_or_default()),
            text(wealth_label(lang, a.wealth)),
            text(orgs_label(lang, &a.organisations)),
            text(yes_no(lang, a.trained)),
        ])?;
    }
    Ok(sh)
}

fn working_group(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let wg = &s.working_group;
    let mut head = labels(lang, &PERSON_COLUMNS);
    head.extend(labels(
        lang,
        &["export.col.core_farmer", "export.col.leader"],
    ));
    let mut sh = Sheet::new(&t(lang, "export.sheet.working_group"), head.len())?;
    sh.title(&t(lang, "export.title.elected"))?;
    sh.header(&head)?;
    for (i, m) in wg.members.iter().enumerate() {
        sh.write(vec![
            number((i + 1) as u32),
            text(m.name.clone()),
            text(gender_label(lang, m.gender)),
            text(m.ethnicity.clone().unwrap_or_default()),
            text(wealth_label(lang, m.wealth)),
            text(orgs_label(lang, &m.organisations)),
            text(yes_no(lang, m.trained)),
            text(yes_no(lang, m.core_farmer)),
            text(yes_no(lang, m.leader)),
        ])?;
    }
    sh.skip();
    match wg.frozen {
        Some(c) => {
            for (k, n) in [
                ("export.wg.members", c.members),
                ("export.wg.women", c.women),
                ("export.wg.trained", c.trained),
            ] {
                sh.write(vec![Cell::Empty, text(t(lang, k)), number(n)])?;
            }
        }
        None => sh.write(vec![Cell::Empty, text(t(lang, "export.wg.open"))])?,
    }
    if let Some(r) = &wg.override_reason {
        sh.write(vec![
            Cell::Empty,
            text(t(lang, "export.wg.override")),
            text(r.clone()),
        ])?;
    }
    Ok(sh)
}

fn activities(s: &CycleSnapshot, lang: Lang) -> Result<Sheet, XlsxError> {
    let mut sh = Sheet::new(&t(lang, "export.sheet.activities"), ACTIVITY_COLUMNS.len())?;
    sh.title(&t(lang, "export.title.activities"))?;
    sh.header(&labels(lang, &ACTIVITY_COLUMNS))?;
    for (i, a) in s.activities.iter().enumerate() {
        let f = &a.fields;
        sh.write(vec![
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
        ])?;
    }
    Ok(sh)
}
