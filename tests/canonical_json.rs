//! The canonical JSON written straight from a value (`export::canonical`) is byte for byte
//! what `bundle::canonical` makes of its `serde_json::Value`, so a bundle's checksum does
//! not change with the faster writer: for every demo cycle's bundle, the demo commune's
//! bundle, every shape serde derives, and random JSON values.

#![allow(clippy::unwrap_used)]

mod commands_support;
mod commune_support;

use std::collections::BTreeMap;

use kehoach::export::bundle::{Bundle, Stamp, canonical, content_value};
use kehoach::export::canonical::to_canonical;
use kehoach::export::commune::CommuneBundle;
use kehoach::store::Store;
use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;

/// The slow path: a `Value` first, then its canonical bytes.
fn through_value<T: Serialize>(x: &T) -> Vec<u8> {
    canonical(&content_value(x))
}

fn assert_same<T: Serialize>(x: &T) {
    let direct = to_canonical(x).expect("JSON");
    let slow = through_value(x);
    assert_eq!(
        String::from_utf8_lossy(&direct),
        String::from_utf8_lossy(&slow)
    );
}

#[test]
fn every_demo_bundle_and_the_commune_bundle_write_the_same_bytes() {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let mut cycles = 0;
    for c in store.communes().unwrap() {
        for v in store.villages(c.id).unwrap() {
            for cy in store.cycles(v.id).unwrap() {
                let record = store.cycle_record(cy.id).unwrap();
                assert_same(&Bundle::new(record.clone(), false, &Stamp::now()));
                assert_same(&Bundle::new(record, true, &Stamp::now()));
                cycles += 1;
            }
        }
    }
    assert!(cycles >= 3, "{cycles} cycles");
    let record = store.cycle_record(cycle).unwrap();
    let commune = commune_support::commune_of(&store, record.commune.id);
    let villages = commune_support::village_years(&store, commune.id);
    let bundle = CommuneBundle::new(
        commune,
        record.commune_code,
        2026,
        villages,
        false,
        &Stamp::now(),
    );
    assert_same(&bundle);
    // The file's checksum is taken over those bytes.
    let file: Value = serde_json::from_slice(&bundle.to_bytes()).unwrap();
    assert_eq!(file["sha256"], Value::String(bundle.sha256()));
    assert_eq!(bundle.to_bytes(), canonical(&file));
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(i64),
    Tuple(u8, String),
    Struct { z: Option<f64>, a: Vec<char> },
}

#[derive(Serialize)]
struct Flat {
    b: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u8>,
}

#[derive(Serialize)]
struct Every {
    zeta: Vec<Shape>,
    alpha: BTreeMap<i32, bool>,
    by_flag: BTreeMap<bool, f32>,
    unit: (),
    bytes: serde_bytes_like::Bytes,
    #[serde(flatten)]
    flat: Flat,
    value: Value,
    nan: f64,
    text: &'static str,
}

/// Bytes serialised as bytes (not as a sequence), as `serde_bytes` would.
mod serde_bytes_like {
    /// Some bytes.
    pub struct Bytes(pub Vec<u8>);
    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }
}

#[test]
fn every_shape_serde_derives_writes_the_same_bytes() {
    let every = Every {
        zeta: vec![
            Shape::Unit,
            Shape::Newtype(-7),
            Shape::Tuple(3, "x\"y\n\u{1}".into()),
            Shape::Struct {
                z: Some(1.5),
                a: vec!['ê', '\t'],
            },
            Shape::Struct { z: None, a: vec![] },
        ],
        alpha: BTreeMap::from([(10, true), (-2, false), (3, true)]),
        by_flag: BTreeMap::from([(true, 0.1), (false, 2.0)]),
        unit: (),
        bytes: serde_bytes_like::Bytes(vec![0, 255, 7]),
        flat: Flat {
            b: 4,
            skipped: None,
        },
        value: serde_json::json!({"b": [1, 2.5, null], "a": {"y": "ư", "x": -1}}),
        nan: f64::NAN,
        text: "Buôn Kram",
    };
    assert_same(&every);
}

#[test]
fn a_map_key_that_cannot_be_text_is_refused_by_both() {
    let map = BTreeMap::from([((1, 2), 3)]);
    assert!(to_canonical(&map).is_none());
    assert!(serde_json::to_value(&map).is_err());
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn random_json_writes_the_same_bytes(value in json()) {
        prop_assert_eq!(to_canonical(&value).unwrap(), canonical(&value));
    }
}
