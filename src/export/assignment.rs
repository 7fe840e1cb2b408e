//! The commune's assignment bundle ("Giao kế hoạch", phase 3): what the commune assigned
//! for each approved annual activity of one village's plan, sent back to the village in
//! the bundle family's file shape (`{content, schema_version, sha256}`, content `kind`
//! "assignment", the check code printed as for plans). It names the plan version it
//! assigns, so a village whose plan has moved on refuses it. Pure: the caller gives the
//! plan and the assignments, and writes the file.

use serde::{Deserialize, Serialize};

use super::bundle::{
    BUNDLE_SCHEMA_VERSION, PlanIdentity, Stamp, annual_identity, check_code, content_sha256,
    file_bytes,
};
use super::file_stem;
use crate::domain::Commune;
use crate::domain::activity::ActivityId;
use crate::domain::after_plan::AssignedItem;
use crate::domain::record::CycleRecord;

/// What an assignment bundle is, beside a village's plan bundle (`kind` is absent there).
pub const ASSIGNMENT_KIND: &str = "assignment";

/// One assigned activity: its name as the village wrote it, and the commune's assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentLine {
    /// The activity's name (to show; the ids identify it).
    pub activity_name: String,
    /// The item's and activity's ids in the village's record, and the assignment.
    pub item: AssignedItem,
}

/// The commune's assignment of one village's approved annual plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentBundle {
    /// Always [`BUNDLE_SCHEMA_VERSION`] for bundles this build writes.
    pub schema_version: u32,
    /// Always [`ASSIGNMENT_KIND`].
    pub kind: String,
    /// This bundle's id (UUID v4).
    pub bundle_id: String,
    /// Version of kehoach that wrote it.
    pub app_version: String,
    /// When it was made, RFC 3339 with the laptop's UTC offset.
    pub created_at: String,
    /// Stable code of the commune.
    pub commune_code: String,
    /// The commune.
    pub commune: Commune,
    /// Stable code of the village.
    pub village_code: String,
    /// The village's name.
    pub village: String,
    /// The planning year.
    pub year: i32,
    /// The village's approved annual plan version that was assigned.
    pub plan: PlanIdentity,
    /// The assigned activities, in the plan's order.
    pub lines: Vec<AssignmentLine>,
}

impl AssignmentBundle {
    /// The bundle of `items` assigned on `record`'s approved annual plan (`None`: the plan
    /// is not approved, so nothing can be assigned).
    pub fn new(
        (commune, commune_code): (Commune, String),
        record: &CycleRecord,
        items: Vec<AssignedItem>,
        stamp: &Stamp,
    ) -> Option<AssignmentBundle> {
        let plan = annual_identity(record)?;
        let name = |a: &AssignedItem| {
            record
                .activity(ActivityId(a.activity))
                .map(|r| r.activity.fields.name.clone())
                .unwrap_or_default()
        };
        Some(AssignmentBundle {
            schema_version: BUNDLE_SCHEMA_VERSION,
            kind: ASSIGNMENT_KIND.to_string(),
            bundle_id: stamp.bundle_id.to_string(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            created_at: stamp
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            commune_code,
            commune,
            village_code: record.village_code.clone(),
            village: record.village.name.clone(),
            year: record.cycle.year,
            plan,
            lines: items
                .into_iter()
                .map(|item| AssignmentLine {
                    activity_name: name(&item),
                    item,
                })
                .collect(),
        })
    }

    /// The hex SHA-256 of the canonical content.
    pub fn sha256(&self) -> String {
        content_sha256(self)
    }

    /// The check code printed on paper: "1A2B-3C4D".
    pub fn check_code(&self) -> String {
        check_code(&self.sha256())
    }

    /// The file: canonical JSON of `{content, schema_version, sha256}`, as every bundle.
    pub fn to_bytes(&self) -> Vec<u8> {
        file_bytes(self, self.schema_version)
    }

    /// The file's name: `<village>-<year>-giao-ke-hoach.json`.
    pub fn file_name(&self) -> String {
        format!("{}-giao-ke-hoach.json", file_stem(&self.village, self.year))
    }
}
