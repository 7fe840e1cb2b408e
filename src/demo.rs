//! The demo village: a realistic Dak Lak planning cycle written through the store, so the
//! demo always shows every step built so far.

use crate::domain::{CycleId, NewCycle, VillageKind};
use crate::store::{Result, Store};

/// Year of the demo cycle (fixed so screens and exports are reproducible).
pub const DEMO_YEAR: i32 = 2026;

/// Name of the demo village.
pub const DEMO_VILLAGE: &str = "Buôn Kram";

/// Writes the demo commune, villages and cycle; returns the demo cycle.
pub fn populate(store: &mut Store) -> Result<CycleId> {
    let commune = store.create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")?;
    let village = store.create_village(commune.id, DEMO_VILLAGE, VillageKind::Buon)?;
    store.create_village(commune.id, "Thôn 3", VillageKind::Thon)?;
    let cycle = store.create_cycle(&NewCycle {
        village_id: village.id,
        year: DEMO_YEAR,
        medium_term_span: 5,
    })?;
    Ok(cycle.id)
}
