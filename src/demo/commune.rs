//! The demo's commune year: Ea Tiêu's 2026 combines both demo villages (Buôn Kram's
//! approved plan; Thôn 3's, not yet approved, shown and not counted), and the commune
//! conference has already asked Buôn Kram to build its small dam for less: the chair's
//! reason and the village's acceptance are on record, and the commune plan is still open.
//! The commune then assigns Buôn Kram's approved 2026 plan back to it on the cost it set
//! (written with the after-plan records, `after_plan::write`, through the commune's
//! assignment command); Thôn 3's 2026 plan is not approved, so it cannot be assigned yet.

use super::{Result, created, run};
use crate::commands::{Command, ConferenceCommand};
use crate::domain::CycleId;
use crate::domain::commune::{AnswerKind, ChangeKind};
use crate::store::{Store, StoreError};

/// The part-2 activity the conference changes.
const DAM: &str = "Xây đập dâng nhỏ trên suối Ea Tiêu";

/// Records the conference's change to Buôn Kram's dam and the village's answer.
pub fn write(store: &mut Store, cycle: CycleId) -> Result<()> {
    let record = store.cycle_record(cycle)?;
    let dam = record
        .activities
        .iter()
        .find(|a| a.activity.fields.name == DAM)
        .ok_or(StoreError::NotFound)?;
    let change = ConferenceCommand::Record {
        commune: record.commune.id,
        year: record.cycle.year,
        village_code: record.village_code.clone(),
        activity: dam.activity.id.0,
        kind: ChangeKind::Cost(700_000_000),
        reason: "Vốn huyện năm 2026 cho thuỷ lợi nhỏ chỉ còn 700 triệu; xã đề nghị buôn \
                 làm đập bằng đá hộc tại chỗ và góp thêm công"
            .into(),
    };
    let change = created(store, Command::Conference(change))?;
    let answer = ConferenceCommand::Answer {
        change,
        answer: AnswerKind::Accepted,
        words: "Trưởng buôn đồng ý: buôn góp thêm 200 ngày công và đá hộc".into(),
    };
    run(store, Command::Conference(answer)).map(drop)
}
