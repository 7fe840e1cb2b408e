//! The columns forms 5 and 6 are made of: each [`Cell`] knows its value on a row; each
//! [`Amount`] also knows its unit and its sum on a subtotal or total row (counted rows
//! only, exact đồng).

use super::flags_text;
use crate::domain::activity::FundingSource;
use crate::domain::annual::Part;
use crate::domain::commune::{NeedRow, Totals, by_source, totals};
use crate::export::forms::{Column, Kind, Value, number, opt_number, text};
use crate::i18n::{Lang, t};

/// What a column of forms 5 and 6 shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::export::forms) enum Cell {
    /// Row number.
    No,
    /// The activity's name.
    Name,
    /// The village's name.
    Village,
    /// Part 1 or 2 of the village's form 4.
    Part,
    /// The village's own rank in its part.
    VillageRank,
    /// The men's rank in the medium-term plan.
    MenRank,
    /// The women's rank in the medium-term plan.
    WomenRank,
    /// The combined rank in the medium-term plan.
    CombinedRank,
    /// Sector.
    Sector,
    /// Technical support (service) or construction (investment).
    Category,
    /// Quantity (scale).
    Quantity,
    /// Unit of the quantity.
    Unit,
    /// When.
    Time,
    /// Where.
    Place,
    /// Who is responsible.
    Responsible,
    /// Villagers' materials.
    Materials,
    /// The funding source.
    Source,
    /// The rules' flags as text.
    Flags,
    /// An amount, summed on subtotal and total rows.
    Amount(Amount),
}

/// A column that subtotal and total rows sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::export::forms) enum Amount {
    /// Villagers' land, m².
    Land,
    /// Villagers' money, triệu đồng.
    Money,
    /// Villagers' labour, days.
    Labour,
    /// Estimated cost (total investment), triệu đồng.
    Cost,
    /// The amount asked, triệu đồng.
    Asked,
    /// The amount asked when the row's source is this one, triệu đồng.
    AskedFrom(FundingSource),
}

impl Amount {
    /// i18n key of the unit.
    fn unit_key(self) -> &'static str {
        match self {
            Amount::Land => "form.unit.m2",
            Amount::Labour => "form.unit.days",
            Amount::Money | Amount::Cost | Amount::Asked | Amount::AskedFrom(_) => {
                "commune.unit.million"
            }
        }
    }

    /// The amount on one row.
    fn of_row(self, r: &NeedRow) -> Value {
        let a = &r.activity;
        match self {
            Amount::Land => number(a.contribution.land_m2 as f64),
            Amount::Money => million(a.contribution.money_vnd),
            Amount::Labour => number(a.contribution.labour_days),
            Amount::Cost => a.estimated_cost_vnd.map_or(Value::Empty, million),
            Amount::Asked => million(r.funding.budget_asked_vnd),
            Amount::AskedFrom(s) if s == r.funding.source => million(r.funding.budget_asked_vnd),
            Amount::AskedFrom(_) => Value::Empty,
        }
    }

    /// The sum of the counted rows (`sources`: their sums by funding source).
    fn of_sums(self, sums: &Totals, sources: &[(FundingSource, Totals)]) -> Value {
        match self {
            Amount::Land => number(sums.land_m2 as f64),
            Amount::Money => million(sums.money_vnd),
            Amount::Labour => number(sums.labour_days),
            Amount::Cost => million(sums.cost_vnd),
            Amount::Asked => million(sums.asked_vnd),
            Amount::AskedFrom(s) => million(
                sources
                    .iter()
                    .find(|(source, _)| *source == s)
                    .map_or(0, |(_, t)| t.asked_vnd),
            ),
        }
    }
}

/// An amount of đồng as triệu đồng.
pub(in crate::export::forms) fn million(vnd: u64) -> Value {
    Value::Number(vnd as f64 / 1_000_000.0)
}

/// The column of `c` with the label `key`.
pub(in crate::export::forms) fn column(c: Cell, key: &str, lang: Lang) -> Column {
    let unit = if let Cell::Amount(a) = c {
        Some(t(lang, a.unit_key()))
    } else {
        None
    };
    let numeric = unit.is_some()
        || matches!(
            c,
            Cell::No
                | Cell::VillageRank
                | Cell::MenRank
                | Cell::WomenRank
                | Cell::CombinedRank
                | Cell::Quantity
        );
    Column {
        label: t(lang, key),
        unit,
        kind: if numeric { Kind::Number } else { Kind::Text },
        total: false,
    }
}

/// The value of `c` on row number `seq`.
pub(in crate::export::forms) fn cell(c: Cell, r: &NeedRow, seq: usize, lang: Lang) -> Value {
    let a = &r.activity;
    let rank = |n: Option<u32>| opt_number(n.map(f64::from));
    match c {
        Cell::No => number(seq as f64),
        Cell::Name => text(a.name.clone()),
        Cell::Village => text(r.village.clone()),
        Cell::Part => text(t(lang, part_key(r.part))),
        Cell::VillageRank => rank(r.village_rank),
        Cell::MenRank => rank(r.men_rank),
        Cell::WomenRank => rank(r.women_rank),
        Cell::CombinedRank => rank(r.combined_rank),
        Cell::Sector => text(t(lang, a.sector.label_key())),
        Cell::Category => text(t(lang, a.category.label_key())),
        Cell::Quantity => opt_number(a.quantity),
        Cell::Unit => text(a.unit.clone()),
        Cell::Time => text(a.time.clone()),
        Cell::Place => text(a.location.clone()),
        Cell::Responsible => text(a.responsible.clone()),
        Cell::Materials => text(a.contribution.materials.clone()),
        Cell::Source => text(t(lang, &r.funding.source.label_key())),
        Cell::Flags => text(flags_text(r, lang)),
        Cell::Amount(amount) => amount.of_row(r),
    }
}

/// A subtotal or total row: `label` in the name column, the counted rows' sums under
/// the amounts, nothing elsewhere.
pub(in crate::export::forms) fn sum_row(
    rows: &[&NeedRow],
    spec: &[(Cell, &str)],
    label: String,
) -> Vec<Value> {
    let sums = totals(rows.iter().copied());
    let sources = by_source(rows);
    let value = |c: Cell| {
        if let Cell::Amount(amount) = c {
            amount.of_sums(&sums, &sources)
        } else if c == Cell::Name {
            text(label.clone())
        } else {
            Value::Empty
        }
    };
    spec.iter().map(|(c, _)| value(*c)).collect()
}

/// i18n key of a part's short label.
fn part_key(part: Part) -> &'static str {
    match part {
        Part::One => "commune.part.one",
        Part::Two => "commune.part.two",
    }
}
