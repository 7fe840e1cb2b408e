//! How a bundle's commune is found here: by its exchange code, else by its name (case,
//! diacritics and a leading "Xã" ignored; the person confirms), else created.

use crate::domain::place::commune_key;
use crate::domain::{Commune, CommuneId};
use crate::export::bundle::Bundle;
use crate::store::{Store, StoreError};

/// How a bundle's commune matches one of this database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommuneMatch {
    /// The same exchange code.
    ByCode(Commune),
    /// The same name (the dry run asks the person to confirm).
    ByName(Commune),
    /// None: it is created with the bundle's code and name.
    New,
    /// None yet: an earlier file of the same batch creates it.
    InBatch,
}

/// Matches the bundle's commune by code, else by name.
pub fn match_commune(store: &Store, bundle: &Bundle) -> Result<CommuneMatch, StoreError> {
    if let Some(c) = store.commune_by_code(&bundle.commune_code)? {
        return Ok(CommuneMatch::ByCode(c));
    }
    let key = commune_key(&bundle.record.commune.name);
    Ok(store
        .communes()?
        .into_iter()
        .find(|c| commune_key(&c.name) == key)
        .map_or(CommuneMatch::New, CommuneMatch::ByName))
}

/// The commune to file the bundle's village under, created when none matched.
pub fn commune_for(
    store: &mut Store,
    found: &CommuneMatch,
    bundle: &Bundle,
) -> Result<CommuneId, StoreError> {
    match found {
        CommuneMatch::ByCode(c) | CommuneMatch::ByName(c) => Ok(c.id),
        CommuneMatch::InBatch | CommuneMatch::New => {
            if let Some(c) = store.commune_by_code(&bundle.commune_code)? {
                return Ok(c.id);
            }
            let c = &bundle.record.commune;
            store.create_imported_commune(&c.name, &c.district, &c.province, &bundle.commune_code)
        }
    }
}
