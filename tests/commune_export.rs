//! The commune's exports of a year (issue 14, item 5): every format laid out from the
//! commune forms, files named `xa-<commune>-<year>…`, the commune bundle read back whole
//! with its checksum, and its check code on the printed page and in the workbook.

#![allow(clippy::unwrap_used)]

mod commands_support;
mod commune_support;

use std::io::{Cursor, Read};

use chrono::{FixedOffset, TimeZone};
use commune_support::{commune_of, village_years};
use kehoach::domain::commune::VillageYear;
use kehoach::export::Format;
use kehoach::export::bundle::{Stamp, canonical, hex_sha256};
use kehoach::export::commune::{CommuneBundle, render_commune};
use kehoach::i18n::Lang;
use kehoach::store::Store;

fn stamp() -> Stamp {
    Stamp {
        bundle_id: uuid::Uuid::from_u128(7),
        created_at: FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 6, 5, 9, 30, 0)
            .unwrap(),
    }
}

/// The demo commune's 2026: Buôn Kram (approved) and Thôn 3 (not yet).
fn demo_bundle(private: bool) -> CommuneBundle {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let record = store.cycle_record(cycle).unwrap();
    let commune = commune_of(&store, record.commune.id);
    let villages = village_years(&store, commune.id);
    assert_eq!(villages.len(), 2);
    CommuneBundle::new(
        commune,
        record.commune_code,
        2026,
        villages,
        private,
        &stamp(),
    )
}

fn names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn every_format_is_named_after_the_commune_and_year() {
    let bundle = demo_bundle(false);
    let csv = render_commune(&bundle, Format::Csv, Lang::Vi).unwrap();
    assert_eq!(
        names(&csv),
        [
            "xa-ea-tieu-2026-bieu-1-2-tong-hop.csv",
            "xa-ea-tieu-2026-bieu-5-dich-vu-cong.csv",
            "xa-ea-tieu-2026-bieu-6-dau-tu.csv",
            "xa-ea-tieu-2026-b1-chi-tieu.csv",
            "xa-ea-tieu-2026-b2-tong-hop-thon.csv",
            "xa-ea-tieu-2026-thay-doi.csv",
        ]
    );
    for (format, name) in [
        (Format::Xlsx, "xa-ea-tieu-2026.xlsx"),
        (Format::Html, "xa-ea-tieu-2026.html"),
        (Format::Json, "xa-ea-tieu-2026.json"),
    ] {
        assert_eq!(
            names(&render_commune(&bundle, format, Lang::Vi).unwrap()),
            [name]
        );
    }
}

#[test]
fn the_commune_bundle_reads_back_whole_under_its_checksum() {
    let bundle = demo_bundle(false);
    let bytes = &render_commune(&bundle, Format::Json, Lang::Vi).unwrap()[0].1;
    let file: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    let content = &file["content"];
    assert_eq!(file["sha256"], hex_sha256(&canonical(content)));
    assert_eq!(content["kind"], "commune");
    let back: CommuneBundle = serde_json::from_value(content.clone()).unwrap();
    assert_eq!(back, bundle);
    let kram: &VillageYear = back
        .villages
        .iter()
        .find(|v| v.village.name == "Buôn Kram")
        .unwrap();
    let approval = kram
        .record
        .as_ref()
        .unwrap()
        .annual
        .approval
        .as_ref()
        .unwrap();
    assert_eq!((approval.frozen, approval.version), (true, 1));
}

#[test]
fn the_check_code_is_on_the_printed_page_and_in_the_workbook_footer() {
    let bundle = demo_bundle(false);
    let code = format!("Mã kiểm tra: {}", bundle.check_code());
    let html = &render_commune(&bundle, Format::Html, Lang::Vi).unwrap()[0].1;
    let html = String::from_utf8(html.clone()).unwrap();
    assert!(html.contains(&code));
    assert!(html.contains("Biểu 5"), "form 5 is on the page");
    let xlsx = &render_commune(&bundle, Format::Xlsx, Lang::Vi).unwrap()[0].1;
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains(&code), "footer of the first sheet");
}

#[test]
fn a_private_commune_bundle_keeps_office_holders_only() {
    let open = demo_bundle(false);
    let private = demo_bundle(true);
    assert!(private.private);
    let people = |b: &CommuneBundle| -> (usize, usize) {
        let all: Vec<_> = b
            .villages
            .iter()
            .filter_map(|v| v.record.as_ref())
            .flat_map(|r| r.people.iter())
            .collect();
        (all.len(), all.iter().filter(|p| !p.name.is_empty()).count())
    };
    let (count, named) = people(&private);
    assert_eq!(count, people(&open).0, "every person is still counted");
    assert!(named < count, "only office holders keep their names");
    assert_ne!(private.check_code(), open.check_code());
}

#[test]
fn a_commune_bundle_is_checked_as_such_and_never_imported_as_a_village() {
    use kehoach::export::bundle::{BundleError, Contents, inspect, read};
    let bundle = demo_bundle(false);
    let bytes = &render_commune(&bundle, Format::Json, Lang::Vi).unwrap()[0].1;
    match inspect(bytes).unwrap() {
        Contents::Commune(back) => assert_eq!(*back, bundle),
        other => panic!("read as {other:?}"),
    }
    assert_eq!(read(bytes), Err(BundleError::CommuneBundle));
    let mut changed = bytes.clone();
    let at = changed.len() / 2;
    changed[at] ^= 1;
    assert!(inspect(&changed).is_err(), "a changed byte is refused");
}
