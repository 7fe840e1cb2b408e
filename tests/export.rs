//! Exports of the demo cycle in every format: XLSX read back with calamine, the JSON
//! bundle's round trip and checksum, HTML sections, CSV byte-order mark, privacy option.

#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use kehoach::domain::activity::{Category, Contribution, Sector, ValidActivity};
use kehoach::export::csv::{BOM, to_csv};
use kehoach::export::html::to_html;
use kehoach::export::json::{read_json, to_json};
use kehoach::export::xlsx::to_xlsx;
use kehoach::export::{CycleSnapshot, ExportError, Format, file_stem, render};
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;

fn road() -> ValidActivity {
    ValidActivity {
        name: "Làm đường bê tông liên buôn".into(),
        sector: Sector::Infrastructure,
        category: Category::Construction,
        quantity: Some(1.5),
        unit: "km".into(),
        time: "Quý 2/2027".into(),
        location: "Buôn Kram".into(),
        responsible: "Ban tự quản buôn".into(),
        contribution: Contribution {
            land_m2: 500,
            money_vnd: 15_000_000,
            labour_days: 120.5,
            materials: "cát, đá".into(),
        },
        estimated_cost_vnd: Some(450_000_000),
        proposed_by_women: true,
        subgroup_id: None,
        tool_code: Some("services_infrastructure".into()),
    }
}

/// The demo cycle plus one proposed activity (the demo stops at meeting 1).
fn demo() -> CycleSnapshot {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    store.add_activity(cycle, &road()).unwrap();
    store.cycle_snapshot(cycle).unwrap()
}

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, key: &str) -> calamine::Range<Data> {
    wb.worksheet_range(&t(Lang::Vi, key)).unwrap()
}

fn s(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => panic!("expected text, got {other:?}"),
    }
}

fn n(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, got {other:?}"),
    }
}

/// Whether a cell shows `label` (numbers as Rust prints them: 1.0 shows "1").
fn cell_is(c: &Data, label: &str) -> bool {
    match c {
        Data::String(s) => s == label,
        Data::Float(f) => f.to_string() == label,
        Data::Int(i) => i.to_string() == label,
        _ => false,
    }
}

/// The row whose first (or `col`) cell is `label`.
fn find_row<'a>(range: &'a calamine::Range<Data>, col: usize, label: &str) -> &'a [Data] {
    range
        .rows()
        .find(|r| r.get(col).is_some_and(|c| cell_is(c, label)))
        .unwrap_or_else(|| panic!("no row {label:?}"))
}

#[test]
fn the_snapshot_holds_the_demo_cycle() {
    let snap = demo();
    assert_eq!(snap.village.name, "Buôn Kram");
    assert_eq!(snap.commune.name, "Ea Tiêu");
    assert_eq!(snap.cycle.year, 2026);
    assert_eq!(snap.figures.len(), 15);
    assert_eq!(snap.facilitators.len(), 4);
    let m = snap.meeting1.as_ref().unwrap();
    assert!(m.closed);
    assert_eq!(m.tally.total(), 90);
    assert_eq!(m.facilitators_present.len(), 3);
    assert_eq!(snap.attendees.len(), 90);
    assert_eq!(snap.attendance_counts.by_gender, m.tally);
    assert_eq!(snap.working_group.members.len(), 20);
    assert!(snap.working_group.leader().is_some());
    assert_eq!(snap.working_group.frozen.unwrap().members, 20);
    // The demo's own proposals (if any) plus the road added above, all with their fields.
    let road = snap.activities.last().unwrap();
    assert_eq!(road.fields, self::road());
}

