//! Forms of the preparation and the assessment: forms 1-2 (basic figures, in the
//! procedure's order), the facilitation team, the working group, the assessment.

use super::{Form, Table, Value, col, num, number, text};
use crate::domain::basic_info::FIGURES;
use crate::domain::pra::Catalogue;
use crate::domain::record::CycleRecord;
use crate::domain::{Person, PersonId};
use crate::export::{
    date, figure_label, figure_number, gender_label, orgs_label, wealth_label, yes_no,
};
use crate::i18n::{Lang, t};

/// Forms 1-2: every figure in the procedure's order, with source and date.
pub(super) fn basic(r: &CycleRecord, lang: Lang) -> Form {
    let mut form = Form::new(
        lang,
        "export.sheet.basic",
        "bieu-1-2-thong-tin",
        t(lang, "export.title.basic"),
    );
    place_lines(&mut form, r, lang);
    let rows = FIGURES
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let figure = r.figures.iter().find(|f| f.key == def.key);
            vec![
                number((i + 1) as f64),
                text(figure_label(lang, def.key)),
                figure_value(r, def.key),
                text(figure.map(|f| f.source.clone()).unwrap_or_default()),
                text(figure.map(|f| date(&f.as_of)).unwrap_or_default()),
            ]
        })
        .collect();
    form.tables.push(Table::new(
        vec![
            num(lang, "export.col.no", None, false),
            col(lang, "export.col.item"),
            num(lang, "export.col.value", None, false),
            col(lang, "export.col.source"),
            col(lang, "export.col.as_of"),
        ],
        rows,
    ));
    form
}

/// A village's figure as a cell: a number for counts and measures, else the text;
/// empty when not recorded.
pub(super) fn figure_value(r: &CycleRecord, key: &str) -> Value {
    let figure = r.figures.iter().find(|f| f.key == key);
    figure.map_or(Value::Empty, |f| match figure_number(&f.key, &f.value) {
        Some(n) => number(n),
        None => text(f.value.clone()),
    })
}

/// Province, district, commune, village and year lines.
pub(super) fn place_lines(form: &mut Form, r: &CycleRecord, lang: Lang) {
    form.line(
        lang,
        "export.field.province",
        text(r.commune.province.clone()),
    );
    form.line(
        lang,
        "export.field.district",
        text(r.commune.district.clone()),
    );
    form.line(lang, "export.field.commune", text(r.commune.name.clone()));
    form.line(lang, "export.field.village", text(r.village.name.clone()));
    form.line(
        lang,
        "export.field.year",
        Value::Plain(f64::from(r.cycle.year)),
    );
}

/// The commune's facilitation team.
pub(super) fn team(r: &CycleRecord, lang: Lang) -> Form {
    let mut form = Form::new(
        lang,
        "form.sheet.team",
        "to-thuc-day",
        t(lang, "export.title.team"),
    );
    let rows = r
        .facilitators
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                number((i + 1) as f64),
                text(f.name.clone()),
                text(f.role.clone()),
            ]
        })
        .collect();
    let mut table = Table::new(
        vec![
            num(lang, "export.col.no", None, false),
            col(lang, "export.col.name"),
            col(lang, "export.col.role"),
        ],
        rows,
    );
    table.empty = Some(t(lang, "form.empty.team"));
    form.tables.push(table);
    form
}

/// The working group elected at meeting 1, with its frozen composition.
pub(super) fn working_group(r: &CycleRecord, lang: Lang) -> Form {
    let mut form = Form::new(
        lang,
        "export.sheet.working_group",
        "to-cong-tac",
        t(lang, "export.title.elected"),
    );
    let Some(wg) = &r.working_group else {
        form.notes.push(t(lang, "export.wg.open"));
        return form;
    };
    form.line(
        lang,
        "form.field.size_range",
        text(format!("{}-{}", wg.size_min, wg.size_max)),
    );
    match (wg.closed_members, wg.closed_women, wg.closed_trained) {
        (Some(m), Some(w), Some(tr)) => {
            form.line(lang, "export.wg.members", number(m));
            form.line(lang, "export.wg.women", number(w));
            form.line(lang, "export.wg.trained", number(tr));
        }
        _ => form.notes.push(t(lang, "export.wg.open")),
    }
    if let Some(why) = &wg.override_reason {
        form.line(lang, "export.wg.override", text(why.clone()));
    }
    let rows = wg
        .members
        .iter()
        .filter_map(|id| r.person(*id))
        .enumerate()
        .map(|(i, p)| {
            let mut cells = vec![number((i + 1) as f64)];
            cells.extend(person_cells(p, lang));
            cells.push(text(yes_no(lang, p.core_farmer)));
            cells.push(text(if wg.leader == Some(p.id) {
                yes_no(lang, true)
            } else {
                String::new()
            }));
            cells
        })
        .collect();
    let mut columns = vec![num(lang, "export.col.no", None, false)];
    columns.extend(person_columns(lang));
    columns.push(col(lang, "export.col.core_farmer"));
    columns.push(col(lang, "export.col.leader"));
    form.tables.push(Table::new(columns, rows));
    form
}

