//! The exchange bundle (schema 4; 3 before the after-plan records): the whole [`CycleRecord`] of one village's cycle with
//! the identity the commune needs to file it: a bundle id, the stable codes of the
//! village and commune, the year, each plan's version id and the version it replaces, the
//! app version and the creation time with its UTC offset.
//!
//! On disk: `{"content": <Bundle>, "schema_version": 4, "sha256": <hex>}`, where `sha256`
//! is the SHA-256 of the canonical JSON of `content` ([`canonical`]: compact, object keys
//! sorted, whatever serde_json's features). The first 8 hex digits are the check code
//! printed on paper ("Mã kiểm tra: 1A2B-3C4D"), so a signed copy can be matched with the
//! file. The commune import calls [`read`]; `kehoach check` calls [`inspect`], which also
//! reads the older schemas 1 and 2 (a [`CycleSnapshot`]). Schema 4 added what happened
//! after the plan (`CycleRecord::after`); a schema-3 file reads with none.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::assignment::{ASSIGNMENT_KIND, AssignmentBundle};
use super::commune::{COMMUNE_KIND, CommuneBundle};
use super::district::{DISTRICT_KIND, DistrictBundle};
use super::snapshot::CycleSnapshot;
use crate::domain::record::CycleRecord;

/// Schema of the bundles this build writes.
pub const BUNDLE_SCHEMA_VERSION: u32 = 4;

/// The first schema carrying the whole cycle record (older ones are plan snapshots).
pub const FIRST_RECORD_SCHEMA: u32 = 3;

/// One cycle packed for exchange.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always [`BUNDLE_SCHEMA_VERSION`] for bundles this build writes.
    pub schema_version: u32,
    /// This bundle's id (UUID v4): the same file sent twice has the same id.
    pub bundle_id: String,
    /// Version of kehoach that wrote it.
    pub app_version: String,
    /// When it was made, RFC 3339 with the laptop's UTC offset.
    pub created_at: String,
    /// Stable code of the commune.
    pub commune_code: String,
    /// Stable code of the village.
    pub village_code: String,
    /// The cycle's year.
    pub year: i32,
    /// Whether names of people other than elected office holders were left out.
    pub private: bool,
    /// The approved plans the bundle carries, with their version ids.
    pub plans: Vec<PlanIdentity>,
    /// The whole cycle.
    pub record: CycleRecord,
}

/// Which plan a [`PlanIdentity`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanKind {
    /// The medium-term plan (approved at meeting 2).
    MediumTerm,
    /// The annual plan (form 4, approved at the approval meeting).
    Annual,
}

/// The identity of one approved plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanIdentity {
    /// Which plan.
    pub kind: PlanKind,
    /// Year of the cycle that made it.
    pub made_in_year: i32,
    /// Version number, from 1.
    pub version: u32,
    /// Stable id: `<village code>/<year>/<mt|annual>/v<version>`.
    pub version_id: String,
    /// Id of the version it replaces, if any.
    pub replaces: Option<String>,
    /// When it was approved (UTC, as stored).
    pub approved_at: String,
}

/// The id and time a new bundle is stamped with (the caller makes them, so building a
/// bundle stays a pure function).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Bundle id.
    pub bundle_id: uuid::Uuid,
    /// Creation time with the local UTC offset.
    pub created_at: DateTime<FixedOffset>,
}

impl Stamp {
    /// A fresh random id and the current local time.
    pub fn now() -> Stamp {
        Stamp {
            bundle_id: uuid::Uuid::new_v4(),
            created_at: chrono::Local::now().fixed_offset(),
        }
    }
}

