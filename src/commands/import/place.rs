//! How a bundle's commune is found here: by its exchange code, else by its name (case,
//! diacritics and a leading "Xã" ignored; the person confirms), else created. A commune
//! bundle's name matches only within its district (a province has communes of one name
//! in several districts).

use crate::domain::place::{commune_key, district_key};
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
    match_named(store, &bundle.commune_code, &bundle.record.commune, false)
}

/// Matches a commune by `code`, else by the name of `named` (and its district when
/// `same_district` and both districts are known).
pub fn match_named(
    store: &Store,
    code: &str,
    named: &Commune,
    same_district: bool,
) -> Result<CommuneMatch, StoreError> {
    if let Some(c) = store.commune_by_code(code)? {
        return Ok(CommuneMatch::ByCode(c));
    }
    let key = commune_key(&named.name);
    let district = district_key(&named.district);
    let in_district = |c: &Commune| {
        let theirs = district_key(&c.district);
        !same_district || district.is_empty() || theirs.is_empty() || theirs == district
    };
    Ok(store
        .communes()?
        .into_iter()
        .find(|c| commune_key(&c.name) == key && in_district(c))
        .map_or(CommuneMatch::New, CommuneMatch::ByName))
}

/// The name of the matched commune when its years are imported from commune bundles (a
/// village's bundle is then refused: the commune is held whole, from its own file).
pub fn imported_commune(store: &Store, found: &CommuneMatch) -> Result<Option<String>, StoreError> {
    match found {
        CommuneMatch::ByCode(c) | CommuneMatch::ByName(c) => {
            let held = store.commune_held_by_id(c.id)?;
            Ok(held.imported.then(|| c.name.clone()))
        }
        CommuneMatch::New | CommuneMatch::InBatch => Ok(None),
    }
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
