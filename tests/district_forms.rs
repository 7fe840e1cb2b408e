//! The district's forms from two communes of Cư Kuin made by commands in one store:
//! Ea Tiêu (Buôn Kram and Thôn 1 approved, Thôn 2 not) and Hòa Đông (Buôn Dăm), every
//! value worked out by hand below; a commune plan not approved listed and not counted;
//! the same forms from the communes' bundles imported into a district database; the
//! forms written through the XLSX writer and read back with calamine.

#![allow(clippy::unwrap_used)]

mod commands_support;
mod commune_support;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use commands_support::village;
use commune_support::{Act, KRAM, M, THON1, THON2, plan, village_in};
use kehoach::commands::import::ImportFile;
use kehoach::commands::{Command, ConferenceCommand, Effect, ImportCommand, execute};
use kehoach::domain::CommuneId;
use kehoach::domain::activity::Category::{Construction, TechnicalSupport};
use kehoach::domain::activity::Sector::{self, Agriculture, WaterSanitation};
use kehoach::domain::activity::{Funding, FundingSource};
use kehoach::domain::annual::Part::Two;
use kehoach::domain::district::CommuneYear;
use kehoach::export::Stamp;
use kehoach::export::commune::CommuneBundle;
use kehoach::export::forms::district::{DistrictYear, district_forms};
use kehoach::export::forms::{Form, Table, Value};
use kehoach::export::xlsx::{self, Margins};
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;

/// Buôn Dăm of Hòa Đông: d1 a well (construction, 50 million, villagers 5: district
/// budget asked 45), d2 pepper training (technical support, 8, villagers 2: commune
/// budget asked 6); both part 2, d1 ranked 1 (form-4 score 5), d2 2 (score 4).
#[rustfmt::skip]
const DAM: [Act; 2] = [
    ("Giếng nước sạch cho buôn", Construction, WaterSanitation, 50, 5, 12, 8, Two, 5),
    ("Tập huấn trồng tiêu", TechnicalSupport, Agriculture, 8, 2, 6, 10, Two, 4),
];

const AT: DistrictYear<'static> = DistrictYear {
    district: "Cư Kuin",
    province: "Đắk Lắk",
    year: 2026,
};

/// The two communes, their villages' 2026 plans made and, when `approve`, both
/// commune plans approved by their conferences.
fn two_communes(approve: bool) -> (Store, [CommuneId; 2]) {
    let mut v = village();
    for a in v.acts.clone() {
        v.run(Command::Assessment(
            kehoach::commands::AssessmentCommand::DeleteActivity(a),
        ));
    }
    let ea_tieu = v.store.village(v.village).unwrap().commune_id;
    plan(&mut v, &KRAM, None, true);
    village_in(&mut v, ea_tieu, "Thôn 2");
    plan(&mut v, &THON2, None, false);
    village_in(&mut v, ea_tieu, "Thôn 1");
    let programme = Funding {
        source: Some(FundingSource::Programme),
        budget_asked_vnd: Some(60 * M),
    };
    plan(&mut v, &THON1, Some((1, programme)), true);
    let Effect::Commune(hoa_dong) = v.run(Command::CreateCommune {
        name: "Hòa Đông".into(),
        district: "Huyện Cư Kuin".into(),
    }) else {
        panic!("a commune")
    };
    village_in(&mut v, hoa_dong, "Buôn Dăm");
    plan(&mut v, &DAM, None, true);
    let mut store = v.store;
    if approve {
        for commune in [ea_tieu, hoa_dong] {
            let c = ConferenceCommand::Approve {
                commune,
                year: 2026,
            };
            execute(&mut store, Command::Conference(c)).unwrap();
        }
    }
    (store, [ea_tieu, hoa_dong])
}

fn forms_of(years: &[CommuneYear]) -> Vec<Form> {
    district_forms(&AT, years, Lang::Vi)
}

fn form<'a>(forms: &'a [Form], file: &str) -> &'a Form {
    forms.iter().find(|f| f.file == file).unwrap()
}

/// A row's chosen cells joined by " | ": numbers as Rust prints them, "_" when empty.
fn line(row: &[Value], columns: &[usize]) -> String {
    let cell = |v: &Value| match v {
        Value::Text(t) => t.clone(),
        Value::Number(n) | Value::Decimal(n) | Value::Plain(n) => n.to_string(),
        Value::Empty => "_".into(),
    };
    let cells: Vec<String> = columns.iter().map(|&c| cell(&row[c])).collect();
    cells.join(" | ")
}

fn lines(table: &Table, group: usize, columns: &[usize]) -> Vec<String> {
    table.groups[group]
        .rows
        .iter()
        .map(|r| line(r, columns))
        .collect()
}

fn sector(s: Sector) -> Option<String> {
    Some(label(s))
}

