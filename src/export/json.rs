//! The JSON bundle: `{ schema_version, sha256, content }`, where `sha256` is the hex
//! SHA-256 of the canonical form of `content` (compact JSON with object keys sorted), so
//! a commune copy of kehoach can import it and detect any change.

use serde::{Deserialize, Serialize};

use super::ExportError;
use super::bundle::{canonical, hex_sha256};
use super::snapshot::{CycleSnapshot, SNAPSHOT_SCHEMA_VERSION};

#[derive(Serialize, Deserialize)]
struct Bundle {
    schema_version: u32,
    sha256: String,
    content: serde_json::Value,
}

/// The bundle of a snapshot as compact UTF-8 JSON.
pub fn to_json(snapshot: &CycleSnapshot) -> Vec<u8> {
    let content = serde_json::to_value(snapshot).unwrap_or(serde_json::Value::Null);
    let bundle = Bundle {
        schema_version: snapshot.schema_version,
        sha256: hex_sha256(&canonical(&content)),
        content,
    };
    serde_json::to_vec(&bundle).unwrap_or_default()
}

/// Reads a bundle back, refusing it when its checksum does not match its content or it
/// comes from a newer kehoach.
pub fn read_json(bytes: &[u8]) -> Result<CycleSnapshot, ExportError> {
    let bundle: Bundle =
        serde_json::from_slice(bytes).map_err(|e| ExportError::Malformed(e.to_string()))?;
    if bundle.schema_version > SNAPSHOT_SCHEMA_VERSION {
        return Err(ExportError::NewerSchema {
            found: bundle.schema_version,
            supported: SNAPSHOT_SCHEMA_VERSION,
        });
    }
    if hex_sha256(&canonical(&bundle.content)) != bundle.sha256 {
        return Err(ExportError::Checksum);
    }
    let snapshot: CycleSnapshot = serde_json::from_value(bundle.content)
        .map_err(|e| ExportError::Malformed(e.to_string()))?;
    if snapshot.schema_version != bundle.schema_version {
        return Err(ExportError::Malformed("schema versions disagree".into()));
    }
    Ok(snapshot)
}
