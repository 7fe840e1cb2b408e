//! Meeting 2's view model, read from the store: the draft's activities in draft order,
//! each group's details and result, the settings, the combined ranking and the plan state.
//! Reads only; the screen never writes through it.

use crate::domain::CycleId;
use crate::domain::scoring::{
    ActivityKey, Combined, Group, GroupInput, GroupResult, InputMode, combine, draft_ranks,
    rank_matrix,
};
use crate::store::{GroupInfo, ScoringSettings, Store, StoreError};

/// One activity of the draft plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    /// The activity.
    pub key: ActivityKey,
    /// Its name.
    pub name: String,
    /// Its rank in the working group's draft.
    pub draft_rank: u32,
}

/// One group's details and entered result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupData {
    /// Which group.
    pub group: Group,
    /// Members, votes each, recorder.
    pub info: GroupInfo,
    /// Votes or positions as stored, in the group's input mode.
    pub result: GroupResult,
}

impl GroupData {
    /// The value entered for `key` (votes or position), if any.
    pub fn value(&self, key: ActivityKey) -> Option<u32> {
        let entries = match &self.result.input {
            GroupInput::Votes { counts, .. } => counts,
            GroupInput::Ranking { positions } => positions,
        };
        entries.iter().find(|(k, _)| *k == key).map(|&(_, v)| v)
    }

    /// The input mode used.
    pub fn mode(&self) -> InputMode {
        self.result.mode()
    }

    /// Sum of the votes entered (vote mode; 0 for a ranking).
    pub fn total_votes(&self) -> u64 {
        match &self.result.input {
            GroupInput::Votes { counts, .. } => counts.iter().map(|&(_, v)| u64::from(v)).sum(),
            GroupInput::Ranking { .. } => 0,
        }
    }

    /// The vote counts entered (empty for a ranking).
    pub fn vote_counts(&self) -> Vec<u32> {
        match &self.result.input {
            GroupInput::Votes { counts, .. } => counts.iter().map(|&(_, v)| v).collect(),
            GroupInput::Ranking { .. } => Vec::new(),
        }
    }

    /// How many activities have a value.
    pub fn entered(&self) -> usize {
        match &self.result.input {
            GroupInput::Votes { counts, .. } => counts.len(),
            GroupInput::Ranking { positions } => positions.len(),
        }
    }
}

/// Everything meeting 2's group and results sections show.
#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    /// The cycle.
    pub cycle: CycleId,
    /// Scoring settings (method, input modes, locked, frozen).
    pub settings: ScoringSettings,
    /// The draft's activities in draft order.
    pub rows: Vec<DraftRow>,
    /// The men's group.
    pub men: GroupData,
    /// The women's group.
    pub women: GroupData,
    /// The combined ranking with the chosen method.
    pub combined: Combined,
    /// The latest approved plan version, if any.
    pub version: Option<u32>,
    /// Men and women on meeting 2's register (each group's size before it is typed).
    pub present: crate::domain::Tally,
    /// How many of the draft's activities lack a field the plan requires.
    pub missing_fields: usize,
}

impl Data {
    /// Reads the view model of `cycle`.
    pub fn load(store: &Store, cycle: CycleId) -> Result<Self, StoreError> {
        let settings = store.scoring_settings(cycle)?;
        let rows = draft_rows(store, cycle)?;
        let men = group_data(store, cycle, Group::Men)?;
        let women = group_data(store, cycle, Group::Women)?;
        let draft: Vec<(ActivityKey, u32)> = rows.iter().map(|r| (r.key, r.draft_rank)).collect();
        let combined = combine(&men.result, &women.result, &draft, settings.method);
        let version = store.plan_versions(cycle)?.last().copied();
        let present = match store.find_meeting(cycle, crate::domain::MeetingKind::Village2)? {
            Some(m) => store.live_tally(m.id)?,
            None => crate::domain::Tally::default(),
        };
        let missing_fields = store
            .activities(cycle)?
            .iter()
            .filter(|a| !a.fields.missing_plan_fields().is_empty())
            .count();
        Ok(Data {
            cycle,
            settings,
            rows,
            men,
            women,
            combined,
            version,
            present,
            missing_fields,
        })
    }

    /// How many of the group's gender are on the register.
    pub fn present(&self, group: Group) -> u32 {
        match group {
            Group::Men => self.present.men,
            Group::Women => self.present.women,
        }
    }

    /// The group's data.
    pub fn group(&self, group: Group) -> &GroupData {
        match group {
            Group::Men => &self.men,
            Group::Women => &self.women,
        }
    }

    /// The activities' keys in draft order.
    pub fn keys(&self) -> Vec<ActivityKey> {
        self.rows.iter().map(|r| r.key).collect()
    }

    /// The name of an activity.
    pub fn name(&self, key: ActivityKey) -> &str {
        self.rows
            .iter()
            .find(|r| r.key == key)
            .map_or("", |r| r.name.as_str())
    }

    /// The 1-based number of an activity in draft order.
    pub fn number(&self, key: ActivityKey) -> usize {
        self.rows
            .iter()
            .position(|r| r.key == key)
            .map_or(0, |i| i + 1)
    }
}

/// The draft's activities in draft order (unscored activities last, as proposed).
pub fn draft_rows(store: &Store, cycle: CycleId) -> Result<Vec<DraftRow>, StoreError> {
    let ranks = draft_ranks(&rank_matrix(&store.matrix_rows(cycle)?));
    let activities = store.activities(cycle)?;
    let name_of = |key: ActivityKey| {
        activities
            .iter()
            .find(|a| a.id.0 == key)
            .map(|a| a.fields.name.clone())
            .unwrap_or_default()
    };
    Ok(ranks
        .into_iter()
        .map(|(key, draft_rank)| DraftRow {
            key,
            name: name_of(key),
            draft_rank,
        })
        .collect())
}

fn group_data(store: &Store, cycle: CycleId, group: Group) -> Result<GroupData, StoreError> {
    Ok(GroupData {
        group,
        info: store.group_info(cycle, group)?,
        result: store.group_result(cycle, group)?,
    })
}

/// The combined ranking as the store holds it now (what approving freezes).
pub fn current_combined(store: &Store, cycle: CycleId) -> Result<Combined, StoreError> {
    Data::load(store, cycle).map(|d| d.combined)
}