#[test]
fn xlsx_cells_match_the_snapshot_with_diacritics() {
    let snap = demo();
    let bytes = to_xlsx(&snap, Lang::Vi).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    for key in [
        "export.sheet.basic",
        "export.sheet.meeting1",
        "export.sheet.attendees",
        "export.sheet.working_group",
        "export.sheet.activities",
    ] {
        assert!(
            names.contains(&t(Lang::Vi, key)),
            "{key} missing: {names:?}"
        );
    }

    let basic = sheet(&mut wb, "export.sheet.basic");
    assert_eq!(s(&find_row(&basic, 0, "Xã")[1]), "Ea Tiêu");
    assert_eq!(s(&find_row(&basic, 0, "Tỉnh")[1]), "Đắk Lắk");
    assert_eq!(s(&find_row(&basic, 0, "Thôn, buôn")[1]), "Buôn Kram");
    for f in &snap.figures {
        let row = find_row(&basic, 0, &t(Lang::Vi, &format!("figure.{}", f.key)));
        match f.key.as_str() {
            "ethnic_groups" => assert_eq!(s(&row[1]), f.value),
            _ => assert_eq!(n(&row[1]), f.value.parse::<f64>().unwrap(), "{}", f.key),
        }
        assert_eq!(s(&row[2]), "Thống kê xã Ea Tiêu");
        assert_eq!(s(&row[3]), kehoach::domain::meeting::display_date(&f.as_of));
    }
    assert!(
        basic
            .rows()
            .any(|r| r.iter().any(|c| cell_is(c, "H'Yam Êban")))
    );

    let m1 = sheet(&mut wb, "export.sheet.meeting1");
    let m = snap.meeting1.as_ref().unwrap();
    assert_eq!(n(&find_row(&m1, 0, "Số nam")[1]), f64::from(m.tally.men));
    assert_eq!(n(&find_row(&m1, 0, "Số nữ")[1]), f64::from(m.tally.women));
    assert_eq!(n(&find_row(&m1, 0, "Tổng số")[1]), 90.0);
    assert_eq!(s(&find_row(&m1, 0, "Chủ trì")[1]), m.chair);
    assert_eq!(s(&find_row(&m1, 0, "Địa điểm")[1]), "Nhà văn hoá Buôn Kram");
    assert_eq!(
        s(&find_row(&m1, 0, "Vai trò chủ trì")[1]),
        "Trưởng ban tự quản"
    );

    let reg = sheet(&mut wb, "export.sheet.attendees");
    for a in &snap.attendees {
        let row = find_row(&reg, 0, &a.seq.to_string());
        assert_eq!(n(&row[0]), f64::from(a.seq));
        assert_eq!(s(&row[1]), *a.name.as_ref().unwrap());
        assert_eq!(s(&row[3]), *a.ethnicity.as_ref().unwrap());
    }

    let wg = sheet(&mut wb, "export.sheet.working_group");
    for m in &snap.working_group.members {
        let row = find_row(&wg, 1, &m.name);
        assert_eq!(s(&row[8]), if m.leader { "Có" } else { "Không" });
    }

    let acts = sheet(&mut wb, "export.sheet.activities");
    let row = find_row(&acts, 1, "Làm đường bê tông liên buôn");
    assert_eq!(s(&row[2]), "Giao thông, cơ sở hạ tầng");
    assert_eq!(n(&row[4]), 1.5);
    assert_eq!(s(&row[6]), "Quý 2/2027");
    assert_eq!(n(&row[10]), 15_000_000.0);
    assert_eq!(n(&row[11]), 120.5);
    assert_eq!(s(&row[12]), "cát, đá");
    assert_eq!(n(&row[13]), 450_000_000.0);
}