fn label(s: Sector) -> String {
    t(Lang::Vi, s.label_key())
}

/// Number, activity, commune, village, cost, villagers' money, amount asked.
const BY_SECTOR: [usize; 7] = [0, 1, 2, 3, 10, 11, 13];

#[test]
fn the_communes_activities_by_sector_worked_out_by_hand() {
    let (store, communes) = two_communes(true);
    let years = store.district_year(&communes, 2026).unwrap();
    let forms = forms_of(&years);
    let f = form(&forms, "theo-linh-vuc");
    assert_eq!(
        f.title,
        "Tổng hợp hoạt động ưu tiên của các xã theo lĩnh vực năm 2026"
    );
    let list = &f.tables[0];
    let titles: Vec<Option<String>> = list.groups.iter().map(|g| g.title.clone()).collect();
    use Sector::*;
    assert_eq!(
        titles,
        [
            sector(Agriculture),
            sector(Livestock),
            sector(Infrastructure),
            sector(Irrigation),
            sector(WaterSanitation),
            sector(Education),
            sector(Health),
            sector(Economy),
            None
        ]
    );
    // Agriculture: Kram's coffee training (15, 2, commune budget 13), Thôn 1's maize
    // seed (part 1: 20, 20, nothing asked), Hòa Đông's pepper training (8, 2, 6): each
    // commune in name order, its villages in name order, each in its form-4 order.
    assert_eq!(
        lines(list, 0, &BY_SECTOR),
        [
            "1 | Tập huấn chăm sóc cà phê | Ea Tiêu | Buôn Kram | 15 | 2 | 13".to_string(),
            "2 | Mua giống ngô | Ea Tiêu | Thôn 1 | 20 | 20 | 0".to_string(),
            "3 | Tập huấn trồng tiêu | Hòa Đông | Buôn Dăm | 8 | 2 | 6".to_string(),
            format!("_ | Cộng {} | _ | _ | 43 | 24 | 19", label(Agriculture)),
        ]
    );
    // Infrastructure: Kram's road (300, 20, district 280), Thôn 1's culvert (80, 10,
    // programme 60 as given).
    assert_eq!(
        lines(list, 2, &BY_SECTOR)[2],
        format!(
            "_ | Cộng {} | _ | _ | 380 | 30 | 340",
            label(Infrastructure)
        )
    );
    // Irrigation: Kram's ditch (40, 10) counted; Thôn 2's canal listed, not counted.
    let irrigation = lines(list, 3, &BY_SECTOR);
    assert_eq!(
        irrigation[1],
        "8 | Kênh mương nội đồng | Ea Tiêu | Thôn 2 | 150 | 15 | 135"
    );
    let sub = format!("_ | Cộng {} | _ | _ | 40 | 10 | 0", label(Irrigation));
    assert_eq!(irrigation[2], sub);
    // Water: Kram's class (10, 1, 9) and Hòa Đông's well (50, 5, 45).
    assert_eq!(
        lines(list, 4, &BY_SECTOR)[2],
        format!("_ | Cộng {} | _ | _ | 60 | 6 | 54", label(WaterSanitation))
    );
    // Total: 488 + 58 cost, 70 + 7 villagers' money, 372 + 51 asked.
    assert_eq!(
        lines(list, 8, &BY_SECTOR),
        ["_ | Tổng cộng (xã và thôn, buôn đã thông qua) | _ | _ | 546 | 77 | 423"]
    );
    // Totals by funding source: count, cost, asked, villagers' money.
    let sums = &f.tables[1];
    assert_eq!(
        lines(sums, 0, &[0, 1, 2, 3, 4]),
        [
            format!("{} | 4 | 71 | 0 | 35", t(Lang::Vi, "funding.people")),
            format!(
                "{} | 4 | 45 | 38 | 7",
                t(Lang::Vi, "funding.commune_budget")
            ),
            format!(
                "{} | 2 | 350 | 325 | 25",
                t(Lang::Vi, "funding.district_budget")
            ),
            format!("{} | 1 | 80 | 60 | 10", t(Lang::Vi, "funding.programme")),
            "Tổng cộng (xã và thôn, buôn đã thông qua) | 11 | 546 | 423 | 77".to_string(),
        ]
    );
}

