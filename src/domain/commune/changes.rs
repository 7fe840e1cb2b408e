//! The commune conference's changes to the villages' asks (issue 14, item 4): each change
//! names a village's activity, what the commune does with it (drop, merge, move to
//! another year, change its quantity, cost or part) and the chair's reason, with the
//! village's answer. [`apply`] puts them on the village's rows; the village's own record
//! is never edited.

use serde::{Deserialize, Serialize};

use super::NeedRow;
use crate::domain::activity::Funding;
use crate::domain::activity::funding::effective;
use crate::domain::annual::Part;

/// What the commune does with a village's activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ChangeKind {
    /// Dropped from the commune's plan.
    Drop,
    /// Merged with another village's identical ask (which stays).
    Merge {
        /// The other village's exchange code.
        village_code: String,
        /// The other activity's id in that village's record.
        activity: i64,
        /// The other village's name and the activity's name, as they stood.
        label: String,
    },
    /// Moved to another year's plan.
    MoveYear(i32),
    /// A new quantity.
    Quantity(f64),
    /// A new estimated cost, in đồng.
    Cost(u64),
    /// Moved to the other part of form 4.
    Part(Part),
}

impl ChangeKind {
    /// Stable code used in storage.
    pub fn code(&self) -> &'static str {
        match self {
            ChangeKind::Drop => "drop",
            ChangeKind::Merge { .. } => "merge",
            ChangeKind::MoveYear(_) => "move_year",
            ChangeKind::Quantity(_) => "quantity",
            ChangeKind::Cost(_) => "cost",
            ChangeKind::Part(_) => "part",
        }
    }

    /// The new value as stored (`None` for a drop).
    pub fn stored_value(&self) -> Option<String> {
        match self {
            ChangeKind::Drop => None,
            ChangeKind::Merge {
                village_code,
                activity,
                label,
            } => Some(format!("{village_code}:{activity}:{label}")),
            ChangeKind::MoveYear(y) => Some(y.to_string()),
            ChangeKind::Quantity(q) => Some(q.to_string()),
            ChangeKind::Cost(c) => Some(c.to_string()),
            ChangeKind::Part(p) => Some(p.code().to_string()),
        }
    }

    /// Reads a stored code and value back.
    pub fn from_stored(code: &str, value: Option<&str>) -> Option<ChangeKind> {
        let value = value.unwrap_or("");
        Some(match code {
            "drop" => ChangeKind::Drop,
            "merge" => {
                let mut it = value.splitn(3, ':');
                ChangeKind::Merge {
                    village_code: it.next()?.to_string(),
                    activity: it.next()?.parse().ok()?,
                    label: it.next().unwrap_or("").to_string(),
                }
            }
            "move_year" => ChangeKind::MoveYear(value.parse().ok()?),
            "quantity" => ChangeKind::Quantity(value.parse().ok()?),
            "cost" => ChangeKind::Cost(value.parse().ok()?),
            "part" => ChangeKind::Part(Part::from_code(value)?),
            _ => return None,
        })
    }

    /// Whether the activity leaves this year's totals (dropped, merged or moved).
    pub fn leaves(&self) -> bool {
        matches!(
            self,
            ChangeKind::Drop | ChangeKind::Merge { .. } | ChangeKind::MoveYear(_)
        )
    }

    /// i18n key of the kind's name.
    pub fn label_key(&self) -> &'static str {
        match self {
            ChangeKind::Drop => "conference.kind.drop",
            ChangeKind::Merge { .. } => "conference.kind.merge",
            ChangeKind::MoveYear(_) => "conference.kind.move_year",
            ChangeKind::Quantity(_) => "conference.kind.quantity",
            ChangeKind::Cost(_) => "conference.kind.cost",
            ChangeKind::Part(_) => "conference.kind.part",
        }
    }
}

/// The village's answer at the conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerKind {
    /// The village's representative accepts the change.
    Accepted,
    /// The representative defends the village's plan.
    Defended,
}

impl AnswerKind {
    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            AnswerKind::Accepted => "accepted",
            AnswerKind::Defended => "defended",
        }
    }

    /// Reads a stored code back.
    pub fn from_code(code: &str) -> Option<AnswerKind> {
        match code {
            "accepted" => Some(AnswerKind::Accepted),
            "defended" => Some(AnswerKind::Defended),
            _ => None,
        }
    }

    /// i18n key of the answer's name.
    pub fn label_key(self) -> &'static str {
        match self {
            AnswerKind::Accepted => "conference.answer.accepted",
            AnswerKind::Defended => "conference.answer.defended",
        }
    }
}

/// The village's answer with its representative's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VillageAnswer {
    /// Accepted or defended.
    pub kind: AnswerKind,
    /// What the representative said (may be empty for an acceptance).
    pub words: String,
    /// When it was recorded (UTC, as stored).
    pub at: String,
}

/// One change the commune made to one village's activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Row id.
    pub id: i64,
    /// The village's exchange code.
    pub village_code: String,
    /// The activity's id within the village's record.
    pub activity: i64,
    /// The activity's name as it stood.
    pub activity_name: String,
    /// What the commune does.
    pub kind: ChangeKind,
    /// The chair's reason.
    pub reason: String,
    /// The village's answer, once given.
    pub answer: Option<VillageAnswer>,
    /// When it was recorded (UTC, as stored).
    pub recorded_at: String,
}

/// The approved version standing of the commune plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// Version number, 1 for the first approval.
    pub version: u32,
    /// When it was approved (UTC, as stored).
    pub approved_at: String,
}

/// What the commune conference decided for a year: its changes standing and the
/// commune plan's approval, if approved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Conference {
    /// The changes, in the order recorded.
    pub changes: Vec<Change>,
    /// The approved version standing.
    pub approved: Option<Approval>,
}

