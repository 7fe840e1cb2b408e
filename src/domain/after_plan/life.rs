//! One activity's life in one view: proposed → ranked → selected → assigned →
//! implemented → evaluated, each with its date and what was decided.

use super::Decision;
use crate::domain::MeetingKind;
use crate::domain::annual::AnnualItemId;
use crate::domain::annual::Part;
use crate::domain::record::CycleRecord;

/// A stage of an activity's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Proposed at the situation assessment.
    Proposed,
    /// Ranked in the official medium-term plan.
    Ranked,
    /// Selected into the annual plan.
    Selected,
    /// Assigned by the commune.
    Assigned,
    /// Carried out (progress, acceptance).
    Implemented,
    /// Evaluated by the commune.
    Evaluated,
}

impl Stage {
    /// Every stage in order.
    pub const ALL: [Stage; 6] = [
        Stage::Proposed,
        Stage::Ranked,
        Stage::Selected,
        Stage::Assigned,
        Stage::Implemented,
        Stage::Evaluated,
    ];

    /// i18n key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            Stage::Proposed => "after.life.proposed",
            Stage::Ranked => "after.life.ranked",
            Stage::Selected => "after.life.selected",
            Stage::Assigned => "after.life.assigned",
            Stage::Implemented => "after.life.implemented",
            Stage::Evaluated => "after.life.evaluated",
        }
    }
}

/// What one stage holds for the activity; `reached` is false for a stage not reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifeStage {
    /// The stage.
    pub stage: Stage,
    /// Whether the activity reached it.
    pub reached: bool,
    /// Its date (ISO), when known.
    pub date: Option<String>,
    /// An i18n key of what was decided and its arguments.
    pub detail: Option<(&'static str, Vec<String>)>,
}

impl LifeStage {
    fn new(
        stage: Stage,
        date: Option<String>,
        detail: Option<(&'static str, Vec<String>)>,
    ) -> Self {
        Self {
            stage,
            reached: date.is_some() || detail.is_some(),
            date,
            detail,
        }
    }
}

/// The day of a stored UTC time stamp or date (its first ten characters).
fn day(stamp: &str) -> Option<String> {
    (stamp.len() >= 10 && stamp.is_char_boundary(10)).then(|| stamp[..10].to_string())
}

/// The six stages of one annual-plan item of `record`.
pub fn activity_life(record: &CycleRecord, item: AnnualItemId) -> Vec<LifeStage> {
    let Some(entry) = record.annual.items.iter().find(|i| i.id == item) else {
        return Vec::new();
    };
    let activity = entry.activity;
    let meeting_day = |kind| {
        record
            .meeting_record(kind)
            .and_then(|m| day(&m.date).or_else(|| Some(record.cycle.year.to_string())))
    };
    // A year that carries its medium-term plan over holds the activity but no meeting 1:
    // it was proposed in the year that made the plan.
    let proposed = match record
        .activity(activity)
        .and_then(|_| meeting_day(MeetingKind::Village1))
    {
        Some(day) => LifeStage::new(Stage::Proposed, Some(day), None),
        None => LifeStage::new(
            Stage::Proposed,
            None,
            Some(("after.life.carried", Vec::new())),
        ),
    };
    let ranked = record.official_plan().and_then(|(_, version)| {
        let row = version
            .rows
            .iter()
            .find(|r| r.ranks.activity == activity.0)?;
        let held = record
            .meeting_record(MeetingKind::Village2)
            .and_then(|m| day(&m.date));
        Some((held.or_else(|| day(&version.approved_at)), row.ranks.rank))
    });
    let ranked = match ranked {
        Some((date, rank)) => LifeStage::new(
            Stage::Ranked,
            date,
            Some(("after.life.rank", vec![rank.to_string()])),
        ),
        None => LifeStage::new(Stage::Ranked, None, None),
    };
    let approval = record.annual.approval.as_ref().filter(|a| a.version > 0);
    let part = match entry.part {
        Part::One => "1",
        Part::Two => "2",
    };
    let selected = LifeStage::new(
        Stage::Selected,
        approval.and_then(|a| day(&a.date).or_else(|| day(&a.approved_at))),
        Some(("after.life.part", vec![part.to_string()])),
    );
    let after = &record.after;
    let assigned = match after.assignment(item) {
        Some(a) => LifeStage::new(
            Stage::Assigned,
            day(&a.date),
            Some((a.decision.label_key(), Vec::new())),
        ),
        None => LifeStage::new(Stage::Assigned, None, None),
    };
    let implemented = match (after.acceptance(item), after.last_progress(item)) {
        (Some(acc), _) => LifeStage::new(
            Stage::Implemented,
            day(&acc.date),
            Some((acc.result.label_key(), Vec::new())),
        ),
        (None, Some(p)) => LifeStage::new(
            Stage::Implemented,
            day(&p.date),
            Some(("after.life.percent", vec![p.percent.to_string()])),
        ),
        (None, None) => LifeStage::new(Stage::Implemented, None, None),
    };
    let evaluated = match after.latest_evaluation(item) {
        Some(e) => LifeStage::new(
            Stage::Evaluated,
            day(&e.date),
            Some((e.round.label_key(), Vec::new())),
        ),
        None => LifeStage::new(Stage::Evaluated, None, None),
    };
    let mut stages = vec![proposed, ranked, selected, assigned, implemented, evaluated];
    if after
        .assignment(item)
        .is_some_and(|a| a.decision == Decision::NotFunded)
    {
        stages[4].detail = Some(("after.life.not_funded", Vec::new()));
    }
    stages
}
