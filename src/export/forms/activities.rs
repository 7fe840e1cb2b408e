//! The columns every activity carries on forms 3, 4, the official plan and the list of
//! proposed activities (type, sector, quantity and unit, place, time, responsibility,
//! villagers' contribution, estimated cost, funding), and the list of proposals itself.

use super::{Column, Form, Table, Value, col, num, number, opt_number, text};
use crate::domain::activity::{ActivityId, Funding, ValidActivity, funding};
use crate::domain::annual::Part;
use crate::domain::record::CycleRecord;
use crate::domain::subgroup::SubGroupId;
use crate::i18n::{Lang, t};

/// Which funding columns a form carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Money {
    /// None (the list of proposals).
    None,
    /// The funding source.
    Source,
    /// The funding source and the amount asked from the budget (form 4, part 2).
    SourceAndAsked,
}

/// The activity columns after rank and name.
pub(super) fn activity_columns(lang: Lang, money: Money) -> Vec<Column> {
    let mut columns = vec![
        col(lang, "export.col.category"),
        col(lang, "export.col.sector"),
        num(lang, "export.col.quantity", None, false),
        col(lang, "export.col.unit"),
        col(lang, "export.col.location"),
        col(lang, "export.col.time"),
        col(lang, "export.col.responsible"),
        num(lang, "form.col.land", Some("form.unit.m2"), true),
        num(lang, "form.col.money", Some("form.unit.vnd"), true),
        num(lang, "form.col.labour", Some("form.unit.days"), true),
        col(lang, "form.col.materials"),
        num(lang, "form.col.cost", Some("form.unit.vnd"), true),
    ];
    if money != Money::None {
        columns.push(col(lang, "form.col.funding"));
    }
    if money == Money::SourceAndAsked {
        columns.push(num(lang, "form.col.asked", Some("form.unit.vnd"), true));
    }
    columns
}

/// The cells of [`activity_columns`].
pub(super) fn activity_cells(
    a: &ValidActivity,
    given: Funding,
    part: Option<Part>,
    money: Money,
    lang: Lang,
) -> Vec<Value> {
    let c = &a.contribution;
    let mut cells = vec![
        text(t(lang, a.category.label_key())),
        text(t(lang, a.sector.label_key())),
        opt_number(a.quantity),
        text(a.unit.clone()),
        text(a.location.clone()),
        text(a.time.clone()),
        text(a.responsible.clone()),
        number(c.land_m2 as f64),
        number(c.money_vnd as f64),
        number(c.labour_days),
        text(c.materials.clone()),
        opt_number(a.estimated_cost_vnd.map(|v| v as f64)),
    ];
    let effective = funding::effective(a, given, part);
    if money != Money::None {
        cells.push(text(t(lang, &effective.source.label_key())));
    }
    if money == Money::SourceAndAsked {
        cells.push(number(effective.budget_asked_vnd as f64));
    }
    cells
}

/// The funding recorded for one of the record's activities (none for a plan row whose
/// activity was since deleted).
pub(super) fn funding_of(r: &CycleRecord, id: ActivityId) -> Funding {
    r.activity(id)
        .or_else(|| {
            r.last_year
                .as_ref()
                .and_then(|l| l.activities.iter().find(|a| a.activity.id == id))
        })
        .map(|a| a.funding)
        .unwrap_or_default()
}

/// The proposed activities (duplicates merged into others listed apart).
pub(super) fn proposed(r: &CycleRecord, lang: Lang) -> Form {
    let mut form = Form::new(
        lang,
        "export.sheet.activities",
        "hoat-dong-de-xuat",
        t(lang, "export.title.activities"),
    );
    let subgroup = |id: Option<SubGroupId>| {
        id.and_then(|id| r.assessment.subgroups.iter().find(|g| g.id == id))
            .map(|g| g.name.clone())
            .unwrap_or_default()
    };
    let kept = r.activities.iter().filter(|a| a.merged_into.is_none());
    let rows = kept
        .enumerate()
        .map(|(i, a)| {
            let f = &a.activity.fields;
            let mut cells = vec![number((i + 1) as f64), text(f.name.clone())];
            cells.extend(activity_cells(f, a.funding, None, Money::None, lang));
            cells.push(text(crate::export::yes_no(lang, f.proposed_by_women)));
            cells.push(text(subgroup(f.subgroup_id)));
            cells
        })
        .collect();
    let mut columns = vec![
        num(lang, "export.col.no", None, false),
        col(lang, "export.col.activity"),
    ];
    columns.extend(activity_columns(lang, Money::None));
    columns.push(col(lang, "export.col.proposed_by_women"));
    columns.push(col(lang, "form.col.subgroup"));
    let mut table = Table::new(columns, rows);
    table.empty = Some(t(lang, "form.empty.activities"));
    form.tables.push(table);
    let merged: Vec<Vec<Value>> = r
        .activities
        .iter()
        .filter_map(|a| {
            let into = r.activity(a.merged_into?)?;
            Some(vec![
                text(a.activity.fields.name.clone()),
                text(into.activity.fields.name.clone()),
            ])
        })
        .collect();
    if !merged.is_empty() {
        let mut table = Table::new(
            vec![
                col(lang, "form.col.duplicate"),
                col(lang, "form.col.merged_into"),
            ],
            merged,
        );
        table.key_columns = 1;
        table.subtitle = Some(t(lang, "form.sub.merged"));
        form.tables.push(table);
    }
    form
}