/// Columns describing a person: name, gender, ethnicity, wealth, organisations, trained.
pub(super) fn person_columns(lang: Lang) -> Vec<super::Column> {
    [
        "export.col.name",
        "export.col.gender",
        "export.col.ethnicity",
        "export.col.wealth",
        "export.col.organisations",
        "export.col.trained",
    ]
    .iter()
    .map(|k| col(lang, k))
    .collect()
}

/// The cells of [`person_columns`] (a name left out under the privacy option stays empty).
pub(super) fn person_cells(p: &Person, lang: Lang) -> Vec<Value> {
    vec![
        text(p.name.clone()),
        text(gender_label(lang, p.gender)),
        text(p.ethnicity.clone().unwrap_or_default()),
        text(wealth_label(lang, p.wealth)),
        text(orgs_label(lang, &p.organisations)),
        text(yes_no(lang, p.trained)),
    ]
}

/// The assessment: PRA tools chosen, sub-groups with members and themes, findings.
pub(super) fn assessment(r: &CycleRecord, lang: Lang) -> Form {
    let mut form = Form::new(
        lang,
        "form.sheet.assessment",
        "danh-gia-thuc-trang",
        t(lang, "form.title.assessment"),
    );
    let catalogue = Catalogue::shared();
    let in_lang = |vi: &str, en: &str| match lang {
        Lang::Vi => vi.to_string(),
        Lang::En => en.to_string(),
    };
    let tool_name = |code: &str| -> String {
        catalogue
            .and_then(|c| c.tool(code))
            .map_or_else(|| code.to_string(), |x| in_lang(&x.name_vi, &x.name_en))
    };
    let theme_name = |code: &str| -> String {
        catalogue
            .and_then(|c| c.theme(code))
            .map_or_else(|| code.to_string(), |x| in_lang(&x.name_vi, &x.name_en))
    };
    let a = &r.assessment;
    let tools = a
        .tools
        .iter()
        .enumerate()
        .map(|(i, code)| vec![number((i + 1) as f64), text(tool_name(code))])
        .collect();
    let mut tools = Table::new(
        vec![
            num(lang, "export.col.no", None, false),
            col(lang, "export.col.tool"),
        ],
        tools,
    );
    tools.subtitle = Some(t(lang, "form.sub.tools"));
    tools.empty = Some(t(lang, "form.empty.tools"));
    form.tables.push(tools);

    let names = |ids: &[PersonId]| -> String {
        ids.iter()
            .filter_map(|id| r.person(*id))
            .map(|p| p.name.as_str())
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let groups = a
        .subgroups
        .iter()
        .map(|g| {
            let list = |codes: &[String], name: &dyn Fn(&str) -> String| {
                codes.iter().map(|c| name(c)).collect::<Vec<_>>().join(", ")
            };
            vec![
                text(g.name.clone()),
                text(names(g.leader.as_slice())),
                number(g.members.len() as f64),
                text(names(&g.members)),
                text(list(&g.themes, &theme_name)),
                text(list(&g.tools, &tool_name)),
            ]
        })
        .collect();
    let mut subgroups = Table::new(
        vec![
            col(lang, "form.col.subgroup"),
            col(lang, "export.col.leader"),
            num(lang, "form.col.member_count", None, true),
            col(lang, "form.col.members"),
            col(lang, "form.col.themes"),
            col(lang, "form.col.tools"),
        ],
        groups,
    );
    subgroups.key_columns = 1;
    subgroups.subtitle = Some(t(lang, "form.sub.subgroups"));
    subgroups.empty = Some(t(lang, "form.empty.subgroups"));
    form.tables.push(subgroups);

    let mut findings = Table::new(
        vec![
            col(lang, "export.col.tool"),
            col(lang, "form.col.day"),
            num(lang, "form.col.minutes", Some("form.unit.minutes"), true),
            col(lang, "form.col.findings"),
        ],
        Vec::new(),
    );
    findings.key_columns = 1;
    findings.groups = a
        .subgroups
        .iter()
        .map(|g| super::RowGroup {
            title: Some(g.name.clone()),
            rows: a
                .findings
                .iter()
                .filter(|f| f.subgroup_id == g.id)
                .map(|f| {
                    vec![
                        text(tool_name(&f.tool_code)),
                        text(f.day.clone()),
                        number(f.minutes),
                        text(f.body.clone()),
                    ]
                })
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    findings.subtitle = Some(t(lang, "form.sub.findings"));
    findings.empty = Some(t(lang, "form.empty.findings"));
    form.tables.push(findings);
    form
}