/// Why a file is not a sound bundle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// Not JSON at all.
    #[error("not JSON")]
    NotJson,
    /// JSON, but not shaped like a kehoach bundle of its schema.
    #[error("not a kehoach bundle")]
    NotABundle,
    /// The content does not match its checksum.
    #[error("checksum mismatch")]
    Checksum,
    /// Written by a newer kehoach.
    #[error("schema {found} is newer than {supported}")]
    NewerSchema {
        /// Schema in the file.
        found: u32,
        /// Newest schema this build reads.
        supported: u32,
    },
    /// A commune's bundle, not a village's (the district takes those).
    #[error("a commune's bundle")]
    CommuneBundle,
    /// A district's bundle: nothing imports it.
    #[error("a district's bundle")]
    DistrictBundle,
    /// The commune's assignment bundle for a village (the village imports it).
    #[error("an assignment bundle")]
    AssignmentBundle,
    /// An older schema without the whole cycle (only [`inspect`] reads those).
    #[error("schema {found} does not carry the whole cycle")]
    OlderSchema {
        /// Schema in the file.
        found: u32,
    },
}

impl BundleError {
    /// i18n key of the translated sentence (argument `{0}` is the file name, `{1}` and
    /// `{2}` the schemas where they apply).
    pub fn message_key(&self) -> &'static str {
        match self {
            BundleError::NotJson => "bundle.err.not_json",
            BundleError::NotABundle => "bundle.err.not_bundle",
            BundleError::Checksum => "check.err.checksum",
            BundleError::NewerSchema { .. } => "check.err.newer",
            BundleError::OlderSchema { .. } => "bundle.err.older",
            BundleError::CommuneBundle => "bundle.err.commune",
            BundleError::DistrictBundle => "bundle.err.district",
            BundleError::AssignmentBundle => "bundle.err.assignment",
        }
    }

    /// Arguments after the file name.
    pub fn message_args(&self) -> Vec<String> {
        match self {
            BundleError::NewerSchema { found, supported } => {
                vec![found.to_string(), supported.to_string()]
            }
            BundleError::OlderSchema { found } => vec![found.to_string()],
            BundleError::NotJson
            | BundleError::NotABundle
            | BundleError::Checksum
            | BundleError::CommuneBundle
            | BundleError::DistrictBundle
            | BundleError::AssignmentBundle => Vec::new(),
        }
    }
}

/// What [`inspect`] found in a sound file.
#[derive(Debug, Clone, PartialEq)]
pub enum Contents {
    /// A schema-3 exchange bundle.
    Exchange(Box<Bundle>),
    /// A commune's bundle of a planning year (for the district).
    Commune(Box<CommuneBundle>),
    /// A district's bundle of a planning year.
    District(Box<DistrictBundle>),
    /// The commune's assignment of one village's annual plan (for the village).
    Assignment(Box<AssignmentBundle>),
    /// A schema-1 or -2 bundle (a plan snapshot).
    Legacy(Box<CycleSnapshot>),
}

