//! Biểu 5 (public services and technical support) and Biểu 6 (investment): the
//! villages' annual activities by sector, each village in its own order, with sector
//! subtotals and a total of the approved villages' rows, then the totals by funding
//! source. Money in triệu đồng, every sum taken from exact đồng.

use super::cells::{Amount, Cell, cell, column, million, sum_row};
use super::{Input, header, signed, status_notes};
use crate::domain::activity::FundingSource;
use crate::domain::commune::{
    NeedForm, NeedRow, Totals, WOMEN_TOP, by_sector, by_source, commune_needs_with, totals,
};
use crate::export::forms::{Form, RowGroup, Table, Value, col, num, number, text};
use crate::i18n::{Lang, t, tf};

/// The columns both forms have after the number and the name: the village, the part
/// and the ranks.
const LEADING: [(Cell, &str); 6] = [
    (Cell::Village, "commune.col.village"),
    (Cell::Part, "export.col.part"),
    (Cell::VillageRank, "commune.col.village_rank"),
    (Cell::MenRank, "export.col.men_rank"),
    (Cell::WomenRank, "export.col.women_rank"),
    (Cell::CombinedRank, "commune.col.combined_rank"),
];

/// Biểu 5's other columns, each with its label key.
const FORM5: [(Cell, &str); 14] = [
    (Cell::Sector, "export.col.sector"),
    (Cell::Quantity, "export.col.quantity"),
    (Cell::Unit, "export.col.unit"),
    (Cell::Time, "export.col.time"),
    (Cell::Place, "export.col.location"),
    (Cell::Responsible, "export.col.responsible"),
    (Cell::Amount(Amount::Land), "form.col.land"),
    (Cell::Amount(Amount::Money), "form.col.money"),
    (Cell::Amount(Amount::Labour), "form.col.labour"),
    (Cell::Materials, "form.col.materials"),
    (Cell::Amount(Amount::Cost), "form.col.cost"),
    (Cell::Source, "commune.col.source_asked"),
    (Cell::Amount(Amount::Asked), "commune.col.asked"),
    (Cell::Flags, "commune.col.flags"),
];

/// Biểu 6's other columns (after MPI Circular 01/2017's list of village investment
/// projects).
const FORM6: [(Cell, &str); 16] = [
    (Cell::Sector, "export.col.sector"),
    (Cell::Quantity, "commune.col.scale"),
    (Cell::Unit, "export.col.unit"),
    (Cell::Time, "commune.col.period"),
    (Cell::Place, "export.col.location"),
    (Cell::Amount(Amount::Cost), "commune.col.total_investment"),
    (
        asked(FundingSource::CommuneBudget),
        "commune.col.state_commune",
    ),
    (
        asked(FundingSource::DistrictBudget),
        "commune.col.state_district",
    ),
    (
        asked(FundingSource::Programme),
        "commune.col.state_programme",
    ),
    (Cell::Amount(Amount::Money), "form.col.money"),
    (Cell::Amount(Amount::Labour), "form.col.labour"),
    (Cell::Materials, "form.col.materials"),
    (Cell::Amount(Amount::Land), "form.col.land"),
    (asked(FundingSource::Other), "commune.col.other_source"),
    (Cell::Responsible, "export.col.responsible"),
    (Cell::Flags, "commune.col.flags"),
];

/// The amount asked from one source.
const fn asked(source: FundingSource) -> Cell {
    Cell::Amount(Amount::AskedFrom(source))
}

/// A form's columns: number, name (labelled `name_key`), [`LEADING`], then `rest`.
fn spec(name_key: &'static str, rest: &[(Cell, &'static str)]) -> Vec<(Cell, &'static str)> {
    let mut spec = vec![(Cell::No, "export.col.no"), (Cell::Name, name_key)];
    spec.extend(LEADING);
    spec.extend_from_slice(rest);
    spec
}

/// Biểu 5: technical support and public services.
pub(super) fn form5(input: &Input, lang: Lang) -> Form {
    let mut form = needs_form(
        input,
        lang,
        NeedForm::Services,
        &spec("export.col.activity", &FORM5),
    );
    form.notes.insert(0, t(lang, "commune.note.layout5"));
    form
}

