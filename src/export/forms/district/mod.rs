//! The district's forms of a planning year, made from its communes' years: the communes'
//! priority activities by sector (each commune's rows in its own order, the commune and
//! village named, a subtotal per sector, the totals per funding source), the same
//! activities by funding source, and the summary by commune. Pure: rows, flags and sums
//! come from `domain::district` (which takes them from `domain::commune`); the columns
//! are those of the commune's forms 5 and 6 (`forms::commune::cells`).

mod summary;

use super::commune::cells::{Amount, Cell, cell, column, sum_row};
use super::commune::needs::source_table;
use super::{Column, Form, RowGroup, Table, Value, text};
use crate::domain::activity::FundingSource;
use crate::domain::commune::{NeedRow, by_sector};
use crate::domain::district::{
    CommuneStatus, CommuneYear, DistrictRow, commune_status, district_needs, in_order,
};
use crate::i18n::{Lang, t, tf};

/// The district and year the forms are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictYear<'a> {
    /// The district's name, as the communes write it.
    pub district: &'a str,
    /// The province.
    pub province: &'a str,
    /// The planning year.
    pub year: i32,
}

/// Every district form of the year, in order: by sector, by funding source, by commune.
pub fn district_forms(at: &DistrictYear, communes: &[CommuneYear], lang: Lang) -> Vec<Form> {
    let rows = district_needs(communes);
    vec![
        by_sector_form(at, communes, &rows, lang),
        by_source_form(at, communes, &rows, lang),
        summary::by_commune(at, communes, lang),
    ]
}

/// A column of the district's lists: the commune, or a column of forms 5 and 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// The commune's name.
    Commune,
    /// A column the commune's forms have.
    Of(Cell),
}

/// The columns after the number and the activity: where it comes from and its ranks.
const LEADING: [(Col, &str); 5] = [
    (Col::Commune, "district.col.commune"),
    (Col::Of(Cell::Village), "commune.col.village"),
    (Col::Of(Cell::Part), "export.col.part"),
    (Col::Of(Cell::VillageRank), "commune.col.village_rank"),
    (Col::Of(Cell::WomenRank), "export.col.women_rank"),
];

/// The columns of the list by sector after [`LEADING`].
const BY_SECTOR: [(Col, &str); 9] = [
    (Col::Of(Cell::Category), "district.col.category"),
    (Col::Of(Cell::Quantity), "export.col.quantity"),
    (Col::Of(Cell::Unit), "export.col.unit"),
    (Col::Of(Cell::Amount(Amount::Cost)), "form.col.cost"),
    (Col::Of(Cell::Amount(Amount::Money)), "form.col.money"),
    (Col::Of(Cell::Source), "commune.col.source_asked"),
    (Col::Of(Cell::Amount(Amount::Asked)), "commune.col.asked"),
    (Col::Of(Cell::Time), "export.col.time"),
    (Col::Of(Cell::Flags), "commune.col.flags"),
];

/// The columns of the list by funding source after [`LEADING`].
const BY_SOURCE: [(Col, &str); 6] = [
    (Col::Of(Cell::Sector), "export.col.sector"),
    (Col::Of(Cell::Category), "district.col.category"),
    (Col::Of(Cell::Amount(Amount::Cost)), "form.col.cost"),
    (Col::Of(Cell::Amount(Amount::Money)), "form.col.money"),
    (Col::Of(Cell::Amount(Amount::Asked)), "commune.col.asked"),
    (Col::Of(Cell::Flags), "commune.col.flags"),
];