#[test]
fn the_same_activities_by_funding_source_and_the_summary_by_commune() {
    let (store, communes) = two_communes(true);
    let forms = forms_of(&store.district_year(&communes, 2026).unwrap());
    let by_source = &form(&forms, "theo-nguon-von").tables[0];
    // Number, activity, commune, village, cost, money, asked.
    let columns = [0, 1, 2, 3, 9, 10, 11];
    let people = lines(by_source, 0, &columns);
    assert_eq!(people.len(), 6, "{people:?}");
    assert_eq!(
        people[4],
        "5 | Tập huấn phòng bệnh | Ea Tiêu | Thôn 2 | 8 | 1 | 0"
    );
    assert_eq!(
        people[5],
        format!(
            "_ | Cộng {} | _ | _ | 71 | 35 | 0",
            t(Lang::Vi, "funding.people")
        )
    );
    let district = lines(by_source, 2, &columns);
    assert_eq!(district.len(), 4, "{district:?}");
    assert_eq!(
        district[3],
        format!(
            "_ | Cộng {} | _ | _ | 350 | 25 | 325",
            t(Lang::Vi, "funding.district_budget")
        )
    );
    let summary = &form(&forms, "tong-hop-xa").tables[0];
    // Commune, status, villages, approved plans, activities, part 2, cost, asked, money.
    let columns = [1, 3, 4, 5, 6, 7, 8, 9, 10];
    assert_eq!(
        lines(summary, 0, &columns),
        [
            "Ea Tiêu | ✓ đã thông qua, bản 1 | 3 | 2 | 11 | 6 | 488 | 372 | 70",
            "Hòa Đông | ✓ đã thông qua, bản 1 | 1 | 1 | 2 | 2 | 58 | 51 | 7",
            "Tổng cộng (xã và thôn, buôn đã thông qua) | _ | 4 | 3 | 13 | 8 | 546 | 423 | 77",
        ]
    );
}

#[test]
fn a_commune_plan_not_approved_is_listed_flagged_and_not_counted() {
    let (store, communes) = two_communes(false);
    let forms = forms_of(&store.district_year(&communes, 2026).unwrap());
    let f = form(&forms, "theo-linh-vuc");
    let list = &f.tables[0];
    let total = list.groups.last().unwrap();
    assert_eq!(
        line(&total.rows[0], &BY_SECTOR),
        "_ | Tổng cộng (xã và thôn, buôn đã thông qua) | _ | _ | 0 | 0 | 0"
    );
    let first = &list.groups[0].rows[0];
    assert!(line(first, &[15]).starts_with("Kế hoạch xã chưa thông qua: không cộng"));
    assert!(
        f.notes.iter().any(|n| n
            == "Kế hoạch xã chưa được hội nghị xã thông qua (liệt kê, không cộng): Ea Tiêu, Hòa Đông"),
        "{:?}",
        f.notes
    );
}

#[test]
fn imported_communes_give_the_same_forms_as_communes_held_here() {
    let (store, communes) = two_communes(true);
    let local = store.district_year(&communes, 2026).unwrap();
    let mut district = Store::open_in_memory().unwrap();
    for c in &local {
        let b = CommuneBundle::new(
            c.commune.clone(),
            c.commune_code.clone(),
            2026,
            c.villages.clone(),
            false,
            &Stamp::now(),
        )
        .with_conference(c.conference.clone());
        let file = ImportFile::new("xa.json", b.to_bytes());
        let import = ImportCommand {
            file,
            conflict_reason: None,
        };
        execute(&mut district, Command::Import(import)).unwrap();
    }
    let ids: Vec<CommuneId> = district.communes().unwrap().iter().map(|c| c.id).collect();
    let imported = district.district_year(&ids, 2026).unwrap();
    let (a, b) = (forms_of(&local), forms_of(&imported));
    assert_eq!(a[0], b[0], "by sector");
    assert_eq!(a[1], b[1], "by funding source");
    // The summary differs only where each commune's figures come from.
    let (mut sa, mut sb) = (a[2].clone(), b[2].clone());
    for rows in [
        &mut sa.tables[0].groups[0].rows,
        &mut sb.tables[0].groups[0].rows,
    ] {
        for row in rows.iter_mut() {
            row[2] = Value::Empty;
        }
    }
    assert_eq!(sa, sb);
    assert_eq!(
        line(&b[2].tables[0].groups[0].rows[0], &[2]).len(),
        9,
        "a check code"
    );
}

#[test]
fn the_district_forms_read_back_from_the_xlsx() {
    let (store, communes) = two_communes(true);
    let forms = forms_of(&store.district_year(&communes, 2026).unwrap());
    let margins = Margins {
        place: "Huyện Cư Kuin".into(),
        check_code: "Mã kiểm tra: 0000-0000".into(),
    };
    let bytes = xlsx::to_xlsx(&forms, &margins, Lang::Vi).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Theo lĩnh vực", "Theo nguồn vốn", "Tổng hợp theo xã"]
    );
    let sheet = book.worksheet_range("Theo lĩnh vực").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let road = rows
        .iter()
        .find(|r| {
            r.iter()
                .any(|c| c == &Data::String("Đường bê tông vào buôn".into()))
        })
        .unwrap();
    assert!(road.contains(&Data::String("Ea Tiêu".into())));
    assert!(road.contains(&Data::Float(300.0)) && road.contains(&Data::Float(280.0)));
}