/// Biểu 6: construction, the commune's investment needs.
pub(super) fn form6(input: &Input, lang: Lang) -> Form {
    let mut form = needs_form(
        input,
        lang,
        NeedForm::Investment,
        &spec("commune.col.work", &FORM6),
    );
    form.notes.insert(0, t(lang, "commune.note.layout6"));
    form
}

/// Form 5 or 6: header, the needs by sector, the sums by source, notes, signatures.
fn needs_form(input: &Input, lang: Lang, which: NeedForm, spec: &[(Cell, &str)]) -> Form {
    let (sheet, file, title) = match which {
        NeedForm::Services => (
            "commune.sheet.form5",
            "bieu-5-dich-vu-cong",
            "commune.title.form5",
        ),
        NeedForm::Investment => (
            "commune.sheet.form6",
            "bieu-6-dau-tu",
            "commune.title.form6",
        ),
    };
    let (c, year, villages) = (input.commune, input.year, input.villages);
    let title = tf(lang, title, &[year.to_string()]);
    let mut form = signed(Form::new(lang, sheet, file, title), lang);
    header(&mut form, c, year, villages.len(), lang);
    form.line(
        lang,
        "commune.field.money_unit",
        text(t(lang, "commune.unit.million")),
    );
    let all = commune_needs_with(villages, input.changes);
    let rows: Vec<&NeedRow> = all.iter().filter(|r| r.form() == which).collect();
    form.tables.push(needs_table(&rows, spec, lang));
    form.tables.push(source_table(&rows, lang));
    form.notes.extend([
        t(lang, "commune.note.order"),
        tf(lang, "commune.note.women", &[WOMEN_TOP.to_string()]),
        t(lang, "commune.note.money"),
        t(lang, "commune.note.decision"),
    ]);
    form.notes.extend(status_notes(villages, lang));
    form
}

/// The rows by sector, each sector closed by its subtotal, then the total.
fn needs_table(rows: &[&NeedRow], spec: &[(Cell, &str)], lang: Lang) -> Table {
    let columns = spec.iter().map(|(c, key)| column(*c, key, lang)).collect();
    let mut table = Table::new(columns, Vec::new());
    table.groups.clear();
    let mut seq = 0;
    for (sector, of) in by_sector(rows) {
        let name = t(lang, sector.label_key());
        let mut body: Vec<Vec<Value>> = of
            .iter()
            .map(|r| {
                seq += 1;
                spec.iter().map(|(c, _)| cell(*c, r, seq, lang)).collect()
            })
            .collect();
        body.push(sum_row(
            &of,
            spec,
            tf(lang, "commune.row.subtotal", std::slice::from_ref(&name)),
        ));
        table.groups.push(RowGroup {
            title: Some(name),
            rows: body,
        });
    }
    if !rows.is_empty() {
        table.groups.push(RowGroup {
            title: None,
            rows: vec![sum_row(rows, spec, t(lang, "commune.row.total"))],
        });
    }
    table.key_columns = 3;
    table.subtitle = Some(t(lang, "commune.sub.needs"));
    table.empty = Some(t(lang, "commune.empty"));
    table
}

/// The counted rows' sums by funding source, then their total.
pub(in crate::export::forms) fn source_table(rows: &[&NeedRow], lang: Lang) -> Table {
    let line = |label: String, sums: Totals| {
        vec![
            text(label),
            number(sums.activities as f64),
            million(sums.cost_vnd),
            million(sums.asked_vnd),
            million(sums.money_vnd),
        ]
    };
    let mut body: Vec<Vec<Value>> = by_source(rows)
        .into_iter()
        .map(|(s, sums)| line(t(lang, &s.label_key()), sums))
        .collect();
    if !body.is_empty() {
        body.push(line(
            t(lang, "commune.row.total"),
            totals(rows.iter().copied()),
        ));
    }
    let million_unit = Some("commune.unit.million");
    let mut table = Table::new(
        vec![
            col(lang, "form.col.funding"),
            num(lang, "commune.col.count", None, false),
            num(lang, "form.col.cost", million_unit, false),
            num(lang, "commune.col.asked", million_unit, false),
            num(lang, "form.col.money", million_unit, false),
        ],
        body,
    );
    table.key_columns = 1;
    table.subtitle = Some(t(lang, "commune.sub.by_source"));
    table.empty = Some(t(lang, "commune.empty"));
    table
}
