//! The funding of an activity (source, amount asked from the budget): written here, read
//! with the whole record.

use rusqlite::params;

use super::super::audit::record;
use super::super::{Result, Store, StoreError};
use crate::domain::activity::{ActivityId, Funding};

impl Store {
    /// Records who pays for an activity and what it asks from the budget (`None` values:
    /// not given, derived on the forms). Audit-logged; refused in a closed cycle.
    pub fn set_activity_funding(&mut self, id: ActivityId, funding: Funding) -> Result<()> {
        let source = funding.source.map(|s| s.code().to_string());
        let asked = funding
            .budget_asked_vnd
            .map(i64::try_from)
            .transpose()
            .map_err(|_| StoreError::Refused("activity.error.money_too_large"))?;
        self.edit(|tx| {
            let (old_source, old_asked): (Option<String>, Option<i64>) = tx.query_row(
                "SELECT funding_source, budget_asked_vnd FROM activities WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            tx.execute(
                "UPDATE activities SET funding_source = ?1, budget_asked_vnd = ?2 WHERE id = ?3",
                params![source, asked, id.0],
            )?;
            let text = |v: Option<i64>| v.map(|v| v.to_string());
            record(
                tx,
                "activity",
                id.0,
                "funding_source",
                old_source.as_deref(),
                source.as_deref(),
            )?;
            record(
                tx,
                "activity",
                id.0,
                "budget_asked_vnd",
                text(old_asked).as_deref(),
                text(asked).as_deref(),
            )?;
            Ok(())
        })
    }
}
