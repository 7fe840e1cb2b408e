//! [`Store::commune_year`]: every village of a commune with its record of one year, local
//! or imported, listed by one query.

use rusqlite::{Row, params};

use super::record_of;
use crate::domain::commune::{ImportedFrom, PlanSource, VillageYear};
use crate::domain::{CommuneId, CycleId, Village, VillageId, VillageKind};
use crate::store::{Result, Store};

/// One line of the listing: the village, its local cycle of the year, its current import.
struct Line {
    village: Village,
    code: String,
    imported: bool,
    cycle: Option<CycleId>,
    plan: Option<(ImportedFrom, Vec<u8>)>,
}

const LISTING: &str = "
    SELECT v.id, v.commune_id, v.name, v.kind, v.code, v.imported,
           (SELECT c.id FROM cycles c WHERE c.village_id = v.id AND c.year = ?2),
           p.bundle_id, p.sha256, p.imported_at, p.file_name, p.bytes
    FROM villages v
    LEFT JOIN imported_plans p ON p.village_id = v.id AND p.year = ?2 AND p.current = 1
    WHERE v.commune_id = ?1
    ORDER BY v.name, v.id";

impl Store {
    /// Every village of the commune, local or imported, with its record of `year` (local:
    /// its cycle of that year; imported: the current imported record) or `None`; by name.
    pub fn commune_year(&self, commune: CommuneId, year: i32) -> Result<Vec<VillageYear>> {
        let lines = {
            let mut stmt = self.conn.prepare(LISTING)?;
            let rows = stmt.query_map(params![commune.0, year], line)?;
            rows.collect::<rusqlite::Result<Vec<Line>>>()?
        };
        lines.into_iter().map(|l| self.village_year(l)).collect()
    }

    fn village_year(&self, line: Line) -> Result<VillageYear> {
        let (source, record) = match (line.imported, line.cycle, line.plan) {
            (true, _, Some((from, bytes))) => {
                (PlanSource::Imported(from), Some(record_of(&bytes)?))
            }
            (true, _, None) => (PlanSource::Local, None),
            (false, Some(cycle), _) => (PlanSource::Local, Some(self.cycle_record(cycle)?)),
            (false, None, _) => (PlanSource::Local, None),
        };
        Ok(VillageYear {
            village: line.village,
            village_code: line.code,
            source,
            record,
        })
    }
}

fn line(r: &Row) -> rusqlite::Result<Line> {
    let kind: String = r.get(3)?;
    let bundle_id: Option<String> = r.get(7)?;
    let plan = match bundle_id {
        Some(bundle_id) => {
            let sha256: String = r.get(8)?;
            Some((
                ImportedFrom {
                    bundle_id,
                    check_code: crate::export::bundle::check_code(&sha256),
                    imported_at: r.get(9)?,
                    file_name: r.get(10)?,
                },
                r.get(11)?,
            ))
        }
        None => None,
    };
    Ok(Line {
        village: Village {
            id: VillageId(r.get(0)?),
            commune_id: CommuneId(r.get(1)?),
            name: r.get(2)?,
            kind: VillageKind::from_code(&kind).unwrap_or(VillageKind::Thon),
        },
        code: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        imported: r.get(5)?,
        cycle: r.get::<_, Option<i64>>(6)?.map(CycleId),
        plan,
    })
}