/// A list's columns: number, activity, [`LEADING`], then `rest`.
fn spec(rest: &[(Col, &'static str)]) -> Vec<(Col, &'static str)> {
    let mut spec = vec![
        (Col::Of(Cell::No), "export.col.no"),
        (Col::Of(Cell::Name), "export.col.activity"),
    ];
    spec.extend(LEADING);
    spec.extend_from_slice(rest);
    spec
}

/// The communes' priority activities by sector, then the totals by funding source.
fn by_sector_form(
    at: &DistrictYear,
    communes: &[CommuneYear],
    rows: &[DistrictRow],
    lang: Lang,
) -> Form {
    let title = tf(lang, "district.title.by_sector", &[at.year.to_string()]);
    let mut form = new_form(
        at,
        communes,
        lang,
        ("district.sheet.by_sector", "theo-linh-vuc"),
        title,
    );
    let all: Vec<&DistrictRow> = rows.iter().collect();
    let groups = by_sector(&all)
        .into_iter()
        .map(|(sector, of)| (t(lang, sector.label_key()), of))
        .collect();
    form.tables
        .push(list(groups, &all, &spec(&BY_SECTOR), lang));
    let needs: Vec<&NeedRow> = rows.iter().map(|r| &r.row).collect();
    let mut sums = source_table(&needs, lang);
    sums.subtitle = Some(t(lang, "district.sub.by_source"));
    if let Some(total) = sums
        .groups
        .iter_mut()
        .flat_map(|g| g.rows.last_mut())
        .last()
    {
        total[0] = text(t(lang, "district.row.total"));
    }
    form.tables.push(sums);
    form.notes.insert(0, t(lang, "district.note.by_sector"));
    form
}

/// The same activities grouped by funding source, each source closed by its subtotal.
fn by_source_form(
    at: &DistrictYear,
    communes: &[CommuneYear],
    rows: &[DistrictRow],
    lang: Lang,
) -> Form {
    let title = tf(lang, "district.title.by_source", &[at.year.to_string()]);
    let mut form = new_form(
        at,
        communes,
        lang,
        ("district.sheet.by_source", "theo-nguon-von"),
        title,
    );
    let all: Vec<&DistrictRow> = rows.iter().collect();
    let groups = FundingSource::ALL
        .into_iter()
        .map(|s| {
            let of: Vec<&DistrictRow> = all
                .iter()
                .copied()
                .filter(|r| r.row.funding.source == s)
                .collect();
            (t(lang, &s.label_key()), of)
        })
        .filter(|(_, of)| !of.is_empty())
        .collect();
    form.tables
        .push(list(groups, &all, &spec(&BY_SOURCE), lang));
    form.notes.insert(0, t(lang, "district.note.by_source"));
    form
}

/// A district form with its header, notes on the order, money and standing, and the
/// signature block.
fn new_form(
    at: &DistrictYear,
    communes: &[CommuneYear],
    lang: Lang,
    (sheet, file): (&str, &'static str),
    title: String,
) -> Form {
    let mut form = Form::new(lang, sheet, file, title);
    header(&mut form, at, communes.len(), lang);
    form.line(
        lang,
        "commune.field.money_unit",
        text(t(lang, "commune.unit.million")),
    );
    form.notes.extend([
        t(lang, "district.note.order"),
        t(lang, "district.note.counted"),
        t(lang, "commune.note.money"),
    ]);
    form.notes.extend(status_notes(communes, lang));
    signed(form, lang)
}

/// Province, district, year and number of communes.
fn header(form: &mut Form, at: &DistrictYear, communes: usize, lang: Lang) {
    form.line(lang, "export.field.province", text(at.province));
    form.line(lang, "export.field.district", text(at.district));
    form.line(lang, "export.field.year", Value::Plain(f64::from(at.year)));
    form.line(
        lang,
        "district.field.communes",
        super::number(communes as f64),
    );
}

/// The district's signature block: who prepared the form, the district's head.
fn signed(mut form: Form, lang: Lang) -> Form {
    form.signatures = ["commune.sign.preparer", "district.sign.head"]
        .iter()
        .map(|k| t(lang, k))
        .collect();
    form
}

/// Notes naming the communes whose plan is not approved and those with no plan.
fn status_notes(communes: &[CommuneYear], lang: Lang) -> Vec<String> {
    let named = |wanted: CommuneStatus| -> Vec<String> {
        in_order(communes)
            .into_iter()
            .filter(|c| commune_status(c) == wanted)
            .map(|c| c.commune.name.clone())
            .collect()
    };
    [
        (
            named(CommuneStatus::NotApproved),
            "district.note.not_approved",
        ),
        (named(CommuneStatus::NoPlan), "district.note.no_plan"),
    ]
    .into_iter()
    .filter(|(list, _)| !list.is_empty())
    .map(|(list, key)| tf(lang, key, &[list.join(", ")]))
    .collect()
}

/// The rows in titled groups, each closed by its subtotal, then the total of `all`.
fn list(
    groups: Vec<(String, Vec<&DistrictRow>)>,
    all: &[&DistrictRow],
    spec: &[(Col, &str)],
    lang: Lang,
) -> Table {
    let columns: Vec<Column> = spec.iter().map(|(c, key)| col_of(*c, key, lang)).collect();
    let mut table = Table::new(columns, Vec::new());
    table.groups.clear();
    let mut seq = 0;
    for (name, of) in groups {
        let mut body: Vec<Vec<Value>> = of
            .iter()
            .map(|r| {
                seq += 1;
                spec.iter().map(|(c, _)| value(*c, r, seq, lang)).collect()
            })
            .collect();
        let label = tf(lang, "commune.row.subtotal", std::slice::from_ref(&name));
        body.push(sums(&of, spec, label));
        table.groups.push(RowGroup {
            title: Some(name),
            rows: body,
        });
    }
    if !all.is_empty() {
        table.groups.push(RowGroup {
            title: None,
            rows: vec![sums(all, spec, t(lang, "district.row.total"))],
        });
    }
    table.key_columns = 3;
    table.subtitle = Some(t(lang, "district.sub.activities"));
    table.empty = Some(t(lang, "district.empty"));
    table
}

fn col_of(c: Col, key: &str, lang: Lang) -> Column {
    match c {
        Col::Commune => super::col(lang, key),
        Col::Of(c) => column(c, key, lang),
    }
}

/// The value of a column on row number `seq`; the flags say when the commune plan is
/// not approved (the row is then not counted).
fn value(c: Col, r: &DistrictRow, seq: usize, lang: Lang) -> Value {
    match c {
        Col::Commune => text(r.commune.clone()),
        Col::Of(Cell::Flags) if !r.commune_approved => {
            let mut notes = vec![t(lang, "district.flag.not_approved")];
            if let Value::Text(s) = cell(Cell::Flags, &r.row, seq, lang)
                && !s.is_empty()
            {
                notes.push(s);
            }
            text(notes.join("; "))
        }
        Col::Of(c) => cell(c, &r.row, seq, lang),
    }
}

/// A subtotal or total row over `rows`.
fn sums(rows: &[&DistrictRow], spec: &[(Col, &str)], label: String) -> Vec<Value> {
    let needs: Vec<&NeedRow> = rows.iter().map(|r| &r.row).collect();
    let cells: Vec<(Cell, &str)> = spec
        .iter()
        .map(|(c, key)| match c {
            Col::Commune => (Cell::Village, *key),
            Col::Of(c) => (*c, *key),
        })
        .collect();
    sum_row(&needs, &cells, label)
}
