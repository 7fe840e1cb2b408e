//! Every activity of each village's annual plan (form 4) as a row of the commune's
//! forms 5 and 6: the village, its own rank, the men's, women's and combined ranks of
//! its official medium-term plan, the activity as planned, its effective funding and
//! the flags of the procedure's rules. Each village keeps its own order; villages are
//! never ranked against each other.

use super::changes::{Change, Decision, apply, of_village};
use super::flags::flag;
use super::{VillageYear, in_order, status};
use crate::domain::activity::funding::{EffectiveFunding, effective};
use crate::domain::activity::{Category, Funding, ValidActivity};
use crate::domain::annual::Part;
use crate::domain::record::{AnnualItemRecord, CycleRecord};
use crate::domain::scoring::CombinedRow;

use super::Flag;

/// Which commune form a need goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedForm {
    /// Biểu 5: technical support and public services.
    Services,
    /// Biểu 6: construction (investment).
    Investment,
}

impl NeedForm {
    /// The form an activity of `category` goes on.
    pub fn of(category: Category) -> Self {
        match category {
            Category::TechnicalSupport => NeedForm::Services,
            Category::Construction => NeedForm::Investment,
        }
    }
}

/// One activity of a village's annual plan as the commune lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedRow {
    /// The village's name.
    pub village: String,
    /// The village's exchange code.
    pub village_code: String,
    /// Part 1 or part 2 of the village's form 4.
    pub part: Part,
    /// The village's own rank (form 4, within its part); `None` while unscored.
    pub village_rank: Option<u32>,
    /// The men's group's rank in the official medium-term plan.
    pub men_rank: Option<u32>,
    /// The women's group's rank in the official medium-term plan.
    pub women_rank: Option<u32>,
    /// The combined (official) rank in the medium-term plan.
    pub combined_rank: Option<u32>,
    /// The activity as the annual plan holds it.
    pub activity: ValidActivity,
    /// Its funding, given or derived.
    pub funding: EffectiveFunding,
    /// Whether the row counts in totals (the village's annual plan is approved).
    pub counted: bool,
    /// What the procedure's rules raise on it.
    pub flags: Vec<Flag>,
    /// Why a part-2 activity beyond the limit was accepted by the village.
    pub override_reason: Option<String>,
    /// The activity's id within the village's record.
    pub activity_id: i64,
    /// The commune conference's changes to it, applied, in the order recorded.
    pub decisions: Vec<Decision>,
}

impl AsRef<NeedRow> for NeedRow {
    fn as_ref(&self) -> &NeedRow {
        self
    }
}

impl NeedRow {
    /// The form the row goes on.
    pub fn form(&self) -> NeedForm {
        NeedForm::of(self.activity.category)
    }

    /// Whether the commune dropped, merged or moved it (it leaves this year's totals).
    pub fn leaves(&self) -> bool {
        self.decisions.iter().any(|d| d.change.kind.leaves())
    }
}

/// The rows of one village, in its form 4 order (part 1 by rank, then part 2), flagged.
pub fn village_needs(v: &VillageYear) -> Vec<NeedRow> {
    village_needs_with(v, &[])
}

/// The rows of one village with the commune's `changes` applied (those of other villages
/// are ignored), then flagged.
pub fn village_needs_with(v: &VillageYear, changes: &[Change]) -> Vec<NeedRow> {
    let Some(r) = &v.record else {
        return Vec::new();
    };
    let counted = status(v).status.is_approved();
    let (mut rows, given): (Vec<NeedRow>, Vec<Funding>) = r
        .annual_ranking()
        .iter()
        .filter_map(|rk| {
            let item = r.annual.items.iter().find(|i| i.id.0 == rk.activity)?;
            need_row(v, r, item, rk.rank, counted)
        })
        .unzip();
    apply(&mut rows, &given, &of_village(changes, &v.village_code));
    flag(rows)
}

/// Every village's rows, villages in the stable order, each in its own order.
pub fn commune_needs(villages: &[VillageYear]) -> Vec<NeedRow> {
    commune_needs_with(villages, &[])
}

/// Every village's rows with the commune's `changes` applied.
pub fn commune_needs_with(villages: &[VillageYear], changes: &[Change]) -> Vec<NeedRow> {
    in_order(villages)
        .into_iter()
        .flat_map(|v| village_needs_with(v, changes))
        .collect()
}

fn need_row(
    v: &VillageYear,
    r: &CycleRecord,
    item: &AnnualItemRecord,
    village_rank: Option<u32>,
    counted: bool,
) -> Option<(NeedRow, Funding)> {
    let ranks = plan_ranks(r, item.activity.0);
    let (activity, given) = annual_activity(r, item.activity.0)?;
    let funding = effective(&activity, given, Some(item.part));
    let row = NeedRow {
        village: v.village.name.clone(),
        village_code: v.village_code.clone(),
        part: item.part,
        village_rank,
        men_rank: ranks.map(|k| k.men_rank),
        women_rank: ranks.map(|k| k.women_rank),
        combined_rank: ranks.map(|k| k.rank),
        activity,
        funding,
        counted,
        flags: Vec::new(),
        override_reason: item.override_reason.clone(),
        activity_id: item.activity.0,
        decisions: Vec::new(),
    };
    Some((row, given))
}

/// The official medium-term plan's ranks of an activity, if the plan holds it.
fn plan_ranks(r: &CycleRecord, activity: i64) -> Option<&CombinedRow> {
    let (_, plan) = r.official_plan()?;
    plan.rows
        .iter()
        .map(|row| &row.ranks)
        .find(|k| k.activity == activity)
}

/// The activity an annual item names, with its recorded funding: this cycle's own, else
/// (a plan carried over from an earlier cycle) as the plan approved it, with the funding
/// last year's record holds for it.
fn annual_activity(r: &CycleRecord, id: i64) -> Option<(ValidActivity, Funding)> {
    if let Some(a) = r.activities.iter().find(|a| a.activity.id.0 == id) {
        return Some((a.activity.fields.clone(), a.funding));
    }
    let (_, plan) = r.official_plan()?;
    let row = plan.rows.iter().find(|row| row.ranks.activity == id)?;
    let funding = r
        .last_year
        .as_ref()
        .and_then(|l| l.activities.iter().find(|a| a.activity.id.0 == id))
        .map(|a| a.funding)
        .unwrap_or_default();
    Some((row.activity.clone(), funding))
}
