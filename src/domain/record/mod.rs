//! The whole record of one planning cycle of one village, exactly as the store holds it:
//! every table the cycle owns, row by row, with the database's own identifiers. The store
//! builds it (`Store::cycle_record`), the exchange bundle carries it, and the forms are
//! made from it. Pure data: no rule is applied here, nothing is dropped or recomputed.
//!
//! Identifiers (`id`, `person_id`, `activity_id` ...) are those of the laptop that wrote
//! the record; they tie the rows together inside one record. Across laptops the village
//! and commune are named by their stable codes.

mod rows;

use serde::{Deserialize, Serialize};

pub use rows::{
    AnnualItemRecord, ApprovalRecord, CellScore, FacilitatorRecord, FigureRecord, FindingRecord,
    GroupRecord, MeetingRecord, PlanRowRecord, PlanVersionRecord, RegisterEntry, ReviewRecord,
    ScoringSettingsRecord, VoteEntry, WorkingGroupRecord,
};

use super::activity::{Activity, ActivityId, Funding};
use super::after_plan::AfterPlanRecord;
use super::annual::{YearSummary, rank_by_part};
use super::scoring::{Criterion, MatrixRow, RankedRow};
use super::subgroup::SubGroup;
use super::{Commune, Cycle, MeetingKind, Person, PersonId, Village};

/// One cycle of one village, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CycleRecord {
    /// The commune.
    pub commune: Commune,
    /// The commune's stable exchange code.
    pub commune_code: String,
    /// The village.
    pub village: Village,
    /// The village's stable exchange code.
    pub village_code: String,
    /// The cycle.
    pub cycle: Cycle,
    /// Why the cycle was last reopened after closing, if it was.
    pub cycle_reopen_reason: Option<String>,
    /// The village's basic figures (forms 1-2), by key.
    pub figures: Vec<FigureRecord>,
    /// The commune's facilitation team.
    pub facilitators: Vec<FacilitatorRecord>,
    /// Every person the cycle names (registers, working group, sub-groups), by id.
    pub people: Vec<Person>,
    /// The cycle's meetings (1, 2, annual approval) with their registers, by id.
    pub meetings: Vec<MeetingRecord>,
    /// The working group elected at meeting 1, once its election was opened.
    pub working_group: Option<WorkingGroupRecord>,
    /// The assessment.
    pub assessment: AssessmentRecord,
    /// Every proposed activity, merged duplicates included, by id.
    pub activities: Vec<ActivityRecord>,
    /// Scoring: the working group's matrix and the raw votes of meeting 2.
    pub scoring: ScoringRecord,
    /// The medium-term plan versions approved in this cycle, oldest first.
    pub plan_versions: Vec<PlanVersionRecord>,
    /// The medium-term plan in force when it was made by an earlier cycle of the period.
    pub carried_plan: Option<CarriedPlan>,
    /// The annual plan and its approval.
    pub annual: AnnualRecord,
    /// Last year's annual plan, which this cycle's review evaluates.
    pub last_year: Option<LastYearPlan>,
    /// What happened after this cycle's annual plan was approved (phases 3-5).
    #[serde(default, skip_serializing_if = "AfterPlanRecord::is_empty")]
    pub after: AfterPlanRecord,
}

/// The assessment: PRA tools, sub-groups and findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentRecord {
    /// Catalogue codes of the PRA tools chosen for the cycle.
    pub tools: Vec<String>,
    /// Sub-groups with their members, themes and tools, by id.
    pub subgroups: Vec<SubGroup>,
    /// Findings per sub-group and tool, by id.
    pub findings: Vec<FindingRecord>,
}

/// A stored activity with what only the record keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityRecord {
    /// The activity.
    pub activity: Activity,
    /// The activity it was merged into as a duplicate, if any.
    pub merged_into: Option<ActivityId>,
    /// Funding as given (missing values are derived by the forms).
    pub funding: Funding,
}

/// Scoring settings, the working group's matrix and meeting 2's groups and votes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoringRecord {
    /// The settings, once scoring was opened.
    pub settings: Option<ScoringSettingsRecord>,
    /// Matrix scores by activity and criterion.
    pub matrix: Vec<CellScore>,
    /// The men's and women's groups of meeting 2.
    pub groups: Vec<GroupRecord>,
    /// Each group's votes or positions, as typed.
    pub entries: Vec<VoteEntry>,
}

/// A medium-term plan approved by an earlier cycle of the same period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CarriedPlan {
    /// Id of the cycle that made it.
    pub cycle_id: i64,
    /// Its year.
    pub year: i32,
    /// Its meeting-2 groups (for the plan's form).
    pub groups: Vec<GroupRecord>,
    /// Its approved versions, oldest first.
    pub versions: Vec<PlanVersionRecord>,
}

