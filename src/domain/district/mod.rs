//! The district level (issue 14, item 6): the district's communes in one planning year,
//! each as the district holds it (its villages typed or imported in this database, or its
//! commune bundle imported), and their priority activities listed by sector and by
//! funding source with a summary by commune.
//!
//! Owns: [`CommuneYear`] (the input of every district form), each commune's standing
//! ([`commune_status`]), its rows ([`district_needs`]) and summary ([`summaries`]). The
//! rows, flags and sums of each commune are the commune level's (`domain::commune`): a
//! commune's rows are exactly those of its forms 5 and 6. Must not: read the database or
//! render.

use serde::{Deserialize, Serialize};

use super::Commune;
use super::annual::Part;
use super::commune::{
    Conference, NeedRow, PlanSource, Totals, VillageYear, commune_needs_with, status, totals,
};

/// One commune of the district in one planning year, as the district holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommuneYear {
    /// The commune.
    pub commune: Commune,
    /// Its stable exchange code.
    pub commune_code: String,
    /// Where the district's copy comes from: held here at village level, or imported
    /// from the commune's bundle.
    pub source: PlanSource,
    /// Its villages with their plans of the year (empty: nothing received).
    pub villages: Vec<VillageYear>,
    /// The commune conference's changes and the commune plan's approval.
    pub conference: Conference,
}

/// The communes of `all` whose district is `district` (with or without "Huyện", case
/// and diacritics ignored; none for an empty name).
pub fn communes_of<'a>(all: &'a [Commune], district: &str) -> Vec<&'a Commune> {
    let key = super::place::district_key(district);
    all.iter()
        .filter(|c| !key.is_empty() && super::place::district_key(&c.district) == key)
        .collect()
}

/// Where a commune's plan of the year stands at the district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommuneStatus {
    /// No village plan of the year has reached the district.
    NoPlan,
    /// Village plans are there, but the commune conference has not approved the commune
    /// plan: its rows are shown and not counted.
    NotApproved,
    /// The commune plan is approved, in this version.
    Approved {
        /// The approved version's number.
        version: u32,
    },
}

impl CommuneStatus {
    /// Whether the commune's rows count in the district's totals.
    pub fn is_approved(self) -> bool {
        matches!(self, CommuneStatus::Approved { .. })
    }

    /// i18n key of the status's label (`{0}`: the version, when approved).
    pub fn label_key(self) -> &'static str {
        match self {
            CommuneStatus::NoPlan => "district.status.no_plan",
            CommuneStatus::NotApproved => "district.status.not_approved",
            CommuneStatus::Approved { .. } => "district.status.approved",
        }
    }

    /// The label's arguments.
    pub fn args(self) -> Vec<String> {
        match self {
            CommuneStatus::Approved { version } => vec![version.to_string()],
            CommuneStatus::NoPlan | CommuneStatus::NotApproved => Vec::new(),
        }
    }
}

/// The standing of a commune's plan of the year.
pub fn commune_status(c: &CommuneYear) -> CommuneStatus {
    let any_plan = c.villages.iter().any(|v| v.record.is_some());
    match (&c.conference.approved, any_plan) {
        (_, false) => CommuneStatus::NoPlan,
        (Some(a), true) => CommuneStatus::Approved { version: a.version },
        (None, true) => CommuneStatus::NotApproved,
    }
}

/// One priority activity of a commune as the district lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictRow {
    /// The commune's name.
    pub commune: String,
    /// The commune's exchange code.
    pub commune_code: String,
    /// Whether the commune plan is approved (otherwise the row is not counted).
    pub commune_approved: bool,
    /// The row as the commune's forms 5 and 6 hold it (changes applied; counted only
    /// when both the village's and the commune's plans are approved).
    pub row: NeedRow,
}

impl AsRef<NeedRow> for DistrictRow {
    fn as_ref(&self) -> &NeedRow {
        &self.row
    }
}

/// The communes in a stable order: by name with diacritics and case folded, then as
/// written, then by code.
pub fn in_order(communes: &[CommuneYear]) -> Vec<&CommuneYear> {
    let mut sorted: Vec<&CommuneYear> = communes.iter().collect();
    sorted.sort_by_cached_key(|c| {
        let name = &c.commune.name;
        (
            super::text::fold(super::place::commune_short_name(name)),
            name.clone(),
            c.commune_code.clone(),
        )
    });
    sorted
}

/// One commune's rows: its villages in their order, each in its own order, the
/// conference's changes applied.
pub fn commune_rows(c: &CommuneYear) -> Vec<DistrictRow> {
    let approved = commune_status(c).is_approved();
    commune_needs_with(&c.villages, &c.conference.changes)
        .into_iter()
        .map(|mut row| {
            row.counted &= approved;
            DistrictRow {
                commune: c.commune.name.clone(),
                commune_code: c.commune_code.clone(),
                commune_approved: approved,
                row,
            }
        })
        .collect()
}

/// Every commune's rows, communes in the stable order, each commune's rows in its own.
pub fn district_needs(communes: &[CommuneYear]) -> Vec<DistrictRow> {
    in_order(communes)
        .into_iter()
        .flat_map(commune_rows)
        .collect()
}

/// One line of the summary by commune.
#[derive(Debug, Clone, PartialEq)]
pub struct CommuneSummary {
    /// The commune's name.
    pub commune: String,
    /// The check code of the imported commune bundle (none for a commune held here).
    pub check_code: Option<String>,
    /// Its standing.
    pub status: CommuneStatus,
    /// Its villages.
    pub villages: usize,
    /// Villages whose annual plan is approved.
    pub approved_plans: usize,
    /// Activities listed (every row, counted or not).
    pub activities: usize,
    /// Part-2 asks (budget support) listed and not dropped by the commune conference.
    pub part_two: usize,
    /// The counted rows' sums.
    pub totals: Totals,
}

/// The summary of every commune, in the stable order.
pub fn summaries(communes: &[CommuneYear]) -> Vec<CommuneSummary> {
    in_order(communes).into_iter().map(summary).collect()
}

fn summary(c: &CommuneYear) -> CommuneSummary {
    let rows = commune_rows(c);
    CommuneSummary {
        commune: c.commune.name.clone(),
        check_code: match &c.source {
            PlanSource::Local => None,
            PlanSource::Imported(from) => Some(from.check_code.clone()),
        },
        status: commune_status(c),
        villages: c.villages.len(),
        approved_plans: c
            .villages
            .iter()
            .filter(|v| status(v).status.is_approved())
            .count(),
        activities: rows.len(),
        part_two: rows
            .iter()
            .filter(|r| r.row.part == Part::Two && !r.row.leaves())
            .count(),
        totals: totals(&rows),
    }
}
