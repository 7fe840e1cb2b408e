//! The demo's working-group meeting: every proposed activity scored on the five criteria
//! (scale 1-5), so the draft plan (form 3) has a clear order with one tie.

use super::{Result, run};
use crate::commands::{Command, ScoringCommand};
use crate::domain::CycleId;
use crate::domain::scoring::Criterion;
use crate::store::Store;

/// Scores for the i-th activity: urgency, ease, (women's proposal is prefilled from the
/// activity), self-reliance, fit. Chosen so that infrastructure is urgent but hard, and
/// extension and credit are easy and self-reliant.
fn scores(i: usize) -> [u8; 4] {
    const TABLE: [[u8; 4]; 8] = [
        [5, 2, 2, 4],
        [4, 4, 4, 4],
        [3, 5, 5, 5],
        [5, 3, 3, 4],
        [2, 4, 4, 3],
        [4, 3, 2, 3],
        [3, 3, 4, 5],
        [4, 5, 3, 4],
    ];
    TABLE[(i * 3 + i / 8) % TABLE.len()]
}

/// Scores every activity of the demo cycle (adding an activity prefilled the women's
/// criterion).
pub fn write(store: &mut Store, cycle: CycleId) -> Result<()> {
    let criteria = [
        Criterion::Urgency,
        Criterion::Ease,
        Criterion::LowOutsideDependence,
        Criterion::FitsVillageWays,
    ];
    for (i, activity) in store.activities(cycle)?.iter().enumerate() {
        for (criterion, score) in criteria.iter().zip(scores(i)) {
            let score = ScoringCommand::Score {
                activity: activity.id,
                criterion: *criterion,
                score: Some(score),
            };
            run(store, Command::Scoring(score))?;
        }
    }
    Ok(())
}