#[test]
fn json_round_trips_and_a_changed_byte_fails() {
    let snap = demo();
    let bytes = to_json(&snap);
    assert_eq!(read_json(&bytes).unwrap(), snap);

    // Change one letter of the village name.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let at = text.find("Kram").unwrap();
    let mut changed = bytes.clone();
    changed[at] = b'C';
    assert!(matches!(read_json(&changed), Err(ExportError::Checksum)));

    // Any single changed byte is refused (sampled across the file).
    for i in (0..bytes.len()).step_by(97) {
        let mut b = bytes.clone();
        b[i] = if b[i] == b'7' { b'8' } else { b'7' };
        assert!(read_json(&b).is_err(), "byte {i} changed yet accepted");
    }

    let bundle: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        bundle["schema_version"],
        kehoach::export::snapshot::SNAPSHOT_SCHEMA_VERSION
    );
    assert_eq!(bundle["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn html_is_utf8_with_every_section() {
    let snap = demo();
    let html = String::from_utf8(to_html(&snap, Lang::Vi)).unwrap();
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("size:A4"));
    for id in ["forms-1-2", "meeting-1", "activities", "attendance"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    for text in [
        "Biểu 1-2: Thông tin cơ bản của thôn, buôn",
        "Biên bản họp dân lần 1",
        "Tổ công tác được bầu",
        "Buôn Kram",
        "Đắk Lắk",
        "Làm đường bê tông liên buôn",
        "2026-05-12",
    ] {
        assert!(html.contains(text), "{text}");
    }
    let m = snap.meeting1.as_ref().unwrap();
    assert!(html.contains(&format!(
        "<td>{}</td><td>{}</td><td>90</td>",
        m.tally.men, m.tally.women
    )));
    assert!(html.contains(snap.working_group.leader().unwrap()));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="));
    let en = String::from_utf8(to_html(&snap, Lang::En)).unwrap();
    assert!(en.contains("Record of village meeting 1"));
}

#[test]
fn csv_files_start_with_the_bom_and_carry_diacritics() {
    let snap = demo();
    let files = to_csv(&snap);
    assert_eq!(files.len(), 10);
    for (name, bytes) in &files {
        assert!(
            name.starts_with("buon-kram-2026-") && name.ends_with(".csv"),
            "{name}"
        );
        assert!(name.is_ascii());
        assert!(bytes.starts_with(BOM), "{name}");
        std::str::from_utf8(bytes).unwrap();
    }
    let basic = String::from_utf8(files[0].1[3..].to_vec()).unwrap();
    assert!(basic.starts_with("Mã,Chỉ tiêu,Giá trị"));
    assert!(basic.contains("population,Dân số (người),612,Thống kê xã Ea Tiêu,31/03/2026"));
    let register = String::from_utf8(files[2].1[3..].to_vec()).unwrap();
    assert_eq!(register.lines().count(), 91);
}

#[test]
fn privacy_removes_names_and_keeps_counts() {
    let snap = demo();
    let private = snap.without_personal_details();
    assert!(private.private);
    assert_eq!(private.attendance_counts, snap.attendance_counts);
    assert_eq!(private.attendees.len(), snap.attendees.len());
    assert_eq!(
        private.meeting1.as_ref().unwrap().tally,
        snap.meeting1.as_ref().unwrap().tally
    );
    assert!(
        private
            .attendees
            .iter()
            .all(|a| a.name.is_none() && a.ethnicity.is_none() && a.wealth.is_none())
    );
    assert!(
        private
            .working_group
            .members
            .iter()
            .all(|m| m.ethnicity.is_none() && m.wealth.is_none())
    );

    // No attendee's name appears in any format, except the chair and the elected
    // working group (public roles).
    let public: Vec<String> = private
        .working_group
        .members
        .iter()
        .map(|m| m.name.clone())
        .chain([private.meeting1.as_ref().unwrap().chair.clone()])
        .collect();
    let hidden: Vec<&String> = snap
        .attendees
        .iter()
        .filter_map(|a| a.name.as_ref())
        .filter(|n| !public.iter().any(|p| p.contains(n.as_str())))
        .collect();
    assert!(!hidden.is_empty());
    let html = String::from_utf8(to_html(&private, Lang::Vi)).unwrap();
    let json = String::from_utf8(to_json(&private)).unwrap();
    let csv: String = to_csv(&private)
        .into_iter()
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect();
    for name in &hidden {
        assert!(!html.contains(name.as_str()), "{name} in html");
        assert!(!json.contains(name.as_str()), "{name} in json");
        assert!(!csv.contains(name.as_str()), "{name} in csv");
    }
    assert!(html.contains(&format!("{}: 90", t(Lang::Vi, "export.m1.total"))));
    let mut wb: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(to_xlsx(&private, Lang::Vi).unwrap())).unwrap();
    let reg = sheet(&mut wb, "export.sheet.attendees");
    assert_eq!(
        reg.rows()
            .filter(|r| matches!(r[0], Data::Float(_)))
            .count(),
        90
    );
    assert_eq!(read_json(json.as_bytes()).unwrap(), private);
}

#[test]
fn render_names_files_after_village_and_year() {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let snap = store.cycle_snapshot(cycle).unwrap();
    let record = store.cycle_record(cycle).unwrap();
    let source =
        kehoach::export::Source::new(snap.clone(), record, false, &kehoach::export::Stamp::now());
    assert_eq!(
        file_stem(&snap.village.name, snap.cycle.year),
        "buon-kram-2026"
    );
    let mut names = Vec::new();
    for f in Format::ALL {
        names.extend(
            render(&source, f, Lang::Vi)
                .unwrap()
                .into_iter()
                .map(|(n, _)| n),
        );
    }
    assert!(names.contains(&"buon-kram-2026.xlsx".to_string()));
    assert!(names.contains(&"buon-kram-2026.html".to_string()));
    assert!(names.contains(&"buon-kram-2026.json".to_string()));
    for form in [
        "bieu-3-du-thao",
        "ke-hoach-trung-han",
        "bieu-4-ke-hoach-nam",
        "danh-gia-nam-truoc",
        "cac-cuoc-hop",
    ] {
        let name = format!("buon-kram-2026-{form}.csv");
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert_eq!(names.len(), 13);
}
