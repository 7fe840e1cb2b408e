//! The demo's working-group meeting: every proposed activity scored on the five criteria
//! (scale 1-5), so the draft plan (form 3) has a clear order with one tie.

use crate::domain::CycleId;
use crate::domain::scoring::Criterion;
use crate::store::{Result, Store};

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

/// Prefills the women's criterion and scores every activity of the demo cycle.
pub fn write(store: &mut Store, cycle: CycleId) -> Result<()> {
    store.prefill_womens_proposal(cycle)?;
    let criteria = [
        Criterion::Urgency,
        Criterion::Ease,
        Criterion::LowOutsideDependence,
        Criterion::FitsVillageWays,
    ];
    for (i, activity) in store.activities(cycle)?.iter().enumerate() {
        for (criterion, score) in criteria.iter().zip(scores(i)) {
            store.set_matrix_score(activity.id, *criterion, Some(score))?;
        }
    }
    Ok(())
}