impl Conference {
    /// Whether nothing was decided (no change, not approved).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.approved.is_none()
    }
}

/// The value a change replaced, for showing beside the new one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Before {
    /// Nothing is replaced (drop, merge, move).
    Nothing,
    /// The village's quantity.
    Quantity(Option<f64>),
    /// The village's estimated cost, in đồng.
    Cost(Option<u64>),
    /// The village's part.
    Part(Part),
}

/// A change as applied to a row, with what it replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The change.
    pub change: Change,
    /// The value it replaced.
    pub before: Before,
}

/// The changes of the village `code` in the order recorded.
pub fn of_village<'a>(changes: &'a [Change], code: &str) -> Vec<&'a Change> {
    changes.iter().filter(|c| c.village_code == code).collect()
}

/// The cost the commune conference set for the village `code`'s activity (its last cost
/// change standing, in đồng), if it changed it.
pub fn commune_cost(changes: &[Change], code: &str, activity: i64) -> Option<u64> {
    changes
        .iter()
        .rev()
        .filter(|c| c.village_code == code && c.activity == activity)
        .find_map(|c| match c.kind {
            ChangeKind::Cost(cost) => Some(cost),
            _ => None,
        })
}

/// Applies the village's changes to its rows: a new quantity, cost or part replaces the
/// village's (funding derived again), an activity dropped, merged or moved leaves the
/// totals. `given` is each row's recorded funding.
pub(super) fn apply(rows: &mut [NeedRow], given: &[Funding], changes: &[&Change]) {
    for (row, given) in rows.iter_mut().zip(given) {
        let activity = row.activity_id;
        for change in changes.iter().filter(|c| c.activity == activity) {
            let before = apply_one(row, &change.kind);
            row.decisions.push(Decision {
                change: (*change).clone(),
                before,
            });
        }
        if row.decisions.iter().any(|d| d.change.kind.leaves()) {
            row.counted = false;
        }
        row.funding = effective(&row.activity, *given, Some(row.part));
        if row
            .decisions
            .iter()
            .any(|d| matches!(d.change.kind, ChangeKind::Cost(_)))
        {
            cap_asked(row);
        }
    }
}

/// After the commune changed the cost, the budget asked is at most the new cost less the
/// villagers' money (the village's ask was made on its own cost).
fn cap_asked(row: &mut NeedRow) {
    if let Some(cost) = row.activity.estimated_cost_vnd {
        let most = cost.saturating_sub(row.activity.contribution.money_vnd);
        row.funding.budget_asked_vnd = row.funding.budget_asked_vnd.min(most);
    }
}

fn apply_one(row: &mut NeedRow, kind: &ChangeKind) -> Before {
    match kind {
        ChangeKind::Drop | ChangeKind::Merge { .. } | ChangeKind::MoveYear(_) => Before::Nothing,
        ChangeKind::Quantity(q) => Before::Quantity(row.activity.quantity.replace(*q)),
        ChangeKind::Cost(c) => Before::Cost(row.activity.estimated_cost_vnd.replace(*c)),
        ChangeKind::Part(p) => Before::Part(std::mem::replace(&mut row.part, *p)),
    }
}

/// How a village's activities came out of the conference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Activities without a change.
    pub kept: usize,
    /// Activities changed but still in this year's plan.
    pub changed: usize,
    /// Activities dropped, merged or moved to another year.
    pub dropped: usize,
    /// Changes the village accepted.
    pub accepted: usize,
    /// Changes the village defended against.
    pub defended: usize,
}

/// The outcome over one village's rows (changes applied).
pub fn outcome(rows: &[NeedRow]) -> Outcome {
    let mut out = Outcome::default();
    for row in rows {
        if row.decisions.is_empty() {
            out.kept += 1;
        } else if row.decisions.iter().any(|d| d.change.kind.leaves()) {
            out.dropped += 1;
        } else {
            out.changed += 1;
        }
        for d in &row.decisions {
            match d.change.answer.as_ref().map(|a| a.kind) {
                Some(AnswerKind::Accepted) => out.accepted += 1,
                Some(AnswerKind::Defended) => out.defended += 1,
                None => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_as_stored() {
        let kinds = [
            ChangeKind::Drop,
            ChangeKind::Merge {
                village_code: "abc".into(),
                activity: 7,
                label: "Thôn 1 – Lớp: học".into(),
            },
            ChangeKind::MoveYear(2027),
            ChangeKind::Quantity(2.5),
            ChangeKind::Cost(4_500_000),
            ChangeKind::Part(Part::Two),
        ];
        for kind in kinds {
            let value = kind.stored_value();
            let back = ChangeKind::from_stored(kind.code(), value.as_deref());
            assert_eq!(back, Some(kind));
        }
        assert_eq!(ChangeKind::from_stored("cost", Some("nhiều")), None);
        assert_eq!(ChangeKind::from_stored("split", None), None);
    }

    #[test]
    fn the_commune_cost_is_the_last_cost_change_of_that_villages_activity() {
        let change = |code: &str, activity, kind| Change {
            id: 0,
            village_code: String::from(code),
            activity,
            activity_name: String::new(),
            kind,
            reason: String::new(),
            answer: None,
            recorded_at: String::new(),
        };
        let changes = [
            change("a", 1, ChangeKind::Cost(800)),
            change("a", 1, ChangeKind::Quantity(2.0)),
            change("a", 1, ChangeKind::Cost(700)),
            change("b", 1, ChangeKind::Cost(100)),
            change("a", 2, ChangeKind::Drop),
        ];
        assert_eq!(commune_cost(&changes, "a", 1), Some(700));
        assert_eq!(commune_cost(&changes, "b", 1), Some(100));
        assert_eq!(commune_cost(&changes, "a", 2), None);
    }
}