/// The annual plan (form 4) of the cycle.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnnualRecord {
    /// Selected activities with their part, by id.
    pub items: Vec<AnnualItemRecord>,
    /// The activities the items name that an earlier cycle of the period proposed (a
    /// year carrying the medium-term plan over selects from it), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_activities: Vec<ActivityRecord>,
    /// Form-4 scores by item and criterion.
    pub scores: Vec<CellScore>,
    /// Reviews of last year's items.
    pub reviews: Vec<ReviewRecord>,
    /// The year's general review as typed, once opened.
    pub summary: Option<YearSummary>,
    /// The approval, once opened.
    pub approval: Option<ApprovalRecord>,
}

/// Last year's annual plan as this cycle's review sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastYearPlan {
    /// Id of last year's cycle.
    pub cycle_id: i64,
    /// Its year.
    pub year: i32,
    /// Its selected activities with their part.
    pub items: Vec<AnnualItemRecord>,
    /// The activities those items name.
    pub activities: Vec<ActivityRecord>,
    /// What was recorded after last year's plan (assignment, implementation,
    /// evaluations), which this year's review starts from.
    #[serde(default, skip_serializing_if = "AfterPlanRecord::is_empty")]
    pub after: AfterPlanRecord,
}

impl CycleRecord {
    /// The meeting of one kind, if it was opened.
    pub fn meeting_record(&self, kind: MeetingKind) -> Option<&MeetingRecord> {
        self.meetings.iter().find(|m| m.kind == kind)
    }

    /// A person the record names.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// One of this cycle's activities, or one its annual plan carries from the period.
    pub fn activity(&self, id: ActivityId) -> Option<&ActivityRecord> {
        self.activities
            .iter()
            .chain(&self.annual.carried_activities)
            .find(|a| a.activity.id == id)
    }

    /// The latest approved medium-term plan in force (made here or carried over) with
    /// the year that made it.
    pub fn official_plan(&self) -> Option<(i32, &PlanVersionRecord)> {
        match self.plan_versions.last() {
            Some(v) => Some((self.cycle.year, v)),
            None => self
                .carried_plan
                .as_ref()
                .and_then(|c| c.versions.last().map(|v| (c.year, v))),
        }
    }

    /// Form 4's ranking of the annual items: each part ranked on its own, part 1 first.
    pub fn annual_ranking(&self) -> Vec<RankedRow> {
        let items = &self.annual.items;
        let rows = matrix_rows(items.iter().map(|i| i.id.0), &self.annual.scores);
        rank_by_part(&rows, |key| {
            items.iter().find(|i| i.id.0 == key).map(|i| i.part)
        })
    }

    /// The meeting-2 groups of the plan in force.
    pub fn official_plan_groups(&self) -> &[GroupRecord] {
        match (&self.plan_versions.last(), &self.carried_plan) {
            (None, Some(c)) => &c.groups,
            _ => &self.scoring.groups,
        }
    }
}

/// Matrix rows of `keys` from their cell scores, in `Criterion::ALL` order.
pub fn matrix_rows(keys: impl Iterator<Item = i64>, cells: &[CellScore]) -> Vec<MatrixRow> {
    keys.map(|key| MatrixRow {
        activity: key,
        scores: Criterion::ALL.map(|c| {
            cells
                .iter()
                .find(|s| s.row == key && s.criterion == c)
                .map(|s| s.score)
        }),
    })
    .collect()
}

impl CycleRecord {
    /// Whether a person holds an elected office in the cycle (working-group member or
    /// leader, sub-group leader): their names stay under the privacy option.
    pub fn holds_office(&self, id: PersonId) -> bool {
        let wg = self.working_group.as_ref();
        wg.is_some_and(|g| g.members.contains(&id) || g.leader == Some(id))
            || self
                .assessment
                .subgroups
                .iter()
                .any(|s| s.leader == Some(id))
    }

    /// The same record with the names of everyone but elected office holders left out
    /// (empty), including villagers in a work's groups and the households named in its
    /// ledger; every other fact, and so every count, is kept.
    pub fn without_personal_details(&self) -> CycleRecord {
        let mut record = self.clone();
        for p in &mut record.people {
            if !self.holds_office(p.id) {
                p.name.clear();
            }
        }
        for m in &mut record.after.members {
            if m.person.is_some_and(|p| !self.holds_office(p)) {
                m.name.clear();
            }
        }
        for r in &mut record.after.receipts {
            if r.source == super::activity::FundingSource::People {
                r.from.clear();
            }
        }
        record
    }
}
