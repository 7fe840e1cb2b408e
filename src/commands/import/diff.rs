//! The difference between two plans of one village, for a person deciding a conflict:
//! activities added and dropped, changed fields (and annual parts), ranks moved.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::domain::record::{ActivityRecord, CycleRecord, PlanRowRecord};

/// What an incoming plan changes against the held one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanDiff {
    /// Activities only the incoming plan has.
    pub added: Vec<String>,
    /// Activities only the held plan has.
    pub dropped: Vec<String>,
    /// Fields that differ, activity by activity.
    pub changed: Vec<FieldChange>,
    /// Combined ranks that moved.
    pub moved: Vec<RankMove>,
}

/// One field of one activity that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The activity's name (incoming).
    pub activity: String,
    /// The field's name (as in the bundle).
    pub field: String,
    /// Held value.
    pub before: String,
    /// Incoming value.
    pub after: String,
}

/// A combined rank that moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankMove {
    /// The activity's name.
    pub activity: String,
    /// Held rank.
    pub before: u32,
    /// Incoming rank.
    pub after: u32,
}

impl PlanDiff {
    /// Whether the two plans are the same.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.dropped.is_empty()
            && self.changed.is_empty()
            && self.moved.is_empty()
    }
}

/// The difference of the plans `held` and `incoming` carry.
pub fn diff(held: &CycleRecord, incoming: &CycleRecord) -> PlanDiff {
    let (old, new) = (activities(held), activities(incoming));
    let mut out = PlanDiff {
        added: names_missing(&new, &old),
        dropped: names_missing(&old, &new),
        ..PlanDiff::default()
    };
    for (id, (name, fields)) in &new {
        if let Some((_, before)) = old.get(id) {
            out.changed.extend(field_changes(name, before, fields));
        }
    }
    let (old_ranks, new_ranks) = (ranks(held), ranks(incoming));
    for (name, (rank, men, women)) in &new_ranks {
        let Some((before, old_men, old_women)) = old_ranks.get(name) else {
            continue;
        };
        if rank != before {
            out.moved.push(RankMove {
                activity: name.clone(),
                before: *before,
                after: *rank,
            });
        }
        for (field, a, b) in [("men_rank", old_men, men), ("women_rank", old_women, women)] {
            if a != b {
                out.changed
                    .push(change(name, field, &a.to_string(), &b.to_string()));
            }
        }
    }
    out
}

/// Each kept activity by id: its name and its fields (with funding and annual part).
fn activities(record: &CycleRecord) -> BTreeMap<i64, (String, BTreeMap<String, Value>)> {
    record
        .activities
        .iter()
        .filter(|a| a.merged_into.is_none())
        .map(|a| {
            (
                a.activity.id.0,
                (a.activity.fields.name.clone(), fields(record, a)),
            )
        })
        .collect()
}

fn fields(record: &CycleRecord, a: &ActivityRecord) -> BTreeMap<String, Value> {
    let mut map: BTreeMap<String, Value> = match serde_json::to_value(&a.activity.fields) {
        Ok(Value::Object(m)) => m.into_iter().collect(),
        Ok(_) | Err(_) => BTreeMap::new(),
    };
    map.insert(
        "funding".into(),
        serde_json::to_value(a.funding).unwrap_or(Value::Null),
    );
    let part = record
        .annual
        .items
        .iter()
        .find(|i| i.activity == a.activity.id)
        .map(|i| serde_json::to_value(i.part).unwrap_or(Value::Null));
    map.insert("annual_part".into(), part.unwrap_or(Value::Null));
    map
}

fn names_missing(
    from: &BTreeMap<i64, (String, BTreeMap<String, Value>)>,
    other: &BTreeMap<i64, (String, BTreeMap<String, Value>)>,
) -> Vec<String> {
    from.iter()
        .filter(|(id, _)| !other.contains_key(id))
        .map(|(_, (name, _))| name.clone())
        .collect()
}

fn field_changes(
    name: &str,
    before: &BTreeMap<String, Value>,
    after: &BTreeMap<String, Value>,
) -> Vec<FieldChange> {
    after
        .iter()
        .filter(|(key, value)| before.get(*key) != Some(*value))
        .map(|(key, value)| {
            let old = before.get(key).map(text).unwrap_or_default();
            change(name, key, &old, &text(value))
        })
        .collect()
}

fn change(activity: &str, field: &str, before: &str, after: &str) -> FieldChange {
    FieldChange {
        activity: activity.into(),
        field: field.into(),
        before: before.into(),
        after: after.into(),
    }
}

/// A value as a person reads it: text without quotes, anything else as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The combined, men's and women's ranks of the plan's latest version, by activity name.
fn ranks(record: &CycleRecord) -> BTreeMap<String, (u32, u32, u32)> {
    let versions = match &record.carried_plan {
        Some(c) if record.plan_versions.is_empty() => &c.versions,
        _ => &record.plan_versions,
    };
    let rows: &[PlanRowRecord] = versions.last().map_or(&[], |v| v.rows.as_slice());
    rows.iter()
        .map(|r| {
            let k = &r.ranks;
            (r.activity_name.clone(), (k.rank, k.men_rank, k.women_rank))
        })
        .collect()
}