impl Bundle {
    /// The bundle of a record (already without personal details when `private`).
    pub fn new(record: CycleRecord, private: bool, stamp: &Stamp) -> Bundle {
        Bundle {
            schema_version: BUNDLE_SCHEMA_VERSION,
            bundle_id: stamp.bundle_id.to_string(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            created_at: stamp
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            commune_code: record.commune_code.clone(),
            village_code: record.village_code.clone(),
            year: record.cycle.year,
            private,
            plans: plan_identities(&record),
            record,
        }
    }

    /// The hex SHA-256 of the canonical content.
    pub fn sha256(&self) -> String {
        content_sha256(self)
    }

    /// The check code printed on paper: "1A2B-3C4D".
    pub fn check_code(&self) -> String {
        check_code(&self.sha256())
    }

    /// The file: canonical JSON of `{content, schema_version, sha256}`.
    pub fn to_bytes(&self) -> Vec<u8> {
        file_bytes(self, self.schema_version)
    }
}

/// A bundle file (village, commune or district): the canonical JSON of `{content,
/// schema_version, sha256}`, the checksum taken over the canonical `content`.
pub fn file_bytes<T: Serialize + ?Sized>(content: &T, schema_version: u32) -> Vec<u8> {
    let content = canonical_content(content);
    let sha256 = hex_sha256(&content);
    // The keys in byte order: content, schema_version, sha256.
    let mut out = Vec::with_capacity(content.len() + 120);
    out.extend_from_slice(b"{\"content\":");
    out.extend_from_slice(&content);
    out.extend_from_slice(
        format!(",\"schema_version\":{schema_version},\"sha256\":\"{sha256}\"}}").as_bytes(),
    );
    out
}

/// The lower-case hex SHA-256 of a bundle's canonical content.
pub fn content_sha256<T: Serialize + ?Sized>(content: &T) -> String {
    hex_sha256(&canonical_content(content))
}

/// The canonical bytes of a bundle's content, written straight from it
/// ([`super::canonical`]); the same bytes as [`canonical`] of its [`content_value`].
pub fn canonical_content<T: Serialize + ?Sized>(content: &T) -> Vec<u8> {
    super::canonical::to_canonical(content).unwrap_or_else(|| canonical(&content_value(content)))
}

/// The content of a bundle as a JSON value (a struct of plain data always serialises).
pub fn content_value<T: Serialize + ?Sized>(bundle: &T) -> Value {
    serde_json::to_value(bundle).unwrap_or(Value::Null)
}

/// The check code of a hex SHA-256: its first 8 digits, upper case, as "XXXX-XXXX".
pub fn check_code(sha256: &str) -> String {
    let head: String = sha256.chars().take(8).collect::<String>().to_uppercase();
    match (head.get(..4), head.get(4..)) {
        (Some(a), Some(b)) if head.len() == 8 => format!("{a}-{b}"),
        _ => head,
    }
}

/// Reads a schema-3 or -4 bundle: checks the checksum and schema and returns the record with
/// its identity. The commune import calls this.
pub fn read(bytes: &[u8]) -> Result<Bundle, BundleError> {
    read_checked(bytes).map(|(bundle, _)| bundle)
}

/// [`read`], with the hex SHA-256 the file's content was checked against (for a bundle
/// kehoach wrote, [`Bundle::sha256`], without serialising the bundle again).
pub fn read_checked(bytes: &[u8]) -> Result<(Bundle, String), BundleError> {
    match checked(bytes)? {
        (Contents::Exchange(bundle), sha256) => Ok((*bundle, sha256)),
        (Contents::Commune(_), _) => Err(BundleError::CommuneBundle),
        (Contents::District(_), _) => Err(BundleError::DistrictBundle),
        (Contents::Assignment(_), _) => Err(BundleError::AssignmentBundle),
        (Contents::Legacy(snapshot), _) => Err(BundleError::OlderSchema {
            found: snapshot.schema_version,
        }),
    }
}

/// Reads any bundle kehoach ever wrote (schemas 1 to 4), checking its checksum.
pub fn inspect(bytes: &[u8]) -> Result<Contents, BundleError> {
    checked(bytes).map(|(contents, _)| contents)
}

/// [`inspect`], with the hex SHA-256 the content was checked against (the import reads
/// village and commune bundles with this).
pub fn inspect_checked(bytes: &[u8]) -> Result<(Contents, String), BundleError> {
    checked(bytes)
}

/// The contents and their checked hex SHA-256.
fn checked(bytes: &[u8]) -> Result<(Contents, String), BundleError> {
    let mut file: Value = serde_json::from_slice(bytes).map_err(|_| BundleError::NotJson)?;
    let schema = file
        .get("schema_version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or(BundleError::NotABundle)?;
    if schema > BUNDLE_SCHEMA_VERSION {
        return Err(BundleError::NewerSchema {
            found: schema,
            supported: BUNDLE_SCHEMA_VERSION,
        });
    }
    let sha256 = file
        .get("sha256")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or(BundleError::NotABundle)?;
    let content = file
        .get_mut("content")
        .map(Value::take)
        .ok_or(BundleError::NotABundle)?;
    if hex_sha256(&canonical(&content)) != sha256 {
        return Err(BundleError::Checksum);
    }
    let inner = content.get("schema_version").and_then(Value::as_u64);
    if inner != Some(u64::from(schema)) {
        return Err(BundleError::NotABundle);
    }
    let kind = content.get("kind").and_then(Value::as_str);
    let (commune, district) = (kind == Some(COMMUNE_KIND), kind == Some(DISTRICT_KIND));
    let record_schema = schema >= FIRST_RECORD_SCHEMA;
    let contents = if record_schema && kind == Some(ASSIGNMENT_KIND) {
        let bundle: AssignmentBundle =
            serde_json::from_value(content).map_err(|_| BundleError::NotABundle)?;
        Contents::Assignment(Box::new(bundle))
    } else if record_schema && district {
        let bundle: DistrictBundle =
            serde_json::from_value(content).map_err(|_| BundleError::NotABundle)?;
        Contents::District(Box::new(bundle))
    } else if record_schema && commune {
        let bundle: CommuneBundle =
            serde_json::from_value(content).map_err(|_| BundleError::NotABundle)?;
        Contents::Commune(Box::new(bundle))
    } else if record_schema {
        // Read from the bytes, as the store reads a kept record (one deserialiser of the
        // record in the binary, not one for bytes and one for JSON values).
        #[derive(Deserialize)]
        struct File {
            content: Bundle,
        }
        let file: File = serde_json::from_slice(bytes).map_err(|_| BundleError::NotABundle)?;
        Contents::Exchange(Box::new(file.content))
    } else {
        let snapshot: CycleSnapshot =
            serde_json::from_value(content).map_err(|_| BundleError::NotABundle)?;
        Contents::Legacy(Box::new(snapshot))
    };
    Ok((contents, sha256))
}

/// Canonical bytes of a JSON value: compact, every object's keys sorted (by their UTF-8
/// bytes), written here rather than left to serde_json's map order.
pub fn canonical(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            out.push(b'{');
            // serde_json's default map is already in byte order: sort only when it is not.
            if map.keys().is_sorted_by(|a, b| a.as_bytes() <= b.as_bytes()) {
                write_entries(map.iter(), out);
            } else {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                write_entries(entries.into_iter(), out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_scalar(out, scalar),
    }
}

fn write_entries<'a>(entries: impl Iterator<Item = (&'a String, &'a Value)>, out: &mut Vec<u8>) {
    for (i, (key, item)) in entries.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_scalar(out, key);
        out.push(b':');
        write_canonical(item, out);
    }
}

/// A string or scalar as serde_json writes it compactly (writing to a `Vec` cannot fail).
fn write_scalar<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Lower-case hex SHA-256 of some bytes.
pub fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The version ids of the plans a record carries.
fn plan_identities(record: &CycleRecord) -> Vec<PlanIdentity> {
    let code = &record.village_code;
    let mut plans = Vec::new();
    let (made_in, versions) = match &record.carried_plan {
        Some(c) if record.plan_versions.is_empty() => (c.year, c.versions.as_slice()),
        _ => (record.cycle.year, record.plan_versions.as_slice()),
    };
    let id = |year: i32, kind: &str, v: u32| format!("{code}/{year}/{kind}/v{v}");
    for v in versions {
        plans.push(PlanIdentity {
            kind: PlanKind::MediumTerm,
            made_in_year: made_in,
            version: v.version,
            version_id: id(made_in, "mt", v.version),
            replaces: (v.version > 1).then(|| id(made_in, "mt", v.version - 1)),
            approved_at: v.approved_at.clone(),
        });
    }
    plans.extend(annual_identity(record));
    plans
}

/// The identity of a record's approved annual plan (`None`: not approved, or reopened).
pub fn annual_identity(record: &CycleRecord) -> Option<PlanIdentity> {
    let a = record.annual.approval.as_ref().filter(|a| a.frozen)?;
    let (code, year) = (&record.village_code, record.cycle.year);
    let version = a.version.max(1);
    let id = |v: u32| format!("{code}/{year}/annual/v{v}");
    Some(PlanIdentity {
        kind: PlanKind::Annual,
        made_in_year: year,
        version,
        version_id: id(version),
        replaces: (version > 1).then(|| id(version - 1)),
        approved_at: a.approved_at.clone(),
    })
}
